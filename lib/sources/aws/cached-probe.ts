/**
 * A readiness check that costs upstream at most one call per interval, however often it is probed:
 * load balancers and kubelets probe every few seconds on every replica, and each AWS call counts
 * against the account's quotas.
 *
 * - The first probe waits for the check (bounded by the check's own timeout).
 * - Later probes answer at once with the last result; once it is older than its time to live
 *   (okTtlMs after a success, failTtlMs after a failure, so recovery is noticed sooner), the
 *   probe that finds it stale starts one refresh in the background.
 * - Concurrent probes share one check in flight.
 */
export interface ProbeResult<T> {
  ok: boolean;
  detail: T;
  /** Epoch ms when the check that produced this result finished. */
  checkedAt: number;
}

export interface CachedProbeOptions {
  okTtlMs: number;
  failTtlMs: number;
  now?: () => number;
}

export class CachedProbe<T> {
  private last: ProbeResult<T> | undefined;
  private inFlight: Promise<ProbeResult<T>> | undefined;
  private readonly now: () => number;
  /** Checks run so far (tests, diagnostics). */
  checks = 0;

  constructor(
    private readonly check: () => Promise<{ ok: boolean; detail: T }>,
    private readonly options: CachedProbeOptions,
  ) {
    this.now = options.now ?? Date.now;
  }

  async get(): Promise<ProbeResult<T>> {
    const last = this.last;
    if (!last) return this.refresh();
    const ttl = last.ok ? this.options.okTtlMs : this.options.failTtlMs;
    if (this.now() - last.checkedAt >= ttl) void this.refresh();
    return last;
  }

  private refresh(): Promise<ProbeResult<T>> {
    this.inFlight ??= (async () => {
      this.checks += 1;
      try {
        const { ok, detail } = await this.check();
        this.last = { ok, detail, checkedAt: this.now() };
      } catch (err) {
        // A check must not throw; if it does, that is a failure, not an unanswered probe.
        this.last = { ok: false, detail: { error: (err as Error).message } as T, checkedAt: this.now() };
      } finally {
        this.inFlight = undefined;
      }
      return this.last;
    })();
    return this.inFlight;
  }
}
