#!/usr/bin/env bash
# Fuzzes the HTTP request parser and chunked decoder with libFuzzer under AddressSanitizer
# (RELIABILITY.md item 39). Usage: Scripts/fuzz.sh [SECONDS]   (default 120; CI uses the default).
# A crash fails the run; the reproducer is copied to Tests/Fuzz/FailCases/ so it can be committed
# and replayed (the plain FuzzRequestParser build replays Tests/Fuzz/corpus).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-120}"
build=.build-fuzz

swift build -c release -Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING \
  --product FuzzRequestParser --scratch-path "$build"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/corpus" "$work/crashes"
cp Tests/Fuzz/corpus/* "$work/corpus/"
status=0
SWIFT_BACKTRACE=enable=no "$build/release/FuzzRequestParser" -max_total_time="$seconds" -timeout=2 \
  -rss_limit_mb=2048 -max_len=16384 -print_final_stats=1 -artifact_prefix="$work/crashes/" \
  "$work/corpus" 2>&1 | tail -25 || status=$?
if [ "$status" -ne 0 ] || [ -n "$(ls -A "$work/crashes")" ]; then
  mkdir -p Tests/Fuzz/FailCases
  cp "$work/crashes/"* Tests/Fuzz/FailCases/ 2>/dev/null || true
  echo "fuzz: FAILED (status $status); reproducers in Tests/Fuzz/FailCases/" >&2
  exit 1
fi
echo "fuzz: ok, no crash in ${seconds}s ($(ls "$work/corpus" | wc -l) corpus entries)"
