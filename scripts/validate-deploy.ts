/**
 * npm run validate:deploy: the deployment examples in deploy/ against the ECS, ELBv2 and
 * Kubernetes API shapes, the README's IAM policy, and the server's own configuration parser
 * (scripts/validate-deploy/validate.ts says what is checked). Exit 1 on any problem.
 *
 *   npx tsx --conditions=react-server scripts/validate-deploy.ts
 *
 * (react-server: lib/config.ts is server-only, and this is the server's parser.)
 */
import path from "node:path";
import { validateDeploy } from "./validate-deploy/validate";

const started = Date.now();
const { problems, files } = validateDeploy({ root: path.resolve(__dirname, "..") });
for (const p of problems) console.error(`[validate:deploy] ${p.file}: ${p.message}`);
console.log(
  `[validate:deploy] ${files.length} files, ${problems.length} problem${problems.length === 1 ? "" : "s"} (${((Date.now() - started) / 1000).toFixed(1)} s)`,
);
process.exit(problems.length > 0 ? 1 : 0);
