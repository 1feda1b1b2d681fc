/**
 * JSON bodies for POST /api/snapshots, PATCH /api/snapshots/{id} and POST /api/snapshots/import:
 * not JSON at all, JSON of the wrong shape, fields of the wrong type or past their limits, and
 * valid bodies with hostile but legal text.
 */
import { hostileText } from "./hostile-text";
import { malformedTraceId, oddValidTraceId } from "./ids";
import type { Expectation } from "./otlp-bodies";
import type { Rng } from "./prng";

export interface BodyCase {
  note: string;
  body: string | Uint8Array;
  expect: Expectation;
  /** A valid create's trace ID, canonical: the app may look it up upstream. */
  canonicalHex?: string;
}

/** Bytes that are no JSON document: empty, truncated, invalid UTF-8, a BOM, trailing junk, deep nesting. */
function notJson(rng: Rng): string | Uint8Array {
  return rng.pick<() => string | Uint8Array>([
    () => "",
    () => "{",
    () => '{"title": "x"',
    () => "{'title': 'x'}",
    () => '{"title": "x"} trailing',
    () => new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d]),
    () => "\u0000",
    () => hostileText(rng),
    () => "[".repeat(rng.int(10_000, 300_000)),
    () => '{"a":'.repeat(rng.int(1_000, 50_000)),
  ])();
}

/** A legal title: hostile text, non-empty after trimming, at most 200 characters. */
function hostileTitle(rng: Rng): string {
  return `t${hostileText(rng).slice(0, 190)}`;
}

export function createBody(rng: Rng, knownTraceHex: string | null, pool: readonly string[] = []): BodyCase {
  const json = (v: unknown) => JSON.stringify(v);
  const bad: (() => string | Uint8Array)[] = [
    () => notJson(rng),
    () => rng.pick(["null", "[]", "42", '"x"', "{}", "true"]),
    () => json({ traceId: rng.pick([5, null, [], {}, true]), title: "x" }),
    () => json({ traceId: malformedTraceId(rng), title: "x" }),
    () => json({ traceId: "", title: "x" }),
    () => json({ traceId: oddValidTraceId(rng).raw, title: rng.pick(["", "   ", "x".repeat(201), 5, null]) }),
    () => json({ traceId: oddValidTraceId(rng).raw }),
    () => json({ traceId: oddValidTraceId(rng).raw, title: "x", note: rng.chance(0.5) ? "n".repeat(10_001) : 7 }),
  ];
  if (knownTraceHex && rng.chance(0.15)) {
    return {
      note: "valid create, odd ID form and hostile title",
      body: json({ traceId: oddValidTraceId(rng, knownTraceHex).raw, title: hostileTitle(rng), note: hostileText(rng).slice(0, 500) }),
      expect: "accept",
    };
  }
  if (rng.chance(0.1)) {
    const odd = pool.length ? oddValidTraceId(rng, rng.pick(pool)) : oddValidTraceId(rng);
    return { note: "valid create of an unknown trace", body: json({ traceId: odd.raw, title: hostileTitle(rng) }), expect: "accept", canonicalHex: odd.hex };
  }
  return { note: "bad create body", body: rng.pick(bad)(), expect: "reject" };
}

export function patchBody(rng: Rng): BodyCase {
  const json = (v: unknown) => JSON.stringify(v);
  if (rng.chance(0.25)) {
    return {
      note: "valid patch with hostile text",
      body: json(rng.chance(0.5) ? { title: hostileTitle(rng) } : { note: hostileText(rng).slice(0, 2_000) }),
      expect: "accept",
    };
  }
  const body = rng.pick<() => string | Uint8Array>([
    () => notJson(rng),
    () => rng.pick(["null", "[]", "{}", "42", '{"other":1}']),
    () => json({ title: rng.pick(["", "  ", "x".repeat(201), 5, null, ["a"]]) }),
    () => json({ note: rng.pick(["n".repeat(10_001), 5, null, { a: 1 }]) }),
  ])();
  return { note: "bad patch body", body, expect: "reject" };
}

/** Values each top-level field of an export file must not take. */
const WRONG_VALUES: Record<string, unknown[]> = {
  title: [5, null, [], "", "   ", "x".repeat(201)],
  note: [5, null, [], "n".repeat(10_001)],
  createdAt: ["x", null, -1, [], "NaN"],
  source: ["x", null, 5, "AWS"],
  capturedBy: [5, [], "c".repeat(201)],
  payload: [5, "x", null, []],
};

/** A mutation of a real export file (`exported`), or the file itself with a hostile title. */
export function importBody(rng: Rng, exported: Record<string, unknown>): BodyCase {
  const doc = structuredClone(exported) as Record<string, unknown>;
  if (rng.chance(0.1)) return { note: "valid import with hostile title", body: JSON.stringify({ ...doc, title: hostileTitle(rng) }), expect: "accept" };
  const mutate = rng.pick<() => unknown>([
    () => notJson(rng),
    () => rng.pick([null, [], 42, "x", {}]),
    () => ({ ...doc, sightlineSnapshot: rng.pick([0, 2, "1", null, 1.5]) }),
    () => {
      const key = rng.pick(["title", "note", "createdAt", "source", "capturedBy", "payload", "sightlineSnapshot"]);
      const d = { ...doc };
      delete d[key];
      return d;
    },
    () => {
      const key = rng.pick(Object.keys(WRONG_VALUES));
      return { ...doc, [key]: rng.pick(WRONG_VALUES[key]) };
    },
    () => ({ ...doc, createdAt: rng.pick([-1, Infinity, "NaN"]) }),
    () => ({
      ...doc,
      payload: {
        ...(doc.payload as object),
        trace: rng.pick([null, 5, { spans: "x" }, { ...(doc.payload as { trace: object }).trace, spans: [{ spanId: 5 }] }]),
      },
    }),
    () => ({
      ...doc,
      payload: {
        ...(doc.payload as object),
        logs: rng.pick([null, "x", { status: "weird", events: [] }, { status: "complete", events: [{ timestamp: "x" }] }]),
      },
    }),
    () => ({ ...doc, payload: { ...(doc.payload as object), serviceGraph: rng.pick([null, { nodes: 5, edges: [] }]) } }),
  ])();
  const body = typeof mutate === "string" || mutate instanceof Uint8Array ? mutate : JSON.stringify(mutate);
  return { note: "bad import body", body, expect: "reject" };
}
