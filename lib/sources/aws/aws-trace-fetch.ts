/**
 * Whole traces from X-Ray: BatchGetTraces → the model's Trace.
 *
 * - At most 5 IDs a call; every page of the answer (NextToken) is read, and a trace's segments
 *   are gathered across pages.
 * - IDs X-Ray reports in UnprocessedTraceIds are asked again, a bounded number of times, after
 *   a backoff; an ID still unprocessed after that is an ApiError 503.
 * - A trace X-Ray cut short (`LimitExceeded`: too many segments) is returned as far as it goes,
 *   marked `partial` with a `note` for the user.
 * - A trace without segments is not found (null).
 * - Documents are converted as the answer's bytes arrive (segment-stream.ts); `stream: false`
 *   reads each answer whole first, as the SDK does (and as a retry after a broken-off answer does).
 */
import { BatchGetTracesCommand, type BatchGetTracesCommandOutput, type XRayClient } from "@aws-sdk/client-xray";
import { ApiError } from "../../http/api-error";
import type { Trace } from "../../model";
import { type ParsedTraceId, parseTraceId } from "../../trace-id";
import { toApiError } from "./aws-errors";
import { type Backoff, backoffDelay, sleep } from "./backoff";
import { TraceConversion } from "./segments-to-spans";
import { StreamInterrupted, streamSegmentDocuments } from "./segment-stream";

/**
 * A Trace with what the model cannot say yet (proposed as optional Trace fields):
 * `partial` when the source knows segments are missing, and `note` saying why.
 */

const BATCH_GET_TRACES_MAX_IDS = 5;
const MAX_PAGES = 20;

export const DEFAULT_UNPROCESSED_BACKOFF: Backoff = { baseMs: 200, maxMs: 2_000, retries: 3 };

export const LIMIT_EXCEEDED_NOTE =
  "X-Ray stored only part of this trace: it has more segments than X-Ray keeps for one trace (LimitExceeded). Spans may be missing.";

interface Fetched {
  /** The trace's documents, converted page by page as they arrive. */
  conversion: TraceConversion;
  limitExceeded: boolean;
}

/**
 * One BatchGetTraces request, all its pages; the traces found and the IDs left unprocessed. With
 * `stream`, each page's documents are converted as its bytes arrive (segment-stream.ts); and the
 * next page is asked for before this one's documents are converted, so conversion overlaps the
 * network and only the last chunk's share is left when the answer is complete.
 */
async function batchOnce(xray: XRayClient, xrayIds: readonly string[], stream: boolean): Promise<{ found: Map<string, Fetched>; unprocessed: Set<string> }> {
  const found = new Map<string, Fetched>();
  const unprocessed = new Set<string>();
  // An ID X-Ray would never send is no trace we asked for.
  const fetchedOf = (id: string | undefined): Fetched | null => {
    if (!id || !parseTraceId(id).ok) return null;
    let fetched = found.get(id);
    if (!fetched) {
      fetched = { conversion: new TraceConversion(id), limitExceeded: false };
      found.set(id, fetched);
    }
    return fetched;
  };
  const ask = (nextToken: string | undefined) => {
    const command = new BatchGetTracesCommand({ TraceIds: [...xrayIds], NextToken: nextToken });
    const streaming = stream ? streamSegmentDocuments(command, (id, documents) => fetchedOf(id)?.conversion.add(documents)) : null;
    return xray.send(command).then((answer) => ({ answer, streamed: streaming?.streamed === true }));
  };
  let request: ReturnType<typeof ask> | null = ask(undefined);
  for (let pages = 1; request; pages++) {
    const { answer, streamed }: { answer: BatchGetTracesCommandOutput; streamed: boolean } = await request;
    request = answer.NextToken && pages < MAX_PAGES ? ask(answer.NextToken) : null;
    for (const trace of answer.Traces ?? []) {
      const fetched = fetchedOf(trace.Id);
      if (!fetched) continue;
      if (!streamed) {
        const documents: string[] = [];
        for (const segment of trace.Segments ?? []) if (segment.Document) documents.push(segment.Document);
        fetched.conversion.add(documents);
      }
      fetched.limitExceeded ||= trace.LimitExceeded === true;
    }
    for (const id of answer.UnprocessedTraceIds ?? []) unprocessed.add(id);
  }
  for (const id of found.keys()) unprocessed.delete(id);
  return { found, unprocessed };
}

function toTrace(fetched: Fetched | undefined): Trace | null {
  if (!fetched || fetched.conversion.documents === 0) return null;
  const { trace } = fetched.conversion.finish();
  if (trace.spans.length === 0) return null;
  return fetched.limitExceeded ? { ...trace, partial: true, note: LIMIT_EXCEEDED_NOTE } : trace;
}

/** The traces of up to any number of IDs, by hex ID; null for those X-Ray does not have. */
export async function batchGetXRayTraces(
  xray: XRayClient,
  ids: readonly ParsedTraceId[],
  backoff: Backoff,
  options: { stream?: boolean } = {},
): Promise<Map<string, Trace | null>> {
  const result = new Map<string, Trace | null>();
  const distinct = [...new Map(ids.map((id) => [id.xray, id])).values()];
  for (let i = 0; i < distinct.length; i += BATCH_GET_TRACES_MAX_IDS) {
    const chunk = distinct.slice(i, i + BATCH_GET_TRACES_MAX_IDS);
    const found = new Map<string, Fetched>();
    let pending = chunk.map((id) => id.xray);
    let stream = options.stream ?? true;
    for (let attempt = 0; pending.length > 0; attempt++) {
      let answer: Awaited<ReturnType<typeof batchOnce>>;
      try {
        answer = await batchOnce(xray, pending, stream);
      } catch (error) {
        // Documents were converted from an answer that then broke off: once more, read whole.
        if (error instanceof StreamInterrupted && stream) {
          stream = false;
          attempt--;
          continue;
        }
        throw toApiError(error, "xray:BatchGetTraces");
      }
      for (const [id, fetched] of answer.found) found.set(id, fetched);
      pending = [...answer.unprocessed].filter((id) => chunk.some((c) => c.xray === id));
      if (pending.length === 0) break;
      if (attempt >= backoff.retries) {
        throw new ApiError(503, "aws_throttled", `X-Ray left ${pending.join(", ")} unprocessed after ${attempt + 1} tries: try again in a moment.`);
      }
      await sleep(backoffDelay(backoff, attempt));
    }
    for (const id of chunk) result.set(id.hex, toTrace(found.get(id.xray)));
  }
  return result;
}
