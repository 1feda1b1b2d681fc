/**
 * The bounds the scenarios hold the app to, from its own settings (lib/sources/aws/aws-clients.ts
 * DEFAULT_CLIENT_SETTINGS: the SDK's maxAttempts; the request timeout the suite starts it with).
 */
import { DEFAULT_CLIENT_SETTINGS } from "../../../lib/sources/aws/aws-clients";

/** Attempts the SDK makes for one call. */
const SDK_MAX_ATTEMPTS = DEFAULT_CLIENT_SETTINGS.maxAttempts ?? 3;

/**
 * Tries the app makes of one logical call at most: the first, and 2 more for a transient failure
 * that outlived the SDK's retries (lib/sources/aws/throttle-retry.ts DEFAULT_THROTTLE_BACKOFF for
 * X-Ray reads, trace-logs-entry.ts TRANSIENT_RETRIES for StartQuery and GetQueryResults).
 */
const APP_TRIES_PER_CALL = 3;

/** Upstream attempts for one logical call at most. */
export const MAX_ATTEMPTS_PER_CALL = SDK_MAX_ATTEMPTS * APP_TRIES_PER_CALL;

/**
 * The per-attempt request timeout the suite gives the app (AWS_REQUEST_TIMEOUT_MS): short so that
 * the slow scenario is quick, yet the whole-call bound it implies (1.5 ×, 9 s) must hold the SDK's
 * throttling backoff: in standard mode a random delay up to 500 ms × 2^n after the n-th throttled
 * attempt, so up to 1 + 2 + 4 = 7 s over 4 attempts. (At 4 s, a 6 s bound, a trace list under 50 %
 * throttling sometimes ran out of time: a 504 where the default 30 s bound would have waited.)
 */
export const REQUEST_TIMEOUT_MS = 6_000;

/**
 * lib/sources/aws/aws-source.ts DEFAULT_TUNING.abandonAfterMs: a logs search nobody polled for
 * this long is stopped. (Not imported: aws-source.ts pulls in server-only configuration.)
 */
export const ABANDON_AFTER_MS = 15_000;
