#!/usr/bin/env bash
# API benchmark (issue 5): loads N synthetic articles through HTTP (NDJSON bulk, extraction
# included) and reports the ingest rate, then runs wrk at 64 connections on
#   /api/events?limit=50   /api/events?province=balkh&type=capture   /api/provinces   /api/articles?q=surrender
# with the response cache on (repeated GETs reuse encoded bodies) and, for the first two, off
# (every request queries SQLite and writes JSON). Finally compares /api/events?limit=50 with the
# Hummingbird peer's /json?n=50 (../shared/bench, alternating rounds, ratio of medians).
#   usage: Scripts/bench-api.sh [articles=100000] [seconds=10]
# Environment: PORT (18190), HB_PORT (18191: the peer is built from ../shared/bench/peers/hummingbird-peer
#   into /tmp/frontline-hb-build when needed and started there; HB_URL overrides with a running one),
#   BATCH (2000 articles per POST), KEEP_DB (keep the database directory), SKIP_HB (1: no comparison).
set -euo pipefail
cd "$(dirname "$0")/.."
count="${1:-100000}"; secs="${2:-10}"
port="${PORT:-18190}"; batch="${BATCH:-2000}"
hb_port="${HB_PORT:-18191}"
hb_url="${HB_URL:-http://127.0.0.1:$hb_port/json?n=50}"
bench_dir="$(cd ../shared/bench 2>/dev/null && pwd || true)"

