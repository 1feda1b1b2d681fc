/**
 * The wire reader (protobuf-traces.ts / protobuf-logs.ts) against the protobufjs decoder it
 * replaced (test/otlp-protobufjs-oracle.ts): many generated requests, byte for byte the same
 * records after JSON.stringify, or the same error for well-formed but invalid ones.
 *
 * Requests are written field by field with protobufjs's Writer, so that they can hold what
 * protobufjs's own encoder never writes: fields out of order, unknown fields of every wire type
 * (groups too), message fields that occur twice (they merge), AnyValues with two members,
 * invalid UTF-8, negative enums. (The messages read have no repeated scalar fields, so packed
 * encoding does not arise; a known field with the wrong wire type is skipped by both.)
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { Writer } from "protobufjs";
import { describe, expect, it } from "vitest";
import { logsFromProtobufjs, spansFromProtobufjs } from "../../../../test/otlp-protobufjs-oracle";
import { decodeLogs, decodeTraces, OtlpDecodeError } from ".";
import { ExportTraceServiceRequest } from "./proto-schema";

/** mulberry32: the same requests on every run. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Field =
  | { no: number; kind: "varint"; value: string }
  | { no: number; kind: "fixed64"; value: string }
  | { no: number; kind: "fixed32"; value: number }
  | { no: number; kind: "double"; value: number }
  | { no: number; kind: "bytes"; value: Uint8Array }
  | { no: number; kind: "message"; fields: Field[] }
  | { no: number; kind: "group"; fields: Field[] };

function write(w: Writer, fields: Field[]): void {
  for (const f of fields) {
    switch (f.kind) {
      case "varint":
        w.uint32(f.no * 8).int64(f.value);
        break;
      case "fixed64":
        w.uint32(f.no * 8 + 1).fixed64(f.value);
        break;
      case "double":
        w.uint32(f.no * 8 + 1).double(f.value);
        break;
      case "fixed32":
        w.uint32(f.no * 8 + 5).fixed32(f.value);
        break;
      case "bytes":
        w.uint32(f.no * 8 + 2).bytes(f.value);
        break;
      case "message":
        w.uint32(f.no * 8 + 2).fork();
        write(w, f.fields);
        w.ldelim();
        break;
      case "group":
        w.uint32(f.no * 8 + 3);
        write(w, f.fields);
        w.uint32(f.no * 8 + 4);
        break;
    }
  }
}

const encode = (fields: Field[]): Uint8Array => {
  const w = Writer.create();
  write(w, fields);
  return w.finish();
};

/** The generator of one test case: its random source, and how unruly the requests are. */
class Gen {
  constructor(
    readonly next: () => number,
    /** Unknown fields, shuffled fields, duplicated message fields, two-member AnyValues. */
    readonly unruly: boolean,
  ) {}

  chance(p: number): boolean {
    return this.next() < p;
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }
  bytes(n: number): Uint8Array {
    return Uint8Array.from({ length: n }, () => this.int(256));
  }

  str(no: number, s: string): Field {
    return { no, kind: "bytes", value: Buffer.from(s, "utf8") };
  }
  text(no: number): Field {
    const variants = [
      () => Buffer.from(`name-${this.int(1000)}`),
      () => Buffer.from("héllo wörld ✓ 日本語 🎉"),
      () => Buffer.from([0x61, 0xff, 0x62, 0xc3, 0x28, 0xe2, 0x82]), // invalid UTF-8
      () => Buffer.alloc(0),
      () => Buffer.from('{"message":"structured","level":"warn","traceId":"5b8efff798038103d269b633813fc60c"}'),
    ];
    return { no, kind: "bytes", value: this.pick(variants)() };
  }
  nanos(no: number): Field {
    const values = [
      "0",
      "999",
      "1000",
      "1544712660123456789",
      "1700000000999999999",
      "18446744073709551615",
      "9007199254740993000",
      String(this.int(2 ** 31) * 997),
    ];
    return { no, kind: "fixed64", value: this.pick(values) };
  }
  enumValue(no: number, max: number): Field {
    return { no, kind: "varint", value: this.pick([String(this.int(max + 1)), String(this.int(max + 1)), "-1", String(max + 3), "4294967298"]) };
  }

