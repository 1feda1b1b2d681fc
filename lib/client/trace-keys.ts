/**
 * The trace page's shortcuts, decided from the key event alone (no React, no DOM globals): j/k or
 * arrows move through spans, Enter opens details, / focuses span search, Esc clears (or leaves a
 * text field). Events already handled (defaultPrevented) and typing targets are left alone, and
 * Enter or Space on a button, a link or another widget does that element's own thing.
 */
export type TraceKeyAction = "next" | "previous" | "open" | "search" | "clear" | "blur";

/** The part of a KeyboardEvent this reads; its target is an Element or anything else. */
export interface TraceKeyEvent {
  key: string;
  metaKey: boolean;
  ctrlKey: boolean;
  altKey: boolean;
  defaultPrevented: boolean;
  target: unknown;
}

interface TargetLike {
  tagName?: string;
  isContentEditable?: boolean;
  closest?: (selector: string) => unknown;
}

/** Elements whose own activation Enter is: never taken over by the page's shortcut. */
export const INTERACTIVE_SELECTOR = [
  "button",
  "a[href]",
  "summary",
  "select",
  "[role=button]",
  "[role=link]",
  "[role=menuitem]",
  "[role=option]",
  "[role=tab]",
  "[role=checkbox]",
  "[role=radio]",
  "[role=switch]",
  "[role=combobox]",
].join(",");

function asTarget(target: unknown): TargetLike | null {
  return typeof target === "object" && target !== null ? (target as TargetLike) : null;
}

function isTypingTarget(target: unknown): boolean {
  const t = asTarget(target);
  if (!t) return false;
  const tag = t.tagName?.toUpperCase();
  return tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || t.isContentEditable === true;
}

function isInteractive(target: unknown): boolean {
  const t = asTarget(target);
  return !!t && typeof t.closest === "function" && !!t.closest(INTERACTIVE_SELECTOR);
}

/** The shortcut this event triggers, or null when it is not the page's to handle. */
export function traceKeyAction(e: TraceKeyEvent): TraceKeyAction | null {
  if (e.defaultPrevented || e.metaKey || e.ctrlKey || e.altKey) return null;
  const typing = isTypingTarget(e.target);
  if (e.key === "Escape") return typing ? "blur" : "clear";
  if (typing) return null;
  switch (e.key) {
    case "j":
    case "ArrowDown":
      return "next";
    case "k":
    case "ArrowUp":
      return "previous";
    case "Enter":
      return isInteractive(e.target) ? null : "open";
    case "/":
      return "search";
    default:
      return null;
  }
}
