/**
 * order-worker: a Lambda function consuming the order-events SQS queue. For each placed order it
 * writes the tracking record to DynamoDB, retrying itself with backoff when the table throttles;
 * after the last attempt it reports the message as a batch item failure, and SQS redelivers it later.
 */
import { SpanKind } from "@opentelemetry/api";
import type { JsonObject, LogLevel, LogPlan, SpanPlan } from "../span-plan";
import { newSpan } from "../span-plan";
import { ORDER_EVENTS_QUEUE, ORDER_TRACKING_TABLE, REGION } from "../topology";
import { planLambdaInvocation } from "./lambda-invocation";
import type { Request } from "./request";

const SERVICE = "order-worker";
const MAX_ATTEMPTS = 3;
const THROTTLED =
  "ProvisionedThroughputExceededException: The level of configured provisioned throughput for the table was exceeded. " +
  "Consider increasing your provisioning level with the UpdateTable API.";

function putItem(request: Request, start: number, throttled: boolean): SpanPlan {
  const { random } = request;
  return newSpan({
    service: SERVICE,
    name: "DynamoDB.PutItem",
    kind: SpanKind.CLIENT,
    start,
    end: start + (throttled ? random.between(4, 12) : random.between(6, 20)),
    attributes: {
      "rpc.system": "aws-api",
      "rpc.service": "DynamoDB",
      "rpc.method": "PutItem",
      "aws.region": REGION,
      "aws.request_id": random.hex(52).toUpperCase(),
      "aws.dynamodb.table_names": [ORDER_TRACKING_TABLE],
      "server.address": `dynamodb.${REGION}.amazonaws.com`,
      "http.response.status_code": throttled ? 400 : 200,
      ...(throttled ? { "error.type": "ProvisionedThroughputExceededException" } : {}),
    },
    error: throttled ? THROTTLED : null,
  });
}

/** The consumer span of one message, parented by the producer span that sent it. */
export function planOrderEventConsumer(request: Request, sentAt: number, messageId: string): SpanPlan {
  const { random, story, orderId, customerId } = request;
  const table = ORDER_TRACKING_TABLE;
  return planLambdaInvocation(request, {
    service: request.services[SERVICE],
    name: `${ORDER_EVENTS_QUEUE.name} process`,
    kind: SpanKind.CONSUMER,
    start: sentAt + random.between(20, 500),
    attributes: {
      "faas.trigger": "pubsub",
      "messaging.system": "aws_sqs",
      "messaging.operation.type": "process",
      "messaging.destination.name": ORDER_EVENTS_QUEUE.name,
      "messaging.message.id": messageId,
      "messaging.batch.message_count": 1,
    },
    handler(handlerStart) {
      const children: SpanPlan[] = [];
      const logs: LogPlan[] = [];
      let t = handlerStart + random.between(0.5, 2);
      const log = (level: LogLevel, message: string, fields: JsonObject) => logs.push({ kind: "app", at: t, level, message, fields });

      for (let attempt = 1; ; attempt++) {
        const put = putItem(request, t, story.dynamoThrottled);
        children.push(put);
        t = put.end + random.between(0.2, 0.8);
        if (!story.dynamoThrottled) {
          log("INFO", "order tracking updated", { orderId, customerId, messageId, table });
          return { end: t, children, logs };
        }
        if (attempt === MAX_ATTEMPTS) break;
        const delayMs = Math.round(50 * 2 ** attempt * random.between(0.8, 1.2));
        log("WARN", "ProvisionedThroughputExceededException, retrying", { orderId, attempt, delayMs, table });
        t += delayMs;
      }
      log("ERROR", "failed to write order tracking record, returning message to the queue", {
        orderId,
        messageId,
        attempts: MAX_ATTEMPTS,
        table,
        error: THROTTLED,
      });
      // The handler reports the message as a batch item failure: the invocation itself succeeds.
      return { end: t + random.between(0.3, 1), children, logs };
    },
  });
}
