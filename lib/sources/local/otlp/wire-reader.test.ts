import { Writer } from "protobufjs";
import { describe, expect, it } from "vitest";
import { WireError, WireReader } from "./wire-reader";

const bytes = (...values: number[]) => Uint8Array.from(values);
const written = (write: (w: Writer) => void) => {
  const w = Writer.create();
  write(w);
  return w.finish();
};

function wireError(read: () => unknown): string {
  try {
    read();
  } catch (err) {
    expect(err).toBeInstanceOf(WireError);
    return (err as Error).message;
  }
  throw new Error("expected a WireError");
}

describe("WireReader numbers", () => {
  it("reads an int32 sent as a 10-byte negative varint", () => {
    const r = new WireReader(written((w) => w.int32(-1).int32(-2147483648).int32(300)));
    expect([r.readInt32(), r.readInt32(), r.readInt32()]).toEqual([-1, -2147483648, 300]);
    expect(r.more()).toBe(false);
  });

  it("keeps the low 32 bits of an over-long enum, as protobufjs did", () => {
    expect(new WireReader(written((w) => w.int64("4294967298"))).readInt32()).toBe(2);
  });

  it("reads 64-bit varints and fixed64 into uint32 halves", () => {
    const r = new WireReader(written((w) => w.int64("-2").int64("9223372036854775807").fixed64("18446744073709551615").fixed64("4294967297")));
    r.readVarint64();
    expect([r.lo, r.hi]).toEqual([0xfffffffe, 0xffffffff]);
    r.readVarint64();
    expect([r.lo, r.hi]).toEqual([0xffffffff, 0x7fffffff]);
    r.readFixed64();
    expect([r.lo, r.hi]).toEqual([0xffffffff, 0xffffffff]);
    r.readFixed64();
    expect([r.lo, r.hi]).toEqual([1, 1]);
  });

  it("reads bools and doubles", () => {
    const r = new WireReader(written((w) => w.bool(true).bool(false).uint32(256).double(-0.5)));
    expect([r.readBool(), r.readBool(), r.readBool(), r.readDouble()]).toEqual([true, false, true, -0.5]);
  });
});

describe("WireReader strings and bytes", () => {
  it("reads invalid UTF-8 as U+FFFD, and IDs as hex, bytes as base64", () => {
    const r = new WireReader(
      written((w) =>
        w
          .bytes(bytes(0x61, 0xff, 0x62))
          .bytes(bytes(0xab, 0x01))
          .bytes(bytes(1, 2, 255)),
      ),
    );
    expect([r.readString(), r.readHex(), r.readBase64()]).toEqual(["a\ufffdb", "ab01", "AQL/"]);
  });

  it("gives keys the same value as readString, through the cache or not", () => {
    const keys = [
      bytes(0xc3, 0xa9),
      bytes(0xe9),
      Buffer.from("http.route"),
      Buffer.from("http.route"),
      Buffer.from("http.rpute"),
      Buffer.from("x".repeat(100)),
      bytes(),
    ];
    for (let round = 0; round < 2; round++) {
      for (const key of keys) {
        const body = written((w) => w.bytes(key));
        expect(new WireReader(body).readKey()).toBe(new WireReader(body).readString());
      }
    }
    expect(new WireReader(written((w) => w.bytes(bytes(0xe9)))).readKey()).toBe("\ufffd");
  });

  it("reads a plain Uint8Array at an offset like a Buffer", () => {
    const body = written((w) => w.string("héllo"));
    const padded = new Uint8Array(body.length + 5);
    padded.set(body, 5);
    expect(new WireReader(padded.subarray(5)).readString()).toBe("héllo");
  });
});

describe("WireReader nesting and skipping", () => {
  it("reads a nested message within its length, then the rest of the outer one", () => {
    const body = written((w) => w.uint32(10).fork().uint32(8).uint32(7).ldelim().uint32(16).uint32(9));
    const r = new WireReader(body);
    expect(r.readTag()).toBe(10);
    const outer = r.enter();
    expect([r.readTag(), r.readUint32(), r.more()]).toEqual([8, 7, false]);
    r.leave(outer);
    expect([r.readTag(), r.readUint32(), r.more()]).toEqual([16, 9, false]);
  });

  it("skips fields of every wire type, groups nested in groups too", () => {
    const body = written((w) =>
      w
        .uint32(8)
        .int64("-1")
        .uint32(17)
        .fixed64(1)
        .uint32(26)
        .bytes(bytes(1, 2, 3))
        .uint32(35) // group 4
        .uint32(40)
        .uint32(1)
        .uint32(51) // group 6 inside
        .uint32(52)
        .uint32(36) // end group 4
        .uint32(61)
        .fixed32(5)
        .uint32(64)
        .uint32(42),
    );
    const r = new WireReader(body);
    for (let i = 0; i < 5; i++) r.skip(r.readTag());
    expect([r.readTag(), r.readUint32(), r.more()]).toEqual([64, 42, false]);
  });

  it("names what is wrong: truncation, bad wire types, field 0, unmatched groups", () => {
    const truncated = new WireReader(bytes(10, 5, 1, 2));
    truncated.readTag();
    expect(wireError(() => truncated.readString())).toBe("index out of range: 2 + 5 > 4");
    expect(wireError(() => new WireReader(bytes(0x80, 0x80)).readUint32())).toBe("index out of range: 2 + 1 > 2");
    const badWireType = new WireReader(bytes(0x08, 1, 0x0e));
    badWireType.skip(badWireType.readTag());
    expect(wireError(() => badWireType.skip(badWireType.readTag()))).toBe("invalid wire type 6 at offset 2");
    expect(wireError(() => new WireReader(bytes(0x02, 0)).readTag())).toBe("illegal tag: field number 0 at offset 0");
    expect(wireError(() => new WireReader(bytes(0x08, 1)).skip(0x0b))).toBe("missing end group for field 1");
    expect(wireError(() => new WireReader(bytes(0x14)).skip(0x0b))).toBe("invalid end group tag at offset 0");
    expect(wireError(() => new WireReader(new Uint8Array(11).fill(0xff)).readVarint64())).toBe("invalid varint encoding at offset 0");
  });

  it("refuses groups nested beyond 100 levels instead of overflowing the stack", () => {
    const depth = 10_000;
    const open = Array.from({ length: depth }, () => 0x0b);
    const close = Array.from({ length: depth }, () => 0x0c);
    const r = new WireReader(bytes(...open, ...close));
    expect(wireError(() => r.skip(r.readTag()))).toMatch(/^groups nested deeper than 100 levels/);
  });
});
