/**
 * The parts of the UI benchmark that run inside the page. Every function here is serialized by
 * Playwright and evaluated in the browser, so it must not reference anything from module scope.
 * tsx (esbuild, keepNames) wraps inner functions in `__name(fn, "name")`: NAME_SHIM defines that
 * helper in the page before any of these run.
 */

export const NAME_SHIM = "globalThis.__name = globalThis.__name || function (f) { return f; };";

/** What the init script records, in ms since navigation start (performance.now()). */
interface PanelMarks {
  /** First moment each selector had a visible box, checked once per animation frame. */
  firstVisible: Record<string, number>;
  /** All three at once: the frame in which the page became usable. */
  renderedAt: number | null;
  /**
   * The first task after the frame in which all three were seen (a MessageChannel message posted
   * from that frame's animation callback): that frame's style, layout and paint are done by then.
   * renderedAt is the frame's start, before them; this is what the eye can see.
   */
  paintedAt: number | null;
  /** The page's error panel (trace-error), if it showed one instead. */
  error: string | null;
  /** Main-thread tasks over 50 ms (Long Tasks API). */
  longTasks: { start: number; duration: number }[];
}

declare global {
  interface Window {
    __sightlineBench?: PanelMarks;
  }
}

export const RENDERED_MARK = "sightline-bench:rendered";

export const PANEL_SELECTORS = ['[data-testid="span-row"]', '[data-testid="log-row"]', '[data-testid="map-node"]'];

/** Init script: watches, once per animation frame, for the first span row, log row and map node to be visible. */
export function watchPanels({ selectors, mark }: { selectors: string[]; mark: string }): void {
  const marks: PanelMarks = { firstVisible: {}, renderedAt: null, paintedAt: null, error: null, longTasks: [] };
  window.__sightlineBench = marks;
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) marks.longTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: "longtask", buffered: true });
  } catch {
    // Long Tasks API unavailable: the breakdown just has no long tasks.
  }
  const isVisible = (selector: string): boolean => {
    const el = document.querySelector(selector);
    if (!el) return false;
    const box = el.getBoundingClientRect();
    return box.width > 0 && box.height > 0 && el.checkVisibility({ visibilityProperty: true });
  };
  const tick = (): void => {
    const failed = document.querySelector('[data-testid="trace-error"]');
    if (failed) {
      marks.error = (failed.textContent ?? "trace-error").trim().slice(0, 300);
      return;
    }
    const now = performance.now();
    for (const s of selectors) if (marks.firstVisible[s] === undefined && isVisible(s)) marks.firstVisible[s] = now;
    if (selectors.every((s) => marks.firstVisible[s] !== undefined)) {
      marks.renderedAt = now;
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        marks.paintedAt = performance.now();
      };
      channel.port2.postMessage(null);
      // Lets a Chromium trace (bench/ui-profile.ts) line its clock up with performance.now().
      performance.mark(mark, { startTime: now });
      return;
    }
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}

interface ResourceTiming {
  startTime: number;
  responseStart: number;
  responseEnd: number;
  encodedBodySize: number;
  decodedBodySize: number;
}

export interface PageTimings {
  marks: PanelMarks;
  /** The /api/traces/{id} fetch (first one), and the /api/traces/{id}/logs fetch. */
  trace: ResourceTiming | null;
  logs: ResourceTiming | null;
  domContentLoaded: number;
  /** When the page (document) finished arriving, ms from navigation (-1: no navigation entry). */
  documentResponseEnd: number;
  /** performance.memory.usedJSHeapSize (Chromium only), bytes. */
  usedJSHeapSize: number | null;
}

interface ChromiumPerformance extends Performance {
  memory?: { usedJSHeapSize: number; totalJSHeapSize: number; jsHeapSizeLimit: number };
}

