/**
 * Validates the deployment examples in deploy/ (scripts/validate-deploy.ts is the command; README,
 * Deploy): placeholders, then ECS (ecs.ts) and Kubernetes (kubernetes.ts), then one type check of
 * every document against its API's declarations (type-check.ts). Returns every problem found.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { Context } from "./context";
import { checkEcs } from "./ecs";
import { exportedNames } from "./env";
import { readmePolicyActions } from "./iam";
import { imageEnv, imageVolumes } from "./image";
import { checkKubernetes } from "./kubernetes";
import { parsePlaceholders, placeholdersIn } from "./placeholders";
import { type Problem, reporter } from "./problems";
import { typeCheck } from "./type-check";

/** Every file deploy/ holds; another one would go unchecked, so it is a problem too. */
const FILES = [
  "placeholders.json",
  "ecs/alb-listener-rule.json",
  "ecs/service.json",
  "ecs/target-group.json",
  "ecs/task-definition.json",
  "ecs/task-role-policy.json",
  "ecs/task-role-trust-policy.json",
  "kubernetes/deployment.yaml",
  "kubernetes/irsa-trust-policy.json",
  "kubernetes/kustomization.yaml",
  "kubernetes/pdb.yaml",
  "kubernetes/pod-identity-trust-policy.json",
  "kubernetes/service.yaml",
  "kubernetes/serviceaccount.yaml",
];

function listFiles(dir: string, base = ""): string[] {
  return readdirSync(path.join(dir, base), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? listFiles(dir, path.posix.join(base, e.name)) : [path.posix.join(base, e.name)],
  );
}

export interface Options {
  /** The repository: README.md, Dockerfile and e2e/support/serve-aws.sh are read from it. */
  root: string;
  /** The examples, relative to root (default deploy). */
  deployDir?: string;
}

export function validateDeploy({ root, deployDir = "deploy" }: Options): { problems: Problem[]; files: string[] } {
  const problems: Problem[] = [];
  const files = listFiles(path.join(root, deployDir)).sort();
  for (const f of files)
    if (!FILES.includes(f))
      problems.push({ file: path.join(deployDir, f), message: "not a file the validator knows: add its checks to scripts/validate-deploy/" });

  const placeholderFile = path.join(deployDir, "placeholders.json");
  const examples = parsePlaceholders(readFileSync(path.join(root, placeholderFile), "utf8"), reporter(problems, placeholderFile)) ?? new Map<string, string>();
  const used = new Set<string>();
  for (const f of files.filter((x) => x !== "placeholders.json")) {
    for (const name of placeholdersIn(readFileSync(path.join(root, deployDir, f), "utf8"))) {
      used.add(name);
      if (!examples.has(name)) problems.push({ file: path.join(deployDir, f), message: `\${${name}} is not declared in ${placeholderFile}` });
    }
  }
  for (const name of examples.keys()) if (!used.has(name)) problems.push({ file: placeholderFile, message: `\${${name}} is used by no file` });

  const dockerfile = readFileSync(path.join(root, "Dockerfile"), "utf8");
  const ctx: Context = {
    root,
    deployDir,
    examples,
    imageEnv: imageEnv(dockerfile),
    imageVolumes: imageVolumes(dockerfile),
    journeyNames: exportedNames(readFileSync(path.join(root, "e2e/support/serve-aws.sh"), "utf8")),
    readmeActions: readmePolicyActions(readFileSync(path.join(root, "README.md"), "utf8")),
    typed: [],
    problems,
  };
  checkEcs(ctx);
  checkKubernetes(ctx);
  problems.push(...typeCheck(root, ctx.typed));
  return { problems, files: files.map((f) => path.join(deployDir, f)) };
}
