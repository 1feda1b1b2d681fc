/**
 * X-Ray compatible IDs: a trace ID's first 8 hex digits are the epoch second the trace started,
 * the other 24 are random. The real AWS ID generator reads the wall clock; the demo backdates its
 * traffic, so this one reads the simulated start of the trace being emitted.
 */
import type { IdGenerator } from "@opentelemetry/sdk-trace-base";
import type { Random } from "./random";

export class XRayIdGenerator implements IdGenerator {
  constructor(
    private readonly random: Random,
    /** Epoch milliseconds at which the trace now being emitted started. */
    private readonly traceStart: () => number,
  ) {}

  generateTraceId(): string {
    const epochSecond = Math.floor(this.traceStart() / 1000);
    return epochSecond.toString(16).padStart(8, "0") + this.random.hex(24);
  }

  generateSpanId(): string {
    let id = this.random.hex(16);
    while (id === "0000000000000000") id = this.random.hex(16);
    return id;
  }
}

/** `1-5f3a3e12-89b4a5c6d7e8f90123456789`, the form Lambda and X-Ray print. */
export function toXRayTraceId(w3cTraceId: string): string {
  return `1-${w3cTraceId.slice(0, 8)}-${w3cTraceId.slice(8)}`;
}
