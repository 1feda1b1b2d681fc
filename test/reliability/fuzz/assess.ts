/**
 * Judges one answer against its request: no 5xx, no hang, the status the input deserves, and a
 * 4xx body that says in words what was wrong (a JSON error, an OTLP google.rpc.Status, or a page).
 */
import type { FuzzRequest } from "./request";

export interface Answer {
  status: number;
  contentType: string;
  body: Uint8Array;
  ms: number;
  /** Not answered (headers and body) within the deadline. */
  timedOut: boolean;
  /** A transport failure (connection reset, refused). */
  error?: string;
  /** Names of the answer's Access-Control-Allow-* headers: CORS stays closed, so always none. */
  corsHeaders?: readonly string[];
}

export interface ErrorMessage {
  code: string;
  message: string;
}

const text = (b: Uint8Array) => new TextDecoder().decode(b);

/** google.rpc.Status { int32 code = 1; string message = 2; } from protobuf bytes; null when it is not one. */
export function decodeRpcStatus(bytes: Uint8Array): ErrorMessage | null {
  let i = 0;
  const varint = (): number => {
    let result = 0;
    let shift = 0;
    for (;;) {
      if (i >= bytes.length || shift > 49) throw new RangeError("truncated varint");
      const b = bytes[i++];
      result += (b & 0x7f) * 2 ** shift;
      if (b < 0x80) return result;
      shift += 7;
    }
  };
  let code: number | null = null;
  let message = "";
  try {
    while (i < bytes.length) {
      const tag = varint();
      const field = Math.floor(tag / 8);
      const wire = tag & 7;
      if (wire === 0) {
        const v = varint();
        if (field === 1) code = v;
      } else if (wire === 2) {
        const len = varint();
        if (i + len > bytes.length) return null;
        if (field === 2) message = text(bytes.subarray(i, i + len));
        i += len;
      } else return null;
    }
  } catch {
    return null;
  }
  return code === null ? null : { code: String(code), message };
}

/** `{ error: { code, message } }` (the API's errors, and the OTLP JSON failures, which carry it too). */
export function jsonError(body: Uint8Array): ErrorMessage | null {
  try {
    const doc = JSON.parse(text(body)) as { error?: { code?: unknown; message?: unknown } };
    const e = doc?.error;
    if (e && typeof e.code === "string" && typeof e.message === "string") return { code: e.code, message: e.message };
  } catch {
    // not JSON
  }
  return null;
}

/**
 * Whether the message names what was wrong: an `invalid_<subject>` code's message must mention the
 * subject (`invalid_trace_id` → "trace ID", `invalid_maxDurationMs` → "maxDurationMs").
 */
export function messageNamesSubject(code: string, message: string): boolean {
  const m = /^invalid_(.+)$/.exec(code);
  if (!m) return true;
  const subject = m[1].toLowerCase();
  const lower = message.toLowerCase();
  // OTLP failures name the message or the field that did not decode (ExportTraceServiceRequest: …, resourceSpans[0]…: …).
  if (subject === "otlp" && /^(export(trace|logs)servicerequest|resource(spans|logs))\b/.test(lower)) return true;
  return lower.includes(subject) || lower.includes(subject.replace(/_/g, " ")) || lower.includes(subject.replace(/_/g, ""));
}

const MIN_MESSAGE = 10;
/** Node's default --max-http-header-size. */
const HEADER_LIMIT_BYTES = 16 * 1024;

/** Why a 4xx body is not a good error answer, or null. */
export function errorBodyProblem(req: FuzzRequest, answer: Answer): string | null {
  if (req.answer === "page") {
    const html = text(answer.body);
    if (/<h1[^>]*>[^<]{3,}/.test(html)) return null;
    // A page's notFound() is not server-rendered by Next.js 16 (vercel/next.js#62228): the 404 page
    // is Next's error shell, and its heading is in the flight payload the browser renders at once.
    if (answer.status === 404 && /id="__next_error__"/.test(html) && /\\"h1\\",null,\{[^}]*\\"children\\":\\"[^\\"]{3,}/.test(html)) return null;
    return "a 4xx page without a visible heading";
  }
  const isProtobuf = answer.contentType.includes("protobuf");
  const parsed = req.answer === "otlp" && isProtobuf ? decodeRpcStatus(answer.body) : jsonError(answer.body);
  if (!parsed) {
    return `a 4xx whose body is not ${req.answer === "otlp" && isProtobuf ? "a google.rpc.Status" : "a JSON error"} (${answer.contentType || "no content type"}: ${JSON.stringify(text(answer.body).slice(0, 80))})`;
  }
  if (parsed.message.trim().length < MIN_MESSAGE) return `a 4xx with an empty or terse message: ${JSON.stringify(parsed.message)}`;
  if (!isProtobuf && !messageNamesSubject(parsed.code, parsed.message))
    return `the message of ${parsed.code} does not name it: ${JSON.stringify(parsed.message.slice(0, 120))}`;
  return null;
}

export interface Verdict {
  problems: string[];
  /** A reject-expected request answered as it should be. */
  rejectedCorrectly: boolean;
}

export function assessAnswer(req: FuzzRequest, answer: Answer): Verdict {
  const problems: string[] = [];
  if (answer.timedOut) return { problems: [`no answer within the deadline (${Math.round(answer.ms)} ms)`], rejectedCorrectly: false };
  if (answer.error) return { problems: [`transport failure: ${answer.error}`], rejectedCorrectly: false };
  const s = answer.status;
  if (s >= 500) problems.push(`${s}: ${JSON.stringify(text(answer.body).slice(0, 160))}`);
  const is4xx = s >= 400 && s < 500;
  if (answer.corsHeaders?.length) problems.push(`CORS permission on an answer: ${answer.corsHeaders.join(", ")}`);
  if (req.expectStatus && !req.expectStatus.includes(s))
    problems.push(`expected ${req.expectStatus.join(" or ")}, got ${s}: ${JSON.stringify(text(answer.body).slice(0, 160))}`);
  // Node's HTTP parser refuses a request line and headers past 16 KiB before any app code runs.
  const headerLimit = s === 431 && req.path.length > HEADER_LIMIT_BYTES / 2;
  if (is4xx && !headerLimit) {
    const p = errorBodyProblem(req, answer);
    if (p) problems.push(p);
  }
  const html = req.answer === "page" ? text(answer.body) : "";
  const showsError = req.errorTestId !== undefined && html.includes(`data-testid="${req.errorTestId}"`);
  if (req.expect === "reject") {
    if (req.answer === "page") {
      if (!(is4xx || (s === 200 && showsError))) problems.push(`expected the ${req.errorTestId ?? "error"} panel, got ${s}${s === 200 ? " without it" : ""}`);
    } else if (!is4xx) problems.push(`expected a 4xx, got ${s}`);
  } else if (req.expect === "accept" && !headerLimit) {
    const ok = (s >= 200 && s < 300) || s === 404 || (req.answer === "page" && s >= 300 && s < 400);
    if (!ok) problems.push(`expected 2xx or 404, got ${s}: ${JSON.stringify(text(answer.body).slice(0, 160))}`);
  }
  return { problems, rejectedCorrectly: req.expect === "reject" && problems.length === 0 };
}
