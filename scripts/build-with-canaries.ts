/**
 * `next build` with secrets planted in its environment (e2e/support/build-canaries.ts), for the
 * client-bundle scan of the test run. npm test builds with this; npm run build does not need it.
 */
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { BUILD_CANARIES, CANARY_MARKER } from "../e2e/support/build-canaries";

const root = path.resolve(__dirname, "..");
const result = spawnSync(process.execPath, [path.join(root, "node_modules/next/dist/bin/next"), "build"], {
  cwd: root,
  stdio: "inherit",
  env: { ...process.env, ...BUILD_CANARIES },
});
if (result.status !== 0) process.exit(result.status ?? 1);
writeFileSync(path.join(root, CANARY_MARKER), JSON.stringify({ builtAt: new Date().toISOString(), names: Object.keys(BUILD_CANARIES) }));
