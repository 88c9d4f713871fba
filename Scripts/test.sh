#!/usr/bin/env bash
# Runs every test: the Swift suites (unit, live-socket, storage crash, extraction quality).
# Exits non-zero on any failure or on a compiler warning in our own sources.
set -euo pipefail
cd "$(dirname "$0")/.."

log=$(mktemp)
trap 'rm -f "$log"' EXIT
swift build --build-tests 2>&1 | tee "$log"
if grep -E '^/.*/(Sources|Tests)/.*: warning:' "$log" >/dev/null; then
  echo "test.sh: the build has warnings in our sources (see above)" >&2
  exit 1
fi
swift test
