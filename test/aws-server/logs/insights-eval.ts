/**
 * Evaluating filters on one record, and the sort order.
 *
 * - A comparison with a field the record lacks is false (`not` of it is true).
 * - `toMillis(@timestamp)` (and `@ingestionTime`) is the time as epoch milliseconds, a number
 *   (https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/CWL_QuerySyntax-operations-functions.html,
 *   "Datetime functions").
 * - `=` / `!=` / `<` … compare as numbers when both sides are numbers (or numeric strings), else
 *   as strings; `in` is `=` against any element (complete-string match, as documented).
 * - `like "text"` is a case-sensitive substring match, `like /re/` and `=~ /re/` a regex search.
 * - sort uses CloudWatch's documented "natural" order: ascending puts non-number values before
 *   number values; non-numbers compare chunk by chunk (digit runs by length, then value; other
 *   runs by Unicode order). Records without the field come last either way.
 */
import type { Expr, Literal, Operand, SortKey } from "./insights-ast";
import type { FieldValue, LogRecord } from "./record-fields";

type Value = FieldValue | undefined;

function valueOf(operand: Operand, record: LogRecord): Value {
  switch (operand.kind) {
    case "literal":
      return operand.value;
    case "field":
      return record.get(operand.name);
    case "toMillis": {
      // Time fields are kept as epoch ms; what is shown ("YYYY-MM-DD HH:MM:SS.mmm") is formatting only.
      const value = record.get(operand.field);
      return typeof value === "number" ? value : undefined;
    }
  }
}

const NUMERIC = /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/;

function asNumber(v: FieldValue | Literal): number | null {
  if (typeof v === "number") return v;
  if (typeof v === "string" && NUMERIC.test(v.trim())) return Number(v);
  return null;
}

function compareValues(a: FieldValue, b: FieldValue): number {
  const na = asNumber(a);
  const nb = asNumber(b);
  if (na !== null && nb !== null) return na === nb ? 0 : na < nb ? -1 : 1;
  const sa = String(a);
  const sb = String(b);
  return sa === sb ? 0 : sa < sb ? -1 : 1;
}

export function evaluate(expr: Expr, record: LogRecord): boolean {
  switch (expr.kind) {
    case "and":
      return evaluate(expr.left, record) && evaluate(expr.right, record);
    case "or":
      return evaluate(expr.left, record) || evaluate(expr.right, record);
    case "not":
      return !evaluate(expr.inner, record);
    case "ispresent":
      return record.has(expr.field);
    case "compare": {
      const a = valueOf(expr.left, record);
      const b = valueOf(expr.right, record);
      if (a === undefined || b === undefined) return false;
      const c = compareValues(a, b);
      switch (expr.op) {
        case "=":
          return c === 0;
        case "!=":
          return c !== 0;
        case "<":
          return c < 0;
        case "<=":
          return c <= 0;
        case ">":
          return c > 0;
        case ">=":
          return c >= 0;
      }
      return false;
    }
    case "in": {
      const v = valueOf(expr.operand, record);
      if (v === undefined) return false;
      const found = expr.values.some((lit) => compareValues(v, lit) === 0);
      return expr.negated ? !found : found;
    }
    case "like": {
      const v = valueOf(expr.operand, record);
      if (v === undefined) return false;
      const text = String(v);
      const found = expr.pattern.kind === "regex" ? expr.pattern.regex.test(text) : text.includes(expr.pattern.text);
      return expr.negated ? !found : found;
    }
  }
}

function chunks(s: string): string[] {
  return s.match(/\d+|\D+/g) ?? [];
}

/** CloudWatch's ascending natural order for two present values. */
function naturalCompare(a: FieldValue, b: FieldValue): number {
  const na = asNumber(a);
  const nb = asNumber(b);
  if (na !== null && nb !== null) return na === nb ? 0 : na < nb ? -1 : 1;
  if (na !== null) return 1;
  if (nb !== null) return -1;
  const ca = chunks(String(a));
  const cb = chunks(String(b));
  for (let i = 0; i < Math.min(ca.length, cb.length); i += 1) {
    const x = ca[i];
    const y = cb[i];
    if (x === y) continue;
    const dx = /^\d/.test(x);
    const dy = /^\d/.test(y);
    if (dx && dy) {
      if (x.length !== y.length) return x.length - y.length;
      return x < y ? -1 : 1;
    }
    return x < y ? -1 : 1;
  }
  return ca.length - cb.length;
}

export function sortRecords(records: LogRecord[], keys: readonly SortKey[]): LogRecord[] {
  return records
    .map((record, index) => ({ record, index }))
    .sort((p, q) => {
      for (const key of keys) {
        const a = p.record.get(key.field);
        const b = q.record.get(key.field);
        if (a === undefined && b === undefined) continue;
        if (a === undefined) return 1;
        if (b === undefined) return -1;
        const c = naturalCompare(a, b);
        if (c !== 0) return key.descending ? -c : c;
      }
      return p.index - q.index;
    })
    .map((p) => p.record);
}
