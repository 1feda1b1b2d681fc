/**
 * The trace page's pivots (source.ts PivotFilters) as X-Ray filter expression parts:
 *
 * - exceptionType → `(rootcause.fault.exception.name = "T" OR rootcause.error.exception.name = "T")`.
 *   X-Ray indexes only the exceptions of a trace's root causes, so on aws this finds the traces
 *   whose root cause is that exception, where the local source finds every trace in which any
 *   span recorded it.
 * - spanName and logPattern have no X-Ray equivalent (filter expressions see neither the names
 *   of inner spans nor log lines): a 400 that says so, rather than an unfiltered answer.
 */
import type { PivotFilters } from "../source";
import { FilterExpressionError } from "./filter-expression-error";

const UNSAFE = /["\\\u0000-\u001f\u007f]/;

export function pivotFilterParts(query: PivotFilters): string[] {
  if (query.spanName !== undefined) {
    throw new FilterExpressionError(
      "spanName: X-Ray filter expressions cannot select traces by the name of a span inside them; on the aws source filter by service, or by operation (the root request)",
    );
  }
  if (query.logPattern !== undefined) {
    throw new FilterExpressionError("logPattern: X-Ray cannot select traces by their log lines; searching traces by a log pattern needs the local source");
  }
  if (query.exceptionType === undefined) return [];
  if (UNSAFE.test(query.exceptionType)) {
    throw new FilterExpressionError("exception: X-Ray filters cannot contain double quotes, backslashes or control characters");
  }
  const t = `"${query.exceptionType}"`;
  return [`(rootcause.fault.exception.name = ${t} OR rootcause.error.exception.name = ${t})`];
}
