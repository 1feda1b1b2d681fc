import protobuf from "protobufjs";
import { describe, expect, it } from "vitest";
import { assessAnswer, decodeRpcStatus, errorBodyProblem, messageNamesSubject, type Answer } from "./assess";
import type { FuzzRequest } from "./request";

const enc = (s: string) => new TextEncoder().encode(s);
const req = (over: Partial<FuzzRequest> = {}): FuzzRequest => ({ family: "f", method: "GET", path: "/", expect: "reject", answer: "json", note: "", ...over });
const answer = (status: number, body: string | Uint8Array, contentType = "application/json"): Answer => ({
  status,
  contentType,
  body: typeof body === "string" ? enc(body) : body,
  ms: 1,
  timedOut: false,
});
const err = (code: string, message: string) => JSON.stringify({ error: { code, message } });

describe("errorBodyProblem on pages", () => {
  const page = req({ answer: "page" });
  it("wants a visible heading; a notFound() 404 may carry it in Next.js's flight payload (vercel/next.js#62228)", () => {
    expect(errorBodyProblem(page, answer(400, "<main><h1 class=x>Malformed trace ID</h1></main>", "text/html"))).toBeNull();
    const shell = (payload: string) => `<html id="__next_error__"><body><script>self.__next_f.push([1,"${payload}"])</script></body></html>`;
    const withHeading = shell('[\\"$\\",\\"h1\\",null,{\\"className\\":\\"text-lg\\",\\"children\\":\\"Snapshot not found\\"}]');
    expect(errorBodyProblem(page, answer(404, withHeading, "text/html"))).toBeNull();
    expect(errorBodyProblem(page, answer(400, withHeading, "text/html"))).toMatch(/heading/);
    expect(errorBodyProblem(page, answer(404, shell("nothing"), "text/html"))).toMatch(/heading/);
  });
});

describe("decodeRpcStatus", () => {
  it("reads code and message as the ingest routes write them", () => {
    const bytes = protobuf.Writer.create().uint32(8).int32(3).uint32(18).string("bad body here").finish();
    expect(decodeRpcStatus(bytes)).toEqual({ code: "3", message: "bad body here" });
    expect(decodeRpcStatus(new Uint8Array([0xff]))).toBeNull();
  });
});

describe("messageNamesSubject", () => {
  it("wants invalid_<x> messages to name x", () => {
    expect(messageNamesSubject("invalid_trace_id", "Malformed trace ID: …")).toBe(true);
    expect(messageNamesSubject("invalid_limit", "limit: must be at least 1")).toBe(true);
    expect(messageNamesSubject("invalid_limit", "something was wrong")).toBe(false);
    expect(messageNamesSubject("trace_not_found", "No trace")).toBe(true);
    expect(messageNamesSubject("invalid_otlp", "ExportTraceServiceRequest: invalid JSON")).toBe(true);
    expect(messageNamesSubject("invalid_otlp", "resourceSpans[0].scopeSpans: must be an array")).toBe(true);
    expect(messageNamesSubject("invalid_otlp", "bad")).toBe(false);
  });
});

describe("assessAnswer", () => {
  it("passes a 400 with a JSON message naming the parameter", () => {
    expect(assessAnswer(req(), answer(400, err("invalid_limit", "limit: must be at least 1")))).toEqual({ problems: [], rejectedCorrectly: true });
  });

  it("flags a 5xx, a hang, an empty 405 and a terse message", () => {
    expect(assessAnswer(req(), answer(500, "Internal Server Error")).problems.join()).toMatch(/500/);
    expect(assessAnswer(req(), { ...answer(0, ""), timedOut: true }).problems[0]).toMatch(/deadline/);
    expect(assessAnswer(req(), answer(405, "", "")).problems[0]).toMatch(/not a JSON error/);
    expect(errorBodyProblem(req(), answer(400, err("x", "bad")))).toMatch(/terse/);
  });

  it("wants valid-but-odd input served (2xx or 404), and pages to show their error panel", () => {
    expect(assessAnswer(req({ expect: "accept" }), answer(400, err("invalid_trace_id", "Malformed trace ID"))).problems[0]).toMatch(/expected 2xx/);
    expect(assessAnswer(req({ expect: "accept" }), answer(404, err("trace_not_found", "No trace 1-… in the store"))).problems).toEqual([]);
    const pageReq = req({ answer: "page", errorTestId: "trace-error" });
    expect(assessAnswer(pageReq, answer(200, '<main data-testid="trace-error"><h1>Malformed trace ID</h1>', "text/html")).rejectedCorrectly).toBe(true);
    expect(assessAnswer(pageReq, answer(200, "<main><h1>Trace</h1>", "text/html")).problems[0]).toMatch(/trace-error/);
  });

  it("lets Node's 431 for a URL past its 16 KiB header limit through (no app code runs)", () => {
    expect(assessAnswer(req({ path: `/api/traces?service=${"%F0".repeat(4_000)}` }), answer(431, "", "")).problems).toEqual([]);
    expect(assessAnswer(req({ path: "/api/traces" }), answer(431, "", "")).problems).toHaveLength(1);
  });
});

describe("assessAnswer: cross-site (issue 15)", () => {
  const refused = (status: number, headers?: string[]): Answer => ({
    status,
    contentType: "application/json",
    body: new TextEncoder().encode(JSON.stringify({ error: { code: "cross_site_request", message: "Origin: evil is not Sightline's own origin" } })),
    ms: 1,
    timedOut: false,
    ...(headers ? { corsHeaders: headers } : {}),
  });
  it("holds a request to its exact status: a 415 where a 403 was due is a problem", () => {
    expect(assessAnswer(req({ method: "POST", expectStatus: [403] }), refused(403)).problems).toEqual([]);
    expect(assessAnswer(req({ method: "POST", expectStatus: [403] }), refused(415)).problems[0]).toMatch(/expected 403, got 415/);
  });
  it("flags any Access-Control-Allow-* header on an answer", () => {
    expect(assessAnswer(req(), refused(403, ["access-control-allow-origin"])).problems[0]).toMatch(/CORS permission/);
  });
});
