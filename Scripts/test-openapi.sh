#!/usr/bin/env bash
# OpenAPI conformance: runs schemathesis (every check) against a live `frontline serve --demo` on a
# temporary database, with the document the server itself serves at /api/openapi.json.
#   usage: Scripts/test-openapi.sh
# Environment:
#   FRONTLINE_SKIP_BUILD=1   use the existing .build/debug/frontline
#   ST_MAX_EXAMPLES=100      generated cases per operation and phase (about 2,500 requests, under a minute)
#   ST_SEED=20210815         generation seed: fixed by default so CI runs are reproducible; `random`
#                            explores new cases (schemathesis prints the seed, to reproduce a find)
#   ST_VENV=.build/schemathesis-venv   where schemathesis is installed when `st` is absent
#   ST_EXTRA="..."           more `st run` arguments (e.g. --include-operation-id listEvents)
#   ST_SERVER=http://127.0.0.1:8080 ST_TOKEN=...   test that running server instead (no build, no start)
# Exits non-zero when schemathesis reports any failure or error, or the server does not come up.
set -euo pipefail
cd "$(dirname "$0")/.."

schemathesis_version=4.32.5
max_examples="${ST_MAX_EXAMPLES:-100}"
seed="${ST_SEED:-20210815}"
[ "$seed" = random ] && seed=""
venv="${ST_VENV:-.build/schemathesis-venv}"

if [ -z "${ST_SERVER:-}" ] && [ "${FRONTLINE_SKIP_BUILD:-0}" != 1 ]; then
  swift build --product frontline
fi
binary=.build/debug/frontline
[ -n "${ST_SERVER:-}" ] || [ -x "$binary" ] || { echo "test-openapi: $binary is missing (build it, or unset FRONTLINE_SKIP_BUILD)" >&2; exit 1; }

# schemathesis: a pinned version in a private virtualenv, so it neither needs nor disturbs global packages.
st="$venv/bin/st"
if ! { [ -x "$st" ] && "$st" --version 2>/dev/null | grep -q " $schemathesis_version\$"; }; then
  echo "test-openapi: installing schemathesis $schemathesis_version into $venv"
  rm -rf "$venv"
  python3 -m venv "$venv"
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check "schemathesis==$schemathesis_version"
fi

source Scripts/lib/live-server.sh
live_server_setup

if [ -n "${ST_SERVER:-}" ]; then
  base="${ST_SERVER%/}"
  token="${ST_TOKEN:-}"
else
  port="$(free_port)"
  token="st-$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')"
  base="http://127.0.0.1:$port"
  FRONTLINE_API_TOKEN="$token" FRONTLINE_ACCESS_LOG=true \
    "$binary" serve --host 127.0.0.1 --port "$port" --db "$work/frontline.sqlite" --demo 2>"$work/server.log" &
  server=$!
  wait_for_server "$port"
fi
if ! curl -sf -o /dev/null "$base/healthz"; then
  echo "test-openapi: the server did not come up" >&2
  [ -f "$work/server.log" ] && cat "$work/server.log" >&2
  exit 1
fi

# The served document must be Config/openapi.json, except that the server fills each
# `x-frontline-enum` placeholder with the `enum` of the slugs it knows.
curl -sf "$base/api/openapi.json" -o "$work/served.json" || { echo "test-openapi: GET /api/openapi.json failed" >&2; exit 1; }
python3 - "$work/served.json" Config/openapi.json <<'EOF'
import json, sys

def same(served, local, where):
    if isinstance(local, dict):
        if not isinstance(served, dict):
            return where
        if "x-frontline-enum" in local:
            values = served.get("enum")
            if not (isinstance(values, list) and values and all(isinstance(v, str) for v in values)):
                return where + ": no filled enum for x-frontline-enum " + local["x-frontline-enum"]
            local = {k: v for k, v in local.items() if k not in ("x-frontline-enum", "enum")}
            served = {k: v for k, v in served.items() if k != "enum"}
        if set(served) != set(local):
            return where + ": keys differ: " + " ".join(sorted(set(served) ^ set(local)))
        return next((d for k in local for d in [same(served[k], local[k], where + "/" + k)] if d), None)
    if isinstance(local, list):
        if not isinstance(served, list) or len(served) != len(local):
            return where
        return next((d for i, v in enumerate(local) for d in [same(served[i], v, f"{where}/{i}")] if d), None)
    return None if served == local and type(served) is type(local) else where

difference = same(json.load(open(sys.argv[1])), json.load(open(sys.argv[2])), "")
if difference:
    sys.exit("test-openapi: /api/openapi.json differs from Config/openapi.json at " + difference)
EOF

# Mass assignment (RELIABILITY 38): server-owned fields in a submission are refused, naming the field.
probes_failed=0
for field in id ingested_at extractor_version report_count score; do
  answer="$(curl -s -w '\n%{http_code}' -X POST -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
    -d "{\"text\": \"Taliban fighters entered Zaranj on Friday.\", \"$field\": 1}" "$base/api/articles")"
  code="${answer##*$'\n'}"
  if [ "$code" != 422 ] || ! printf '%s' "$answer" | grep -q "\"field\":\"$field\""; then
    echo "test-openapi: POST /api/articles with server-owned field $field: expected 422 naming it, got $code: ${answer%$'\n'*}" >&2
    probes_failed=1
  fi
