/**
 * X-Ray times are epoch seconds as floats with microsecond precision. Sightline's are epoch
 * milliseconds; rounding to the microsecond keeps sub-millisecond spans and drops the binary
 * noise of the float product (1.568835610432E9 s → exactly 1568835610432 ms).
 */
export function secondsToMs(seconds: number): number {
  return Math.round(seconds * 1e6) / 1e3;
}

/**
 * Whether a time in epoch seconds, as JSON.parse read it, is one that six decimals write exactly (the
 * double nearest to a whole number of microseconds). A time that is can be used as it is: its text
 * was within one unit of the last place (0.24 µs for epoch seconds of this century, 0.48 µs to 2106)
 * of that microsecond, so rounding the text would have given the same. A time that is not had more
 * than six decimals: its document is read again through `withExactTimes`.
 */
export function onMicrosecond(seconds: number): boolean {
  return Math.round(seconds * 1e6) / 1e6 === seconds;
}

/** A difference of two millisecond times, rounded to the microsecond. */
export function durationMs(startMs: number, endMs: number): number {
  return Math.round((endMs - startMs) * 1e3) / 1e3;
}

const DECIMAL = /^(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/;

/**
 * A time written with more than six decimals (the Go and .NET SDKs write seven) rounded to the
 * microsecond on its decimal digits, half up, as six-decimal text; null when the text needs no
 * rounding (six decimals or fewer are exact through `secondsToMs`) or is not a plain positive number.
 * A double holds a time of this century only to about 0.24 µs, so rounding after parsing can be 1 µs off.
 */
export function roundedSecondsText(text: string): string | null {
  const match = DECIMAL.exec(text);
  if (!match) return null;
  const [, whole, fraction = "", exponent = "0"] = match;
  const shift = Number(exponent);
  if (!Number.isSafeInteger(shift) || Math.abs(shift) > 30) return null;
  let digits = whole + fraction;
  let point = whole.length + shift;
  if (point < 0) {
    digits = "0".repeat(-point) + digits;
    point = 0;
  }
  if (point > digits.length) digits += "0".repeat(point - digits.length);
  const decimals = digits.slice(point);
  if (decimals.length <= 6) return null;
  const micros = Number((digits.slice(0, point) || "0") + decimals.slice(0, 6)) + (decimals[6] >= "5" ? 1 : 0);
  if (!Number.isSafeInteger(micros)) return null;
  return `${Math.floor(micros / 1e6)}.${String(micros % 1e6).padStart(6, "0")}`;
}

/**
 * A segment document's JSON text with its `start_time` and `end_time` numbers rounded to the
 * microsecond on their decimal text (roundedSecondsText), before JSON.parse turns them into doubles.
 * A key is matched only where its opening quote is not escaped, so text inside a string is never touched.
 * Only numbers that may need rounding match (seven or more decimals, or an exponent): the six
 * decimals that most SDKs write cost no callback.
 */
const TIME_FIELD = /(?<!\\)((?:\\\\)*"(?:start_time|end_time)"\s*:\s*)(\d+\.\d{7,}(?:[eE][+-]?\d+)?|\d+(?:\.\d+)?[eE][+-]?\d+)(?![\d.eE])/g;

/**
 * Whether TIME_FIELD may match: a quick test that starts from a plain literal (`_time"`), where
 * TIME_FIELD's look-behind is tried at every character. Looser than TIME_FIELD (any key ending in
 * `_time`, escaped or not); most documents fail it and are returned as they are.
 */
const MAY_NEED_ROUNDING = /_time"\s*:\s*\d+(?:\.\d{7}|(?:\.\d+)?[eE])/;

export function withExactTimes(json: string): string {
  if (!MAY_NEED_ROUNDING.test(json)) return json;
  return json.replace(TIME_FIELD, (all, key: string, number: string) => {
    const rounded = roundedSecondsText(number);
    return rounded === null ? all : key + rounded;
  });
}
