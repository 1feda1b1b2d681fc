import { describe, expect, it } from "vitest";
import { isConnectionReset } from "./fetch-retry";

const failed = (code: string) => Object.assign(new TypeError("fetch failed"), { cause: Object.assign(new Error(code), { code }) });

describe("isConnectionReset", () => {
  it("is true for a reset or closed socket, false for a refused connection or anything else", () => {
    expect(isConnectionReset(failed("ECONNRESET"))).toBe(true);
    expect(isConnectionReset(failed("UND_ERR_SOCKET"))).toBe(true);
    expect(isConnectionReset(failed("ECONNREFUSED"))).toBe(false);
    expect(isConnectionReset(new Error("boom"))).toBe(false);
    expect(isConnectionReset(null)).toBe(false);
  });
});
