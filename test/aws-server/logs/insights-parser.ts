/**
 * Parses a Logs Insights query into commands. Supported: `SOURCE logGroups(namePrefix: [...],
 * class: [...])` as the first command (at most 5 prefixes, as documented in
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/CWL_QuerySyntax-Source.html),
 * `filterIndex f in [...]` / `filterIndex f = v`
 * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/CWL_QuerySyntax-FilterIndex.html),
 * `fields` and `display` (field names),
 * `filter` / `where` (=, !=, <, <=, >, >=, in [...], not in, like /re/ or "substring", not like,
 * =~ /re/, ispresent(f), and, or, not, parentheses; `toMillis(@timestamp)` / `toMillis(@ingestionTime)` as
 * an operand, the one function evaluated), `sort f asc|desc, …`, `limit N`.
 * Anything else is a QueryCompileError with its character offsets: the test server says plainly
 * what it does not run instead of answering a query it did not understand.
 */
import { type Command, type CompareOp, type Expr, type Literal, type Operand, type Pattern, type Query, QueryCompileError, type SortKey } from "./insights-ast";
import { type Token, tokenize } from "./insights-lexer";

const COMMANDS = new Set(["fields", "display", "filter", "where", "sort", "limit", "filterindex", "source"]);
const UNSUPPORTED_COMMANDS = new Set(["stats", "parse", "dedup", "unmask", "pattern", "diff", "anomaly", "lookup", "unnest"]);
/** SOURCE logGroups(namePrefix: …) takes at most five prefixes. */
const MAX_SOURCE_PREFIXES = 5;
const LOG_GROUP_CLASS_VALUES = new Set(["STANDARD", "INFREQUENT_ACCESS"]);
const KEYWORDS = new Set(["and", "or", "not", "in", "like", "asc", "desc", "as", "by"]);
const COMPARE_OPS: readonly string[] = ["=", "!=", "<", "<=", ">", ">="];
const MAX_LIMIT = 100_000;
/** The fields that hold a timestamp, the only ones toMillis() takes here. */
const TIME_FIELDS: ReadonlySet<string> = new Set(["@timestamp", "@ingestionTime"]);

function fail(detail: string, tok: Token): never {
  throw new QueryCompileError(detail, tok.at, tok.end);
}

