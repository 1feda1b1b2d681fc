import { MutationObserver, QueryClient, QueryObserver, keepPreviousData, type QueryFunctionContext } from "@tanstack/react-query";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ApiRequestError } from "@/lib/client/fetch-json";
import type { TraceSummary } from "@/lib/model";
import { DEFAULT_SEARCH } from "@/lib/trace-search-state";
import { breakdownQueryOptions } from "./breakdown";
import { deleteSnapshotMutationOptions } from "./delete-snapshot";
import { divergenceQueryOptions } from "./divergence";
import { failingTracesQueryOptions } from "./failing-traces";
import { healthQueryOptions } from "./health";
import { importSnapshotMutationOptions } from "./import-snapshot";
import { mutationKeys, queryKeys } from "./keys";
import { recentTracesQueryOptions } from "./recent-traces";
import { renameSnapshotMutationOptions } from "./rename-snapshot";
import { saveSnapshotMutationOptions } from "./save-snapshot";
import { searchServicesQueryOptions } from "./search-services";
import { serviceGraphQueryOptions } from "./service-graph";
import { serviceStatsQueryOptions } from "./service-stats";
import { slowestTracesQueryOptions } from "./slowest-traces";
import { snapshotsQueryOptions } from "./snapshots";
import { topErrorsQueryOptions } from "./top-errors";
import { traceAwsLinksQueryOptions } from "./trace-aws-links";
import { traceLogsQueryOptions } from "./trace-logs";
import { tracePercentilesQueryOptions } from "./trace-percentiles";
import { traceQueryOptions } from "./trace";
import { traceSearchQueryOptions } from "./trace-search";
import { typicalTraceQueryOptions } from "./typical-trace";

const ID = "5f3a3e1289b4a5c6d7e8f90123456789";
const W = { from: 1000, to: 2000 };

/** Each request the code under test makes, and what the stub answers (JSON). */
let requests: { url: string; init?: RequestInit }[];
let answer: unknown;
beforeEach(() => {
  requests = [];
  answer = {};
  vi.stubGlobal(
    "fetch",
    vi.fn(async (url: string, init?: RequestInit) => {
      requests.push({ url, init });
      return new Response(JSON.stringify(answer), { status: 200 });
    }),
  );
});
afterEach(() => vi.unstubAllGlobals());

/** Runs a query's function as TanStack Query would. */
async function run(options: { queryKey: readonly unknown[]; queryFn?: unknown }, client = new QueryClient()) {
  const fn = options.queryFn as (ctx: QueryFunctionContext) => Promise<unknown>;
  return fn({ queryKey: options.queryKey, signal: new AbortController().signal, client, meta: undefined } as unknown as QueryFunctionContext);
}

