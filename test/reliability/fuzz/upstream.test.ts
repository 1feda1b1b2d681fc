import { describe, expect, it } from "vitest";
import { requestIdLogsQuery, traceLogsQuery, wideTraceLogsQuery } from "@/lib/sources/aws/logs-query";
import { traceSpansQuery } from "@/lib/sources/aws/spans-query";
import { parseTraceId } from "@/lib/trace-id";
import { startQueryProblems } from "./upstream";

const HEX = "5f3a3e1289b4a5c6d7e8f90123456789";
const parsed = parseTraceId(HEX);
if (!parsed.ok) throw new Error("fixture");
const template = traceLogsQuery(parsed.id);
const call = (queryString: unknown) => ({ op: "StartQuery", input: { queryString }, at: 0 });

describe("startQueryProblems", () => {
  it("accepts the fixed template of a canonical ID and ignores other operations", () => {
    expect(startQueryProblems([call(template), { op: "BatchGetTraces", input: {}, at: 0 }], new Set([HEX]))).toEqual([]);
  });

  it("accepts the other passes' templates: wide (checked prefixes or the account), request IDs, aws/spans", () => {
    const wide = wideTraceLogsQuery(parsed.id, { kind: "prefixes", prefixes: ["/sightline-e2e/", "/aws/lambda/"] });
    const account = wideTraceLogsQuery(parsed.id, { kind: "account" });
    const request = requestIdLogsQuery(["ac086670-6373-11e7-a174-f31b3397f190"]);
    expect(startQueryProblems([call(wide), call(account), call(request), call(traceSpansQuery(parsed.id))], new Set([HEX]))).toEqual([]);
  });

  it("flags a wide query with a prefix that could close its string, and user text after a request-ID query", () => {
    const wide = wideTraceLogsQuery(parsed.id, { kind: "prefixes", prefixes: ["/team/"] }).replace("'/team/'", "'/team/'] ) | filter 1=1 #'");
    expect(startQueryProblems([call(wide)], new Set([HEX]))[0]).toMatch(/not the fixed template/);
    const request = `${requestIdLogsQuery(["ac086670-6373-11e7-a174-f31b3397f190"])} | display @message`;
    expect(startQueryProblems([call(request)], new Set([HEX]))[0]).toMatch(/never sent/);
  });

  it("flags user text in the query, an unknown ID and a missing query", () => {
    expect(startQueryProblems([call(`${template} | filter "x"`)], new Set([HEX]))[0]).toMatch(/not the fixed template/);
    expect(startQueryProblems([call(template)], new Set(["a".repeat(32)]))[0]).toMatch(/never sent/);
    expect(startQueryProblems([call(undefined)], new Set([HEX]))[0]).toMatch(/without a queryString/);
  });
});
