import { describe, expect, it } from "vitest";
import { CachedProbe } from "./cached-probe";

function setup(results: boolean[]) {
  let t = 1_000;
  const pending: Array<() => void> = [];
  let gate = false;
  const probe = new CachedProbe(
    async () => {
      if (gate) await new Promise<void>((r) => pending.push(r));
      const ok = results.shift() ?? true;
      return { ok, detail: { ok } };
    },
    { okTtlMs: 30_000, failTtlMs: 5_000, now: () => t },
  );
  return {
    probe,
    advance: (ms: number) => (t += ms),
    hold: () => (gate = true),
    release: () => {
      gate = false;
      pending.splice(0).forEach((r) => r());
    },
  };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

describe("CachedProbe", () => {
  it("runs one check for any number of probes within the time to live", async () => {
    const { probe, advance } = setup([true]);
    for (let i = 0; i < 100; i++) {
      expect((await probe.get()).ok).toBe(true);
      advance(200);
    }
    expect(probe.checks).toBe(1);
  });

  it("shares one check between concurrent first probes", async () => {
    const { probe, hold, release } = setup([true]);
    hold();
    const all = Promise.all(Array.from({ length: 20 }, () => probe.get()));
    await settle();
    release();
    expect((await all).every((r) => r.ok)).toBe(true);
    expect(probe.checks).toBe(1);
  });

  it("answers a stale result at once and refreshes it in the background, once", async () => {
    const { probe, advance, hold, release } = setup([true, false]);
    await probe.get();
    advance(30_000);
    hold();
    // Stale: both answer the old result without waiting; one refresh starts.
    expect((await probe.get()).ok).toBe(true);
    expect((await probe.get()).ok).toBe(true);
    release();
    await settle();
    expect(probe.checks).toBe(2);
    expect((await probe.get()).ok).toBe(false);
  });

  it("re-checks a failure sooner than a success", async () => {
    const { probe, advance } = setup([false, true]);
    expect((await probe.get()).ok).toBe(false);
    advance(4_999);
    await probe.get();
    expect(probe.checks).toBe(1);
    advance(1);
    await probe.get();
    await settle();
    expect(probe.checks).toBe(2);
    expect((await probe.get()).ok).toBe(true);
  });

  it("turns a check that throws into a failed result, not a failed probe", async () => {
    const probe = new CachedProbe<unknown>(() => Promise.reject(new Error("boom")), { okTtlMs: 1, failTtlMs: 1 });
    expect(await probe.get()).toMatchObject({ ok: false, detail: { error: "boom" } });
  });
});
