#!/usr/bin/env bash
# npm 11 may skip install scripts: make sure better-sqlite3's native addon was really built.
set -euo pipefail
if ! node -e "new (require('better-sqlite3'))(':memory:').close()" 2>/dev/null; then
  echo "[sightline] better-sqlite3's native addon is missing: building it from source" >&2
  npm rebuild better-sqlite3 --foreground-scripts
  node -e "new (require('better-sqlite3'))(':memory:').close()"
fi
