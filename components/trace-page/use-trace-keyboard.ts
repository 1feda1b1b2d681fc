"use client";

import { useEffect, useRef, type RefObject } from "react";
import { traceKeyAction } from "@/lib/client/trace-keys";

export interface KeyboardActions {
  move(delta: 1 | -1): void;
  openDetails(): void;
  clear(): void;
  searchInput: RefObject<HTMLInputElement | null>;
}

/** j/k or arrows move through spans, Enter opens details, / focuses span search, Esc clears (lib/client/trace-keys.ts). */
export function useTraceKeyboard(actions: KeyboardActions): void {
  const latest = useRef(actions);
  latest.current = actions;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const action = traceKeyAction(e);
      if (!action) return;
      const a = latest.current;
      if (action === "blur") {
        if (e.target instanceof HTMLElement) e.target.blur();
        return;
      }
      if (action === "clear") {
        a.clear();
        return;
      }
      if (action === "next") a.move(1);
      else if (action === "previous") a.move(-1);
      else if (action === "open") a.openDetails();
      else a.searchInput.current?.focus();
      e.preventDefault();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);
}
