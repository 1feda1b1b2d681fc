import { describe, expect, it } from "vitest";
import type { ServiceNode } from "../model";
import type { MapNodeLayout } from "./service-map-elk";
import { labelPriority, MIN_NAME_PX, selectLabels } from "./service-map-lod";

const ring = { circleR: 8.5, ringR: 12, ringWidth: 4, outer: 14, glyph: 11 };

/** A compact node (name beside the ring) at (cx, cy). */
function node(name: string, cx: number, cy: number, stats: Partial<ServiceNode["stats"]> = {}): MapNodeLayout {
  const s = { requests: 10, errors: 0, faults: 0, throttles: 0, avgMs: 10, p99Ms: 20, ...stats };
  return {
    node: { id: name, name, type: "service", stats: s },
    ring,
    x: cx - 14,
    y: cy - 14,
    width: 120,
    height: 28,
    cx,
    cy,
    label: name,
    statsText: `${s.requests} req · avg 10 ms`,
    text: { anchor: "start", x: 19, nameY: -1.5, statsY: 10 },
  };
}

const none = new Set<string>();
const everywhere = { x: -1e4, y: -1e4, width: 2e4, height: 2e4 };
/** The view starts just left of the rings: names only fit on their right. */
const rightOnly = { x: -20, y: -1e4, width: 2e4, height: 2e4 };

describe("labelPriority", () => {
  it("puts pinned, then related, then failing (by failure share), then the busiest first", () => {
    const nodes = [
      node("quiet", 0, 0, { requests: 1 }),
      node("busy", 0, 0, { requests: 500 }),
      node("some-5xx", 0, 0, { requests: 100, faults: 5 }),
      node("many-429", 0, 0, { requests: 10, throttles: 5 }),
      node("neighbour", 0, 0, { requests: 2 }),
      node("picked", 0, 0, { requests: 1 }),
    ];
    const order = labelPriority(nodes, new Set(["picked"]), new Set(["neighbour"])).map((n) => n.node.name);
    expect(order).toEqual(["picked", "neighbour", "many-429", "some-5xx", "busy", "quiet"]);
  });
});

describe("selectLabels", () => {
  it("labels everything at layout size when names are readable there", () => {
    const nodes = [node("a", 0, 0), node("b", 0, 30), node("c", 0, 60)];
    const labels = selectLabels({ nodes, scale: 1, view: everywhere, pinned: none, related: none });
    expect([...labels.keys()]).toEqual(["a", "b", "c"]);
    expect(labels.get("a")).toMatchObject({ fontSize: 11.5, enlarged: false, stats: { fontSize: 10 } });
  });

  it("never draws a name below the minimum screen size when zoomed out", () => {
    const labels = selectLabels({ nodes: [node("a", 0, 0)], scale: 0.4, view: everywhere, pinned: none, related: none });
    const a = labels.get("a")!;
    expect(a.fontSize * 0.4).toBeCloseTo(MIN_NAME_PX);
    expect(a.enlarged).toBe(true);
    // Not readable at this zoom: no stats line for an ordinary node.
    expect(a.stats).toBeNull();
  });

  it("drops the less important of two colliding labels, and keeps a pinned one with its stats", () => {
    // 30 units apart at scale 0.4 = 12 px: two 11 px names collide.
    const nodes = [node("busy", 0, 0, { requests: 100 }), node("quiet", 0, 30, { requests: 1 }), node("far", 0, 600)];
    const labels = selectLabels({ nodes, scale: 0.4, view: rightOnly, pinned: none, related: none });
    expect(labels.has("busy")).toBe(true);
    expect(labels.has("quiet")).toBe(false);
    expect(labels.has("far")).toBe(true);

    const pinned = selectLabels({ nodes, scale: 0.4, view: rightOnly, pinned: new Set(["quiet"]), related: none });
    expect(pinned.get("quiet")?.stats).not.toBeNull();
    expect(pinned.has("busy")).toBe(false);
  });

  it("prefers a failing service to a busier healthy one", () => {
    const nodes = [node("busy", 0, 0, { requests: 100 }), node("failing", 0, 30, { requests: 5, faults: 1 })];
    const labels = selectLabels({ nodes, scale: 0.4, view: rightOnly, pinned: none, related: none });
    expect([...labels.keys()]).toEqual(["failing"]);
  });

  it("prefers the selected service's neighbours, and names them all", () => {
    const nodes = [node("busy", 0, 0, { requests: 100, faults: 50 }), node("callee", 0, 30, { requests: 1 }), node("caller", 0, 35)];
    const labels = selectLabels({ nodes, scale: 0.4, view: everywhere, pinned: none, related: new Set(["callee", "caller"]) });
    expect([...labels.keys()].sort()).toEqual(["callee", "caller"]);
  });

  it("does not label nodes outside the view", () => {
    const nodes = [node("in", 0, 0), node("out", 5000, 0)];
    const labels = selectLabels({ nodes, scale: 1, view: { x: -100, y: -100, width: 400, height: 300 }, pinned: none, related: none });
    expect([...labels.keys()]).toEqual(["in"]);
  });

  it("keeps a label off another node's ring, on the ring's left when the right is taken", () => {
    // "b"'s ring sits where "a"'s name would be drawn, right of a's centre.
    const nodes = [node("a", 0, 0, { requests: 100 }), node("b", 40, 0, { requests: 1 })];
    const labels = selectLabels({ nodes, scale: 0.5, view: everywhere, pinned: none, related: none });
    expect(labels.get("a")).toMatchObject({ anchor: "end", x: -19 });
    expect(labels.get("b")).toMatchObject({ anchor: "start", x: 19 });
    // No room on either side: a dot.
    const boxed = [...nodes, node("c", -40, 0)];
    expect(selectLabels({ nodes: boxed, scale: 0.5, view: everywhere, pinned: none, related: none }).has("a")).toBe(false);
  });

  it("leaves out a label the panel's edge would cut, unless pinned", () => {
    // The name runs 19–~150 units beside the ring at scale 0.5; the view ends 60 units right of it, 30 left.
    const nodes = [node("edge-of-view", 0, 0)];
    const view = { x: -30, y: -100, width: 90, height: 200 };
    expect(selectLabels({ nodes, scale: 0.5, view, pinned: none, related: none }).size).toBe(0);
    expect(selectLabels({ nodes, scale: 0.5, view, pinned: new Set(["edge-of-view"]), related: none }).size).toBe(1);
  });

  it("shortens a long name that has no room at full length, rather than leaving a dot", () => {
    // At scale 0.5 the name is 22 units high; "payments-provider-gateway" runs far past the view's
    // right edge (200 units from the ring), but its first characters fit.
    const nodes = [node("payments-provider-gateway", 0, 0)];
    const view = { x: -20, y: -100, width: 220, height: 200 };
    const label = selectLabels({ nodes, scale: 0.5, view, pinned: none, related: none }).get("payments-provider-gateway");
    expect(label?.text).toMatch(/^payments.*…$/);
    expect(label!.text.length).toBeLessThan("payments-provider-gateway".length);
    // Pinned (hovered, selected): whole, even where it does not fit.
    expect(
      selectLabels({ nodes, scale: 0.5, view, pinned: new Set(["payments-provider-gateway"]), related: none }).get("payments-provider-gateway")?.text,
    ).toBe("payments-provider-gateway");
    // With room, the full name.
    expect(selectLabels({ nodes, scale: 0.5, view: everywhere, pinned: none, related: none }).get("payments-provider-gateway")?.text).toBe(
      "payments-provider-gateway",
    );
  });
});
