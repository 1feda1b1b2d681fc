import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { BatchGetTracesScanner, ScanError } from "./batch-get-traces-scanner";

interface Answer {
  Traces?: { Id?: string; Segments?: { Id?: string; Document?: string | null }[]; [key: string]: unknown }[];
  [key: string]: unknown;
}

const fixture = (name: string) => readFileSync(path.resolve(__dirname, "../../../test/fixtures/aws", name));

/** What the SDK's reader hands over: each trace's truthy Documents, in order, for traces with an Id. */
function documentsOf(answer: Answer): [string, string[]][] {
  const out: [string, string[]][] = [];
  for (const t of answer.Traces ?? []) {
    const documents = (t.Segments ?? []).map((s) => s.Document).filter((d): d is string => typeof d === "string" && d !== "");
    if (t.Id && documents.length) out.push([t.Id, documents]);
  }
  return out;
}

/** The answer with every Segments[].Document string emptied. */
function skeletonOf(answer: Answer): unknown {
  const copy = structuredClone(answer);
  for (const t of copy.Traces ?? []) for (const s of t.Segments ?? []) if (typeof s.Document === "string") s.Document = "";
  return copy;
}

/** Scans `bytes` cut at `cuts`; the documents by trace (merged in order) and the skeleton. */
function scan(bytes: Buffer, cuts: number[]) {
  const got = new Map<string, string[]>();
  const scanner = new BatchGetTracesScanner((id, documents) => got.set(id, [...(got.get(id) ?? []), ...documents]));
  let from = 0;
  for (const cut of [...cuts, bytes.length]) {
    scanner.push(bytes.subarray(from, cut));
    from = cut;
  }
  return { documents: [...got], skeleton: JSON.parse(scanner.end().toString("utf8")) as unknown, delivered: scanner.delivered };
}

