/**
 * Logs Insights operations: StartQuery, GetQueryResults, StopQuery, DescribeQueries.
 */
import { clientError } from "../aws-error";
import type { Handler, ServerContext } from "../context";
import { InputReader } from "../input";
import { pageOf } from "../paging";
import { ACCOUNT_ID, REGION } from "../types";
import { QueryCompileError, type Query } from "./insights-ast";
import type { GroupRef } from "./log-store";
import { parseQuery } from "./insights-parser";
import { runQuery } from "./query-engine";
import type { QueryRun } from "./query-registry";

export function invalidParameter(message: string) {
  return clientError("InvalidParameterException", message);
}

export function logsReader(input: unknown): InputReader {
  return new InputReader(input, invalidParameter);
}

const ARN = /^arn:aws[a-z-]*:logs:([a-z0-9-]+):(\d{12}):log-group:([^:]+)(:\*)?$/;
const MAX_QUERY_GROUPS = 50;

function noSuchGroup(name: string) {
  return clientError("ResourceNotFoundException", `Log group '${name}' does not exist for account ID '${ACCOUNT_ID}'`);
}

/** A query over every group of the account selects at most this many (CWL_QuerySyntax-Source). */
const MAX_SOURCE_GROUPS = 10_000;

/** The accounts whose groups this (monitoring) account can query: its own and its linked source accounts. */
function visibleAccounts(ctx: ServerContext): string[] {
  return [ACCOUNT_ID, ...ctx.settings.linkedAccounts];
}

/**
 * The groups `SOURCE logGroups(namePrefix: [...], class: [...])` selects: names starting with a
 * prefix (every group without one), of the classes given (STANDARD without any), in the own
 * account and, in a monitoring account, every linked source account ("If you omit this
 * [accountIdentifiers], the default is to query all linked source accounts and the current
 * monitoring account").
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/CWL_QuerySyntax-Source.html
 */
function sourceGroups(ctx: ServerContext, source: { namePrefixes: string[]; classes: string[] }): GroupRef[] {
  const classes = source.classes.length > 0 ? source.classes : ["STANDARD"];
  const groups = ctx.logs
    .allGroups(visibleAccounts(ctx))
    .filter((g) => classes.includes(g.logGroupClass))
    .filter((g) => source.namePrefixes.length === 0 || source.namePrefixes.some((p) => g.name.startsWith(p)));
  if (groups.length > MAX_SOURCE_GROUPS) {
    throw invalidParameter(`The query selects ${groups.length} log groups, more than ${MAX_SOURCE_GROUPS}: select fewer log groups.`);
  }
  return groups.map((g) => ({ account: g.account, name: g.name }));
}

/**
 * One entry of logGroupIdentifiers: a name (a group of the own account) or an ARN (with or
 * without a trailing `:*`) of a group in the own account or, from a monitoring account, a linked
 * source account ("If a log group that you're querying is in a source account and you're using a
 * monitoring account, you must specify the ARN of the log group here", API_StartQuery). A group
 * that does not exist, or is in an account this one cannot see, is ResourceNotFoundException.
 */
function identifiedGroup(ctx: ServerContext, identifier: string): GroupRef {
  const arn = ARN.exec(identifier);
  if (!arn) return { account: ACCOUNT_ID, name: identifier };
  const [, region, account, name] = arn;
  if (region !== REGION || !visibleAccounts(ctx).includes(account)) throw noSuchGroup(identifier);
  return { account, name };
}

/**
 * The log group names a StartQuery names, each checked to exist: exactly one of logGroupName,
 * logGroupNames or logGroupIdentifiers, or else a SOURCE command in the query (StartQuery's API
 * reference, https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_StartQuery.html).
 */
