import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useMemo, useState } from "react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { span, traceOf } from "@/lib/analysis/test-spans";
import { spanSearchPredicate, visibleRows } from "@/lib/analysis/visible-rows";
import type { Trace } from "@/lib/model";
import { analyzeTrace } from "@/components/trace-page/trace-analysis";
import { withViewport } from "@/test/dom-layout";
import { TraceGantt } from "./trace-gantt";

const id = (n: number) => n.toString(16).padStart(16, "0");

/** gateway → (orders → db, db), (payments → bank): six spans, three levels. */
const small = traceOf([
  span({ spanId: id(1), service: "gateway", name: "GET /checkout", startTime: 1000, endTime: 1100 }),
  span({ spanId: id(2), parentSpanId: id(1), service: "orders", name: "load order", startTime: 1005, endTime: 1040 }),
  span({ spanId: id(3), parentSpanId: id(2), service: "db", name: "SELECT order", startTime: 1010, endTime: 1020 }),
  span({ spanId: id(4), parentSpanId: id(2), service: "db", name: "SELECT items", startTime: 1021, endTime: 1035 }),
  span({ spanId: id(5), parentSpanId: id(1), service: "payments", name: "charge", startTime: 1045, endTime: 1095, status: "fault", httpStatus: 503 }),
  span({ spanId: id(6), parentSpanId: id(5), service: "bank", name: "POST /charge-card", startTime: 1050, endTime: 1090 }),
]);

/** The trace page's wiring of the Gantt (trace-view.tsx): rows from the span tree, collapse and search as state. */
function Gantt({ trace, onSelect = () => {} }: { trace: Trace; onSelect?: (spanId: string) => void }) {
  const analysis = useMemo(() => analyzeTrace(trace), [trace]);
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  const [query, setQuery] = useState("");
  const [selected, setSelected] = useState<string | null>(null);
  const rows = useMemo(() => visibleRows(analysis.rows, spanSearchPredicate(query), collapsed), [analysis.rows, query, collapsed]);
  return (
    <TraceGantt
      trace={trace}
      analysis={analysis}
      rows={rows}
      selectedSpanId={selected}
      onSelectSpan={(spanId) => {
        setSelected(spanId);
        onSelect(spanId);
      }}
      zoom={null}
      onZoom={() => {}}
      showCriticalPath
      onToggleCriticalPath={() => {}}
      spanQuery={query}
      onSpanQueryChange={setQuery}
      logCounts={new Map()}
      lambdaReports={new Map()}
      collapsed={collapsed}
      onToggleCollapse={(spanId) =>
        setCollapsed((prev) => {
          const next = new Set(prev);
          if (!next.delete(spanId)) next.add(spanId);
          return next;
        })
      }
      detailsOpen={false}
      onCloseDetails={() => {}}
      timeZone="utc"
      searchInputRef={null}
    />
  );
}

const shownIds = () => screen.queryAllByTestId("span-row").map((r) => r.dataset.spanId);
const row = (n: number) => screen.getAllByTestId("span-row").find((r) => r.dataset.spanId === id(n))!;

beforeEach(() => withViewport(1000, 600));
afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

describe("TraceGantt", () => {
  it("lists the spans depth first, each with its service, name and status", () => {
    render(<Gantt trace={small} />);
    expect(shownIds()).toEqual([1, 2, 3, 4, 5, 6].map(id));
    expect(screen.getByText("6 of 6 spans")).toBeInTheDocument();
    expect(within(row(5)).getByText("payments")).toBeInTheDocument();
    expect(within(row(5)).getByText("503")).toBeInTheDocument();
    // Only spans with children can collapse.
    expect(within(row(2)).getByRole("button", { name: "Collapse" })).toBeInTheDocument();
    expect(within(row(3)).queryByRole("button")).toBeNull();
  });

  it("collapsing a span hides its descendants, not its siblings; expanding brings them back", async () => {
    render(<Gantt trace={small} />);
    await userEvent.click(within(row(2)).getByRole("button", { name: "Collapse" }));
    expect(shownIds()).toEqual([1, 2, 5, 6].map(id));
    expect(screen.getByText("4 of 6 spans")).toBeInTheDocument();
    await userEvent.click(within(row(1)).getByRole("button", { name: "Collapse" }));
    expect(shownIds()).toEqual([id(1)]);
    await userEvent.click(within(row(1)).getByRole("button", { name: "Expand" }));
    // The inner collapse is remembered.
    expect(shownIds()).toEqual([1, 2, 5, 6].map(id));
    await userEvent.click(within(row(2)).getByRole("button", { name: "Expand" }));
    expect(shownIds()).toEqual([1, 2, 3, 4, 5, 6].map(id));
  });

  it("the collapse button does not select its row; a click on the row does", async () => {
    const onSelect = vi.fn();
    render(<Gantt trace={small} onSelect={onSelect} />);
    await userEvent.click(within(row(2)).getByRole("button", { name: "Collapse" }));
    expect(onSelect).not.toHaveBeenCalled();
    await userEvent.click(within(row(5)).getByText("charge"));
    expect(onSelect).toHaveBeenCalledWith(id(5));
    expect(row(5)).toHaveAttribute("data-selected", "true");
    expect(row(1)).toHaveAttribute("data-selected", "false");
  });

  it("span search keeps the matches and their ancestors, and counts the matches", async () => {
    render(<Gantt trace={small} />);
    await userEvent.type(screen.getByLabelText("Search spans"), "select");
    expect(shownIds()).toEqual([1, 2, 3, 4].map(id));
    expect(screen.getByText("2 matches")).toBeInTheDocument();
    // Ancestors kept for context are dimmed.
    expect(row(1).className).toMatch(/opacity-45/);
    expect(row(3).className).not.toMatch(/opacity-45/);
  });

  it("renders only the rows in view of a large trace (virtualized), and all of them are counted", () => {
    const spans = [span({ spanId: id(1), service: "root", startTime: 0, endTime: 5000 })];
    for (let i = 2; i <= 2000; i++) spans.push(span({ spanId: id(i), parentSpanId: id(1), service: `svc-${i % 7}`, startTime: i, endTime: i + 5 }));
    render(<Gantt trace={traceOf(spans)} />);
    expect(screen.getByText("2,000 of 2,000 spans")).toBeInTheDocument();
    const rendered = screen.getAllByTestId("span-row").length;
    // 600 px of 24 px rows, and 15 more for smooth scrolling.
    expect(rendered).toBeGreaterThanOrEqual(25);
    expect(rendered).toBeLessThan(60);
    expect(shownIds()[0]).toBe(id(1));
  });
});
