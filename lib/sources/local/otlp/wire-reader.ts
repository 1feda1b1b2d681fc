/**
 * The protobuf wire format, read straight from a request body: varints, fixed-width numbers,
 * length-delimited strings and bytes, and skipping of fields the caller does not read. No
 * message objects and no Long: 64-bit values land in two uint32 halves (`lo`, `hi`).
 *
 * Strings go through Buffer's native `utf8Slice` (invalid UTF-8 reads as U+FFFD, see
 * proto-schema.ts), IDs through `hexSlice`, bytes values through `base64Slice`.
 *
 * A message is read as a loop over `[pos, end)`: `enter()` narrows `end` to a nested message
 * and returns the outer end, `leave()` restores it. Anything malformed throws WireError, whose
 * message says what was wrong and at which byte offset.
 */

/** Malformed wire data. The decoders turn it into an OtlpDecodeError naming the request message. */
export class WireError extends Error {
  /** The list items and fields it was found in (`resourceSpans[0].scopeSpans[1]`), filled in on the way out. */
  where = "";

  constructor(message: string) {
    super(message);
    this.name = "WireError";
  }
}

/**
 * Wire types. A tag is `field number × 8 + wire type`; the message readers switch on whole tags
 * (`case 10: // trace_id = 1`), so a known field sent with another wire type is skipped as
 * unknown, as protobufjs and Google's parsers do.
 */
const VARINT = 0;
const FIXED64 = 1;
const LEN = 2;
const START_GROUP = 3;
const END_GROUP = 4;
const FIXED32 = 5;

/** Groups (proto2's deprecated encoding, only ever skipped here) nest at most this deep. */
const MAX_GROUP_DEPTH = 100;

/**
 * Attribute keys repeat across the spans of a request and across requests. readKey answers a
 * short ASCII key from this direct-mapped cache, slot chosen by a hash of a few bytes, so that
 * the same string object comes back: no native call, no new string, and V8 finds an already
 * internalized property name when the key is stored.
 */
const KEY_CACHE_BITS = 12;
const MAX_CACHED_KEY = 64;
const keyCache: string[] = new Array<string>(1 << KEY_CACHE_BITS).fill("");

/** Node's native Buffer slicers (present in every Node release, undeclared in @types/node). */
interface NativeSlices {
  utf8Slice(start: number, end: number): string;
  hexSlice(start: number, end: number): string;
  base64Slice(start: number, end: number): string;
}

function asBuffer(body: Uint8Array): Buffer {
  return Buffer.isBuffer(body) ? body : Buffer.from(body.buffer, body.byteOffset, body.byteLength);
}

export class WireReader {
  private readonly buf: Buffer;
  private readonly native: NativeSlices;
  pos = 0;
  /** End of the message being read. */
  end: number;
  /** The halves of the last 64-bit value read (readVarint64, readFixed64). */
  lo = 0;
  hi = 0;

  constructor(body: Uint8Array) {
    this.buf = asBuffer(body);
    // Buffer.prototype carries the native slicers; the cast names the three used.
    this.native = this.buf as unknown as NativeSlices;
    this.end = this.buf.length;
  }

  /** A varint running past the end. */
  private outOfRangeAt(pos: number): WireError {
    this.pos = pos;
    return this.outOfRange(1);
  }

  private outOfRange(length: number): WireError {
    return new WireError(`index out of range: ${this.pos} + ${length} > ${this.end}`);
  }

  /** More fields before the end of the current message. */
  more(): boolean {
    return this.pos < this.end;
  }

  /** A varint of at most 32 significant bits (tags, lengths, enums), as a uint32. */
  readUint32(): number {
    const buf = this.buf;
    let pos = this.pos;
    const end = this.end;
    let value = 0;
    for (let shift = 0; shift < 32; shift += 7) {
      if (pos >= end) throw this.outOfRangeAt(pos);
      const b = buf[pos++];
      value |= (b & 127) << shift;
      if (b < 128) {
        this.pos = pos;
        return value >>> 0;
      }
    }
    // Bytes 6 to 10 of a 64-bit varint carry bits beyond 32: dropped, as int32 fields are.
    for (let i = 0; i < 5; i++) {
      if (pos >= end) throw this.outOfRangeAt(pos);
      if (buf[pos++] < 128) {
        this.pos = pos;
        return value >>> 0;
      }
    }
    throw new WireError(`invalid varint encoding at offset ${this.pos}`);
  }

  /** A field's tag; field number 0 is refused. */
  readTag(): number {
    const tag = this.readUint32();
    if (tag < 8) throw new WireError(`illegal tag: field number 0 at offset ${this.pos - 1}`);
    return tag;
  }

  /** An int32 / enum field (a negative one is sent as a 10-byte varint). */
  readInt32(): number {
    return this.readUint32() | 0;
  }

  /** A 64-bit varint into `lo` / `hi`. */
  readVarint64(): void {
    const buf = this.buf;
    const end = this.end;
    let pos = this.pos;
    let lo = 0;
    let hi = 0;
    let b = 0;
    for (let shift = 0; shift < 28; shift += 7) {
      if (pos >= end) throw this.outOfRangeAt(pos);
      b = buf[pos++];
      lo |= (b & 127) << shift;
      if (b < 128) return this.set64(pos, lo, hi);
    }
    if (pos >= end) throw this.outOfRangeAt(pos);
    b = buf[pos++];
    lo |= (b & 127) << 28;
    hi = (b & 127) >> 4;
    if (b < 128) return this.set64(pos, lo, hi);
    for (let shift = 3; shift < 38; shift += 7) {
      if (pos >= end) throw this.outOfRangeAt(pos);
      b = buf[pos++];
      hi |= (b & 127) << shift;
      if (b < 128) return this.set64(pos, lo, hi);
    }
    throw new WireError(`invalid varint encoding at offset ${this.pos}`);
  }

