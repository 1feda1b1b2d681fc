/**
 * Injected faults, per operation name or "*". Faults with a count are used up (a burst); the
 * others stay until clearFaults(). `unprocessed` and `queryStatus` act inside their operations.
 */
import type { AwsError } from "./aws-error";
import { type Service, accessDeniedError, resourceNotFoundError, serverError, throttleError } from "./fault-errors";
import type { Fault } from "./types";

interface Entry {
  op: string;
  fault: Fault;
  /** Uses left; Infinity for a fault that stays. */
  remaining: number;
  /** For `unprocessed`: the IDs not reported yet. */
  pendingIds: Set<string>;
  /** For `throttle`: calls still to let through before it starts. */
  after: number;
}

/** What the transport does with one request before (or instead of) answering it. */
export interface TransportDecision {
  slowMs: number;
  reset: boolean;
  /** Run the operation, then drop the connection instead of answering. */
  lostAnswer: boolean;
  error: AwsError | null;
  /** Answer with this many bytes of the body (-1: half of it), then destroy the socket; null: the whole answer. */
  cutAfter: number | null;
  /** Pace the answer's body at this rate; null: at once. */
  bytesPerSecond: number | null;
}

function usesOf(fault: Fault): number {
  switch (fault.kind) {
    case "serverError":
    case "reset":
    case "lostAnswer":
    case "cutAnswer":
      return fault.count ?? 1;
    case "throttle":
    case "accessDenied":
    case "resourceNotFound":
      return fault.count ?? Infinity;
    default:
      return Infinity;
  }
}

export class FaultBook {
  private entries: Entry[] = [];

  constructor(private readonly random: () => number = Math.random) {}

  inject(op: string, fault: Fault): void {
    if (fault.kind === "slow" && !(fault.ms >= 0)) throw new RangeError("slow fault: ms must be >= 0");
    if (fault.kind === "trickle" && !(fault.bytesPerSecond > 0)) throw new RangeError("trickle fault: bytesPerSecond must be > 0");
    if (fault.kind === "cutAnswer" && fault.afterBytes !== undefined && !(Number.isInteger(fault.afterBytes) && fault.afterBytes >= 0)) {
      throw new RangeError("cutAnswer fault: afterBytes must be an integer >= 0");
    }
    if (fault.kind === "throttle" && fault.probability !== undefined && !(fault.probability >= 0 && fault.probability <= 1)) {
      throw new RangeError("throttle fault: probability must be within [0, 1]");
    }
    const after = fault.kind === "throttle" ? (fault.after ?? 0) : 0;
    if (!(Number.isInteger(after) && after >= 0)) throw new RangeError("throttle fault: after must be an integer >= 0");
    const ids = fault.kind === "unprocessed" ? new Set(fault.traceIds) : new Set<string>();
    this.entries.push({ op, fault, remaining: usesOf(fault), pendingIds: ids, after });
  }

  clear(): void {
    this.entries = [];
  }

  private matching(op: string): Entry[] {
    return this.entries.filter((e) => e.remaining > 0 && (e.op === op || e.op === "*"));
  }

  private use(entry: Entry): void {
    entry.remaining -= 1;
    if (entry.remaining <= 0) this.entries = this.entries.filter((e) => e !== entry);
  }

  /** The transport-level faults for one request: latency, a dropped socket, or an error answer. */
  decide(service: Service, op: string): TransportDecision {
    const decision: TransportDecision = { slowMs: 0, reset: false, lostAnswer: false, error: null, cutAfter: null, bytesPerSecond: null };
    for (const entry of this.matching(op)) {
      const { fault } = entry;
      if (fault.kind === "slow") decision.slowMs = Math.max(decision.slowMs, fault.ms);
      if (fault.kind === "trickle") decision.bytesPerSecond = Math.min(decision.bytesPerSecond ?? Infinity, fault.bytesPerSecond);
      if (decision.reset || decision.lostAnswer || decision.error || decision.cutAfter !== null) continue;
      switch (fault.kind) {
        case "cutAnswer":
          decision.cutAfter = fault.afterBytes ?? -1;
          this.use(entry);
          break;
        case "lostAnswer":
          decision.lostAnswer = true;
          this.use(entry);
          break;
        case "reset":
          decision.reset = true;
          this.use(entry);
          break;
        case "serverError":
          decision.error = serverError(service, fault.status ?? 500);
          this.use(entry);
          break;
        case "throttle":
          if (entry.after > 0) entry.after -= 1;
          else if (this.random() < (fault.probability ?? 1)) {
            decision.error = throttleError(service);
            this.use(entry);
          }
          break;
        case "accessDenied":
          decision.error = accessDeniedError(service, op, fault.action);
          this.use(entry);
          break;
        case "resourceNotFound":
          decision.error = resourceNotFoundError(service, op);
          this.use(entry);
          break;
        default:
          break;
      }
    }
    return decision;
  }

  /** How queries started now end, when a `queryStatus` fault is set (for StartQuery, GetQueryResults or "*"). */
  queryEnding(): "Failed" | "Timeout" | "Cancelled" | null {
    for (const entry of this.entries) {
      const { fault } = entry;
      if (fault.kind !== "queryStatus") continue;
      if (entry.op === "*" || entry.op === "StartQuery" || entry.op === "GetQueryResults") return fault.status;
    }
    return null;
  }

  /** The requested IDs to report as unprocessed this time; each is reported once. */
  takeUnprocessed(op: string, requested: readonly string[]): Set<string> {
    const out = new Set<string>();
    for (const entry of this.matching(op)) {
      if (entry.fault.kind !== "unprocessed") continue;
      for (const id of requested) {
        if (entry.pendingIds.delete(id)) out.add(id);
      }
      if (entry.pendingIds.size === 0) this.entries = this.entries.filter((e) => e !== entry);
    }
    return out;
  }
}
