/**
 * Issue 15, "Cross-site and abuse", against the production build with AUTH_MODE=basic:
 * - every state-changing API route, sent with the signed-in user's credentials in every shape a
 *   hostile page can give it (a foreign or null Origin, Sec-Fetch-Site cross-site or same-site,
 *   a form's content types, none), is refused (403 or 415 with a JSON error naming the header),
 *   and the store is unchanged afterwards; preflights get no Access-Control-Allow-*;
 * - the app's own requests (same-origin, JSON) still work;
 * - password guessing: LIMIT failures from one address are 401s, the next request is a 429 with
 *   Retry-After (the correct password too, from that address); the real user signs in at once from
 *   another loopback address (127.0.0.2), and a forged X-Forwarded-For does not escape the limit.
 */
import { request as httpRequest } from "node:http";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { buildKnownTrace } from "../../../e2e/support/known-trace";
import { logsRequest, tracesRequest } from "../../../e2e/support/otlp-json";
import { RELIABILITY_PORTS } from "../ports";
import { type AppServer, startAppServer, stopChild } from "../processes";
import { check, fmt, type SuiteReport } from "../report";
import type { Suite } from "../suite";

const ROOT = path.resolve(__dirname, "../../..");
const PORT = RELIABILITY_PORTS.abuse.basicApp;
const USER = "sre";
const PASSWORD = "correct horse battery staple";
const TOKEN = "abuse-suite-ingest-token";
const LIMIT = 10;

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  ms: number;
}

/** A raw HTTP request (fetch would not let us set Origin, Sec-Fetch-Site or the source address). */
function send(method: string, p: string, headers: Record<string, string>, body?: string, localAddress = "127.0.0.1"): Promise<Answer> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: "127.0.0.1", port: PORT, method, path: p, headers: { host: `127.0.0.1:${PORT}`, ...headers }, localAddress }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (d: string) => (text += d));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text, ms: performance.now() - started }));
    });
    req.on("error", reject);
    req.setTimeout(10_000, () => req.destroy(new Error("timeout")));
    if (body !== undefined) req.write(body);
    req.end();
  });
}

const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}`;
const signedIn = { authorization: basic(USER, PASSWORD) };
const own = `http://127.0.0.1:${PORT}`;
const corsHeaders = (a: Answer) => Object.keys(a.headers).filter((h) => h.startsWith("access-control-allow"));
const errorOf = (a: Answer): { code?: string; message?: string } => {
  try {
    return (JSON.parse(a.body) as { error?: { code?: string; message?: string } }).error ?? {};
  } catch {
    return {};
  }
};

/** The shapes a hostile page (or a misconfigured client) gives a state-changing request. */
const ATTACKS: { name: string; headers: Record<string, string>; expect: number }[] = [
  {
    name: "form post, text/plain JSON, cross-site",
    headers: { origin: "http://evil.localhost:9", "sec-fetch-site": "cross-site", "content-type": "text/plain" },
    expect: 403,
  },
  {
    name: "form post, urlencoded, cross-site",
    headers: { origin: "http://evil.localhost:9", "sec-fetch-site": "cross-site", "content-type": "application/x-www-form-urlencoded" },
    expect: 403,
  },
  {
    name: "form post, multipart, same-site",
    headers: { origin: "http://127.0.0.1:9", "sec-fetch-site": "same-site", "content-type": "multipart/form-data; boundary=x" },
    expect: 403,
  },
  {
    name: "fetch no-cors, JSON claimed, cross-site",
    headers: { origin: "https://evil.example", "sec-fetch-site": "cross-site", "content-type": "application/json" },
    expect: 403,
  },
  { name: "Origin: null (sandboxed frame)", headers: { origin: "null", "content-type": "application/json" }, expect: 403 },
  { name: "foreign Origin, no Sec-Fetch-Site (older browser)", headers: { origin: "https://evil.example", "content-type": "application/json" }, expect: 403 },
  { name: "other scheme of our own host", headers: { origin: `https://127.0.0.1:${PORT}`, "content-type": "application/json" }, expect: 403 },
  { name: "navigation, Sec-Fetch-Site none", headers: { "sec-fetch-site": "none", "content-type": "application/json" }, expect: 403 },
  { name: "same-origin but text/plain", headers: { origin: own, "sec-fetch-site": "same-origin", "content-type": "text/plain;charset=UTF-8" }, expect: 415 },
  { name: "script without a content type", headers: {}, expect: 415 },
];

