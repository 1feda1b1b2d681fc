/**
 * A BatchGetTraces call whose segment documents are converted while the answer arrives.
 *
 * X-Ray answers BatchGetTraces in one page (its `NextToken` "is currently not implemented", API
 * reference), so a large trace is one large answer: megabytes of documents that the SDK would
 * read to the end, parse whole, and only then hand over for conversion. Here a middleware sits
 * between the HTTP handler and the SDK's deserializer: it reads the body as it comes in
 * (BatchGetTracesScanner), hands each document to `onDocuments` as soon as it is complete, and
 * gives the deserializer the answer's skeleton (every Document emptied) for the rest. What is left
 * on the critical path once the last byte is in is the last chunk's documents, not the whole answer.
 *
 * Nothing changes for an answer it cannot read this way: an error status or an encoded body goes
 * to the SDK untouched, and an answer the scanner cannot follow before any document was handed
 * over goes to the SDK whole (which reports it as it always did). Once documents were handed over
 * they cannot be taken back, so a body that breaks off after that (or turns out unreadable) is a
 * StreamInterrupted error, which the SDK does not retry: the caller starts over without streaming
 * rather than have the SDK's retry hand the same documents over twice.
 */
import type { BatchGetTracesCommand } from "@aws-sdk/client-xray";
import { BatchGetTracesScanner, type DocumentsHandler, ScanError } from "./batch-get-traces-scanner";
import { beforeDeserializing } from "./raw-answer-step";

/** The documents were partly handed over when the answer broke off: start the call over, without streaming. */
export class StreamInterrupted extends Error {
  constructor(message: string) {
    super(`the BatchGetTraces answer broke off while its documents were being converted: ${message}`);
    this.name = "StreamInterrupted";
  }
}

const isReadable = (body: unknown): body is AsyncIterable<Uint8Array> & { destroy?: () => void } =>
  typeof body === "object" && body !== null && typeof (body as AsyncIterable<unknown>)[Symbol.asyncIterator] === "function";

export interface SegmentStream {
  /** Whether the answer's documents were all handed to onDocuments (its output's Documents are then empty). */
  readonly streamed: boolean;
}

/**
 * Reads `command`'s answer as it arrives, handing its documents to `onDocuments` (trace ID as the
 * answer spells it, documents in answer order). Each attempt the SDK makes runs it again; an
 * attempt that fails before handing anything over is retried as usual.
 */
export function streamSegmentDocuments(command: BatchGetTracesCommand, onDocuments: DocumentsHandler): SegmentStream {
  const state = { streamed: false };
  beforeDeserializing(command, "sightlineSegmentStream", async (response) => {
    state.streamed = false;
    const encoding = response.headers?.["content-encoding"] ?? response.headers?.["Content-Encoding"];
    if (response.statusCode !== 200 || (encoding && encoding !== "identity") || !isReadable(response.body)) return;
    const body = response.body;
    const scanner = new BatchGetTracesScanner(onDocuments);
    /** Every chunk, until the first document is handed over: the whole answer, should the scanner fail before then. */
    let raw: Uint8Array[] | null = [];
    let failed = false;
    try {
      for await (const chunk of body) {
        raw?.push(chunk);
        if (failed) continue;
        try {
          scanner.push(chunk);
        } catch (error) {
          if (!(error instanceof ScanError) || scanner.delivered > 0) throw error;
          failed = true;
        }
        if (scanner.delivered > 0) raw = null;
      }
      if (!failed) response.body = scanner.end();
    } catch (error) {
      if (scanner.delivered === 0 && !(error instanceof ScanError)) throw error; // nothing handed over: the SDK's retry as usual
      if (scanner.delivered === 0) failed = true;
      else {
        body.destroy?.();
        if ((error as Error)?.name === "AbortError") throw error;
        throw new StreamInterrupted((error as Error)?.message ?? String(error));
      }
    }
    if (failed) response.body = Buffer.concat(raw ?? []);
    else state.streamed = true;
  });
  return state;
}
