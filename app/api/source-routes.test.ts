/**
 * The routes ask the configured Source (getSource) and nothing else: what a source lacks (an
 * optional method, a capability) is answered with the contract's error or empty answer, whatever
 * its `kind`, and a trace's "not found" is in the source's own words. A stand-in source is
 * installed where getSource() keeps the configured one.
 */
import { afterEach, describe, expect, it } from "vitest";
import type { ConsoleLinks, LogsResult, Trace, TraceSummary } from "@/lib/model";
import type { LogsReadOptions, Source, TraceQuery, TraceReadOptions } from "@/lib/sources/source";
import type { ParsedTraceId } from "@/lib/trace-id";
import { GET as getTraces } from "./traces/route";
import { GET as getTrace } from "./traces/[traceId]/route";
import { DELETE as deleteLogs, GET as getLogs } from "./traces/[traceId]/logs/route";
import { GET as getAwsLinks } from "./traces/[traceId]/aws-links/route";

const HEX = "5f3a3e1289b4a5c6d7e8f90123456789";
const XRAY = "1-5f3a3e12-89b4a5c6d7e8f90123456789";

/** Every question answered, with the calls recorded; nothing optional unless given. */
class StandIn implements Source {
  readonly calls: { method: string; args: unknown[] }[] = [];
  capabilities = { filterExpressions: false };

  constructor(readonly kind: "local" | "aws") {}

  private record(method: string, ...args: unknown[]): void {
    this.calls.push({ method, args });
  }

  async findTraces(query: TraceQuery): Promise<TraceSummary[]> {
    this.record("findTraces", query);
    return [];
  }
  async getTrace(id: ParsedTraceId, options?: TraceReadOptions): Promise<Trace | null> {
    this.record("getTrace", id.hex, options);
    return null;
  }
  traceNotFoundMessage(id: ParsedTraceId, now: number): string {
    return `The stand-in has no ${id.xray} (asked at ${typeof now}).`;
  }
  async getServiceGraph() {
    return { nodes: [], edges: [] };
  }
  async getTraceLogs(id: ParsedTraceId, options?: LogsReadOptions): Promise<LogsResult> {
    this.record("getTraceLogs", id.hex, options);
    return { events: [], status: "complete" };
  }
  async getServiceStats() {
    return { series: [], histogram: [] };
  }
  async getTraceFacets() {
    return [];
  }
  async getErrorOccurrences() {
    return { occurrences: [] };
  }
  async readiness() {
    return { ok: true, checks: {}, checkedAt: 0 };
  }
}

const holder = globalThis as typeof globalThis & { sightlineSource?: Source };

function install(source: Source): void {
  holder.sightlineSource = source;
}

afterEach(() => {
  delete holder.sightlineSource;
});

const ctx = (traceId: string) => ({ params: Promise.resolve({ traceId }) });

async function body(res: Response): Promise<unknown> {
  return res.json();
}

describe("GET /api/traces?filter", () => {
  it("answers 400 invalid_filter when the source takes no filter expression, before asking it", async () => {
    const source = new StandIn("aws");
    install(source);
    const res = await getTraces(new Request("http://localhost/api/traces?filter=fault"), {});
    expect(res.status).toBe(400);
    expect(await body(res)).toEqual({
      error: { code: "invalid_filter", message: "filter: X-Ray filter expressions need DATA_SOURCE=aws; use service, minDurationMs and status here" },
    });
    expect(source.calls).toEqual([]);
  });

  it("passes the expression to a source that takes it, with the other filters", async () => {
    const source = new StandIn("local");
    source.capabilities = { filterExpressions: true };
    install(source);
    const res = await getTraces(new Request("http://localhost/api/traces?filter=fault&service=web&limit=5"), {});
    expect(res.status).toBe(200);
    expect(await body(res)).toEqual({ traces: [] });
    expect(source.calls[0].args[0]).toMatchObject({ filterExpression: "fault", service: "web", limit: 5 });
  });

  it("asks without one otherwise", async () => {
    const source = new StandIn("local");
    install(source);
    expect((await getTraces(new Request("http://localhost/api/traces?service=web"), {})).status).toBe(200);
    expect((source.calls[0].args[0] as TraceQuery).filterExpression).toBeUndefined();
  });
});