async function run(): Promise<SuiteReport> {
  const started = Date.now();
  const dataDir = path.join(ROOT, "test-results", `abuse-${Date.now()}`);
  mkdirSync(dataDir, { recursive: true });
  let app: AppServer | undefined;
  try {
    app = await startAppServer(PORT, {
      AUTH_MODE: "basic",
      AUTH_BASIC_USER: USER,
      AUTH_BASIC_PASSWORD: PASSWORD,
      INGEST_TOKEN: TOKEN,
      DATA_DIR: dataDir,
      RETENTION_DAYS: "36500",
    });
    const known = buildKnownTrace();
    for (const [p, body] of [
      ["/v1/traces", tracesRequest(known.spans)],
      ["/v1/logs", logsRequest(known.logs)],
    ] as const) {
      const r = await send("POST", p, { authorization: `Bearer ${TOKEN}`, "content-type": "application/json" }, JSON.stringify(body));
      if (r.status !== 200) throw new Error(`ingest ${p}: ${r.status} ${r.body}`);
    }
    // The app's own request shape: same-origin, JSON.
    const ownShape = { ...signedIn, origin: own, "sec-fetch-site": "same-origin", "content-type": "application/json" };
    const created = await send("POST", "/api/snapshots", ownShape, JSON.stringify({ traceId: known.traceId, title: "evidence", note: "" }));
    const victim = (JSON.parse(created.body) as { id: string }).id;
    const exported = (await send("GET", `/api/snapshots/${victim}/export`, signedIn)).body;
    const listBefore = (await send("GET", "/api/snapshots", signedIn)).body;

    const routes: { method: string; path: string; body?: string }[] = [
      { method: "POST", path: "/api/snapshots", body: JSON.stringify({ traceId: known.traceId, title: "forged", note: "" }) },
      { method: "POST", path: "/api/snapshots/import", body: exported.replace('"evidence"', '"forged"') },
      { method: "PATCH", path: `/api/snapshots/${victim}`, body: JSON.stringify({ title: "forged" }) },
      { method: "PUT", path: `/api/snapshots/${victim}`, body: JSON.stringify({ title: "forged" }) },
      { method: "DELETE", path: `/api/snapshots/${victim}` },
      { method: "DELETE", path: `/api/traces/${known.traceId}/logs` },
    ];
    let tried = 0;
    const wrong: string[] = [];
    const byCode = new Map<string, number>();
    const withCors: string[] = [];
    for (const route of routes) {
      for (const attack of ATTACKS) {
        // A DELETE has no body: its content type is not checked, only where it comes from.
        if (route.method === "DELETE" && attack.expect === 415) continue;
        tried += 1;
        const a = await send(route.method, route.path, { ...signedIn, ...attack.headers }, route.body);
        const e = errorOf(a);
        byCode.set(`${a.status} ${e.code}`, (byCode.get(`${a.status} ${e.code}`) ?? 0) + 1);
        const named = attack.expect === 415 ? /Content-Type/.test(e.message ?? "") : /Sec-Fetch-Site|Origin/.test(e.message ?? "");
        if (a.status !== attack.expect || !named)
          wrong.push(`${route.method} ${route.path.slice(0, 40)} (${attack.name}): ${a.status} ${a.body.slice(0, 120)}`);
        if (corsHeaders(a).length) withCors.push(`${route.method} ${route.path}: ${corsHeaders(a).join(", ")}`);
      }
    }
    const preflightPaths = [...new Set(routes.map((r) => r.path)), "/api/traces", "/v1/traces", "/v1/logs"];
    for (const p of preflightPaths) {
      tried += 1;
      const a = await send("OPTIONS", p, {
        origin: "https://evil.example",
        "access-control-request-method": "POST",
        "access-control-request-headers": "content-type",
      });
      if (corsHeaders(a).length) withCors.push(`OPTIONS ${p}: ${corsHeaders(a).join(", ")}`);
      if (p.startsWith("/api/") && a.status !== 403) wrong.push(`OPTIONS ${p}: ${a.status}, expected a 403 refusal`);
    }
    const listAfter = (await send("GET", "/api/snapshots", signedIn)).body;
    const unchanged = listAfter === listBefore && !listAfter.includes("forged");

    // The app's own writes still work: rename and a second capture.
    const renamed = await send("PATCH", `/api/snapshots/${victim}`, ownShape, JSON.stringify({ title: "evidence (renamed)" }));
    const scriptCreate = await send(
      "POST",
      "/api/snapshots",
      { ...signedIn, "content-type": "application/json" },
      JSON.stringify({ traceId: known.traceId, title: "from a script", note: "" }),
    );

    // Password guessing from 127.0.0.1; the real user on 127.0.0.2.
    const goodBefore: number[] = [];
    for (let i = 0; i < 5; i++) goodBefore.push((await send("GET", "/api/traces?limit=1", signedIn, undefined, "127.0.0.2")).ms);
    const guesses: number[] = [];
    for (let i = 0; i < LIMIT; i++)
      guesses.push((await send("GET", "/api/traces?limit=1", { authorization: basic(USER, `guess-${i}-wrong-password`) })).status);
    const blocked = await send("GET", "/api/traces?limit=1", { authorization: basic(USER, "guess-after-the-limit") });
    const blockedGood = await send("GET", "/api/traces?limit=1", signedIn);
    const spoofed = await send("GET", "/api/traces?limit=1", { ...signedIn, "x-forwarded-for": "198.51.100.77", "x-real-ip": "198.51.100.77" });
    const goodAfter: { status: number; ms: number }[] = [];
    for (let i = 0; i < 5; i++) {
      const a = await send("GET", "/api/traces?limit=1", signedIn, undefined, "127.0.0.2");
      goodAfter.push({ status: a.status, ms: a.ms });
    }
    const retryAfter = Number(blocked.headers["retry-after"]);
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const leaked = app.output().includes(PASSWORD) || app.output().includes("guess-");

    const checks = [
      check(
        `${fmt(tried - preflightPaths.length)} cross-site or non-JSON writes with valid credentials over ${routes.length} state-changing routes: each refused with the expected 403/415 and a message naming the header`,
        wrong.length === 0,
        wrong.slice(0, 6).join("\n") || undefined,
      ),
      check(
        "the snapshot list is byte-for-byte the same afterwards, with nothing forged in it",
        unchanged,
        unchanged ? undefined : `before ${listBefore.slice(0, 200)}\nafter ${listAfter.slice(0, 200)}`,
      ),
      check(
        `no answer carries Access-Control-Allow-* (${fmt(preflightPaths.length)} preflights included)`,
        withCors.length === 0,
        withCors.slice(0, 6).join("\n") || undefined,
      ),
      check(
        "the app's own same-origin JSON writes and a script's JSON write still succeed",
        renamed.status === 200 && scriptCreate.status === 201,
        `rename ${renamed.status}, script create ${scriptCreate.status}`,
      ),
      check(
        `${LIMIT} wrong passwords from one address are 401s; the next request is a 429 with Retry-After (${retryAfter} s), even with the right password or a forged X-Forwarded-For`,
        guesses.every((s) => s === 401) && blocked.status === 429 && retryAfter > 0 && blockedGood.status === 429 && spoofed.status === 429,
        `guesses ${guesses.join(",")}; then ${blocked.status}, right password ${blockedGood.status}, forged XFF ${spoofed.status}`,
      ),
      check(
        "the real user from another address is never locked out",
        goodAfter.every((g) => g.status === 200),
        goodAfter.map((g) => g.status).join(","),
      ),
      check("no password or guess appears in the server's output", !leaked),
    ];
    return {
      suite: "abuse",
      title: "Cross-site and abuse",
      durationMs: Date.now() - started,
      checks,
      figures: [
        {
          label: "cross-site and non-JSON writes refused",
          value: `${fmt(tried - preflightPaths.length - wrong.length)} of ${fmt(tried - preflightPaths.length)} (${[...byCode].map(([k, n]) => `${k} ${n}`).join("; ")})`,
        },
        { label: "preflights answered without permission", value: `${fmt(preflightPaths.length)}` },
        { label: "failed logins before the 429", value: `${LIMIT}, then Retry-After ${retryAfter} s (doubling per lock-out, at most 3600 s)` },
        {
          label: "good login from another address",
          value: `median ${median(goodBefore).toFixed(1)} ms before the attack, ${median(goodAfter.map((g) => g.ms)).toFixed(1)} ms during the lock-out`,
        },
      ],
      method: `The production build with AUTH_MODE=basic on ${PORT} (local source, one ingested trace and one snapshot); raw HTTP requests with the user's valid credentials and browser-shaped Origin / Sec-Fetch-Site / Content-Type headers; the guesser on 127.0.0.1, the real user on 127.0.0.2.`,
      tally: { requestsTried: tried, rejectedCorrectly: tried - wrong.length },
    };
  } finally {
    if (app) await stopChild(app.process);
  }
}

const suite: Suite = { id: "abuse", order: 15, fast: true, timeoutMs: 120_000, run };
export default suite;
