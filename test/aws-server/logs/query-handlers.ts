/**
 * Logs Insights operations: StartQuery, GetQueryResults, StopQuery, DescribeQueries.
 */
import { clientError } from "../aws-error";
import type { Handler, ServerContext } from "../context";
import { InputReader } from "../input";
import { pageOf } from "../paging";
import { ACCOUNT_ID } from "../types";
import { QueryCompileError, type Query } from "./insights-ast";
import { parseQuery } from "./insights-parser";
import { runQuery } from "./query-engine";
import type { QueryRun } from "./query-registry";

export function invalidParameter(message: string) {
  return clientError("InvalidParameterException", message);
}

export function logsReader(input: unknown): InputReader {
  return new InputReader(input, invalidParameter);
}

const ARN = /^arn:aws[a-z-]*:logs:[a-z0-9-]+:(\d{12}):log-group:([^:]+)(:\*)?$/;
const MAX_QUERY_GROUPS = 50;

function noSuchGroup(name: string) {
  return clientError("ResourceNotFoundException", `Log group '${name}' does not exist for account ID '${ACCOUNT_ID}'`);
}

/** The log group names a StartQuery names, each checked to exist. */
function queriedGroups(ctx: ServerContext, reader: InputReader): string[] {
  const given = ["logGroupName", "logGroupNames", "logGroupIdentifiers"].filter((k) => reader.has(k));
  if (given.length !== 1) {
    throw invalidParameter("A StartQuery operation must include exactly one of logGroupName, logGroupNames or logGroupIdentifiers.");
  }
  let names: string[];
  if (reader.has("logGroupName")) names = [reader.string("logGroupName")];
  else if (reader.has("logGroupNames")) names = reader.stringArray("logGroupNames", 1, MAX_QUERY_GROUPS);
  else {
    names = reader.stringArray("logGroupIdentifiers", 1, MAX_QUERY_GROUPS).map((identifier) => {
      const arn = ARN.exec(identifier);
      if (!arn) return identifier;
      if (arn[1] !== ACCOUNT_ID) throw noSuchGroup(identifier);
      return arn[2];
    });
  }
  for (const name of names) if (!ctx.logs.group(name)) throw noSuchGroup(name);
  return names;
}

function compiled(queryString: string): Query {
  try {
    return parseQuery(queryString);
  } catch (error) {
    if (!(error instanceof QueryCompileError)) throw error;
    const before = queryString.slice(0, error.startCharOffset);
    const line = before.split("\n").length;
    const column = error.startCharOffset - before.lastIndexOf("\n");
    const message = `${error.detail} at line ${line} and position ${column}`;
    throw clientError("MalformedQueryException", message, {
      queryCompileError: {
        location: { startCharOffset: error.startCharOffset, endCharOffset: error.endCharOffset },
        message,
      },
    });
  }
}

export const startQuery: Handler = (ctx, input) => {
  const reader = logsReader(input);
  const language = reader.optionalString("queryLanguage");
  if (language !== undefined && language !== "CWLI") throw invalidParameter("The AWS test server runs Logs Insights QL (CWLI) queries only.");
  const groups = queriedGroups(ctx, reader);
  const startTime = reader.number("startTime");
  const endTime = reader.number("endTime");
  if (!Number.isInteger(startTime) || startTime < 0) throw reader.fail("startTime", startTime, "Member must have value greater than or equal to 0");
  if (!Number.isInteger(endTime) || endTime < 0) throw reader.fail("endTime", endTime, "Member must have value greater than or equal to 0");
  if (endTime < startTime) throw invalidParameter("endTime must be greater than or equal to startTime.");
  const queryString = reader.string("queryString");
  if (queryString.length < 1 || queryString.length > 10_000) {
    throw reader.fail("queryString", queryString, "Member must have length less than or equal to 10000");
  }
  const limit = reader.optionalNumber("limit");
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 1 || limit > 100_000)) {
    throw reader.fail("limit", limit, "Member must have value less than or equal to 100000");
  }
  const query = compiled(queryString);
  const max = ctx.settings.maxConcurrentQueries;
  if (ctx.queries.activeCount() >= max) {
    throw clientError("LimitExceededException", `Account maximum query concurrency limit of [${max}] reached.`);
  }
  const events = ctx.logs.eventsIn(groups, startTime * 1000, endTime * 1000);
  const run = ctx.queries.start({
    queryString,
    logGroups: groups,
    runMs: ctx.settings.queryRunMs,
    ending: ctx.faults.queryEnding() ?? "Complete",
    outcome: runQuery(query, events, limit),
  });
  return { queryId: run.id };
};

function runOf(ctx: ServerContext, reader: InputReader): QueryRun {
  const id = reader.string("queryId");
  const run = ctx.queries.get(id);
  if (!run) throw clientError("ResourceNotFoundException", `Query ${id} does not exist.`);
  return run;
}

const GET_RESULTS_MAX_ITEMS = 10_000;

export const getQueryResults: Handler = (ctx, input) => {
  const reader = logsReader(input);
  const run = runOf(ctx, reader);
  const maxItems = reader.optionalNumber("maxItems") ?? GET_RESULTS_MAX_ITEMS;
  if (!Number.isInteger(maxItems) || maxItems < 1 || maxItems > GET_RESULTS_MAX_ITEMS) {
    throw reader.fail("maxItems", maxItems, `Member must have value less than or equal to ${GET_RESULTS_MAX_ITEMS}`);
  }
  const view = ctx.queries.view(run);
  const page = pageOf(view.rows, maxItems, "GetQueryResults", run.id, reader.optionalString("nextToken"), () => invalidParameter("The nextToken is invalid."));
  return {
    queryLanguage: "CWLI",
    results: page.items,
    statistics: view.statistics,
    status: view.status,
    ...(page.nextToken ? { nextToken: page.nextToken } : {}),
  };
};

export const stopQuery: Handler = (ctx, input) => {
  const run = runOf(ctx, logsReader(input));
  if (!ctx.queries.stop(run)) throw invalidParameter(`Query ${run.id} is not running.`);
  return { success: true };
};

export const describeQueries: Handler = (ctx, input) => {
  const reader = logsReader(input);
  const group = reader.optionalString("logGroupName");
  const status = reader.optionalString("status");
  const queries = ctx.queries
    .all()
    .filter((q) => group === undefined || q.logGroups.includes(group))
    .map((q) => ({ q, status: ctx.queries.view(q).status }))
    .filter((x) => status === undefined || x.status === status)
    .sort((a, b) => b.q.startedAt - a.q.startedAt)
    .map(({ q, status: s }) => ({
      queryLanguage: "CWLI",
      queryId: q.id,
      queryString: q.queryString,
      status: s,
      createTime: q.startedAt,
      logGroupName: q.logGroups[0],
    }));
  return { queries };
};
