/**
 * deploy/ecs: the task definition, service, target group and listener rule against the ECS and
 * ELBv2 API shapes (type-check.ts), and what Sightline needs of them: Fargate in awsvpc, the port
 * the server listens on, a health check with node (the image has no curl) on /api/health, the load
 * balancer's on /api/ready, time to shut down, a read-only root with writable /tmp and DATA_DIR,
 * awslogs, the environment (env.ts), an OIDC login before every forward, and the task role's policy.
 */
import type { CreateServiceCommandInput, RegisterTaskDefinitionCommandInput } from "@aws-sdk/client-ecs";
import type { CreateRuleCommandInput, CreateTargetGroupCommandInput } from "@aws-sdk/client-elastic-load-balancing-v2";
import { type Context, loadJson } from "./context";
import { checkEnv, type EnvEntry } from "./env";
import { checkTaskRolePolicy, parsePolicy } from "./iam";
import { isPlaceholder } from "./placeholders";
import { isRecord } from "./problems";

/** The request shapes checked, by the names type-check.ts imports: tsc fails here if the SDK renames one. */
interface Shapes {
  RegisterTaskDefinitionCommandInput: RegisterTaskDefinitionCommandInput;
  CreateServiceCommandInput: CreateServiceCommandInput;
  CreateTargetGroupCommandInput: CreateTargetGroupCommandInput;
  CreateRuleCommandInput: CreateRuleCommandInput;
}
const MODULES: Readonly<Record<keyof Shapes, string>> = {
  RegisterTaskDefinitionCommandInput: "@aws-sdk/client-ecs",
  CreateServiceCommandInput: "@aws-sdk/client-ecs",
  CreateTargetGroupCommandInput: "@aws-sdk/client-elastic-load-balancing-v2",
  CreateRuleCommandInput: "@aws-sdk/client-elastic-load-balancing-v2",
};
const shape = (type: keyof Shapes) => ({ module: MODULES[type], type });

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (isRecord(v) ? v : {});
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

