import { createHash, timingSafeEqual } from "node:crypto";

/**
 * Whether two secrets are equal, in time that depends on neither's content nor length: both are
 * hashed to 32 bytes first, so timingSafeEqual always compares equal-length buffers.
 */
export function secretsEqual(given: string, expected: string): boolean {
  const a = createHash("sha256").update(given, "utf8").digest();
  const b = createHash("sha256").update(expected, "utf8").digest();
  return timingSafeEqual(a, b);
}
