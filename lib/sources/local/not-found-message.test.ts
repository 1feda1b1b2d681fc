import { describe, expect, it } from "vitest";
import { parseTraceId } from "../../trace-id";
import { traceNotFoundMessage } from "./not-found-message";

const now = Date.UTC(2026, 10, 21, 3, 0, 0);
const week = 7 * 86_400_000;
const id = (hex: string) => {
  const r = parseTraceId(hex);
  if (!r.ok) throw new Error(r.reason);
  return r.id;
};
const secondsHex = (ms: number) =>
  Math.floor(ms / 1000)
    .toString(16)
    .padStart(8, "0");

describe("traceNotFoundMessage", () => {
  it("names the window searched", () => {
    const m = traceNotFoundMessage(id("ffffffff89b4a5c6d7e8f90123456789"), week, now);
    expect(m).toBe("No trace 1-ffffffff-89b4a5c6d7e8f90123456789 in the embedded store, which keeps the last 7 days (from 2026-11-14T03:00:00.000Z to now).");
  });

  it("says an X-Ray-style trace older than retention was probably pruned", () => {
    const m = traceNotFoundMessage(id(`${secondsHex(now - 10 * 86_400_000)}89b4a5c6d7e8f90123456789`), week, now);
    expect(m).toMatch(/started at 2026-11-11T03:00:00.000Z: older than the retention, so it has probably been pruned\.$/);
  });

  it("says a recent trace never arrived", () => {
    const m = traceNotFoundMessage(id(`${secondsHex(now - 60_000)}89b4a5c6d7e8f90123456789`), week, now);
    expect(m).toMatch(/started at 2026-11-21T02:59:00.000Z; its spans never reached this store\.$/);
  });
});
