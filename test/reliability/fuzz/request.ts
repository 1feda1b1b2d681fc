/** One generated request and what a correct answer to it looks like. */
import type { Expectation } from "./otlp-bodies";

export type Mode = "local" | "aws";

/** How the answer's body is judged: a JSON API error, an OTLP google.rpc.Status, or an HTML page. */
type AnswerKind = "json" | "otlp" | "page";

export interface FuzzRequest {
  /** Route family for the figures, e.g. "GET /api/traces/{id}". */
  family: string;
  method: string;
  /** Path and query, already percent-encoded (sometimes deliberately badly). */
  path: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array | (() => ReadableStream<Uint8Array>);
  /** reject: a 4xx (pages: an error message); accept: 2xx, 3xx for pages, or 404; any: no 5xx. */
  expect: Expectation;
  answer: AnswerKind;
  /** What was generated, for failure details. */
  note: string;
  /** A valid-but-odd trace ID's canonical form: the only ID the app may send upstream for it. */
  canonicalHex?: string;
  /** X-Ray itself validates this input (a raw filter expression): a 4xx may follow an upstream call. */
  upstreamValidated?: boolean;
  /** For pages that must show an error: the data-testid of the error panel. */
  errorTestId?: string;
  /** The only statuses a correct answer may have (the cross-site family: 403 or 415 exactly). */
  expectStatus?: readonly number[];
}

export interface CatalogueContext {
  mode: Mode;
  now: number;
  maxWindowMs: number;
  ingestLimitBytes: number;
  /** A trace the store holds (local mode), for valid requests that find something. */
  knownTraceHex: string | null;
  /** A snapshot that exists, for PATCH and GET. */
  knownSnapshotId: string | null;
  /** A real export file, mutated for the import route. */
  exported: Record<string, unknown> | null;
  /** Valid trace IDs the odd forms are drawn from (a small pool, so aws-mode searches stay few). */
  traceHexPool: readonly string[];
}
