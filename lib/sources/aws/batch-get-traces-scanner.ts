/**
 * A BatchGetTraces answer read as its bytes arrive: each segment document
 * (`Traces[i].Segments[j].Document`, a JSON string holding JSON) is handed over as soon as its last
 * byte is in, with its trace's ID, so that it can be converted while the rest of the answer is
 * still on the wire. What is left is the answer's skeleton: the same bytes with every Document
 * emptied (`"Document":""`), a few hundred bytes a trace instead of megabytes, for the SDK's own
 * deserializer to read the rest (trace IDs, LimitExceeded, UnprocessedTraceIds, NextToken).
 *
 * The scanner knows JSON's structure, not its grammar: it finds string literals (skipping escaped
 * quotes), follows objects, arrays and keys, and copies everything that is not a Document's
 * contents verbatim. A malformed answer therefore stays malformed in the skeleton, and the SDK's
 * deserializer reports it as it always did; a Document literal that is not a valid JSON string is
 * a ScanError. A trace whose `Id` comes after its `Segments` has its documents held until the Id
 * is read (dropped, as the SDK's reader drops them, when the trace has no Id).
 */

export class ScanError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ScanError";
  }
}

/** Documents of one trace (`Traces[].Id` as the answer spells it), in answer order. */
export type DocumentsHandler = (traceId: string, documents: string[]) => void;

interface Frame {
  array: boolean;
  /** An object's current key (null before the first and between a comma and the next key). */
  key: string | null;
  /** Waiting for a key: after `{` or an object's comma. */
  expectKey: boolean;
  /** An array's current element. */
  index: number;
}

type Role = "key" | "document" | "traceId" | "other";

interface OpenString {
  role: Role;
  /** The chunk the literal began in, while it is the one being read, and where (its opening quote). */
  chunk: Uint8Array | null;
  start: number;
  /** The literal's bytes from earlier chunks, when its contents are needed (not "other"). */
  parts: Uint8Array[];
  /** 1 when the chunk before ended on a backslash that escapes the next chunk's first byte, else 0. */
  backslashes: number;
}

interface TraceEntry {
  id: string | null;
  waiting: string[];
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

export class BatchGetTracesScanner {
  private readonly frames: Frame[] = [];
  private open: OpenString | null = null;
  /** By position in `Traces`. */
  private readonly traces = new Map<number, TraceEntry>();
  private skeleton = Buffer.allocUnsafe(4096);
  private skeletonLength = 0;
  /** Documents handed over so far. */
  delivered = 0;

  constructor(private readonly onDocuments: DocumentsHandler) {}

