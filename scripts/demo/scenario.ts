/**
 * The scenario planner: which requests arrive when, what goes wrong in each, and the spans and log
 * lines that follow. Pure and seeded: the same seed and `now` give the same plans.
 */
import { planGatewayRequest } from "./hops/gateway";
import type { Request, Route, Story } from "./hops/request";
import { incidentIntensity, pickCategory } from "./mix";
import type { Random } from "./random";
import { createRandom, deriveSeed } from "./random";
import type { Category, TracePlan } from "./span-plan";
import { allSpans } from "./span-plan";
import type { ServiceDefinition, ServiceName } from "./topology";
import { describeServices } from "./topology";

export const HOUR_MS = 3_600_000;
/** Planned traces start at least this long before `now`, so even a payment timeout and its async work have ended. */
export const SETTLE_MS = 15_000;

const USER_AGENTS = [
  "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36",
  "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15",
  "ShopApp/4.12.0 (Android 14; Pixel 8) okhttp/4.12.0",
  "ShopApp/4.12.0 (iOS 17.5; iPhone15,2) CFNetwork/1494.0.7",
];

export interface Scenario {
  services: Record<ServiceName, ServiceDefinition>;
  /** `count` traces spread over the hour before `now`, the incident ~20 minutes ago. */
  planHour(count: number): TracePlan[];
  /** One more trace starting at `start`, with the mix of that moment. */
  planTrace(start: number): TracePlan;
}

function pickRoute(random: Random): Route {
  const roll = random.next();
  if (roll < 0.55) return "POST /orders";
  return roll < 0.8 ? "GET /orders/{orderId}" : "GET /customers/{customerId}/orders";
}

function storyFor(category: Category, random: Random): Story {
  const nothingWrong = {
    gatewayThrottled: false,
    slowQuery: false,
    paymentTimeout: false,
    unknownSku: false,
    orderNotFound: false,
    dynamoThrottled: false,
  };
  switch (category) {
    case "healthy":
      return { ...nothingWrong, route: pickRoute(random) };
    case "slow":
      return {
        ...nothingWrong,
        route: random.chance(0.5) ? "POST /orders" : "GET /customers/{customerId}/orders",
        slowQuery: true,
      };
    case "fault":
      return { ...nothingWrong, route: "POST /orders", paymentTimeout: true };
    case "throttle":
      return random.chance(0.5)
        ? { ...nothingWrong, route: pickRoute(random), gatewayThrottled: true }
        : { ...nothingWrong, route: "POST /orders", dynamoThrottled: true };
    case "client-error":
      return random.chance(0.5)
        ? { ...nothingWrong, route: "POST /orders", unknownSku: true }
        : { ...nothingWrong, route: "GET /orders/{orderId}", orderNotFound: true };
  }
}

/**
 * `now` anchors the incident (it peaks 20 minutes before it). `stream` names an independent run of
 * traffic over the same deployment: the live feed uses its own, so it never repeats the hour's requests.
 */
export function createScenario(options: { seed: number; now: number; stream: string }): Scenario {
  const { seed, now, stream } = options;
  const random = createRandom(deriveSeed(seed, `${stream}:traffic`));
  const services = describeServices(createRandom(deriveSeed(seed, "resources")), now);
  const customers = Array.from({ length: 120 }, () => `cus_${random.hex(14)}`);

  const planTrace = (start: number): TracePlan => {
    const intensity = incidentIntensity(start, now);
    const category = pickCategory(random, intensity);
    const request: Request = {
      random,
      story: storyFor(category, random),
      services,
      intensity,
      customerId: random.pick(customers),
      orderId: `ord_${random.hex(20)}`,
      userAgent: random.pick(USER_AGENTS),
      clientIp: `${random.pick(["198.51.100", "203.0.113", "192.0.2"])}.${random.int(1, 254)}`,
    };
    const root = planGatewayRequest(request, start);
    const end = Math.max(...allSpans(root).map((s) => s.end));
    return { category, route: request.story.route, start, end, root };
  };

  return {
    services,
    planTrace,
    planHour(count) {
      const spacing = (HOUR_MS - SETTLE_MS) / count;
      return Array.from({ length: count }, (_, i) => planTrace(now - HOUR_MS + (i + random.next()) * spacing));
    },
  };
}
