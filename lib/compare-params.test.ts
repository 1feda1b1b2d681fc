import { describe, expect, it } from "vitest";
import { compareHref, compareUrl, parseCompareParams } from "./compare-params";

const A = "5f3a3e1289b4a5c6d7e8f90123456789";
const B = "6a1b2c3d4e5f60718293a4b5c6d7e8f9";

describe("parseCompareParams", () => {
  it("takes two IDs in any accepted form, as 32 lowercase hex digits", () => {
    expect(parseCompareParams({ a: `1-${A.slice(0, 8)}-${A.slice(8)}`, b: B.toUpperCase() })).toEqual({ ok: true, a: A, b: B });
    expect(parseCompareParams({ a: [A, B], b: B })).toEqual({ ok: true, a: A, b: B });
  });

  it("names each missing or malformed ID", () => {
    const r = parseCompareParams({ a: "", b: "nope" });
    expect(r.ok ? [] : r.problems).toEqual(["a: a trace ID is required (/compare?a={id}&b={id})", expect.stringMatching(/^b: .*\. Accepted: /)]);
  });

  it("links and round-trips through the URL", () => {
    expect(compareHref(A, B)).toBe(`/compare?a=${A}&b=${B}`);
    expect(compareUrl.parse(compareUrl.serialize({ ok: true, a: B, b: A }))).toEqual({ ok: true, a: B, b: A });
  });
});
