import type { ServiceType } from "../model";

/**
 * The node type of a service from its X-Ray style origin: the `origin` of a segment (what runs the
 * service: `AWS::EC2::Instance`, `AWS::ECS::Container`, `AWS::ElasticBeanstalk::Environment`,
 * `AWS::Lambda::Function`…) or of an inferred segment and an X-Ray service graph node (what was
 * called: `AWS::DynamoDB::Table`, `Database::SQL`, `remote`…).
 */
export function serviceTypeFromOrigin(origin: string | null): ServiceType {
  if (!origin) return "service";
  if (origin.startsWith("AWS::Lambda")) return "lambda";
  if (origin.startsWith("AWS::ECS") || origin.startsWith("AWS::EKS") || origin.startsWith("AWS::AppRunner")) return "container";
  if (origin.startsWith("AWS::EC2") || origin.startsWith("AWS::ElasticBeanstalk")) return "compute";
  if (origin.startsWith("AWS::ApiGateway") || origin.startsWith("AWS::AppSync") || origin.startsWith("AWS::ElasticLoadBalancing")) return "api-gateway";
  if (
    origin.startsWith("Database::") ||
    origin.startsWith("AWS::DynamoDB") ||
    origin.startsWith("AWS::RDS") ||
    origin.startsWith("AWS::Redshift") ||
    origin.startsWith("AWS::ElastiCache") ||
    origin.startsWith("AWS::DocDB") ||
    origin.startsWith("AWS::Neptune")
  ) {
    return "database";
  }
  if (origin.startsWith("AWS::SQS") || origin.startsWith("AWS::Kinesis")) return "queue";
  if (origin.startsWith("AWS::SNS") || origin.startsWith("AWS::Events") || origin.startsWith("AWS::EventBridge")) return "topic";
  if (origin.startsWith("AWS::S3")) return "storage";
  if (origin.startsWith("AWS::")) return "aws-service";
  if (origin === "remote") return "external";
  return "service";
}
