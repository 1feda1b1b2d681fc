/**
 * The outline query thread (outline-query-thread.ts, outline-query-worker.ts): a large trace's
 * outline built and held on a thread of its own answers every question as an outline engine over the
 * same lean read answers it on this thread, a search's attribute matches read on the attribute search
 * thread beside it; an unknown trace says so; a thread that stops answers its questions in flight with
 * an error, and the next question starts the pair again.
 */
import { Worker } from "node:worker_threads";
import { describe, expect, it, onTestFinished } from "vitest";
import { createOutlineEngine, OutlineTraceUnknown, type OutlineRead } from "../../../analysis/outline-engine";
import type { OutlineView } from "../../../analysis/trace-outline";
import { spawnOutlineQueriesFromSource } from "../../../../test/store-workers-from-source";
import { traceFromSpans } from "../trace-from-spans";
import { startOutlineQueries, type SpawnOutlineQueries } from "./outline-query-thread";
import { batch, fanOutTrace, spanId, tempDir, testStore, traceId } from "./test-helpers";

const T = traceId(31);
const view = (query: string, service: string | null = null, collapsed: string[] = []): OutlineView => ({ query, service, collapsed: new Set(collapsed) });

/**
 * A store holding T (`calls` calls of `children` children each; every child carries an attribute
 * `step`, "g-k", which a lean read leaves out: a search finds it through the store), and the
 * outline query threads over it, started by `spawn`.
 */
function threadsOver(calls: number, children: number, spawn: SpawnOutlineQueries = spawnOutlineQueriesFromSource) {
  const dataDir = tempDir();
  const store = testStore(undefined, dataDir);
  store.write(batch({ spans: fanOutTrace(T, calls, children) }));
  const queries = startOutlineQueries(dataDir, spawn);
  onTestFinished(() => queries.close());
  return { store, queries };
}

function setUp() {
  const { store, queries } = threadsOver(8, 12);
  const engine = createOutlineEngine({ cacheSpans: 1_000_000, ttlMs: 60_000 });
  const read: OutlineRead = {
    trace: async () => traceFromSpans(T, store.getTraceOutlineSpans(T))!,
    attributeMatches: async (text) => store.spanIdsWithAttributeText(T, text),
  };
  return { store, queries, engine, read };
}

