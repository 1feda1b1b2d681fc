import { describe, expect, it } from "vitest";
import { INTERACTIVE_SELECTOR, type KeyEventLike, keyLabel, SCOPE_LABELS, SHORTCUTS, shortcutFor, shortcutsByScope, type ShortcutScope } from "./shortcuts";

/** A stand-in element: `closest` answers for the interactive and modal selectors as an element of that kind would. */
function element(tagName: string, options: { role?: string; href?: boolean; editable?: boolean; inside?: "button" | "modal" } = {}) {
  const interactive =
    ["BUTTON", "SUMMARY", "SELECT"].includes(tagName) ||
    (tagName === "A" && options.href) ||
    (options.role !== undefined && INTERACTIVE_SELECTOR.includes(`[role=${options.role}]`)) ||
    options.inside === "button";
  return {
    tagName,
    isContentEditable: options.editable ?? false,
    closest: (selector: string) =>
      (selector === INTERACTIVE_SELECTOR && interactive) || (selector.includes("aria-modal") && options.inside === "modal") ? {} : null,
  };
}

const key = (k: string, target: unknown = element("BODY"), extra: Partial<KeyEventLike> = {}): KeyEventLike => ({
  key: k,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  shiftKey: false,
  defaultPrevented: false,
  target,
  ...extra,
});

const ALL = new Set<ShortcutScope>(["global", "trace"]);
const action = (e: KeyEventLike, scopes: ReadonlySet<ShortcutScope> = ALL) => shortcutFor(e, scopes)?.action ?? null;

describe("shortcutFor", () => {
  it("maps the table's keys on the page", () => {
    expect(["j", "ArrowDown", "k", "ArrowUp", "Enter", "/", "Escape", "x"].map((k) => action(key(k)))).toEqual([
      "next-span",
      "next-span",
      "previous-span",
      "previous-span",
      "open-details",
      "search-spans",
      "clear",
      null,
    ]);
    // `?` is Shift+/ on most layouts: the key is what was typed, Shift included.
    expect(action(key("?", element("BODY"), { shiftKey: true }))).toBe("help");
  });

  it("answers only for the scopes asked", () => {
    expect(action(key("j"), new Set(["global"]))).toBeNull();
    expect(action(key("?"), new Set(["trace"]))).toBeNull();
  });

  it("leaves Enter and Space to a focused button, link, map node (role=button) or anything inside one", () => {
    expect(action(key("Enter", element("BUTTON")))).toBeNull();
    expect(action(key("Enter", element("A", { href: true })))).toBeNull();
    expect(action(key("Enter", element("g", { role: "button" })))).toBeNull();
    expect(action(key("Enter", element("SPAN", { inside: "button" })))).toBeNull();
    const space = { ...SHORTCUTS[0], keys: [" "] };
    expect(shortcutFor(key(" ", element("BUTTON")), ALL, [space])).toBeNull();
    expect(shortcutFor(key(" "), ALL, [space])).toBe(space);
    // A span row (role=row) is not a widget of its own: Enter opens the selected span's details.
    expect(action(key("Enter", element("DIV", { role: "row" })))).toBe("open-details");
  });

  it("ignores events already handled or still composing, keys inside a modal dialog, and modifiers the binding lacks", () => {
    expect(action(key("Enter", element("g"), { defaultPrevented: true }))).toBeNull();
    expect(action(key("j", element("BODY"), { defaultPrevented: true }))).toBeNull();
    expect(action(key("j", element("BODY"), { isComposing: true }))).toBeNull();
    expect(action(key("j", element("DIV", { inside: "modal" })))).toBeNull();
    for (const mod of ["ctrlKey", "metaKey", "altKey"] as const) expect(action(key("j", element("BODY"), { [mod]: true }))).toBeNull();
    expect(action(key("ArrowDown", element("BODY"), { shiftKey: true }))).toBeNull();
    expect(action(key("J", element("BODY"), { shiftKey: true }))).toBeNull();
  });

  it("matches modifiers a binding names", () => {
    const table = [{ action: "help" as const, keys: ["Ctrl+k", "Shift+Enter"], label: "x", scope: "global" as const }];
    expect(shortcutFor(key("k", element("BODY"), { ctrlKey: true }), ALL, table)).not.toBeNull();
    expect(shortcutFor(key("k"), ALL, table)).toBeNull();
    expect(shortcutFor(key("Enter", element("BODY"), { shiftKey: true }), ALL, table)).not.toBeNull();
    expect(shortcutFor(key("Enter"), ALL, table)).toBeNull();
  });

  it("lets text fields type; Escape leaves them", () => {
    for (const target of [element("INPUT"), element("TEXTAREA"), element("SELECT"), element("DIV", { editable: true })]) {
      expect(["j", "k", "Enter", "/", "?"].map((k) => action(key(k, target)))).toEqual([null, null, null, null, null]);
      expect(action(key("Escape", target))).toBe("leave-field");
    }
  });

  it("handles a target that is not an element (window, null)", () => {
    expect(action(key("Enter", null))).toBe("open-details");
    expect(action(key("j", {}))).toBe("next-span");
  });
});

describe("the table", () => {
  it("has one entry per action and no key bound twice in the same place", () => {
    expect(new Set(SHORTCUTS.map((s) => s.action)).size).toBe(SHORTCUTS.length);
    const bound = SHORTCUTS.flatMap((s) => s.keys.map((k) => `${s.scope}/${s.inTextField ?? false}/${k}`));
    expect(new Set(bound).size).toBe(bound.length);
    // Every scope has a heading in the help.
    for (const s of SHORTCUTS) expect(SCOPE_LABELS[s.scope]).toBeTruthy();
  });

  it("is grouped for the help in scope order, and its keys read as people write them", () => {
    expect(shortcutsByScope().map((g) => [g.label, g.shortcuts.length])).toEqual([
      ["Every page", 1],
      ["Trace page and snapshots", SHORTCUTS.length - 1],
    ]);
    expect(["ArrowDown", "Escape", "?", "Ctrl+k", "Shift+Enter", " "].map(keyLabel)).toEqual(["↓", "Esc", "?", "Ctrl+k", "Shift+Enter", "Space"]);
  });
});
