import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { placeholdersIn } from "./validate-deploy/placeholders";
import { validateDeploy } from "./validate-deploy/validate";

const ROOT = path.resolve(__dirname, "..");
const scratch = mkdtempSync(path.join(tmpdir(), "sightline-validate-deploy-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

let copies = 0;
/** A copy of what the validator reads, with `edit` applied to one of its files. */
function brokenCopy(file: string, edit: (text: string) => string): string {
  const root = path.join(scratch, String(copies++));
  mkdirSync(path.join(root, "e2e/support"), { recursive: true });
  cpSync(path.join(ROOT, "deploy"), path.join(root, "deploy"), { recursive: true });
  for (const f of ["README.md", "Dockerfile", "e2e/support/serve-aws.sh"]) cpSync(path.join(ROOT, f), path.join(root, f));
  // The type check resolves the SDK and kubernetes-models from the copy's node_modules.
  symlinkSync(path.join(ROOT, "node_modules"), path.join(root, "node_modules"), "dir");
  const target = path.join(root, file);
  const before = readFileSync(target, "utf8");
  const after = edit(before);
  if (after === before) throw new Error(`the edit of ${file} changed nothing`);
  writeFileSync(target, after);
  return root;
}

/** Replaces exactly one occurrence, so a test cannot silently edit nothing or the wrong place. */
const once = (find: string, replace: string) => (text: string) => {
  const at = text.indexOf(find);
  if (at < 0 || text.indexOf(find, at + 1) >= 0) throw new Error(`"${find}" is not in the file exactly once`);
  return text.slice(0, at) + replace + text.slice(at + find.length);
};

const messages = (root: string) => validateDeploy({ root }).problems.map((p) => `${p.file}: ${p.message}`);

describe("validate:deploy", () => {
  it("passes the examples as checked in", () => {
    const { problems, files } = validateDeploy({ root: ROOT });
    expect(problems).toEqual([]);
    expect(files).toContain("deploy/ecs/task-definition.json");
    expect(files).toContain("deploy/kubernetes/deployment.yaml");
  });

  it.each<[string, string, (t: string) => string, RegExp]>([
    // Kubernetes: the OpenAPI shapes.
    [
      "an unknown field",
      "deploy/kubernetes/deployment.yaml",
      once("readinessProbe:", "readinesProbe:"),
      /deployment\.yaml: .*'"readinesProbe"' does not exist in type 'IContainer'/,
    ],
    ["a wrong type", "deploy/kubernetes/deployment.yaml", once("replicas: 2", 'replicas: "2"'), /deployment\.yaml: .*spec\/replicas must be integer/],
    ["a bad quantity", "deploy/kubernetes/deployment.yaml", once("memory: 2Gi", "memory: 2 GB"), /limits\/memory must match format "quantity"/],
    [
      "an unknown field in a Service",
      "deploy/kubernetes/service.yaml",
      once("type: ClusterIP", "type: ClusterIP\n  sessionAffinityy: None"),
      /service\.yaml: .*'"sessionAffinityy"' does not exist/,
    ],
    // Kubernetes: what Sightline needs.
    [
      "a bad readiness path",
      "deploy/kubernetes/deployment.yaml",
      once("path: /api/ready", "path: /api/healthz"),
      /readinessProbe must be an httpGet of \/api\/ready, not \/api\/healthz/,
    ],
    [
      "a probe on another port",
      "deploy/kubernetes/deployment.yaml",
      once("path: /api/ready\n              port: http", "path: /api/ready\n              port: 8080"),
      /readinessProbe must probe port 3000 \(http\)/,
    ],
    [
      "a short grace period",
      "deploy/kubernetes/deployment.yaml",
      once("terminationGracePeriodSeconds: 30", "terminationGracePeriodSeconds: 10"),
      /terminationGracePeriodSeconds must be at least 15/,
    ],
    [
      "a writable root",
      "deploy/kubernetes/deployment.yaml",
      once("readOnlyRootFilesystem: true", "readOnlyRootFilesystem: false"),
      /readOnlyRootFilesystem must be true/,
    ],
    ["no /tmp volume", "deploy/kubernetes/deployment.yaml", once("mountPath: /tmp", "mountPath: /scratch"), /\/tmp must be a mounted volume/],
    ["one replica", "deploy/kubernetes/deployment.yaml", once("replicas: 2", "replicas: 1"), /replicas must be at least 2/],
    [
      "a Service on another port",
      "deploy/kubernetes/service.yaml",
      once("targetPort: http", "targetPort: 8080"),
      /targetPort 8080 is not the container's port/,
    ],
    ["a budget of zero", "deploy/kubernetes/pdb.yaml", once("minAvailable: 1", "minAvailable: 0"), /minAvailable must be 1/],
    [
      "no IRSA role",
      "deploy/kubernetes/serviceaccount.yaml",
      once("eks.amazonaws.com/role-arn: arn:aws:iam::${ACCOUNT_ID}:role/sightline", "example.com/note: none"),
      /role-arn annotation must be an IAM role ARN/,
    ],
    ["a manifest kustomize would not apply", "deploy/kubernetes/kustomization.yaml", once("  - pdb.yaml\n", ""), /resources does not list pdb\.yaml/],
    // The environment, through the server's parser.
    ["an unknown variable", "deploy/kubernetes/deployment.yaml", once("name: LOG_GROUPS", "name: LOG_GROUP"), /LOG_GROUP is not a variable the server reads/],
    [
      "an aws journey setting left out",
      "deploy/kubernetes/deployment.yaml",
      once("            - name: PUBLIC_URL\n              value: https://${SIGHTLINE_HOST}\n", ""),
      /PUBLIC_URL is not set, but the aws journeys run with it/,
    ],
    [
      "a value the server refuses",
      "deploy/ecs/task-definition.json",
      once('"value": "100"', '"value": "-1"'),
      /server would refuse to start: Invalid configuration: LOGS_SCAN_BUDGET_GB_PER_DAY must be a positive number/,
    ],
    ["a bad log group", "deploy/ecs/task-definition.json", once('"/ecs/*,/aws/lambda/*"', '"/ecs/*,*"'), /Invalid configuration: LOG_GROUPS entry "\*"/],
    [
      "a secret as a plain value",
      "deploy/kubernetes/deployment.yaml",
      once(
        "valueFrom:\n                secretKeyRef:\n                  name: sightline-auth\n                  key: password",
        "value: a-long-password-in-a-file",
      ),
      /AUTH_BASIC_PASSWORD is a secret: take it from the secret store/,
    ],
    [
      "static AWS keys",
      "deploy/ecs/task-definition.json",
      once('{ "name": "DATA_DIR", "value": "/data" }', '{ "name": "DATA_DIR", "value": "/data" }, { "name": "AWS_ACCESS_KEY_ID", "value": "AKIAEXAMPLE" }'),
      /AWS_ACCESS_KEY_ID must not be set in a deployment/,
    ],
    [
      "a build-time variable",
      "deploy/kubernetes/deployment.yaml",
      once("            - name: DATA_DIR\n", "            - name: NEXT_PUBLIC_SIGHTLINE_BUILD_LABEL\n              value: v1\n            - name: DATA_DIR\n"),
      /NEXT_PUBLIC_SIGHTLINE_BUILD_LABEL must not be set in a deployment: read at build time only/,
    ],
    // ECS: the API shapes.
    [
      "an unknown key in a container definition",
      "deploy/ecs/task-definition.json",
      once('"essential": true', '"essential": true, "healthcheck": {}'),
      /task-definition\.json: not a valid RegisterTaskDefinitionCommandInput: .*'"healthcheck"' does not exist in type 'ContainerDefinition'/,
    ],
    [
      "a wrong type",
      "deploy/ecs/task-definition.json",
      once('"cpu": "1024"', '"cpu": 1024'),
      /not a valid RegisterTaskDefinitionCommandInput: Type 'number' is not assignable to type 'string'/,
    ],
    [
      "a value outside an enum",
      "deploy/ecs/service.json",
      once('"launchType": "FARGATE"', '"launchType": "FARGATE_SPOT"'),
      /service\.json: not a valid CreateServiceCommandInput: .*FARGATE_SPOT/,
    ],
    [
      "a missing required member",
      "deploy/ecs/alb-listener-rule.json",
      once('"ListenerArn": "${LISTENER_ARN}",', ""),
      /not a valid CreateRuleCommandInput: .*Property 'ListenerArn' is missing in type/,
    ],
    // ECS: what Sightline needs.
    [
      "curl in the health check",
      "deploy/ecs/task-definition.json",
      once('"CMD", "node", "-e"', '"CMD", "curl", "-f"'),
      /healthCheck.command must be \["CMD", "node", "-e", …\]/,
    ],
    ["a short stop timeout", "deploy/ecs/task-definition.json", once('"stopTimeout": 15', '"stopTimeout": 5'), /stopTimeout must be 10–120 s/],
    ["a load balancer health check on liveness", "deploy/ecs/target-group.json", once('"/api/ready"', '"/api/health"'), /HealthCheckPath must be \/api\/ready/],
    [
      "forward before the login",
      "deploy/ecs/alb-listener-rule.json",
      once('"Order": 1', '"Order": 3'),
      /first action \(lowest Order\) must be authenticate-oidc/,
    ],
    [
      "a client secret in the file",
      "deploy/ecs/alb-listener-rule.json",
      once('"${OIDC_CLIENT_SECRET}"', '"s3cr3t"'),
      /ClientSecret must be the \$\{OIDC_CLIENT_SECRET\} placeholder/,
    ],
    [
      "no image placeholder",
      "deploy/ecs/task-definition.json",
      once('"image": "${IMAGE}"', '"image": "sightline:latest"'),
      /no container's image is the \$\{IMAGE\} placeholder/,
    ],
    // IAM: exactly the README's actions, the snapshot bucket only.
    [
      "an action more than the README's",
      "deploy/ecs/task-role-policy.json",
      once('"xray:BatchGetTraces",', '"xray:BatchGetTraces",\n        "xray:PutTraceSegments",'),
      /xray:PutTraceSegments is not in the README's IAM policy/,
    ],
    ["an action fewer", "deploy/ecs/task-role-policy.json", once('"logs:StopQuery", ', ""), /logs:StopQuery is missing: the README's IAM policy lists it/],
    [
      "S3 beyond the snapshot bucket",
      "deploy/ecs/task-role-policy.json",
      once('"arn:aws:s3:::${SNAPSHOT_BUCKET}/${SNAPSHOT_PREFIX}/*"', '"arn:aws:s3:::*"'),
      /is not in the snapshot bucket/,
    ],
    [
      "a key IAM does not know",
      "deploy/ecs/task-role-trust-policy.json",
      once('"Effect": "Allow"', '"Effect": "Allow", "Actions": "sts:AssumeRole"'),
      /not an IAM policy: .*Unrecognized key.*Actions/,
    ],
    ["a task volume the image does not declare", "Dockerfile", once('VOLUME ["/data", "/tmp"]', 'VOLUME ["/data"]'), /\/tmp must be a VOLUME of the image/],
    // Placeholders.
    [
      "an undeclared placeholder",
      "deploy/kubernetes/service.yaml",
      once("name: sightline\n  labels", "name: ${SERVICE_NAME}\n  labels"),
      /\$\{SERVICE_NAME\} is not declared in deploy\/placeholders\.json/,
    ],
  ])("fails on %s (%s)", (_what, file, edit, expected) => {
    const found = messages(brokenCopy(file, edit));
    expect(
      found.some((m) => expected.test(m)),
      `expected ${expected} among:\n${found.join("\n")}`,
    ).toBe(true);
  });

  it("reads YAML as kubectl does (1.1: `no` and `off` are booleans)", () => {
    const edit = once("allowPrivilegeEscalation: false", "allowPrivilegeEscalation: no\n            privileged: off");
    expect(messages(brokenCopy("deploy/kubernetes/deployment.yaml", edit))).toEqual([]);
  });

  it("fails on a file it does not know (it would go unchecked)", () => {
    const root = brokenCopy("deploy/kubernetes/pdb.yaml", (t) => t.replace("minAvailable: 1", "minAvailable: 1 # unchanged"));
    writeFileSync(path.join(root, "deploy/kubernetes/ingress.yaml"), "apiVersion: networking.k8s.io/v1\nkind: Ingress\n");
    const found = messages(root);
    expect(found).toContain("deploy/kubernetes/ingress.yaml: not a file the validator knows: add its checks to scripts/validate-deploy/");
    expect(found).toContain("deploy/kubernetes/kustomization.yaml: resources does not list ingress.yaml");
  });

  it("the README's walk-through fills every placeholder of the files it applies", () => {
    const readme = readFileSync(path.join(ROOT, "README.md"), "utf8");
    const vars = /^\s*VARS='([^']+)'$/m.exec(readme);
    expect(vars, "README: VARS='${…} …'").not.toBeNull();
    const filled = new Set(placeholdersIn(vars![1]));
    const applied = [
      "kubernetes/deployment.yaml",
      "kubernetes/service.yaml",
      "kubernetes/serviceaccount.yaml",
      "kubernetes/pdb.yaml",
      "kubernetes/irsa-trust-policy.json",
      "ecs/task-role-policy.json",
    ];
    const used = new Set(applied.flatMap((f) => placeholdersIn(readFileSync(path.join(ROOT, "deploy", f), "utf8"))));
    expect([...used].filter((n) => !filled.has(n))).toEqual([]);
    for (const n of used) expect(readme, `README exports ${n}`).toMatch(new RegExp(`export [^\\n]*\\b${n}=`));
  });
});
