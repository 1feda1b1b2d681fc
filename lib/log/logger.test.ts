import { describe, expect, it } from "vitest";
import { createLogger, errorFields, parseLogSettings } from "./logger";

function capture() {
  const lines: string[] = [];
  return { out: { write: (s: string) => lines.push(s) }, lines };
}

describe("parseLogSettings", () => {
  it("defaults to JSON at info, and names a bad value", () => {
    expect(parseLogSettings({})).toEqual({ format: "json", level: "info" });
    expect(parseLogSettings({ LOG_FORMAT: " Text ", LOG_LEVEL: "WARN" })).toEqual({ format: "text", level: "warn" });
    expect(() => parseLogSettings({ LOG_FORMAT: "xml" })).toThrow(/LOG_FORMAT must be json or text, got "xml"/);
    expect(() => parseLogSettings({ LOG_LEVEL: "verbose" })).toThrow(/LOG_LEVEL must be one of debug, info, warn, error/);
  });
});

describe("createLogger", () => {
  it("writes one JSON object a line, with the level's name, an ISO time, the message and the fields", () => {
    const { out, lines } = capture();
    const log = createLogger({ format: "json", level: "info" }, out);
    log.info("request", { requestId: "r-1", status: 200, ms: 12.5 });
    log.debug("hidden");
    expect(lines).toHaveLength(1);
    expect(lines[0].endsWith("\n")).toBe(true);
    const entry = JSON.parse(lines[0]) as Record<string, unknown>;
    expect(entry).toMatchObject({ level: "info", msg: "request", requestId: "r-1", status: 200, ms: 12.5 });
    expect(new Date(entry.time as string).toISOString()).toBe(entry.time);
    expect(entry).not.toHaveProperty("pid");
  });

  it("keeps an error's type, message and stack and nothing else it carries", () => {
    const { out, lines } = capture();
    const err = Object.assign(new TypeError("boom"), { credentials: { secretAccessKey: "SECRET" } });
    createLogger({ format: "json", level: "warn" }, out).error("request failed", { route: "/api/traces" }, err);
    const entry = JSON.parse(lines[0]) as { level: string; error: { type: string; message: string; stack: string } };
    expect(entry.level).toBe("error");
    expect(entry.error.type).toBe("TypeError");
    expect(entry.error.message).toBe("boom");
    expect(entry.error.stack).toContain("TypeError: boom");
    expect(lines[0]).not.toContain("SECRET");
    expect(errorFields("text")).toEqual({ error: { type: "string", message: "text" } });
  });

  it("writes [sightline] lines in text format, dropping what is below the level", () => {
    const { out, lines } = capture();
    const log = createLogger({ format: "text", level: "info" }, out);
    log.debug("hidden");
    log.info("started", { port: 3000, skipped: undefined });
    log.warn("slow");
    expect(lines).toEqual(["[sightline] started port=3000\n", "[sightline] WARN slow\n"]);
  });
});
