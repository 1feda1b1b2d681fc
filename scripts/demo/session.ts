/**
 * One sending session: the scenario, the SDK wiring, and the X-Ray ID generator whose clock is the
 * start of the trace being emitted.
 */
import type { EmittedTrace } from "./emit";
import { emitTrace } from "./emit";
import { createRandom, deriveSeed } from "./random";
import type { Scenario } from "./scenario";
import { createScenario } from "./scenario";
import type { TracePlan } from "./span-plan";
import { createTelemetry } from "./telemetry";
import { XRayIdGenerator } from "./xray-id-generator";

export interface Session {
  scenario: Scenario;
  /** Emits one planned trace into the SDK (exported on the next flush). */
  send(plan: TracePlan): EmittedTrace;
  /** Exports everything sent so far; throws an ExportError if the server did not acknowledge all of it. */
  flush(): Promise<void>;
  /** Flushes and shuts the SDK down; throws like flush(). */
  close(): Promise<void>;
}

export function openSession(options: { baseUrl: string; seed: number; now: number; stream: string }): Session {
  const { baseUrl, seed, now, stream } = options;
  const scenario = createScenario({ seed, now, stream });
  let traceStart = now;
  const idGenerator = new XRayIdGenerator(createRandom(deriveSeed(seed, `${stream}:ids`)), () => traceStart);
  const telemetry = createTelemetry({ baseUrl, services: scenario.services, idGenerator });
  return {
    scenario,
    send(plan) {
      traceStart = plan.start;
      return emitTrace(plan, telemetry);
    },
    flush: () => telemetry.flush(),
    close: () => telemetry.shutdown(),
  };
}
