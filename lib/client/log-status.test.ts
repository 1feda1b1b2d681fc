import { describe, expect, it } from "vitest";
import type { LogEvent, LogsResult } from "../model";
import { describeLogs, INGESTION_LAG_MS } from "./log-status";

const END = 1_795_251_463_817;
const LATER = END + 60 * 60_000;
const MB = 2 ** 20;

const line: LogEvent = { id: "1", timestamp: END, message: "hi", level: "info", service: "a", traceId: null, spanId: null, logGroup: null, fields: {} };
const query = (data: LogsResult | undefined, error: Error | null = null, isPending = false) => ({ data, error, isPending });

describe("describeLogs", () => {
  it("shows progress while the query has not answered", () => {
    expect(describeLogs(query(undefined, null, true), END, LATER)).toEqual({
      progress: "Searching logs…",
      failure: null,
      partial: null,
      empty: null,
      cost: null,
      note: null,
    });
  });

  it("counts what a running query has scanned so far", () => {
    const running: LogsResult = { events: [], status: "running", stats: { recordsScanned: 123_456, bytesScanned: 100 * MB, recordsMatched: 0 } };
    const status = describeLogs(query(running), END, LATER);
    expect(status.progress).toBe("Searching logs… 123,456 records scanned (100 MB) · ~$0.00049");
    expect(status.empty).toBeNull();
    expect(status.cost).toBeNull();
  });

  it("gives the reason for no lines: a young trace whose lines may still be arriving", () => {
    const status = describeLogs(query({ events: [], status: "complete" }), END, END + INGESTION_LAG_MS - 1);
    expect(status.empty?.title).toBe("No log lines yet — this trace is under five minutes old and ingestion may lag");
  });

  it("gives the reason for no lines: nothing carries the trace ID, with the source's message", () => {
    expect(describeLogs(query({ events: [], status: "complete" }), END, END + INGESTION_LAG_MS).empty).toEqual({
      title: "No log line carries this trace ID",
      detail: null,
    });
    expect(describeLogs(query({ events: [], status: "complete", message: "Searched 3 log groups" }), END, LATER).empty).toEqual({
      title: "No log line carries this trace ID",
      detail: "Searched 3 log groups",
    });
  });

  it("reports a failed request or a failed query, not an empty result", () => {
    const failedRequest = describeLogs(query(undefined, new Error("HTTP 502 from /api/traces/x/logs")), END, LATER);
    expect(failedRequest.failure).toBe("HTTP 502 from /api/traces/x/logs");
    expect(failedRequest.empty).toBeNull();
    const failedQuery = describeLogs(query({ events: [], status: "failed", message: "AccessDeniedException: logs:StartQuery" }), END, LATER);
    expect(failedQuery.failure).toBe("AccessDeniedException: logs:StartQuery");
    expect(failedQuery.empty).toBeNull();
    expect(failedQuery.progress).toBeNull();
    expect(describeLogs(query({ events: [], status: "failed" }), END, LATER).failure).toBe("The logs query failed.");
  });

  it("warns that a partial result may miss lines, and says it once", () => {
    const partial = describeLogs(query({ events: [line], status: "partial", message: "2 of 5 log groups timed out" }), END, LATER);
    expect(partial.partial).toBe("2 of 5 log groups timed out");
    expect(partial.empty).toBeNull();
    const partialEmpty = describeLogs(query({ events: [], status: "partial", message: "2 of 5 log groups timed out" }), END, LATER);
    expect(partialEmpty.empty).toEqual({ title: "No log line carries this trace ID", detail: null });
  });

  it("shows the scan's cost once the query has finished", () => {
    const done: LogsResult = { events: [line], status: "complete", stats: { recordsScanned: 10, bytesScanned: 40 * 1024 * MB, recordsMatched: 1 } };
    expect(describeLogs(query(done), END, LATER).cost).toBe("scanned 40,960 MB · ~$0.20");
    expect(describeLogs(query({ events: [line], status: "complete" }), END, LATER).cost).toBeNull();
  });

  it("shows each pass's scan and cost after the total, and a complete search's note", () => {
    const stats = (bytesScanned: number) => ({ recordsScanned: 1, bytesScanned, recordsMatched: 1 });
    const cost = (bytesScanned: number) => ({ bytesScanned, pricePerGb: 0.005, estimatedUsd: 0 });
    const done: LogsResult = {
      events: [line],
      status: "complete",
      stats: stats(41 * 1024 * MB),
      cost: cost(41 * 1024 * MB),
      passes: [
        { pass: "wide", stats: stats(1024 * MB), cost: cost(1024 * MB), queries: 1 },
        { pass: "narrow", stats: stats(40 * 1024 * MB), cost: cost(40 * 1024 * MB), queries: 2 },
      ],
      message: "The wide search was refused.",
    };
    const status = describeLogs(query(done), END, LATER);
    expect(status.cost).toBe("scanned 41,984 MB · ~$0.21 (wide 1,024 MB · ~$0.005, narrow 40,960 MB · ~$0.20)");
    expect(status.note).toBe("The wide search was refused.");
    expect(status.partial).toBeNull();
  });
});