  /** Unknown fields of every wire type, then the message's fields, maybe shuffled. */
  message(no: number, fields: Field[]): Field {
    const all = [...fields];
    if (this.unruly) {
      for (let i = this.int(3); i > 0; i--) all.splice(this.int(all.length + 1), 0, this.unknown());
      // A low field number with a fixed-width or varint wire type: the wrong type for most known
      // fields (skipped as unknown), the right one for a few (read).
      if (this.chance(0.2)) all.splice(this.int(all.length + 1), 0, this.lowField());
      if (this.chance(0.3)) all.sort(() => this.next() - 0.5);
    }
    return { no, kind: "message", fields: all };
  }
  lowField(): Field {
    const no = 1 + this.int(16);
    return this.pick<Field>([
      { no, kind: "varint", value: "3" },
      { no, kind: "fixed64", value: "1700000000000000000" },
      { no, kind: "fixed32", value: 7 },
    ]);
  }
  unknown(): Field {
    const no = 100 + this.int(400);
    switch (this.int(6)) {
      case 0:
        return { no, kind: "varint", value: this.pick(["0", "300", "-5", "18446744073709551615"]) };
      case 1:
        return { no, kind: "fixed64", value: "123456789012" };
      case 2:
        return { no, kind: "bytes", value: this.bytes(this.int(20)) };
      case 3:
        return {
          no,
          kind: "group",
          fields: [
            { no: 1, kind: "varint", value: "7" },
            { no: 2, kind: "group", fields: [this.str(3, "inner")] },
          ],
        };
      case 4:
        return { no, kind: "fixed32", value: 0xdeadbeef };
      default:
        return { no, kind: "double", value: 1.5 };
    }
  }

  anyValue(no: number, depth: number): Field {
    const members: Field[] = [];
    const count = this.unruly && this.chance(0.1) ? 2 : this.chance(0.05) ? 0 : 1;
    for (let i = 0; i < count; i++) members.push(this.member(depth));
    if (this.unruly && members.length === 1 && this.chance(0.1)) members.push(this.member(depth, members[0].no));
    return this.message(no, members);
  }
  member(depth: number, only?: number): Field {
    // Arrays and kvlists nest up to three levels.
    const kind = only ?? 1 + this.int(depth > 2 ? 4 : 7);
    switch (kind) {
      case 1:
        return this.text(1);
      case 2:
        return { no: 2, kind: "varint", value: this.pick(["0", "1", "2"]) };
      case 3: {
        const ints = ["0", "42", "-1", "-42", "9007199254740991", "9007199254740992", "-9007199254740993", "9223372036854775807", "-9223372036854775808"];
        return { no: 3, kind: "varint", value: this.pick(ints) };
      }
      case 4:
        return { no: 4, kind: "double", value: this.pick([0.5, -0, 637.704, NaN, Infinity, -Infinity, 1e300, 3]) };
      case 5:
        return this.message(
          5,
          Array.from({ length: this.int(4) }, () => this.anyValue(1, depth + 1)),
        );
      case 6:
        return this.message(
          6,
          Array.from({ length: this.int(4) }, () => this.keyValue(1, depth + 1)),
        );
      default:
        return { no: 7, kind: "bytes", value: this.bytes(this.int(6)) };
    }
  }
  keyValue(no: number, depth: number): Field {
    const keys = [
      "http.response.status_code",
      "http.status_code",
      "error.type",
      "dup",
      "dup",
      "__proto__",
      "1",
      "",
      "level",
      "message",
      "msg",
      "trace_id",
      "span_id",
      "k.é",
    ];
    const fields: Field[] = [];
    if (!this.chance(0.05)) fields.push(this.str(1, this.pick(keys)));
    if (!this.chance(0.05)) fields.push(this.specialValue(depth));
    if (this.unruly && this.chance(0.05)) fields.push(this.specialValue(depth));
    return this.message(no, fields);
  }
  /** Sometimes a value the derivation reads (HTTP status, AWS throttling), else any. */
  specialValue(depth: number): Field {
    if (this.chance(0.15)) return this.message(2, [{ no: 3, kind: "varint", value: this.pick(["200", "404", "429", "503", "99"]) }]);
    if (this.chance(0.1))
      return this.message(2, [
        this.str(1, this.pick(["429", "ThrottlingException", "SlowDown", "boom", "5b8efff798038103d269b633813fc60c", "eee19b7ec3c1b174"])),
      ]);
    return this.anyValue(2, depth);
  }
  attributes(no: number): Field[] {
    return Array.from({ length: this.int(6) }, () => this.keyValue(no, 0));
  }
  /** An ID, rarely one byte short or all zero; an optional one often absent, empty or all zero. */
  id(no: number, bytes: number, optional: boolean): Field[] {
    if (this.chance(0.01)) return [{ no, kind: "bytes", value: this.pick([this.bytes(bytes - 1), new Uint8Array(bytes)]) }];
    if (optional && this.chance(0.2))
      return this.pick([[], [{ no, kind: "bytes", value: new Uint8Array() }], [{ no, kind: "bytes", value: new Uint8Array(bytes) }]]);
    const id = this.bytes(bytes);
    id[0] |= 1;
    return [{ no, kind: "bytes", value: id }];
  }

