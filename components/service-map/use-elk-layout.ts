"use client";

import { useEffect, useState } from "react";
import type { ELK } from "elkjs/lib/elk-api";
import { layoutServiceMap, type MapLayout } from "@/lib/analysis/service-map-elk";
import type { ServiceGraph } from "@/lib/model";

export type LayoutResult = { status: "pending" } | { status: "ready"; layout: MapLayout } | { status: "failed"; message: string };

let elkInstance: Promise<ELK> | null = null;

/**
 * ELK (~1.5 MB) is loaded in its own chunk, once, and shared by every map on the page. Pages call
 * it early (while their data is still in flight) so the layout does not wait for the download.
 */
export function loadElk(): Promise<ELK> {
  elkInstance ??= import("elkjs/lib/elk.bundled.js").then(
    (m) => new m.default(),
    (err: unknown) => {
      elkInstance = null;
      throw err;
    },
  );
  return elkInstance;
}

const PENDING: LayoutResult = { status: "pending" };

interface Done {
  graph: ServiceGraph;
  result: LayoutResult;
}

/**
 * Lays `graph` out asynchronously for a panel of aspect ratio `aspect` (null: not measured yet,
 * wait). "pending" until ELK first answers for this graph; when only the aspect changes, the
 * previous layout stays on screen until the new one is ready.
 */
export function useElkLayout(graph: ServiceGraph, aspect: number | null): LayoutResult {
  const [state, setState] = useState<Done | null>(null);
  useEffect(() => {
    if (aspect === null) return;
    let live = true;
    loadElk()
      .then((elk) => layoutServiceMap(elk, graph, aspect))
      .then(
        (layout) => {
          if (live) setState({ graph, result: { status: "ready", layout } });
        },
        (err: unknown) => {
          const message = err instanceof Error ? err.message : String(err);
          if (live) setState({ graph, result: { status: "failed", message } });
        },
      );
    return () => {
      live = false;
    };
  }, [graph, aspect]);
  return state?.graph === graph ? state.result : PENDING;
}
