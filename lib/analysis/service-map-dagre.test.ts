import { describe, expect, it, vi } from "vitest";
import type { ServiceGraph } from "../model";
import { buildServiceGraph, CLIENT_NODE } from "./service-graph";
import { LAYOUT_CACHE_SIZE, layoutSeedOf, layoutSmallServiceMap, MAIN_THREAD_MAX_NODES } from "./service-map-dagre";
import { COMPACT_FROM, RING_OUTER, type MapLayout, type Point } from "./service-map-elk";
import { checkoutSpans, graphOf, ORDER_SENSITIVE } from "./test-graphs";

/** dagre itself, counting its layouts (the cache's misses). */
const runs = vi.hoisted(() => ({ count: 0 }));
vi.mock("@dagrejs/dagre", async (importOriginal) => {
  const { default: dagre } = await importOriginal<{ default: typeof import("@dagrejs/dagre") }>();
  const layout: typeof dagre.layout = (...args) => {
    runs.count++;
    return dagre.layout(...args);
  };
  return { default: { ...dagre, layout } };
});
const dagreRuns = () => runs.count;

const graph = buildServiceGraph(checkoutSpans());

const nodeOf = (layout: MapLayout) => (name: string) => layout.nodes.find((n) => n.node.name === name)!;

/** Every segment of every edge runs along one axis. */
function expectOrthogonal(layout: MapLayout): void {
  for (const e of layout.edges) {
    for (let i = 1; i < e.points.length; i++) {
      const [a, b] = [e.points[i - 1], e.points[i]];
      expect(a.x === b.x || a.y === b.y, `${e.edge.source} → ${e.edge.target}: ${JSON.stringify(a)} → ${JSON.stringify(b)}`).toBe(true);
    }
  }
}

function expectNoOverlap(layout: MapLayout): void {
  for (const a of layout.nodes)
    for (const b of layout.nodes) {
      if (a === b) continue;
      const apart = a.x + a.width <= b.x || b.x + b.width <= a.x || a.y + a.height <= b.y || b.y + b.height <= a.y;
      expect(apart, `${a.node.name} overlaps ${b.node.name}`).toBe(true);
    }
}

const onSegment = (p: Point, a: Point, b: Point) =>
  (a.x === b.x && Math.abs(p.x - a.x) < 0.01 && p.y >= Math.min(a.y, b.y) - 0.01 && p.y <= Math.max(a.y, b.y) + 0.01) ||
  (a.y === b.y && Math.abs(p.y - a.y) < 0.01 && p.x >= Math.min(a.x, b.x) - 0.01 && p.x <= Math.max(a.x, b.x) + 0.01);

describe("layoutSmallServiceMap, left to right", () => {
  const layout = layoutSmallServiceMap(graph, 3.2);
  const node = nodeOf(layout);

  it("is for the graphs ELK does not draw compact", () => {
    expect(MAIN_THREAD_MAX_NODES).toBe(COMPACT_FROM - 1);
    expect(layout.compact).toBe(false);
  });

  it("places callers left of their callees", () => {
    expect(layout.direction).toBe("RIGHT");
    expect(node(CLIENT_NODE).cx).toBeLessThan(node("checkout-api").cx);
    expect(node("checkout-api").cx).toBeLessThan(node("orders").cx);
    expect(node("orders").cx).toBeLessThan(node("api.payments-provider.example").cx);
  });

  it("runs each edge orthogonally from the caller's ring to the callee's ring, its label on it", () => {
    expect(layout.edges).toHaveLength(graph.edges.length);
    for (const e of layout.edges) {
      const from = node(e.edge.source);
      const to = node(e.edge.target);
      expect(e.points[0]).toEqual({ x: from.cx + RING_OUTER, y: from.cy });
      expect(e.points[e.points.length - 1]).toEqual({ x: to.cx - RING_OUTER, y: to.cy });
      expect(e.label?.text).toMatch(/^1 × avg /);
      const centre = { x: e.label!.x + e.label!.width / 2, y: e.label!.y + e.label!.height / 2 };
      expect(e.points.some((p, i) => i > 0 && onSegment(centre, e.points[i - 1], p))).toBe(true);
    }
    expectOrthogonal(layout);
  });

  it("keeps nodes apart and everything inside the reported size", () => {
    expectNoOverlap(layout);
    for (const n of layout.nodes) {
      expect(n.x).toBeGreaterThanOrEqual(0);
      expect(n.x + n.width).toBeLessThanOrEqual(layout.width);
      expect(n.y + n.height).toBeLessThanOrEqual(layout.height);
    }
  });

  it("colours edges by their worst status and draws the worst last", () => {
    expect(layout.edges.map((e) => e.status)).toEqual(["ok", "ok", "ok", "throttle"]);
  });
});

