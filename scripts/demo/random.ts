/**
 * A small seeded PRNG (mulberry32) so that one seed always produces the same incident:
 * the same traffic, the same durations, the same trace and span IDs.
 */
export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform in [min, max). */
  between(min: number, max: number): number;
  /** Integer in [min, max]. */
  int(min: number, max: number): number;
  chance(probability: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** `digits` lowercase hex digits. */
  hex(digits: number): string;
  /** A version-4 shaped UUID, the form of Lambda request IDs and AWS request IDs. */
  uuid(): string;
}

export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
  const hex = (digits: number): string => {
    let out = "";
    while (out.length < digits) out += int(0, 0xffff).toString(16).padStart(4, "0");
    return out.slice(0, digits);
  };
  return {
    next,
    between: (min, max) => min + next() * (max - min),
    int,
    chance: (probability) => next() < probability,
    pick: (items) => items[Math.floor(next() * items.length)],
    hex,
    uuid: () => {
      const h = hex(32);
      const variant = (8 + int(0, 3)).toString(16);
      return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20)}`;
    },
  };
}

/** An independent stream for one concern (IDs, resources, traffic), so that they do not shift each other. */
export function deriveSeed(seed: number, stream: string): number {
  let h = seed >>> 0;
  for (const ch of stream) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0;
  return h;
}
