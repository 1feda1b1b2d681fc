/**
 * deploy/kubernetes: every manifest against the Kubernetes OpenAPI schemas twice, through
 * kubernetes-models (npm): its JSON-schema validators at run time (types, required fields,
 * int32 and quantity formats, int-or-string) and its TypeScript declarations (type-check.ts:
 * unknown fields, which the JSON schemas let through, and enums). Then what Sightline needs: probes
 * on /api/ready and /api/health at the port the server listens on, time to shut down, non-root
 * with a read-only root and writable /tmp and DATA_DIR, resources, two replicas and a disruption
 * budget that keeps one, an IAM role for the service account, and the environment (env.ts).
 */
import { readdirSync } from "node:fs";
import path from "node:path";
import { Deployment } from "kubernetes-models/apps/v1/Deployment";
import { PodDisruptionBudget } from "kubernetes-models/policy/v1/PodDisruptionBudget";
import { Service } from "kubernetes-models/v1/Service";
import { ServiceAccount } from "kubernetes-models/v1/ServiceAccount";
import { z } from "zod";
import { type Context, deployPath, loadJson, type Loaded, loadYaml } from "./context";
import { checkEnv, type EnvEntry } from "./env";
import { parsePolicy } from "./iam";
import { isPlaceholder } from "./placeholders";
import { isRecord, type Report } from "./problems";

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (isRecord(v) ? v : {});
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

interface Kind {
  apiVersion: string;
  validate(doc: unknown): void;
  module: string;
  type: string;
}

/** The kinds the examples use, each with its validator and its declaration. */
const KINDS: Readonly<Record<string, Kind>> = {
  Deployment: {
    apiVersion: "apps/v1",
    validate: (d) => new Deployment(d as never).validate(),
    module: "kubernetes-models/apps/v1/Deployment",
    type: "IDeployment",
  },
  Service: { apiVersion: "v1", validate: (d) => new Service(d as never).validate(), module: "kubernetes-models/v1/Service", type: "IService" },
  ServiceAccount: {
    apiVersion: "v1",
    validate: (d) => new ServiceAccount(d as never).validate(),
    module: "kubernetes-models/v1/ServiceAccount",
    type: "IServiceAccount",
  },
  PodDisruptionBudget: {
    apiVersion: "policy/v1",
    validate: (d) => new PodDisruptionBudget(d as never).validate(),
    module: "kubernetes-models/policy/v1/PodDisruptionBudget",
    type: "IPodDisruptionBudget",
  },
};

const kustomization = z.strictObject({
  apiVersion: z.literal("kustomize.config.k8s.io/v1beta1"),
  kind: z.literal("Kustomization"),
  namespace: z.string().regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/),
  resources: z.array(z.string()).min(1),
});

const matches = (selector: unknown, labels: unknown) => {
  const s = Object.entries(obj(selector));
  return s.length > 0 && s.every(([k, v]) => obj(labels)[k] === v);
};