describe("layoutSmallServiceMap, top to bottom", () => {
  const names = ["client", "gateway", "orders", "payments", "ledger", "audit", "archive"];
  const chain = graphOf(
    names,
    names.slice(1).map((t, i) => [names[i], t]),
  );

  it("chooses the direction as the ELK path does: a deep chain in a tall panel goes down, in a wide one right", () => {
    expect(layoutSmallServiceMap(chain, 0.75).direction).toBe("DOWN");
    expect(layoutSmallServiceMap(chain, 3.2).direction).toBe("RIGHT");
  });

  it("places callers above their callees and runs edges from the bottom of one ring to the top of the next", () => {
    const layout = layoutSmallServiceMap(chain, 0.75);
    const node = nodeOf(layout);
    for (let i = 1; i < names.length; i++) expect(node(names[i - 1]).cy).toBeLessThan(node(names[i]).cy);
    for (const e of layout.edges) {
      expect(e.points[0]).toEqual({ x: node(e.edge.source).cx, y: node(e.edge.source).cy + RING_OUTER });
      expect(e.points[e.points.length - 1]).toEqual({ x: node(e.edge.target).cx, y: node(e.edge.target).cy - RING_OUTER });
    }
    expectOrthogonal(layout);
    expectNoOverlap(layout);
  });
});

describe("layoutSmallServiceMap, awkward graphs", () => {
  it("lays the same graph out the same way whatever order its nodes and edges come in", () => {
    const { names, calls } = ORDER_SENSITIVE;
    const a = graphOf(names, calls);
    const b = graphOf(
      [5, 3, 1, 4, 0, 2].map((i) => names[i]),
      [...calls].reverse(),
    );
    const positions = (g: ServiceGraph) => Object.fromEntries(layoutSmallServiceMap(g, 1.8).nodes.map((n) => [n.node.name, [n.x, n.y]]));
    expect(positions(b)).toEqual(positions(a));
  });

  it("draws a call back up the graph and a service calling itself, orthogonally", () => {
    const g = graphOf(
      ["client", "orders", "payments"],
      [
        ["client", "orders"],
        ["orders", "payments"],
        ["payments", "orders"],
        ["orders", "orders"],
      ],
    );
    for (const aspect of [0.4, 3.2]) {
      const layout = layoutSmallServiceMap(g, aspect);
      expect(layout.edges).toHaveLength(4);
      expectOrthogonal(layout);
      expectNoOverlap(layout);
      const self = layout.edges.find((e) => e.edge.source === e.edge.target)!;
      expect(self.points.length).toBeGreaterThan(3);
    }
  });

  it("lays out the largest graph it takes: 39 services in a tree", () => {
    const names = Array.from({ length: MAIN_THREAD_MAX_NODES }, (_, i) => `svc-${i}`);
    const calls = names.slice(1).map((t, i): [string, string] => [names[Math.floor(i / 3)], t]);
    const layout = layoutSmallServiceMap(graphOf(names, calls), 0.55);
    expect(layout.nodes).toHaveLength(MAIN_THREAD_MAX_NODES);
    expectNoOverlap(layout);
    expectOrthogonal(layout);
  });
});

