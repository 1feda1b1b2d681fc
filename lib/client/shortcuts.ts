/**
 * Every keyboard shortcut of Sightline, as data: one table drives both the key handling
 * (useShortcuts) and the `?` help. No React, no DOM globals: an event is read through the few
 * fields below, so the rules are tested with plain objects.
 */

export type ShortcutScope = "global" | "trace";

/** In the order the help lists them. */
export const SCOPE_LABELS: Record<ShortcutScope, string> = {
  global: "Every page",
  trace: "Trace page and snapshots",
};

export type ShortcutAction =
  "help" | "leave-field" | "next-span" | "previous-span" | "open-details" | "search-spans" | "clear" | "next-failure" | "previous-failure";

export interface Shortcut {
  action: ShortcutAction;
  /**
   * `KeyboardEvent.key` values, one of which triggers it, each optionally with modifiers
   * ("Ctrl+k", "Shift+Enter"). A one-character key is what the keyboard typed, Shift included ("?").
   */
  keys: readonly string[];
  label: string;
  scope: ShortcutScope;
  /** Only in a text field (`true`), never there (the default): typing is the field's. */
  inTextField?: boolean;
}

export const SHORTCUTS: readonly Shortcut[] = [
  { action: "help", keys: ["?"], label: "Show these keyboard shortcuts", scope: "global" },
  { action: "next-span", keys: ["j", "ArrowDown"], label: "Select the next span", scope: "trace" },
  { action: "previous-span", keys: ["k", "ArrowUp"], label: "Select the previous span", scope: "trace" },
  { action: "open-details", keys: ["Enter"], label: "Open the selected span's details", scope: "trace" },
  { action: "search-spans", keys: ["/"], label: "Search spans", scope: "trace" },
  { action: "next-failure", keys: ["e"], label: "Select the next failing span", scope: "trace" },
  { action: "previous-failure", keys: ["E"], label: "Select the previous failing span", scope: "trace" },
  { action: "clear", keys: ["Escape"], label: "Clear the selection, service filter and span search", scope: "trace" },
  { action: "leave-field", keys: ["Escape"], label: "In a search field: leave it", scope: "trace", inTextField: true },
];

/** The part of a KeyboardEvent this reads; its target is an Element or anything else (window, null). */
export interface KeyEventLike {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
  defaultPrevented: boolean;
  isComposing?: boolean;
  target: unknown;
}

interface TargetLike {
  tagName?: string;
  isContentEditable?: boolean;
  closest?: (selector: string) => unknown;
}

/** Elements whose own activation Enter (or Space) is: never taken over by a shortcut. */
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

/** Inside an open modal dialog, the page behind it takes no keys. */
const MODAL_SELECTOR = '[aria-modal="true"]';

function asTarget(target: unknown): TargetLike | null {
  return typeof target === "object" && target !== null ? (target as TargetLike) : null;
}

function isTextField(target: unknown): boolean {
  const t = asTarget(target);
  if (!t) return false;
  const tag = t.tagName?.toUpperCase();
  return tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || t.isContentEditable === true;
}

const within = (target: unknown, selector: string) => {
  const t = asTarget(target);
  return !!t && typeof t.closest === "function" && !!t.closest(selector);
};

interface Binding {
  key: string;
  ctrl: boolean;
  meta: boolean;
  alt: boolean;
  /** null: Shift is whatever typed the character. */
  shift: boolean | null;
}

function parseBinding(text: string): Binding {
  const parts = text.split("+");
  const key = parts.pop() ?? "";
  const mods = new Set(parts.map((m) => m.toLowerCase()));
  return { key, ctrl: mods.has("ctrl"), meta: mods.has("meta"), alt: mods.has("alt"), shift: mods.has("shift") ? true : key.length === 1 ? null : false };
}

function matches(b: Binding, e: KeyEventLike): boolean {
  return b.key === e.key && b.ctrl === e.ctrlKey && b.meta === e.metaKey && b.alt === e.altKey && (b.shift === null || b.shift === e.shiftKey);
}

/**
 * The shortcut of `scopes` this event triggers, or null when it is not the page's to handle: an
 * event already handled (defaultPrevented), one still composing text, one inside a modal dialog,
 * a modifier the binding does not have, typing in a text field (but for the text-field
 * shortcuts), Enter or Space on a button, link or other widget (their own activation).
 */
export function shortcutFor(e: KeyEventLike, scopes: ReadonlySet<ShortcutScope>, table: readonly Shortcut[] = SHORTCUTS): Shortcut | null {
  if (e.defaultPrevented || e.isComposing) return null;
  if (within(e.target, MODAL_SELECTOR)) return null;
  const typing = isTextField(e.target);
  if ((e.key === "Enter" || e.key === " ") && !typing && within(e.target, INTERACTIVE_SELECTOR)) return null;
  for (const s of table) {
    if (!scopes.has(s.scope) || (s.inTextField ?? false) !== typing) continue;
    if (s.keys.some((k) => matches(parseBinding(k), e))) return s;
  }
  return null;
}

/** How the help shows a key: the arrows and Escape as people read them. */
export function keyLabel(binding: string): string {
  const { key, ctrl, meta, alt, shift } = parseBinding(binding);
  const names: Record<string, string> = { ArrowDown: "↓", ArrowUp: "↑", ArrowLeft: "←", ArrowRight: "→", Escape: "Esc", " ": "Space" };
  return [ctrl && "Ctrl", meta && "⌘", alt && "Alt", shift === true && "Shift", names[key] ?? key].filter(Boolean).join("+");
}

/** The table grouped by scope, in SCOPE_LABELS' order, for the help. */
export function shortcutsByScope(table: readonly Shortcut[] = SHORTCUTS): { scope: ShortcutScope; label: string; shortcuts: Shortcut[] }[] {
  return (Object.keys(SCOPE_LABELS) as ShortcutScope[])
    .map((scope) => ({ scope, label: SCOPE_LABELS[scope], shortcuts: table.filter((s) => s.scope === scope) }))
    .filter((g) => g.shortcuts.length > 0);
}