export function checkKubernetes(ctx: Context): void {
  const dir = deployPath(ctx, "kubernetes");
  const [k] = loadYaml(ctx, "kubernetes/kustomization.yaml");
  const kz = k ? kustomization.safeParse(k.value) : null;
  if (k && kz && !kz.success) for (const issue of kz.error.issues) k.report(`${issue.path.join(".") || "(root)"}: ${issue.message}`);
  const manifests = readdirSync(path.join(ctx.root, dir))
    .filter((f) => f.endsWith(".yaml") && f !== "kustomization.yaml")
    .sort();
  const resources = kz?.success ? kz.data.resources : [];
  if (k) {
    for (const f of manifests) if (!resources.includes(f)) k.report(`resources does not list ${f}`);
    for (const r of resources) if (!manifests.includes(r)) k.report(`resources lists ${r}, which is not in ${dir}`);
  }

  const docs: (Loaded & { kind: string; name: string })[] = [];
  for (const f of manifests) {
    for (const d of loadYaml(ctx, `kubernetes/${f}`)) {
      const v = obj(d.value);
      const kind = KINDS[String(v.kind)];
      const name = String(obj(v.metadata).name ?? "");
      const label = `${String(v.kind)} ${name}`;
      if (!kind) {
        d.report(`${label}: kind ${String(v.kind)} is not one this validator knows (${Object.keys(KINDS).join(", ")})`);
        continue;
      }
      if (v.apiVersion !== kind.apiVersion) d.report(`${label}: apiVersion must be ${kind.apiVersion}`);
      if (!name) d.report(`${label}: metadata.name is required`);
      if (obj(v.metadata).namespace !== undefined) d.report(`${label}: no metadata.namespace: kustomization.yaml sets it`);
      try {
        kind.validate(d.value);
      } catch (err) {
        d.report(`${label}: not a valid ${String(v.kind)} (Kubernetes OpenAPI schema): ${(err as Error).message}`);
      }
      ctx.typed.push({ file: d.file, label, module: kind.module, type: kind.type, value: d.value });
      docs.push({ ...d, kind: String(v.kind), name });
    }
  }

  const deployments = docs.filter((d) => d.kind === "Deployment");
  if (deployments.length !== 1) {
    ctx.problems.push({ file: dir, message: `one Deployment, not ${deployments.length}` });
    return;
  }
  const pod = checkDeployment(ctx, deployments[0], docs);

  for (const d of docs) {
    const spec = obj(obj(d.value).spec);
    if (d.kind === "Service") {
      if (!matches(spec.selector, pod.labels)) d.report(`Service ${d.name}: selector must select the Deployment's pods`);
      for (const p of arr(spec.ports).map(obj)) {
        const target = p.targetPort ?? p.port;
        if (target !== pod.portName && target !== pod.port)
          d.report(`Service ${d.name}: targetPort ${String(target)} is not the container's port (${pod.portName ?? pod.port})`);
      }
    }
    if (d.kind === "PodDisruptionBudget") {
      if (!matches(obj(spec.selector).matchLabels, pod.labels)) d.report(`PodDisruptionBudget ${d.name}: selector must select the Deployment's pods`);
      if (spec.minAvailable !== 1) d.report(`PodDisruptionBudget ${d.name}: minAvailable must be 1 (one replica always serves, one may be evicted)`);
    }
    if (d.kind === "ServiceAccount") {
      const arn = obj(obj(d.value).metadata).annotations;
      const roleArn = obj(arn)["eks.amazonaws.com/role-arn"];
      if (typeof roleArn !== "string" || !/^arn:aws:iam::\d{12}:role\/[\w+=,.@/-]+$/.test(roleArn))
        d.report(`ServiceAccount ${d.name}: the eks.amazonaws.com/role-arn annotation must be an IAM role ARN (IRSA)`);
    }
  }
  if (!docs.some((d) => d.kind === "PodDisruptionBudget")) ctx.problems.push({ file: dir, message: "no PodDisruptionBudget" });
  if (!docs.some((d) => d.kind === "Service")) ctx.problems.push({ file: dir, message: "no Service" });

  for (const [file, principal] of [
    ["kubernetes/irsa-trust-policy.json", "oidc-provider/"],
    ["kubernetes/pod-identity-trust-policy.json", "pods.eks.amazonaws.com"],
  ] as const) {
    const t = loadJson(ctx, file);
    const p = t && parsePolicy(t.raw, "trust", t.report);
    if (t && p && !p.Statement.some((s) => JSON.stringify(s.Principal ?? "").includes(principal))) t.report(`the role must trust ${principal}`);
  }
}

interface Pod {
  labels: unknown;
  port: number;
  portName: string | undefined;
}

