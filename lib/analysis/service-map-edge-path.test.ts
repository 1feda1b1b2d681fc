import { describe, expect, it } from "vitest";
import { edgeGeometry } from "./service-map-edge-path";

describe("edgeGeometry", () => {
  it("draws a straight edge that stops at the arrowhead's base", () => {
    const g = edgeGeometry(
      [
        { x: 0, y: 0 },
        { x: 100, y: 0 },
      ],
      6,
      8,
    );
    expect(g.d).toBe("M 0 0 L 92 0");
    expect(g.arrow).toBe("100,0 92,4 92,-4");
  });

  it("rounds orthogonal corners", () => {
    const g = edgeGeometry(
      [
        { x: 0, y: 0 },
        { x: 50, y: 0 },
        { x: 50, y: 40 },
        { x: 100, y: 40 },
      ],
      6,
      8,
    );
    expect(g.d).toBe("M 0 0 L 44 0 Q 50 0 50 6 L 50 34 Q 50 40 56 40 L 92 40");
  });

  it("shrinks the corner radius on short segments", () => {
    const g = edgeGeometry(
      [
        { x: 0, y: 0 },
        { x: 4, y: 0 },
        { x: 4, y: 40 },
      ],
      6,
      8,
    );
    expect(g.d).toBe("M 0 0 L 2 0 Q 4 0 4 2 L 4 32");
  });

  it("points the arrow along the last segment", () => {
    const g = edgeGeometry(
      [
        { x: 0, y: 0 },
        { x: 0, y: 50 },
      ],
      6,
      8,
    );
    expect(g.arrow).toBe("0,50 -4,42 4,42");
  });

  it("draws nothing for a degenerate edge", () => {
    expect(edgeGeometry([{ x: 1, y: 1 }])).toEqual({ d: "", arrow: "" });
  });
});
