/**
 * The service map's viewport: the SVG viewBox that fits the laid-out graph into the panel, and the
 * pan and zoom that move it. Pixel ↔ user-unit conversions assume preserveAspectRatio="xMidYMid meet".
 */

export interface ViewBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Size {
  width: number;
  height: number;
}

/** Screen rectangle of the SVG element (a DOMRect fits). */
export interface ClientRect extends Size {
  left: number;
  top: number;
}

export function viewBoxAttr(box: ViewBox): string {
  return `${box.x} ${box.y} ${box.width} ${box.height}`;
}

/** Panel pixels kept clear of the graph at fit, for what is drawn over the map (the search box). */
export interface Inset {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

const NO_INSET: Inset = { top: 0, right: 0, bottom: 0, left: 0 };

/**
 * The whole graph, centred in the panel less `inset`, with the panel's aspect ratio. Small graphs
 * are not blown up beyond `maxScale` pixels per unit, so a three-node trace keeps readable,
 * unexaggerated proportions.
 */
export function fitViewBox(content: Size, panel: Size | null, maxScale = 1.25, inset: Partial<Inset> = NO_INSET): ViewBox {
  const w = Math.max(content.width, 1);
  const h = Math.max(content.height, 1);
  if (!panel || panel.width <= 0 || panel.height <= 0) return { x: 0, y: 0, width: w, height: h };
  const { top, right, bottom, left } = { ...NO_INSET, ...inset };
  // An inset larger than the panel would leave no room: then it is ignored.
  const usable = panel.width - left - right > panel.width / 2 && panel.height - top - bottom > panel.height / 2;
  const [t, r, b, l] = usable ? [top, right, bottom, left] : [0, 0, 0, 0];
  const availW = panel.width - l - r;
  const availH = panel.height - t - b;
  const scale = Math.min(availW / w, availH / h, maxScale);
  const width = panel.width / scale;
  const height = panel.height / scale;
  return { x: w / 2 - (l + availW / 2) / scale, y: h / 2 - (t + availH / 2) / scale, width, height };
}

/** Pixels per user unit of `box` drawn in `rect`. */
function pixelScale(box: ViewBox, rect: Size): number {
  return Math.min(rect.width / box.width, rect.height / box.height);
}

/** The user-space point under a client (screen) position. */
export function clientToBox(box: ViewBox, rect: ClientRect, clientX: number, clientY: number): { x: number; y: number } {
  const s = pixelScale(box, rect);
  const offsetX = (rect.width - box.width * s) / 2;
  const offsetY = (rect.height - box.height * s) / 2;
  return { x: box.x + (clientX - rect.left - offsetX) / s, y: box.y + (clientY - rect.top - offsetY) / s };
}

/**
 * Zooms by `factor` (> 1 zooms in) keeping the point `at` fixed on screen; the box width stays
 * within [minWidth, maxWidth].
 */
export function zoomBox(box: ViewBox, at: { x: number; y: number }, factor: number, minWidth: number, maxWidth: number): ViewBox {
  const width = Math.min(maxWidth, Math.max(minWidth, box.width / factor));
  const f = box.width / width;
  return { x: at.x - (at.x - box.x) / f, y: at.y - (at.y - box.y) / f, width, height: box.height / f };
}

/** Moves the view with a drag of (dxPx, dyPx) screen pixels: the content follows the pointer. */
export function panBox(box: ViewBox, rect: Size, dxPx: number, dyPx: number): ViewBox {
  const s = pixelScale(box, rect);
  return { ...box, x: box.x - dxPx / s, y: box.y - dyPx / s };
}

export function boxCentre(box: ViewBox): { x: number; y: number } {
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

const ASPECTS = [0.4, 0.55, 0.75, 1, 1.33, 1.8, 2.4, 3.2];

/**
 * The panel's aspect ratio (width / height) rounded to a few steps, so that the layout (which
 * depends on the panel's shape) is redone when the panel changes shape, not on every pixel of a resize.
 */
export function aspectStep(panel: Size): number {
  const ratio = panel.width > 0 && panel.height > 0 ? panel.width / panel.height : 1;
  return ASPECTS.reduce((best, a) => (Math.abs(Math.log(a / ratio)) < Math.abs(Math.log(best / ratio)) ? a : best));
}
