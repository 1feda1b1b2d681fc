/**
 * Tokens of the Logs Insights language: field names (`@message`, `a.b`, `` `odd-name` ``),
 * strings ('…' or "…"), regular expressions (/…/, `\/` for a slash), numbers, punctuation,
 * `|` between commands, and `#` comments to the end of the line.
 */
import { QueryCompileError } from "./insights-ast";

export type Token =
  | { t: "word"; v: string; at: number; end: number; quoted: boolean }
  | { t: "string"; v: string; at: number; end: number }
  | { t: "regex"; v: string; at: number; end: number }
  | { t: "number"; v: number; at: number; end: number }
  | { t: "punct"; v: string; at: number; end: number }
  | { t: "end"; at: number; end: number };

const PUNCT = /^(!=|<=|>=|=~|[=<>(),[\]|])/;
const WORD = /^[@A-Za-z_][A-Za-z0-9_.@$]*/;
const NUMBER = /^-?\d+(\.\d+)?([eE][-+]?\d+)?/;

function readDelimited(src: string, start: number, close: string, what: string): { body: string; next: number } {
  let i = start + 1;
  let body = "";
  while (i < src.length && src[i] !== close) {
    if (src[i] === "\\" && i + 1 < src.length) {
      // Strings drop the backslash of an escape; regexes keep it (except before the delimiter).
      const escaped = src[i + 1];
      body += close === "/" && escaped !== "/" ? `\\${escaped}` : escaped;
      i += 2;
      continue;
    }
    if (src[i] === "\n" && close !== "/") break;
    body += src[i];
    i += 1;
  }
  if (i >= src.length || src[i] !== close) throw new QueryCompileError(`unterminated ${what}`, start, Math.min(i, src.length - 1));
  return { body, next: i + 1 };
}

export function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (/\s/.test(c)) {
      i += 1;
      continue;
    }
    if (c === "#") {
      while (i < src.length && src[i] !== "\n") i += 1;
      continue;
    }
    const at = i;
    if (c === '"' || c === "'") {
      const { body, next } = readDelimited(src, i, c, "string");
      out.push({ t: "string", v: body, at, end: next - 1 });
      i = next;
      continue;
    }
    if (c === "/") {
      const { body, next } = readDelimited(src, i, "/", "regular expression");
      out.push({ t: "regex", v: body, at, end: next - 1 });
      i = next;
      continue;
    }
    if (c === "`") {
      const { body, next } = readDelimited(src, i, "`", "quoted field name");
      out.push({ t: "word", v: body, at, end: next - 1, quoted: true });
      i = next;
      continue;
    }
    const rest = src.slice(i);
    const prev = out[out.length - 1];
    const number = NUMBER.exec(rest);
    // "-1" is a number only where a value may start (not right after a value: "a -1" is not a thing here).
    if (number && (c !== "-" || !prev || prev.t === "punct")) {
      out.push({ t: "number", v: Number(number[0]), at, end: at + number[0].length - 1 });
      i += number[0].length;
      continue;
    }
    const word = WORD.exec(rest);
    if (word) {
      out.push({ t: "word", v: word[0], at, end: at + word[0].length - 1, quoted: false });
      i += word[0].length;
      continue;
    }
    const punct = PUNCT.exec(rest);
    if (punct) {
      out.push({ t: "punct", v: punct[0], at, end: at + punct[0].length - 1 });
      i += punct[0].length;
      continue;
    }
    // Anything else is a token of its own: the parser says where it does not fit, so an
    // unsupported command is reported as such, not as the first odd character inside it.
    out.push({ t: "punct", v: c, at, end: at });
    i += 1;
  }
  out.push({ t: "end", at: src.length, end: src.length });
  return out;
}
