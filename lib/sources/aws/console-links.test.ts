import { describe, expect, it } from "vitest";
import { parseTraceId } from "../../trace-id";
import {
  consoleOrigin,
  decodeConsoleHash,
  decodeDetailString,
  detailString,
  logsInsightsConsoleUrl,
  logsInsightsPageUrl,
  xrayTraceConsoleUrl,
} from "./console-links";
import { traceLogsQuery } from "./logs-query";

const XRAY = "1-5f3a3e12-89b4a5c6d7e8f90123456789";

function parsed(raw: string) {
  const r = parseTraceId(raw);
  if (!r.ok) throw new Error(r.reason);
  return r.id;
}

describe("xrayTraceConsoleUrl", () => {
  it("opens the trace in the Region's CloudWatch console", () => {
    expect(xrayTraceConsoleUrl("eu-west-1", XRAY)).toBe(`https://eu-west-1.console.aws.amazon.com/cloudwatch/home?region=eu-west-1#xray:traces/${XRAY}`);
  });

  it("refuses what is not an X-Ray ID or a Region", () => {
    expect(() => xrayTraceConsoleUrl("eu-west-1", "5f3a3e1289b4a5c6d7e8f90123456789")).toThrow(TypeError);
    expect(() => xrayTraceConsoleUrl("eu-west-1/../x", XRAY)).toThrow(TypeError);
  });

  it("uses the partition's console host", () => {
    expect(consoleOrigin("cn-north-1")).toBe("https://cn-north-1.console.amazonaws.cn");
    expect(consoleOrigin("us-gov-west-1")).toBe("https://console.amazonaws-us-gov.com");
    expect(consoleOrigin("ap-southeast-2")).toBe("https://ap-southeast-2.console.aws.amazon.com");
  });
});

describe("logsInsightsConsoleUrl", () => {
  const start = Date.UTC(2021, 6, 15, 21, 0, 0);
  const end = Date.UTC(2021, 6, 18, 20, 59, 59);

  it("has the console's own form (as in a URL copied from the console)", () => {
    const url = logsInsightsConsoleUrl({
      region: "eu-west-1",
      query: "fields @timestamp",
      logGroups: ["/aws/lambda/checkout"],
      startMs: start,
      endMs: end,
    });
    // The console writes hex digits in lower case, this in upper case; both decode the same.
    expect(url.toLowerCase()).toBe(
      (
        "https://eu-west-1.console.aws.amazon.com/cloudwatch/home?region=eu-west-1#logsV2:logs-insights" +
        "$3FqueryDetail$3D$257E$2528end$257E$25272021-07-18T20*3a59*3a59.000Z" +
        "$257Estart$257E$25272021-07-15T21*3a00*3a00.000Z" +
        "$257EtimeType$257E$2527ABSOLUTE$257Etz$257E$2527UTC" +
        "$257EeditorString$257E$2527fields*20*40timestamp" +
        "$257EisLiveTail$257Efalse" +
        "$257Esource$257E$2528$257E$2527*2faws*2flambda*2fcheckout$2529$2529"
      ).toLowerCase(),
    );
  });

  it("carries the trace's logs query and every log group intact", () => {
    const query = traceLogsQuery(parsed(XRAY));
    const groups = ["/aws/lambda/checkout", "/ecs/payments_v2", "app#1"];
    const url = logsInsightsConsoleUrl({ region: "us-east-1", query, logGroups: groups, startMs: start, endMs: end });
    const hash = url.slice(url.indexOf("#logsV2:logs-insights") + "#logsV2:logs-insights".length);
    // Nothing in the hash that the console's encoding would not produce.
    expect(hash).toMatch(/^[A-Za-z0-9$*.-]+$/);
    const detail = decodeConsoleHash(hash);
    expect(detail.startsWith("?queryDetail=~(end~'")).toBe(true);
    const editor = /~editorString~('[^~]*)~/.exec(detail);
    expect(editor && decodeDetailString(editor[1])).toBe(query);
    const source = /~source~\(((?:~'[^~)]*)*)\)\)$/.exec(detail);
    expect(source?.[1].split("~").filter(Boolean).map(decodeDetailString)).toEqual(groups);
  });

  it("leaves out the source when no log group is known, and has a plain page link", () => {
    const url = logsInsightsConsoleUrl({ region: "us-east-1", query: "x", logGroups: [], startMs: start, endMs: end });
    expect(decodeConsoleHash(url.split("#logsV2:logs-insights")[1])).not.toContain("source");
    expect(logsInsightsPageUrl("us-east-1")).toBe("https://us-east-1.console.aws.amazon.com/cloudwatch/home?region=us-east-1#logsV2:logs-insights");
  });

  it("encodes the characters that would end a value", () => {
    expect(detailString("a~b(c)'d*e_f")).toBe("'a*7Eb*28c*29*27d*2Ae*5Ff");
    expect(decodeDetailString(detailString("ü ~'()*"))).toBe("ü ~'()*");
  });
});
