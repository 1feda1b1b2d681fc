import { describe, expect, it } from "vitest";
import { malformedPathMessage, malformedPathSegment } from "./path-encoding";

describe("malformedPathSegment (found by the fuzz suite: Next.js answered these with a bare 500)", () => {
  it("finds a segment whose %-escapes do not decode", () => {
    expect(malformedPathSegment("/api/traces/%E0%A4%A/logs")).toBe("%E0%A4%A");
    expect(malformedPathSegment("/trace/%")).toBe("%");
    expect(malformedPathSegment("/s/%ZZ")).toBe("%ZZ");
  });

  it("passes paths that decode, and paths without escapes", () => {
    expect(malformedPathSegment("/api/traces/Root%3D1-5f3a3e12-89b4a5c6d7e8f90123456789")).toBeNull();
    expect(malformedPathSegment("/api/services/caf%C3%A9/stats")).toBeNull();
    expect(malformedPathSegment("/api/health")).toBeNull();
  });

  it("says which segment and how to fix it", () => {
    expect(malformedPathMessage("%E0%A4%A")).toMatch(/^path: the URL segment "%E0%A4%A" has a malformed %-escape/);
  });
});
