#!/usr/bin/env bash
# npm start: the production server as it is deployed, `node server.js` in the standalone folder
# (scripts/build-standalone.sh; assembled here if the build is newer than the folder).
#   npm start [-- -H <address>] [-- -p <port>]
# The listen address is -H, else LISTEN_HOST, else 127.0.0.1 (loopback: see README, Access); the
# port -p, else PORT, else 3000. DATA_DIR is taken relative to the current directory (server.js
# itself runs from its folder).
set -euo pipefail
host="${LISTEN_HOST:-127.0.0.1}"
port="${PORT:-3000}"
while [ $# -gt 0 ]; do
  case "$1" in
    -H|--hostname) host="$2"; shift ;;
    --hostname=*) host="${1#--hostname=}" ;;
    -p|--port) port="$2"; shift ;;
    --port=*) port="${1#--port=}" ;;
    *) echo "usage: npm start [-- -H <address>] [-- -p <port>]" >&2; exit 2 ;;
  esac
  shift
done
DATA_DIR="$(realpath -m "${DATA_DIR:-./data}")"
export DATA_DIR HOSTNAME="$host" PORT="$port"
cd "$(dirname "$0")/.."
if [ ! -f .next/BUILD_ID ]; then
  echo "[sightline] no production build: run npm run build first" >&2
  exit 1
fi
if [ "$(cat .next/standalone/.sightline-assembled 2>/dev/null)" != "$(cat .next/BUILD_ID)" ]; then
  bash scripts/build-standalone.sh --no-build >&2
fi
# V8's default young generation: a larger one (--max-semi-space-size=64, used before) no longer
# speeds up a million-span outline (21.1 s against 21.4 s, bench/outline-load.ts) and made every
# request wait longer in each scavenge (lookup p99 at 1M spans 9-18 ms against 10 ms: BENCHMARKS.md).
exec node .next/standalone/server.js
