import { fireEvent, render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useState } from "react";
import { describe, expect, it, vi } from "vitest";
import { SHORTCUTS } from "@/lib/client/shortcuts";
import { useShortcuts } from "@/lib/client/use-shortcuts";
import { ShortcutsHelp } from "./shortcuts-help";

/** A page with the trace scope's handlers, a button of its own and a text field, like the trace page. */
function TracePageLike({ onOpen, onNext }: { onOpen(): void; onNext(): void }) {
  const [clicks, setClicks] = useState(0);
  useShortcuts("trace", { "open-details": onOpen, "next-span": onNext });
  return (
    <div>
      <ShortcutsHelp />
      <button type="button" onClick={() => setClicks((c) => c + 1)}>
        toggle ({clicks})
      </button>
      <input aria-label="Find spans" />
    </div>
  );
}

const setup = () => {
  const handlers = { onOpen: vi.fn(), onNext: vi.fn() };
  render(<TracePageLike {...handlers} />);
  return handlers;
};

describe("keyboard shortcuts", () => {
  it("dispatches from the table on the page, and leaves typing to a text field", async () => {
    const { onNext, onOpen } = setup();
    await userEvent.keyboard("j");
    expect(onNext).toHaveBeenCalledTimes(1);
    await userEvent.click(screen.getByLabelText("Find spans"));
    await userEvent.keyboard("j?{Enter}");
    expect(onNext).toHaveBeenCalledTimes(1);
    expect(onOpen).not.toHaveBeenCalled();
    expect(screen.getByLabelText("Find spans")).toHaveValue("j?");
    expect(screen.queryByRole("dialog")).toBeNull();
  });

  it("does not swallow Enter on a button (it clicks), and skips an event already handled", async () => {
    const { onOpen, onNext } = setup();
    const button = screen.getByRole("button", { name: /toggle/ });
    button.focus();
    await userEvent.keyboard("{Enter}");
    expect(button).toHaveTextContent("toggle (1)");
    expect(onOpen).not.toHaveBeenCalled();
    await userEvent.click(document.body);
    await userEvent.keyboard("{Enter}");
    expect(onOpen).toHaveBeenCalledTimes(1);
    const handled = new KeyboardEvent("keydown", { key: "j", bubbles: true, cancelable: true });
    handled.preventDefault();
    document.body.dispatchEvent(handled);
    expect(onNext).not.toHaveBeenCalled();
  });

  it("`?` opens a modal help listing every shortcut by scope; focus goes in, stays in, and comes back on Esc", async () => {
    const { onNext } = setup();
    const button = screen.getByRole("button", { name: /toggle/ });
    button.focus();
    await userEvent.keyboard("?");
    const dialog = screen.getByRole("dialog", { name: "Keyboard shortcuts" });
    expect(dialog).toHaveAttribute("aria-modal", "true");
    expect(
      within(dialog)
        .getAllByTestId("shortcut")
        .map((r) => r.dataset.action),
    ).toEqual(SHORTCUTS.map((s) => s.action));
    expect(within(dialog).getByRole("heading", { name: "Every page" })).toBeVisible();
    expect(within(dialog).getByRole("heading", { name: "Trace page and snapshots" })).toBeVisible();
    expect(within(dialog).getByText("Select the next span").closest("div")).toHaveTextContent(/j\s*or\s*↓/);
    expect(dialog).toContainElement(document.activeElement as HTMLElement);

    // Tab cycles inside; the page behind takes no keys.
    await userEvent.tab();
    expect(dialog).toContainElement(document.activeElement as HTMLElement);
    await userEvent.tab({ shift: true });
    expect(dialog).toContainElement(document.activeElement as HTMLElement);
    await userEvent.keyboard("j");
    expect(onNext).not.toHaveBeenCalled();

    await userEvent.keyboard("{Escape}");
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(button).toHaveFocus();
  });

  it("opens from the header button too, and closes on a click outside or on ✕", async () => {
    setup();
    await userEvent.click(screen.getByRole("button", { name: "Keyboard shortcuts" }));
    expect(screen.getByRole("dialog")).toBeInTheDocument();
    fireEvent.click(screen.getByRole("dialog").parentElement!);
    expect(screen.queryByRole("dialog")).toBeNull();
    await userEvent.click(screen.getByRole("button", { name: "Keyboard shortcuts" }));
    await userEvent.click(screen.getByRole("button", { name: "Close" }));
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(screen.getByRole("button", { name: "Keyboard shortcuts" })).toHaveFocus();
  });
});
