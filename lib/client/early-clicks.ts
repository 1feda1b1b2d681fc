/**
 * A click on a span row before the page has hydrated. The trace page's rows are server-rendered,
 * so they are on screen (and clicked: an alert's link was opened to look at one) before React has
 * attached its handlers; such a click would do nothing. EARLY_CLICK_SCRIPT, inline in the document
 * before the rows (app/layout.tsx), notes the row clicked and marks it at once (the same look as a
 * selection); once hydrated, the trace view takes it (takeEarlyClick) and selects that span. React
 * then handles clicks itself: stopEarlyClicks ends the noting on every page.
 */

/** window properties shared by the inline script and this module. */
const CLICKED = "__sightlineEarlyClick";
const DONE = "__sightlineHydrated";
/** On the row clicked before hydration, until the view takes the click (styled in globals.css). */
export const EARLY_CLICK_ATTRIBUTE = "data-early-click";

/**
 * Inline, before any row: the last click on a span row ([data-span-id]) before hydration, unless it
 * was on a control inside the row (the fold button, a link). Plain ES2019, no dependencies.
 */
export const EARLY_CLICK_SCRIPT = `(()=>{document.addEventListener("click",e=>{if(window.${DONE})return;const t=e.target;if(!(t instanceof Element)||t.closest("button,a,input"))return;const r=t.closest("[data-span-id]");if(!r)return;document.querySelectorAll("[${EARLY_CLICK_ATTRIBUTE}]").forEach(x=>x.removeAttribute("${EARLY_CLICK_ATTRIBUTE}"));r.setAttribute("${EARLY_CLICK_ATTRIBUTE}","");window.${CLICKED}=r.getAttribute("data-span-id")},true)})()`;

type EarlyClickWindow = Window & { [CLICKED]?: string | null; [DONE]?: boolean };

/** Ends the noting of early clicks (the page has hydrated: React handles them now). */
export function stopEarlyClicks(): void {
  (window as EarlyClickWindow)[DONE] = true;
}

/** The span ID of the row clicked before hydration, if any, once; ends the noting. */
export function takeEarlyClick(): string | null {
  const w = window as EarlyClickWindow;
  stopEarlyClicks();
  const spanId = w[CLICKED] ?? null;
  w[CLICKED] = null;
  for (const row of document.querySelectorAll(`[${EARLY_CLICK_ATTRIBUTE}]`)) row.removeAttribute(EARLY_CLICK_ATTRIBUTE);
  return spanId;
}