describe("one module per call: each query asks its URL under its key", () => {
  const cases: [string, { queryKey: readonly unknown[]; queryFn?: unknown }, readonly unknown[], string][] = [
    ["health", healthQueryOptions(), ["health"], "/api/health"],
    ["trace", traceQueryOptions(ID), ["trace", ID], `/api/traces/${ID}`],
    ["percentiles", tracePercentilesQueryOptions(ID), ["trace-percentiles", ID], `/api/traces/${ID}/percentiles`],
    ["typical", typicalTraceQueryOptions(ID), ["trace-typical", ID], `/api/traces/${ID}/typical`],
    ["aws links", traceAwsLinksQueryOptions(ID), ["trace-aws-links", ID], `/api/traces/${ID}/aws-links`],
    ["recent", recentTracesQueryOptions(), ["traces", "recent"], "/api/traces?limit=200"],
    ["graph", serviceGraphQueryOptions(W), ["service-graph", 1000, 2000], "/api/service-graph?from=1000&to=2000"],
    ["stats", serviceStatsQueryOptions("pay svc", W), ["service-stats", "pay svc", 1000, 2000], "/api/services/pay%20svc/stats?from=1000&to=2000"],
    [
      "failing",
      failingTracesQueryOptions("api", "throttle", W),
      ["traces", "failing", "api", "throttle", 1000, 2000],
      "/api/traces?service=api&from=1000&to=2000&status=throttle&limit=10",
    ],
    ["breakdown", breakdownQueryOptions("api", W), ["breakdown", "api", 1000, 2000], "/api/services/api/breakdown?from=1000&to=2000"],
    [
      "divergence",
      divergenceQueryOptions("api", W, "slow"),
      ["divergence", "api", 1000, 2000, "slow"],
      "/api/services/api/divergence?from=1000&to=2000&mode=slow",
    ],
    ["errors", topErrorsQueryOptions("api", W), ["errors", "api", 1000, 2000], "/api/services/api/errors?from=1000&to=2000"],
    ["snapshots", snapshotsQueryOptions(), ["snapshots"], "/api/snapshots"],
  ];
  it.each(cases)("%s", async (_name, options, key, url) => {
    expect(options.queryKey).toEqual(key);
    answer = { trace: {}, snapshots: [] };
    await run(options);
    expect(requests.map((r) => r.url)).toEqual([url]);
  });

  it("the search is keyed without its sort, and asks the API with its window resolved", async () => {
    const state = { ...DEFAULT_SEARCH, service: "api" };
    const sorted = { ...state, sort: { key: "duration" as const, descending: true } };
    expect(traceSearchQueryOptions(sorted).queryKey).toEqual(traceSearchQueryOptions(state).queryKey);
    expect(traceSearchQueryOptions(state).queryKey).toEqual(["trace-search", "service=api"]);
    answer = { traces: [] };
    await run(traceSearchQueryOptions(state));
    expect(requests[0].url).toMatch(/^\/api\/traces\?from=\d+&to=\d+&service=api&limit=500$/);
  });

  it("the search form's services are the graph's, clients left out, sorted and once each", async () => {
    answer = { nodes: [{ name: "web", type: "client" }, { name: "b" }, { name: "a" }, { name: "b" }], edges: [] };
    const options = searchServicesQueryOptions({ ...DEFAULT_SEARCH, last: "15m" });
    expect(options.queryKey).toEqual(["trace-search-services", "15m", null, null]);
    expect(await run(options)).toEqual(["a", "b"]);
    expect(requests[0].url).toMatch(/^\/api\/service-graph\?from=\d+&to=\d+$/);
  });

  it("the slowest traces: at least the p99, longest first, ten at most; waiting while the p99 is unknown", async () => {
    answer = { traces: Array.from({ length: 12 }, (_, i) => ({ traceId: String(i), durationMs: i })) };
    const options = slowestTracesQueryOptions("api", W, 250.7);
    expect(options.queryKey).toEqual(["traces", "slowest", "api", 1000, 2000, 250.7]);
    const traces = (await run(options)) as TraceSummary[];
    expect(traces.map((t) => t.durationMs)).toEqual([11, 10, 9, 8, 7, 6, 5, 4, 3, 2]);
    expect(requests[0].url).toBe("/api/traces?service=api&from=1000&to=2000&limit=1000&minDurationMs=250");
    expect(slowestTracesQueryOptions("api", W, undefined).enabled).toBe(false);
  });
});

describe("cache, retry and polling stay as they were", () => {
  it("a trace (and a typical one) is not asked again after a 4xx, and twice more after anything else", () => {
    for (const retry of [traceQueryOptions(ID).retry, typicalTraceQueryOptions(ID).retry] as ((n: number, e: Error) => boolean)[]) {
      expect(retry(0, new ApiRequestError(404, "not_found", "no"))).toBe(false);
      expect(retry(0, new ApiRequestError(502, "upstream", "no"))).toBe(true);
      expect(retry(1, new Error("network"))).toBe(true);
      expect(retry(2, new Error("network"))).toBe(false);
    }
    const search = traceSearchQueryOptions(DEFAULT_SEARCH).retry as (n: number, e: Error) => boolean;
    expect([search(0, new ApiRequestError(400, "bad", "no")), search(0, new Error("x")), search(1, new Error("x"))]).toEqual([false, true, false]);
  });

  it("stale times, refresh and placeholders", () => {
    expect(healthQueryOptions().staleTime).toBe(Number.POSITIVE_INFINITY);
    expect(tracePercentilesQueryOptions(ID)).toMatchObject({ staleTime: 300_000, retry: false });
    expect(typicalTraceQueryOptions(ID).staleTime).toBe(60_000);
    expect(traceAwsLinksQueryOptions(ID).staleTime).toBe(300_000);
    expect(recentTracesQueryOptions().refetchInterval).toBe(30_000);
    expect(traceSearchQueryOptions(DEFAULT_SEARCH).staleTime).toBe(0);
    expect(searchServicesQueryOptions(DEFAULT_SEARCH).retry).toBe(false);
    // The incident window slides: these keep their last answer meanwhile; the divergence does not.
    for (const o of [
      serviceGraphQueryOptions(W),
      serviceStatsQueryOptions("a", W),
      slowestTracesQueryOptions("a", W, 1),
      breakdownQueryOptions("a", W),
      topErrorsQueryOptions("a", W),
    ])
      expect(o.placeholderData).toBe(keepPreviousData);
    expect(divergenceQueryOptions("a", W, "failing").placeholderData).toBeUndefined();
    expect(serviceStatsQueryOptions(null, W).enabled).toBe(false);
  });

  it("the logs: the first request answers at once, later ones are long polls, repeated while the search runs", async () => {
    const client = new QueryClient();
    const options = traceLogsQueryOptions(ID);
    expect(options.queryKey).toEqual(queryKeys.traceLogs(ID));
    answer = { events: [], status: "running" };
    await run(options, client);
    client.setQueryData(queryKeys.traceLogs(ID), answer as never);
    await run(options, client);
    expect(requests.map((r) => r.url)).toEqual([`/api/traces/${ID}/logs?waitMs=0`, `/api/traces/${ID}/logs?waitMs=1000`]);
    expect(requests[0].init?.signal).toBeInstanceOf(AbortSignal);
    const interval = options.refetchInterval as (q: { state: { data: unknown } }) => number | false;
    expect(interval({ state: { data: { status: "running" } } })).toBe(50);
    expect(interval({ state: { data: { status: "complete" } } })).toBe(false);
  });
});

