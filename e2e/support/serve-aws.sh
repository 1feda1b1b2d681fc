#!/usr/bin/env bash
# The app under test in `aws` mode: the production build, talking to the wire-level AWS test
# server through the SDK's standard endpoint override, with fake credentials.
set -euo pipefail
PORT="$1"
ENDPOINT_PORT="$2"
# The browser opens the app through the stand-in proxy, which rewrites Host: its address is the
# public URL the API's cross-site check (lib/http/cross-site.ts) accepts as Origin.
PROXY_PORT="${3:-}"
if [ -n "$PROXY_PORT" ]; then export PUBLIC_URL="http://127.0.0.1:$PROXY_PORT"; fi
# The values of awsTestEnv (e2e/support/aws-env.ts), which the other aws-mode apps of the tests use
# (test/aws-test-env.test.ts checks they agree).
export DATA_SOURCE=aws
export AWS_ENDPOINT_URL="http://127.0.0.1:$ENDPOINT_PORT"
export AWS_REGION=us-east-1 AWS_ACCESS_KEY_ID=AKIASIGHTLINETEST AWS_SECRET_ACCESS_KEY=sightline-test-secret
export LOG_GROUPS="/sightline-e2e/*"
# The wide pass (filterIndex traceId) over every log group of the account, as README advises.
export LOG_SCOPE=account
# Behind an authenticating proxy, as a team would run it: the journeys go through
# e2e/support/auth-proxy.ts (playwright.config.ts, project aws).
export AUTH_MODE=proxy
export DATA_DIR="$PWD/test-results/e2e-data-$PORT"
rm -rf "$DATA_DIR"
exec bash scripts/start.sh -H 127.0.0.1 -p "$PORT"
