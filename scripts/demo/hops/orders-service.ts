/**
 * orders-service: a Node.js (express + pino) service on ECS Fargate behind API Gateway.
 *
 *   POST /orders                        validate cart → price → duplicate check → insert → charge → mark paid → publish
 *   GET  /orders/{orderId}              one order by primary key
 *   GET  /customers/{customerId}/orders order history
 *
 * The queries by customer_id depend on an index whose statistics go stale under write load: then the
 * planner picks a sequential scan on orders (1.5–4 s).
 */
import type { Attributes } from "@opentelemetry/api";
import { SpanKind } from "@opentelemetry/api";
import type { JsonObject, LogLevel, LogPlan, SpanPlan } from "../span-plan";
import { newSpan } from "../span-plan";
import { AURORA, ORDER_EVENTS_QUEUE, PAYMENTS, REGION } from "../topology";
import { planOrderEventConsumer } from "./order-worker";
import type { Request, Route } from "./request";
import { requestPath, routeMethod, routeTemplate } from "./request";

const SERVICE = "orders-service";

const SQL = {
  products: "SELECT sku, name, price_cents, stock FROM products WHERE sku = ANY($1)",
  duplicateCheck: "SELECT id FROM orders WHERE customer_id = $1 AND status IN ('PENDING', 'PAID') AND created_at > now() - interval '10 minutes'",
  insert: "INSERT INTO orders (id, customer_id, status, total_cents, currency, created_at) VALUES ($1, $2, 'PENDING', $3, $4, now())",
  markPaid: "UPDATE orders SET status = 'PAID', payment_id = $2, updated_at = now() WHERE id = $1",
  byId: "SELECT id, customer_id, status, total_cents, currency, created_at FROM orders WHERE id = $1",
  history: "SELECT id, status, total_cents, currency, created_at FROM orders WHERE customer_id = $1 ORDER BY created_at DESC LIMIT 20",
};

const SLOW_QUERY_THRESHOLD_MS = 1000;

/** The stack Node prints when `fetch(…, { signal: AbortSignal.timeout(10_000) })` gives up. */
const PAYMENT_TIMEOUT_STACK = [
  "TimeoutError: The operation was aborted due to timeout",
  "    at node:internal/deps/undici/undici:13502:13",
  "    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)",
  "    at async PaymentsClient.charge (/app/dist/payments/client.js:48:22)",
  "    at async OrderService.placeOrder (/app/dist/orders/service.js:112:20)",
  "    at async /app/dist/routes/orders.js:31:19",
].join("\n");

/** Where one handler has got to: the time, the spans so far, the lines logged so far. */
interface Handler {
  request: Request;
  t: number;
  children: SpanPlan[];
  logs: LogPlan[];
}

function log(handler: Handler, level: LogLevel, message: string, fields: JsonObject): void {
  handler.logs.push({ kind: "app", at: handler.t, level, message, fields });
}

/** Adds a span starting a moment after the previous one, and moves the clock to its end. */
function step(handler: Handler, span: Pick<SpanPlan, "name" | "kind" | "attributes">, durationMs: number): SpanPlan {
  const start = handler.t + handler.request.random.between(0.1, 0.6);
  const planned = newSpan({ ...span, service: SERVICE, start, end: start + durationMs });
  handler.children.push(planned);
  handler.t = planned.end;
  return planned;
}

/** Adds an internal span around the work `body` does (its log lines stay with the request). */
function within(handler: Handler, name: string, attributes: Attributes, body: (inner: Handler) => void): void {
  const { random } = handler.request;
  const start = handler.t + random.between(0.1, 0.4);
  const inner: Handler = { request: handler.request, t: start, children: [], logs: handler.logs };
  body(inner);
  const end = inner.t + random.between(0.3, 1.5);
  const { children } = inner;
  handler.children.push(newSpan({ service: SERVICE, name, kind: SpanKind.INTERNAL, start, end, attributes, children }));
  handler.t = end;
}

function query(handler: Handler, table: string, sql: string, durationMs: number): SpanPlan {
  const operation = sql.slice(0, sql.indexOf(" "));
  return step(
    handler,
    {
      name: `${operation} ${table}`,
      kind: SpanKind.CLIENT,
      attributes: {
        "db.system": "postgresql",
        "db.name": AURORA.database,
        "db.user": AURORA.user,
        "db.statement": sql,
        "db.operation": operation,
        "db.sql.table": table,
        "server.address": AURORA.endpoint,
        "net.peer.port": AURORA.port,
      },
    },
    durationMs,
  );
}

/** A query on orders by customer: an index scan, or a sequential scan when the request is a slow one. */
function queryByCustomer(handler: Handler, sql: string, rows: number): void {
  const { random, story, intensity } = handler.request;
  const durationMs = story.slowQuery ? random.between(1500, 4000) : random.between(3, 12) * (1 + intensity);
  query(handler, "orders", sql, durationMs);
  if (durationMs >= SLOW_QUERY_THRESHOLD_MS) {
    log(handler, "WARN", "slow query", {
      sql,
      durationMs: Math.round(durationMs),
      thresholdMs: SLOW_QUERY_THRESHOLD_MS,
      rows,
      customerId: handler.request.customerId,
    });
  }
}

/** What the service answers with; pino-http logs non-2xx responses (2xx are too many to keep). */
function respond(handler: Handler, statusCode: number, startedAt: number): number {
  handler.t += handler.request.random.between(0.3, 1.5);
  if (statusCode >= 400) {
    log(handler, statusCode >= 500 ? "ERROR" : "WARN", statusCode >= 500 ? "request errored" : "request completed", {
      req: { method: routeMethod(handler.request.story.route), url: requestPath(handler.request) },
      res: { statusCode },
      responseTime: Math.round(handler.t - startedAt),
    });
  }
  return statusCode;
}