/** A small deterministic generator, so a failing cut can be replayed. */
function random(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** Documents whose bytes are hard to cut: escapes, backslash runs, quotes, multi-byte characters. */
function awkwardAnswer(): Answer {
  const doc = (n: number) =>
    JSON.stringify({
      id: `00000000000000${n.toString(16).padStart(2, "0")}`,
      name: `svc "quoted" \\ back\\\\slash ${"\\".repeat(n % 5)}"`,
      start_time: 1700000000.123456 + n,
      end_time: 1700000000.5 + n,
      annotations: { note: `ünïcödé ✓ 🚀 ${n}`, path: "C:\\dir\\", nested: '{"Document":"x"}' },
      metadata: { default: { Document: "not an answer's Document", Traces: [{ Segments: [{ Document: "nor this" }] }] } },
    });
  return {
    NextToken: 'tok\\en "x"',
    Traces: [
      {
        Id: "1-5d82881a-0a9126e92a73e971eed891b9",
        Duration: 0.5,
        LimitExceeded: false,
        Segments: [0, 1, 2, 3].map((n) => ({ Id: `s${n}`, Document: doc(n) })),
      },
      // Segments before the Id, an empty and a null Document, a Document key elsewhere.
      {
        Segments: [
          { Id: "a", Document: doc(4) },
          { Id: "b", Document: "" },
          { Id: "c", Document: null },
          { Id: "d", Document: doc(5) },
        ],
        Document: "no",
        Id: "1-5d82881a-0a9126e92a73e971eed891c0",
      },
      // No Id at all: the SDK's reader would skip its documents.
      { Segments: [{ Id: "e", Document: doc(6) }] },
    ],
    UnprocessedTraceIds: ["1-5d82881a-0a9126e92a73e971eed891c1"],
  };
}

describe("BatchGetTracesScanner", () => {
  const answers: [string, Buffer][] = [
    ["scorekeep-dynamodb (AWS)", fixture("xray-batch-get-traces-scorekeep-dynamodb.json")],
    ["scorekeep-lambda-sns (AWS)", fixture("xray-batch-get-traces-scorekeep-lambda-sns.json")],
    ["awkward strings", Buffer.from(JSON.stringify(awkwardAnswer(), null, 1))],
  ];

  it.each(answers)("%s: the same documents and skeleton at every single cut, and in one-byte chunks", (_, bytes) => {
    const answer = JSON.parse(bytes.toString("utf8")) as Answer;
    const expected = { documents: documentsOf(answer), skeleton: skeletonOf(answer) };
    expect(expected.documents.length).toBeGreaterThan(0);
    const whole = scan(bytes, []);
    expect({ documents: whole.documents, skeleton: whole.skeleton }).toEqual(expected);
    for (let cut = 1; cut < bytes.length; cut++) {
      const got = scan(bytes, [cut]);
      if (JSON.stringify(got.documents) !== JSON.stringify(expected.documents))
        expect({ cut, documents: got.documents }).toEqual({ cut, documents: expected.documents });
      expect(got.skeleton).toEqual(expected.skeleton);
    }
    const bytewise = scan(
      bytes,
      Array.from({ length: bytes.length - 1 }, (_, i) => i + 1),
    );
    expect({ documents: bytewise.documents, skeleton: bytewise.skeleton }).toEqual(expected);
  });

  it("the same at random cuts of a generated answer of many traces", () => {
    const next = random(20261207);
    const answer: Answer = {
      Traces: Array.from({ length: 5 }, (_, t) => ({
        Id: `1-5d82881a-0a9126e92a73e971eed891${t.toString(16).padStart(2, "0")}`,
        Segments: Array.from({ length: 40 }, (_, n) => ({
          Id: `${t}${n}`,
          Document: JSON.stringify({
            id: n,
            text: '\\"'.repeat(Math.floor(next() * 9)) + "é".repeat(Math.floor(next() * 9)),
            pad: "x".repeat(Math.floor(next() * 3000)),
          }),
        })),
      })),
      UnprocessedTraceIds: [],
    };
    const bytes = Buffer.from(JSON.stringify(answer));
    const expected = { documents: documentsOf(answer), skeleton: skeletonOf(answer) };
    for (let run = 0; run < 50; run++) {
      const cuts: number[] = [];
      for (let at = Math.floor(next() * 700); at < bytes.length; at += 1 + Math.floor(next() * 2000)) cuts.push(at);
      const got = scan(bytes, cuts);
      expect({ run, documents: got.documents, skeleton: got.skeleton }).toEqual({ run, ...expected });
    }
  });

  it("hands each document over as soon as its last byte is in, with its trace's ID", () => {
    const answer = awkwardAnswer();
    const bytes = Buffer.from(JSON.stringify(answer));
    const handed: { id: string; count: number; at: number }[] = [];
    let at = 0;
    const scanner = new BatchGetTracesScanner((id, documents) => handed.push({ id, count: documents.length, at }));
    // Byte by byte: the first trace's documents come one at a time, each at the byte that closes it.
    for (; at < bytes.length; at++) scanner.push(bytes.subarray(at, at + 1));
    scanner.end();
    const first = answer.Traces![0];
    const lastByteOf = (value: string) => {
      const literal = Buffer.from(JSON.stringify(value));
      return bytes.indexOf(literal) + literal.length - 1;
    };
    const closes = first.Segments!.map((s) => lastByteOf(s.Document!));
    expect(handed.slice(0, 4)).toEqual(closes.map((close) => ({ id: first.Id, count: 1, at: close })));
    // The second trace's documents wait for its Id (after them), then come together.
    const second = answer.Traces![1];
    expect(handed.slice(4)).toEqual([{ id: second.Id, count: 2, at: lastByteOf(second.Id!) }]);
    expect(scanner.delivered).toBe(6);
  });

  it("keeps only a few bytes a segment of the answer", () => {
    const bytes = fixture("xray-batch-get-traces-scorekeep-lambda-sns.json");
    const skeleton = new BatchGetTracesScanner(() => {});
    skeleton.push(bytes);
    expect(skeleton.end().length).toBeLessThan(bytes.length / 4);
  });

  it("a Document that is not a valid JSON string is a ScanError; an answer ending inside a string too", () => {
    const bad = new BatchGetTracesScanner(() => {});
    expect(() => bad.push(Buffer.from('{"Traces":[{"Id":"1-5d82881a-0a9126e92a73e971eed891b9","Segments":[{"Document":"{\\x}"}]}]}'))).toThrow(ScanError);
    const cut = new BatchGetTracesScanner(() => {});
    cut.push(Buffer.from('{"Traces":[{"Id":"1-5d82881a-0a9126e92a73e971eed891b9","Segments":[{"Document":"{\\"id'));
    expect(() => cut.end()).toThrow(ScanError);
  });

  it("leaves a malformed answer malformed, for the SDK's reader to report", () => {
    const text = '{"Traces":[{"Id":"1-5d82881a-0a9126e92a73e971eed891b9","Segments":[{"Document":"{}"} "x"]}]';
    const scanner = new BatchGetTracesScanner(() => {});
    scanner.push(Buffer.from(text));
    const skeleton = scanner.end().toString("utf8");
    expect(() => JSON.parse(text)).toThrow(SyntaxError);
    expect(() => JSON.parse(skeleton)).toThrow(SyntaxError);
  });
});
