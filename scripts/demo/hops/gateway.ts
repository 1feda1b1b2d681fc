/**
 * checkout-api: the API Gateway REST API the shop's clients call. It applies the stage rate limit
 * (429 before anything else runs), calls the Lambda authorizer, proxies to orders-service through a
 * VPC link, and writes one JSON access-log line per request.
 */
import { SpanKind } from "@opentelemetry/api";
import type { SpanPlan } from "../span-plan";
import { newSpan } from "../span-plan";
import { PUBLIC_HOST } from "../topology";
import { planAuthorizer } from "./authorizer";
import { planOrdersService } from "./orders-service";
import type { Request } from "./request";
import { requestPath, routeMethod, routeTemplate } from "./request";

const SERVICE = "checkout-api";
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** `$context.requestTime`: `19/May/2024:06:10:35 +0000`. */
function requestTime(epochMs: number): string {
  const d = new Date(epochMs);
  const pad = (n: number) => String(n).padStart(2, "0");
  const date = `${pad(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}`;
  return `${date}:${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} +0000`;
}

export function planGatewayRequest(request: Request, start: number): SpanPlan {
  const { random, story } = request;
  const children: SpanPlan[] = [];
  let statusCode: number;
  let end: number;
  let integrationLatency = "-";

  if (story.gatewayThrottled) {
    statusCode = 429;
    end = start + random.between(0.4, 2);
  } else {
    const auth = planAuthorizer(request, start + random.between(1, 4));
    const { span: orders, statusCode: ordersStatus } = planOrdersService(request, auth.end + random.between(1, 3));
    children.push(auth, orders);
    statusCode = ordersStatus;
    integrationLatency = String(Math.round(orders.end - orders.start));
    end = orders.end + random.between(0.5, 2);
  }

  return newSpan({
    service: SERVICE,
    name: story.route,
    kind: SpanKind.SERVER,
    start,
    end,
    attributes: {
      "http.request.method": routeMethod(story.route),
      "http.route": routeTemplate(story.route),
      "url.path": requestPath(request),
      "url.scheme": "https",
      "server.address": PUBLIC_HOST,
      "client.address": request.clientIp,
      "user_agent.original": request.userAgent,
      "http.response.status_code": statusCode,
    },
    error: statusCode >= 500 ? `Integration responded ${statusCode}` : null,
    children,
    logs: [
      {
        kind: "access",
        at: end,
        fields: {
          requestId: random.uuid(),
          ip: request.clientIp,
          requestTime: requestTime(start),
          httpMethod: routeMethod(story.route),
          resourcePath: routeTemplate(story.route),
          path: requestPath(request),
          status: String(statusCode),
          protocol: "HTTP/1.1",
          responseLength: String(statusCode === 429 ? 31 : random.int(60, 2400)),
          integrationLatency,
          responseLatency: String(Math.round(end - start)),
          errorMessage: statusCode === 429 ? "Too Many Requests" : "-",
          userAgent: request.userAgent,
        },
      },
    ],
  });
}
