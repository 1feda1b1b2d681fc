/**
 * A subset of the X-Ray filter expression language, parsed (not pattern-matched):
 *
 *   service("name")                      the trace passes through a node of that name
 *   responsetime | duration  <op> N      seconds (root response time / whole trace)
 *   http.status <op> N                   the root segment's response status
 *   http.url | http.method = "…"         the root segment's request (also CONTAINS "…")
 *   annotation.KEY <op> value            any segment's annotation
 *   user = "name"
 *   rootcause.fault|error.exception.name|message = "…"   an exception of a faulting (or erroring)
 *                                        entity: any such entity, where X-Ray takes the deepest
 *   ok | error | fault | throttle | partial   (optionally `= true|false`)
 *   AND / && , OR / || , NOT / ! , parentheses
 *
 * with <op> one of = != < <= > >= and, for strings, CONTAINS (a case-sensitive substring). Anything else is an InvalidRequestException naming the
 * position, so a query Sightline builds that X-Ray might not understand fails loudly here too.
 */
import type { TraceFacts } from "./trace-summary";

type Op = "=" | "!=" | "<" | "<=" | ">" | ">=" | "CONTAINS";
type Literal = string | number | boolean;
type Flag = "ok" | "error" | "fault" | "throttle" | "partial";

export type FilterNode =
  | { kind: "and" | "or"; left: FilterNode; right: FilterNode }
  | { kind: "not"; inner: FilterNode }
  | { kind: "service"; name: string }
  | { kind: "flag"; flag: Flag; value: boolean }
  | { kind: "compare"; field: string; op: Op; value: Literal };

type Token =
  | { t: "ident"; v: string; at: number }
  | { t: "string"; v: string; at: number }
  | { t: "number"; v: number; at: number }
  | { t: "punct"; v: string; at: number }
  | { t: "end"; at: number };

export class FilterSyntaxError extends Error {
  constructor(
    readonly detail: string,
    readonly position: number,
  ) {
    super(`${detail} at position ${position}`);
  }
}

function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (/\s/.test(c)) {
      i += 1;
      continue;
    }
    const at = i;
    if (c === '"') {
      let v = "";
      i += 1;
      while (i < src.length && src[i] !== '"') {
        if (src[i] === "\\" && i + 1 < src.length) i += 1;
        v += src[i];
        i += 1;
      }
      if (i >= src.length) throw new FilterSyntaxError("unterminated string", at);
      i += 1;
      out.push({ t: "string", v, at });
      continue;
    }
    const number = /^-?\d+(\.\d+)?/.exec(src.slice(i));
    if (number) {
      out.push({ t: "number", v: Number(number[0]), at });
      i += number[0].length;
      continue;
    }
    const ident = /^[A-Za-z_][A-Za-z0-9_.]*/.exec(src.slice(i));
    if (ident) {
      out.push({ t: "ident", v: ident[0], at });
      i += ident[0].length;
      continue;
    }
    const punct = /^(!=|<=|>=|&&|\|\||[=<>()!])/.exec(src.slice(i));
    if (punct) {
      out.push({ t: "punct", v: punct[0], at });
      i += punct[0].length;
      continue;
    }
    throw new FilterSyntaxError(`unexpected character '${c}'`, at);
  }
  out.push({ t: "end", at: src.length });
  return out;
}

const FLAGS: readonly string[] = ["ok", "error", "fault", "throttle", "partial"];
const NUMERIC_FIELDS: readonly string[] = ["responsetime", "duration", "http.status"];
const ROOT_CAUSE_FIELDS: readonly string[] = [
  "rootcause.fault.exception.name",
  "rootcause.fault.exception.message",
  "rootcause.error.exception.name",
  "rootcause.error.exception.message",
];
const STRING_FIELDS: readonly string[] = ["http.url", "http.method", "user", ...ROOT_CAUSE_FIELDS];

class Parser {
  private i = 0;
  constructor(private readonly tokens: Token[]) {}

  private peek(): Token {
    return this.tokens[this.i];
  }
  private next(): Token {
    return this.tokens[this.i++];
  }
  private isWord(word: string): boolean {
    const tok = this.peek();
    return tok.t === "ident" && tok.v.toUpperCase() === word;
  }
  private isPunct(p: string): boolean {
    const tok = this.peek();
    return tok.t === "punct" && tok.v === p;
  }
  private expectPunct(p: string): void {
    if (!this.isPunct(p)) throw new FilterSyntaxError(`expected '${p}'`, this.peek().at);
    this.i += 1;
  }

  parse(): FilterNode {
    const node = this.or();
    if (this.peek().t !== "end") throw new FilterSyntaxError("unexpected input", this.peek().at);
    return node;
  }

  private or(): FilterNode {
    let left = this.and();
    while (this.isWord("OR") || this.isPunct("||")) {
      this.i += 1;
      left = { kind: "or", left, right: this.and() };
    }
    return left;
  }

  private and(): FilterNode {
    let left = this.unary();
    while (this.isWord("AND") || this.isPunct("&&")) {
      this.i += 1;
      left = { kind: "and", left, right: this.unary() };
    }
    return left;
  }

  private unary(): FilterNode {
    if (this.isWord("NOT") || this.isPunct("!")) {
      this.i += 1;
      return { kind: "not", inner: this.unary() };
    }
    if (this.isPunct("(")) {
      this.i += 1;
      const inner = this.or();
      this.expectPunct(")");
      return inner;
    }
    return this.atom();
  }

