/**
 * What "filter to this service" keeps: the spans the service emitted, and — for a callee that
 * emits nothing (a database, a queue, a third-party host) — the calls made to it.
 */
import type { Span } from "../model";
import { downstreamOf } from "./downstream";

export function spanMatchesService(span: Span, service: string): boolean {
  return span.service === service || downstreamOf(span)?.name === service;
}
