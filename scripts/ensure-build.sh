#!/usr/bin/env bash
# Builds the Next.js app unless a build newer than every source file exists.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -f .next/BUILD_ID ] && [ -z "$(find app components lib instrumentation.ts next.config.js package.json -newer .next/BUILD_ID -print -quit)" ]; then
  echo "[sightline] build is up to date"
else
  npx next build
fi
# The standalone folder the servers run (node server.js): assembled from this build.
if [ "$(cat .next/standalone/.sightline-assembled 2>/dev/null)" != "$(cat .next/BUILD_ID)" ]; then
  bash scripts/build-standalone.sh --no-build
fi
