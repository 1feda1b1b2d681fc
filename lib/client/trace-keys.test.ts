import { describe, expect, it } from "vitest";
import { INTERACTIVE_SELECTOR, type TraceKeyEvent, traceKeyAction } from "./trace-keys";

/** A stand-in element: `closest` answers for the interactive selector as an element of that kind would. */
function element(tagName: string, options: { role?: string; href?: boolean; editable?: boolean; inside?: string } = {}) {
  const interactive =
    ["BUTTON", "SUMMARY", "SELECT"].includes(tagName) ||
    (tagName === "A" && options.href) ||
    (options.role !== undefined && INTERACTIVE_SELECTOR.includes(`[role=${options.role}]`)) ||
    options.inside !== undefined;
  return {
    tagName,
    isContentEditable: options.editable ?? false,
    closest: (selector: string) => (selector === INTERACTIVE_SELECTOR && interactive ? {} : null),
  };
}

const key = (k: string, target: unknown = element("BODY"), extra: Partial<TraceKeyEvent> = {}): TraceKeyEvent => ({
  key: k,
  metaKey: false,
  ctrlKey: false,
  altKey: false,
  defaultPrevented: false,
  target,
  ...extra,
});

describe("traceKeyAction", () => {
  it("maps j/k, arrows, Enter, / and Escape on the page", () => {
    expect(["j", "ArrowDown", "k", "ArrowUp", "Enter", "/", "Escape", "x"].map((k) => traceKeyAction(key(k)))).toEqual([
      "next",
      "next",
      "previous",
      "previous",
      "open",
      "search",
      "clear",
      null,
    ]);
  });

  it("leaves Enter to a focused button, link, map node (role=button) or anything inside one", () => {
    expect(traceKeyAction(key("Enter", element("BUTTON")))).toBeNull();
    expect(traceKeyAction(key("Enter", element("A", { href: true })))).toBeNull();
    expect(traceKeyAction(key("Enter", element("g", { role: "button" })))).toBeNull();
    expect(traceKeyAction(key("Enter", element("SPAN", { inside: "button" })))).toBeNull();
    // A span row (role=row) is not a widget of its own: Enter opens the selected span's details.
    expect(traceKeyAction(key("Enter", element("DIV", { role: "row" })))).toBe("open");
  });

  it("ignores events already handled, and keys with modifiers", () => {
    expect(traceKeyAction(key("Enter", element("g"), { defaultPrevented: true }))).toBeNull();
    expect(traceKeyAction(key("j", element("BODY"), { defaultPrevented: true }))).toBeNull();
    expect(traceKeyAction(key("j", element("BODY"), { ctrlKey: true }))).toBeNull();
  });

  it("lets typing targets type; Escape leaves them", () => {
    for (const target of [element("INPUT"), element("TEXTAREA"), element("SELECT"), element("DIV", { editable: true })]) {
      expect(["j", "k", "Enter", "/"].map((k) => traceKeyAction(key(k, target)))).toEqual([null, null, null, null]);
      expect(traceKeyAction(key("Escape", target))).toBe("blur");
    }
  });

  it("handles a target that is not an element (window, null)", () => {
    expect(traceKeyAction(key("Enter", null))).toBe("open");
    expect(traceKeyAction(key("j", {}))).toBe("next");
  });
});
