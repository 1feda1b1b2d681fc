/**
 * Next.js answers a method a route does not export with an empty 405. Each route exports this
 * handler for the methods it does not take, so the caller reads which methods it does.
 */
import { errorBody } from "./api-error";

export function methodNotAllowed(...allowed: string[]): (request: Request) => Response {
  const allow = allowed.join(", ");
  return (request) =>
    Response.json(
      errorBody("method_not_allowed", `method: ${request.method} is not allowed on ${new URL(request.url).pathname.slice(0, 120)}; use ${allow}.`),
      {
        status: 405,
        headers: { allow },
      },
    );
}
