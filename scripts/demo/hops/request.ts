/**
 * What one request carries through the system, and what goes wrong in it.
 */
import type { Random } from "../random";
import type { ServiceDefinition, ServiceName } from "../topology";

export type Route = "POST /orders" | "GET /orders/{orderId}" | "GET /customers/{customerId}/orders";

/** The failure (if any) this request runs into, hop by hop. */
export interface Story {
  route: Route;
  /** API Gateway rejects the request with 429 (stage rate limit) before anything else runs. */
  gatewayThrottled: boolean;
  /** The orders-by-customer query falls back to a sequential scan (1.5–4 s). */
  slowQuery: boolean;
  /** The payments provider does not answer within the 10 s client timeout → 504. */
  paymentTimeout: boolean;
  /** The cart holds a SKU the catalogue does not know → 400. */
  unknownSku: boolean;
  /** The order looked up does not exist → 404. */
  orderNotFound: boolean;
  /** The worker's DynamoDB writes are throttled on every attempt. */
  dynamoThrottled: boolean;
}

export interface Request {
  random: Random;
  story: Story;
  services: Record<ServiceName, ServiceDefinition>;
  /** 0–1: how deep into the incident this request is (slows dependencies, forces cold starts). */
  intensity: number;
  customerId: string;
  orderId: string;
  userAgent: string;
  clientIp: string;
}

/** The URL path of the request, with its IDs filled in. */
export function requestPath(request: Request): string {
  switch (request.story.route) {
    case "POST /orders":
      return "/orders";
    case "GET /orders/{orderId}":
      return `/orders/${request.orderId}`;
    case "GET /customers/{customerId}/orders":
      return `/customers/${request.customerId}/orders`;
  }
}

export function routeMethod(route: Route): string {
  return route.slice(0, route.indexOf(" "));
}

export function routeTemplate(route: Route): string {
  return route.slice(route.indexOf(" ") + 1);
}
