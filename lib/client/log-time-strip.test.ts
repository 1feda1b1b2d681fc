import { describe, expect, it } from "vitest";
import type { LogEvent, LogLevel } from "../model";
import { intervalBand, stripMarkers, stripTicks, timeFraction } from "./log-time-strip";

const T0 = 1_795_251_453_770.323;

function log(timestamp: number, level: LogLevel = "info"): LogEvent {
  return { id: String(timestamp), timestamp, message: "", level, service: null, traceId: null, spanId: null, logGroup: null, fields: {} };
}

describe("timeFraction", () => {
  it("maps the range onto 0…1", () => {
    expect(timeFraction(T0, { from: T0, to: T0 + 1000 })).toBe(0);
    expect(timeFraction(T0 + 250, { from: T0, to: T0 + 1000 })).toBeCloseTo(0.25, 9);
    expect(timeFraction(T0 + 1000, { from: T0, to: T0 + 1000 })).toBe(1);
  });

  it("is 0 for an empty range", () => expect(timeFraction(T0, { from: T0, to: T0 })).toBe(0));
});

describe("stripTicks", () => {
  it("labels ticks relative to the trace start, like the Gantt's axis", () => {
    const ticks = stripTicks({ from: T0, to: T0 + 1000 }, T0, 360, 72);
    expect(ticks.map((t) => t.label)).toEqual(["0 ms", "250 ms", "500 ms", "750 ms", "1 s"]);
    ticks.forEach((t, i) => expect(t.fraction).toBeCloseTo(i / 4, 6));
  });

  it("places the ticks of a zoomed range inside it", () => {
    const ticks = stripTicks({ from: T0 + 130, to: T0 + 870 }, T0, 360, 72);
    expect(ticks.map((t) => t.label)).toEqual(["200 ms", "400 ms", "600 ms", "800 ms"]);
    expect(ticks[0].fraction).toBeCloseTo(70 / 740, 6);
  });

  it("fits fewer ticks in a narrower strip, never fewer than two asked for", () => {
    expect(stripTicks({ from: T0, to: T0 + 1000 }, T0, 150, 72).length).toBeLessThanOrEqual(2);
    expect(stripTicks({ from: T0, to: T0 + 1000 }, T0, 0, 72).length).toBeGreaterThan(0);
  });
});

describe("stripMarkers", () => {
  const range = { from: T0, to: T0 + 100 };

  it("puts one marker per pixel column, in the colour of its worst level", () => {
    const events = [log(T0, "info"), log(T0 + 0.5, "error"), log(T0 + 0.9, "debug"), log(T0 + 50, "warn"), log(T0 + 100, "info")];
    const markers = stripMarkers(
      events,
      [0, 1, 2, 3, 4],
      events.map(() => null),
      null,
      range,
      100,
    );
    expect(markers).toEqual([
      { x: 0, level: "error", selected: false },
      { x: 50, level: "warn", selected: false },
      { x: 99, level: "info", selected: false },
    ]);
  });

  it("marks the columns holding lines of the selected span", () => {
    const events = [log(T0 + 10), log(T0 + 10.2), log(T0 + 70)];
    const markers = stripMarkers(events, [0, 1, 2], [null, "a", "b"], "a", range, 10);
    expect(markers).toEqual([
      { x: 1, level: "info", selected: true },
      { x: 7, level: "info", selected: false },
    ]);
  });

  it("draws only the rows given, and nothing in a strip without width", () => {
    const events = [log(T0 + 10), log(T0 + 20)];
    expect(stripMarkers(events, [1], [null, null], null, range, 10).map((m) => m.x)).toEqual([2]);
    expect(stripMarkers(events, [0, 1], [null, null], null, range, 0)).toEqual([]);
  });

  it("collapses 10,000 lines into at most one marker per column", () => {
    const events = Array.from({ length: 10_000 }, (_, i) => log(T0 + (i % 100)));
    const markers = stripMarkers(
      events,
      events.map((_, i) => i),
      events.map(() => null),
      null,
      range,
      40,
    );
    expect(markers.length).toBe(40);
  });
});

describe("intervalBand", () => {
  const range = { from: T0, to: T0 + 100 };

  it("covers the interval's pixels, clipped to the strip", () => {
    expect(intervalBand(T0 + 10, T0 + 30, range, 200)).toEqual({ x: 20, width: 40 });
    expect(intervalBand(T0 - 50, T0 + 150, range, 200)).toEqual({ x: 0, width: 200 });
  });

  it("is at least a pixel wide, and null outside the range", () => {
    expect(intervalBand(T0 + 10, T0 + 10, range, 200)).toEqual({ x: 20, width: 1 });
    expect(intervalBand(T0 + 200, T0 + 300, range, 200)).toBeNull();
    expect(intervalBand(T0 - 300, T0 - 200, range, 200)).toBeNull();
  });
});
