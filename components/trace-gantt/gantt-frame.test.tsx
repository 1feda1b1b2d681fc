import { render, screen } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { span } from "@/lib/analysis/test-spans";
import type { VisibleRow } from "@/lib/analysis/visible-rows";
import { withViewport } from "@/test/dom-layout";
import { GanttFrame, type GanttFrameProps, type GanttRowData, type GanttRowSource } from "./gantt-frame";

/** Renders of the Gantt's row component, by span ID: the real row, counted. */
const renders = vi.hoisted(() => new Map<string, number>());
vi.mock("./gantt-row", async (importOriginal) => {
  const real = await importOriginal<typeof import("./gantt-row")>();
  const { createElement, memo } = await import("react");
  const Counted = memo(function Counted(p: import("./gantt-row").GanttRowProps) {
    renders.set(p.row.span.spanId, (renders.get(p.row.span.spanId) ?? 0) + 1);
    return createElement(real.GanttRow, p);
  });
  return { ...real, GanttRow: Counted };
});

const id = (n: number) => n.toString(16).padStart(16, "0");
const COUNT = 1000;
const rows: VisibleRow[] = Array.from({ length: COUNT }, (_, i) => ({
  span: span({ spanId: id(i + 1), parentSpanId: i ? id(1) : undefined, service: `svc-${i % 5}`, name: `op ${i}`, startTime: 1000 + i, endTime: 1010 + i }),
  depth: i ? 1 : 0,
  childCount: i ? 0 : COUNT - 1,
  collapsed: false,
  matches: true,
  orphan: false,
}));
const NONE: never[] = [];
const data = new Map<number, GanttRowData>(
  rows.map((row, i) => [
    i,
    { row, color: "#888", critical: NONE, onCriticalPath: false, skew: undefined, coldStart: false, lambdaReport: undefined, logCount: 0 },
  ]),
);

/** Rows 0 .. loaded-1 arrived, the rest not yet (as the windowed view's pages arrive). */
const sourceOf = (loaded: number): GanttRowSource => ({ count: COUNT, rowAt: (i) => (i < loaded ? data.get(i)! : null) });

const noop = () => {};
const props = (over: Partial<GanttFrameProps>): GanttFrameProps => ({
  spanCount: COUNT,
  traceStart: 1000,
  durationMs: 1010,
  paint: noop,
  rows: sourceOf(COUNT),
  selectedSpanId: null,
  selectedIndex: null,
  onSelectSpan: noop,
  onToggleCollapse: noop,
  zoom: null,
  onZoom: noop,
  showCriticalPath: false,
  onToggleCriticalPath: noop,
  spanQuery: "",
  onSpanQueryChange: noop,
  matchCount: 0,
  searchInputRef: null,
  ...over,
});

beforeEach(() => {
  withViewport(1000, 600);
  renders.clear();
});
afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

describe("GanttFrame", () => {
  it("draws a placeholder for a row not arrived, and when its page arrives draws that row alone: the rows on screen are not drawn again", () => {
    const onRowsShown = vi.fn();
    const { rerender } = render(<GanttFrame {...props({ rows: sourceOf(10), onRowsShown })} />);
    const drawn = screen.getAllByTestId("span-row").length;
    expect(drawn).toBe(10);
    expect(screen.getAllByTestId("span-row-pending").length).toBeGreaterThan(10);
    expect(onRowsShown).toHaveBeenLastCalledWith(0, expect.any(Number));
    const firstRow = screen.getAllByTestId("span-row")[0];

    // A new page: a new source object, the same row data for the rows already drawn.
    rerender(<GanttFrame {...props({ rows: sourceOf(COUNT), onRowsShown })} />);
    expect(screen.queryAllByTestId("span-row-pending")).toHaveLength(0);
    const all = screen.getAllByTestId("span-row");
    expect(all.length).toBeGreaterThan(25);
    // The ten rows drawn before were drawn once, and are the same elements.
    for (let i = 0; i < 10; i++) expect(renders.get(id(i + 1))).toBe(1);
    expect(all[0]).toBe(firstRow);
    expect(renders.get(id(20))).toBe(1);
  });

  it("a new selection draws again the two rows it concerns, not the others", () => {
    const { rerender } = render(<GanttFrame {...props({ selectedSpanId: id(3) })} />);
    rerender(<GanttFrame {...props({ selectedSpanId: id(5) })} />);
    expect(renders.get(id(3))).toBe(2);
    expect(renders.get(id(5))).toBe(2);
    expect(renders.get(id(4))).toBe(1);
    expect(screen.getAllByTestId("span-row").find((r) => r.dataset.spanId === id(5))).toHaveAttribute("data-selected", "true");
  });

  it("places each row by a transform at its row's offset, in a box of the row's height", () => {
    render(<GanttFrame {...props({})} />);
    const box = screen.getAllByTestId("span-row")[3].parentElement!;
    expect(box.style.transform).toBe("translateY(72px)");
    expect(box.style.height).toBe("24px");
  });

  it("with server-side find: Enter in the search asks for the next match, Shift+Enter the previous; the count is 'searching…' until known", async () => {
    const onFind = vi.fn();
    const { rerender } = render(<GanttFrame {...props({ spanQuery: "op 7", matchCount: null, onFind })} />);
    expect(screen.getByTestId("span-match-count").textContent).toBe("searching…");
    rerender(<GanttFrame {...props({ spanQuery: "op 7", matchCount: 1234, onFind })} />);
    expect(screen.getByTestId("span-match-count").textContent).toBe("1,234 matches");
    const { default: userEvent } = await import("@testing-library/user-event");
    await userEvent.type(screen.getByLabelText("Search spans"), "{Enter}");
    expect(onFind).toHaveBeenLastCalledWith("match", "next");
    await userEvent.type(screen.getByLabelText("Search spans"), "{Shift>}{Enter}{/Shift}");
    expect(onFind).toHaveBeenLastCalledWith("match", "previous");
    await userEvent.click(screen.getByTestId("next-failure"));
    expect(onFind).toHaveBeenLastCalledWith("failure", "next");
  });

  it("without server-side find there is no Next match or Next failure button", () => {
    render(<GanttFrame {...props({ spanQuery: "op", matchCount: 3 })} />);
    expect(screen.getByTestId("span-match-count").textContent).toBe("3 matches");
    expect(screen.queryByTestId("next-failure")).toBeNull();
    expect(screen.queryByRole("button", { name: "Next match" })).toBeNull();
  });
});