command -v wrk >/dev/null || { echo "installing wrk"; apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
nice swift build -c release --product frontline 2>&1 | tail -1
binary="$(swift build -c release --show-bin-path)/frontline"
ulimit -n "$(ulimit -Hn)"

work="$(mktemp -d /tmp/bench-api.XXXXXX)"
server=""; peer=""
start_server() { # cache on|off
    FRONTLINE_ACCESS_LOG=false FRONTLINE_LOG_LEVEL=warning FRONTLINE_RESPONSE_CACHE="$1" FRONTLINE_MAX_BODY_BYTES=67108864 \
        "$binary" serve --db "$work/frontline.sqlite" --port "$port" 2>>"$work/server.log" &
    server=$!
    for _ in $(seq 1 300); do curl -sf -o /dev/null "http://127.0.0.1:$port/healthz" && return 0; sleep 0.1; done
    echo "server did not start"; cat "$work/server.log"; exit 1
}
stop_server() { if [ -n "$server" ]; then kill -TERM "$server" 2>/dev/null; wait "$server" 2>/dev/null || true; server=""; fi; }
cleanup() {
    stop_server
    if [ -n "$peer" ]; then kill -TERM "$peer" 2>/dev/null; wait "$peer" 2>/dev/null || true; fi
    if [ -z "${KEEP_DB:-}" ]; then rm -rf "$work"; else echo "kept $work"; fi
}
trap cleanup EXIT

echo "# bench-api $(date -u +%FT%TZ) $(nproc) cores, $(awk -F: '/model name/ {print $2; exit}' /proc/cpuinfo | xargs), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "# $count synthetic articles, wrk -t2 -c64 -d${secs}s"

# 1. Synthetic articles (own sentences from the gazetteer and lexicon names), posted as NDJSON.
python3 - "$count" "$work/articles.ndjson" <<'PY'
import json, random, sys
count, path = int(sys.argv[1]), sys.argv[2]
gazetteer = json.load(open("Config/gazetteer/afghanistan.json"))
names = {place["id"]: place["name"] for place in gazetteer["places"]}
cities = [(names.get(p["capital"], p["name"]), p["name"]) for p in gazetteer["provinces"]]
outlets = ["AFP", "Reuters", "Anadolu Agency", "TOLOnews", "Pajhwok", "Al Jazeera", "BBC", "AP"]
verbs = ["captured", "seized control of", "attacked", "besieged", "entered", "overran"]
days = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
random.seed(5)
with open(path, "w") as out:
    for i in range(count):
        city, province = random.choice(cities)
        day = random.randint(1, 16)
        text = (f"Taliban fighters {random.choice(verbs)} {city}, the capital of {province} province, on "
                f"{random.choice(days)}, officials said. Residents reported heavy fighting near the governor's office "
                f"and some families fled toward the airport. Government forces said they would retake the city. "
                f"Some units were reported to surrender after talks with local elders. Dispatch {i}.")
        out.write(json.dumps({"url": f"https://bench.example/{i}", "title": f"Fighting in {city} ({i})", "text": text,
                              "published_at": f"2021-08-{day:02d}", "source": random.choice(outlets)}) + "\n")
PY

start_server true
python3 - "$work/articles.ndjson" "$port" "$batch" <<'PY'
import http.client, sys, time
path, port, batch = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
lines = open(path, "rb").read().splitlines(keepends=True)
connection = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
accepted = 0
start = time.monotonic()
for i in range(0, len(lines), batch):
    body = b"".join(lines[i:i + batch])
    connection.request("POST", "/api/articles", body=body, headers={"Content-Type": "application/x-ndjson"})
    response = connection.getresponse()
    data = response.read()
    if response.status != 200:
        sys.exit(f"bulk POST failed: {response.status} {data[:300]!r}")
    accepted += int(data.split(b'"accepted":')[1].split(b",")[0])
    if (i // batch + 1) % 10 == 0:
        # The rate as the database grows: merging cost depends on how many reports an event has.
        print(f"  {accepted:>7} stored, {accepted / (time.monotonic() - start):,.0f} articles/s so far", flush=True)
elapsed = time.monotonic() - start
print(f"bulk ingest through HTTP: {accepted} articles in {elapsed:.1f} s = {accepted / elapsed:,.0f} articles/s "
      f"(NDJSON, {batch} per POST, extraction included)")
PY
curl -s "http://127.0.0.1:$port/api/events?limit=1" >/dev/null

measure() { # label url
    local out rps p50 p99
    out="$(timeout $((secs + 30)) wrk -t2 -c64 -d"${secs}s" --timeout 5s --latency "$2")"
    rps="$(awk '/Requests\/sec/ {print $2}' <<<"$out")"
    p50="$(awk '$1=="50%" {print $2}' <<<"$out")"
    p99="$(awk '$1=="99%" {print $2}' <<<"$out")"
    printf '%-52s req/s=%-10s p50=%-8s p99=%-8s %s\n' "$1" "$rps" "$p50" "$p99" "$(awk '/Non-2xx|Socket errors/' <<<"$out" | xargs)"
}
base="http://127.0.0.1:$port"
for path in "/api/events?limit=50" "/api/events?province=balkh&type=capture" "/api/provinces" "/api/articles?q=surrender"; do
    curl -sf -o /dev/null "$base$path"; timeout 10 wrk -t2 -c64 -d2s "$base$path" >/dev/null
    measure "cache on   $path" "$base$path"
done
stop_server
start_server false
for path in "/api/events?limit=50" "/api/events?province=balkh&type=capture" "/api/provinces" "/api/articles?q=surrender"; do
    timeout 10 wrk -t2 -c64 -d2s "$base$path" >/dev/null
    measure "cache off  $path" "$base$path"
done

# 2. Against the Hummingbird peer, same run, alternating rounds (cache on: as deployed).
stop_server
start_server true
if [ -z "${SKIP_HB:-}" ] && [ -z "${HB_URL:-}" ] && [ -n "$bench_dir" ]; then
    hb_build=/tmp/frontline-hb-build
    nice swift build -c release --package-path "$bench_dir/peers/hummingbird-peer" --scratch-path "$hb_build" 2>&1 | tail -1
    "$hb_build/release/HummingbirdPeer" "$hb_port" >"$work/peer.log" 2>&1 &
    peer=$!
    for _ in $(seq 1 100); do curl -sf -o /dev/null "$hb_url" && break; sleep 0.1; done
fi
if [ -z "${SKIP_HB:-}" ] && curl -sf -o /dev/null "$hb_url" && [ -n "$bench_dir" ]; then
    echo "# ours (cache on) vs Hummingbird peer $hb_url"
    "$bench_dir/http-compare.sh" "$base/api/events?limit=50" "$hb_url" "$secs" 64 | tail -4
    stop_server
    start_server false
    echo "# ours (cache off) vs Hummingbird peer $hb_url"
    "$bench_dir/http-compare.sh" "$base/api/events?limit=50" "$hb_url" "$secs" 64 | tail -4
else
    echo "# no comparison: Hummingbird peer not reachable at $hb_url"
fi
