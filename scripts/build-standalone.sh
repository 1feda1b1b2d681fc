#!/usr/bin/env bash
# The deployable build: a self-contained server folder, run with `node server.js` from inside it
# (PORT, HOSTNAME = listen address; every other setting as in the README's configuration table).
# It holds server.js, the traced node_modules (better-sqlite3's native addon included),
# .next/server, .next/static and public/: nothing else, no .env file, no data.
#
# The Dockerfile runs this script, and npm test runs it too (scripts/test.sh, scripts/node24.sh),
# so the folder CI tests is the folder the image ships.
#
#   bash scripts/build-standalone.sh [--no-build] [--out DIR]
#     --no-build  assemble from the existing .next build (npm test builds with planted secrets first)
#     --out DIR   assemble a copy in DIR instead of in .next/standalone itself
#   SIGHTLINE_SQLITE_ADDON=<better_sqlite3.node>  put this build of the native addon in the folder
#     (scripts/node24.sh: one built for Node 24, while node_modules keeps the machine's build)
set -euo pipefail
cd "$(dirname "$0")/.."

build=1
out=.next/standalone
while [ $# -gt 0 ]; do
  case "$1" in
    --no-build) build=0 ;;
    --out) out="$2"; shift ;;
    *) echo "usage: build-standalone.sh [--no-build] [--out DIR]" >&2; exit 2 ;;
  esac
  shift
done

if [ "$build" = 1 ]; then node node_modules/next/dist/bin/next build; fi
if [ ! -f .next/standalone/server.js ]; then
  echo "[sightline] .next/standalone/server.js is missing: next.config.js must say output: \"standalone\", and the build must have run" >&2
  exit 1
fi

if [ "$out" != ".next/standalone" ]; then
  rm -rf "$out"
  mkdir -p "$(dirname "$out")"
  cp -a .next/standalone "$out"
fi
# Next.js leaves the static files and public/ to the deployer (they are usually served by a CDN).
rm -rf "$out/.next/static"
cp -a .next/static "$out/.next/static"
if [ -d public ]; then rm -rf "$out/public"; cp -a public "$out/public"; fi
# Next.js copies .env files next to server.js; configuration comes from the environment instead.
find "$out" -maxdepth 1 -name '.env*' -exec rm -rf {} +
rm -rf "$out/data"
# Never a database or benchmark results from the checkout (next.config.js excludes them from the
# traces, and the store's paths are marked turbopackIgnore): should one slip through, it goes.
find "$out" -maxdepth 1 -name 'sightline.db*' -exec rm -f {} +
rm -rf "$out/bench/results"

addon="$out/node_modules/better-sqlite3/build/Release/better_sqlite3.node"
if [ ! -f "$addon" ]; then
  echo "[sightline] $addon is missing: the native addon was not traced into the standalone folder" >&2
  exit 1
fi
if [ -n "${SIGHTLINE_SQLITE_ADDON:-}" ]; then cp "$SIGHTLINE_SQLITE_ADDON" "$addon"; fi
# The folder's own addon must load in the runtime that will run it.
(cd "$out" && node -e "new (require('better-sqlite3'))(':memory:').close()") || {
  echo "[sightline] the standalone folder's better-sqlite3 does not load on $(node --version)" >&2
  exit 1
}
cp .next/BUILD_ID "$out/.sightline-assembled"
echo "[sightline] standalone server in $out ($(du -sh "$out" | cut -f1)): cd $out && node server.js"
