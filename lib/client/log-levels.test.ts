import { describe, expect, it } from "vitest";
import type { LogLevel } from "../model";
import { isErrorLevel, levelStyle, worseLevel } from "./log-levels";

describe("levelStyle", () => {
  it("labels an unknown level with a dash, not UNKNOWN", () => {
    expect(levelStyle("unknown").label).toBe("—");
    expect(levelStyle("warn").label).toBe("WARN");
  });

  it("colours error and fatal red, warn amber, info sky, debug and trace slate", () => {
    const colour: [LogLevel, string][] = [
      ["fatal", "red"],
      ["error", "red"],
      ["warn", "amber"],
      ["info", "sky"],
      ["debug", "slate"],
      ["trace", "slate"],
    ];
    for (const [level, hue] of colour) {
      expect(levelStyle(level).badge).toContain(`-${hue}-`);
      expect(levelStyle(level).marker).toContain(`fill-${hue}-`);
    }
  });

  it("treats a level the model does not know as unknown", () => {
    expect(levelStyle("notice" as LogLevel)).toBe(levelStyle("unknown"));
  });
});

describe("worseLevel", () => {
  it("orders fatal > error > warn > info > unknown > debug > trace", () => {
    const order: LogLevel[] = ["trace", "debug", "unknown", "info", "warn", "error", "fatal"];
    for (let i = 1; i < order.length; i++) {
      expect(worseLevel(order[i - 1], order[i])).toBe(order[i]);
      expect(worseLevel(order[i], order[i - 1])).toBe(order[i]);
    }
  });
});

describe("isErrorLevel", () => {
  it("is true for error and fatal only", () => {
    expect(["error", "fatal"].every((l) => isErrorLevel(l as LogLevel))).toBe(true);
    expect(["warn", "info", "unknown"].some((l) => isErrorLevel(l as LogLevel))).toBe(false);
  });
});