  private set64(pos: number, lo: number, hi: number): void {
    this.pos = pos;
    this.lo = lo >>> 0;
    this.hi = hi >>> 0;
  }

  /** A bool: any non-zero varint is true. */
  readBool(): boolean {
    this.readVarint64();
    return this.lo !== 0 || this.hi !== 0;
  }

  /** A fixed64 into `lo` / `hi`. */
  readFixed64(): void {
    if (this.pos + 8 > this.end) throw this.outOfRange(8);
    const buf = this.buf;
    const p = this.pos;
    this.lo = (buf[p] | (buf[p + 1] << 8) | (buf[p + 2] << 16) | (buf[p + 3] << 24)) >>> 0;
    this.hi = (buf[p + 4] | (buf[p + 5] << 8) | (buf[p + 6] << 16) | (buf[p + 7] << 24)) >>> 0;
    this.pos = p + 8;
  }

  readDouble(): number {
    if (this.pos + 8 > this.end) throw this.outOfRange(8);
    const value = this.buf.readDoubleLE(this.pos);
    this.pos += 8;
    return value;
  }

  /** The length prefix of a length-delimited field, checked against the current message's end. */
  private readLength(): number {
    const length = this.readUint32();
    if (length > this.end - this.pos) throw this.outOfRange(length);
    return length;
  }

  /** A string field (invalid UTF-8 reads as U+FFFD). */
  readString(): string {
    const length = this.readLength();
    const start = this.pos;
    this.pos = start + length;
    return length === 0 ? "" : this.native.utf8Slice(start, this.pos);
  }

  /** A string field that is likely to repeat (an attribute key); same result as readString. */
  readKey(): string {
    const length = this.readLength();
    const start = this.pos;
    const end = start + length;
    this.pos = end;
    if (length === 0) return "";
    if (length > MAX_CACHED_KEY) return this.native.utf8Slice(start, end);
    const buf = this.buf;
    // A cheap hash of the length and four bytes picks the slot; a hit is checked byte by byte.
    const hash = Math.imul(length ^ (buf[start] << 8) ^ (buf[end - 1] << 16) ^ (buf[start + (length >> 1)] << 24) ^ buf[end - 2], 0x9e3779b1);
    const slot = hash >>> (32 - KEY_CACHE_BITS);
    const cached = keyCache[slot];
    if (cached.length === length) {
      let i = 0;
      while (i < length && cached.charCodeAt(i) === buf[start + i]) i++;
      if (i === length) return cached;
    }
    const key = this.native.utf8Slice(start, end);
    // Only ASCII is cached: then equal characters mean equal bytes.
    let ascii = true;
    for (let i = start; i < end; i++) if (buf[i] >= 0x80) ascii = false;
    if (ascii) keyCache[slot] = key;
    return key;
  }

  /** A bytes field as lowercase hex (IDs). */
  readHex(): string {
    const length = this.readLength();
    const start = this.pos;
    this.pos = start + length;
    return length === 0 ? "" : this.native.hexSlice(start, this.pos);
  }

  /** A bytes field as base64 (AnyValue bytes). */
  readBase64(): string {
    const length = this.readLength();
    const start = this.pos;
    this.pos = start + length;
    return length === 0 ? "" : this.native.base64Slice(start, this.pos);
  }

  /** Start reading the nested message of a length-delimited field; returns the outer end. */
  enter(): number {
    const length = this.readLength();
    const outer = this.end;
    this.end = this.pos + length;
    return outer;
  }

  /** Back to the outer message after the nested one has been read to its end. */
  leave(outer: number): void {
    this.end = outer;
  }

  /**
   * Skip a length-delimited field, noting its contents' `[start, end)` in `ranges` to read
   * later with `readAt` (for a message whose fields must wait for a sibling read after them).
   */
  note(ranges: number[]): void {
    const length = this.readLength();
    ranges.push(this.pos, this.pos + length);
    this.pos += length;
  }

  /** Read a noted range as the current message; returns the outer end for `leave()`. */
  readAt(start: number, end: number): number {
    const outer = this.end;
    this.pos = start;
    this.end = end;
    return outer;
  }

  /** Skip the field whose tag was just read (an unknown field, or one read elsewhere). */
  skip(tag: number, depth = 0): void {
    switch (tag & 7) {
      case VARINT:
        this.readVarint64();
        return;
      case FIXED64:
        this.skipBytes(8);
        return;
      case LEN: {
        const length = this.readLength(); // before reading pos: readLength moves it
        this.pos += length;
        return;
      }
      case START_GROUP:
        this.skipGroup(tag >>> 3, depth);
        return;
      case FIXED32:
        this.skipBytes(4);
        return;
      default:
        throw new WireError(`invalid wire type ${tag & 7} at offset ${this.pos - 1}`);
    }
  }

  private skipBytes(n: number): void {
    if (this.pos + n > this.end) throw this.outOfRange(n);
    this.pos += n;
  }

  private skipGroup(field: number, depth: number): void {
    if (depth >= MAX_GROUP_DEPTH) throw new WireError(`groups nested deeper than ${MAX_GROUP_DEPTH} levels at offset ${this.pos}`);
    for (;;) {
      if (this.pos >= this.end) throw new WireError(`missing end group for field ${field}`);
      const tag = this.readTag();
      if ((tag & 7) === END_GROUP) {
        if (tag >>> 3 !== field) throw new WireError(`invalid end group tag at offset ${this.pos - 1}`);
        return;
      }
      this.skip(tag, depth + 1);
    }
  }
}
