/**
 * The bounds the scenarios hold the app to, from its own settings (lib/sources/aws/aws-clients.ts
 * DEFAULT_CLIENT_SETTINGS: the SDK's maxAttempts; the request timeout the suite starts it with).
 */
import { DEFAULT_CLIENT_SETTINGS } from "../../../lib/sources/aws/aws-clients";

/** Attempts the SDK makes for one logical call. */
export const MAX_ATTEMPTS_PER_CALL = DEFAULT_CLIENT_SETTINGS.maxAttempts ?? 3;

/** The per-attempt request timeout the suite gives the app (AWS_REQUEST_TIMEOUT_MS), short so that the slow scenario is quick. */
export const REQUEST_TIMEOUT_MS = 2_000;

/**
 * lib/sources/aws/aws-source.ts DEFAULT_TUNING.abandonAfterMs: a logs search nobody polled for
 * this long is stopped. (Not imported: aws-source.ts pulls in server-only configuration.)
 */
export const ABANDON_AFTER_MS = 15_000;
