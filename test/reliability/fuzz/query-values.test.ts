import { describe, expect, it } from "vitest";
import { parseAttributeFilters, parseDurationRange, parseLimit, parseOperation, parseService, parseStatus, parseWindow } from "@/lib/http/query-params";
import { buildFilterExpression } from "@/lib/sources/aws/xray-filter";
import { createRng } from "./prng";
import * as v from "./query-values";

const rng = createRng(31_337);
const NOW = 1_780_000_000_000;
const MAX = 744 * 3_600_000;
const opts = { now: NOW, maxWindowMs: MAX, defaultSpanMs: 3_600_000 };
const q = (pairs: [string, string][]) => new URLSearchParams(pairs);

describe("always-invalid values are rejected by the app's parsers", () => {
  it.each([
    ["badWindow", () => parseWindow(q(v.badWindow(rng, NOW, MAX)), opts)],
    ["badLimit", () => parseLimit(q([["limit", v.badLimit(rng)]]), 100, 1000)],
    ["unknownStatus", () => parseStatus(q([["status", v.unknownStatus(rng)]]))],
    ["badDuration", () => parseDurationRange(q([["minDurationMs", v.badDuration(rng)]]))],
    ["badService", () => parseService(q([["service", v.badService(rng)]]))],
    ["badOperation", () => parseOperation(q([["operation", v.badOperation(rng)]]))],
    ["badAttributes", () => parseAttributeFilters(q(v.badAttributes(rng).map((a) => ["attr", a])))],
    ["locallyInvalidFilter", () => buildFilterExpression({ filterExpression: v.locallyInvalidFilter(rng) })],
  ])("%s", (_name, parse) => {
    for (let i = 0; i < 500; i++) expect(parse).toThrow();
  });
});

describe("valid-but-odd values are accepted", () => {
  it.each([
    ["oddWindow", () => parseWindow(q(v.oddWindow(rng, NOW)), opts)],
    ["oddLimit", () => parseLimit(q([["limit", v.oddLimit(rng)]]), 100, 1000)],
    ["oddService", () => parseService(q([["service", v.oddService(rng)]]))],
    ["passThroughFilter", () => buildFilterExpression({ filterExpression: v.passThroughFilter(rng) })],
  ])("%s", (_name, parse) => {
    for (let i = 0; i < 300; i++) expect(parse).not.toThrow();
  });
});
