import type { ExportResult } from "@opentelemetry/core";
import { ExportResultCode } from "@opentelemetry/core";
import { describe, expect, it } from "vitest";
import type { Exporter } from "./export-ledger";
import { ExportError, ExportLedger } from "./export-ledger";

/** An exporter that answers every export with `result`. */
function answering(result: ExportResult): Exporter<string> {
  return {
    export: (_items, done) => done(result),
    forceFlush: async () => undefined,
    shutdown: async () => undefined,
  };
}

describe("ExportLedger", () => {
  it("settles quietly when everything emitted was acknowledged", () => {
    const ledger = new ExportLedger();
    const exporter = ledger.watch("spans", "http://x/v1/traces", answering({ code: ExportResultCode.SUCCESS }));
    ledger.recordEmitted("spans", 2);
    exporter.export(["a", "b"], () => undefined);
    expect(() => ledger.settle()).not.toThrow();
  });

  it("names failed exports, passing the result on to the SDK unchanged", () => {
    const ledger = new ExportLedger();
    const failure = { code: ExportResultCode.FAILED, error: new Error("Internal Server Error") };
    const exporter = ledger.watch("logs", "http://x/v1/logs", answering(failure));
    ledger.recordEmitted("logs", 3);
    const seen: ExportResult[] = [];
    exporter.export(["a", "b", "c"], (r) => seen.push(r));
    expect(seen).toEqual([failure]);
    expect(() => ledger.settle()).toThrow(/3 logs in 1 requests to http:\/\/x\/v1\/logs: Internal Server Error/);
  });

  it("notices records the SDK dropped without ever exporting them", () => {
    const ledger = new ExportLedger();
    ledger.recordEmitted("spans", 5);
    expect(() => ledger.settle()).toThrow(ExportError);
    expect(() => ledger.settle()).not.toThrow();
  });
});
