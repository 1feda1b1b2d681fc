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
    expect(screen.getByTestId("trace-laying-out")).toHaveTextContent("can take tens of seconds");
    expect(screen.getByTestId("trace-laying-out-time")).toHaveTextContent("0 s so far");
    act(() => vi.advanceTimersByTime(12_000));
    expect(screen.getByTestId("trace-laying-out-time")).toHaveTextContent("12 s so far");
  });

  it("a trace of unknown size: a plain loading line", () => {
    render(<TraceLoadState traceId={ID} error={null} />);
    expect(screen.getByRole("status")).toHaveTextContent(`Loading trace ${ID}…`);
    expect(screen.queryByTestId("trace-laying-out")).toBeNull();
  });
});
