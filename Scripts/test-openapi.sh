#!/usr/bin/env bash
# OpenAPI conformance: runs schemathesis (every check) against a live `frontline serve --demo` on a
# temporary database, with the document the server itself serves at /api/openapi.json.
#   usage: Scripts/test-openapi.sh
# Environment:
#   FRONTLINE_SKIP_BUILD=1   use the existing .build/debug/frontline
#   ST_MAX_EXAMPLES=25       generated cases per operation and phase (bounded: ~3-5 min on 2 cores)
#   ST_SEED=<n>              reproduce a run (schemathesis prints the seed it used)
#   ST_VENV=.build/schemathesis-venv   where schemathesis is installed when `st` is absent
#   ST_EXTRA="..."           more `st run` arguments (e.g. --include-operation-id listEvents)
# Exits non-zero when schemathesis reports any failure or error, or the server does not come up.
set -euo pipefail
cd "$(dirname "$0")/.."

schemathesis_version=4.32.5
max_examples="${ST_MAX_EXAMPLES:-25}"
venv="${ST_VENV:-.build/schemathesis-venv}"

if [ "${FRONTLINE_SKIP_BUILD:-0}" != 1 ]; then
  swift build --product frontline
fi
binary=.build/debug/frontline
[ -x "$binary" ] || { echo "test-openapi: $binary is missing (build it, or unset FRONTLINE_SKIP_BUILD)" >&2; exit 1; }

# schemathesis: a pinned version in a private virtualenv, so it neither needs nor disturbs global packages.
st="$venv/bin/st"
if ! { [ -x "$st" ] && "$st" --version 2>/dev/null | grep -q " $schemathesis_version\$"; }; then
  echo "test-openapi: installing schemathesis $schemathesis_version into $venv"
  rm -rf "$venv"
  python3 -m venv "$venv"
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check "schemathesis==$schemathesis_version"
fi

work="$(mktemp -d /tmp/frontline-openapi.XXXXXX)"
server=""
cleanup() {
  if [ -n "$server" ]; then
    kill -TERM "$server" 2>/dev/null || true
    wait "$server" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
token="st-$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')"
base="http://127.0.0.1:$port"

FRONTLINE_API_TOKEN="$token" FRONTLINE_ACCESS_LOG=false \
  "$binary" serve --host 127.0.0.1 --port "$port" --db "$work/frontline.sqlite" --demo 2>"$work/server.log" &
server=$!
for _ in $(seq 1 600); do
  curl -sf -o /dev/null "$base/healthz" && break
  kill -0 "$server" 2>/dev/null || break
  sleep 0.2
done
if ! curl -sf -o /dev/null "$base/healthz"; then
  echo "test-openapi: the server did not come up; its log:" >&2
  cat "$work/server.log" >&2
  exit 1
fi

# The served document must be Config/openapi.json, the one under review.
curl -sf "$base/api/openapi.json" -o "$work/served.json" || { echo "test-openapi: GET /api/openapi.json failed" >&2; exit 1; }
python3 - "$work/served.json" Config/openapi.json <<'EOF'
import json, sys
served, local = (json.load(open(path)) for path in sys.argv[1:3])
if served != local:
    sys.exit("test-openapi: /api/openapi.json differs from Config/openapi.json")
EOF

# NDJSON bulk bodies are text: send the generated string as it is.
cat >"$work/frontline_st_hooks.py" <<'EOF'
import schemathesis

schemathesis.serializer.alias("application/x-ndjson", "text/plain")
EOF

# positive_data_acceptance expects 2xx for any schema-valid request. These operations answer 400 to
# some schema-valid inputs by design, for rules JSON Schema cannot state about query parameters:
# `from` after `to`, a timeline range over the day cap, an opaque `cursor`/`since` that this
# listing never issued, a `source`/`city`/`actor` slug that names nothing stored, a malformed
# full-text query. There (and only there) 400 counts as acceptable; every other check still applies.
cat >"$work/schemathesis.toml" <<'EOF'
[[operations]]
include-operation-id = ["listArticles", "listEvents", "timeline", "changes"]
checks.positive_data_acceptance.expected-statuses = ["2xx", "3xx", "400", "401", "403", "404", "409", "429"]
EOF

# /api/stream is an endless text/event-stream: schemathesis would wait on it until the timeout.
set +e
PYTHONPATH="$work" SCHEMATHESIS_HOOKS=frontline_st_hooks \
  "$st" --config-file "$work/schemathesis.toml" run "$base/api/openapi.json" \
    --checks all \
    --exclude-path /api/stream \
    --header "Authorization: Bearer $token" \
    --max-examples "$max_examples" \
    --workers 2 \
    --request-timeout 20 \
    --generation-database none \
    --no-color \
    ${ST_SEED:+--seed "$ST_SEED"} \
    ${ST_EXTRA:-}
status=$?
set -e

if grep -E 'Fatal error|panicked|\.swift:[0-9]+' "$work/server.log" >/dev/null; then
  echo "test-openapi: the server log shows a crash:" >&2
  grep -E 'Fatal error|panicked|\.swift:[0-9]+' "$work/server.log" | head -20 >&2
  status=1
fi
if ! kill -0 "$server" 2>/dev/null; then
  echo "test-openapi: the server died during the run" >&2
  status=1
fi
[ "$status" -eq 0 ] && echo "test-openapi: schemathesis passed" || echo "test-openapi: schemathesis FAILED (exit $status)" >&2
exit "$status"
