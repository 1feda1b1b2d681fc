"use client";

import { useEffect, useRef, type RefObject } from "react";

export interface KeyboardActions {
  move(delta: 1 | -1): void;
  openDetails(): void;
  clear(): void;
  searchInput: RefObject<HTMLInputElement | null>;
}

/** j/k or arrows move through spans, Enter opens details, / focuses span search, Esc clears. */
export function useTraceKeyboard(actions: KeyboardActions): void {
  const latest = useRef(actions);
  latest.current = actions;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.metaKey || e.ctrlKey || e.altKey) return;
      const a = latest.current;
      const target = e.target as HTMLElement | null;
      const typing = !!target && (target.tagName === "INPUT" || target.tagName === "TEXTAREA" || target.isContentEditable);
      if (e.key === "Escape") {
        if (typing) target!.blur();
        else a.clear();
        return;
      }
      if (typing) return;
      if (e.key === "j" || e.key === "ArrowDown") a.move(1);
      else if (e.key === "k" || e.key === "ArrowUp") a.move(-1);
      else if (e.key === "Enter") a.openDetails();
      else if (e.key === "/") a.searchInput.current?.focus();
      else return;
      e.preventDefault();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);
}
