/**
 * A full disk under DATA_DIR: SQLite answers SQLITE_FULL (for ENOSPC, and for a file at
 * max_page_count) and rolls the transaction back. The store turns that into a StoreFullError so
 * ingest can say so in words, rather than as an unexplained failure.
 */
const BRAND = Symbol.for("sightline.StoreFullError");

export class StoreFullError extends Error {
  readonly [BRAND] = true;

  constructor(
    readonly dataDir: string,
    options?: { cause?: unknown },
  ) {
    super(`the disk holding the store (${dataDir}) is full: the batch was not stored`, options);
    this.name = "StoreFullError";
  }

  /** By brand, not instanceof: Next.js bundles each route with its own copy of this class. */
  static is(err: unknown): err is StoreFullError {
    return typeof err === "object" && err !== null && (err as Record<symbol, unknown>)[BRAND] === true;
  }
}

/** True for SQLite's "database or disk is full" (better-sqlite3 puts the code on the error). */
export function isSqliteFull(err: unknown): boolean {
  return typeof err === "object" && err !== null && (err as { code?: unknown }).code === "SQLITE_FULL";
}

/** `write`, with SQLite's SQLITE_FULL thrown as a StoreFullError naming `dataDir`. */
export function guardDiskFull<A, R>(write: (arg: A) => R, dataDir: string): (arg: A) => R {
  return (arg) => {
    try {
      return write(arg);
    } catch (err) {
      throw isSqliteFull(err) ? new StoreFullError(dataDir, { cause: err }) : err;
    }
  };
}