function placeOrder(handler: Handler, startedAt: number): number {
  const { random, story, intensity, customerId, orderId } = handler.request;
  const skus = Array.from({ length: random.int(1, 4) }, () => `SKU-${random.int(10000, 99999)}`);

  within(handler, "validate cart", { "app.cart.items": skus.length }, (validation) => {
    query(validation, "products", SQL.products, random.between(2, 8) * (1 + intensity));
  });
  if (story.unknownSku) {
    const sku = skus[skus.length - 1];
    log(handler, "WARN", "validation failed: unknown sku", { sku, customerId, cartItems: skus.length });
    return respond(handler, 400, startedAt);
  }

  const totalCents = random.int(1200, 25000);
  const pricing = { "app.order.total_cents": totalCents, "app.order.currency": "EUR" };
  step(handler, { name: "price order", kind: SpanKind.INTERNAL, attributes: pricing }, random.between(1, 4));
  queryByCustomer(handler, SQL.duplicateCheck, 0);
  query(handler, "orders", SQL.insert, random.between(4, 12) * (1 + intensity));

  const charge = step(
    handler,
    {
      name: "POST",
      kind: SpanKind.CLIENT,
      attributes: {
        "http.request.method": "POST",
        "url.full": PAYMENTS.chargesUrl,
        "server.address": PAYMENTS.host,
        "server.port": 443,
        "app.order.id": orderId,
        ...(story.paymentTimeout ? { "error.type": "TimeoutError" } : { "http.response.status_code": 201 }),
      },
    },
    story.paymentTimeout ? PAYMENTS.timeoutMs + random.between(1, 25) : random.between(180, 650) * (1 + intensity),
  );
  if (story.paymentTimeout) {
    charge.error = "The operation was aborted due to timeout";
    charge.exception = {
      at: charge.end,
      type: "TimeoutError",
      message: "The operation was aborted due to timeout",
      stacktrace: PAYMENT_TIMEOUT_STACK,
    };
    log(handler, "ERROR", `payment provider timeout after ${PAYMENTS.timeoutMs} ms`, {
      orderId,
      customerId,
      url: PAYMENTS.chargesUrl,
      amountCents: totalCents,
      error: "TimeoutError: The operation was aborted due to timeout",
    });
    return respond(handler, 504, startedAt);
  }

  const paymentId = `ch_${random.hex(24)}`;
  query(handler, "orders", SQL.markPaid, random.between(3, 9) * (1 + intensity));
  const messageId = random.uuid();
  const send = step(
    handler,
    {
      name: `${ORDER_EVENTS_QUEUE.name} send`,
      kind: SpanKind.PRODUCER,
      attributes: {
        "rpc.system": "aws-api",
        "rpc.service": "SQS",
        "rpc.method": "SendMessage",
        "aws.region": REGION,
        "aws.request_id": random.uuid(),
        "messaging.system": "aws_sqs",
        "messaging.operation.type": "send",
        "messaging.destination.name": ORDER_EVENTS_QUEUE.name,
        "messaging.message.id": messageId,
        "url.full": ORDER_EVENTS_QUEUE.url,
        "server.address": `sqs.${REGION}.amazonaws.com`,
      },
    },
    random.between(8, 30),
  );
  send.children.push(planOrderEventConsumer(handler.request, send.end, messageId));

  log(handler, "INFO", "order placed", {
    orderId,
    customerId,
    paymentId,
    totalCents,
    currency: "EUR",
    durationMs: Math.round(handler.t - startedAt),
  });
  return respond(handler, 201, startedAt);
}

function getOrder(handler: Handler, startedAt: number): number {
  const { random, story, intensity, orderId } = handler.request;
  query(handler, "orders", SQL.byId, random.between(1, 5) * (1 + intensity));
  if (story.orderNotFound) {
    log(handler, "WARN", "order not found", { orderId, customerId: handler.request.customerId });
    return respond(handler, 404, startedAt);
  }
  return respond(handler, 200, startedAt);
}

function orderHistory(handler: Handler, startedAt: number): number {
  queryByCustomer(handler, SQL.history, handler.request.random.int(0, 20));
  return respond(handler, 200, startedAt);
}

const ROUTES: Record<Route, (handler: Handler, startedAt: number) => number> = {
  "POST /orders": placeOrder,
  "GET /orders/{orderId}": getOrder,
  "GET /customers/{customerId}/orders": orderHistory,
};

/** The server span of one request, and the status it answered with. */
export function planOrdersService(request: Request, start: number): { span: SpanPlan; statusCode: number } {
  const handler: Handler = { request, t: start + request.random.between(0.3, 1.2), children: [], logs: [] };
  const { route } = request.story;
  const statusCode = ROUTES[route](handler, start);

  const span = newSpan({
    service: SERVICE,
    name: route,
    kind: SpanKind.SERVER,
    start,
    end: handler.t,
    attributes: {
      "http.request.method": routeMethod(route),
      "http.route": routeTemplate(route),
      "url.path": requestPath(request),
      "url.scheme": "http",
      "server.address": "orders-service.shop.local",
      "server.port": 8080,
      "client.address": request.clientIp,
      "user_agent.original": request.userAgent,
      "http.response.status_code": statusCode,
      "app.customer.id": request.customerId,
      ...(route === "GET /customers/{customerId}/orders" ? {} : { "app.order.id": request.orderId }),
    },
    error: statusCode === 504 ? "payment provider timeout" : null,
    children: handler.children,
    logs: handler.logs,
  });
  return { span, statusCode };
}
