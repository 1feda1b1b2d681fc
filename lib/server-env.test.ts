import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { checkServerEnv, SERVER_ENV } from "./server-env";

const ROOT = path.resolve(__dirname, "..");

/** The server's own source: lib, app, proxy.ts and instrumentation.ts, tests left out. */
function serverSources(): string[] {
  const walk = (dir: string): string[] =>
    readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
      const rel = path.join(dir, e.name);
      if (e.isDirectory()) return walk(rel);
      return /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [rel] : [];
    });
  return [...walk("lib"), ...walk("app"), "proxy.ts", "instrumentation.ts"];
}

/** Read by the build or Next.js' runtime switch, never by a running deployment's configuration. */
const NOT_DEPLOYMENT_SETTINGS = new Set(["NEXT_RUNTIME", "NEXT_PUBLIC_SIGHTLINE_BUILD_LABEL", "NEXT_MANUAL_SIG_HANDLE"]);

describe("SERVER_ENV", () => {
  const text = serverSources()
    .map((f) => readFileSync(path.join(ROOT, f), "utf8"))
    .join("\n");

  it("lists every variable the server's code reads by name", () => {
    const read = new Set<string>();
    // env.NAME, process.env.NAME, env["NAME"], and the parsers' numberSetting(env, "NAME") / num("NAME").
    for (const m of text.matchAll(/\benv(?:\.|\[")([A-Z][A-Z0-9_]{2,})/g)) read.add(m[1]);
    for (const m of text.matchAll(/(?:numberSetting\(env, |num\()"([A-Z][A-Z0-9_]{2,})"/g)) read.add(m[1]);
    // lib/config.ts's zod schema: `  NAME: z.…` / `  NAME: positiveNumber(…)`.
    for (const m of text.matchAll(/^ {2}([A-Z][A-Z0-9_]{2,}): (?:z\.|positiveNumber\()/gm)) read.add(m[1]);
    for (const n of ["DATA_SOURCE", "RETENTION_DAYS", "AUTH_MODE", "INGEST_TOKEN", "LOGS_SCAN_BUDGET_GB_PER_DAY", "XRAY_SUMMARY_PAGE_CAP", "PUBLIC_URL"])
      expect(read, n).toContain(n);
    const missing = [...read].filter((n) => !SERVER_ENV.has(n as never) && !NOT_DEPLOYMENT_SETTINGS.has(n));
    expect(missing).toEqual([]);
  });

  it("lists only variables the server's code names (or the AWS SDK and Node read)", () => {
    for (const [name, reader] of SERVER_ENV) if (reader === "sightline") expect(text, name).toMatch(new RegExp(`\\b${name}\\b`));
  });
});

describe("checkServerEnv", () => {
  it("accepts the defaults and an aws configuration", () => {
    expect(() => checkServerEnv({})).not.toThrow();
    expect(() => checkServerEnv({ DATA_SOURCE: "aws", LOG_GROUPS: "/ecs/*", AUTH_MODE: "proxy", PUBLIC_URL: "https://sightline.example.com" })).not.toThrow();
  });

  it.each([
    [{ DATA_SOURCE: "gcp" }, "DATA_SOURCE"],
    [{ RETENTION_DAYS: "0" }, "RETENTION_DAYS"],
    [{ AUTH_MODE: "basic", AUTH_BASIC_USER: "sre", AUTH_BASIC_PASSWORD: "short" }, "AUTH_BASIC_PASSWORD"],
    [{ PUBLIC_URL: "sightline.example.com" }, "PUBLIC_URL"],
    [{ LOGIN_MAX_FAILURES_PER_MINUTE: "0" }, "LOGIN_MAX_FAILURES_PER_MINUTE"],
    [{ DATA_SOURCE: "aws", LOG_GROUPS: "*" }, "LOG_GROUPS"],
    [{ DATA_SOURCE: "aws", AWS_REQUEST_TIMEOUT_MS: "5" }, "AWS_REQUEST_TIMEOUT_MS"],
    [{ DATA_SOURCE: "aws", LOGS_SEARCHES_PER_USER_PER_MINUTE: "1.5" }, "LOGS_SEARCHES_PER_USER_PER_MINUTE"],
  ])("refuses %o, naming %s", (env, name) => {
    expect(() => checkServerEnv(env)).toThrow(name);
  });

  it("checks the AWS settings only when DATA_SOURCE=aws, as start-up does", () => {
    expect(() => checkServerEnv({ LOG_GROUPS: "*" })).not.toThrow();
  });
});
