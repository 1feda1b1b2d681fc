"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { useSearchParams } from "next/navigation";
import type { UrlCodec } from "@/lib/url-codec";

/** `push` makes a history entry (Back returns to the previous state); `replace` does not. */
export type HistoryMode = "push" | "replace";

export type SetUrlState<T> = (next: T | ((previous: T) => T), options?: { history?: HistoryMode }) => void;

const same = <T>(codec: UrlCodec<T>, a: T, b: T) => codec.serialize(a).toString() === codec.serialize(b).toString();

/** The URL with the state's parameters in place of the current ones (a relative URL: path, query, hash). */
function urlWith<T>(codec: UrlCodec<T>, state: T): string {
  const params = new URLSearchParams(codec.keys ? window.location.search : "");
  for (const key of codec.keys ?? []) params.delete(key);
  for (const [key, value] of codec.serialize(state)) params.append(key, value);
  const qs = params.toString();
  return `${window.location.pathname}${qs ? `?${qs}` : ""}${window.location.hash}`;
}

/**
 * Every page's URL state, the one way: read with `useSearchParams` (the server render sees the same
 * link, so no `window` is read while rendering and hydration matches — React error #418 was that),
 * written with history.pushState/replaceState (no navigation, no server round trip; Next.js keeps
 * `useSearchParams` in step). The state itself is kept here too and is set at once, because Next.js
 * applies a history change to `useSearchParams` in a transition: a text field bound to the URL
 * alone would lag behind the typing. Back/forward, or a link to the same page, is adopted when it
 * differs from the state.
 */
export function useUrlState<T>(codec: UrlCodec<T>, defaultHistory: HistoryMode = "replace"): [T, SetUrlState<T>] {
  const searchParams = useSearchParams();
  const query = searchParams.toString();
  const [state, setState] = useState<T>(() => codec.parse(new URLSearchParams(query)));
  // The newest state, set synchronously, so that two updates in one event compose.
  const latest = useRef(state);
  const codecRef = useRef(codec);
  codecRef.current = codec;

  useEffect(() => {
    // Our own writes come back here as well, the earlier of quick ones late: only the URL the browser shows now counts.
    if (query !== new URLSearchParams(window.location.search).toString()) return;
    const c = codecRef.current;
    const fromUrl = c.parse(new URLSearchParams(query));
    if (same(c, fromUrl, latest.current)) return;
    latest.current = fromUrl;
    setState(fromUrl);
  }, [query]);

  const set = useCallback<SetUrlState<T>>(
    (next, options) => {
      const c = codecRef.current;
      const value = typeof next === "function" ? (next as (previous: T) => T)(latest.current) : next;
      latest.current = value;
      setState(value);
      const url = urlWith(c, value);
      if (url === `${window.location.pathname}${window.location.search}${window.location.hash}`) return;
      if ((options?.history ?? defaultHistory) === "push") window.history.pushState(null, "", url);
      else window.history.replaceState(window.history.state, "", url);
    },
    [defaultHistory],
  );
  return [state, set];
}
