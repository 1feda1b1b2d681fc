/** Sends one FuzzRequest with a hard deadline (AbortController), reading the whole answer. */
import type { Answer } from "./assess";
import type { FuzzRequest } from "./request";

export async function send(base: string, req: FuzzRequest, deadlineMs: number): Promise<Answer> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), deadlineMs);
  const started = performance.now();
  const body = typeof req.body === "function" ? req.body() : req.body;
  try {
    const res = await fetch(base + req.path, {
      method: req.method,
      headers: req.headers,
      body: body as BodyInit | undefined,
      redirect: "manual",
      signal: controller.signal,
      ...(typeof req.body === "function" ? { duplex: "half" } : {}),
    } as RequestInit);
    const bytes = new Uint8Array(await res.arrayBuffer());
    const corsHeaders = [...res.headers.keys()].filter((h) => h.toLowerCase().startsWith("access-control-allow"));
    return {
      status: res.status,
      contentType: res.headers.get("content-type") ?? "",
      body: bytes,
      ms: performance.now() - started,
      timedOut: false,
      ...(corsHeaders.length ? { corsHeaders } : {}),
    };
  } catch (err) {
    const ms = performance.now() - started;
    if (controller.signal.aborted) return { status: 0, contentType: "", body: new Uint8Array(0), ms, timedOut: true };
    const cause = err instanceof Error ? `${err.message}${err.cause instanceof Error ? ` (${err.cause.message})` : ""}` : String(err);
    return { status: 0, contentType: "", body: new Uint8Array(0), ms, timedOut: false, error: cause };
  } finally {
    clearTimeout(timer);
  }
}

/** Runs `work` over `items` with at most `concurrency` in flight, in order of the items. */
export async function pool<T>(items: readonly T[], concurrency: number, work: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      await work(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
}
