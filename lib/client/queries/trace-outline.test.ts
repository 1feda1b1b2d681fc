import { QueryClient, QueryObserver } from "@tanstack/react-query";
import { describe, expect, it } from "vitest";
import type { RowsPage } from "@/lib/analysis/trace-outline";
import { queryKeys } from "./keys";
import { dropIdleRowPages, ROW_PAGES_KEPT } from "./trace-outline";

const page = (offset: number): RowsPage => ({ total: 1_000_000, matchCount: 0, offset, rows: [] });
const cached = (client: QueryClient, traceId: string) =>
  client
    .getQueryCache()
    .findAll({ queryKey: queryKeys.traceRowPages(traceId) })
    .map((q) => `${q.queryKey[2]}#${q.queryKey[3]}`)
    .sort();

describe("dropIdleRowPages: the browser keeps a window of a large trace's rows", () => {
  it("keeps the most recently fetched idle pages, every page on screen, and other traces' pages", () => {
    const client = new QueryClient();
    // 30 pages scrolled past, page k fetched at time k; two views of the same trace.
    for (let k = 0; k < 30; k++) client.setQueryData(queryKeys.traceRows("a", k % 2 ? "q=x" : "", k), page(k * 200), { updatedAt: 1000 + k });
    for (let k = 0; k < 3; k++) client.setQueryData(queryKeys.traceRows("b", "", k), page(k * 200), { updatedAt: k });
    // Page 2 is on screen (observed), though fetched long ago.
    const observer = new QueryObserver(client, { queryKey: queryKeys.traceRows("a", "", 2), queryFn: () => page(400), staleTime: Infinity });
    const unsubscribe = observer.subscribe(() => {});

    dropIdleRowPages(client, "a", 5);
    expect(cached(client, "a")).toEqual(["#2", "#26", "#28", "q=x#25", "q=x#27", "q=x#29"]);
    expect(cached(client, "b")).toHaveLength(3);
    unsubscribe();
    client.clear();
  });

  it("keeps ROW_PAGES_KEPT by default, a few screens' worth", () => {
    const client = new QueryClient();
    for (let k = 0; k < 100; k++) client.setQueryData(queryKeys.traceRows("a", "", k), page(k * 200), { updatedAt: 1000 + k });
    dropIdleRowPages(client, "a");
    expect(cached(client, "a")).toHaveLength(ROW_PAGES_KEPT);
    expect(ROW_PAGES_KEPT).toBeGreaterThanOrEqual(4);
    expect(ROW_PAGES_KEPT).toBeLessThanOrEqual(50);
    client.clear();
  });
});
