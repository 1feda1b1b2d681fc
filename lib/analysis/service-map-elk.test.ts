import ELK from "elkjs/lib/elk.bundled.js";
import { describe, expect, it } from "vitest";
import { buildServiceGraph, CLIENT_NODE } from "./service-graph";
import type { ServiceGraph } from "../model";
import { COMPACT_FROM, compactLayerBound, layoutServiceMap, NODE, RING_OUTER, readElkLayout, toElkGraph } from "./service-map-elk";
import { checkoutSpans, graphOf, ORDER_SENSITIVE } from "./test-graphs";

const graph = buildServiceGraph(checkoutSpans("shop-prod.cluster-c9akciq32xyz.eu-west-1.rds.amazonaws.com"));

describe("toElkGraph", () => {
  const elkGraph = toElkGraph(graph);

  it("lays out left to right unless asked for top to bottom", () => {
    expect(elkGraph.layoutOptions).toMatchObject({ "elk.algorithm": "layered", "elk.direction": "RIGHT" });
    expect(toElkGraph(graph, "DOWN").layoutOptions).toMatchObject({ "elk.direction": "DOWN" });
  });

  it("puts the ports above and below the ring when top to bottom", () => {
    for (const child of toElkGraph(graph, "DOWN").children ?? []) {
      expect(child.height).toBe(Math.ceil(RING_OUTER * 2));
      expect(child.ports?.map((p) => [p.x, p.y, p.layoutOptions?.["elk.port.side"]])).toEqual([
        [RING_OUTER, 0, "NORTH"],
        [RING_OUTER, child.height, "SOUTH"],
      ]);
    }
  });

  it("gives every node a box wide enough for its labels and two ports level with the ring", () => {
    expect(elkGraph.children).toHaveLength(graph.nodes.length);
    for (const child of elkGraph.children ?? []) {
      expect(child.width).toBeGreaterThanOrEqual(RING_OUTER * 2);
      expect(child.width).toBeLessThanOrEqual(NODE.maxNameWidth + 8);
      expect(child.ports?.map((p) => [p.x, p.y, p.layoutOptions?.["elk.port.side"]])).toEqual([
        [0, RING_OUTER, "WEST"],
        [child.width, RING_OUTER, "EAST"],
      ]);
    }
  });

  it("connects caller → callee, port to port, with a sized label", () => {
    expect(elkGraph.edges).toHaveLength(graph.edges.length);
    const names = graph.nodes.map((n) => n.name);
    const e = elkGraph.edges?.find((x) => x.labels?.[0]?.text?.startsWith("1 × avg 100 ms"));
    expect(e).toBeDefined();
    expect(e?.sources[0]).toBe(`n${names.indexOf("checkout-api")}.out`);
    expect(e?.targets[0]).toBe(`n${names.indexOf("orders")}.in`);
    expect(e?.labels?.[0].width).toBeGreaterThan(40);
  });
});

describe("readElkLayout", async () => {
  const layout = readElkLayout(graph, await new ELK().layout(toElkGraph(graph)));
  const node = (name: string) => layout.nodes.find((n) => n.node.name === name)!;

  it("places callers left of their callees", () => {
    expect(node(CLIENT_NODE).cx).toBeLessThan(node("checkout-api").cx);
    expect(node("checkout-api").cx).toBeLessThan(node("orders").cx);
    expect(node("orders").cx).toBeLessThan(node("api.payments-provider.example").cx);
  });

  it("truncates long names and keeps the full one on the node", () => {
    const db = layout.nodes.find((n) => n.node.type === "database")!;
    expect(db.label.endsWith("…")).toBe(true);
    expect(db.node.name.startsWith(db.label.slice(0, -1))).toBe(true);
    expect(node("orders")).toMatchObject({ label: "orders", statsText: "1 req · avg 90 ms" });
  });

  it("runs each edge from the caller's ring to the callee's ring", () => {
    for (const e of layout.edges) {
      const from = node(e.edge.source);
      const to = node(e.edge.target);
      expect(e.points[0]).toEqual({ x: from.cx + RING_OUTER, y: from.cy });
      expect(e.points[e.points.length - 1]).toEqual({ x: to.cx - RING_OUTER, y: to.cy });
      expect(e.label?.text).toMatch(/^1 × avg /);
    }
  });

  it("colours edges by their worst status and draws the worst last", () => {
    expect(layout.edges.map((e) => e.status)).toEqual(["ok", "ok", "ok", "throttle"]);
  });

  it("fits everything in the reported size", () => {
    for (const n of layout.nodes) {
      expect(n.x + n.width).toBeLessThanOrEqual(layout.width);
      expect(n.y + n.height).toBeLessThanOrEqual(layout.height);
    }
  });
});

