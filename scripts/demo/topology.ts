/**
 * The simulated system: an AWS serverless + container shop.
 *
 *   client → API Gateway (checkout-api) → auth Lambda (auth-authorizer)
 *                                       → ECS service (orders-service) → Aurora PostgreSQL
 *                                                                      → payments provider (HTTPS)
 *                                                                      → SQS order-events → Lambda (order-worker) → DynamoDB
 *
 * Each service is one OpenTelemetry Resource: what its process would report about itself.
 */
import type { Attributes } from "@opentelemetry/api";
import type { Random } from "./random";

export const REGION = "eu-west-1";
export const ACCOUNT_ID = "123456789012";

export const AURORA = {
  endpoint: "shop-prod.cluster-c9akciq32xyz.eu-west-1.rds.amazonaws.com",
  port: 5432,
  database: "shop",
  user: "orders_app",
};

export const PAYMENTS = {
  host: "api.payments-provider.example",
  chargesUrl: "https://api.payments-provider.example/v1/charges",
  timeoutMs: 10_000,
};

export const ORDER_EVENTS_QUEUE = {
  name: "order-events",
  url: `https://sqs.${REGION}.amazonaws.com/${ACCOUNT_ID}/order-events`,
  arn: `arn:aws:sqs:${REGION}:${ACCOUNT_ID}:order-events`,
};

export const ORDER_TRACKING_TABLE = "order-tracking";

export const COGNITO_JWKS_URL = `https://cognito-idp.${REGION}.amazonaws.com/${REGION}_Q9xK2mPzT/.well-known/jwks.json`;

export const PUBLIC_HOST = "api.shop.example.com";

export const REST_API = { id: "k3x9q2w7ab", stage: "prod" };

export type ServiceName = "checkout-api" | "auth-authorizer" | "orders-service" | "order-worker";
export const SERVICE_NAMES: readonly ServiceName[] = ["checkout-api", "auth-authorizer", "orders-service", "order-worker"];

/** How the service writes its log lines. */
type LogStyle =
  /** API Gateway access logging with a JSON format (one line per request). */
  | "apigateway-access"
  /** Lambda Powertools Logger: JSON lines, correlated by the X-Ray trace ID in the body. */
  | "powertools"
  /** pino in a container, shipped with OTel: JSON lines, and the OTLP record carries the span context. */
  | "pino";

interface LambdaFunction {
  name: string;
  arn: string;
  memorySizeMb: number;
}

export interface ServiceDefinition {
  name: ServiceName;
  resource: Attributes;
  logStyle: LogStyle;
  /** Present for Lambda functions: what their platform lines and Powertools keys report. */
  lambda: LambdaFunction | null;
}

function lambdaFunction(name: string, memorySizeMb: number): LambdaFunction {
  return { name, arn: `arn:aws:lambda:${REGION}:${ACCOUNT_ID}:function:${name}`, memorySizeMb };
}

function lambdaService(name: ServiceName, memorySizeMb: number, random: Random, now: number): ServiceDefinition {
  const fn = lambdaFunction(name, memorySizeMb);
  const day = new Date(now).toISOString().slice(0, 10).replaceAll("-", "/");
  const logStream = `${day}/[$LATEST]${random.hex(32)}`;
  return {
    name,
    logStyle: "powertools",
    lambda: fn,
    resource: {
      "service.name": name,
      "cloud.provider": "aws",
      "cloud.platform": "aws_lambda",
      "cloud.region": REGION,
      "cloud.account.id": ACCOUNT_ID,
      "cloud.resource_id": fn.arn,
      "faas.name": name,
      "faas.version": "$LATEST",
      "faas.instance": logStream,
      "faas.max_memory": memorySizeMb * 1024 * 1024,
      "aws.log.group.names": [`/aws/lambda/${name}`],
      "aws.log.stream.names": [logStream],
    },
  };
}

/** The four services, with the per-deployment IDs (task, container, log stream) drawn from `random`. */
export function describeServices(random: Random, now: number): Record<ServiceName, ServiceDefinition> {
  const cluster = `arn:aws:ecs:${REGION}:${ACCOUNT_ID}:cluster/shop-prod`;
  const taskId = random.hex(32);
  return {
    "checkout-api": {
      name: "checkout-api",
      logStyle: "apigateway-access",
      lambda: null,
      resource: {
        "service.name": "checkout-api",
        "cloud.provider": "aws",
        "cloud.platform": "aws_api_gateway",
        "cloud.region": REGION,
        "cloud.account.id": ACCOUNT_ID,
        "cloud.resource_id": `arn:aws:apigateway:${REGION}::/restapis/${REST_API.id}/stages/${REST_API.stage}`,
        "aws.log.group.names": ["/aws/apigateway/checkout-api/access"],
      },
    },
    "auth-authorizer": lambdaService("auth-authorizer", 256, random, now),
    "orders-service": {
      name: "orders-service",
      logStyle: "pino",
      lambda: null,
      resource: {
        "service.name": "orders-service",
        "service.version": "2.14.3",
        "deployment.environment.name": "production",
        "cloud.provider": "aws",
        "cloud.platform": "aws_ecs",
        "cloud.region": REGION,
        "cloud.account.id": ACCOUNT_ID,
        "aws.ecs.cluster.arn": cluster,
        "aws.ecs.task.arn": `arn:aws:ecs:${REGION}:${ACCOUNT_ID}:task/shop-prod/${taskId}`,
        "aws.ecs.task.family": "orders-service",
        "aws.ecs.task.revision": "42",
        "aws.ecs.launchtype": "fargate",
        "container.id": `${taskId}-${random.int(1_000_000_000, 4_294_967_295)}`,
        "container.name": "orders-service",
        "host.name": `ip-10-0-${random.int(0, 63)}-${random.int(2, 254)}.${REGION}.compute.internal`,
        "aws.log.group.names": ["/ecs/orders-service"],
        "aws.log.stream.names": [`ecs/orders-service/${taskId}`],
      },
    },
    "order-worker": lambdaService("order-worker", 512, random, now),
  };
}
