import type { ServiceType } from "../model";

/** The node type of a service that emits its own spans, from its X-Ray style origin. */
export function serviceTypeFromOrigin(origin: string | null): ServiceType {
  if (!origin) return "service";
  if (origin.startsWith("AWS::Lambda")) return "lambda";
  if (origin.startsWith("AWS::ECS") || origin.startsWith("AWS::EKS")) return "container";
  if (origin.startsWith("AWS::EC2") || origin.startsWith("AWS::ElasticBeanstalk")) return "compute";
  if (origin.startsWith("AWS::ApiGateway")) return "api-gateway";
  if (origin.startsWith("AWS::DynamoDB") || origin.startsWith("AWS::RDS")) return "database";
  if (origin.startsWith("AWS::SQS")) return "queue";
  if (origin.startsWith("AWS::SNS")) return "topic";
  if (origin.startsWith("AWS::S3")) return "storage";
  if (origin.startsWith("AWS::")) return "aws-service";
  if (origin === "remote") return "external";
  return "service";
}
