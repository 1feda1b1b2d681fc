/**
 * The `${NAME}` placeholders of deploy/: declared with an example value in deploy/placeholders.json,
 * substituted by `envsubst` when applying (README, Deploy). The validator checks every placeholder
 * used is declared (and every declared one used), then validates the files with the examples in.
 */
import { z } from "zod";
import { isRecord, type Report } from "./problems";

const PLACEHOLDER = /\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

const declarations = z.record(
  z.string().regex(/^[A-Z][A-Z0-9_]*$/, "placeholder names are upper case"),
  z.strictObject({ example: z.string().min(1), meaning: z.string().min(1) }),
);

export type Placeholders = ReadonlyMap<string, string>;

/** The declared placeholders and their example values, or null (reported) when the file is malformed. */
export function parsePlaceholders(text: string, report: Report): Placeholders | null {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    report(`not JSON: ${(err as Error).message}`);
    return null;
  }
  const r = declarations.safeParse(raw);
  if (!r.success) {
    for (const issue of r.error.issues) report(`${issue.path.join(".") || "(root)"}: ${issue.message}`);
    return null;
  }
  for (const [name, { example }] of Object.entries(r.data)) {
    if (example.match(PLACEHOLDER)) report(`${name}'s example holds a placeholder`);
  }
  return new Map(Object.entries(r.data).map(([name, d]) => [name, d.example]));
}

/** The placeholder names a file's text uses (comments included: envsubst replaces them too). */
export function placeholdersIn(text: string): string[] {
  return [...text.matchAll(PLACEHOLDER)].map((m) => m[1]);
}

/** `value` with every placeholder in its strings (and keys) replaced by its example. */
export function withExamples(value: unknown, examples: Placeholders): unknown {
  const sub = (s: string) => s.replace(PLACEHOLDER, (whole, name: string) => examples.get(name) ?? whole);
  if (typeof value === "string") return sub(value);
  if (Array.isArray(value)) return value.map((v) => withExamples(v, examples));
  if (isRecord(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [sub(k), withExamples(v, examples)]));
  return value;
}

/** `s` is exactly one placeholder (a value left to the operator, such as a secret or the image). */
export const isPlaceholder = (s: unknown, name?: string): boolean =>
  typeof s === "string" && /^\$\{[A-Za-z_][A-Za-z0-9_]*\}$/.test(s) && (name === undefined || s === `\${${name}}`);
