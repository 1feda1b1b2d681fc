const BRAND = Symbol.for("sightline.ApiError");

/**
 * An error the caller caused (4xx) or an upstream outage (5xx), with a stable machine code.
 * Recognise it with `ApiError.is`, not `instanceof`: Next.js bundles each route (and the
 * start-up code that creates the shared source) separately, each with its own copy of this class.
 */
export class ApiError extends Error {
  readonly [BRAND] = true;

  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "ApiError";
  }

  static is(err: unknown): err is ApiError {
    return typeof err === "object" && err !== null && (err as Record<symbol, unknown>)[BRAND] === true;
  }
}

export interface ErrorBody {
  error: { code: string; message: string };
}

export function errorBody(code: string, message: string): ErrorBody {
  return { error: { code, message } };
}
