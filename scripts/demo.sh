#!/usr/bin/env bash
# Runs Sightline on the embedded store with a generated incident over the last hour, and live traffic.
set -euo pipefail
cd "$(dirname "$0")/.."
PORT="${PORT:-3000}"
export PORT DATA_DIR="${DATA_DIR:-./data}"
if curl -s -o /dev/null "http://localhost:$PORT/"; then
  echo "[sightline] port $PORT is already in use: stop what runs there or set PORT" >&2
  exit 1
fi
bash scripts/ensure-native.sh
bash scripts/ensure-build.sh

# Loopback only unless told otherwise: the demo has no login (AUTH_MODE, README). The standalone
# server, as deployed (scripts/start.sh).
# Text lines at warn for a terminal (the server logs JSON, a line a request, when deployed).
LOG_FORMAT="${LOG_FORMAT:-text}" LOG_LEVEL="${LOG_LEVEL:-warn}" LISTEN_HOST="${LISTEN_HOST:-127.0.0.1}" bash scripts/start.sh &
SERVER=$!
GENERATOR=""
trap 'kill $SERVER $GENERATOR 2>/dev/null || true' EXIT INT TERM
for _ in $(seq 1 120); do
  kill -0 $SERVER 2>/dev/null || { echo "[sightline] the server exited during start-up" >&2; exit 1; }
  curl -sf "http://127.0.0.1:$PORT/api/health" >/dev/null && break
  sleep 0.5
done
node_modules/.bin/tsx scripts/demo/cli.ts --url "http://127.0.0.1:$PORT" --live &
GENERATOR=$!
echo "[sightline] dashboard: http://localhost:$PORT  (Ctrl-C stops it)"
wait $SERVER
