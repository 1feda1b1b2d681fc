/**
 * The parsed form of a Logs Insights query (the subset the test server runs).
 */
export type Literal = string | number | boolean;

/** `toMillis(@timestamp)`: a time field's value as epoch milliseconds. */
export type Operand = { kind: "field"; name: string } | { kind: "literal"; value: Literal } | { kind: "toMillis"; field: string };

export type CompareOp = "=" | "!=" | "<" | "<=" | ">" | ">=";

export type Pattern = { kind: "regex"; regex: RegExp } | { kind: "substring"; text: string };

export type Expr =
  | { kind: "and" | "or"; left: Expr; right: Expr }
  | { kind: "not"; inner: Expr }
  | { kind: "compare"; left: Operand; op: CompareOp; right: Operand }
  | { kind: "in"; operand: Operand; values: Literal[]; negated: boolean }
  | { kind: "like"; operand: Operand; pattern: Pattern; negated: boolean }
  | { kind: "ispresent"; field: string };

export interface SortKey {
  field: string;
  descending: boolean;
}

export type Command =
  | { kind: "fields"; fields: string[] }
  | { kind: "display"; fields: string[] }
  | { kind: "filter"; expr: Expr }
  | { kind: "sort"; keys: SortKey[] }
  | { kind: "limit"; count: number }
  /** `SOURCE logGroups(namePrefix: [...], class: [...])`: the query's first command; empty lists: every group, the STANDARD class. */
  | { kind: "source"; namePrefixes: string[]; classes: string[] }
  /** `filterIndex field in [...]` / `filterIndex field = value`: only indexed events whose field has one of the values. */
  | { kind: "filterIndex"; field: string; values: Literal[] };

export interface Query {
  commands: Command[];
}

/** A query the test server cannot run: the MalformedQueryException's QueryCompileError. */
export class QueryCompileError extends Error {
  constructor(
    readonly detail: string,
    readonly startCharOffset: number,
    readonly endCharOffset: number,
  ) {
    super(detail);
  }
}