function queriedGroups(ctx: ServerContext, reader: InputReader, query: Query): GroupRef[] {
  const given = ["logGroupName", "logGroupNames", "logGroupIdentifiers"].filter((k) => reader.has(k));
  const source = query.commands.find((c) => c.kind === "source");
  if (source) {
    // Assumed: AWS does not document a query naming groups both ways; the test server refuses it.
    if (given.length > 0) throw invalidParameter("A StartQuery whose query has a SOURCE command must not also name log groups.");
    return sourceGroups(ctx, source);
  }
  if (given.length !== 1) {
    throw invalidParameter("A StartQuery operation must include exactly one of logGroupName, logGroupNames or logGroupIdentifiers, or a SOURCE command.");
  }
  const own = (name: string): { identifier: string; ref: GroupRef } => ({ identifier: name, ref: { account: ACCOUNT_ID, name } });
  let groups: { identifier: string; ref: GroupRef }[];
  if (reader.has("logGroupName")) groups = [own(reader.string("logGroupName"))];
  else if (reader.has("logGroupNames")) groups = reader.stringArray("logGroupNames", 1, MAX_QUERY_GROUPS).map(own);
  else {
    groups = reader.stringArray("logGroupIdentifiers", 1, MAX_QUERY_GROUPS).map((identifier) => ({ identifier, ref: identifiedGroup(ctx, identifier) }));
  }
  for (const { identifier, ref } of groups) if (!ctx.logs.group(ref.name, ref.account)) throw noSuchGroup(identifier);
  return groups.map((g) => g.ref);
}

/**
 * The fields the test server indexes: CloudWatch Logs' default field index on `traceId`, which
 * exists for every log group of the Standard class
 * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/CWL_QuerySyntax-FilterIndex.html). The
 * other default indexes (`@logStream`, `severityText`, …) and custom index policies are not modelled.
 */
const INDEXED_FIELDS: ReadonlySet<string> = new Set(["traceId"]);

/** A region without field indexes (settings.fieldIndexes false): the command is not known there. */
function unsupportedHere(queryString: string, command: string) {
  const at = queryString.search(new RegExp(command, "i"));
  const message = `Unknown command '${command}' (this region has no field indexes)`;
  return clientError("MalformedQueryException", message, {
    queryCompileError: { location: { startCharOffset: at, endCharOffset: at + command.length - 1 }, message },
  });
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
  const queryString = reader.string("queryString");
  if (queryString.length < 1 || queryString.length > 10_000) {
    throw reader.fail("queryString", queryString, "Member must have length less than or equal to 10000");
  }
  const query = compiled(queryString);
  if (!ctx.settings.fieldIndexes) {
    const unknown = query.commands.find((c) => c.kind === "source" || c.kind === "filterIndex");
    if (unknown) throw unsupportedHere(queryString, unknown.kind === "source" ? "SOURCE" : "filterIndex");
  }
  const groups = queriedGroups(ctx, reader, query);
  const startTime = reader.number("startTime");
  const endTime = reader.number("endTime");
  if (!Number.isInteger(startTime) || startTime < 0) throw reader.fail("startTime", startTime, "Member must have value greater than or equal to 0");
  if (!Number.isInteger(endTime) || endTime < 0) throw reader.fail("endTime", endTime, "Member must have value greater than or equal to 0");
  if (endTime < startTime) throw invalidParameter("endTime must be greater than or equal to startTime.");
  const limit = reader.optionalNumber("limit");
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 1 || limit > 100_000)) {
    throw reader.fail("limit", limit, "Member must have value less than or equal to 100000");
  }
  const max = ctx.settings.maxConcurrentQueries;
  if (ctx.queries.activeCount() >= max) {
    throw clientError("LimitExceededException", `Account maximum query concurrency limit of [${max}] reached.`);
  }
  const events = ctx.logs.eventsIn(groups, startTime * 1000, endTime * 1000);
  const run = ctx.queries.start({
    queryString,
    logGroups: groups.map((g) => (g.account === ACCOUNT_ID ? g.name : `${g.account}:${g.name}`)),
    runMs: ctx.settings.queryRunMs,
    ending: ctx.faults.queryEnding() ?? "Complete",
    outcome: runQuery(
      query,
      events,
      limit,
      (event, field) => INDEXED_FIELDS.has(field) && ctx.logs.group(event.group, event.account)?.logGroupClass === "STANDARD",
    ),
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
