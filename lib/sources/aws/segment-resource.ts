/**
 * The resource (the emitting process) of an X-Ray segment, in OpenTelemetry resource
 * semantic conventions: the `aws` block's ec2/ecs/eks/elastic_beanstalk/xray details, the Lambda
 * function ARN, the CloudWatch log groups the process writes to, and the `service` block.
 * Subsegments share their segment's resource. Keys without an equivalent keep their X-Ray path.
 */
import type { Attributes } from "../../model";
import { type JsonRecord, asRecord, asString, isRecord, recordAt, stringAt, toAttributeValue } from "../../json-value";

/** X-Ray origins → OTel `cloud.platform` (the inverse of the local source's mapping). */
const PLATFORM_BY_ORIGIN: ReadonlyMap<string, string> = new Map([
  ["AWS::Lambda::Function", "aws_lambda"],
  ["AWS::ECS::Container", "aws_ecs"],
  ["AWS::EKS::Container", "aws_eks"],
  ["AWS::EC2::Instance", "aws_ec2"],
  ["AWS::ElasticBeanstalk::Environment", "aws_elastic_beanstalk"],
  ["AWS::ApiGateway::Stage", "aws_api_gateway"],
]);

/** Keys of a segment's `aws` block that describe the process, not the request: read here, left out of the span attributes. */
export const RESOURCE_AWS_KEYS: ReadonlySet<string> = new Set([
  "ec2",
  "ecs",
  "eks",
  "elastic_beanstalk",
  "xray",
  "account_id",
  "function_arn",
  "cloudwatch_logs",
]);

const BLOCK_KEYS: Readonly<Record<string, ReadonlyMap<string, string>>> = {
  ec2: new Map([
    ["instance_id", "host.id"],
    ["availability_zone", "cloud.availability_zone"],
    ["instance_size", "host.type"],
    ["ami_id", "host.image.id"],
  ]),
  ecs: new Map([
    ["container", "container.name"],
    ["container_id", "container.id"],
    ["container_arn", "aws.ecs.container.arn"],
    ["task_arn", "aws.ecs.task.arn"],
    ["task_family", "aws.ecs.task.family"],
    ["cluster_arn", "aws.ecs.cluster.arn"],
    ["launch_type", "aws.ecs.launchtype"],
  ]),
  eks: new Map([
    ["cluster_name", "k8s.cluster.name"],
    ["pod", "k8s.pod.name"],
    ["container_id", "container.id"],
  ]),
  // As the OpenTelemetry Elastic Beanstalk resource detector names them.
  elastic_beanstalk: new Map([
    ["environment_name", "service.namespace"],
    ["version_label", "service.version"],
    ["deployment_id", "service.instance.id"],
  ]),
  xray: new Map([
    ["sdk", "telemetry.sdk.name"],
    ["sdk_version", "telemetry.sdk.version"],
  ]),
};

const SERVICE_KEYS: ReadonlyMap<string, string> = new Map([
  ["version", "service.version"],
  ["runtime", "process.runtime.name"],
  ["runtime_version", "process.runtime.version"],
]);

/** BLOCK_KEYS as a list, with each block's attribute path prefix joined once. */
const BLOCKS: readonly { block: string; prefix: string; keys: ReadonlyMap<string, string> }[] = Object.keys(BLOCK_KEYS).map((block) => ({
  block,
  prefix: `aws.${block}.`,
  keys: BLOCK_KEYS[block],
}));

function addBlock(into: Attributes, prefix: string, block: JsonRecord, keys: ReadonlyMap<string, string>): void {
  for (const key of Object.keys(block)) {
    const value = block[key];
    const name = keys.get(key);
    // deployment_id is a number in X-Ray; service.instance.id is a string.
    const converted = name === "service.instance.id" && typeof value === "number" ? String(value) : toAttributeValue(value);
    into[name ?? prefix + key] = converted;
  }
}

/** `arn:aws:lambda:us-west-2:123456789012:function:random-name` → region, account, function name. */
function addArn(into: Attributes, arn: string): void {
  into["cloud.resource_id"] = arn;
  const [prefix, , service, region, account, type, name] = arn.split(":");
  if (prefix !== "arn") return;
  if (region) into["cloud.region"] = region;
  if (account) into["cloud.account.id"] = account;
  if (service === "lambda" && type === "function" && name) into["faas.name"] = name;
}

function addLogGroups(into: Attributes, entries: readonly unknown[]): void {
  const names: string[] = [];
  const arns: string[] = [];
  for (const entry of entries) {
    if (!isRecord(entry)) continue;
    const name = stringAt(entry, "log_group");
    if (name !== null) names.push(name);
    const arn = stringAt(entry, "arn");
    if (arn !== null) arns.push(arn);
  }
  if (names.length) into["aws.log.group.names"] = names;
  if (arns.length) into["aws.log.group.arns"] = arns;
}

export function segmentResource(segment: JsonRecord, service: string, origin: string | null): Attributes {
  const resource: Attributes = { "service.name": service, "cloud.provider": "aws" };
  const platform = origin ? PLATFORM_BY_ORIGIN.get(origin) : undefined;
  if (platform) resource["cloud.platform"] = platform;

  const aws = asRecord(segment.aws);
  if (aws) {
    for (const { block, prefix, keys } of BLOCKS) {
      const value = recordAt(aws, block);
      if (value) addBlock(resource, prefix, value, keys);
    }
    const account = asString(aws.account_id);
    if (account) resource["cloud.account.id"] = account;
    const logs = aws.cloudwatch_logs;
    if (Array.isArray(logs)) addLogGroups(resource, logs);
  }
  const arn = (aws && asString(aws.function_arn)) ?? asString(segment.resource_arn);
  if (arn) addArn(resource, arn);
  if (origin?.startsWith("AWS::Lambda") && resource["faas.name"] === undefined) resource["faas.name"] = service;

  const serviceBlock = asRecord(segment.service);
  if (serviceBlock) addBlock(resource, "service.", serviceBlock, SERVICE_KEYS);
  return resource;
}
