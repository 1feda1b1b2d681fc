#!/usr/bin/env bash
# Every test: lint, types, unit tests, a production build, and the browser + API journeys in Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p reports
rm -f reports/vitest.json reports/playwright.json reports/reliability.json reports/vitest-node24.json reports/playwright-node24.json
bash scripts/ensure-native.sh
bash scripts/ensure-chromium.sh

status=0
# ESLint (layers, hooks, accessibility, import cycles), Prettier's check and knip (unused files,
# exports and dependencies): drift fails the run like a failing test.
npm run lint || status=1
npx tsc --noEmit || status=1
# The deployment examples (deploy/) against the ECS, ELBv2 and Kubernetes API shapes, the README's
# IAM policy and the server's own configuration parser: a few seconds.
npm run validate:deploy || status=1
# High and critical advisories in the production dependencies, minus the reviewed allow-list
# (audit-allowlist.json); an unreachable registry is a warning, not a failure (SECURITY.md).
npx tsx scripts/audit/run.ts || status=1
npx vitest run --reporter=default --reporter=json --outputFile.json=reports/vitest.json || status=1
# The build under test has secrets planted in its environment: e2e/client-bundle.spec.ts scans for them.
npx tsx scripts/build-with-canaries.ts || { echo "[sightline] next build failed" >&2; exit 1; }
# The deployable folder (node server.js), as the Dockerfile makes it: e2e/standalone.spec.ts runs it.
bash scripts/build-standalone.sh --no-build || { echo "[sightline] the standalone folder could not be assembled" >&2; exit 1; }
# The million-span journey at 100,000 spans here (the same windowed view); npm run test:reliability runs it at 1,000,000.
E2E_MILLION_SPANS=100000 npx playwright test || status=1
# The fast reliability suites (hostile input, upstream faults, crash and disk); the long ones
# (load, soak) run from npm run test:reliability.
npx tsx test/reliability/run.ts --fast || status=1
# Node 24, the production runtime (from the npm registry): unit tests, a production build, and the
# standalone server's journey (scripts/node24.sh). Last, as its build replaces the one above.
bash scripts/node24.sh || status=1
node scripts/test-summary.mjs reports/vitest.json reports/playwright.json reports/reliability.json \
  reports/vitest-node24.json reports/playwright-node24.json || status=1
exit $status
