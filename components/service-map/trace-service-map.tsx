"use client";

import { useMemo, type JSX } from "react";
import { buildServiceGraph } from "@/lib/analysis/service-graph";
import { seedLayout } from "@/lib/analysis/service-map-dagre";
import { useTraceMapLayoutSeed } from "@/lib/client/queries/trace-map-layout";
import { serviceColors } from "@/lib/client/service-colors";
import type { Trace } from "@/lib/model";
import { FIRST_PAINT_MAP_SIZE } from "@/components/first-paint";
import { ServiceMap } from "./service-map";

export interface TraceServiceMapProps {
  trace: Trace;
  /** The active service filter: its node is outlined and everything unrelated is dimmed. */
  selectedService: string | null;
  /** The service of the selected span: a lighter outline. */
  focusService: string | null;
  /** Clicking a node selects it; clicking it again, or the background, clears the selection (null). */
  onSelectService(service: string | null): void;
}

/** The trace page's service map: the services and inferred callees of one trace, X-Ray style. */
export function TraceServiceMap({ trace, selectedService, focusService, onSelectService }: TraceServiceMapProps): JSX.Element {
  const seed = useTraceMapLayoutSeed(trace.traceId);
  // The server's layout of this map, if it sent one, before the map is laid out: the hydrating
  // render then draws it without running dagre again (a no-op once it is in the cache).
  if (seed) seedLayout(seed);
  const graph = useMemo(() => buildServiceGraph(trace.spans), [trace.spans]);
  const colors = useMemo(() => serviceColors(trace.services), [trace.services]);
  return (
    <ServiceMap
      graph={graph}
      nodeColors={colors}
      selectedService={selectedService}
      focusService={focusService}
      onSelectService={onSelectService}
      label={`Service map of trace ${trace.traceId}`}
      firstPaintSize={FIRST_PAINT_MAP_SIZE}
    />
  );
}
