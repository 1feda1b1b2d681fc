"use client";

import { useEffect, useRef } from "react";
import { shortcutFor, type ShortcutAction, type ShortcutScope } from "./shortcuts";

/** What to do for each action of the scope; returning `false` leaves the event to others (not prevented). */
export type ShortcutHandlers = Partial<Record<ShortcutAction, (event: KeyboardEvent) => void | false>>;

/**
 * Handles the shortcuts of one scope (lib/client/shortcuts.ts SHORTCUTS) on the window while the
 * component is mounted. A handled key is preventDefault-ed, so no other listener takes it again.
 * The handlers may change on every render; the listener is added once.
 */
export function useShortcuts(scope: ShortcutScope, handlers: ShortcutHandlers): void {
  const latest = useRef(handlers);
  latest.current = handlers;
  useEffect(() => {
    const scopes = new Set([scope]);
    const onKey = (e: KeyboardEvent) => {
      const shortcut = shortcutFor(e, scopes);
      const handler = shortcut && latest.current[shortcut.action];
      if (!handler) return;
      if (handler(e) !== false) e.preventDefault();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [scope]);
}
