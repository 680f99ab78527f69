#!/usr/bin/env bash
# `make test-api`: property-based tests of the HTTP contract with schemathesis. Starts the debug
# server on a free port with a temporary database and the demo data, signs in as a demo user
# (password, then the one-time code that `--demo` tells) and lets schemathesis send requests
# generated from GET /api/openapi.json with that session: every answer must be no 5xx, have a
# documented status and match its documented body. Run once as a provider (javery1) and once as
# operations staff (opsreview1), who alone reach /api/operations/*. The server always stops.
set -euo pipefail
cd "$(dirname "$0")/.."

SERVER=${PORTAL_SERVER:-target/debug/portal-server}
SCHEMATHESIS=.venv/bin/schemathesis
PASSWORD='Demo!Passw0rd'
# Test cases per operation and phase: 6,294 requests over the two users' runs (at least 5,000).
MAX_EXAMPLES=${API_TEST_EXAMPLES:-50}

work=$(mktemp -d)
server=
cleanup() {
  if [ -n "$server" ]; then
    kill "$server" 2>/dev/null || true
    wait "$server" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
base="http://127.0.0.1:$port"
RUST_LOG=warn "$SERVER" --addr "127.0.0.1:$port" --db "$work/portal.db" --static "$work/no-client" \
  --seed demo --demo >"$work/server.log" 2>&1 &
server=$!
for _ in $(seq 100); do
  curl -sf "$base/api/health" >/dev/null && break
  kill -0 "$server" 2>/dev/null || { cat "$work/server.log"; exit 1; }
  sleep 0.1
done

# The session cookie of `user`, signed in as the client does it (docs/api.md, sign-in).
sign_in() {
  local user=$1 jar="$work/$1.cookies" code
  curl -sf -c "$jar" -b "$jar" -H 'X-Requested-With: provider-portal' \
    -H 'Content-Type: application/json' \
    -d "{\"ncid\":\"$user\",\"password\":\"$PASSWORD\"}" "$base/api/session/password" >/dev/null
  code=$(curl -sf -c "$jar" -b "$jar" "$base/api/session/demo-code" |
    python3 -c 'import json, sys; print(json.load(sys.stdin)["code"])')
  curl -sf -c "$jar" -b "$jar" -H 'X-Requested-With: provider-portal' \
    -H 'Content-Type: application/json' \
    -d "{\"code\":\"$code\"}" "$base/api/session/one-time-code" >/dev/null
  awk '$6 == "portal_session" { print $7 }' "$jar"
}

# The two users' runs go side by side, one worker each: schemathesis's own threads trip a
# CPython 3.11 bug in parsing source ("AST constructor recursion depth mismatch").
runs=()
for user in javery1 opsreview1; do
  cookie=$(sign_in "$user")
  # Signing out would end the session the rest of the run uses; server/tests/api.rs covers it.
  "$SCHEMATHESIS" --no-color run "$base/api/openapi.json" \
    --checks not_a_server_error,status_code_conformance,response_schema_conformance,content_type_conformance \
    --phases examples,coverage,fuzzing \
    --max-examples "$MAX_EXAMPLES" \
    --seed 16 \
    --workers 1 \
    --exclude-operation-id sign_out \
    --header "Cookie: portal_session=$cookie" \
    --header 'X-Requested-With: provider-portal' \
    --suppress-health-check all >"$work/$user.log" 2>&1 &
  runs+=("$!")
done

status=0
total=0
for index in 0 1; do
  user=$([ "$index" = 0 ] && echo javery1 || echo opsreview1)
  wait "${runs[$index]}" || status=1
  echo "=== schemathesis as $user"
  cat "$work/$user.log"
  cases=$(grep -oE '^ +[0-9]+ generated' "$work/$user.log" | grep -oE '[0-9]+' || echo 0)
  total=$((total + cases))
done
echo "test-api: $total test cases in all"
if [ "$total" -lt 5000 ]; then
  echo "test-api: fewer than 5,000 test cases" >&2
  status=1
fi
if [ "$status" -ne 0 ]; then
  echo "--- server log"
  tail -50 "$work/server.log"
fi
exit "$status"
