"use client";

import { useSyncExternalStore } from "react";

/** Below Tailwind's `md` breakpoint (768 px): the layouts that show one thing at a time. */
export const PHONE_QUERY = "(max-width: 767.98px)";

/** One MediaQueryList for the page: a virtualized list asks on every render, i.e. every frame of a scroll. */
let phoneQuery: MediaQueryList | null = null;
const phone = () => (phoneQuery ??= window.matchMedia(PHONE_QUERY));

function subscribe(onChange: () => void): () => void {
  const query = phone();
  query.addEventListener("change", onChange);
  return () => query.removeEventListener("change", onChange);
}

/**
 * Whether the window is phone-sized. The server (and hydration) assumes a desktop, so a
 * server-rendered page switches after hydration without a mismatch.
 */
export function usePhoneLayout(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => phone().matches,
    () => false,
  );
}
