/**
 * AUTH_MODE=alb settings: the Application Load Balancers whose signature is trusted (ALB_ARN) and
 * where their public keys are (ALB_KEY_URL, else AWS's key service for the ARN's region). Pure, no
 * server-only import: auth-config.ts validates with it and the request proxy reads it.
 */
import { isLoopback } from "./listen-address";

/** arn:PARTITION:elasticloadbalancing:REGION:ACCOUNT:loadbalancer/app/NAME/ID (an Application Load Balancer, not a network one). */
const ALB_ARN =
  /^arn:(aws|aws-us-gov|aws-cn):elasticloadbalancing:([a-z]{2}(?:-[a-z]+)+-\d):(\d{12}):loadbalancer\/app\/[A-Za-z0-9](?:[A-Za-z0-9-]{0,30}[A-Za-z0-9])?\/[0-9a-f]+$/;

export interface AlbArn {
  arn: string;
  partition: "aws" | "aws-us-gov" | "aws-cn";
  region: string;
}

export function parseAlbArn(arn: string): AlbArn | null {
  const m = ALB_ARN.exec(arn);
  return m ? { arn, partition: m[1] as AlbArn["partition"], region: m[2] } : null;
}

/**
 * Where AWS publishes the keys an ALB of this region signs with, one PEM per key ID at `<base>/<kid>`
 * (ELB user guide, "Authenticate users using an Application Load Balancer"). Null for the China
 * partition, whose address AWS does not document: ALB_KEY_URL is required there.
 */
export function defaultKeyBase({ partition, region }: AlbArn): string | null {
  if (partition === "aws") return `https://public-keys.auth.elb.${region}.amazonaws.com`;
  if (partition === "aws-us-gov") return `https://s3-${region}.amazonaws.com/aws-elb-public-keys-prod-${region}`;
  return null;
}

/**
 * ALB_KEY_URL as given, without a trailing slash; or why it is refused. HTTPS only, but for a
 * loopback address (the tests serve their own key): the key decides who gets in, so it must not
 * travel where it can be swapped.
 */
export function checkKeyUrl(raw: string): { url: string } | { error: string } {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return { error: "must be an absolute URL" };
  }
  if (u.username || u.password || u.search || u.hash) return { error: "must not carry credentials, a query or a fragment" };
  if (u.protocol !== "https:" && !(u.protocol === "http:" && isLoopback(u.hostname))) return { error: "must be https (http only on a loopback address)" };
  return { url: raw.replace(/\/+$/, "") };
}

/** A key ID that is safe to put into a URL path: AWS's are UUIDs. No dots or slashes, so never `..` or another path. */
export const isSafeKid = (kid: string): boolean => /^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/.test(kid);
