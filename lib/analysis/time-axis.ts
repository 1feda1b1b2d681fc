/**
 * The Gantt chart's time axis: tick marks at round offsets from the trace start, and the zoom
 * window. All values are milliseconds relative to the trace start (fractions for sub-millisecond).
 */

export interface Tick {
  value: number;
  /** "0 ms", "250 µs", "1.25 ms", "250 ms", "1.5 s", "2 min", "1 min 30 s", "1 h 15 min". */
  label: string;
}

/** A visible window of the trace, in trace-relative milliseconds, `from` < `to`. */
export interface ZoomRange {
  from: number;
  to: number;
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Round steps from one second up: seconds and minutes split like a clock face, not by tens. */
const CLOCK_STEPS = [
  SECOND,
  2 * SECOND,
  5 * SECOND,
  10 * SECOND,
  15 * SECOND,
  30 * SECOND,
  MINUTE,
  2 * MINUTE,
  5 * MINUTE,
  10 * MINUTE,
  15 * MINUTE,
  30 * MINUTE,
  HOUR,
  2 * HOUR,
  3 * HOUR,
  6 * HOUR,
  12 * HOUR,
  DAY,
];

/**
 * At most `maxTicks` ticks at multiples of a round step (1, 2, 2.5 or 5 × a power of ten up to
 * half a second; 1, 2, 5, 10, 15, 30 s / min and 1, 2, 3, 6, 12 h above), covering [fromMs, toMs].
 * At least one tick from maxTicks = 4 (a step is at most 2.5 × range / (maxTicks - 1)); empty when
 * the range is empty or not finite, or maxTicks < 1.
 */
export function niceTicks(fromMs: number, toMs: number, maxTicks: number): Tick[] {
  if (!Number.isFinite(fromMs) || !Number.isFinite(toMs) || !(toMs > fromMs) || !(maxTicks >= 1)) return [];
  const count = Math.floor(maxTicks);
  // n ticks span n - 1 steps; a step of at least range / (n - 1) keeps within n.
  const step = niceStep((toMs - fromMs) / Math.max(1, count - 1));
  // `|| 0`: ceil of a tiny negative is -0, which must not reach the caller as a tick value.
  const first = Math.ceil(fromMs / step.size - 1e-9) || 0;
  const last = Math.floor(toMs / step.size + 1e-9);
  const ticks: Tick[] = [];
  for (let i = first; i <= last && ticks.length < count; i++) {
    const value = step.at(i);
    ticks.push({ value, label: formatTick(value, step.size) });
  }
  return ticks;
}

interface Step {
  size: number;
  /** The i-th multiple, computed so that decimal steps give the nearest double (0.3, not 0.30000000000000004). */
  at(i: number): number;
}

function niceStep(minimum: number): Step {
  if (minimum <= 500) {
    const exponent = Math.floor(Math.log10(minimum));
    for (const mantissa of [1, 2, 2.5, 5, 10]) {
      const size = mantissa * 10 ** exponent;
      if (size >= minimum * (1 - 1e-12)) {
        const at = exponent < 0 ? (i: number) => (i * mantissa) / 10 ** -exponent : (i: number) => i * mantissa * 10 ** exponent;
        return { size, at };
      }
    }
  }
  const clock = CLOCK_STEPS.find((s) => s >= minimum);
  const size = clock ?? DAY * niceStep(minimum / DAY).size;
  return { size, at: (i) => i * size };
}

function formatTick(value: number, step: number): string {
  if (value === 0) return `0 ${unitName(step)}`;
  const sign = value < 0 ? "-" : "";
  const abs = Math.abs(value);
  if (abs < 1) return `${sign}${decimal(abs * 1000, step * 1000)} µs`;
  if (abs < SECOND) return `${sign}${decimal(abs, step)} ms`;
  if (abs < MINUTE) return `${sign}${decimal(abs / SECOND, step / SECOND)} s`;
  const hours = Math.floor(abs / HOUR);
  const minutes = Math.floor((abs % HOUR) / MINUTE);
  const rest = abs % MINUTE;
  const parts: string[] = [];
  if (hours > 0) parts.push(`${hours} h`);
  if (minutes > 0) parts.push(`${minutes} min`);
  if (rest > 0) parts.push(`${decimal(rest / SECOND, step / SECOND)} s`);
  return sign + parts.join(" ");
}

function unitName(step: number): string {
  if (step < 1) return "µs";
  if (step < SECOND) return "ms";
  if (step < MINUTE) return "s";
  if (step < HOUR) return "min";
  return "h";
}

/** `value` with as many decimals as `step` needs (trailing zeros dropped): 1.25 by 0.25, 1.5 by 0.5. */
function decimal(value: number, step: number): string {
  let digits = 0;
  for (let x = step; digits < 12 && Math.abs(Math.round(x) - x) > 1e-6 * x; x *= 10) digits++;
  const fixed = value.toFixed(digits);
  return digits === 0 ? fixed : fixed.replace(/\.?0+$/, "");
}