describe("layoutSmallServiceMap, the layout cache", () => {
  const names = ["client", "api", "orders", "users", "db"];
  const calls: [string, string][] = [
    ["client", "api"],
    ["api", "orders"],
    ["api", "users"],
    ["orders", "db"],
    ["users", "db"],
    ["db", "api"],
  ];
  const withAvg = (g: ServiceGraph, avgMs: number): ServiceGraph => ({ ...g, edges: g.edges.map((e) => ({ ...e, stats: { ...e.stats, avgMs } })) });

  it("runs dagre once for a graph laid out again, and answers what it answered the first time", () => {
    const before = dagreRuns();
    const first = layoutSmallServiceMap(graphOf(names, calls), 0.55);
    const second = layoutSmallServiceMap(graphOf(names, calls), 0.55);
    expect(dagreRuns() - before).toBe(1);
    expect(second).toEqual(first);
    // No shared objects: a change to one layout's route is not another's.
    second.edges[0].points[0].x += 1;
    expect(layoutSmallServiceMap(graphOf(names, calls), 0.55)).toEqual(first);
  });

  it("shares a layout between graphs of the same geometry, each with its own labels", () => {
    // A graph no other test lays out; 3 and 4 ms labels are as wide.
    const fast = withAvg(graphOf(names, calls.slice(0, 5)), 3);
    const slow = withAvg(graphOf(names, calls.slice(0, 5)), 4);
    const before = dagreRuns();
    const a = layoutSmallServiceMap(fast, 0.55);
    const b = layoutSmallServiceMap(slow, 0.55);
    expect(dagreRuns() - before).toBe(1);
    expect(a.edges.map((e) => e.label?.text)).toEqual(a.edges.map(() => "1 × avg 3.00 ms"));
    expect(b.edges.map((e) => e.label?.text)).toEqual(b.edges.map(() => "1 × avg 4.00 ms"));
    expect(b.nodes.map((n) => [n.x, n.y])).toEqual(a.nodes.map((n) => [n.x, n.y]));
  });

  it("lays a graph out anew when anything dagre reads differs: a label's width, an edge, the direction", () => {
    const base = graphOf(names, calls);
    layoutSmallServiceMap(base, 0.55);
    const before = dagreRuns();
    const wider = withAvg(base, 12_345);
    expect(layoutSmallServiceMap(wider, 0.55).edges[0].label?.text).toContain("12");
    layoutSmallServiceMap(graphOf(names, calls.slice(1)), 0.55);
    const chain = graphOf(
      ["a", "b", "c", "d", "e", "f", "g"],
      [
        ["a", "b"],
        ["b", "c"],
        ["c", "d"],
        ["d", "e"],
        ["e", "f"],
        ["f", "g"],
      ],
    );
    const down = layoutSmallServiceMap(chain, 0.75);
    const right = layoutSmallServiceMap(chain, 3.2);
    expect([down.direction, right.direction]).toEqual(["DOWN", "RIGHT"]);
    expect(dagreRuns() - before).toBe(4);
  });

  it("keeps at most LAYOUT_CACHE_SIZE layouts, dropping the least recently used", () => {
    const six = ["a", "b", "c", "d", "e", "f"];
    const pairs = six.flatMap((from, i) => six.slice(i + 1).map((to): [string, string] => [from, to]));
    // A different graph per number: the calls whose bit is set.
    const graphNo = (n: number) =>
      graphOf(
        six,
        pairs.filter((_, bit) => n & (1 << bit)),
      );
    const kept = graphNo(1);
    layoutSmallServiceMap(kept, 3.2);
    layoutSmallServiceMap(graphNo(2), 3.2);
    for (let n = 3; n < LAYOUT_CACHE_SIZE + 3; n++) {
      layoutSmallServiceMap(graphNo(n), 3.2);
      if (n % 10 === 0) layoutSmallServiceMap(kept, 3.2); // used recently: stays
    }
    const before = dagreRuns();
    layoutSmallServiceMap(kept, 3.2);
    expect(dagreRuns() - before).toBe(0);
    layoutSmallServiceMap(graphNo(2), 3.2); // the least recently used: gone
    expect(dagreRuns() - before).toBe(1);
  });
});

describe("layoutSeedOf and seedLayout: the server's layout for the browser's cache", () => {
  const g = graphOf(
    ["client", "web", "cart", "stock", "price"],
    [
      ["client", "web"],
      ["web", "cart"],
      ["web", "stock"],
      ["cart", "price"],
      ["stock", "price"],
      ["price", "web"],
    ],
  );

  it("lets another cache (the browser's) draw the map without dagre, exactly as the server drew it", async () => {
    const server = await import("./service-map-dagre");
    const seed = JSON.parse(JSON.stringify(server.layoutSeedOf(g, 0.55))) as ReturnType<typeof server.layoutSeedOf>;
    vi.resetModules();
    const browser = await import("./service-map-dagre");
    expect(browser).not.toBe(server);
    browser.seedLayout(seed);
    const before = dagreRuns();
    expect(browser.layoutSmallServiceMap(g, 0.55)).toEqual(server.layoutSmallServiceMap(g, 0.55));
    expect(dagreRuns() - before).toBe(0);
    // Without the seed, a fresh cache runs dagre.
    vi.resetModules();
    const unseeded = await import("./service-map-dagre");
    unseeded.layoutSmallServiceMap(g, 0.55);
    expect(dagreRuns() - before).toBe(1);
  });

  it("is the layout for that aspect only: another panel shape is laid out anew", async () => {
    vi.resetModules();
    const fresh = await import("./service-map-dagre");
    fresh.seedLayout(layoutSeedOf(g, 0.55));
    const before = dagreRuns();
    fresh.layoutSmallServiceMap(g, 3.2);
    expect(dagreRuns() - before).toBe(1);
  });
});
