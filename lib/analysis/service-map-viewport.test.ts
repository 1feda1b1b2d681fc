import { describe, expect, it } from "vitest";
import { aspectStep, clientToBox, fitViewBox, panBox, viewBoxAttr, zoomBox } from "./service-map-viewport";

describe("fitViewBox", () => {
  it("uses the content box until the panel is measured", () => {
    expect(fitViewBox({ width: 300, height: 200 }, null)).toEqual({ x: 0, y: 0, width: 300, height: 200 });
  });

  it("fits a large graph into the panel, centred, with the panel's aspect ratio", () => {
    const box = fitViewBox({ width: 960, height: 300 }, { width: 480, height: 600 });
    expect(box.width).toBeCloseTo(960);
    expect(box.height).toBeCloseTo(1200);
    expect(box.x).toBeCloseTo(0);
    expect(box.y).toBeCloseTo(-450);
  });

  it("does not blow a small graph up beyond the maximum scale", () => {
    const box = fitViewBox({ width: 100, height: 100 }, { width: 480, height: 600 }, 1.2);
    expect(box.width).toBeCloseTo(400);
    expect(box.height).toBeCloseTo(500);
    expect(box.x).toBeCloseTo(-150);
  });

  it("keeps the graph out of an inset (the search box over the map's top), still whole and centred in the rest", () => {
    // A wide graph: at a plain fit its top edge is at the panel's top, under the search box.
    const panel = { width: 800, height: 400 };
    const content = { width: 1600, height: 790 };
    const plain = fitViewBox(content, panel);
    const topPx = (box: { y: number; height: number }) => ((0 - box.y) / box.height) * panel.height;
    expect(topPx(plain)).toBeLessThan(36);
    const inset = fitViewBox(content, panel, 1.25, { top: 36 });
    expect(topPx(inset)).toBeGreaterThanOrEqual(36 - 1e-9);
    // The bottom edge stays inside the panel, and the box keeps the panel's aspect.
    expect(((content.height - inset.y) / inset.height) * panel.height).toBeLessThanOrEqual(panel.height + 1e-9);
    expect(inset.width / inset.height).toBeCloseTo(2);
  });

  it("ignores an inset that would leave less than half the panel", () => {
    expect(fitViewBox({ width: 100, height: 100 }, { width: 200, height: 60 }, 1.25, { top: 40 })).toEqual(
      fitViewBox({ width: 100, height: 100 }, { width: 200, height: 60 }),
    );
  });
});

describe("clientToBox", () => {
  it("maps screen pixels to user units, with meet letterboxing", () => {
    const box = { x: 0, y: 0, width: 100, height: 100 };
    const rect = { left: 10, top: 20, width: 200, height: 400 };
    // Scale 2, the 200×200 drawing centred vertically: 100 px of letterbox above.
    expect(clientToBox(box, rect, 10, 120)).toEqual({ x: 0, y: 0 });
    expect(clientToBox(box, rect, 210, 320)).toEqual({ x: 100, y: 100 });
  });
});

describe("zoomBox", () => {
  const box = { x: 0, y: 0, width: 100, height: 80 };

  it("keeps the point under the cursor fixed", () => {
    const z = zoomBox(box, { x: 25, y: 20 }, 2, 10, 1000);
    expect(z).toEqual({ x: 12.5, y: 10, width: 50, height: 40 });
  });

  it("stays within the zoom limits", () => {
    expect(zoomBox(box, { x: 50, y: 40 }, 100, 20, 1000).width).toBe(20);
    expect(zoomBox(box, { x: 50, y: 40 }, 0.001, 10, 300).width).toBe(300);
  });
});

describe("panBox", () => {
  it("moves the content with the pointer", () => {
    const box = { x: 0, y: 0, width: 100, height: 100 };
    expect(panBox(box, { width: 200, height: 200 }, 20, -10)).toEqual({ x: -10, y: 5, width: 100, height: 100 });
  });
});

describe("viewBoxAttr", () => {
  it("formats the viewBox attribute", () => {
    expect(viewBoxAttr({ x: -1, y: 2, width: 30, height: 40 })).toBe("-1 2 30 40");
  });
});

describe("aspectStep", () => {
  it("rounds the panel's shape to a few steps, so small resizes keep the layout", () => {
    expect(aspectStep({ width: 480, height: 600 })).toBe(0.75);
    expect(aspectStep({ width: 470, height: 610 })).toBe(0.75);
    expect(aspectStep({ width: 1200, height: 400 })).toBe(3.2);
    expect(aspectStep({ width: 500, height: 500 })).toBe(1);
  });
  it("treats an unmeasured (zero) panel as square", () => {
    expect(aspectStep({ width: 0, height: 0 })).toBe(1);
  });
});
