#!/usr/bin/env bash
# Checks that Config/openapi.json matches behaviour: builds, starts the server on a temporary
# database loaded with the demo set on a free port, and runs schemathesis (from PyPI, installed
# when absent) against GET /api/openapi.json with every check, /api/stream excluded (it never
# ends). Exits non-zero on any failure.
#   Scripts/test-openapi.sh [extra schemathesis options, e.g. --max-examples 50]
set -euo pipefail
cd "$(dirname "$0")/.."

swift build --product frontline 2>&1 | tail -1
binary="$(swift build --show-bin-path)/frontline"

if ! command -v st >/dev/null 2>&1; then
    python3 -m pip install --quiet schemathesis
fi

work="$(mktemp -d)"
port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
token="openapi-test-$RANDOM$RANDOM"
server_pid=""
cleanup() {
    if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT

FRONTLINE_API_TOKEN="$token" FRONTLINE_ACCESS_LOG=false FRONTLINE_LOG_LEVEL=warning \
    "$binary" serve --demo --db "$work/frontline.sqlite" --port "$port" >"$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 100); do
    if curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1; then break; fi
    sleep 0.2
done
curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null || { cat "$work/server.log"; exit 1; }

status=0
SCHEMATHESIS_HOOKS="$PWD/Scripts/schemathesis_hooks.py" st run "http://127.0.0.1:$port/api/openapi.json" \
    --url "http://127.0.0.1:$port" \
    --checks all \
    --exclude-path /api/stream \
    --header "Authorization: Bearer $token" \
    --workers 1 \
    --generation-database none \
    --no-color \
    "$@" || status=$?
if [ "$status" -ne 0 ]; then
    echo "schemathesis reported failures (server log: last lines below)"
    tail -20 "$work/server.log"
fi
exit "$status"
