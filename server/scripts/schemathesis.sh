#!/usr/bin/env bash
# Fuzzes the read API against its own OpenAPI document with schemathesis:
# starts the server on a free port with a fresh data directory and the demo
# project, signs in as the demo's lead and makes a personal API token the
# way a person does (the create_token server function), then lets
# schemathesis call every operation (and follow the document's links from
# projects to decisions to one decision) and check every answer: no server
# error, status, content type, headers and body as the document says, 401
# without the token. Stops the server and removes the data at the end.
# Usage: server/scripts/schemathesis.sh SAMSPILL_BINARY SITE_ROOT
# (`make test` passes the release build.)
set -euo pipefail
cd "$(dirname "$0")/../.."
bin=$(realpath "$1")
site=$(realpath "$2")
. server/scripts/tools.sh
if [ ! -x "$SCHEMATHESIS" ]; then
  echo "schemathesis is not installed: run server/scripts/setup.sh test" >&2
  exit 1
fi

data=$(mktemp -d)
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
base=http://127.0.0.1:$port
"$bin" serve --bind "127.0.0.1:$port" --data-dir "$data" --site-root "$site" --log warn \
  >"$data/server.log" 2>&1 &
server=$!
stop() {
  kill "$server" 2>/dev/null || true
  wait "$server" 2>/dev/null || true
  rm -rf "$data"
}
trap stop EXIT

for _ in $(seq 1 120); do
  curl -sf "$base/healthz" >/dev/null && break
  kill -0 "$server" 2>/dev/null || { cat "$data/server.log" >&2; exit 1; }
  sleep 0.5
done

# The demo's sign-in (README, "Quick start"); a POST from this site's
# Origin, as the sign-in page sends it.
jar=$data/cookies
curl -sf -o /dev/null -c "$jar" -H "Origin: $base" \
  --data-urlencode email=demo@samspill.no --data-urlencode password=samspill-demo-2026 \
  "$base/api/sign_in"
token=$(curl -sf -b "$jar" -H "Origin: $base" -H 'Accept: application/json' \
  --data-urlencode name=schemathesis "$base/api/create_token" |
  python3 -c 'import json, sys; print(json.load(sys.stdin)["secret"])')

# From the data directory, so the run leaves nothing in the clone.
cd "$data"
"$SCHEMATHESIS" run "$base/api/v1/openapi.json" \
  --header "Authorization: Bearer $token" \
  --checks all \
  --max-examples "${SCHEMATHESIS_EXAMPLES:-100}" \
  --generation-database none \
  --request-timeout 10 \
  --no-color
