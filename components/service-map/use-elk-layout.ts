"use client";

import { useEffect, useMemo, useState } from "react";
import { laidOutAtOnce, layoutSmallServiceMap } from "@/lib/analysis/service-map-dagre";
import { layoutServiceMap, type ElkLayouter, type MapLayout } from "@/lib/analysis/service-map-elk";
import type { ServiceGraph } from "@/lib/model";

export type LayoutResult = { status: "pending" } | { status: "ready"; layout: MapLayout } | { status: "failed"; message: string };

/**
 * What laid the map out: ELK in a Web Worker, or on the main thread when workers are unavailable or
 * fail; or, for a small graph, dagre at once on the main thread (lib/analysis/service-map-dagre.ts).
 */
export type ElkEngine = "worker" | "main" | "dagre";

interface Elk {
  engine: Exclude<ElkEngine, "dagre">;
  layouter: ElkLayouter;
}

let elkInstance: Promise<Elk> | null = null;

/** ELK (~1.6 MB) on the main thread, in its own chunk. */
function mainThreadElk(): Promise<Elk> {
  return import("elkjs/lib/elk.bundled.js").then((m) => ({ engine: "main", layouter: new m.default() }));
}

class WorkerFailed extends Error {}

/**
 * ELK in a worker (elk.worker.ts). A worker that cannot start (no Worker, a CSP that forbids it, a
 * failed download) or dies fails its pending and later layouts with WorkerFailed, and the caller
 * falls back to the main thread.
 */
async function workerElk(): Promise<Elk> {
  if (typeof Worker === "undefined") throw new WorkerFailed("Web Workers are unavailable");
  const { default: ElkApi } = await import("elkjs/lib/elk-api.js");
  let failure: WorkerFailed | null = null;
  let fail: (err: WorkerFailed) => void = () => undefined;
  const failed = new Promise<never>((_, reject) => {
    fail = (err) => {
      failure ??= err;
      reject(err);
    };
  });
  failed.catch(() => undefined);
  const elk = new ElkApi({
    workerFactory: () => {
      // A literal `new Worker(new URL(…, import.meta.url))`: the bundler emits the worker as a
      // same-origin file and rewrites this to its URL.
      const worker = new Worker(new URL("./elk.worker.ts", import.meta.url), { name: "elk-layout" });
      worker.addEventListener("error", (e) => {
        e.preventDefault();
        fail(new WorkerFailed(e.message || "the layout worker failed to start"));
        worker.terminate();
      });
      worker.addEventListener("messageerror", () => fail(new WorkerFailed("the layout worker sent an unreadable message")));
      return worker;
    },
  });
  return {
    engine: "worker",
    layouter: {
      layout: (graph) => (failure ? Promise.reject(failure) : Promise.race([elk.layout(graph), failed])),
    },
  };
}

/** ELK is loaded once, when a map first needs it, and shared by every map on the page, in a worker when possible. */
function loadElk(): Promise<Elk> {
  elkInstance ??= workerElk()
    .catch(() => mainThreadElk())
    .catch((err: unknown) => {
      elkInstance = null;
      throw err;
    });
  return elkInstance;
}

/** Lays out in the worker, and on the main thread from then on if the worker fails. */
async function layOut(graph: ServiceGraph, aspect: number): Promise<{ layout: MapLayout; engine: ElkEngine }> {
  const elk = await loadElk();
  try {
    return { layout: await layoutServiceMap(elk.layouter, graph, aspect), engine: elk.engine };
  } catch (err) {
    if (!(err instanceof WorkerFailed)) throw err;
    elkInstance = mainThreadElk();
    const main = await elkInstance;
    return { layout: await layoutServiceMap(main.layouter, graph, aspect), engine: main.engine };
  }
}

const PENDING: LayoutResult = { status: "pending" };

interface Done {
  graph: ServiceGraph;
  result: LayoutResult;
  engine: ElkEngine | null;
}

function layOutAtOnce(graph: ServiceGraph, aspect: number): LayoutResult {
  try {
    return { status: "ready", layout: layoutSmallServiceMap(graph, aspect) };
  } catch (err) {
    return { status: "failed", message: err instanceof Error ? err.message : String(err) };
  }
}

/**
 * Lays `graph` out for a panel of aspect ratio `aspect` (null: not measured yet, wait). A small
 * graph is laid out at once (dagre, in this render). A larger one asynchronously by ELK: "pending"
 * until ELK first answers for this graph; when only the aspect changes, the previous layout stays
 * on screen until the new one is ready.
 */
export function useElkLayout(graph: ServiceGraph, aspect: number | null): LayoutResult & { engine: ElkEngine | null } {
  const atOnce = laidOutAtOnce(graph);
  const quick = useMemo(() => (atOnce && aspect !== null ? layOutAtOnce(graph, aspect) : null), [atOnce, graph, aspect]);
  const [state, setState] = useState<Done | null>(null);
  useEffect(() => {
    if (aspect === null || atOnce) return;
    let live = true;
    layOut(graph, aspect).then(
      ({ layout, engine }) => {
        if (live) setState({ graph, result: { status: "ready", layout }, engine });
      },
      (err: unknown) => {
        const message = err instanceof Error ? err.message : String(err);
        if (live) setState({ graph, result: { status: "failed", message }, engine: null });
      },
    );
    return () => {
      live = false;
    };
  }, [graph, aspect, atOnce]);
  if (atOnce) return quick ? { ...quick, engine: quick.status === "ready" ? "dagre" : null } : { ...PENDING, engine: null };
  return state?.graph === graph ? { ...state.result, engine: state.engine } : { ...PENDING, engine: null };
}
