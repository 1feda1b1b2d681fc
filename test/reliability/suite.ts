import type { SuiteReport } from "./report";

/**
 * One reliability suite: a file in test/reliability/suites/ whose default export is a Suite.
 * It starts the processes it needs on its own loopback ports (test/reliability/ports.ts) and
 * stops them before it returns, whatever happens.
 */
export interface Suite {
  id: string;
  /** Position in the run and in RELIABILITY.md. */
  order: number;
  /** Part of the README's test command (npm test), not only of npm run test:reliability. */
  fast: boolean;
  /** Wall-clock bound: the runner gives up on the suite (a failed check) after this. */
  timeoutMs: number;
  run(): Promise<SuiteReport>;
}
