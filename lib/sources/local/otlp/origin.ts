/** The X-Ray style origin of the service that emitted telemetry, from its OTel resource. */
import type { Attributes } from "../../../model";

/** OTel `cloud.platform` values (semantic conventions) → X-Ray segment origins. */
const ORIGIN_BY_CLOUD_PLATFORM: ReadonlyMap<string, string> = new Map([
  ["aws_lambda", "AWS::Lambda::Function"],
  ["aws_ecs", "AWS::ECS::Container"],
  ["aws_eks", "AWS::EKS::Container"],
  ["aws_ec2", "AWS::EC2::Instance"],
  ["aws_elastic_beanstalk", "AWS::ElasticBeanstalk::Environment"],
  ["aws_api_gateway", "AWS::ApiGateway::Stage"],
]);

/** e.g. `{ "cloud.platform": "aws_lambda" }` → `AWS::Lambda::Function`; null when unknown. */
export function originFromResource(attributes: Attributes): string | null {
  const platform = attributes["cloud.platform"];
  return typeof platform === "string" ? (ORIGIN_BY_CLOUD_PLATFORM.get(platform) ?? null) : null;
}
