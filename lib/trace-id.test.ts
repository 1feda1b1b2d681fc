import { describe, expect, it } from "vitest";
import { findTraceIdInText, isSpanId, parseTraceId, toW3C, toXRay } from "./trace-id";

const HEX = "5f3a3e1289b4a5c6d7e8f90123456789";
const XRAY = "1-5f3a3e12-89b4a5c6d7e8f90123456789";

describe("parseTraceId: accepted forms", () => {
  it("reads the X-Ray form", () => {
    const r = parseTraceId(XRAY);
    expect(r).toEqual({ ok: true, id: { hex: HEX, xray: XRAY, epochSeconds: 0x5f3a3e12, parentId: null, sampled: null } });
  });

  it("reads the W3C form in any case, and trims white space", () => {
    expect(toW3C(HEX.toUpperCase())).toBe(HEX);
    expect(toW3C(`  ${HEX}\n`)).toBe(HEX);
    expect(toXRay("5F3A3E1289B4A5C6D7E8F90123456789")).toBe(XRAY);
  });

  it("reads the header value with parent and sampling decision", () => {
    const r = parseTraceId(`Root=${XRAY};Parent=53995c3f42cd8ad8;Sampled=1`);
    expect(r.ok && r.id).toMatchObject({ hex: HEX, parentId: "53995c3f42cd8ad8", sampled: true });
    const lambda = parseTraceId(`Root=${XRAY};Parent=53995c3f42cd8ad8;Sampled=0;Lineage=a87bd80c:1`);
    expect(lambda.ok && lambda.id.sampled).toBe(false);
    expect(toW3C(`root=${HEX.toUpperCase()}`)).toBe(HEX);
  });

  it("reads a pasted header line, X-Amzn-Trace-Id: with its value", () => {
    const r = parseTraceId(`X-Amzn-Trace-Id: Root=${XRAY};Parent=53995c3f42cd8ad8;Sampled=1`);
    expect(r.ok && r.id).toMatchObject({ hex: HEX, parentId: "53995c3f42cd8ad8", sampled: true });
    expect(toW3C(`x-amzn-trace-id:Root=${XRAY}`)).toBe(HEX);
  });

  it("reads a W3C traceparent value, with or without its header name", () => {
    const r = parseTraceId(`00-${HEX}-53995c3f42cd8ad8-01`);
    expect(r).toEqual({ ok: true, id: { hex: HEX, xray: XRAY, epochSeconds: 0x5f3a3e12, parentId: "53995c3f42cd8ad8", sampled: true } });
    expect(parseTraceId(`traceparent: 00-${HEX.toUpperCase()}-53995c3f42cd8ad8-00`)).toMatchObject({ ok: true, id: { hex: HEX, sampled: false } });
    expect(parseTraceId(`ff-${HEX}-53995c3f42cd8ad8-01`).ok).toBe(false);
    expect(parseTraceId(`00-${HEX}-0000000000000000-01`).ok).toBe(false);
    expect(parseTraceId(`00-${"0".repeat(32)}-53995c3f42cd8ad8-01`).ok).toBe(false);
  });

  it("reads the epoch second the trace started", () => {
    const r = parseTraceId("1-5d82881a-0a9126e92a73e971eed891b9");
    expect(r.ok && new Date(r.id.epochSeconds * 1000).toISOString()).toBe("2019-09-18T19:40:10.000Z");
  });

  it("converts both ways without loss", () => {
    expect(toW3C(toXRay(HEX)!)).toBe(HEX);
    expect(toXRay(toW3C(XRAY)!)).toBe(XRAY);
  });
});

