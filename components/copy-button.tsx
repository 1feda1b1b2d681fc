"use client";

import { useState } from "react";

/** Copies a value to the clipboard and says so for a moment. */
export function CopyButton({ value, label, testId }: { value: string | (() => string); label: string; testId?: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <button
      type="button"
      data-testid={testId}
      onClick={async () => {
        const text = typeof value === "function" ? value() : value;
        try {
          await navigator.clipboard.writeText(text);
        } catch {
          // Clipboard refused (insecure origin): fall back to a prompt the user can copy from.
          window.prompt(label, text);
        }
        setCopied(true);
        setTimeout(() => setCopied(false), 1500);
      }}
      className="rounded border border-slate-300 px-1.5 py-0.5 text-[11px] text-slate-700 hover:bg-slate-100 dark:border-slate-700 dark:text-slate-300 dark:hover:bg-slate-800 max-md:min-h-10 max-md:shrink-0 max-md:px-3"
    >
      {copied ? "Copied ✓" : label}
    </button>
  );
}