describe("readElkLayout, top to bottom", async () => {
  const layout = readElkLayout(graph, await new ELK().layout(toElkGraph(graph, "DOWN")), "DOWN");
  const node = (name: string) => layout.nodes.find((n) => n.node.name === name)!;

  it("places callers above their callees, names beside the rings", () => {
    expect(layout.direction).toBe("DOWN");
    expect(node(CLIENT_NODE).cy).toBeLessThan(node("checkout-api").cy);
    expect(node("checkout-api").cy).toBeLessThan(node("orders").cy);
    expect(node("orders").text).toMatchObject({ anchor: "start", x: RING_OUTER + NODE.sideGap });
  });

  it("runs each edge from the bottom of the caller's ring to the top of the callee's", () => {
    for (const e of layout.edges) {
      const from = node(e.edge.source);
      const to = node(e.edge.target);
      expect(e.points[0]).toEqual({ x: from.cx, y: from.cy + RING_OUTER });
      expect(e.points[e.points.length - 1]).toEqual({ x: to.cx, y: to.cy - RING_OUTER });
    }
  });
});

describe("layoutServiceMap", () => {
  const names = ["client", "gateway", "orders", "payments", "ledger", "audit", "archive"];
  const chain = graphOf(
    names,
    names.slice(1).map((target, i) => [names[i], target]),
  );
  const leaves = Array.from({ length: 12 }, (_, i) => `worker-${i}`);
  const fanOut = graphOf(
    ["api", ...leaves],
    leaves.map((target) => ["api", target]),
  );
  const elk = new ELK();

  it("lays a deep chain out top to bottom in a tall, narrow panel", async () => {
    expect((await layoutServiceMap(elk, chain, 0.75)).direction).toBe("DOWN");
  });

  it("keeps left to right when the panel is wide", async () => {
    expect((await layoutServiceMap(elk, chain, 3.2)).direction).toBe("RIGHT");
  });

  it("lays the same graph out the same way whatever order its nodes and edges come in", async () => {
    // ELK's crossings depend on the order nodes and edges come in.
    const { names, calls } = ORDER_SENSITIVE;
    const graph = (order: number[]) =>
      graphOf(
        order.map((i) => names[i]),
        calls,
      );
    const shuffled: ServiceGraph = { ...graph([5, 3, 1, 4, 0, 2]), edges: graph([0]).edges.reverse() };
    const positions = async (g: ServiceGraph) =>
      Object.fromEntries((await layoutServiceMap(elk, g, 1.6)).nodes.map((n) => [n.node.name, [Math.round(n.x), Math.round(n.y)]]));
    expect(await positions(shuffled)).toEqual(await positions(graph([0, 1, 2, 3, 4, 5])));
  });

  it("keeps left to right for a broad fan-out, even in a tall panel", async () => {
    expect((await layoutServiceMap(elk, fanOut, 0.75)).direction).toBe("RIGHT");
  });

  it("draws a fleet compact: layers of bounded size, names beside small rings, no edge labels", async () => {
    const fleet = Array.from({ length: 60 }, (_, i) => `svc-${i}`);
    const big = graphOf(
      ["gateway", ...fleet],
      fleet.map((target) => ["gateway", target]),
    );
    expect(big.nodes.length).toBeGreaterThanOrEqual(COMPACT_FROM);
    const layout = await layoutServiceMap(elk, big, 1.8);
    expect(layout).toMatchObject({ compact: true, direction: "RIGHT" });
    expect(layout.edges.every((e) => e.label === null)).toBe(true);
    const svc = layout.nodes.find((n) => n.node.name === "svc-0")!;
    expect(svc.ring.outer).toBeLessThan(RING_OUTER);
    expect(svc.text.anchor).toBe("start");
    // No layer holds more than the bound: the 60 callees are spread over several columns.
    const perColumn = new Map<number, number>();
    for (const n of layout.nodes) perColumn.set(Math.round(n.x), (perColumn.get(Math.round(n.x)) ?? 0) + 1);
    expect(Math.max(...perColumn.values())).toBeLessThanOrEqual(compactLayerBound(big.nodes.length, 1.8));
    // Edges leave by the end of the caller's label and end at the callee's ring.
    const gw = layout.nodes.find((n) => n.node.name === "gateway")!;
    const e = layout.edges.find((x) => x.edge.target === "svc-0")!;
    expect(e.points[0]).toEqual({ x: gw.x + gw.width, y: gw.cy });
    expect(e.points[e.points.length - 1]).toEqual({ x: svc.cx - svc.ring.outer, y: svc.cy });
  });

  it("bounds compact layers by the panel's shape", () => {
    expect(compactLayerBound(110, 1.8)).toBeLessThan(compactLayerBound(110, 0.75));
    expect(compactLayerBound(40, 3.2)).toBeGreaterThanOrEqual(6);
  });
});
