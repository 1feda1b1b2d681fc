import { describe, expect, it } from "vitest";
import { isLoopback, listenHost } from "./listen-address";

const next = ["/usr/bin/node", "/app/node_modules/next/dist/bin/next"];

describe("listenHost", () => {
  it("reads next start's -H and --hostname, defaulting to every interface", () => {
    expect(listenHost([...next, "start", "-H", "127.0.0.1", "-p", "3000"], {})).toBe("127.0.0.1");
    expect(listenHost([...next, "start", "--hostname", "::1"], {})).toBe("::1");
    expect(listenHost([...next, "start", "--hostname=10.0.0.5"], {})).toBe("10.0.0.5");
    expect(listenHost([...next, "start", "-p", "3000"], { HOSTNAME: "127.0.0.1" })).toBe("0.0.0.0");
  });

  it("falls back to HOSTNAME (a standalone server.js), then every interface", () => {
    expect(listenHost(["/usr/bin/node", "server.js"], { HOSTNAME: "127.0.0.1" })).toBe("127.0.0.1");
    expect(listenHost(["/usr/bin/node", "server.js"], {})).toBe("0.0.0.0");
  });
});

describe("isLoopback", () => {
  it("is true for loopback addresses only", () => {
    for (const h of ["127.0.0.1", "127.1.2.3", "::1", "[::1]", "localhost", "LOCALHOST"]) expect(isLoopback(h)).toBe(true);
    for (const h of ["0.0.0.0", "::", "10.0.0.5", "127.0.0.1.evil.example", "example.com", ""]) expect(isLoopback(h)).toBe(false);
  });
});
