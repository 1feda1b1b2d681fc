/**
 * IAM policy documents: the grammar's shape (no key IAM does not know, the right types), and the
 * task role's permissions: exactly the X-Ray and CloudWatch Logs actions the README's minimal
 * policy lists (the ones Sightline calls), plus the snapshot store's S3 actions on the snapshot
 * bucket and prefix only.
 */
import { z } from "zod";
import { isPlaceholder } from "./placeholders";
import type { Report } from "./problems";

const oneOrMore = z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]);
const ACTION = /^[a-z0-9-]+:[A-Za-z0-9*]+$/;
const actions = z.union([z.string().regex(ACTION), z.array(z.string().regex(ACTION)).min(1)]);

const statement = z.strictObject({
  Sid: z
    .string()
    .regex(/^[A-Za-z0-9]+$/, "a Sid is letters and digits")
    .optional(),
  Effect: z.enum(["Allow", "Deny"]),
  Principal: z.union([z.literal("*"), z.partialRecord(z.enum(["AWS", "Service", "Federated", "CanonicalUser"]), oneOrMore)]).optional(),
  Action: actions,
  Resource: oneOrMore.optional(),
  Condition: z.record(z.string(), z.record(z.string(), oneOrMore)).optional(),
});

const policy = z.strictObject({
  Version: z.literal("2012-10-17"),
  Id: z.string().optional(),
  Statement: z.array(statement).min(1),
});

type Policy = z.infer<typeof policy>;
type Statement = z.infer<typeof statement>;

const list = (v: string | string[] | undefined): string[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

export function parsePolicy(doc: unknown, kind: "identity" | "trust", report: Report): Policy | null {
  const r = policy.safeParse(doc);
  if (!r.success) {
    for (const issue of r.error.issues) report(`not an IAM policy: ${issue.path.join(".") || "(root)"}: ${issue.message}`);
    return null;
  }
  r.data.Statement.forEach((s, i) => {
    if (kind === "identity" && s.Principal !== undefined) report(`Statement ${i}: an identity policy names no Principal`);
    if (kind === "identity" && s.Resource === undefined) report(`Statement ${i}: no Resource`);
    if (kind === "trust" && s.Principal === undefined) report(`Statement ${i}: a trust policy names its Principal`);
    if (kind === "trust" && list(s.Action).some((a) => !a.startsWith("sts:"))) report(`Statement ${i}: a trust policy allows sts: actions only`);
    if (list(s.Action).some((a) => a.includes("*"))) report(`Statement ${i}: no wildcard actions`);
  });
  return r.data;
}

/** Every action of the README's minimal IAM policy (the first JSON block after "## On AWS"). */
export function readmePolicyActions(readme: string): string[] {
  const section = readme.split(/^## On AWS$/m)[1];
  const block = section && /```json\n([\s\S]*?)\n```/.exec(section);
  if (!block) throw new Error('README.md: no JSON policy block in "On AWS"');
  const doc = policy.parse(JSON.parse(block[1]));
  return doc.Statement.flatMap((s) => list(s.Action));
}

const SNAPSHOT_ACTIONS = ["s3:DeleteObject", "s3:GetObject", "s3:ListBucket", "s3:PutObject"];

/**
 * The task role's policy (raw: placeholders not yet substituted): the README's actions on "*",
 * and the S3 actions of the snapshot store on ${SNAPSHOT_BUCKET} (and its prefix) only.
 */
export function checkTaskRolePolicy(doc: Policy, readmeActions: readonly string[], report: Report): void {
  const onAnyResource = (s: Statement) => list(s.Resource).includes("*");
  const readSet = new Set(readmeActions);
  const granted = doc.Statement.filter((s) => s.Effect === "Allow");
  const wide = new Set(granted.filter(onAnyResource).flatMap((s) => list(s.Action)));
  for (const a of readmeActions) if (!wide.has(a)) report(`${a} is missing: the README's IAM policy lists it (Sightline calls it)`);
  for (const a of wide) if (!readSet.has(a)) report(`${a} is not in the README's IAM policy: exactly the actions Sightline calls, nothing more`);

  const s3 = granted.filter((s) => !onAnyResource(s));
  const s3Actions = new Set(s3.flatMap((s) => list(s.Action)));
  for (const a of s3Actions)
    if (!SNAPSHOT_ACTIONS.includes(a)) report(`${a}: only the snapshot store's S3 actions (${SNAPSHOT_ACTIONS.join(", ")}) may be granted beyond the README's`);
  for (const a of SNAPSHOT_ACTIONS) if (!s3Actions.has(a)) report(`${a} is missing: the shared snapshot store (SNAPSHOT_STORE) needs it`);
  for (const s of s3) {
    for (const r of list(s.Resource)) {
      const bucket = /^arn:aws:s3:::([^/]+)(\/.*)?$/.exec(r);
      if (!bucket || !isPlaceholder(bucket[1], "SNAPSHOT_BUCKET"))
        report(`${s.Sid ?? "a statement"}: ${r} is not in the snapshot bucket (arn:aws:s3:::\${SNAPSHOT_BUCKET}…)`);
      else if (bucket[2] !== undefined && !bucket[2].startsWith("/${SNAPSHOT_PREFIX}/"))
        report(`${s.Sid ?? "a statement"}: ${r} is outside the snapshot prefix`);
    }
    if (list(s.Action).includes("s3:ListBucket") && !s.Condition?.StringLike?.["s3:prefix"])
      report(`${s.Sid ?? "a statement"}: s3:ListBucket without an s3:prefix condition lists the whole bucket`);
  }
  if (doc.Statement.some((s) => s.Effect === "Deny")) report("no Deny statements: the policy grants exactly what is needed");
}