export function checkEcs(ctx: Context): void {
  const td = loadJson(ctx, "ecs/task-definition.json");
  const service = loadJson(ctx, "ecs/service.json");
  const targetGroup = loadJson(ctx, "ecs/target-group.json");
  const rule = loadJson(ctx, "ecs/alb-listener-rule.json");
  const rolePolicy = loadJson(ctx, "ecs/task-role-policy.json");
  const trustPolicy = loadJson(ctx, "ecs/task-role-trust-policy.json");

  if (td) ctx.typed.push({ file: td.file, ...shape("RegisterTaskDefinitionCommandInput"), value: td.value });
  if (service) ctx.typed.push({ file: service.file, ...shape("CreateServiceCommandInput"), value: service.value });
  if (targetGroup) ctx.typed.push({ file: targetGroup.file, ...shape("CreateTargetGroupCommandInput"), value: targetGroup.value });
  if (rule) ctx.typed.push({ file: rule.file, ...shape("CreateRuleCommandInput"), value: rule.value });

  if (rolePolicy) {
    const p = parsePolicy(rolePolicy.raw, "identity", rolePolicy.report);
    if (p) checkTaskRolePolicy(p, ctx.readmeActions, rolePolicy.report);
  }
  if (trustPolicy) {
    const p = parsePolicy(trustPolicy.raw, "trust", trustPolicy.report);
    if (p && !p.Statement.some((s) => JSON.stringify(s.Principal ?? "").includes("ecs-tasks.amazonaws.com")))
      trustPolicy.report("the task role must trust ecs-tasks.amazonaws.com");
  }

  // The task definition.
  let container: { name: string; port: number } | null = null;
  if (td) {
    const t = obj(td.value);
    const say = td.report;
    if (t.networkMode !== "awsvpc") say('networkMode must be "awsvpc" (Fargate)');
    if (!arr(t.requiresCompatibilities).includes("FARGATE")) say("requiresCompatibilities must include FARGATE");
    const raw = arr(obj(td.raw).containerDefinitions).map(obj);
    const c = arr(t.containerDefinitions).map(obj);
    const i = raw.findIndex((d) => isPlaceholder(d.image, "IMAGE"));
    if (i < 0) say("no container's image is the ${IMAGE} placeholder: the image is the operator's to give");
    else {
      const def = c[i];
      const where = `container ${String(def.name)}`;
      const entries: EnvEntry[] = [
        ...arr(def.environment).map((e) => ({ name: String(obj(e).name), value: String(obj(e).value ?? ""), fromSecret: false })),
        ...arr(def.secrets).map((e) => ({ name: String(obj(e).name), fromSecret: true })),
      ];
      for (const s of arr(def.secrets).map(obj)) {
        if (!/^arn:aws:(secretsmanager|ssm):/.test(String(s.valueFrom)))
          say(`${where}: secret ${String(s.name)} must come from Secrets Manager or SSM Parameter Store (an ARN)`);
      }
      const env = checkEnv(entries, ctx.imageEnv, ctx.journeyNames, (m) => say(`${where}: ${m}`));
      const port = Number(env.PORT ?? 3000);
      const ports = arr(def.portMappings).map((p) => obj(p).containerPort);
      if (!ports.includes(port)) say(`${where}: portMappings must map containerPort ${port}, the port the server listens on (PORT)`);
      container = { name: String(def.name), port };

      const hc = arr(obj(def.healthCheck).command).map(String);
      if (hc[0] !== "CMD" || hc[1] !== "node") say(`${where}: healthCheck.command must be ["CMD", "node", "-e", …]: the image has node, no curl or wget`);
      if (!hc.join(" ").includes(`127.0.0.1:${port}/api/health`)) say(`${where}: healthCheck must fetch http://127.0.0.1:${port}/api/health (liveness)`);
      const stop = Number(def.stopTimeout ?? 30);
      if (!(stop >= 10 && stop <= 120)) say(`${where}: stopTimeout must be 10–120 s: the server takes up to 9 s to shut down`);

      if (def.readonlyRootFilesystem !== true) say(`${where}: readonlyRootFilesystem must be true`);
      const volumes = new Set(arr(t.volumes).map((v) => obj(v).name));
      const mounts = arr(def.mountPoints).map(obj);
      for (const dir of ["/tmp", env.DATA_DIR]) {
        const m = mounts.find((p) => p.containerPath === dir);
        if (!m)
          say(
            `${where}: ${dir} must be a mounted volume (the root file system is read-only; ${dir === "/tmp" ? "SQLite's temporary files" : "DATA_DIR: the snapshot store"})`,
          );
        else if (m.readOnly === true || !volumes.has(m.sourceVolume)) say(`${where}: ${dir} must be a writable task volume`);
        else if (!ctx.imageVolumes.includes(dir))
          say(
            `${where}: ${dir} must be a VOLUME of the image (Dockerfile): Fargate mounts a task volume anywhere else as root's, 0755, unwritable for the image's user`,
          );
      }
      const log = obj(def.logConfiguration);
      const opts = obj(log.options);
      if (log.logDriver !== "awslogs" || !opts["awslogs-group"] || !opts["awslogs-region"] || !opts["awslogs-stream-prefix"])
        say(`${where}: logConfiguration must be awslogs with awslogs-group, awslogs-region and awslogs-stream-prefix`);
    }
  }

  // The target group: the load balancer's health check is readiness.
  if (targetGroup) {
    const g = obj(targetGroup.value);
    if (g.HealthCheckPath !== "/api/ready")
      targetGroup.report("HealthCheckPath must be /api/ready (readiness: 503 while draining or when AWS does not answer)");
    if (g.TargetType !== "ip") targetGroup.report('TargetType must be "ip" (awsvpc tasks)');
    if (container && g.Port !== container.port) targetGroup.report(`Port must be ${container.port}, the container's`);
  }

  // The service runs the task definition behind that target group.
  if (service) {
    const s = obj(service.value);
    if (td && s.taskDefinition !== obj(td.value).family) service.report("taskDefinition must be the task definition's family");
    if (s.launchType !== "FARGATE") service.report("launchType must be FARGATE");
    const lb = arr(s.loadBalancers).map(obj);
    if (lb.length !== 1) service.report("one load balancer target group");
    for (const l of lb) {
      if (container && (l.containerName !== container.name || l.containerPort !== container.port))
        service.report(`loadBalancers must name container ${container.name} on port ${container.port}`);
      if (!isPlaceholder(obj(arr(obj(service.raw).loadBalancers)[0]).targetGroupArn, "TARGET_GROUP_ARN"))
        service.report("targetGroupArn must be ${TARGET_GROUP_ARN}");
    }
  }

  // The listener rule: log in first (OIDC), then forward; the client secret never in the file.
  if (rule) {
    const actions = arr(obj(rule.value).Actions)
      .map(obj)
      .sort((a, b) => Number(a.Order) - Number(b.Order));
    const rawActions = arr(obj(rule.raw).Actions).map(obj);
    if (actions[0]?.Type !== "authenticate-oidc")
      rule.report("the first action (lowest Order) must be authenticate-oidc: every request is signed in before it reaches Sightline");
    if (actions.at(-1)?.Type !== "forward" || actions.length !== 2) rule.report("exactly two actions: authenticate-oidc, then forward");
    const oidc = rawActions.map((a) => obj(a.AuthenticateOidcConfig)).find((c) => "ClientSecret" in c);
    if (oidc && !isPlaceholder(oidc.ClientSecret, "OIDC_CLIENT_SECRET"))
      rule.report("ClientSecret must be the ${OIDC_CLIENT_SECRET} placeholder, filled from Secrets Manager when applied: never a secret in a file");
    const forward = rawActions.find((a) => a.Type === "forward");
    if (forward && !isPlaceholder(forward.TargetGroupArn, "TARGET_GROUP_ARN"))
      rule.report("forward must go to ${TARGET_GROUP_ARN}, the service's target group");
  }
}
