import { describe, expect, it } from "vitest";
import { statusLabel } from "./status-label";

describe("statusLabel", () => {
  it("names the HTTP status only when it is the span's own and of the badge's class", () => {
    expect(statusLabel("throttle", 201)).toBe("Throttle");
    expect(statusLabel("throttle", 429)).toBe("Throttle 429");
    expect(statusLabel("throttle", null)).toBe("Throttle");
    expect(statusLabel("error", 404)).toBe("Error 404");
    expect(statusLabel("error", 200)).toBe("Error");
    expect(statusLabel("fault", 503)).toBe("Fault 503");
    expect(statusLabel("fault", 201)).toBe("Fault");
    expect(statusLabel("ok", 200)).toBe("OK");
  });
});
