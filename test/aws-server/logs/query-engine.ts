/**
 * Runs a parsed Logs Insights query over log events, command after command, and returns
 * GetQueryResults rows ([{field, value}], with @ptr last) and statistics.
 *
 * - `fields` / `display` choose the columns (display wins); without either, every field of the
 *   record is returned. A row lists only the fields the record has.
 * - Without a sort command, records come newest first.
 * - Without a limit command, the StartQuery `limit` applies, else 10,000.
 * - recordsScanned / bytesScanned count every event of the queried groups inside the time range
 *   (bytes = the messages' UTF-8 size); recordsMatched counts the records every filter accepted.
 * - `filterIndex f in [...]`: only the events of groups indexed on `f` (isIndexed) whose `f` has
 *   one of the values are read at all, and only they count as scanned: the index, not a scan,
 *   found them (https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/CWL_QuerySyntax-FilterIndex.html).
 */
import type { Query } from "./insights-ast";
import { evaluate, sortRecords } from "./insights-eval";
import type { StoredEvent } from "./log-store";
import { type LogRecord, formatValue, pointerOf, recordOf } from "./record-fields";

export interface ResultField {
  field: string;
  value: string;
}

export interface QueryStatistics {
  recordsMatched: number;
  recordsScanned: number;
  bytesScanned: number;
}

export interface QueryOutcome {
  rows: ResultField[][];
  statistics: QueryStatistics;
}

const DEFAULT_QUERY_LIMIT = 10_000;

const PTR = "@ptr";

/** Whether a group has a field index on a field (the default indexes: `traceId` in STANDARD groups). */
export type IndexedField = (event: StoredEvent, field: string) => boolean;

export function runQuery(query: Query, selected: readonly StoredEvent[], limitParam: number | undefined, isIndexed: IndexedField = () => false): QueryOutcome {
  const commands = query.commands;
  const index = commands.find((c) => c.kind === "filterIndex");
  let events = selected;
  let records: LogRecord[] = events.map((event) => {
    const record = recordOf(event);
    record.set(PTR, pointerOf(event));
    return record;
  });
  if (index) {
    const matches = { kind: "in", operand: { kind: "field", name: index.field }, values: index.values, negated: false } as const;
    const kept = records.map((r, i) => isIndexed(events[i], index.field) && evaluate(matches, r));
    events = events.filter((_, i) => kept[i]);
    records = records.filter((_, i) => kept[i]);
  }
  if (!commands.some((c) => c.kind === "sort")) records = sortRecords(records, [{ field: "@timestamp", descending: true }]);

  const filters = commands.flatMap((c) => (c.kind === "filter" ? [c.expr] : []));
  const recordsMatched = records.filter((r) => filters.every((f) => evaluate(f, r))).length;

  let projection: string[] | null = null;
  let display: string[] | null = null;
  let limited = false;
  for (const command of commands) {
    switch (command.kind) {
      case "filter":
        records = records.filter((r) => evaluate(command.expr, r));
        break;
      case "fields":
        projection = [...new Set([...(projection ?? []), ...command.fields])];
        break;
      case "display":
        display = [...new Set(command.fields)];
        break;
      case "sort":
        records = sortRecords(records, command.keys);
        break;
      case "limit":
        records = records.slice(0, command.count);
        limited = true;
        break;
      case "source":
      case "filterIndex":
        break;
    }
  }
  if (!limited) records = records.slice(0, limitParam ?? DEFAULT_QUERY_LIMIT);

  const columns = display ?? projection;
  const rows = records.map((record) => {
    const names = (columns ?? [...record.keys()]).filter((name) => name !== PTR);
    const row: ResultField[] = [];
    for (const name of names) {
      const value = record.get(name);
      if (value !== undefined) row.push({ field: name, value: formatValue(name, value) });
    }
    row.push({ field: PTR, value: String(record.get(PTR)) });
    return row;
  });

  return {
    rows,
    statistics: {
      recordsMatched,
      recordsScanned: events.length,
      bytesScanned: events.reduce((sum, e) => sum + Buffer.byteLength(e.message), 0),
    },
  };
}
