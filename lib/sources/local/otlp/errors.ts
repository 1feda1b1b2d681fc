/**
 * The one error the decoder throws for bad input. Its message names where the problem is
 * (`resourceSpans[0].scopeSpans[0].spans[3].traceId: must be 16 bytes …`), so the route can
 * hand it back to the exporter as the reason for the 400.
 */
export class OtlpDecodeError extends Error {
  /** Where in the request: a dotted path with array indexes, or the request message's name. */
  readonly path: string;
  /** What was wrong there. */
  readonly reason: string;

  constructor(path: string, reason: string) {
    super(path ? `${path}: ${reason}` : reason);
    this.name = "OtlpDecodeError";
    this.path = path;
    this.reason = reason;
  }
}

function joinPath(outer: string, inner: string): string {
  if (inner === "") return outer;
  return inner.startsWith("[") ? outer + inner : `${outer}.${inner}`;
}

/**
 * Re-throw an error raised while reading `segment` (a field name or `spans[3]`) with the
 * segment prepended to its path. Paths are built only on the error path, never per field.
 */
export function rethrowIn(err: unknown, segment: string): never {
  if (err instanceof OtlpDecodeError) throw new OtlpDecodeError(joinPath(segment, err.path), err.reason);
  throw err;
}

/** `read()`, with errors placed inside `field`. */
export function within<R>(field: string, read: () => R): R {
  try {
    return read();
  } catch (err) {
    return rethrowIn(err, field);
  }
}

/** Visit each item of the list `field`, with errors placed at `field[i]`. */
export function forEachIn<T>(items: readonly T[], field: string, visit: (item: T) => void): void {
  for (let i = 0; i < items.length; i++) {
    try {
      visit(items[i]);
    } catch (err) {
      rethrowIn(err, `${field}[${i}]`);
    }
  }
}

/** Map each item of the list `field`, with errors placed at `field[i]`. */
export function mapIn<T, R>(items: readonly T[], field: string, read: (item: T) => R): R[] {
  const out: R[] = new Array(items.length);
  for (let i = 0; i < items.length; i++) {
    try {
      out[i] = read(items[i]);
    } catch (err) {
      rethrowIn(err, `${field}[${i}]`);
    }
  }
  return out;
}
