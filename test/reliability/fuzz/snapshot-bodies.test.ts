import { describe, expect, it } from "vitest";
import { fromExport, toExport } from "@/lib/snapshots/snapshot-export";
import { parseCreateBody, parsePatchBody } from "@/lib/snapshots/snapshot-requests";
import { testPayload } from "@/lib/snapshots/test-payload";
import { createRng } from "./prng";
import { createBody, importBody, patchBody } from "./snapshot-bodies";

const rng = createRng(4_242);
const parse = (body: string | Uint8Array): unknown => JSON.parse(typeof body === "string" ? body : new TextDecoder().decode(body));
/** What the route does with a body: JSON.parse, then the parser; true when it gets through. */
const accepted = (body: string | Uint8Array, parser: (v: unknown) => unknown) => {
  try {
    parser(parse(body));
    return true;
  } catch {
    return false;
  }
};

const payload = testPayload();
const exported = toExport({
  id: "a".repeat(32),
  title: "t",
  note: "",
  createdAt: 1,
  source: "local",
  capturedBy: null,
  traceId: payload.trace.traceId,
  spanCount: payload.trace.spans.length,
  logCount: payload.logs.events.length,
  logsStatus: payload.logs.status,
  payload,
}) as unknown as Record<string, unknown>;

describe("snapshot body generators agree with the app's parsers", () => {
  it("create: bad bodies are rejected, valid ones accepted", () => {
    for (let i = 0; i < 1_000; i++) {
      const c = createBody(rng, "5f3a3e1289b4a5c6d7e8f90123456789");
      expect(accepted(c.body, parseCreateBody), String(c.body).slice(0, 80)).toBe(c.expect === "accept");
    }
  });

  it("patch: bad bodies are rejected, valid ones accepted", () => {
    for (let i = 0; i < 1_000; i++) {
      const c = patchBody(rng);
      expect(accepted(c.body, parsePatchBody), String(c.body).slice(0, 80)).toBe(c.expect === "accept");
    }
  });

  it("import: every mutation of a real export is rejected, the hostile-title copy accepted", () => {
    const importOk = (v: unknown) => {
      const r = fromExport(v);
      if (!r.ok) throw new Error(r.message);
    };
    for (let i = 0; i < 1_000; i++) {
      const c = importBody(rng, exported);
      expect(accepted(c.body, importOk), String(c.body).slice(0, 200)).toBe(c.expect === "accept");
    }
  });
});
