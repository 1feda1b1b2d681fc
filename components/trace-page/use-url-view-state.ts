"use client";

import { useCallback, useEffect, useState } from "react";
import { useSearchParams } from "next/navigation";
import { parseViewState, serializeViewState, type TraceViewState } from "@/lib/trace-view-state";

/**
 * The trace page's view state, mirrored into the URL with history.replaceState (no navigation,
 * no server round trip), so reloads and pasted links restore it. Back/forward re-reads it.
 * The first state comes from useSearchParams, which the server render sees too: reading `window`
 * there rendered the server's HTML without the link's state (React error #418 on hydration).
 */
export function useUrlViewState(): [TraceViewState, (patch: Partial<TraceViewState>) => void] {
  const searchParams = useSearchParams();
  const [state, setState] = useState<TraceViewState>(() => parseViewState(new URLSearchParams(searchParams.toString())));

  useEffect(() => {
    const onPop = () => setState(parseViewState(new URLSearchParams(window.location.search)));
    window.addEventListener("popstate", onPop);
    return () => window.removeEventListener("popstate", onPop);
  }, []);

  useEffect(() => {
    const qs = serializeViewState(state).toString();
    const url = `${window.location.pathname}${qs ? `?${qs}` : ""}`;
    if (url !== `${window.location.pathname}${window.location.search}`) window.history.replaceState(window.history.state, "", url);
  }, [state]);

  const update = useCallback((patch: Partial<TraceViewState>) => setState((s) => ({ ...s, ...patch })), []);
  return [state, update];
}
