/**
 * X-Ray's SummaryStatistics (OkCount, ErrorStatistics, FaultStatistics, TotalCount,
 * TotalResponseTime) and response-time histograms, accumulated request by request.
 * A throttle (429) counts as an error (ErrorStatistics.ThrottleCount), as in X-Ray.
 */
import type { Outcome } from "./segment-doc";
import { round3 } from "./segment-store";

export class StatsAccumulator {
  ok = 0;
  errorOther = 0;
  throttle = 0;
  fault = 0;
  total = 0;
  totalResponseTime = 0;
  private readonly histogram = new Map<number, number>();

  add(outcome: Outcome, responseTimeSeconds: number | null): void {
    this.total += 1;
    if (outcome === "ok") this.ok += 1;
    else if (outcome === "error") this.errorOther += 1;
    else if (outcome === "throttle") this.throttle += 1;
    else this.fault += 1;
    if (responseTimeSeconds !== null) {
      this.totalResponseTime += responseTimeSeconds;
      const bucket = round3(responseTimeSeconds);
      this.histogram.set(bucket, (this.histogram.get(bucket) ?? 0) + 1);
    }
  }

  summary(): Record<string, unknown> {
    return {
      OkCount: this.ok,
      ErrorStatistics: { ThrottleCount: this.throttle, OtherCount: this.errorOther, TotalCount: this.throttle + this.errorOther },
      FaultStatistics: { OtherCount: this.fault, TotalCount: this.fault },
      TotalCount: this.total,
      TotalResponseTime: round3(this.totalResponseTime),
    };
  }

  histogramEntries(): { Value: number; Count: number }[] {
    return [...this.histogram.entries()].sort((a, b) => a[0] - b[0]).map(([Value, Count]) => ({ Value, Count }));
  }
}
