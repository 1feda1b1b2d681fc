import { describe, expect, it } from "vitest";
import { methodNotAllowed } from "./method-not-allowed";

describe("methodNotAllowed (found by the fuzz suite: wrong methods got an empty 405)", () => {
  it("answers 405 with an Allow header and a JSON message naming the method and the allowed ones", async () => {
    const res = methodNotAllowed("GET", "DELETE")(new Request("http://x/api/traces/abc/logs", { method: "PUT" }));
    expect(res.status).toBe(405);
    expect(res.headers.get("allow")).toBe("GET, DELETE");
    expect(await res.json()).toEqual({
      error: { code: "method_not_allowed", message: "method: PUT is not allowed on /api/traces/abc/logs; use GET, DELETE." },
    });
  });
});
