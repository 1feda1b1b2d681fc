// @vitest-environment node
/**
 * The trace page as the server renders it (app/trace/[id]/page.tsx hands it the trace): the first
 * paint shows the Gantt's rows, the log lines and the service map before any script has run.
 */
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { renderToString } from "react-dom/server";
import { describe, expect, it, vi } from "vitest";
import { span, traceOf } from "@/lib/analysis/test-spans";
import type { LogEvent, Span } from "@/lib/model";
import { FIRST_PAINT_LIST_RECT, FIRST_PAINT_MAP_ASPECT, FIRST_PAINT_MAP_SIZE } from "@/components/first-paint";
import { aspectStep } from "@/lib/analysis/service-map-viewport";
import { TraceView } from "./trace-view";

vi.mock("next/navigation", () => ({
  useSearchParams: () => new URLSearchParams(),
  useRouter: () => ({ push: () => undefined, replace: () => undefined }),
}));

const id = (n: number) => n.toString(16).padStart(16, "0");

/** A gateway calling five services, each with one child: 100 spans in all. */
const spans: Span[] = [span({ spanId: id(1), service: "gateway", name: "GET /checkout", startTime: 1000, endTime: 1200 })];
for (let i = 2; i <= 100; i++) {
  const parent = i <= 6 ? id(1) : id(2 + (i % 5));
  spans.push(span({ spanId: id(i), parentSpanId: parent, service: `svc-${i % 5}`, name: `step ${i}`, startTime: 1000 + i, endTime: 1001 + i }));
}
const trace = traceOf(spans);
const events: LogEvent[] = spans.map((s, i) => ({
  id: `log-${i}`,
  timestamp: s.startTime,
  message: `work on ${s.name}`,
  level: "info",
  service: s.service,
  traceId: s.traceId,
  spanId: s.spanId,
  logGroup: null,
  fields: {},
}));

const count = (html: string, testId: string) => html.split(`data-testid="${testId}"`).length - 1;

describe("TraceView on the server", () => {
  const html = renderToString(
    <QueryClientProvider client={new QueryClient()}>
      <TraceView trace={trace} logs={{ data: { events, status: "complete" }, error: null, isPending: false }} />
    </QueryClientProvider>,
  );

  it("renders the first Gantt rows and log lines (the lists' assumed viewport), not all of them", () => {
    expect(count(html, "span-row")).toBeGreaterThan(20);
    expect(count(html, "span-row")).toBeLessThan(spans.length);
    expect(count(html, "log-row")).toBeGreaterThan(20);
    expect(count(html, "log-row")).toBeLessThan(events.length);
    expect(html).toContain("GET /checkout");
    expect(html).toContain("work on GET /checkout");
  });

  it("renders only the rows of that viewport: no overscan rows, which would be HTML to send, parse and lay out off the screen", () => {
    // Gantt rows are 24 px and log rows 22 px: a viewport's worth of either is at most this many
    // (a list with its usual overscan of 15–16 rows would render 49 and 53).
    const viewportRows = Math.ceil(FIRST_PAINT_LIST_RECT.height / 22);
    expect(count(html, "span-row")).toBeLessThanOrEqual(viewportRows);
    expect(count(html, "log-row")).toBeLessThanOrEqual(viewportRows);
  });

  it("gives the three panels their widths (the log panel is not pushed off the screen before hydration)", () => {
    for (const [panel, grow] of [
      ["map", 28],
      ["gantt", 42],
      ["logs", 30],
    ] as const)
      expect(html).toMatch(new RegExp(`id="${panel}"[^>]*flex-grow:${grow}[;"]`));
  });

  it("draws the service map, laid out on the main thread", () => {
    expect(html).not.toContain("Laying out");
    expect(html).toContain('data-layout-engine="dagre"');
    expect(count(html, "map-node")).toBe(trace.services.length + 1); // and the client node
  });

  it("fits the map to the panel's expected size, as the browser will draw it once measured: edge labels too small to read are not sent", () => {
    expect(aspectStep(FIRST_PAINT_MAP_SIZE)).toBe(FIRST_PAINT_MAP_ASPECT);
    const svg = /<svg viewBox="([^"]+)"[^>]*aria-label="Service map[^"]*"[^>]*>(.*?)<\/svg>/s.exec(html);
    expect(svg).not.toBeNull();
    const [, , boxW, boxH] = svg![1].split(" ").map(Number);
    // The viewBox has the panel's shape (the layout's own box would be much wider than tall).
    expect(boxW / boxH).toBeCloseTo(FIRST_PAINT_MAP_SIZE.width / FIRST_PAINT_MAP_SIZE.height, 2);
    // At that zoom an edge label would be under 7.5 px: none drawn (each edge still has its <title>).
    expect(svg![2]).toContain("<title>gateway → svc-");
    expect(svg![2]).not.toMatch(/× avg/);
  });
});
