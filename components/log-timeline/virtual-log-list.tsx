"use client";

import { useCallback, useImperativeHandle, useMemo, useRef, useState, type ReactNode, type Ref } from "react";
import { useVirtualizer } from "@tanstack/react-virtual";
import { FIRST_PAINT_LIST_RECT, FIRST_PAINT_OVERSCAN } from "@/components/first-paint";
import { useHydrated } from "@/components/use-hydrated";
import type { LogIndex } from "@/lib/client/log-filter";
import { colorOf } from "@/lib/client/service-colors";
import { LogRow, ROW_HEIGHT } from "./log-row";
import { useScrollToSelection } from "./use-scroll-to-selection";

export interface LogListHandle {
  /** Scrolls the row at this position of the list to the middle. */
  scrollToRow(row: number): void;
}

interface Props {
  index: LogIndex;
  /** The lines to list (indices into index.events), in time order. */
  rows: readonly number[];
  selectedSpanId: string | null;
  onSelectSpan(spanId: string): void;
  timeZone: "utc" | "local";
  colors: Map<string, string>;
  /** The logs query has finished: a selected span without listed lines will not get any. */
  settled: boolean;
  /** Shown instead of the rows when there are none. */
  empty: ReactNode;
  handle?: Ref<LogListHandle>;
}

/** The log lines, virtualized: only the rows in view (and a few either side) are in the DOM. */
export function VirtualLogList({ index, rows, selectedSpanId, onSelectSpan, timeZone, colors, settled, empty, handle }: Props) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(() => new Set());
  const hydrated = useHydrated();
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    getItemKey: (i) => index.events[rows[i]].id,
    overscan: hydrated ? 16 : FIRST_PAINT_OVERSCAN,
    // Rows in the server render too (the panel is measured once hydrated).
    initialRect: FIRST_PAINT_LIST_RECT,
  });
  // Lines from more than one AWS account (a monitoring account's linked accounts): each line's details name its account.
  const showAccount = useMemo(() => new Set(index.events.flatMap((e) => (e.account ? [e.account] : []))).size > 1, [index]);
  const markSelectedHere = useScrollToSelection(virtualizer, index, rows, selectedSpanId, settled);
  useImperativeHandle(handle, () => ({ scrollToRow: (row) => virtualizer.scrollToIndex(row, { align: "center" }) }), [virtualizer]);

  const selectFromRow = useCallback(
    (spanId: string) => {
      markSelectedHere(spanId);
      onSelectSpan(spanId);
    },
    [markSelectedHere, onSelectSpan],
  );
  const toggle = useCallback(
    (id: string) =>
      setExpanded((open) => {
        const next = new Set(open);
        if (!next.delete(id)) next.add(id);
        return next;
      }),
    [],
  );

  return (
    <div ref={scrollRef} className="min-h-0 flex-1 overflow-auto overscroll-contain" role="list" aria-label="Log lines">
      {rows.length === 0 ? (
        empty
      ) : (
        <div className="relative w-full" style={{ height: virtualizer.getTotalSize() }}>
          {virtualizer.getVirtualItems().map((item) => {
            const i = rows[item.index];
            const event = index.events[i];
            const spanId = index.spanIds[i];
            return (
              <LogRow
                key={item.key}
                event={event}
                spanId={spanId}
                selected={selectedSpanId !== null && spanId === selectedSpanId}
                expanded={expanded.has(event.id)}
                showAccount={showAccount}
                timeZone={timeZone}
                serviceColor={event.service === null ? "transparent" : colorOf(colors, event.service)}
                virtualIndex={item.index}
                top={item.start}
                measureRef={virtualizer.measureElement}
                onSelectSpan={selectFromRow}
                onToggle={toggle}
              />
            );
          })}
        </div>
      )}
    </div>
  );
}
