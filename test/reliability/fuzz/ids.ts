/**
 * Trace, span and snapshot IDs: malformed or oversized ones (each must be a 4xx), and valid but odd
 * forms of a trace ID (uppercase W3C, X-Ray, the X-Ray header) that must reach the same canonical ID.
 */
import { hostileText } from "./hostile-text";
import { hex, type Rng } from "./prng";

const xrayOf = (h: string) => `1-${h.slice(0, 8)}-${h.slice(8)}`;

/** A random 32-hex trace ID whose first 8 digits are a plausible recent epoch second (X-Ray style). */
export function randomTraceHex(rng: Rng, nowSec = Math.floor(Date.now() / 1000)): string {
  const epoch = (nowSec - rng.int(0, 3_600)).toString(16).padStart(8, "0");
  return epoch + hex(rng, 24).replace(/^0{24}$/, "1".repeat(24));
}

/** A value that no accepted trace-ID form matches. */
export function malformedTraceId(rng: Rng): string {
  const h = randomTraceHex(rng);
  const cases: (() => string)[] = [
    () => h.slice(0, rng.int(1, 31)),
    () => h + hex(rng, rng.int(1, 40)),
    () => hex(rng, rng.int(257, 600)),
    () => h.slice(0, 31) + rng.pick(["g", "z", "-", "_", " ", "\u0000", "é"]),
    () => "0".repeat(32),
    () => xrayOf("0".repeat(32)),
    () => `2-${h.slice(0, 8)}-${h.slice(8)}`,
    () => `1-${h.slice(0, 7)}-${h.slice(7)}`,
    () => `1-${h.slice(0, 8)}${h.slice(8)}`,
    () => `${xrayOf(h)}${rng.pick(['"', "|", "\\", "\n", "`", "/", "*", "%", "'"])}${rng.pick(["| stats count(*)", " or 1=1", "x", "/"])}`,
    () => `Root=${xrayOf(h)};Parent=${hex(rng, rng.pick([15, 17, 3]))};Sampled=1`,
    () => `Root=${xrayOf(h)};Parent=${hex(rng, 16)};Sampled=${rng.pick(["2", "yes", "-1", '"'])}`,
    () => `Parent=${hex(rng, 16)};Sampled=1`,
    () => `Root=${xrayOf(h)};Parent`,
    () => `Root=;Sampled=1`,
    () => `Root=${hostileText(rng)}`,
    () => hostileText(rng),
    () => " ".repeat(rng.int(1, 3)),
    () => xrayOf(h).toUpperCase().replace(/^1-/, "1-").replace(/-/g, "_"),
  ];
  return rng.pick(cases)();
}

export interface OddTraceId {
  /** What the caller sends. */
  raw: string;
  /** The canonical 32 lowercase hex digits it stands for. */
  hex: string;
}

/** A valid trace ID in an unusual but accepted form. */
export function oddValidTraceId(rng: Rng, h = randomTraceHex(rng)): OddTraceId {
  const parent = hex(rng, 16).replace(/^0{16}$/, "1".repeat(16));
  const forms: (() => string)[] = [
    () => h.toUpperCase(),
    () => [...h].map((c) => (rng.chance(0.5) ? c.toUpperCase() : c)).join(""),
    () => xrayOf(h).toUpperCase(),
    () => xrayOf(h),
    () => `Root=${xrayOf(h)};Parent=${parent};Sampled=1`,
    () => `Root=${xrayOf(h)};Parent=${parent.toUpperCase()};Sampled=0`,
    () => `root=${xrayOf(h)}`,
    () => ` Root=${xrayOf(h)}; Parent=${parent}; Sampled=?; Lineage=a87bd80c:1|68fd508a:5 `,
    () => `Self=1-${hex(rng, 8)}-${hex(rng, 24)};Root=${xrayOf(h)};Sampled=1`,
    () => ` ${h} `,
  ];
  return { raw: rng.pick(forms)(), hex: h };
}

/** A span (segment) ID that is not 16 lowercase hex digits. */
export function malformedSpanId(rng: Rng): string {
  return rng.pick([hex(rng, 15), hex(rng, 17), "0".repeat(16), hex(rng, 15) + "g", hostileText(rng), ""]);
}

/** A snapshot ID that is not 32 lowercase hex digits (uppercase hex is not one either). */
export function malformedSnapshotId(rng: Rng): string {
  const h = hex(rng, 32);
  return rng.pick([h.toUpperCase().replace(/^[0-9]/, "A"), h.slice(0, rng.int(1, 31)), h + "0", hex(rng, 300), `${h.slice(0, 31)}g`, hostileText(rng)]);
}

/** A well-formed snapshot ID that names nothing (128 random bits: never issued). */
export function unknownSnapshotId(rng: Rng): string {
  return hex(rng, 32);
}
