import { act, render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useMemo, useSyncExternalStore } from "react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { UrlCodec } from "@/lib/url-codec";
import { useUrlState } from "./use-url-state";

/**
 * A stand-in for Next.js' router as far as useSearchParams goes: Next.js patches history.pushState
 * and replaceState and applies each URL to useSearchParams later, in a transition, one after the
 * other. Here each written URL is queued and handed over by `deliver()`, so a test can hold them back.
 */
const router = vi.hoisted(() => {
  const listeners = new Set<() => void>();
  const state = { shown: "", queue: [] as string[] };
  const show = (search: string) => {
    state.shown = search;
    for (const l of listeners) l();
  };
  return {
    state,
    show,
    subscribe(l: () => void) {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    deliver(count = Number.POSITIVE_INFINITY) {
      for (let i = 0; i < count && state.queue.length > 0; i++) show(state.queue.shift()!);
    },
  };
});

vi.mock("next/navigation", () => ({
  useSearchParams() {
    const search = useSyncExternalStore(
      router.subscribe,
      () => router.state.shown,
      () => router.state.shown,
    );
    return useMemo(() => new URLSearchParams(search), [search]);
  },
}));

const original = { push: window.history.pushState, replace: window.history.replaceState };
beforeEach(() => {
  window.history.replaceState(null, "", "/page?keep=1&q=first");
  router.state.queue = [];
  router.show(window.location.search);
  for (const [name, fn] of [
    ["pushState", original.push],
    ["replaceState", original.replace],
  ] as const) {
    vi.spyOn(window.history, name).mockImplementation(function (this: History, data: unknown, unused: string, url?: string | URL | null) {
      fn.call(window.history, data, unused, url);
      router.state.queue.push(window.location.search);
    });
  }
});
afterEach(() => vi.restoreAllMocks());

interface Filter {
  q: string;
  n: number;
}
const codec: UrlCodec<Filter> = {
  keys: ["q", "n"],
  parse: (p) => ({ q: p.get("q") ?? "", n: Number(p.get("n") ?? 0) }),
  serialize: (s) => {
    const p = new URLSearchParams();
    if (s.q) p.set("q", s.q);
    if (s.n) p.set("n", String(s.n));
    return p;
  },
};

function Harness({ history }: { history?: "push" }) {
  const [state, set] = useUrlState(codec, history);
  return (
    <div>
      <input aria-label="q" value={state.q} onChange={(e) => set((s) => ({ ...s, q: e.target.value }))} />
      <output aria-label="n">{state.n}</output>
      <button
        type="button"
        onClick={() => {
          set((s) => ({ ...s, n: s.n + 1 }));
          set((s) => ({ ...s, n: s.n + 1 }));
        }}
      >
        twice
      </button>
    </div>
  );
}

describe("useUrlState", () => {
  it("starts from the URL and writes nothing until the state changes", () => {
    render(<Harness />);
    expect(screen.getByLabelText("q")).toHaveValue("first");
    expect(window.history.replaceState).not.toHaveBeenCalled();
    expect(window.history.pushState).not.toHaveBeenCalled();
  });

  it("replaces the URL by default, keeping the parameters it does not own", async () => {
    render(<Harness />);
    const lengthBefore = window.history.length;
    await userEvent.click(screen.getByRole("button", { name: "twice" }));
    // Two updates in one event compose.
    expect(screen.getByLabelText("n")).toHaveTextContent("2");
    expect(window.location.search).toBe("?keep=1&q=first&n=2");
    expect(window.history.length).toBe(lengthBefore);
  });

  it("pushes a history entry when asked to", async () => {
    render(<Harness history="push" />);
    const lengthBefore = window.history.length;
    await userEvent.click(screen.getByRole("button", { name: "twice" }));
    expect(window.history.pushState).toHaveBeenCalled();
    expect(window.history.length).toBe(lengthBefore + 2);
  });

  it("keeps up with typing while the router hands the URLs back late", async () => {
    render(<Harness />);
    const input = screen.getByLabelText("q");
    await userEvent.clear(input);
    await userEvent.type(input, "abc");
    expect(input).toHaveValue("abc");
    // The router now shows each earlier URL in turn: none of them may take the field back.
    for (let i = 0; i < 3; i++) {
      act(() => router.deliver(1));
      expect(input).toHaveValue("abc");
    }
    act(() => router.deliver());
    expect(input).toHaveValue("abc");
    expect(window.location.search).toBe("?keep=1&q=abc");
  });

  it("adopts a URL changed under it (back, forward, a link to the same page)", () => {
    render(<Harness />);
    act(() => {
      original.replace.call(window.history, null, "", "/page?q=elsewhere&n=7");
      router.show(window.location.search);
    });
    expect(screen.getByLabelText("q")).toHaveValue("elsewhere");
    expect(screen.getByLabelText("n")).toHaveTextContent("7");
  });
});
