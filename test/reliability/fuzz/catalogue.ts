/**
 * The request catalogue: for every route and parameter of the public HTTP contract, a generator
 * of hostile (must be rejected) and valid-but-odd (must be served) requests.
 */
import { parseTraceId } from "@/lib/trace-id";
import { encodeComponent, hostileText, PERCENT_FORMS } from "./hostile-text";
import { malformedSnapshotId, malformedTraceId, oddValidTraceId, unknownSnapshotId } from "./ids";
import { otlpCase } from "./otlp-bodies";
import type { Rng } from "./prng";
import * as qv from "./query-values";
import { queryString } from "./query-string";
import type { CatalogueContext, FuzzRequest } from "./request";
import { createBody, importBody, patchBody } from "./snapshot-bodies";

type Pairs = [string, string][];

const safeDecode = (raw: string) => {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
};
type Generator = (rng: Rng, ctx: CatalogueContext) => FuzzRequest;

const api = (family: string, method: string, path: string, rest: Omit<FuzzRequest, "family" | "method" | "path" | "answer">): FuzzRequest => ({
  family,
  method,
  path,
  answer: "json",
  ...rest,
});

/** A trace-ID path segment: malformed (encoded, or raw percent junk) or a valid odd form of a pooled ID. */
function traceSegment(rng: Rng, ctx: CatalogueContext): { segment: string; valid: boolean; hex?: string; note: string } {
  if (rng.chance(0.75)) {
    if (rng.chance(0.15)) {
      // Left raw: some decode to a valid ID ("%0A" + hex is a newline the parser trims), most do not.
      const raw = `${rng.pick(PERCENT_FORMS)}${rng.pick(["", "5f3a3e12", ctx.traceHexPool[0] ?? ""])}`;
      const parsed = parseTraceId(safeDecode(raw));
      return parsed.ok
        ? { segment: raw, valid: true, hex: parsed.id.hex, note: `raw ${JSON.stringify(raw)}` }
        : { segment: raw, valid: false, note: `raw ${JSON.stringify(raw)}` };
    }
    const id = malformedTraceId(rng);
    return { segment: encodeComponent(id), valid: false, note: `malformed ${JSON.stringify(id.slice(0, 80))}` };
  }
  const hex = ctx.knownTraceHex && rng.chance(0.3) ? ctx.knownTraceHex : rng.pick(ctx.traceHexPool);
  const odd = oddValidTraceId(rng, hex);
  return { segment: encodeComponent(odd.raw), valid: true, hex, note: `odd valid ${JSON.stringify(odd.raw)}` };
}

function windowPairs(rng: Rng, ctx: CatalogueContext): Pairs {
  return rng.chance(0.5) ? qv.oddWindow(rng, ctx.now) : [];
}

