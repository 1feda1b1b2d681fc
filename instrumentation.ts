/**
 * Runs once when the Next.js server starts. The work itself is Node-only and lives in
 * lib/startup.ts and lib/http/request-observer.ts, loaded only in the Node.js runtime.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    // First: Next.js' own request spans need the tracer provider before the first request.
    const { parseSelfTracingSettings, startSelfTracing } = await import("./lib/self-tracing/self-tracing");
    try {
      startSelfTracing(parseSelfTracingSettings(process.env));
    } catch (err) {
      console.error(`[sightline] ${(err as Error).message}`);
      process.exit(1);
    }
    const { installRequestObserver } = await import("./lib/http/request-observer");
    installRequestObserver();
    const { checkConfigAndOpenStore } = await import("./lib/startup");
    checkConfigAndOpenStore();
  }
}
