import { describe, expect, it } from "vitest";
import { traceLogsQuery } from "@/lib/sources/aws/logs-query";
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

  it("flags user text in the query, an unknown ID and a missing query", () => {
    expect(startQueryProblems([call(`${template} | filter "x"`)], new Set([HEX]))[0]).toMatch(/not the fixed template/);
    expect(startQueryProblems([call(template)], new Set(["a".repeat(32)]))[0]).toMatch(/never sent/);
    expect(startQueryProblems([call(undefined)], new Set([HEX]))[0]).toMatch(/without a queryString/);
  });
});
