import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useState } from "react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { span } from "@/lib/analysis/test-spans";
import type { LogEvent, LogsResult, Trace } from "@/lib/model";
import { withViewport } from "@/test/dom-layout";
import { LogTimeline } from "./log-timeline";

const TRACE_ID = "5b8efff798038103d269b633813fc60c";
const GW = "00000000000000a1";
const PAY = "00000000000000a2";

const trace: Trace = {
  traceId: TRACE_ID,
  xrayTraceId: `1-${TRACE_ID.slice(0, 8)}-${TRACE_ID.slice(8)}`,
  startTime: 1000,
  endTime: 1100,
  durationMs: 100,
  services: ["gateway", "payments"],
  spans: [
    span({ spanId: GW, service: "gateway", name: "GET /checkout", startTime: 1000, endTime: 1100 }),
    span({ spanId: PAY, parentSpanId: GW, service: "payments", name: "charge", startTime: 1040, endTime: 1090 }),
  ],
};

const line = (n: number, service: string, spanId: string, timestamp: number, message: string, fields: LogEvent["fields"] = {}): LogEvent => ({
  id: `e${n}`,
  timestamp,
  message,
  level: "info",
  service,
  traceId: TRACE_ID,
  spanId,
  logGroup: null,
  fields,
});

const logs: LogsResult = {
  status: "complete",
  events: [
    line(1, "gateway", GW, 1001, "request received"),
    line(2, "payments", PAY, 1050, "Charging card", { cardBrand: "VISA" }),
    line(3, "payments", PAY, 1060, "card declined: insufficient funds"),
    line(4, "gateway", GW, 1099, "responded 502"),
  ],
};

/** The trace page's wiring (trace-view.tsx): the filter text is the page's state, the zoom a prop. */
function Timeline({
  service = null,
  range = { from: 1000, to: 1100 },
  onSelectSpan = () => {},
}: {
  service?: string | null;
  range?: { from: number; to: number };
  onSelectSpan?: (id: string) => void;
}) {
  const [query, setQuery] = useState("");
  return (
    <LogTimeline
      trace={trace}
      logs={{ data: logs, error: null, isPending: false }}
      selectedSpanId={null}
      onSelectSpan={onSelectSpan}
      service={service}
      query={query}
      onQueryChange={setQuery}
      visibleRange={range}
      timeZone="utc"
    />
  );
}

const messages = () => screen.queryAllByTestId("log-row").map((r) => r.textContent);
const filter = () => screen.getByLabelText("Filter logs");

beforeEach(() => withViewport(800, 600));
afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

describe("LogTimeline's filter", () => {
  it("lists every line in time order, and counts them", () => {
    render(<Timeline />);
    expect(screen.getAllByTestId("log-row")).toHaveLength(4);
    expect(messages()[0]).toContain("request received");
    expect(messages()[3]).toContain("responded 502");
    expect(screen.getByTestId("log-count")).toHaveTextContent("4 of 4 lines");
  });

  it("keeps the lines whose message or field values contain the text, whatever the case", async () => {
    render(<Timeline />);
    await userEvent.type(filter(), "CARD");
    expect(await screen.findByText("2 of 4 lines")).toBeInTheDocument();
    expect(messages()).toEqual([expect.stringContaining("Charging card"), expect.stringContaining("card declined")]);
    await userEvent.clear(filter());
    await userEvent.type(filter(), "visa");
    expect(await screen.findByText("1 of 4 lines")).toBeInTheDocument();
    expect(messages()).toEqual([expect.stringContaining("Charging card")]);
  });

  it("says so when nothing matches, and Esc clears the filter", async () => {
    render(<Timeline />);
    await userEvent.type(filter(), "no such text");
    expect(await screen.findByText("No line matches the filter")).toBeInTheDocument();
    expect(screen.queryAllByTestId("log-row")).toHaveLength(0);
    await userEvent.keyboard("{Escape}");
    expect(filter()).toHaveValue("");
    expect(await screen.findByText("4 of 4 lines")).toBeInTheDocument();
  });

  it("keeps a service's lines, combined with the text", async () => {
    render(<Timeline service="gateway" />);
    expect(screen.getByTestId("log-count")).toHaveTextContent("2 of 4 lines");
    await userEvent.type(filter(), "502");
    expect(await screen.findByText("1 of 4 lines")).toBeInTheDocument();
    expect(messages()).toEqual([expect.stringContaining("responded 502")]);
  });

  it("a zoom hides the lines outside it and says how many", () => {
    render(<Timeline range={{ from: 1040, to: 1070 }} />);
    expect(messages()).toEqual([expect.stringContaining("Charging card"), expect.stringContaining("card declined")]);
    expect(screen.getByText(/2 .*outside/)).toBeInTheDocument();
  });

  it("a click on a line selects its span", async () => {
    const onSelectSpan = vi.fn();
    render(<Timeline onSelectSpan={onSelectSpan} />);
    await userEvent.click(within(screen.getAllByTestId("log-row")[2]).getByText(/card declined/));
    expect(onSelectSpan).toHaveBeenCalledWith(PAY);
  });
});

describe("LogTimeline's lines from several AWS accounts", () => {
  function render2(events: LogEvent[]) {
    render(
      <LogTimeline
        trace={trace}
        logs={{ data: { status: "complete", events }, error: null, isPending: false }}
        selectedSpanId={null}
        onSelectSpan={() => {}}
        service={null}
        query=""
        onQueryChange={() => {}}
        visibleRange={{ from: 1000, to: 1100 }}
        timeZone="utc"
      />,
    );
  }
  const expandAll = async () => {
    for (const button of screen.getAllByRole("button", { name: "Expand log line" })) await userEvent.click(button);
  };

  it("names each line's account in its details when the lines come from more than one account", async () => {
    render2([
      { ...line(1, "gateway", GW, 1001, "in the monitoring account"), account: "123456789012" },
      { ...line(2, "payments", PAY, 1050, "in a linked account"), account: "111122223333" },
    ]);
    await expandAll();
    expect(screen.getAllByTestId("log-account").map((e) => e.textContent)).toEqual(["123456789012", "111122223333"]);
  });

  it("says nothing of the account when every line has the same one", async () => {
    render2([
      { ...line(1, "gateway", GW, 1001, "one"), account: "123456789012" },
      { ...line(2, "payments", PAY, 1050, "two"), account: "123456789012" },
    ]);
    await expandAll();
    expect(screen.queryAllByTestId("log-account")).toEqual([]);
  });
});