describe("parseTraceId: malformed IDs", () => {
  it.each([
    ["", "empty"],
    ["   ", "empty"],
    [HEX.slice(0, 31), "32 hex digits, this has 31"],
    [HEX + "0", "32 hex digits, this has 33"],
    ["5f3a3e1289b4a5c6d7e8f9012345678g", "none of the accepted forms"],
    ["1-5f3a3e12-89b4a5c6d7e8f9012345678", "X-Ray ID is 1-"],
    ["1-5f3a3e1-289b4a5c6d7e8f90123456789", "X-Ray ID is 1-"],
    ["2-5f3a3e12-89b4a5c6d7e8f90123456789", "none of the accepted forms"],
    ["1_5f3a3e12_89b4a5c6d7e8f90123456789", "none of the accepted forms"],
    ["00000000000000000000000000000000", "all-zero"],
    ["1-00000000-000000000000000000000000", "all-zero"],
    [`Root=${XRAY};Parent=xyz;Sampled=1`, "Parent must be 16 hex digits"],
    [`Root=${XRAY};Sampled=yes`, "Sampled must be"],
    ["Root=;Parent=53995c3f42cd8ad8", "Root:"],
    [`Root=${XRAY};Sampled`, 'no "="'],
    [`Root=${XRAY}" | filter @message like /x/`, "Root:"],
    [`${HEX}\n| stats count(*)`, "none of the accepted forms"],
    ["a".repeat(300), "longer than 256"],
    ["5f3a3e12-89b4-a5c6-d7e8-f90123456789", "none of the accepted forms"],
  ])("rejects %j (%s)", (input, reason) => {
    const r = parseTraceId(input);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toContain(reason);
  });

  it("names what was wrong without listing the accepted forms (the page and the API list them once)", () => {
    const r = parseTraceId("not-a-trace-id");
    expect(!r.ok && r.reason).toBe("it is none of the accepted forms");
  });

  it("rejects a header without Root", () => {
    const r = parseTraceId("Parent=53995c3f42cd8ad8;Sampled=1;Root=");
    expect(r.ok).toBe(false);
  });
});

describe("helpers", () => {
  it("recognises span IDs", () => {
    expect(isSpanId("53995c3f42cd8ad8")).toBe(true);
    expect(isSpanId("53995C3F42CD8AD8")).toBe(false);
    expect(isSpanId("0000000000000000")).toBe(false);
    expect(isSpanId("53995c3f42cd8ad")).toBe(false);
    expect(isSpanId("0000000000000001")).toBe(true);
    expect(isSpanId("a000000000000000")).toBe(true);
    expect(isSpanId("ffffffffffffffff")).toBe(true);
    expect(isSpanId("53995c3f42cd8ad89")).toBe(false);
    expect(isSpanId("53995c3f42cd8adg")).toBe(false);
    expect(isSpanId("53995c3f42cd8ad8\n")).toBe(false);
    expect(isSpanId("53995c3f42cd8a/8")).toBe(false);
    expect(isSpanId("53995c3f42cd8a:8")).toBe(false);
    expect(isSpanId("53995c3f42cd8a`8")).toBe(false);
    expect(isSpanId("")).toBe(false);
  });

  it("finds an X-Ray ID inside a Lambda REPORT line", () => {
    const line = "REPORT RequestId: c793869b\tDuration: 128.83 ms\tXRAY TraceId: 1-5d9d007f-0a8c7fd02aaaa480aed55ef0\tSegmentId: 3d752aaaa1bbe37e";
    expect(findTraceIdInText(line)).toBe("5d9d007f0a8c7fd02aaaa480aed55ef0");
    expect(findTraceIdInText("no id here")).toBeNull();
  });

  it("finds a traceparent's trace ID in a log line, and whichever ID comes first", () => {
    expect(findTraceIdInText(`GET /orders traceparent=00-${HEX}-53995c3f42cd8ad8-01 200`)).toBe(HEX);
    expect(findTraceIdInText(`{"traceparent":"00-${HEX}-53995c3f42cd8ad8-01","xray":"1-5d9d007f-0a8c7fd02aaaa480aed55ef0"}`)).toBe(HEX);
    expect(findTraceIdInText(`1-5d9d007f-0a8c7fd02aaaa480aed55ef0 then 00-${HEX}-53995c3f42cd8ad8-01`)).toBe("5d9d007f0a8c7fd02aaaa480aed55ef0");
  });
});
