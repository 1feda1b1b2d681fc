/** Wraps a route handler so every failure becomes the contract's JSON error shape. */
import { NextResponse } from "next/server";
import { ConfigError } from "../config";
import { log } from "../log/logger";
import { routeLabel } from "../metrics/route-label";
import { ApiError, errorBody } from "./api-error";
import { REQUEST_ID_HEADER } from "./request-observer";

type Handler<C> = (request: Request, context: C) => Promise<Response>;

export function jsonRoute<C>(handler: Handler<C>): Handler<C> {
  return async (request, context) => {
    try {
      return await handler(request, context);
    } catch (err) {
      if (ApiError.is(err)) {
        return NextResponse.json(errorBody(err.code, err.message), { status: err.status });
      }
      if (ConfigError.is(err)) {
        return NextResponse.json(errorBody("configuration", err.message), { status: 500 });
      }
      log().error(
        "request failed",
        { requestId: request.headers.get(REQUEST_ID_HEADER) ?? undefined, method: request.method, route: routeLabel(new URL(request.url).pathname) },
        err,
      );
      return NextResponse.json(errorBody("internal", "Sightline failed to answer; the server log has the cause."), {
        status: 500,
      });
    }
  };
}
