"use client";

import { useEffect, useMemo, useRef, useState } from "react";
import type { IncidentParams } from "@/lib/incident-params";
import type { TimeWindow } from "@/lib/model";

const REFRESH_MS = 30_000;
/** A refresh waits until the user has left the page alone this long. */
const QUIET_MS = 20_000;

export interface LiveWindow {
  window: TimeWindow;
  /** The window ends now (the link had no alert time), so it can follow the clock. */
  live: boolean;
  autoRefresh: boolean;
  setAutoRefresh(on: boolean): void;
  /** When the window was last moved (epoch ms). */
  refreshedAt: number;
}

/**
 * The incident window, sliding with the clock every 30 s when the link had no alert time and
 * auto-refresh is on (the default then). A refresh is skipped while the user interacts (pointer,
 * keys, wheel in the last 20 s), while the tab is hidden, or while `paused` (a time range selected).
 */
export function useLiveWindow(params: IncidentParams, paused: boolean): LiveWindow {
  const live = !params.atGiven;
  const [autoRefresh, setAutoRefresh] = useState(live);
  const [end, setEnd] = useState(params.to);
  const [refreshedAt, setRefreshedAt] = useState(params.to);
  const lastInteraction = useRef(0);

  useEffect(() => {
    const touch = () => {
      lastInteraction.current = Date.now();
    };
    const events = ["pointerdown", "keydown", "wheel"] as const;
    for (const e of events) globalThis.addEventListener(e, touch, { passive: true });
    return () => {
      for (const e of events) globalThis.removeEventListener(e, touch);
    };
  }, []);

  useEffect(() => {
    if (!live || !autoRefresh || paused) return;
    const timer = setInterval(() => {
      const now = Date.now();
      if (document.hidden || now - lastInteraction.current < QUIET_MS) return;
      setEnd(now);
      setRefreshedAt(now);
    }, REFRESH_MS);
    return () => clearInterval(timer);
  }, [live, autoRefresh, paused]);

  const window = useMemo(
    () => (live ? { from: end - params.windowMs, to: end } : { from: params.from, to: params.to }),
    [live, end, params.windowMs, params.from, params.to],
  );
  return { window, live, autoRefresh, setAutoRefresh, refreshedAt };
}
