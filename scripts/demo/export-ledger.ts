/**
 * Makes export failures loud. The SDK's batch processors report a failed export only to the global
 * error handler (a no-op diag logger by default), and the log processor never rejects at all; a
 * full queue drops records silently. So every exporter is wrapped: the ledger counts what was
 * emitted and what the server acknowledged, keeps every failed result, and `settle()` throws when
 * anything was lost.
 */
import type { ExportResult } from "@opentelemetry/core";
import { ExportResultCode } from "@opentelemetry/core";

export type Signal = "spans" | "logs";

/** The shape SpanExporter and LogRecordExporter share. */
export interface Exporter<T> {
  export(items: T[], resultCallback: (result: ExportResult) => void): void;
  forceFlush(): Promise<void>;
  shutdown(): Promise<void>;
}

export interface ExportFailure {
  signal: Signal;
  url: string;
  items: number;
  error: Error;
}

export class ExportError extends Error {
  constructor(
    message: string,
    readonly failures: ExportFailure[],
  ) {
    super(message);
    this.name = "ExportError";
  }
}

function describe(error: Error): string {
  const status = "code" in error && typeof error.code === "number" ? ` (HTTP ${error.code})` : "";
  return `${error.message || error.name}${status}`;
}

export class ExportLedger {
  private emitted: Record<Signal, number> = { spans: 0, logs: 0 };
  private acknowledged: Record<Signal, number> = { spans: 0, logs: 0 };
  private failures: ExportFailure[] = [];

  recordEmitted(signal: Signal, count: number): void {
    this.emitted[signal] += count;
  }

  /** `exporter`, reporting each result to the ledger before passing it on. */
  watch<T>(signal: Signal, url: string, exporter: Exporter<T>): Exporter<T> {
    return {
      export: (items, resultCallback) => {
        exporter.export(items, (result) => {
          if (result.code === ExportResultCode.SUCCESS) this.acknowledged[signal] += items.length;
          else this.failures.push({ signal, url, items: items.length, error: result.error ?? new Error("export failed") });
          resultCallback(result);
        });
      },
      forceFlush: () => exporter.forceFlush(),
      shutdown: () => exporter.shutdown(),
    };
  }

  /**
   * Call when nothing is in flight (after a flush). Throws an ExportError naming every failed export
   * and every record that was emitted but never acknowledged since the last call; then starts over.
   */
  settle(): void {
    const problems: string[] = [];
    let lost = 0;
    for (const signal of ["spans", "logs"] as const) {
      const failures = this.failures.filter((f) => f.signal === signal);
      const failed = failures.reduce((n, f) => n + f.items, 0);
      const reasons = [...new Set(failures.map((f) => `${f.url}: ${describe(f.error)}`))];
      if (failed > 0) problems.push(`${failed} ${signal} in ${failures.length} requests to ${reasons.join(", ")}`);
      const missing = this.emitted[signal] - this.acknowledged[signal] - failed;
      if (missing > 0) problems.push(`${missing} ${signal} emitted but never exported (dropped by the SDK)`);
      lost += failed + Math.max(0, missing);
    }
    const failures = this.failures;
    this.emitted = { spans: 0, logs: 0 };
    this.acknowledged = { spans: 0, logs: 0 };
    this.failures = [];
    if (problems.length > 0) {
      throw new ExportError(`OTLP export failed, ${lost} records lost: ${problems.join("; ")}`, failures);
    }
  }
}
