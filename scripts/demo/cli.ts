/**
 * tsx scripts/demo/cli.ts [--url http://localhost:3000] [--traces 600] [--seed N] [--live]
 *
 * Sends an hour of the demo shop's traffic (with its incident ~20 minutes ago) to Sightline over
 * OTLP/HTTP, prints a one-line summary, and with --live keeps sending a trace every 2–5 s until killed.
 */
import { DiagConsoleLogger, DiagLogLevel, diag } from "@opentelemetry/api";
import { setGlobalErrorHandler } from "@opentelemetry/core";
import { parseArgs } from "node:util";
import { DEFAULT_SEED, DEFAULT_TRACES, generateIncident } from "./generate";
import { sendLiveTraffic } from "./live";

const USAGE = "usage: tsx scripts/demo/cli.ts [--url http://localhost:3000] [--traces 600] [--seed N] [--live]";

interface CliOptions {
  baseUrl: string;
  traces: number;
  seed: number;
  live: boolean;
  help: boolean;
}

function integer(name: string, value: string | undefined, fallback: number, min: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new Error(`--${name} must be an integer ≥ ${min}, got "${value}"`);
  return n;
}

function readOptions(args: string[]): CliOptions {
  const { values } = parseArgs({
    args,
    options: {
      url: { type: "string", default: "http://localhost:3000" },
      traces: { type: "string" },
      seed: { type: "string" },
      live: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (!URL.canParse(values.url)) throw new Error(`--url must be a URL, got "${values.url}"`);
  return {
    baseUrl: values.url,
    traces: integer("traces", values.traces, DEFAULT_TRACES, 1),
    seed: integer("seed", values.seed, DEFAULT_SEED, 0),
    live: values.live,
    help: values.help,
  };
}

async function run(options: CliOptions): Promise<void> {
  const { baseUrl, traces, seed } = options;
  // The SDK reports partially rejected batches only through its diagnostic logger. Failed exports
  // are reported once, by generateIncident's error, not again by the SDK's global error handler.
  diag.setLogger(new DiagConsoleLogger(), DiagLogLevel.WARN);
  setGlobalErrorHandler(() => undefined);

  const now = Date.now();
  const result = await generateIncident({ baseUrl, now, traces, seed });
  const mix = Object.entries(result.mix)
    .map(([category, count]) => `${count} ${category}`)
    .join(", ");
  console.log(
    `[demo] sent ${result.traces} traces (${mix}), ${result.spans} spans and ${result.logs} log lines ` +
      `over the last hour to ${baseUrl}; incident ~20 min ago; seed ${seed}`,
  );
  if (!options.live) return;

  const stop = new AbortController();
  process.once("SIGINT", () => stop.abort());
  process.once("SIGTERM", () => stop.abort());
  console.log("[demo] live: one trace every 2–5 s until stopped");
  await sendLiveTraffic({
    baseUrl,
    seed,
    anchor: now,
    signal: stop.signal,
    onError: (error) => console.error(`[demo] live: ${error instanceof Error ? error.message : String(error)}`),
  });
}

let options: CliOptions;
try {
  options = readOptions(process.argv.slice(2));
} catch (error) {
  console.error(`[demo] ${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
  process.exit(2);
}
if (options.help) console.log(USAGE);
else {
  run(options).catch((error: unknown) => {
    console.error(`[demo] ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  });
}
