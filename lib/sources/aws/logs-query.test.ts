import { describe, expect, it } from "vitest";
import { type ParsedTraceId, parseTraceId } from "../../trace-id";
import { queryWindow, traceLogsQuery } from "./logs-query";

function id(input: string): ParsedTraceId {
  const r = parseTraceId(input);
  if (!r.ok) throw new Error(r.reason);
  return r.id;
}

const HEX = "5f3a3e1289b4a5c6d7e8f90123456789";
const XRAY = "1-5f3a3e12-89b4a5c6d7e8f90123456789";

describe("traceLogsQuery", () => {
  it("builds the exact Logs Insights query for a known ID", () => {
    const both = `["${HEX}", "${XRAY}"]`;
    expect(traceLogsQuery(id(XRAY))).toBe(
      [
        "fields @timestamp, @message, @log, @logStream, traceId, trace_id, xrayTraceId, xray_trace_id, @xrayTraceId",
        `| filter traceId in ${both} or trace_id in ${both} or xrayTraceId in ${both} or xray_trace_id in ${both}` +
          ` or @xrayTraceId in ${both} or @message like /(?i)${HEX}|${XRAY}/`,
        "| sort @timestamp asc",
        "| limit 10000",
      ].join("\n"),
    );
  });

  it("is the same query whichever form the ID was given in", () => {
    const q = traceLogsQuery(id(XRAY));
    expect(traceLogsQuery(id(HEX.toUpperCase()))).toBe(q);
    expect(traceLogsQuery(id(`Root=${XRAY};Parent=53995c3f42cd8ad8;Sampled=1`))).toBe(q);
  });

  it("matches REPORT lines' XRAY TraceId and both forms in raw messages", () => {
    const regex = /@message like \/\(\?i\)(.*)\/$/m.exec(traceLogsQuery(id(XRAY)))?.[1] ?? "";
    const re = new RegExp(regex, "i");
    expect(re.test(`REPORT RequestId: c793\tDuration: 1.00 ms\tXRAY TraceId: ${XRAY}\tSegmentId: 3d752abc1bbe37ef`)).toBe(true);
    expect(re.test(`{"traceparent":"00-${HEX.toUpperCase()}-53995c3f42cd8ad8-01"}`)).toBe(true);
    expect(re.test("1-5f3a3e12-89b4a5c6d7e8f90123456780")).toBe(false);
  });

  it.each(['"', "|", "\\", "\n", "`", "/", " or 1=1"])("can never carry %j into the query", (hostile) => {
    // Inside an ID or a header, parseTraceId rejects it: such input never becomes a ParsedTraceId.
    for (const input of [`${HEX.slice(0, 16)}${hostile}${HEX.slice(16)}`, `${XRAY}${hostile}x`, `Root=${XRAY}${hostile}x;Sampled=1`]) {
      expect(parseTraceId(input).ok).toBe(false);
    }
    // Around it, it is either rejected or trimmed away: the query is the clean ID's.
    for (const input of [`${XRAY}${hostile}`, `${hostile}${HEX}`]) {
      const r = parseTraceId(input);
      if (r.ok) expect(traceLogsQuery(r.id)).toBe(traceLogsQuery(id(XRAY)));
    }
  });

  it("contains nothing but the fixed text and the 32 hex digits", () => {
    const q = traceLogsQuery(id(XRAY));
    const variable = q.replaceAll(XRAY, "").replaceAll(HEX, "");
    expect(variable).not.toMatch(/[0-9a-f]{8}/);
  });

  it("refuses a hand-built ParsedTraceId whose hex is not 32 hex digits", () => {
    const forged: ParsedTraceId = { ...id(XRAY), hex: `${HEX.slice(0, 30)}"|` };
    expect(() => traceLogsQuery(forged)).toThrow(TypeError);
  });

  it("derives the X-Ray form from the hex, not from a forged xray field", () => {
    const forged: ParsedTraceId = { ...id(XRAY), xray: '1-" | stats count(*)' };
    expect(traceLogsQuery(forged)).toBe(traceLogsQuery(id(XRAY)));
  });
});

describe("queryWindow", () => {
  it("starts 5 minutes before and ends 15 minutes after the ID's epoch second without a trace", () => {
    expect(queryWindow(id(XRAY))).toEqual({ startTime: 0x5f3a3e12 - 300, endTime: 0x5f3a3e12 + 900 });
  });

  it("floors the start and ceils the end of a known trace, in epoch seconds", () => {
    const trace = { startTime: 1597652498999.75, endTime: 1597652499000.25 };
    expect(queryWindow(id(XRAY), trace, { beforeMs: 0, afterMs: 0 })).toEqual({ startTime: 1597652498, endTime: 1597652500 });
    expect(queryWindow(id(XRAY), trace)).toEqual({ startTime: 1597652498 - 300, endTime: 1597652500 + 900 });
  });

  it("keeps whole seconds as they are", () => {
    const trace = { startTime: 1597652498000, endTime: 1597652499000 };
    expect(queryWindow(id(XRAY), trace, { beforeMs: 0, afterMs: 0 })).toEqual({ startTime: 1597652498, endTime: 1597652499 });
  });

  it("never starts before the epoch", () => {
    expect(queryWindow(id("00000000000000000000000000000001")).startTime).toBe(0);
  });
});
