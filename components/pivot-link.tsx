"use client";

import Link from "next/link";
import { createContext, useContext, type ReactNode } from "react";
import { logPattern } from "@/lib/analysis/log-pattern";
import type { AttributeValue } from "@/lib/model";
import { attributeFilterValue, pivotHref, type Pivot, type PivotWindow } from "@/lib/pivot-links";

/** The window pivots search in; without a provider (outside a trace page) no pivot is shown. */
const PivotWindowContext = createContext<PivotWindow | null>(null);

export function PivotWindowProvider({ window, children }: { window: PivotWindow; children: ReactNode }) {
  return <PivotWindowContext.Provider value={window}>{children}</PivotWindowContext.Provider>;
}

const TITLES: Record<Pivot["kind"], string> = {
  attribute: "Traces with a span carrying this attribute value, around this trace",
  span: "Traces with a span of this service and name, around this trace",
  exception: "Traces with this exception type, around this trace",
  log: "Traces with log lines like this one (numbers, IDs, hex and UUIDs ignored), around this trace",
};

/** "traces with this": /traces with the pivot's filter and the window. */
export function PivotLink({ pivot, label = "traces with this" }: { pivot: Pivot; label?: string }) {
  const window = useContext(PivotWindowContext);
  if (!window) return null;
  return (
    <Link
      href={pivotHref(pivot, window)}
      data-testid="pivot-link"
      data-pivot={pivot.kind}
      title={TITLES[pivot.kind]}
      onClick={(e) => e.stopPropagation()}
      className="ml-1.5 whitespace-nowrap font-sans text-[10px] font-normal text-blue-700 hover:underline dark:text-blue-400"
    >
      ⌕ {label}
    </Link>
  );
}

/** The pivot of one attribute, when its value can be a filter. */
export function AttributePivot({ name, value }: { name: string; value: AttributeValue | undefined }) {
  const text = attributeFilterValue(name, value);
  return text === null ? null : <PivotLink pivot={{ kind: "attribute", key: name, value: text }} />;
}

/** "lines like this": traces whose logs have a line of the same pattern. */
export function LogPatternPivot({ message }: { message: string }) {
  const pattern = logPattern(message);
  if (pattern === "" || pattern.length > 2000) return null;
  return <PivotLink pivot={{ kind: "log", message: pattern }} label="lines like this" />;
}
