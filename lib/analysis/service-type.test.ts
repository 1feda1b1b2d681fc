import { describe, expect, it } from "vitest";
import type { ServiceType } from "../model";
import { serviceTypeFromOrigin } from "./service-type";

describe("serviceTypeFromOrigin", () => {
  it("gives every origin X-Ray documents its node type", () => {
    const types: [string | null, ServiceType][] = [
      // Segment origins (what runs the service).
      ["AWS::EC2::Instance", "compute"],
      ["AWS::ECS::Container", "container"],
      ["AWS::EKS::Container", "container"],
      ["AWS::ElasticBeanstalk::Environment", "compute"],
      ["AWS::Lambda", "lambda"],
      ["AWS::Lambda::Function", "lambda"],
      ["AWS::ApiGateway::Stage", "api-gateway"],
      ["AWS::AppSync::GraphQLAPI", "api-gateway"],
      ["AWS::ElasticLoadBalancing::LoadBalancer", "api-gateway"],
      // Inferred origins (what was called).
      ["Database::SQL", "database"],
      ["AWS::DynamoDB::Table", "database"],
      ["AWS::RDS::DBInstance", "database"],
      ["AWS::SQS::Queue", "queue"],
      ["AWS::Kinesis::Stream", "queue"],
      ["AWS::SNS", "topic"],
      ["AWS::SNS::Topic", "topic"],
      ["AWS::S3::Bucket", "storage"],
      ["AWS::StepFunctions::StateMachine", "aws-service"],
      ["AWS::STS", "aws-service"],
      ["remote", "external"],
      [null, "service"],
      ["something else", "service"],
    ];
    expect(types.map(([origin]) => [origin, serviceTypeFromOrigin(origin)])).toEqual(types);
  });
});
