import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { EARLY_CLICK_ATTRIBUTE, EARLY_CLICK_SCRIPT, stopEarlyClicks, takeEarlyClick } from "./early-clicks";

describe("early clicks (a span row clicked before the page hydrates)", () => {
  let controller: AbortController;
  beforeEach(() => {
    document.body.innerHTML = `
      <div data-span-id="aaaaaaaaaaaaaaaa"><button>▾</button><span class="name">root</span></div>
      <div data-span-id="bbbbbbbbbbbbbbbb"><span class="name">child</span><a href="#x">link</a></div>`;
    // The inline script adds its listener to document: run it with a listener that can be removed.
    controller = new AbortController();
    const add = document.addEventListener.bind(document);
    document.addEventListener = ((type: string, listener: EventListener, options?: boolean) =>
      add(type, listener, { capture: options === true, signal: controller.signal })) as typeof document.addEventListener;
    try {
      new Function(EARLY_CLICK_SCRIPT)();
    } finally {
      document.addEventListener = add;
    }
    delete (window as { __sightlineHydrated?: boolean }).__sightlineHydrated;
  });
  afterEach(() => controller.abort());

  const row = (id: string) => document.querySelector(`[data-span-id="${id}"]`)!;
  const click = (el: Element) => el.dispatchEvent(new MouseEvent("click", { bubbles: true }));

  it("notes the last row clicked, marks it alone, and hands it over once", () => {
    click(row("aaaaaaaaaaaaaaaa").querySelector(".name")!);
    click(row("bbbbbbbbbbbbbbbb").querySelector(".name")!);
    expect(document.querySelectorAll(`[${EARLY_CLICK_ATTRIBUTE}]`)).toHaveLength(1);
    expect(row("bbbbbbbbbbbbbbbb").hasAttribute(EARLY_CLICK_ATTRIBUTE)).toBe(true);
    expect(takeEarlyClick()).toBe("bbbbbbbbbbbbbbbb");
    expect(document.querySelectorAll(`[${EARLY_CLICK_ATTRIBUTE}]`)).toHaveLength(0);
    expect(takeEarlyClick()).toBeNull();
  });

  it("takes no click on a control inside a row (the fold button, a link) for a selection", () => {
    click(row("aaaaaaaaaaaaaaaa").querySelector("button")!);
    click(row("bbbbbbbbbbbbbbbb").querySelector("a")!);
    expect(takeEarlyClick()).toBeNull();
  });

  it("notes nothing once the page has hydrated", () => {
    stopEarlyClicks();
    click(row("aaaaaaaaaaaaaaaa").querySelector(".name")!);
    expect(row("aaaaaaaaaaaaaaaa").hasAttribute(EARLY_CLICK_ATTRIBUTE)).toBe(false);
    expect(takeEarlyClick()).toBeNull();
  });
});