  /** Reads one chunk of the answer; documents completed in it are handed over before it returns. */
  push(chunk: Uint8Array): void {
    const n = chunk.length;
    let i = 0;
    /** Start of the bytes of this chunk still to copy into the skeleton; -1 inside a Document. */
    let copyFrom = this.open?.role === "document" ? -1 : 0;
    while (i < n) {
      if (this.open) {
        const open = this.open;
        const end = this.closingQuote(chunk, i);
        if (end < 0) {
          if (open.role !== "other" && open.chunk !== chunk) open.parts.push(chunk);
          break;
        }
        this.open = null;
        if (open.role === "document") copyFrom = end; // the closing quote is the skeleton's again
        if (open.role !== "other") this.closeString(open, chunk, end);
        i = end + 1;
        continue;
      }
      const c = chunk[i];
      if (c === QUOTE) {
        const role = this.roleOfString();
        this.open = { role, chunk, start: i, parts: [], backslashes: 0 };
        if (role === "document") {
          this.copy(chunk, copyFrom, i + 1);
          copyFrom = -1;
        }
      } else if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
        this.frames.push({ array: c === 0x5b, key: null, expectKey: c === 0x7b, index: 0 });
      } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
        // The innermost frame is one trace object of `Traces`: its documents are all in.
        if (this.frames.length === 3 && inTraces(this.frames)) this.closeTrace(this.frames[1].index);
        this.frames.pop();
      } else if (c === 0x3a /* : */) {
        const top = this.frames[this.frames.length - 1];
        if (top) top.expectKey = false;
      } else if (c === 0x2c /* , */) {
        const top = this.frames[this.frames.length - 1];
        if (top?.array) top.index++;
        else if (top) {
          top.expectKey = true;
          top.key = null;
        }
      }
      i++;
    }
    const open = this.open;
    if (open?.chunk === chunk) {
      // A string begun in this chunk goes on in the next: keep its bytes so far.
      if (open.role !== "other") open.parts.push(chunk.subarray(open.start));
      open.chunk = null;
    }
    if (copyFrom >= 0) this.copy(chunk, copyFrom, n);
    this.flush();
  }

  /** The answer without its documents' contents, once every byte was pushed. */
  end(): Buffer {
    if (this.open) throw new ScanError("the answer ended inside a string");
    for (const index of [...this.traces.keys()]) this.closeTrace(index);
    return this.skeleton.subarray(0, this.skeletonLength);
  }

  /** The position of the quote that closes the open string, from `from`; -1 if not in this chunk. */
  private closingQuote(chunk: Uint8Array, from: number): number {
    const open = this.open!;
    const n = chunk.length;
    let k = from;
    // A backslash left at the end of the previous chunk escapes this chunk's first byte.
    if (open.backslashes % 2 === 1) k++;
    for (; k < n; k++) {
      const c = chunk[k];
      if (c === BACKSLASH) k++;
      else if (c === QUOTE) {
        open.backslashes = 0;
        return k;
      }
    }
    open.backslashes = k > n ? 1 : 0;
    return -1;
  }

  /** The literal that closes at `end` of `chunk`, read: a key, a trace's Id or a document. */
  private closeString(open: OpenString, chunk: Uint8Array, end: number): void {
    const literal = open.chunk === chunk ? chunk.subarray(open.start, end + 1) : Buffer.concat([...open.parts, chunk.subarray(0, end + 1)]);
    let value: unknown;
    try {
      // Decoded as the SDK decodes a body (invalid UTF-8 becomes U+FFFD).
      value = JSON.parse(Buffer.from(literal.buffer, literal.byteOffset, literal.byteLength).toString("utf8"));
    } catch (error) {
      throw new ScanError(`a string literal of the answer is not valid JSON: ${(error as Error).message}`);
    }
    const text = value as string;
    const frames = this.frames;
    if (open.role === "key") frames[frames.length - 1].key = text;
    else if (open.role === "traceId") this.trace(frames[1].index).id = text;
    else if (text !== "") {
      this.trace(frames[1].index).waiting.push(text);
    }
  }

  private roleOfString(): Role {
    const f = this.frames;
    const top = f[f.length - 1];
    if (top && !top.array && top.expectKey) return "key";
    if (!inTraces(f)) return "other";
    if (f.length === 3) return f[2].key === "Id" ? "traceId" : "other";
    if (f.length === 5 && f[2].key === "Segments" && f[3].array && !f[4].array && f[4].key === "Document") return "document";
    return "other";
  }

  private trace(index: number): TraceEntry {
    let entry = this.traces.get(index);
    if (!entry) {
      entry = { id: null, waiting: [] };
      this.traces.set(index, entry);
    }
    return entry;
  }

  /** Its documents are handed over (or dropped, without an Id), and it is forgotten. */
  private closeTrace(index: number): void {
    const entry = this.traces.get(index);
    if (!entry) return;
    this.deliver(entry);
    this.traces.delete(index);
  }

  private flush(): void {
    for (const entry of this.traces.values()) this.deliver(entry);
  }

  private deliver(entry: TraceEntry): void {
    if (entry.id === null || entry.waiting.length === 0) return;
    const documents = entry.waiting;
    entry.waiting = [];
    this.delivered += documents.length;
    this.onDocuments(entry.id, documents);
  }

  private copy(chunk: Uint8Array, from: number, to: number): void {
    if (from < 0 || to <= from) return;
    const need = this.skeletonLength + (to - from);
    if (need > this.skeleton.length) {
      const grown = Buffer.allocUnsafe(Math.max(need, this.skeleton.length * 2));
      this.skeleton.copy(grown, 0, 0, this.skeletonLength);
      this.skeleton = grown;
    }
    this.skeleton.set(chunk.subarray(from, to), this.skeletonLength);
    this.skeletonLength = need;
  }
}

/** Whether `frames` are inside one trace object of the answer's `Traces` (the object itself, or deeper). */
function inTraces(f: readonly Frame[]): boolean {
  return f.length >= 3 && !f[0].array && f[0].key === "Traces" && f[1].array && !f[2].array;
}
