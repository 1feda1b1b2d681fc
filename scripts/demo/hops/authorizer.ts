/**
 * auth-authorizer: the API Gateway Lambda authorizer. It verifies the caller's JWT; a cold
 * instance first downloads the Cognito signing keys (JWKS) and caches them.
 */
import { SpanKind } from "@opentelemetry/api";
import type { SpanPlan } from "../span-plan";
import { newSpan } from "../span-plan";
import { ACCOUNT_ID, COGNITO_JWKS_URL, REGION, REST_API } from "../topology";
import { planLambdaInvocation } from "./lambda-invocation";
import type { Request } from "./request";
import { routeMethod, routeTemplate } from "./request";

const SERVICE = "auth-authorizer";

export function planAuthorizer(request: Request, start: number): SpanPlan {
  const { random } = request;
  const { route } = request.story;
  const api = `arn:aws:execute-api:${REGION}:${ACCOUNT_ID}:${REST_API.id}/${REST_API.stage}`;
  const methodArn = `${api}/${routeMethod(route)}${routeTemplate(route)}`;

  return planLambdaInvocation(request, {
    service: request.services[SERVICE],
    name: SERVICE,
    kind: SpanKind.SERVER,
    start,
    attributes: { "faas.trigger": "other" },
    handler(handlerStart, { coldStart }) {
      const children: SpanPlan[] = [];
      let t = handlerStart + random.between(0.2, 0.6);
      if (coldStart) {
        const jwks = newSpan({
          service: SERVICE,
          name: "GET",
          kind: SpanKind.CLIENT,
          start: t,
          end: t + random.between(40, 120),
          attributes: {
            "http.request.method": "GET",
            "url.full": COGNITO_JWKS_URL,
            "server.address": new URL(COGNITO_JWKS_URL).host,
            "server.port": 443,
            "http.response.status_code": 200,
          },
        });
        children.push(jwks);
        t = jwks.end + random.between(0.2, 0.8);
      }
      const verify = newSpan({
        service: SERVICE,
        name: "verify token",
        kind: SpanKind.INTERNAL,
        start: t,
        end: t + random.between(0.8, 3),
        attributes: { "enduser.id": request.customerId, "app.jwks.cached": !coldStart },
      });
      children.push(verify);
      const end = verify.end + random.between(0.3, 1);
      return {
        end,
        children,
        logs: [
          {
            kind: "app",
            at: verify.end + 0.1,
            level: "INFO",
            message: "request authorized",
            fields: { principalId: request.customerId, methodArn, effect: "Allow" },
          },
        ],
      };
    },
  });
}
