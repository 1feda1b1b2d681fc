import { describe, expect, it } from "vitest";
import { ConfigError } from "../config-error";
import { parseAuthConfig } from "./auth-config";

const fails = (env: Record<string, string>) => {
  try {
    parseAuthConfig(env);
  } catch (err) {
    expect(ConfigError.is(err)).toBe(true);
    return (err as Error).message;
  }
  throw new Error("expected a ConfigError");
};

describe("parseAuthConfig", () => {
  it("defaults to no login, the X-Forwarded-User header and no ingest token", () => {
    expect(parseAuthConfig({})).toEqual({ mode: "none", basic: null, proxyHeader: "x-forwarded-user", alb: null, ingestToken: null });
  });

  it("takes basic credentials, and a proxy header in lower case", () => {
    expect(parseAuthConfig({ AUTH_MODE: "basic", AUTH_BASIC_USER: "sre", AUTH_BASIC_PASSWORD: "correct horse battery" }).basic).toEqual({
      user: "sre",
      password: "correct horse battery",
    });
    expect(parseAuthConfig({ AUTH_MODE: "proxy", AUTH_PROXY_HEADER: "X-Auth-Request-Email" }).proxyHeader).toBe("x-auth-request-email");
    expect(parseAuthConfig({ INGEST_TOKEN: "0123456789abcdef" }).ingestToken).toBe("0123456789abcdef");
  });

  it("names the setting that is wrong", () => {
    expect(fails({ AUTH_MODE: "oauth" })).toContain('AUTH_MODE must be "none", "basic", "proxy" or "alb", got "oauth"');
    expect(fails({ AUTH_MODE: "basic", AUTH_BASIC_PASSWORD: "correct horse battery" })).toContain("needs AUTH_BASIC_USER");
    expect(fails({ AUTH_MODE: "basic", AUTH_BASIC_USER: "a:b", AUTH_BASIC_PASSWORD: "correct horse battery" })).toContain("must not contain ':'");
    expect(fails({ AUTH_MODE: "basic", AUTH_BASIC_USER: "sre", AUTH_BASIC_PASSWORD: "short" })).toContain("AUTH_BASIC_PASSWORD of at least 12 characters");
    expect(fails({ AUTH_MODE: "proxy", AUTH_PROXY_HEADER: "X User" })).toContain("AUTH_PROXY_HEADER must be a header name");
    expect(fails({ INGEST_TOKEN: "short" })).toContain("INGEST_TOKEN must be at least 16 characters");
    expect(fails({ INGEST_TOKEN: "0123456789 abcdef" })).toContain("must not contain whitespace");
  });
});

describe("AUTH_MODE=alb", () => {
  const ARN = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/sightline/50dc6c495c0c9188";
  const GOV = "arn:aws-us-gov:elasticloadbalancing:us-gov-west-1:123456789012:loadbalancer/app/sightline/50dc6c495c0c9188";
  const CN = "arn:aws-cn:elasticloadbalancing:cn-north-1:123456789012:loadbalancer/app/sightline/50dc6c495c0c9188";

  it("takes one or more ALB ARNs, and an optional key URL without its trailing slash", () => {
    expect(parseAuthConfig({ AUTH_MODE: "alb", ALB_ARN: ARN }).alb).toEqual({ arns: [ARN], keyUrl: null });
    expect(parseAuthConfig({ AUTH_MODE: "alb", ALB_ARN: ` ${ARN} , ${GOV} ` }).alb).toEqual({ arns: [ARN, GOV], keyUrl: null });
    expect(parseAuthConfig({ AUTH_MODE: "alb", ALB_ARN: CN, ALB_KEY_URL: "https://keys.example.cn/alb/" }).alb).toEqual({
      arns: [CN],
      keyUrl: "https://keys.example.cn/alb",
    });
    expect(parseAuthConfig({ AUTH_MODE: "alb", ALB_ARN: ARN, ALB_KEY_URL: "http://127.0.0.1:4000" }).alb?.keyUrl).toBe("http://127.0.0.1:4000");
    // Other modes ignore the ALB settings.
    expect(parseAuthConfig({ AUTH_MODE: "proxy", ALB_ARN: "nonsense" }).alb).toBeNull();
  });

  it("refuses a missing or malformed ARN, and a key URL anyone could tamper with", () => {
    expect(fails({ AUTH_MODE: "alb" })).toContain("AUTH_MODE=alb needs ALB_ARN");
    expect(fails({ AUTH_MODE: "alb", ALB_ARN: " , " })).toContain("AUTH_MODE=alb needs ALB_ARN");
    for (const bad of [
      "sightline",
      "arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/net/sightline/50dc6c495c0c9188",
      "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/sightline/50dc6c495c0c9188",
      "arn:aws:elasticloadbalancing:eu-west-1:1234:loadbalancer/app/sightline/50dc6c495c0c9188",
      "arn:aws:ec2:eu-west-1:123456789012:loadbalancer/app/sightline/50dc6c495c0c9188",
      `${ARN}/extra`,
    ]) {
      expect(fails({ AUTH_MODE: "alb", ALB_ARN: bad }), bad).toContain("ALB_ARN must be Application Load Balancer ARNs");
    }
    expect(fails({ AUTH_MODE: "alb", ALB_ARN: `${ARN},oops` })).toContain('got "oops"');
    expect(fails({ AUTH_MODE: "alb", ALB_ARN: CN })).toContain("ALB_KEY_URL is needed");
    expect(fails({ AUTH_MODE: "alb", ALB_ARN: ARN, ALB_KEY_URL: "http://keys.example.com" })).toContain("ALB_KEY_URL must be https");
    expect(fails({ AUTH_MODE: "alb", ALB_ARN: ARN, ALB_KEY_URL: "keys.example.com" })).toContain("ALB_KEY_URL must be an absolute URL");
    expect(fails({ AUTH_MODE: "alb", ALB_ARN: ARN, ALB_KEY_URL: "https://keys.example.com/?kid=" })).toContain("must not carry");
  });
});
