/**
 * Trace IDs in every form an SRE pastes: X-Ray (`1-5f3a3e12-89b4a5c6d7e8f90123456789`),
 * W3C (32 hex digits, any case), the X-Ray header value (`Root=1-…;Parent=…;Sampled=1`, also
 * with its `X-Amzn-Trace-Id:` name) and the W3C `traceparent` value (`00-<trace>-<parent>-01`).
 * They are the same 128 bits; the canonical form inside Sightline is 32 lowercase hex digits.
 */

export interface ParsedTraceId {
  /** 32 lowercase hex digits. */
  hex: string;
  /** `1-xxxxxxxx-xxxxxxxxxxxxxxxxxxxxxxxx`. */
  xray: string;
  /** The first 32 bits read as the epoch second the trace started (meaningful for X-Ray-generated IDs). */
  epochSeconds: number;
  /** The parent segment ID when the input was a header value that carried one. */
  parentId: string | null;
  /** The sampling decision when the input was a header value that carried one. */
  sampled: boolean | null;
}

export type TraceIdResult = { ok: true; id: ParsedTraceId } | { ok: false; reason: string };

export const ACCEPTED_TRACE_ID_FORMS =
  "an X-Ray ID (1-5f3a3e12-89b4a5c6d7e8f90123456789), a W3C ID (32 hex digits), an X-Ray header (Root=1-…;Parent=…;Sampled=1) or a traceparent (00-<32 hex>-<16 hex>-01)";

const W3C = /^[0-9a-f]{32}$/;
const XRAY = /^1-([0-9a-f]{8})-([0-9a-f]{24})$/;
const SEGMENT_ID = /^[0-9a-f]{16}$/;
/** W3C trace context: version, trace ID, parent span ID, flags (version ff is forbidden). */
const TRACEPARENT = /^(?!ff)([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;
/** A pasted header line's name: `X-Amzn-Trace-Id: Root=…` or `traceparent: 00-…`. */
const HEADER_NAME = /^(?:x-amzn-trace-id|traceparent)\s*:\s*/i;
const MAX_INPUT = 256;

function fromHex(hex: string, parentId: string | null, sampled: boolean | null): TraceIdResult {
  if (/^0+$/.test(hex)) return { ok: false, reason: "the all-zero trace ID is invalid" };
  return {
    ok: true,
    id: {
      hex,
      xray: `1-${hex.slice(0, 8)}-${hex.slice(8)}`,
      epochSeconds: parseInt(hex.slice(0, 8), 16),
      parentId,
      sampled,
    },
  };
}

function parseBare(value: string, parentId: string | null, sampled: boolean | null): TraceIdResult {
  const lower = value.toLowerCase();
  if (W3C.test(lower)) return fromHex(lower, parentId, sampled);
  const x = XRAY.exec(lower);
  if (x) return fromHex(x[1] + x[2], parentId, sampled);
  if (/^1-/.test(lower)) {
    return { ok: false, reason: "an X-Ray ID is 1-, 8 hex digits, a dash and 24 hex digits" };
  }
  if (/^[0-9a-f]+$/.test(lower)) {
    return { ok: false, reason: `a W3C ID has 32 hex digits, this has ${lower.length}` };
  }
  // The caller names the accepted forms (ACCEPTED_TRACE_ID_FORMS); the reason does not repeat them.
  return { ok: false, reason: "it is none of the accepted forms" };
}

function parseTraceparent(value: string): TraceIdResult | null {
  const m = TRACEPARENT.exec(value.toLowerCase());
  if (!m) return null;
  if (/^0+$/.test(m[3])) return { ok: false, reason: "the traceparent's parent ID is all zeros" };
  return fromHex(m[2], m[3], (parseInt(m[4], 16) & 1) === 1);
}

function parseHeader(value: string): TraceIdResult {
  let root: string | null = null;
  let parent: string | null = null;
  let sampled: boolean | null = null;
  for (const part of value.split(";")) {
    const eq = part.indexOf("=");
    if (eq < 0) return { ok: false, reason: `header part "${part.trim().slice(0, 40)}" has no "="` };
    const key = part.slice(0, eq).trim().toLowerCase();
    const val = part.slice(eq + 1).trim();
    if (key === "root") root = val;
    else if (key === "parent") {
      if (!SEGMENT_ID.test(val.toLowerCase())) return { ok: false, reason: "Parent must be 16 hex digits" };
      parent = val.toLowerCase();
    } else if (key === "sampled") {
      if (val === "1") sampled = true;
      else if (val === "0") sampled = false;
      else if (val !== "?" && val !== "") return { ok: false, reason: "Sampled must be 0, 1 or ?" };
    }
    // Other keys (Lineage, Self, custom data) are legal in the header and ignored.
  }
  if (root === null) return { ok: false, reason: "the header has no Root=" };
  const r = parseBare(root, parent, sampled);
  if (!r.ok) return { ok: false, reason: `Root: ${r.reason}` };
  return r;
}

/** Parse any accepted form. Never throws; the failure reason names what was wrong. */
export function parseTraceId(input: string): TraceIdResult {
  if (typeof input !== "string") return { ok: false, reason: "the trace ID must be a string" };
  const value = input.trim();
  if (value.length === 0) return { ok: false, reason: "the trace ID is empty" };
  if (value.length > MAX_INPUT) return { ok: false, reason: `the trace ID is longer than ${MAX_INPUT} characters` };
  const bare = value.replace(HEADER_NAME, "");
  if (/root\s*=/i.test(bare)) return parseHeader(bare);
  return parseTraceparent(bare) ?? parseBare(bare, null, null);
}

/** The canonical 32-hex form, or null when the input is not a trace ID. */
export function toW3C(input: string): string | null {
  const r = parseTraceId(input);
  return r.ok ? r.id.hex : null;
}

/** The X-Ray form, or null when the input is not a trace ID. */
export function toXRay(input: string): string | null {
  const r = parseTraceId(input);
  return r.ok ? r.id.xray : null;
}

/** 16 hex digits, lowercase: the span / segment ID form. */
export function isSpanId(value: string): boolean {
  // SEGMENT_ID and not all zeros, in one pass: called once per span of every trace read.
  if (value.length !== 16) return false;
  let nonZero = false;
  for (let i = 0; i < 16; i++) {
    const c = value.charCodeAt(i);
    if (c > 0x30 && c <= 0x39) nonZero = true;
    else if (c >= 0x61 && c <= 0x66) nonZero = true;
    else if (c !== 0x30) return false;
  }
  return nonZero;
}

const XRAY_IN_TEXT = /\b1-[0-9a-fA-F]{8}-[0-9a-fA-F]{24}\b/;
const TRACEPARENT_IN_TEXT = /\b[0-9a-fA-F]{2}-([0-9a-fA-F]{32})-[0-9a-fA-F]{16}-[0-9a-fA-F]{2}\b/;

/** Pull the first trace ID out of free text (a log line, a REPORT line): an X-Ray ID or a traceparent's. */
export function findTraceIdInText(text: string): string | null {
  const xray = XRAY_IN_TEXT.exec(text);
  const traceparent = TRACEPARENT_IN_TEXT.exec(text);
  if (traceparent && (!xray || traceparent.index < xray.index)) {
    const parsed = parseTraceparent(traceparent[0]);
    if (parsed?.ok) return parsed.id.hex;
  }
  return xray ? toW3C(xray[0]) : null;
}
