/** The input of the `/api/services/{name}/…` routes: the service of the path and the window of the query. */
import { config } from "../config";
import type { TimeWindow } from "../model";
import { ApiError } from "./api-error";
import { parseService, parseWindow } from "./query-params";

export interface ServiceRouteInput {
  service: string;
  window: TimeWindow;
  query: URLSearchParams;
}

export async function serviceRouteInput(request: Request, params: Promise<{ name: string }>): Promise<ServiceRouteInput> {
  const query = new URL(request.url).searchParams;
  // Next.js hands the segment over percent-decoded (`%2F` included): decoding it again read a name's
  // escaped `%` (`%253a`) as `:` and served another service (found by the fuzz suite, seed 914625293).
  // A malformed escape never gets here (proxy.ts answers 400).
  const service = parseService(new URLSearchParams({ service: (await params).name }));
  if (service === undefined) throw new ApiError(400, "invalid_service", "service: the path must name a service");
  const window = parseWindow(query, { now: Date.now(), maxWindowMs: config().maxWindowMs, defaultSpanMs: 3_600_000 });
  return { service, window, query };
}

/** The equal span of time just before the window: what "normal" looked like. */
export function baselineOf(window: TimeWindow): TimeWindow {
  return { from: window.from - (window.to - window.from), to: window.from };
}
