// @vitest-environment node
import { renderToString } from "react-dom/server";
import { describe, expect, it, vi } from "vitest";
import { traceViewUrl } from "@/lib/trace-view-state";
import { useUrlState } from "./use-url-state";

// What Next.js' useSearchParams gives a client component rendered on the server: the request's query.
vi.mock("next/navigation", () => ({ useSearchParams: () => new URLSearchParams("span=00f067aa0ba902b7&q=card&wfrom=1") }));

function SelectedSpan() {
  const [view] = useUrlState(traceViewUrl);
  return <p>{`${view.spanId} ${view.logQuery}`}</p>;
}

describe("useUrlState on the server", () => {
  it("renders the link's state without a window (hydration then matches: no React #418)", () => {
    expect(typeof window).toBe("undefined");
    expect(renderToString(<SelectedSpan />)).toContain("00f067aa0ba902b7 card");
  });
});
