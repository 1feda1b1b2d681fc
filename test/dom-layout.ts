// jsdom lays nothing out: every element is 0×0, nothing is ever resized and a canvas cannot draw.
// A virtualized list (@tanstack/react-virtual) reads its scroller's clientHeight/clientWidth to know
// how many rows fit: give every element a size, and stand in for what jsdom lacks.
import { vi } from "vitest";

class NoResizeObserver {
  observe() {}
  unobserve() {}
  disconnect() {}
}

export function withViewport(width: number, height: number): void {
  vi.spyOn(HTMLElement.prototype, "clientHeight", "get").mockReturnValue(height);
  vi.spyOn(HTMLElement.prototype, "clientWidth", "get").mockReturnValue(width);
  vi.stubGlobal("ResizeObserver", NoResizeObserver);
  // A canvas that cannot draw, as a browser answers when it has no context to give (jsdom would log "not implemented").
  vi.spyOn(HTMLCanvasElement.prototype, "getContext").mockReturnValue(null);
}