  resource(): Field[] {
    const attributes = [
      this.message(1, [this.str(1, "service.name"), this.message(2, [this.text(1)])]),
      this.message(1, [this.str(1, "cloud.platform"), this.message(2, [this.str(1, this.pick(["aws_lambda", "aws_ecs", "gcp"]))])]),
      this.message(1, [this.str(1, "aws.log.group.names"), this.message(2, [this.message(5, [this.message(1, [this.str(1, "/aws/lambda/f")])])])]),
      ...this.attributes(1),
    ];
    const resource = this.chance(0.1) ? [] : [this.message(1, attributes.slice(this.int(3)))];
    if (this.unruly && this.chance(0.2)) resource.push(this.message(1, this.attributes(1)));
    return resource;
  }

  span(): Field {
    const fields: Field[] = [
      ...this.id(1, 16, false),
      ...this.id(2, 8, false),
      ...this.id(4, 8, true),
      this.text(5),
      this.enumValue(6, 5),
      this.nanos(7),
      this.nanos(8),
      ...this.attributes(9),
      { no: 10, kind: "varint", value: "3" },
      { no: 16, kind: "fixed32", value: 1 },
      this.str(3, "rojo=00f067aa0ba902b7"),
    ];
    for (let i = this.int(3); i > 0; i--)
      fields.push(this.message(11, [this.nanos(1), this.text(2), ...this.attributes(3), { no: 4, kind: "varint", value: "1" }]));
    for (let i = this.int(3); i > 0; i--) {
      fields.push(
        this.message(13, [
          ...this.id(1, 16, false),
          ...this.id(2, 8, false),
          this.str(3, "k=v"),
          ...this.attributes(4),
          { no: 6, kind: "fixed32", value: 256 },
        ]),
      );
    }
    const statuses = this.unruly ? this.int(3) : this.int(2);
    for (let i = 0; i < statuses; i++) {
      const status: Field[] = [];
      if (this.chance(0.7)) status.push(this.enumValue(3, 2));
      if (this.chance(0.5)) status.push(this.text(2));
      fields.push(this.message(15, status));
    }
    return this.message(2, fields);
  }

  traceRequest(): Uint8Array {
    const resourceSpans = Array.from({ length: 1 + this.int(3) }, () => {
      const scopes = Array.from({ length: this.int(3) }, () => {
        const scope = this.chance(0.3) ? [] : [this.message(1, [this.text(1), ...(this.chance(0.5) ? [this.str(2, "1.2.3")] : []), ...this.attributes(3)])];
        if (this.unruly && this.chance(0.2)) scope.push(this.message(1, [this.str(1, "second"), this.str(2, "9.9")]));
        return this.message(2, [...scope, ...Array.from({ length: this.int(5) }, () => this.span()), this.str(3, "https://schema")]);
      });
      return this.message(1, [...this.resource(), ...scopes, this.str(3, "https://schema")]);
    });
    return encode(resourceSpans);
  }

  log(): Field {
    const fields: Field[] = [
      this.nanos(1),
      this.nanos(11),
      this.enumValue(2, 24),
      this.text(3),
      ...this.attributes(6),
      ...this.id(9, 16, true),
      ...this.id(10, 8, true),
      { no: 8, kind: "fixed32", value: 1 },
      this.text(12),
    ];
    if (!this.chance(0.2)) fields.push(this.anyValue(5, 0));
    if (this.unruly && this.chance(0.1)) fields.push(this.anyValue(5, 0));
    if (this.chance(0.3))
      fields.push(
        this.message(5, [
          this.message(6, [
            this.message(1, [this.str(1, "message"), this.message(2, [this.text(1)])]),
            this.message(1, [this.str(1, "traceId"), this.message(2, [this.str(1, "1-5759e988-bd862e3fe1be46a994272793")])]),
          ]),
        ]),
      );
    if (this.chance(0.3)) fields.push(this.message(5, [this.str(1, `{"msg":"from json","level":"error","span_id":"EEE19B7EC3C1B174"}`)]));
    return this.message(2, fields);
  }

