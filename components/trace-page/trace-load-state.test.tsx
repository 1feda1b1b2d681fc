import { act, render, screen } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { TraceLoadState } from "./trace-load-state";

const ID = "5f3a3e1289b4a5c6d7e8f90123456789";

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe("TraceLoadState", () => {
  it("a large trace being laid out: its size, what is happening, and the seconds so far", () => {
    render(<TraceLoadState traceId={ID} error={null} spanCount={1_000_000} />);
    expect(screen.getByRole("status")).toHaveTextContent("Laying out 1,000,000 spans…");
    expect(screen.getByTestId("trace-laying-out")).toHaveTextContent("reads and orders every span");
    expect(screen.queryByTestId("trace-glance")).toBeNull();
    expect(screen.getByTestId("trace-laying-out-time")).toHaveTextContent("0 s so far");
    act(() => vi.advanceTimersByTime(12_000));
    expect(screen.getByTestId("trace-laying-out-time")).toHaveTextContent("12 s so far");
  });

  it("with the trace's summary: its root service and operation, status, duration and start, before the rows", () => {
    const glance = {
      traceId: ID,
      xrayTraceId: "1-5f3a3e12-89b4a5c6d7e8f90123456789",
      startTime: Date.UTC(2026, 11, 7, 3, 12, 5),
      durationMs: 12_400,
      rootService: "batch-reconcile",
      rootName: "POST /reconcile",
      status: "fault" as const,
      spanCount: 1_000_000,
      httpStatus: 503,
    };
    render(<TraceLoadState traceId={ID} error={null} spanCount={1_000_000} glance={glance} />);
    const shown = screen.getByTestId("trace-glance");
    expect(shown).toHaveTextContent("batch-reconcile POST /reconcile");
    expect(screen.getByTestId("status-badge")).toHaveTextContent("503");
    expect(shown).toHaveTextContent("12.4 s");
    expect(shown).toHaveTextContent("2026-12-07 03:12:05");
    expect(screen.getByRole("status")).toHaveTextContent("Laying out 1,000,000 spans…");
  });

  it("a trace of unknown size: a plain loading line", () => {
    render(<TraceLoadState traceId={ID} error={null} />);
    expect(screen.getByRole("status")).toHaveTextContent(`Loading trace ${ID}…`);
    expect(screen.queryByTestId("trace-laying-out")).toBeNull();
  });
});