  private op(): Op {
    const tok = this.peek();
    if (tok.t === "ident" && tok.v.toUpperCase() === "CONTAINS") {
      this.i += 1;
      return "CONTAINS";
    }
    if (tok.t === "punct" && ["=", "!=", "<", "<=", ">", ">="].includes(tok.v)) {
      this.i += 1;
      return tok.v as Op;
    }
    throw new FilterSyntaxError("expected a comparison operator", tok.at);
  }

  private literal(): Literal {
    const tok = this.next();
    if (tok.t === "string" || tok.t === "number") return tok.v;
    if (tok.t === "ident" && (tok.v === "true" || tok.v === "false")) return tok.v === "true";
    throw new FilterSyntaxError("expected a value", tok.at);
  }

  private atom(): FilterNode {
    const tok = this.next();
    if (tok.t !== "ident") throw new FilterSyntaxError("expected a keyword, a field or service(…)", tok.at);
    const word = tok.v.toLowerCase();
    if (word === "service") {
      this.expectPunct("(");
      const name = this.next();
      if (name.t !== "string") throw new FilterSyntaxError('service() takes a quoted name (service("name"))', name.at);
      this.expectPunct(")");
      return { kind: "service", name: name.v };
    }
    if (FLAGS.includes(word)) {
      if (!this.isPunct("=") && !this.isPunct("!=")) return { kind: "flag", flag: word as Flag, value: true };
      const negate = this.isPunct("!=");
      this.i += 1;
      const value = this.literal();
      if (typeof value !== "boolean") throw new FilterSyntaxError(`${word} compares to true or false`, tok.at);
      return { kind: "flag", flag: word as Flag, value: negate ? !value : value };
    }
    if (NUMERIC_FIELDS.includes(word)) {
      const op = this.op();
      const at = this.peek().at;
      const value = this.literal();
      if (typeof value !== "number" || op === "CONTAINS") throw new FilterSyntaxError(`${word} compares to a number`, at);
      return { kind: "compare", field: word, op, value };
    }
    if (STRING_FIELDS.includes(word)) {
      const op = this.op();
      if (op !== "=" && op !== "!=" && op !== "CONTAINS") throw new FilterSyntaxError(`${word} supports =, != and CONTAINS only`, tok.at);
      return { kind: "compare", field: word, op, value: this.literal() };
    }
    if (/^annotation\.[A-Za-z0-9_]+$/i.test(tok.v)) {
      return { kind: "compare", field: `annotation.${tok.v.slice("annotation.".length)}`, op: this.op(), value: this.literal() };
    }
    throw new FilterSyntaxError(`unsupported keyword or field '${tok.v}'`, tok.at);
  }
}

export function parseFilterExpression(source: string): FilterNode {
  return new Parser(tokenize(source)).parse();
}

function compare(actual: unknown, op: Op, expected: Literal): boolean {
  if (actual === null || actual === undefined) return false;
  if (op === "CONTAINS") return typeof actual === "string" && typeof expected === "string" && actual.includes(expected);
  if (typeof expected === "number") {
    if (typeof actual !== "number") return false;
    switch (op) {
      case "=":
        return actual === expected;
      case "!=":
        return actual !== expected;
      case "<":
        return actual < expected;
      case "<=":
        return actual <= expected;
      case ">":
        return actual > expected;
      case ">=":
        return actual >= expected;
    }
  }
  if (op === "=") return actual === expected;
  if (op === "!=") return actual !== expected;
  return false;
}

function fieldValue(facts: TraceFacts, field: string): unknown[] {
  const root = facts.trace.root.raw;
  const http = typeof root.http === "object" && root.http !== null ? (root.http as Record<string, unknown>) : {};
  const request = typeof http.request === "object" && http.request !== null ? (http.request as Record<string, unknown>) : {};
  switch (field) {
    case "responsetime":
      return [facts.responseTime];
    case "duration":
      return [facts.trace.duration];
    case "http.status":
      return [facts.httpStatus];
    case "http.url":
      return [request.url];
    case "http.method":
      return [request.method];
    case "user":
      return facts.users;
    case "rootcause.fault.exception.name":
      return facts.exceptions.fault.map((e) => e.name);
    case "rootcause.fault.exception.message":
      return facts.exceptions.fault.map((e) => e.message);
    case "rootcause.error.exception.name":
      return facts.exceptions.error.map((e) => e.name);
    case "rootcause.error.exception.message":
      return facts.exceptions.error.map((e) => e.message);
    default:
      return facts.annotations.get(field.slice("annotation.".length)) ?? [];
  }
}

export function matchesFilter(node: FilterNode, facts: TraceFacts): boolean {
  switch (node.kind) {
    case "and":
      return matchesFilter(node.left, facts) && matchesFilter(node.right, facts);
    case "or":
      return matchesFilter(node.left, facts) || matchesFilter(node.right, facts);
    case "not":
      return !matchesFilter(node.inner, facts);
    case "service":
      return facts.trace.docs.some((d) => d.name === node.name);
    case "flag": {
      const flags: Record<Flag, boolean> = {
        ok: !facts.hasFault && !facts.hasError && !facts.hasThrottle,
        error: facts.hasError,
        fault: facts.hasFault,
        throttle: facts.hasThrottle,
        partial: facts.isPartial,
      };
      return flags[node.flag] === node.value;
    }
    case "compare":
      return fieldValue(facts, node.field).some((v) => compare(v, node.op, node.value));
  }
}
