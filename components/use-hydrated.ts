"use client";

import { useSyncExternalStore } from "react";

const noSubscription = () => () => {};

/**
 * False in the server render and in the browser's hydrating render (so the two match), true from
 * the render after: for what the server cannot know (the browser's time zone) or need not send.
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
}