describe("snapshot mutations", () => {
  it("save posts the trace with its title and note, under the key Copy summary looks for", async () => {
    const options = saveSnapshotMutationOptions(ID);
    expect(options.mutationKey).toEqual(mutationKeys.saveSnapshot(ID));
    await options.mutationFn!({ title: "t", note: "n" }, {} as never);
    expect(requests[0]).toMatchObject({ url: "/api/snapshots", init: { method: "POST", body: JSON.stringify({ traceId: ID, title: "t", note: "n" }) } });
  });

  it("rename, delete and import ask their URL, then refresh the list", async () => {
    const client = new QueryClient();
    const invalidate = vi.spyOn(client, "invalidateQueries");
    const rename = renameSnapshotMutationOptions(client);
    await rename.mutationFn!({ id: "ab", title: "new" }, {} as never);
    await (rename.onSuccess as () => Promise<void>)();
    const remove = deleteSnapshotMutationOptions(client);
    await remove.mutationFn!("ab", {} as never);
    await (remove.onSuccess as () => Promise<void>)();
    const imported = importSnapshotMutationOptions(client);
    await imported.mutationFn!("{}", {} as never);
    (imported.onSuccess as () => void)();
    expect(requests.map((r) => `${r.init?.method} ${r.url}`)).toEqual(["PATCH /api/snapshots/ab", "DELETE /api/snapshots/ab", "POST /api/snapshots/import"]);
    expect(requests[0].init?.body).toBe(JSON.stringify({ title: "new" }));
    await vi.waitFor(() => expect(invalidate).toHaveBeenCalledTimes(3));
    expect(invalidate.mock.calls).toEqual([[{ queryKey: ["snapshots"] }], [{ queryKey: ["snapshots"] }], [{ queryKey: ["snapshots"] }]]);
  });

  it("a file imported while the page's first list is still loading is in the list shown", async () => {
    // The list's first read is slow (a loaded server): it answers what it read before the import.
    let stored = [{ id: "a" }, { id: "b" }];
    let releaseFirst: () => void = () => {};
    let reads = 0;
    vi.stubGlobal(
      "fetch",
      vi.fn(async (url: string, init?: RequestInit) => {
        if (init?.method === "POST") {
          stored = [...stored, { id: "c" }];
          return new Response(JSON.stringify({ id: "c" }), { status: 201 });
        }
        const answer = JSON.stringify({ snapshots: stored });
        if (reads++ === 0) await new Promise<void>((resolve) => (releaseFirst = resolve));
        return new Response(answer, { status: 200 });
      }),
    );
    const client = new QueryClient();
    const list = new QueryObserver(client, snapshotsQueryOptions());
    const shown: string[][] = [];
    const unsubscribe = list.subscribe((result) => {
      if (result.data) shown.push(result.data.map((s) => s.id));
    });
    await vi.waitFor(() => expect(reads).toBe(1));
    await new MutationObserver(client, importSnapshotMutationOptions(client)).mutate("{}");
    releaseFirst();
    await vi.waitFor(() => expect(shown.at(-1)).toEqual(["a", "b", "c"]));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(shown.at(-1)).toEqual(["a", "b", "c"]);
    unsubscribe();
  });
});
