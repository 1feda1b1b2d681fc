import { describe, expect, it } from "vitest";
import { logPattern } from "./log-pattern";

describe("logPattern", () => {
  it("strips numbers, UUIDs, trace IDs, hex and mixed IDs", () => {
    expect(logPattern("charge failed after 3000 ms for order 12345")).toBe("charge failed after <n> ms for order <n>");
    expect(logPattern("user 6f1c2a3b-9d4e-4f5a-8b6c-7d8e9f0a1b2c not found")).toBe("user <uuid> not found");
    expect(logPattern("trace 1-5f3a3e12-89b4a5c6d7e8f90123456789 and 5f3a3e1289b4a5c6d7e8f90123456789")).toBe("trace <id> and <id>");
    expect(logPattern("ptr 0xdeadbeef at sha 9fceb02d")).toBe("ptr <hex> at sha <id>");
    expect(logPattern("request req_8f3k2j9q from i-0abc12de3f")).toBe("request <id> from <id>");
    expect(logPattern("took 1.25s, 3000ms, retry -1")).toBe("took <n>s, <n>ms, retry -<n>");
    expect(logPattern("waited 42ms")).toBe(logPattern("waited 300000ms"));
  });

  it("keeps words, including hex-looking ones without digits, and collapses whitespace", () => {
    expect(logPattern("  Connection   refused by\tdatabase  ")).toBe("Connection refused by database");
    expect(logPattern("cafebabe deadbeef facade")).toBe("cafebabe deadbeef facade");
    expect(logPattern("HTTP/1.1 503")).toBe("HTTP/<n> <n>");
  });

  it("gives two requests' lines the same pattern, and is idempotent", () => {
    const a = logPattern("Timeout calling api.payments-provider.example for order 881 (req 3f2a9c1d-0b7e-4c2a-9e1f-2a3b4c5d6e7f) after 3002 ms");
    const b = logPattern("Timeout calling api.payments-provider.example for order 42 (req 0aa1b2c3-d4e5-46f7-8a9b-0c1d2e3f4a5b) after 2999 ms");
    expect(a).toBe(b);
    expect(logPattern(a)).toBe(a);
    expect(logPattern("")).toBe("");
  });
});
