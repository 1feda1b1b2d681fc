/**
 * A container's environment in a deployment example, checked against the server itself:
 * - every name is one the server reads (lib/server-env.ts), and none that must not be set there;
 * - secrets (the Basic password, the ingest token) come from the platform's secret store, never
 *   as a plain value; static AWS keys are never set (the task role, IRSA or Pod Identity give
 *   credentials);
 * - the values, over the image's own ENV, pass the parsers start-up runs (checkServerEnv), a
 *   secret standing in with a value of the accepted form;
 * - on DATA_SOURCE=aws, every setting the aws journeys start their server with
 *   (e2e/support/serve-aws.sh) is given, but for the ones that only point the journeys at the AWS
 *   test server.
 */
import { ConfigError } from "@/lib/config-error";
import { checkServerEnv, SERVER_ENV } from "@/lib/server-env";
import type { Report } from "./problems";

export interface EnvEntry {
  name: string;
  /** A plain value; undefined for one taken from a secret store. */
  value?: string;
  fromSecret: boolean;
}

/** Variables a deployment must never set, and why. */
const NOT_IN_A_DEPLOYMENT: Readonly<Record<string, string>> = {
  AWS_ACCESS_KEY_ID: "static AWS keys: the task role, IRSA or EKS Pod Identity gives the credentials",
  AWS_SECRET_ACCESS_KEY: "static AWS keys: the task role, IRSA or EKS Pod Identity gives the credentials",
  AWS_SESSION_TOKEN: "static AWS keys: the task role, IRSA or EKS Pod Identity gives the credentials",
  AWS_PROFILE: "the image has no shared AWS config file: the role gives the credentials",
  NEXT_MANUAL_SIG_HANDLE: "Next.js would then leave its server open on SIGTERM (README, Probes and shutdown)",
  NEXT_PUBLIC_SIGHTLINE_BUILD_LABEL: "read at build time only (docker build --build-arg SIGHTLINE_BUILD_LABEL=…)",
  LISTEN_HOST: "read by npm start only; the image runs node server.js, which listens on HOSTNAME",
  AUDIT_STRICT: "read by npm test only",
};

/** Taken from a secret store only. */
const SECRETS: ReadonlySet<string> = new Set(["AUTH_BASIC_PASSWORD", "INGEST_TOKEN"]);

/** What a secret reference stands for in the check: a value of the form the server accepts. */
const SECRET_STAND_IN = "stand-in-for-a-secret-0123456789";

/** Set by the aws journeys only to reach the AWS test server without AWS. */
const JOURNEY_HARNESS_ONLY: ReadonlySet<string> = new Set(["AWS_ENDPOINT_URL", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"]);

/** The names a shell script exports (`export A=… B=…`, also after `then`). */
export function exportedNames(script: string): string[] {
  const names = new Set<string>();
  for (const m of script.matchAll(/\bexport\s+([^;\n]+)/g)) {
    for (const a of m[1].matchAll(/(?:^|\s)([A-Z_][A-Z0-9_]*)=/g)) names.add(a[1]);
  }
  return [...names];
}

/**
 * Checks `entries` (over the image's ENV); returns the environment the server would see, secrets
 * standing in, for the callers' own checks (PORT, DATA_DIR).
 */
export function checkEnv(
  entries: readonly EnvEntry[],
  imageEnv: Readonly<Record<string, string>>,
  journeyNames: readonly string[],
  report: Report,
): Record<string, string> {
  const env: Record<string, string> = { ...imageEnv };
  const seen = new Set<string>();
  for (const e of entries) {
    if (seen.has(e.name)) report(`${e.name} is set twice`);
    seen.add(e.name);
    const forbidden = NOT_IN_A_DEPLOYMENT[e.name];
    if (forbidden) report(`${e.name} must not be set in a deployment: ${forbidden}`);
    else if (!SERVER_ENV.has(e.name as never)) report(`${e.name} is not a variable the server reads (lib/server-env.ts lists them)`);
    if (SECRETS.has(e.name) && !e.fromSecret) report(`${e.name} is a secret: take it from the secret store, never a plain value`);
    env[e.name] = e.fromSecret ? SECRET_STAND_IN : (e.value ?? "");
  }
  try {
    checkServerEnv(env);
  } catch (err) {
    if (!ConfigError.is(err)) throw err;
    report(`the server would refuse to start: ${err.message}`);
  }
  if (env.DATA_SOURCE === "aws") {
    for (const name of journeyNames) {
      if (!JOURNEY_HARNESS_ONLY.has(name) && !(name in env)) report(`${name} is not set, but the aws journeys run with it (e2e/support/serve-aws.sh)`);
    }
  }
  return env;
}
