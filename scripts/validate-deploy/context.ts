/** What every check of deploy/ shares: the repository, the placeholders' examples, the image's ENV… */
import { readFileSync } from "node:fs";
import path from "node:path";
import { parseAllDocuments } from "yaml";
import { withExamples, type Placeholders } from "./placeholders";
import { type Problem, reporter, type Report } from "./problems";
import type { TypedDocument } from "./type-check";

export interface Context {
  root: string;
  /** deploy/, relative to root. */
  deployDir: string;
  examples: Placeholders;
  imageEnv: Readonly<Record<string, string>>;
  /** The image's VOLUME paths. */
  imageVolumes: readonly string[];
  /** The variables the aws journeys' server is started with (e2e/support/serve-aws.sh). */
  journeyNames: readonly string[];
  /** The README's minimal IAM policy's actions. */
  readmeActions: readonly string[];
  /** Documents to type-check, all in one compiler run at the end. */
  typed: TypedDocument[];
  problems: Problem[];
}

/** A document as written (placeholders in) and as checked (the placeholders' examples in). */
export interface Loaded {
  file: string;
  raw: unknown;
  value: unknown;
  report: Report;
}

export const deployPath = (ctx: Context, rel: string) => path.join(ctx.deployDir, rel);

export function loadJson(ctx: Context, rel: string): Loaded | null {
  const file = deployPath(ctx, rel);
  const report = reporter(ctx.problems, file);
  try {
    const raw: unknown = JSON.parse(readFileSync(path.join(ctx.root, file), "utf8"));
    return { file, raw, value: withExamples(raw, ctx.examples), report };
  } catch (err) {
    report((err as NodeJS.ErrnoException).code === "ENOENT" ? "missing" : `not JSON: ${(err as Error).message}`);
    return null;
  }
}

/**
 * YAML as kubectl reads it: YAML 1.1 (sigs.k8s.io/yaml), so `on`, `yes` and `0755` mean what they
 * mean to the API server; duplicate keys are errors.
 */
export function loadYaml(ctx: Context, rel: string): Loaded[] {
  const file = deployPath(ctx, rel);
  const report = reporter(ctx.problems, file);
  let text: string;
  try {
    text = readFileSync(path.join(ctx.root, file), "utf8");
  } catch {
    report("missing");
    return [];
  }
  const out: Loaded[] = [];
  for (const doc of parseAllDocuments(text, { version: "1.1", uniqueKeys: true, prettyErrors: false })) {
    if (doc.errors.length > 0) {
      for (const e of doc.errors) report(`not YAML: ${e.message}`);
      continue;
    }
    const raw: unknown = doc.toJS();
    if (raw === null || raw === undefined) continue;
    out.push({ file, raw, value: withExamples(raw, ctx.examples), report });
  }
  return out;
}