describe("GET /api/traces/{id}", () => {
  it("answers 404 trace_not_found in the source's own words, reading on behalf of the requester", async () => {
    const source = new StandIn("aws");
    install(source);
    const res = await getTrace(new Request(`http://localhost/api/traces/${XRAY}`, { headers: { "x-sightline-user": "sre" } }), ctx(XRAY));
    expect(res.status).toBe(404);
    expect(await body(res)).toEqual({ error: { code: "trace_not_found", message: `The stand-in has no ${XRAY} (asked at number).` } });
    expect(source.calls).toEqual([{ method: "getTrace", args: [HEX, { requester: "user:sre" }] }]);
  });
});

describe("/api/traces/{id}/logs", () => {
  it("GET hands the source the wait, the request's signal and the requester", async () => {
    const source = new StandIn("local");
    install(source);
    const request = new Request(`http://localhost/api/traces/${HEX}/logs?waitMs=1200`);
    const res = await getLogs(request, ctx(HEX));
    expect(await body(res)).toEqual({ events: [], status: "complete" });
    const [hex, options] = source.calls[0].args as [string, LogsReadOptions];
    expect(hex).toBe(HEX);
    expect(options.waitMs).toBe(1200);
    expect(options.signal).toBe(request.signal);
    expect(options.requester).toEqual(expect.any(String));
  });

  it("DELETE answers cancelled: false when the source has no logs search to cancel", async () => {
    install(new StandIn("aws"));
    const res = await deleteLogs(new Request(`http://localhost/api/traces/${HEX}/logs`, { method: "DELETE" }), ctx(HEX));
    expect(res.status).toBe(200);
    expect(await body(res)).toEqual({ cancelled: false });
  });

  it("DELETE cancels through the source when it has searches, whatever its kind", async () => {
    const source = Object.assign(new StandIn("local"), {
      cancelled: [] as string[],
      async cancelTraceLogs(id: ParsedTraceId) {
        this.cancelled.push(id.hex);
        return true;
      },
    });
    install(source);
    const res = await deleteLogs(new Request(`http://localhost/api/traces/${XRAY}/logs`, { method: "DELETE" }), ctx(XRAY));
    expect(await body(res)).toEqual({ cancelled: true });
    expect(source.cancelled).toEqual([HEX]);
  });
});

describe("GET /api/traces/{id}/aws-links", () => {
  it("answers 404 not_available when the source has no console, even one that says it is aws", async () => {
    install(new StandIn("aws"));
    const res = await getAwsLinks(new Request(`http://localhost/api/traces/${HEX}/aws-links`), ctx(HEX));
    expect(res.status).toBe(404);
    expect(await body(res)).toEqual({
      error: { code: "not_available", message: "AWS console links exist only when Sightline reads from AWS (DATA_SOURCE=aws)." },
    });
  });

  it("answers 400 for a malformed ID first", async () => {
    install(new StandIn("local"));
    const res = await getAwsLinks(new Request("http://localhost/api/traces/nope/aws-links"), ctx("nope"));
    expect(res.status).toBe(400);
    expect(((await body(res)) as { error: { code: string } }).error.code).toBe("invalid_trace_id");
  });

  it("answers the source's links, whatever its kind", async () => {
    const links: ConsoleLinks = {
      traceId: HEX,
      xrayTraceId: XRAY,
      region: "eu-west-1",
      traceConsoleUrl: "https://example.test/trace",
      logsInsightsConsoleUrl: "https://example.test/logs",
      query: "fields @message",
      logGroups: ["/app"],
      window: { from: 1, to: 2 },
    };
    install(Object.assign(new StandIn("local"), { consoleLinks: async (id: ParsedTraceId) => ({ ...links, traceId: id.hex }) }));
    const res = await getAwsLinks(new Request(`http://localhost/api/traces/${XRAY}/aws-links`), ctx(XRAY));
    expect(res.status).toBe(200);
    expect(await body(res)).toEqual(links);
  });
});