  logsRequest(): Uint8Array {
    const resourceLogs = Array.from({ length: 1 + this.int(3) }, () => {
      const scopes = Array.from({ length: this.int(3) }, () =>
        this.message(2, [this.message(1, [this.text(1)]), ...Array.from({ length: this.int(5) }, () => this.log()), this.str(3, "https://schema")]),
      );
      return this.message(1, [...this.resource(), ...scopes]);
    });
    return encode(resourceLogs);
  }
}

type Outcome = { records: string } | { error: string };

function outcome(decode: () => unknown): Outcome {
  try {
    return { records: JSON.stringify(decode()) };
  } catch (err) {
    if (!(err instanceof OtlpDecodeError)) throw err;
    return { error: err.message };
  }
}

const CASES = 400;

describe("the wire reader against protobufjs", () => {
  for (const unruly of [false, true]) {
    const label = unruly ? "unruly" : "well-ordered";

    it(`gives the same span records for ${CASES} ${label} trace requests`, () => {
      let records = 0;
      let errors = 0;
      for (let seed = 1; seed <= CASES; seed++) {
        const body = new Gen(random(seed), unruly).traceRequest();
        const expected = outcome(() => spansFromProtobufjs(body));
        const actual = outcome(() => decodeTraces(body, "protobuf").spans);
        expect(actual, `seed ${seed}`).toEqual(expected);
        if ("records" in expected) records += (JSON.parse(expected.records) as unknown[]).length;
        else errors++;
      }
      // The generator must produce real work, not a run of empty or rejected requests, and some
      // requests with an invalid ID.
      expect(records).toBeGreaterThan(CASES);
      expect(errors).toBeGreaterThan(0);
    });

    it(`gives the same log records for ${CASES} ${label} logs requests`, () => {
      let records = 0;
      let errors = 0;
      for (let seed = 1; seed <= CASES; seed++) {
        const body = new Gen(random(seed + 100_000), unruly).logsRequest();
        const expected = outcome(() => logsFromProtobufjs(body));
        const actual = outcome(() => decodeLogs(body, "protobuf").logs);
        expect(actual, `seed ${seed}`).toEqual(expected);
        if ("records" in expected) records += (JSON.parse(expected.records) as unknown[]).length;
        else errors++;
      }
      expect(records).toBeGreaterThan(CASES);
      expect(errors).toBeGreaterThan(0);
    });
  }

  it("decodes the opentelemetry-proto example request alike", () => {
    const fixture = readFileSync(path.resolve(__dirname, "../../../../test/fixtures/otlp/trace.protobuf-bin"));
    const records = JSON.stringify(decodeTraces(fixture, "protobuf").spans);
    expect(records).toBe(JSON.stringify(spansFromProtobufjs(fixture)));
    expect(JSON.parse(records)).toHaveLength(1);
  });

  it("decodes protobufjs's own encoding of the benchmark's requests alike", () => {
    const request = ExportTraceServiceRequest.fromObject({
      resourceSpans: [
        {
          resource: { attributes: [{ key: "service.name", value: { stringValue: "svc" } }] },
          scopeSpans: [
            {
              scope: { name: "bench" },
              spans: [
                {
                  traceId: Buffer.from("5b8efff798038103d269b633813fc60c", "hex"),
                  spanId: Buffer.from("eee19b7ec3c1b174", "hex"),
                  name: "GET /",
                  kind: 2,
                  startTimeUnixNano: "1544712660000000000",
                  endTimeUnixNano: "1544712661000000000",
                  attributes: [{ key: "n", value: { intValue: "-9223372036854775808" } }],
                  status: { code: 2, message: "boom" },
                },
              ],
            },
          ],
        },
      ],
    });
    const body = ExportTraceServiceRequest.encode(request).finish();
    expect(JSON.stringify(decodeTraces(body, "protobuf").spans)).toBe(JSON.stringify(spansFromProtobufjs(body)));
  });
});
