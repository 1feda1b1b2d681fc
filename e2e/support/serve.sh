#!/usr/bin/env bash
# The app under test: the production build on an empty, throw-away embedded store.
set -euo pipefail
PORT="$1"
export DATA_DIR="$PWD/test-results/e2e-data-$PORT"
# Fixtures are years old: keep them from being pruned mid-run.
export RETENTION_DAYS=36500
rm -rf "$DATA_DIR"
# The standalone server (node server.js), as deployed.
exec bash scripts/start.sh -H 127.0.0.1 -p "$PORT"