function checkDeployment(ctx: Context, d: Loaded & { name: string; kind: string }, docs: readonly { kind: string; name: string }[]): Pod {
  const say: Report = (m) => d.report(`Deployment ${d.name}: ${m}`);
  const spec = obj(obj(d.value).spec);
  const podSpec = obj(obj(spec.template).spec);
  const labels = obj(obj(spec.template).metadata).labels;
  if (!matches(obj(spec.selector).matchLabels, labels)) say("selector.matchLabels must select the pod template's labels");
  if (!(Number(spec.replicas ?? 1) >= 2)) say("replicas must be at least 2");
  if (!(Number(podSpec.terminationGracePeriodSeconds ?? 30) >= 15))
    say("terminationGracePeriodSeconds must be at least 15: preStop, then up to 9 s of shutdown (lib/shutdown.ts)");
  const sa = podSpec.serviceAccountName;
  if (!docs.some((x) => x.kind === "ServiceAccount" && x.name === sa)) say(`serviceAccountName must be the ServiceAccount of these manifests (its IAM role)`);

  const rawContainers = arr(obj(obj(obj(obj(d.raw).spec).template).spec).containers).map(obj);
  const containers = arr(podSpec.containers).map(obj);
  const i = rawContainers.findIndex((c) => isPlaceholder(c.image, "IMAGE"));
  if (i < 0) {
    say("no container's image is the ${IMAGE} placeholder: the image is the operator's to give");
    return { labels, port: 3000, portName: undefined };
  }
  const c = containers[i];
  const where = `container ${String(c.name)}`;

  const entries: EnvEntry[] = [];
  for (const e of arr(c.env).map(obj)) {
    const from = obj(e.valueFrom);
    if (e.valueFrom === undefined) entries.push({ name: String(e.name), value: String(e.value ?? ""), fromSecret: false });
    else if (from.secretKeyRef !== undefined && Object.keys(from).length === 1) entries.push({ name: String(e.name), fromSecret: true });
    else say(`${where}: ${String(e.name)}: only value and valueFrom.secretKeyRef can be checked against the server's parser`);
  }
  if (c.envFrom !== undefined) say(`${where}: no envFrom: every variable by name, so each can be checked`);
  const env = checkEnv(entries, ctx.imageEnv, ctx.journeyNames, (m) => say(`${where}: ${m}`));

  const port = Number(env.PORT ?? 3000);
  const cp = arr(c.ports)
    .map(obj)
    .find((p) => p.containerPort === port);
  if (!cp) say(`${where}: ports must declare containerPort ${port}, the port the server listens on (PORT)`);
  const portName = typeof cp?.name === "string" ? cp.name : undefined;

  const probe = (key: string, pathWanted: string, required: boolean) => {
    const p = c[key];
    if (p === undefined) {
      if (required) say(`${where}: ${key} is required (${pathWanted})`);
      return;
    }
    const get = obj(obj(p).httpGet);
    if (get.path !== pathWanted) say(`${where}: ${key} must be an httpGet of ${pathWanted}, not ${String(get.path ?? "(none)")}`);
    if (get.port !== port && (portName === undefined || get.port !== portName))
      say(`${where}: ${key} must probe port ${port}${portName ? ` (${portName})` : ""}`);
  };
  probe("readinessProbe", "/api/ready", true);
  probe("livenessProbe", "/api/health", true);
  probe("startupProbe", "/api/health", false);

  const podSec = obj(podSpec.securityContext);
  const sec = obj(c.securityContext);
  if (sec.runAsNonRoot !== true && podSec.runAsNonRoot !== true) say(`${where}: runAsNonRoot must be true`);
  if (sec.runAsUser === 0 || podSec.runAsUser === 0) say(`${where}: never run as uid 0`);
  if (sec.readOnlyRootFilesystem !== true) say(`${where}: securityContext.readOnlyRootFilesystem must be true`);
  if (sec.allowPrivilegeEscalation !== false) say(`${where}: securityContext.allowPrivilegeEscalation must be false`);

  const volumes = new Map(arr(podSpec.volumes).map((v) => [obj(v).name, obj(v)]));
  const mounts = arr(c.volumeMounts).map(obj);
  for (const dir of ["/tmp", env.DATA_DIR]) {
    const m = mounts.find((x) => x.mountPath === dir);
    if (!m)
      say(
        `${where}: ${dir} must be a mounted volume (the root file system is read-only; ${dir === "/tmp" ? "SQLite's temporary files" : "DATA_DIR: the snapshot store"})`,
      );
    else if (m.readOnly === true || !volumes.get(m.name)?.emptyDir) say(`${where}: ${dir} must be a writable emptyDir`);
  }

  const res = obj(c.resources);
  if (!obj(res.requests).cpu || !obj(res.requests).memory) say(`${where}: resources.requests must give cpu and memory`);
  if (!obj(res.limits).memory) say(`${where}: resources.limits must give memory`);
  return { labels, port, portName };
}
