#!/usr/bin/env bash
# Runs every test, in order, stopping at the first failing stage:
#   1. build with the tests; a compiler warning in our own sources fails the run;
#   2. the Swift suites (unit, live-socket, storage crash, extraction quality, API end to end);
#   3. OpenAPI conformance: schemathesis against a live demo server (Scripts/test-openapi.sh);
#   4. the dashboard in headless Chromium (Scripts/test-browser.sh);
#   5. durability: every acknowledged write synced first under synchronous=full, checked from the
#      server's system calls under strace (Scripts/power-loss-proxy.sh, 200 articles);
#   6. I/O faults: pwrite and syncs failing at random (EIO, ENOSPC) under fiu-run; writes answer
#      503/507, reads go on, nothing acknowledged is lost (Scripts/io-faults.sh, 100 per phase);
#   7. libFuzzer on the HTTP request parser for FRONTLINE_FUZZ_SECONDS (default 120; 0 skips).
# Stages 3-6 install schemathesis, Chromium, selenium, pytest, strace and fiu-utils when absent.
set -euo pipefail
cd "$(dirname "$0")/.."

stage() { printf '\n==== test.sh: %s (%s)\n' "$1" "$(date -u +%H:%M:%S)"; }

stage "build"
log=$(mktemp)
trap 'rm -f "$log"' EXIT
swift build --build-tests 2>&1 | tee "$log"
if grep -E '^/.*/(Sources|Tests)/.*: warning:' "$log" >/dev/null; then
  echo "test.sh: the build has warnings in our sources (see above)" >&2
  exit 1
fi

stage "swift test"
swift test --skip-build

stage "OpenAPI conformance"
FRONTLINE_SKIP_BUILD=1 Scripts/test-openapi.sh

stage "dashboard in a browser"
FRONTLINE_SKIP_BUILD=1 Scripts/test-browser.sh

stage "acknowledged writes synced first (strace)"
FRONTLINE_SKIP_BUILD=1 FRONTLINE_BINARY=.build/debug/frontline Scripts/power-loss-proxy.sh 200 full

stage "I/O faults (fiu)"
FRONTLINE_SKIP_BUILD=1 FRONTLINE_BINARY=.build/debug/frontline Scripts/io-faults.sh 100 0.05

fuzz_seconds="${FRONTLINE_FUZZ_SECONDS:-120}"
if [ "$fuzz_seconds" != 0 ]; then
  stage "fuzzing the request parser"
  Scripts/fuzz.sh "$fuzz_seconds"
fi
stage "all passed"
