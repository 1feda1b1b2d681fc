/**
 * What a server render assumes of the panels it cannot measure, so that the trace page arrives with
 * its first rows and its map already drawn (a desktop's panels; a phone shows one panel at a time).
 * The browser measures the real sizes in a layout effect as it hydrates and corrects them before
 * its next frame; the client's hydrating render uses the same assumptions, so the markup matches.
 */

/** A virtualized list's viewport before it is measured: rows enough for a tall desktop panel. */
export const FIRST_PAINT_LIST_RECT = { width: 800, height: 800 };

/**
 * The service map panel's aspect ratio before it is measured: the trace page's map column (28 % of
 * the width, the height under the header) is close to 0.55 from 1280×800 to 1920×1080.
 */
export const FIRST_PAINT_MAP_ASPECT = 0.55;

/**
 * The trace page's map panel before it is measured, in CSS pixels: its size at 1440×900 (355×694 at
 * 1280×800, 534×999 at 1920×1080: the same aspect step). The map is fitted to it, and its labels
 * chosen for that zoom, as after hydration: a dense map's edge labels, too small to read in such a
 * panel, are then neither sent nor drawn, and nothing changes when the browser measures the panel.
 */
export const FIRST_PAINT_MAP_SIZE = { width: 400, height: 794 };

/**
 * A virtualized list's rows beyond its viewport in the server render (and the hydrating render): none.
 * They are off the screen, and each one is ~2 KB of HTML to send, parse and lay out before the first
 * paint; the lists add their usual overscan once hydrated.
 */
export const FIRST_PAINT_OVERSCAN = 0;