done

# Hooks. NDJSON bulk bodies are text: a generated string goes out as it is, anything else as one
# JSON line. Two rules of the API cannot be written in JSON Schema, so requests that break them
# would be schema-valid yet rightly refused with 400 (positive_data_acceptance would fail):
# - `cursor` / `since` must be a cursor this API handed out: generated text is dropped, unless it
#   is over the documented maxLength (then it is negative data and must still get a 400);
# - `from` must not be after `to`, and a timeline spans at most 3660 days: valid dates are put in
#   order, and the timeline range is clamped.
# Everything else goes out as generated.
cat >"$work/frontline_st_hooks.py" <<'EOF'
import datetime
import json

import schemathesis


@schemathesis.serializer("application/x-ndjson")
def ndjson(ctx, value):
    if isinstance(value, bytes):
        return value
    return (value if isinstance(value, str) else json.dumps(value)).encode("utf-8", "surrogatepass")


def _date(value):
    try:
        return datetime.date.fromisoformat(value) if isinstance(value, str) and len(value) == 10 else None
    except ValueError:
        return None


@schemathesis.hook
def before_call(context, case, kwargs):
    query = case.query
    if not isinstance(query, dict):
        return
    for name in ("cursor", "since"):
        value = query.get(name)
        if isinstance(value, str) and len(value) <= 512:
            del query[name]
    first, last = _date(query.get("from")), _date(query.get("to"))
    if first and last and first > last:
        query["from"], query["to"] = query["to"], query["from"]
        first, last = last, first
    if case.path == "/api/timeline" and first and last and (last - first).days >= 3660:
        query["to"] = query["from"]
EOF

# Stateful links: the explicit ones in the document plus Location headers. Schemathesis' own
# dependency analysis also guesses links from field names (a province's nullable `event_id` to
# GET /api/events/{id}) and then sends `None` as an id when the field is null.
# Invalid data may also be refused by the HTTP layer before routing: an over-long request line
# (414, e.g. a query parameter repeated a hundred times), header section (431) or body (413).
# Those are rejections too, so they join schemathesis' default list of expected statuses.
# No cache: schemathesis would keep failing cases in .schemathesis/ of the work tree.
cat >"$work/schemathesis.toml" <<'EOF'
[cache]
enabled = false

[phases.stateful.inference]
algorithms = ["location-headers"]

[checks.negative_data_rejection]
expected-statuses = ["400", "401", "403", "404", "405", "406", "409", "413", "414", "415", "422", "428", "429", "431", "5xx"]
EOF

# /api/stream is an endless text/event-stream: schemathesis would wait on it until the timeout.
# One worker: CPython 3.11's ast.parse, which hypothesis calls while building strategies, is not
# thread-safe ("SystemError: AST constructor recursion depth mismatch" with --workers 2).
set +e
PYTHONPATH="$work" SCHEMATHESIS_HOOKS=frontline_st_hooks \
  "$st" --config-file "$work/schemathesis.toml" run "$base/api/openapi.json" \
    --checks all \
    --exclude-path /api/stream \
    --header "Authorization: Bearer $token" \
    --max-examples "$max_examples" \
    --workers 1 \
    --request-timeout 20 \
    --generation-database none \
    --no-color \
    --report junit --report-junit-path "$work/junit.xml" \
    ${seed:+--seed "$seed"} \
    ${ST_EXTRA:-}
status=$?
set -e

if [ -n "$server" ]; then
  if grep -E 'Fatal error|panicked' "$work/server.log" >/dev/null; then
    echo "test-openapi: the server log shows a crash:" >&2
    grep -E 'Fatal error|panicked' "$work/server.log" | head -20 >&2
    status=1
  fi
  if ! kill -0 "$server" 2>/dev/null; then
    echo "test-openapi: the server died during the run" >&2
    status=1
  fi
  # RELIABILITY 37: the write token went out on every request; it must never reach the log.
  if grep -qF "$token" "$work/server.log"; then
    echo "test-openapi: the API token appears in the server log ($(grep -cF "$token" "$work/server.log") lines)" >&2
    status=1
  fi
fi
[ "$probes_failed" -eq 0 ] || status=1

# One closing line for CI logs: operations (JUnit test cases) passed and failed.
if [ -f "$work/junit.xml" ]; then
  python3 - "$work/junit.xml" <<'EOF'
import sys
import xml.etree.ElementTree as ET

cases = list(ET.parse(sys.argv[1]).getroot().iter("testcase"))
failed = sum(1 for case in cases if case.find("failure") is not None or case.find("error") is not None)
print(f"schemathesis: {len(cases) - failed} passed, {failed} failed")
EOF
fi
[ "$status" -eq 0 ] && echo "test-openapi: schemathesis passed" || echo "test-openapi: schemathesis FAILED (exit $status)" >&2
exit "$status"