/** Reads the marks, the Resource Timing entries of the two API calls and the heap, right after render. */
export function readTimings(traceId: string): PageTimings {
  const marks = window.__sightlineBench;
  if (!marks) throw new Error("the init script did not run");
  const entries = performance.getEntriesByType("resource") as PerformanceResourceTiming[];
  const pick = (suffix: string): ResourceTiming | null => {
    const e = entries.find((r) => new URL(r.name).pathname === suffix);
    return e
      ? {
          startTime: e.startTime,
          responseStart: e.responseStart,
          responseEnd: e.responseEnd,
          encodedBodySize: e.encodedBodySize,
          decodedBodySize: e.decodedBodySize,
        }
      : null;
  };
  const nav = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming | undefined;
  return {
    marks: { ...marks, longTasks: [...marks.longTasks] },
    trace: pick(`/api/traces/${traceId}`),
    logs: pick(`/api/traces/${traceId}/logs`),
    domContentLoaded: nav?.domContentLoadedEventEnd ?? -1,
    documentResponseEnd: nav?.responseEnd ?? -1,
    usedJSHeapSize: (performance as ChromiumPerformance).memory?.usedJSHeapSize ?? null,
  };
}

export interface ScrollRun {
  /** requestAnimationFrame timestamp deltas, ms (the first frame is the reference, not a sample). */
  deltas: number[];
  /** Pixels scrolled in total, and the scrollable height of the element. */
  distance: number;
  scrollable: number;
  /** Main-thread tasks over 50 ms while scrolling, and their summed duration (ms). */
  longTasks: number;
  longTaskMs: number;
}

/**
 * Scrolls `el` by `stepPx` every animation frame for `durationMs` (bouncing at either end) and
 * records the frame-to-frame deltas of requestAnimationFrame's timestamps.
 */
export async function scrollAndSampleFrames(el: Element, opts: { durationMs: number; stepPx: number }): Promise<ScrollRun> {
  const deltas: number[] = [];
  let distance = 0;
  let direction = 1;
  let longTasks = 0;
  let longTaskMs = 0;
  const observer = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      longTasks++;
      longTaskMs += e.duration;
    }
  });
  try {
    observer.observe({ type: "longtask" });
  } catch {
    // no Long Tasks API
  }
  el.scrollTop = 0;
  await new Promise<void>((resolve) => {
    let first = -1;
    let last = -1;
    const frame = (t: number): void => {
      if (first < 0) first = t;
      else deltas.push(t - last);
      last = t;
      if (t - first >= opts.durationMs) {
        resolve();
        return;
      }
      const max = el.scrollHeight - el.clientHeight;
      if (direction > 0 && el.scrollTop + opts.stepPx > max) direction = -1;
      else if (direction < 0 && el.scrollTop - opts.stepPx < 0) direction = 1;
      const before = el.scrollTop;
      el.scrollTop = before + direction * opts.stepPx;
      distance += Math.abs(el.scrollTop - before);
      requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  });
  observer.disconnect();
  return { deltas, distance, scrollable: el.scrollHeight - el.clientHeight, longTasks, longTaskMs };
}

/**
 * In the page: clicks the element the bench put in `window.__benchClickTarget`, then checks once
 * per animation frame for `details` with a box; ms from the click to the task after the frame
 * that showed them (painted), or NaN past `lostAfterMs` (the click was lost).
 */
export function clickAndWaitFor({ details, lostAfterMs }: { details: string; lostAfterMs: number }): Promise<number> {
  const target = (window as unknown as { __benchClickTarget: HTMLElement }).__benchClickTarget;
  const shown = () => {
    const el = document.querySelector(details);
    if (!el) return false;
    const box = el.getBoundingClientRect();
    return box.width > 0 && box.height > 0;
  };
  return new Promise((resolve) => {
    const t0 = performance.now();
    target.click();
    const tick = () => {
      if (shown()) {
        // The frame that shows them has been painted by the next task.
        const channel = new MessageChannel();
        channel.port1.onmessage = () => resolve(performance.now() - t0);
        channel.port2.postMessage(null);
        return;
      }
      if (performance.now() - t0 > lostAfterMs) return resolve(NaN);
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
}
