import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { CopyButton } from "./copy-button";

/** A value to be fetched: resolved or rejected by the test. */
function deferred() {
  let resolve!: (text: string) => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<string>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe("CopyButton", () => {
  it("copies a value made on the click", async () => {
    const user = userEvent.setup();
    render(<CopyButton value={() => "made now"} label="Copy it" />);
    await user.click(screen.getByRole("button", { name: "Copy it" }));
    expect(await navigator.clipboard.readText()).toBe("made now");
    expect(screen.getByRole("button")).toHaveTextContent("Copied ✓");
  });

  it("says Copying… (and takes no second click) while the value is fetched, then copies it", async () => {
    const user = userEvent.setup();
    const value = deferred();
    render(<CopyButton value={() => value.promise} label="Copy summary" />);
    await user.click(screen.getByRole("button", { name: "Copy summary" }));
    expect(screen.getByRole("button")).toHaveTextContent("Copying…");
    expect(screen.getByRole("button")).toBeDisabled();
    value.resolve("# the whole trace");
    expect(await screen.findByText("Copied ✓")).toBeInTheDocument();
    expect(await navigator.clipboard.readText()).toBe("# the whole trace");
  });

  it("says Copy failed, and copies nothing, when the value cannot be fetched", async () => {
    const user = userEvent.setup();
    await navigator.clipboard.writeText("before");
    const value = deferred();
    render(<CopyButton value={() => value.promise} label="Copy summary" />);
    await user.click(screen.getByRole("button", { name: "Copy summary" }));
    value.reject(new Error("HTTP 503"));
    expect(await screen.findByText("Copy failed")).toBeInTheDocument();
    expect(await navigator.clipboard.readText()).toBe("before");
  });
});