/** A /regex/ of the query as a JS RegExp: a leading (?i) becomes the i flag. */
function compileRegex(tok: Token & { t: "regex" }): RegExp {
  let body = tok.v;
  let flags = "";
  if (body.startsWith("(?i)")) {
    flags = "i";
    body = body.slice(4);
  }
  if (/\(\?[a-zA-Z]/.test(body)) fail("the AWS test server supports an inline flag only as a leading (?i)", tok);
  try {
    return new RegExp(body, flags);
  } catch (error) {
    return fail(`invalid regular expression: ${error instanceof Error ? error.message : String(error)}`, tok);
  }
}

class Parser {
  private i = 0;
  constructor(private readonly tokens: Token[]) {}

  private peek(): Token {
    return this.tokens[this.i];
  }
  private next(): Token {
    return this.tokens[this.i++];
  }
  private isPunct(p: string): boolean {
    const tok = this.peek();
    return tok.t === "punct" && tok.v === p;
  }
  private isKeyword(word: string): boolean {
    const tok = this.peek();
    return tok.t === "word" && !tok.quoted && tok.v.toLowerCase() === word;
  }
  private expectPunct(p: string): void {
    if (!this.isPunct(p)) fail(`expected '${p}'`, this.peek());
    this.i += 1;
  }

  parse(): Query {
    const commands: Command[] = [this.command(true)];
    while (this.isPunct("|")) {
      this.i += 1;
      commands.push(this.command(false));
    }
    if (commands.filter((c) => c.kind === "filterIndex").length > 1) fail("the AWS test server runs one filterIndex command a query", this.peek());
    const tok = this.peek();
    if (tok.t !== "end") fail(`unexpected ${tok.t === "punct" ? `'${tok.v}'` : "input"}: commands are separated by |`, tok);
    return { commands };
  }

  private command(first: boolean): Command {
    const tok = this.next();
    if (tok.t !== "word" || tok.quoted) return fail("expected a command (fields, display, filter, sort, limit)", tok);
    const name = tok.v.toLowerCase();
    if (UNSUPPORTED_COMMANDS.has(name)) fail(`the AWS test server does not run the '${name}' command`, tok);
    if (!COMMANDS.has(name)) fail(`unknown command '${tok.v}'`, tok);
    switch (name) {
      case "source":
        if (!first) fail("SOURCE must be the first command of the query", tok);
        return this.source();
      case "filterindex":
        return this.filterIndex();
      case "fields":
        return { kind: "fields", fields: this.fieldList() };
      case "display":
        return { kind: "display", fields: this.fieldList() };
      case "sort":
        return { kind: "sort", keys: this.sortKeys() };
      case "limit":
        return { kind: "limit", count: this.limitCount() };
      default:
        return { kind: "filter", expr: this.or() };
    }
  }

  /** `logGroups(namePrefix: ['a', 'b'], class: ['STANDARD'])`. */
  private source(): Command {
    const head = this.next();
    if (head.t !== "word" || head.v !== "logGroups") fail("SOURCE takes logGroups(…) (the AWS test server has no data sources)", head);
    this.expectPunct("(");
    const lists = new Map<string, string[]>();
    while (!this.isPunct(")")) {
      if (lists.size > 0) this.expectPunct(",");
      const key = this.next();
      if (key.t !== "word" || (key.v !== "namePrefix" && key.v !== "class")) {
        fail("logGroups() takes namePrefix: [...] and class: [...] here (the AWS test server has one account)", key);
      }
      if (lists.has(key.v)) fail(`${key.v} given twice`, key);
      this.expectPunct(":");
      const at = this.peek();
      const values = this.literalList().map((v) => (typeof v === "string" ? v : fail("logGroups() lists hold strings", at)));
      if (key.v === "namePrefix" && values.length > MAX_SOURCE_PREFIXES) fail(`namePrefix takes at most ${MAX_SOURCE_PREFIXES} prefixes`, at);
      if (key.v === "class" && values.some((v) => !LOG_GROUP_CLASS_VALUES.has(v))) fail("class takes STANDARD or INFREQUENT_ACCESS", at);
      lists.set(key.v, values);
    }
    this.expectPunct(")");
    return { kind: "source", namePrefixes: lists.get("namePrefix") ?? [], classes: lists.get("class") ?? [] };
  }

  /** `filterIndex field in [...]` or `filterIndex field = value`. */
  private filterIndex(): Command {
    const field = this.fieldName();
    if (this.isKeyword("in")) {
      this.i += 1;
      return { kind: "filterIndex", field, values: this.literalList() };
    }
    if (this.isPunct("=")) {
      this.i += 1;
      const tok = this.next();
      if (tok.t !== "string" && tok.t !== "number") fail("filterIndex compares with a string or a number", tok);
      return { kind: "filterIndex", field, values: [tok.v] };
    }
    return fail("filterIndex takes 'field in [...]' or 'field = value'", this.peek());
  }

  private fieldName(): string {
    const tok = this.next();
    if (tok.t !== "word" || (!tok.quoted && KEYWORDS.has(tok.v.toLowerCase()))) return fail("expected a field name", tok);
    if (this.isPunct("(")) fail(`the AWS test server does not evaluate functions ('${tok.v}(…)')`, tok);
    return tok.v;
  }

  private fieldList(): string[] {
    const fields = [this.fieldName()];
    while (this.isPunct(",")) {
      this.i += 1;
      fields.push(this.fieldName());
    }
    if (this.isKeyword("as")) fail("the AWS test server does not compute fields ('as')", this.peek());
    return fields;
  }

  private sortKeys(): SortKey[] {
    const keys: SortKey[] = [];
    do {
      if (keys.length > 0) this.i += 1;
      const field = this.fieldName();
      let descending = false;
      if (this.isKeyword("desc")) {
        descending = true;
        this.i += 1;
      } else if (this.isKeyword("asc")) this.i += 1;
      keys.push({ field, descending });
    } while (this.isPunct(","));
    return keys;
  }

  private limitCount(): number {
    const tok = this.next();
    if (tok.t !== "number" || !Number.isInteger(tok.v) || tok.v < 1 || tok.v > MAX_LIMIT) {
      return fail(`limit takes a whole number from 1 to ${MAX_LIMIT}`, tok);
    }
    return tok.v;
  }

  private or(): Expr {
    let left = this.and();
    while (this.isKeyword("or")) {
      this.i += 1;
      left = { kind: "or", left, right: this.and() };
    }
    return left;
  }

  private and(): Expr {
    let left = this.unary();
    while (this.isKeyword("and")) {
      this.i += 1;
      left = { kind: "and", left, right: this.unary() };
    }
    return left;
  }

  private unary(): Expr {
    if (this.isKeyword("not")) {
      this.i += 1;
      return { kind: "not", inner: this.unary() };
    }
    if (this.isPunct("(")) {
      this.i += 1;
      const inner = this.or();
      this.expectPunct(")");
      return inner;
    }
    if (this.isKeyword("ispresent")) {
      this.i += 1;
      this.expectPunct("(");
      const tok = this.next();
      if (tok.t !== "word") fail("ispresent() takes a field name", tok);
      this.expectPunct(")");
      return { kind: "ispresent", field: tok.v };
    }
    return this.comparison();
  }

  private operand(): Operand {
    const tok = this.peek();
    if (tok.t === "string" || tok.t === "number") {
      this.i += 1;
      return { kind: "literal", value: tok.v };
    }
    if (tok.t === "word" && !tok.quoted && (tok.v === "true" || tok.v === "false")) {
      this.i += 1;
      return { kind: "literal", value: tok.v === "true" };
    }
    if (tok.t === "word" && !tok.quoted && tok.v.toLowerCase() === "tomillis") {
      const next = this.tokens[this.i + 1];
      if (next?.t === "punct" && next.v === "(") return this.toMillis();
    }
    return { kind: "field", name: this.fieldName() };
  }

  /** `toMillis(@timestamp)`: the only function the test server evaluates. */
  private toMillis(): Operand {
    this.i += 2;
    const tok = this.next();
    if (tok.t !== "word" || !TIME_FIELDS.has(tok.v)) fail("the AWS test server evaluates toMillis() of @timestamp or @ingestionTime only", tok);
    this.expectPunct(")");
    return { kind: "toMillis", field: tok.v };
  }

  private literalList(): Literal[] {
    this.expectPunct("[");
    const values: Literal[] = [];
    if (!this.isPunct("]")) {
      do {
        if (values.length > 0) this.i += 1;
        const tok = this.next();
        if (tok.t !== "string" && tok.t !== "number") fail("a list holds strings and numbers", tok);
        values.push(tok.v);
      } while (this.isPunct(","));
    }
    this.expectPunct("]");
    return values;
  }

  private pattern(): Pattern {
    const tok = this.next();
    if (tok.t === "regex") return { kind: "regex", regex: compileRegex(tok) };
    if (tok.t === "string") return { kind: "substring", text: tok.v };
    return fail('like takes /regular expression/ or a "substring"', tok);
  }

  private comparison(): Expr {
    const operand = this.operand();
    const tok = this.peek();
    if (tok.t === "punct" && COMPARE_OPS.includes(tok.v)) {
      this.i += 1;
      return { kind: "compare", left: operand, op: tok.v as CompareOp, right: this.operand() };
    }
    if (tok.t === "punct" && tok.v === "=~") {
      this.i += 1;
      const re = this.next();
      if (re.t !== "regex") fail("=~ takes a /regular expression/", re);
      return { kind: "like", operand, pattern: { kind: "regex", regex: compileRegex(re) }, negated: false };
    }
    let negated = false;
    if (this.isKeyword("not")) {
      negated = true;
      this.i += 1;
    }
    if (this.isKeyword("in")) {
      this.i += 1;
      return { kind: "in", operand, values: this.literalList(), negated };
    }
    if (this.isKeyword("like")) {
      this.i += 1;
      return { kind: "like", operand, pattern: this.pattern(), negated };
    }
    return fail("expected a comparison (=, !=, <, >, in, like, =~)", this.peek());
  }
}

export function parseQuery(source: string): Query {
  return new Parser(tokenize(source)).parse();
}
