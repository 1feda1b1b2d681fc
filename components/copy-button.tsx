"use client";

import { useState } from "react";

/** Copies a value to the clipboard and says so for a moment; a value still to be fetched says "Copying…" meanwhile. */
export function CopyButton({ value, label, testId }: { value: string | (() => string | Promise<string>); label: string; testId?: string }) {
  const [state, setState] = useState<"idle" | "copying" | "copied" | "failed">("idle");
  return (
    <button
      type="button"
      data-testid={testId}
      disabled={state === "copying"}
      onClick={async () => {
        let text: string;
        try {
          const made = typeof value === "function" ? value() : value;
          if (typeof made !== "string") setState("copying");
          text = await made;
        } catch {
          setState("failed");
          setTimeout(() => setState("idle"), 3000);
          return;
        }
        try {
          await navigator.clipboard.writeText(text);
        } catch {
          // Clipboard refused (insecure origin): fall back to a prompt the user can copy from.
          window.prompt(label, text);
        }
        setState("copied");
        setTimeout(() => setState("idle"), 1500);
      }}
      className="rounded border border-slate-300 px-1.5 py-0.5 text-[11px] text-slate-700 hover:bg-slate-100 dark:border-slate-700 dark:text-slate-300 dark:hover:bg-slate-800 max-md:min-h-10 max-md:shrink-0 max-md:px-3"
    >
      {state === "copied" ? "Copied ✓" : state === "copying" ? "Copying…" : state === "failed" ? "Copy failed" : label}
    </button>
  );
}