const searchTraces: Generator = (rng, ctx) => {
  const family = "GET /api/traces";
  const base = windowPairs(rng, ctx);
  const mutations: (() => FuzzRequest)[] = [
    () => api(family, "GET", `/api/traces${queryString(qv.badWindow(rng, ctx.now, ctx.maxWindowMs))}`, { expect: "reject", note: "bad window" }),
    () => api(family, "GET", `/api/traces${queryString([...base, ["limit", qv.badLimit(rng)]])}`, { expect: "reject", note: "bad limit" }),
    () => api(family, "GET", `/api/traces${queryString([...base, ["status", qv.unknownStatus(rng)]])}`, { expect: "reject", note: "unknown status" }),
    () =>
      api(family, "GET", `/api/traces${queryString([...base, [rng.pick(["minDurationMs", "maxDurationMs"]), qv.badDuration(rng)]])}`, {
        expect: "reject",
        note: "bad duration",
      }),
    () =>
      api(family, "GET", `/api/traces${queryString([...base, ["minDurationMs", "500"], ["maxDurationMs", String(rng.int(0, 499))]])}`, {
        expect: "reject",
        note: "max < min duration",
      }),
    () => api(family, "GET", `/api/traces${queryString([...base, ["service", qv.badService(rng)]])}`, { expect: "reject", note: "bad service" }),
    () => api(family, "GET", `/api/traces${queryString([...base, ["operation", qv.badOperation(rng)]])}`, { expect: "reject", note: "bad operation" }),
    () =>
      api(family, "GET", `/api/traces${queryString([...base, ...qv.badAttributes(rng).map((a): [string, string] => ["attr", a])])}`, {
        expect: "reject",
        note: "bad attr",
      }),
    () => {
      if (ctx.mode === "local")
        return api(family, "GET", `/api/traces${queryString([...base, ["filter", rng.chance(0.5) ? qv.passThroughFilter(rng) : hostileText(rng)]])}`, {
          expect: "reject",
          note: "filter in local mode",
        });
      const f = qv.locallyInvalidFilter(rng);
      return api(family, "GET", `/api/traces${queryString([...base, ["filter", f]])}`, {
        expect: "reject",
        note: `unsafe filter ${JSON.stringify(f.slice(0, 60))}`,
      });
    },
    () => {
      const key = rng.pick(["service", "status", "limit", "from", "minDurationMs", "operation"]);
      const value = `${rng.pick(PERCENT_FORMS)}${rng.pick(["", "x", "%"])}`;
      return api(family, "GET", `/api/traces${queryString(base, [[key, value]])}`, { expect: "any", note: `raw ${key}=${value}` });
    },
    () => {
      const pairs: Pairs = [
        ...base,
        [
          "operation",
          hostileText(rng)
            .replace(/[\u0000-\u001f\u007f-\u009f]/g, "")
            .slice(0, 200) || "x",
        ],
        [
          "attr",
          `tier=${hostileText(rng)
            .replace(/[\u0000-\u001f\u007f-\u009f]/g, "")
            .slice(0, 200)}`,
        ],
      ];
      return api(family, "GET", `/api/traces${queryString(pairs)}`, { expect: "any", note: "hostile but legal operation/attr" });
    },
    () => {
      const pairs: Pairs = [
        ...qv.oddWindow(rng, ctx.now),
        ["limit", qv.oddLimit(rng)],
        ["status", rng.pick(qv.KNOWN_STATUSES)],
        ["service", qv.oddService(rng)],
        ["minDurationMs", rng.pick(["0", "0.5", "1e3", "0x10"])],
      ];
      return api(family, "GET", `/api/traces${queryString(pairs)}`, { expect: "accept", note: "odd but valid search" });
    },
  ];
  if (ctx.mode === "aws") {
    mutations.push(() => {
      const f = rng.chance(0.2) ? hostileText(rng).replace(/[\\']/g, "").replace(/[()"]/g, "") : qv.passThroughFilter(rng);
      return api(family, "GET", `/api/traces${queryString([...base, ["filter", f]])}`, {
        expect: "any",
        upstreamValidated: true,
        note: `filter junk ${JSON.stringify(f.slice(0, 60))}`,
      });
    });
  }
  return rng.pick(mutations)();
};

const WAIT_BAD = ["-1", "5001", "abc", "1.5", "1e3", " ", "99999999999999999999", "%"];

const traceById: Generator = (rng, ctx) => {
  const sub = rng.pick(["", "/logs", "/logs", "/otlp", "/aws-links", "DELETE /logs"]);
  const method = sub.startsWith("DELETE") ? "DELETE" : "GET";
  const suffix = sub.replace("DELETE ", "");
  const family = `${method} /api/traces/{id}${suffix}`;
  const seg = traceSegment(rng, ctx);
  let query = "";
  let expect: FuzzRequest["expect"] = seg.valid ? "accept" : "reject";
  let note = seg.note;
  if (suffix === "/logs" && method === "GET" && rng.chance(0.3)) {
    if (seg.valid && rng.chance(0.7)) {
      query = queryString([["waitMs", rng.pick(WAIT_BAD)]]);
      expect = "reject";
      note += " with a bad waitMs";
    } else query = queryString([["waitMs", rng.pick(["0", "1", "", "0000"])]]);
  }
  return api(family, method, `/api/traces/${seg.segment}${suffix}${query}`, { expect, note, canonicalHex: expect === "accept" ? seg.hex : undefined });
};

const serviceGraph: Generator = (rng, ctx) =>
  rng.chance(0.7)
    ? api("GET /api/service-graph", "GET", `/api/service-graph${queryString(qv.badWindow(rng, ctx.now, ctx.maxWindowMs))}`, {
        expect: "reject",
        note: "bad window",
      })
    : api("GET /api/service-graph", "GET", `/api/service-graph${queryString(qv.oddWindow(rng, ctx.now))}`, { expect: "accept", note: "odd window" });

const serviceStats: Generator = (rng, ctx) => {
  const family = "GET /api/services/{name}/stats";
  const good = encodeComponent(qv.oddService(rng).trim() || "a");
  const hour: Pairs = [
    ["from", String(ctx.now - 3_600_000)],
    ["to", String(ctx.now)],
  ];
  return rng.pick<() => FuzzRequest>([
    () => api(family, "GET", `/api/services/${encodeComponent(qv.badService(rng))}/stats`, { expect: "reject", note: "bad service name" }),
    () => api(family, "GET", `/api/services/${rng.pick(PERCENT_FORMS)}/stats`, { expect: "any", note: "raw percent name" }),
    () =>
      api(family, "GET", `/api/services/${good}/stats${queryString(qv.badWindow(rng, ctx.now, ctx.maxWindowMs))}`, { expect: "reject", note: "bad window" }),
    () =>
      api(
        family,
        "GET",
        `/api/services/${good}/stats${queryString([...hour, ["step", rng.pick(["0", "999", "-1", "abc", "1e3", "NaN", "1", "7", hostileText(rng)])]])}`,
        { expect: "reject", note: "bad step" },
      ),
    () =>
      api(family, "GET", `/api/services/${good}/stats${queryString([...hour, ["step", rng.pick(["60000", "3600000", "1000000000", "7200.5"])]])}`, {
        expect: "accept",
        note: "odd step",
      }),
  ])();
};

const snapshots: Generator = (rng, ctx) => {
  const which = rng.int(0, 9);
  if (which === 0)
    return api("GET /api/snapshots", "GET", `/api/snapshots${queryString([[hostileText(rng).slice(0, 20), hostileText(rng)]])}`, {
      expect: "accept",
      note: "list with junk query",
    });
  if (which <= 3) {
    const c = createBody(rng, ctx.mode === "local" ? ctx.knownTraceHex : null, ctx.traceHexPool);
    return api("POST /api/snapshots", "POST", "/api/snapshots", {
      expect: c.expect,
      note: c.note,
      body: c.body,
      headers: { "content-type": "application/json" },
      canonicalHex: c.canonicalHex,
    });
  }
  if (which <= 5 && ctx.exported) {
    const c = importBody(rng, ctx.exported);
    const contentType = rng.pick(["application/json", "application/json; charset=utf-8", "text/plain", "application/x-www-form-urlencoded"]);
    // Anything but JSON is a 415 before the body is read (lib/http/cross-site.ts): no HTML form can post here.
    const json = contentType.startsWith("application/json");
    return api("POST /api/snapshots/import", "POST", "/api/snapshots/import", {
      expect: json ? c.expect : "reject",
      note: json ? c.note : `${contentType}: ${c.note}`,
      body: c.body,
      headers: { "content-type": contentType },
      ...(json ? {} : { expectStatus: [415] }),
    });
  }
  const kind = rng.int(0, 9);
  const id = kind < 6 ? encodeComponent(malformedSnapshotId(rng)) : kind < 8 || !ctx.knownSnapshotId ? unknownSnapshotId(rng) : ctx.knownSnapshotId;
  const idExpect: FuzzRequest["expect"] = kind < 6 ? "reject" : "accept";
  const idNote = kind < 6 ? "malformed snapshot id" : "well-formed snapshot id";
  const op = rng.pick(["GET", "PATCH", "DELETE", "EXPORT"]);
  if (op === "PATCH") {
    const c = patchBody(rng);
    return api("PATCH /api/snapshots/{id}", "PATCH", `/api/snapshots/${id}`, {
      expect: idExpect === "reject" || c.expect === "reject" ? "reject" : "accept",
      note: `${idNote}, ${c.note}`,
      body: c.body,
      headers: { "content-type": "application/json" },
    });
  }
  if (op === "DELETE") {
    // Never the known snapshot: the catalogue keeps it for the other requests.
    const target = id === ctx.knownSnapshotId ? unknownSnapshotId(rng) : id;
    return api("DELETE /api/snapshots/{id}", "DELETE", `/api/snapshots/${target}`, { expect: idExpect, note: idNote });
  }
  if (op === "EXPORT") return api("GET /api/snapshots/{id}/export", "GET", `/api/snapshots/${id}/export`, { expect: idExpect, note: idNote });
  return api("GET /api/snapshots/{id}", "GET", `/api/snapshots/${id}`, { expect: idExpect, note: idNote });
};

const health: Generator = (rng) =>
  api("GET /api/health", "GET", `/api/health${queryString([["x", hostileText(rng)]])}`, { expect: "accept", note: "junk query" });

const ingest: Generator = (rng, ctx) => {
  const signal = rng.pick(["traces", "logs"] as const);
  const c = otlpCase(rng, signal, ctx.ingestLimitBytes);
  return {
    family: `POST /v1/${signal}`,
    method: "POST",
    path: `/v1/${signal}`,
    headers: c.headers,
    body: c.body,
    // aws mode: ingest is off, so every body is a 4xx (415 or 404 ingest_unavailable).
    expect: ctx.mode === "aws" ? "reject" : c.expect,
    answer: "otlp",
    note: c.note,
  };
};

/** Methods each route does not take: each must be a 405 with a JSON message. */
const WRONG_METHODS: [string, string[]][] = [
  ["/api/health", ["POST", "PUT", "DELETE"]],
  ["/api/traces", ["POST", "PUT", "DELETE", "PATCH"]],
  ["/api/traces/{trace}", ["POST", "PUT", "DELETE", "PATCH"]],
  ["/api/traces/{trace}/logs", ["POST", "PUT", "PATCH"]],
  ["/api/traces/{trace}/otlp", ["POST", "DELETE"]],
  ["/api/traces/{trace}/aws-links", ["POST", "DELETE"]],
  ["/api/service-graph", ["POST", "DELETE"]],
  ["/api/services/checkout/stats", ["POST", "PUT"]],
  ["/api/snapshots", ["PUT", "DELETE", "PATCH"]],
  ["/api/snapshots/{snap}", ["POST", "PUT"]],
  ["/api/snapshots/{snap}/export", ["POST", "DELETE"]],
  ["/api/snapshots/import", ["GET", "PUT", "DELETE"]],
  ["/v1/traces", ["GET", "PUT", "DELETE"]],
  ["/v1/logs", ["GET", "PATCH"]],
];

const wrongMethod: Generator = (rng, ctx) => {
  const [template, methods] = rng.pick(WRONG_METHODS);
  const method = rng.pick(methods);
  const path = template.replace("{trace}", rng.pick(ctx.traceHexPool)).replace("{snap}", ctx.knownSnapshotId ?? unknownSnapshotId(rng));
  return api(`wrong method`, method, path, { expect: "reject", note: `${method} ${template}`, body: method === "GET" ? undefined : "{}" });
};

const unknownApiPath: Generator = (rng) => {
  const path = rng.pick([
    "/api/nope",
    "/api/traces/x/y/z",
    `/api/snapshots/${unknownSnapshotId(rng)}/nope`,
    `/api/${encodeComponent(hostileText(rng))}`,
    "/api/services",
    "/api/v1/traces",
  ]);
  return api("unknown /api path", "GET", path, { expect: "reject", note: path.slice(0, 80) });
};

const page = (family: string, path: string, rest: Omit<FuzzRequest, "family" | "method" | "path" | "answer">): FuzzRequest => ({
  family,
  method: "GET",
  path,
  answer: "page",
  ...rest,
});

const pages: Generator = (rng, ctx) => {
  const which = rng.int(0, 6);
  if (which === 0) {
    const seg = traceSegment(rng, ctx);
    return page("page /trace/[id]", `/trace/${seg.segment}${queryString([["span", hostileText(rng).slice(0, 50)]])}`, {
      expect: seg.valid ? "accept" : "reject",
      note: seg.note,
      errorTestId: "trace-error",
      canonicalHex: seg.hex,
    });
  }
  if (which === 1) {
    const bad = rng.chance(0.7);
    const id = bad ? encodeComponent(malformedSnapshotId(rng)) : unknownSnapshotId(rng);
    return page("page /s/[id]", `/s/${id}`, { expect: "reject", note: bad ? "malformed snapshot id" : "unknown snapshot id", errorTestId: "snapshot-error" });
  }
  if (which === 2) {
    if (rng.chance(0.7)) {
      const pairs = rng.chance(0.5)
        ? qv.badWindow(rng, ctx.now, 24 * 3_600_000).filter(([k]) => k !== "to" || rng.chance(0.9))
        : ([["range", rng.pick(["2h", "0", "1d", hostileText(rng)])]] as Pairs);
      return page("page /map", `/map${queryString(pairs)}`, { expect: "any", note: "bad map window", errorTestId: "map-error" });
    }
    return page(
      "page /map",
      `/map${queryString([...qv.oddWindow(rng, ctx.now), ["service", hostileText(rng)], ["caller", hostileText(rng)], ["callee", hostileText(rng)]])}`,
      { expect: "any", note: "odd map state" },
    );
  }
  if (which === 3) {
    const pairs: Pairs = rng.pick<() => Pairs>([
      // Wrapped in x…x: the incident link trims the service, which could drop a bad character at an edge.
      () => [
        ["service", `x${qv.badService(rng)}x`],
        ["at", "2026-11-21T02:47:00Z"],
      ],
      // Not blank: a blank `at` is a missing one, which opens the window ending now (by design).
      () => [
        ["at", rng.pick(["NaN", "-1", "yesterday", "9".repeat(rng.int(16, 400)), "2026-13-45T99:99", "99999999999999999", `${hostileText(rng)}x`])],
        ["service", "checkout"],
      ],
      // Not blank either (JS trim: U+2028 and friends too): a blank window is the default one.
      () => [
        ["service", "checkout"],
        ["window", rng.pick(["0m", "25h", "-5m", "1y", "NaN", "9".repeat(400) + "m", `${hostileText(rng)}x`])],
      ],
      () => [["window", "30m"]],
    ])();
    return page("page /incident", `/incident${queryString(pairs)}`, {
      expect: "reject",
      note: `bad incident ${pairs.map(([k, v]) => `${k}=${v.slice(0, 30)}`).join("&")}`,
      errorTestId: "incident-error",
    });
  }
  if (which === 4) {
    const pairs: Pairs = [
      ["service", qv.oddService(rng)],
      ["at", rng.pick([String(Math.floor(ctx.now / 1000)), String(ctx.now), new Date(ctx.now).toISOString(), "0", "8640000000000000", "99999999999"])],
      ["window", rng.pick(["1m", "24h", "1d", "90s", "0.5h"])],
    ];
    return page("page /incident", `/incident${queryString(pairs)}`, { expect: "any", note: `odd incident at=${pairs[1][1]} window=${pairs[2][1]}` });
  }
  if (which === 5) {
    const pairs: Pairs = [[rng.pick(["service", "status", "limit", "from", "to", "filter", "operation", "attr", "minDurationMs"]), hostileText(rng)]];
    return page("page /traces", `/traces${queryString(pairs)}`, { expect: "any", note: "junk search state" });
  }
  return page(
    rng.chance(0.5) ? "page /" : "page /snapshots",
    `${rng.pick(["/", "/snapshots"])}${queryString([[hostileText(rng).slice(0, 10), hostileText(rng)]])}`,
    { expect: "accept", note: "junk query" },
  );
};

/** Marks what a cross-site request would have written: the suite checks none of it was stored. */
export const CROSS_SITE_MARKER = "cross-site-forged";

/** What a hostile page (or a misbehaving client) sends: headers, and the status it must get. */
const CROSS_SITE_SHAPES: { note: string; headers: (ctx: CatalogueContext) => Record<string, string>; status: number }[] = [
  {
    note: "form post text/plain, cross-site",
    headers: () => ({ origin: "https://evil.example", "sec-fetch-site": "cross-site", "content-type": "text/plain" }),
    status: 403,
  },
  {
    note: "form post urlencoded, cross-site",
    headers: () => ({ origin: "http://localhost:1", "sec-fetch-site": "cross-site", "content-type": "application/x-www-form-urlencoded" }),
    status: 403,
  },
  {
    note: "multipart, same-site",
    headers: () => ({ origin: "http://127.0.0.1:1", "sec-fetch-site": "same-site", "content-type": "multipart/form-data; boundary=b" }),
    status: 403,
  },
  {
    note: "no-cors fetch claiming JSON",
    headers: () => ({ origin: "https://evil.example", "sec-fetch-site": "cross-site", "content-type": "application/json" }),
    status: 403,
  },
  { note: "Origin: null", headers: () => ({ origin: "null", "content-type": "application/json" }), status: 403 },
  { note: "foreign Origin, no Sec-Fetch-Site", headers: () => ({ origin: "https://evil.example", "content-type": "application/json" }), status: 403 },
  { note: "Sec-Fetch-Site: none", headers: () => ({ "sec-fetch-site": "none", "content-type": "application/json" }), status: 403 },
  { note: "hostile Origin text", headers: () => ({ origin: "http://[::1", "content-type": "application/json" }), status: 403 },
  { note: "same-origin text/plain", headers: () => ({ "sec-fetch-site": "same-origin", "content-type": "text/plain;charset=UTF-8" }), status: 415 },
  { note: "no content type", headers: () => ({}), status: 415 },
  { note: "JSON-ish content type", headers: () => ({ "content-type": "application/json-patch+json" }), status: 415 },
];

/**
 * Issue 15: every state-changing route with every hostile shape; each must be refused with its
 * exact status (403 or 415) and a JSON error, before anything is read or written. PATCH and DELETE
 * aim at the known snapshot: the suite checks afterwards that it is still there and nothing
 * carries CROSS_SITE_MARKER. Preflights (OPTIONS) get no permission.
 */
const crossSite: Generator = (rng, ctx) => {
  const family = "cross-site write";
  const snap = ctx.knownSnapshotId ?? unknownSnapshotId(rng);
  const trace = ctx.knownTraceHex ?? rng.pick(ctx.traceHexPool);
  if (rng.chance(0.15)) {
    const path = rng.pick([
      "/api/snapshots",
      "/api/snapshots/import",
      `/api/snapshots/${snap}`,
      `/api/traces/${trace}/logs`,
      "/api/traces",
      "/v1/traces",
      "/v1/logs",
    ]);
    const headers = {
      origin: "https://evil.example",
      "access-control-request-method": rng.pick(["POST", "PUT", "PATCH", "DELETE"]),
      "access-control-request-headers": "content-type",
    };
    return path.startsWith("/v1/")
      ? { family: "cross-site preflight", method: "OPTIONS", path, headers, expect: "any", answer: "otlp", note: `preflight ${path}` }
      : api("cross-site preflight", "OPTIONS", path, { expect: "reject", expectStatus: [403], headers, note: `preflight ${path}` });
  }
  const routes: { method: string; path: string; body?: string }[] = [
    { method: "POST", path: "/api/snapshots", body: JSON.stringify({ traceId: trace, title: CROSS_SITE_MARKER, note: "" }) },
    { method: "POST", path: "/api/snapshots/import", body: ctx.exported ? JSON.stringify({ ...ctx.exported, title: CROSS_SITE_MARKER }) : "{}" },
    { method: "PATCH", path: `/api/snapshots/${snap}`, body: JSON.stringify({ title: CROSS_SITE_MARKER }) },
    { method: "PUT", path: `/api/snapshots/${snap}`, body: JSON.stringify({ title: CROSS_SITE_MARKER }) },
    { method: "DELETE", path: `/api/snapshots/${snap}` },
    { method: "DELETE", path: `/api/traces/${trace}/logs` },
    { method: "POST", path: "/api/nope", body: "{}" },
  ];
  const route = rng.pick(routes);
  // A DELETE has no body, so no content type to check: only the cross-site shapes apply.
  const shapes = route.method === "DELETE" ? CROSS_SITE_SHAPES.filter((s) => s.status === 403) : CROSS_SITE_SHAPES;
  const shape = rng.pick(shapes);
  return api(family, route.method, route.path, {
    expect: "reject",
    expectStatus: [shape.status],
    headers: shape.headers(ctx),
    body: route.body,
    note: `${route.method} ${route.path.slice(0, 48)}: ${shape.note}`,
  });
};

/** Family generators with their weights (share of the generated requests). */
const FAMILIES: readonly { name: string; weight: number; generate: Generator }[] = [
  { name: "search", weight: 24, generate: searchTraces },
  { name: "trace-by-id", weight: 26, generate: traceById },
  { name: "service-graph", weight: 6, generate: serviceGraph },
  { name: "service-stats", weight: 8, generate: serviceStats },
  { name: "snapshots", weight: 14, generate: snapshots },
  { name: "health", weight: 1, generate: health },
  { name: "ingest", weight: 6, generate: ingest },
  { name: "wrong-method", weight: 4, generate: wrongMethod },
  { name: "unknown-api-path", weight: 1, generate: unknownApiPath },
  { name: "pages", weight: 10, generate: pages },
  { name: "cross-site", weight: 5, generate: crossSite },
];

/** One request from a family chosen by weight. */
export function generateRequest(rng: Rng, ctx: CatalogueContext, families = FAMILIES): FuzzRequest {
  const total = families.reduce((s, f) => s + f.weight, 0);
  let r = rng.next() * total;
  for (const f of families) {
    r -= f.weight;
    if (r < 0) return f.generate(rng, ctx);
  }
  return families[families.length - 1].generate(rng, ctx);
}
