"use client";

import type { ReactNode } from "react";
import { fieldRows } from "@/lib/client/log-fields";
import type { LogEvent } from "@/lib/model";
import { AttributePivot, LogPatternPivot } from "@/components/pivot-link";

/**
 * An expanded log line: its full message, wrapped, then its span, log group (and its AWS account,
 * when `showAccount`: the lines come from more than one account) and structured fields.
 */
export function LogRowDetails({ event, spanId, showAccount = false }: { event: LogEvent; spanId: string | null; showAccount?: boolean }) {
  return (
    <div className="cursor-text space-y-2 pb-2 pl-7 pr-3 pt-1 text-xs">
      <pre className="whitespace-pre-wrap break-words font-mono text-slate-900 dark:text-slate-100">{event.message}</pre>
      <LogPatternPivot message={event.message} />
      <dl
        className={
          "grid grid-cols-[max-content_minmax(0,1fr)] gap-x-3 gap-y-0.5 rounded border px-2 py-1.5 font-mono " +
          "border-slate-200 bg-slate-50 dark:border-slate-800 dark:bg-slate-900"
        }
      >
        <Entry name="span" muted>
          {spanId ?? "none"}
        </Entry>
        {event.logGroup && (
          <Entry name="log group" muted>
            {event.logGroup}
          </Entry>
        )}
        {showAccount && event.account && (
          <Entry name="account" muted>
            <span data-testid="log-account">{event.account}</span>
          </Entry>
        )}
        {fieldRows(event.fields).map((f) => (
          <Entry key={f.key} name={f.key}>
            {f.block ? <pre className="whitespace-pre-wrap">{f.text}</pre> : f.text}
            {!f.block && <AttributePivot name={f.key} value={event.fields[f.key]} />}
          </Entry>
        ))}
      </dl>
    </div>
  );
}

function Entry({ name, muted = false, children }: { name: string; muted?: boolean; children: ReactNode }) {
  return (
    <>
      <dt className={muted ? "italic text-slate-400 dark:text-slate-500" : "text-slate-500 dark:text-slate-400"}>{name}</dt>
      <dd className="min-w-0 break-words text-slate-800 dark:text-slate-200">{children}</dd>
    </>
  );
}
