"use client";

import { useMemo, type JSX } from "react";
import { buildServiceGraph } from "@/lib/analysis/service-graph";
import { serviceColors } from "@/lib/client/service-colors";
import type { Trace } from "@/lib/model";
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
    />
  );
}
