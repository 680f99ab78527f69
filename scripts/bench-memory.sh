#!/usr/bin/env bash
# Resident memory (VmRSS) of a fresh release server at rest and after 300 failed sign-ins, each
# from its own loopback address (so the per-client limit does not stop them) and paced under
# the overall limit, so every one runs argon2. A figure, not a pass/fail test (issue 16 item 2:
# the server went from 313 MiB to 4.4 GiB before argon2 was bounded and its memory returned).
set -euo pipefail
server=${1:-target/release/portal-server}
attempts=${ATTEMPTS:-300}
dir=$(mktemp -d)
port=$((20000 + RANDOM % 20000))
"$server" --addr "127.0.0.1:$port" --db "$dir/portal.db" --static "$dir" --seed demo \
  >"$dir/server.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; rm -rf "$dir"' EXIT
until curl -sf "http://127.0.0.1:$port/api/health" >/dev/null; do sleep 0.2; done
rss() { awk '/^VmRSS/ { printf "%.1f MiB", $2 / 1024 }' "/proc/$pid/status"; }
echo "memory at rest: $(rss)"
sign_in() {
  curl -s -o /dev/null -w '%{http_code}\n' --interface "127.0.$((1 + $1 / 250)).$((1 + $1 % 250))" \
    -H 'Content-Type: application/json' -H 'X-Requested-With: provider-portal' \
    -d "{\"ncid\":\"bench-$1\",\"password\":\"wrong\"}" "http://127.0.0.1:$2/api/session/password"
  sleep 0.2
}
export -f sign_in
statuses=$(seq 0 $((attempts - 1)) | xargs -P 4 -I{} bash -c "sign_in {} $port" | sort | uniq -c | tr -s ' ' | tr '\n' ',')
echo "answers to $attempts failed sign-ins (count status): ${statuses%,}"
echo "memory after $attempts failed sign-ins: $(rss)"
sleep 5
echo "memory 5 s later: $(rss)"
