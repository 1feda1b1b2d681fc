import { describe, expect, it } from "vitest";
import type { TraceSummary } from "./model";
import {
  DEFAULT_SEARCH,
  describeFilters,
  isoToUtcInput,
  nextSort,
  parseSearchState,
  searchApiQuery,
  searchWindow,
  serializeSearchState,
  sortTraces,
  traceSearchUrl,
  utcInputToIso,
} from "./trace-search-state";

const q = (s: string) => new URLSearchParams(s);
const NOW = Date.UTC(2026, 10, 21, 3, 0);

describe("parseSearchState / serializeSearchState", () => {
  it("an empty URL is the default search (last hour, newest first), and serializes to nothing", () => {
    expect(parseSearchState(q(""))).toEqual({ state: DEFAULT_SEARCH, problem: null });
    expect(serializeSearchState(DEFAULT_SEARCH).toString()).toBe("");
  });

  it("round-trips every field", () => {
    const url =
      "from=2026-11-21T02%3A00%3A00.000Z&to=2026-11-21T03%3A00%3A00.000Z&service=checkout&operation=GET+%2Fcart" +
      "&minDurationMs=100&maxDurationMs=2000&status=fault&attr=tenant%3Dacme&attr=http.route%3D%2Fa%3Db" +
      "&filter=annotation.x+%3D+%221%22&sort=-duration";
    const { state, problem } = parseSearchState(q(url));
    expect(problem).toBeNull();
    expect(state).toMatchObject({
      from: "2026-11-21T02:00:00.000Z",
      service: "checkout",
      attrs: ["tenant=acme", "http.route=/a=b"],
      sort: { key: "duration", descending: true },
    });
    expect(serializeSearchState(state).toString()).toBe(url);
  });

  it("writes a relative window as last= only when it is not the default", () => {
    const state = parseSearchState(q("last=6h&sort=service")).state;
    expect(state.last).toBe("6h");
    expect(state.sort).toEqual({ key: "service", descending: false });
    expect(serializeSearchState(state).toString()).toBe("last=6h&sort=service");
  });

  it("keeps the API's parameters as typed, for the API to judge", () => {
    const { state, problem } = parseSearchState(q("minDurationMs=-5&status=sideways&to=2"));
    expect(problem).toBeNull();
    expect(searchApiQuery(state, NOW, 500)).toBe("to=2&minDurationMs=-5&status=sideways&limit=500");
  });

  it("names the page's own bad parameters, and falls back to their defaults", () => {
    const { state, problem } = parseSearchState(q("last=7d&sort=colour"));
    expect(state.last).toBe("1h");
    expect(state.sort).toEqual({ key: "start", descending: true });
    expect(problem).toBe(
      'last: must be one of 15m, 1h, 6h, 24h, got "7d"; sort: must be one of start, service, duration, status, spans (a leading - sorts descending), got "colour"',
    );
  });
});

describe("the API query and the window", () => {
  it("resolves a relative window against now", () => {
    const state = parseSearchState(q("last=15m&service=a")).state;
    expect(searchApiQuery(state, NOW, 100)).toBe(`from=${NOW - 900_000}&to=${NOW}&service=a&limit=100`);
    expect(searchWindow(state, NOW)).toEqual({ from: NOW - 900_000, to: NOW });
  });

  it("reads absolute bounds as the API does, and gives null for an unreadable or inverted window", () => {
    expect(searchWindow(parseSearchState(q("from=1000&to=2026-11-21T03:00:00Z")).state, NOW)).toEqual({ from: 1000, to: NOW });
    expect(searchWindow(parseSearchState(q("from=1000")).state, NOW)).toEqual({ from: 1000, to: NOW });
    expect(searchWindow(parseSearchState(q("from=5&to=1")).state, NOW)).toBeNull();
    expect(searchWindow(parseSearchState(q("from=yesterday")).state, NOW)).toBeNull();
    expect(searchWindow(parseSearchState(q("to=5")).state, NOW)).toBeNull();
  });

  it("converts datetime-local values as UTC, both ways", () => {
    expect(utcInputToIso("2026-11-21T02:47")).toBe("2026-11-21T02:47:00.000Z");
    expect(utcInputToIso("")).toBe("");
    expect(isoToUtcInput("2026-11-21T02:47:00.000Z")).toBe("2026-11-21T02:47");
    expect(isoToUtcInput(String(Date.UTC(2026, 0, 2, 3, 4)))).toBe("2026-01-02T03:04");
    expect(isoToUtcInput("garbage")).toBe("");
    expect(isoToUtcInput(null)).toBe("");
  });
});

describe("sorting", () => {
  const row = (id: string, startTime: number, durationMs: number, status: TraceSummary["status"], rootService: string, spanCount: number) =>
    ({ traceId: id, xrayTraceId: id, startTime, durationMs, rootService, rootName: "GET /", status, spanCount, httpStatus: null }) satisfies TraceSummary;
  const rows = [row("a", 1, 50, "ok", "web", 3), row("b", 2, 900, "fault", "api", 9), row("c", 3, 50, "error", "db", 1)];
  const order = (key: "start" | "service" | "duration" | "status" | "spans", descending: boolean) =>
    sortTraces(rows, { key, descending })
      .map((r) => r.traceId)
      .join("");

  it("sorts by each column, either way, ties newest first", () => {
    expect(order("start", true)).toBe("cba");
    expect(order("start", false)).toBe("abc");
    expect(order("duration", true)).toBe("bca");
    expect(order("duration", false)).toBe("cab");
    expect(order("status", true)).toBe("bca");
    expect(order("service", false)).toBe("bca");
    expect(order("spans", true)).toBe("bac");
  });

  it("flips the same column; a new column starts largest first, names A→Z", () => {
    expect(nextSort({ key: "start", descending: true }, "start")).toEqual({ key: "start", descending: false });
    expect(nextSort({ key: "start", descending: true }, "duration")).toEqual({ key: "duration", descending: true });
    expect(nextSort({ key: "start", descending: true }, "service")).toEqual({ key: "service", descending: false });
  });
});

describe("describeFilters", () => {
  it("lists the active filters in words", () => {
    const state = parseSearchState(q("service=a&minDurationMs=10&maxDurationMs=20&attr=k%3Dv&status=error")).state;
    expect(describeFilters(state)).toEqual(["last 1h", "service a", "duration 10–20 ms", "status error", "attribute k=v"]);
    expect(describeFilters(parseSearchState(q("from=1&maxDurationMs=5")).state)).toEqual(["from 1 to now", "duration ≤ 5 ms"]);
  });
});

describe("traceSearchUrl", () => {
  it("is the whole query string: parsed with its problem, written from the state alone", () => {
    const parsed = traceSearchUrl.parse(new URLSearchParams("service=api&sort=nope"));
    expect(parsed.problem).toMatch(/^sort: must be one of/);
    expect(traceSearchUrl.serialize(parsed).toString()).toBe("service=api");
    expect(traceSearchUrl.keys).toBeUndefined();
  });
});
