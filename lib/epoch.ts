/**
 * The range of times a JavaScript Date can hold: ±8.64e15 ms (±100,000,000 days around 1970).
 * A time past it parses as a number but breaks every Date method (toISOString throws, the AWS
 * SDK cannot serialise it), so the parsers of user-given times reject it.
 */
export const MAX_EPOCH_MS = 8.64e15;

export function isRepresentableEpochMs(ms: number): boolean {
  return Number.isFinite(ms) && Math.abs(ms) <= MAX_EPOCH_MS;
}