describe("the outline query thread", () => {
  it("answers the summary, windows of views, located spans and finds as the engine on this thread does", async () => {
    const { queries, engine, read } = setUp();
    expect(await queries.summary(T)).toEqual(await engine.summary(T, read));

    const views = [view(""), view("work 3."), view("", "billing"), view("", null, [spanId(2), spanId(15)]), view("5-1")];
    for (const v of views) {
      for (const [offset, limit] of [
        [0, 40],
        [30, 200],
      ]) {
        const page = await queries.rows(T, v, offset, limit);
        expect(page).toEqual(await engine.rows(T, read, v, offset, limit));
      }
    }
    // The attribute search found spans a lean read has no attributes for: "5-1" is the step of call 5's 2nd child, and of its 11th and 12th (5-10, 5-11).
    expect((await queries.rows(T, view("5-1"), 0, 200)).matchCount).toBe(3);

    const deep = spanId(60);
    const folded = view("", null, [spanId(2 + 4 * 13)]);
    expect(await queries.locate(T, folded, deep)).toEqual(await engine.locate(T, read, folded, deep));
    expect(await queries.locate(T, view(""), "ffffffffffffffff")).toBeNull();

    const failure = await queries.find(T, view(""), { from: null, direction: 1, kind: "failure" });
    expect(failure).toEqual(await engine.find(T, read, view(""), { from: null, direction: 1, kind: "failure" }));
    expect(failure?.span.status).toBe("fault");
    const previous = await queries.find(T, view(""), { from: failure!.span.spanId, direction: -1, kind: "failure" });
    expect(previous?.span.spanId).not.toBe(failure?.span.spanId);
  }, 60_000);

  it("stores the outline it built, so that later loads read it without a build, and leaves a stored one alone", async () => {
    const { store, queries, engine, read } = setUp();
    expect(store.outlines.header(T)).toBeNull();
    const summary = await queries.summary(T);
    const deadline = Date.now() + 20_000;
    while (store.outlines.header(T) === null && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    const header = store.outlines.header(T);
    expect(header?.spanCount).toBe(1 + 8 * 13);
    expect(header?.summary).toEqual(summary);
    const plain = await engine.rows(T, read, view(""), 0, 200);
    expect(store.outlines.rows(T, 0, 200)?.records.map((r) => r.spanId)).toEqual(plain.rows.map((r) => r.span.spanId));
    // Stored and current: the builder has nothing to claim.
    expect(store.outlines.claim(T, "builder")).toBe(false);
  }, 60_000);

  it("says a trace it cannot find is unknown", async () => {
    const { queries } = setUp();
    await expect(queries.summary(traceId(99))).rejects.toBeInstanceOf(OutlineTraceUnknown);
    await expect(queries.rows(traceId(99), view(""), 0, 10)).rejects.toBeInstanceOf(OutlineTraceUnknown);
  }, 60_000);

  it("answers a question in flight with an error when its thread stops, and starts another for the next", async () => {
    const { spawn, started } = countingSpawn();
    const { queries } = threadsOver(4, 5, spawn);
    const asked = queries.summary(T);
    await started.queries[0].terminate();
    await expect(asked).rejects.toThrow("the outline query thread stopped before it answered");
    expect((await queries.summary(T)).stats.spanCount).toBe(1 + 4 * 6);
    expect(started.queries.length).toBe(2);
    expect(started.attributeSearch.length).toBe(2);
  }, 60_000);

  it("reads a search's attribute matches on the attribute search thread, and restarts both threads when that one stops", async () => {
    const { spawn, started } = countingSpawn();
    const { queries } = threadsOver(8, 12, spawn);
    expect((await queries.rows(T, view("5-1"), 0, 200)).matchCount).toBe(3);
    expect(started.attributeSearch.length).toBe(1);

    // Without its attribute search thread, a search cannot be answered: the question fails, the pair stops and starts again.
    const searcher = started.attributeSearch[0];
    const stopped = new Promise((resolve) => searcher.once("exit", resolve));
    const queriesStopped = new Promise((resolve) => started.queries[0].once("exit", resolve));
    await searcher.terminate();
    await stopped;
    await queriesStopped;
    expect((await queries.rows(T, view("7-1"), 0, 200)).matchCount).toBe(3);
    expect(started.queries.length).toBe(2);
    expect(started.attributeSearch.length).toBe(2);
  }, 60_000);

  it("takes a search's attribute matches from the attribute search thread's answer", async () => {
    // A stand-in attribute search thread: every search matches span 3, whatever the text.
    const standIn = `
      const { workerData } = require("node:worker_threads");
      workerData.port.on("message", ({ id }) => workerData.port.postMessage({ id, ok: true, spanIds: [${JSON.stringify(spanId(3))}] }));`;
    const { queries } = threadsOver(4, 5, {
      queries: spawnOutlineQueriesFromSource.queries,
      attributeSearch: (data, transfer) => new Worker(standIn, { eval: true, workerData: data, transferList: transfer }),
    });
    const page = await queries.rows(T, view("no span is named this"), 0, 200);
    expect(page.matchCount).toBe(1);
    expect(page.rows.filter((r) => r.matches).map((r) => r.span.spanId)).toEqual([spanId(3)]);
  }, 60_000);
});

/** The threads from source, each kept to be stopped or counted. */
function countingSpawn() {
  const started = { queries: [] as Worker[], attributeSearch: [] as Worker[] };
  const spawn: SpawnOutlineQueries = {
    queries(data, transfer) {
      const w = spawnOutlineQueriesFromSource.queries(data, transfer);
      started.queries.push(w);
      return w;
    },
    attributeSearch(data, transfer) {
      const w = spawnOutlineQueriesFromSource.attributeSearch(data, transfer);
      started.attributeSearch.push(w);
      return w;
    },
  };
  return { spawn, started };
}
