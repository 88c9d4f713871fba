#!/usr/bin/env bash
# HTTP benchmark: wrk against /healthz of a release build on loopback, then optionally the same
# while N idle keep-alive connections are held open, and optionally a comparison with a peer.
#   usage: Scripts/bench-http.sh [seconds=10] [connections=64]
# Environment:
#   PORT=18180          port for the server under test
#   ACCESS_LOG=true     keep the per-request access log on (the default configuration); false to drop it
#   WORKERS=16          worker threads
#   IDLE=0              also hold this many idle keep-alive connections (e.g. 10000) and report RSS
#   COMPARE=""          space-separated peer URLs: runs ../shared/bench/http-compare.sh ours vs each
# Prints one line per measurement: req/s, p50, p99, server RSS. Exit non-zero on failure.
set -euo pipefail
cd "$(dirname "$0")/.."
secs="${1:-10}"; conns="${2:-64}"
port="${PORT:-18180}"; access_log="${ACCESS_LOG:-true}"; workers="${WORKERS:-16}"; idle="${IDLE:-0}"
url="http://127.0.0.1:$port/healthz"

command -v wrk >/dev/null || { echo "installing wrk"; apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
[ -x .build/release/frontline ] || nice swift build -c release --product frontline
ulimit -n "$(ulimit -Hn)"

log="$(mktemp /tmp/bench-http.XXXXXX)"
FRONTLINE_ACCESS_LOG="$access_log" FRONTLINE_WORKERS="$workers" FRONTLINE_MAX_CONNECTIONS=20000 \
  .build/release/frontline serve --host 127.0.0.1 --port "$port" 2>"$log" &
server=$!
holder=""
cleanup() { [ -n "$holder" ] && kill "$holder" 2>/dev/null; kill -TERM "$server" 2>/dev/null; wait "$server" 2>/dev/null; rm -f "$log"; }
trap cleanup EXIT
for _ in $(seq 1 100); do curl -sf -o /dev/null "$url" && break; sleep 0.1; done
curl -sf -o /dev/null "$url" || { echo "server did not start:"; cat "$log"; exit 1; }

rss_mb() { awk '/VmRSS/ {printf "%.1f", $2/1024}' "/proc/$server/status"; }
threads() { awk '/Threads/ {print $2}' "/proc/$server/status"; }

measure() { # label
    local out; out="$(timeout $((secs + 30)) wrk -t2 -c"$conns" -d"${secs}s" --timeout 5s --latency "$url")"
    local rps p50 p99 errors
    rps="$(awk '/Requests\/sec/ {print $2}' <<<"$out")"
    p50="$(awk '$1=="50%" {print $2}' <<<"$out")"
    p99="$(awk '$1=="99%" {print $2}' <<<"$out")"
    errors="$(awk '/Socket errors/ {print $0}' <<<"$out")"
    printf '%-28s req/s=%-10s p50=%-8s p99=%-8s rss=%sMB threads=%s %s\n' "$1" "$rps" "$p50" "$p99" "$(rss_mb)" "$(threads)" "$errors"
}

echo "# bench-http $(date -u +%FT%TZ) $(nproc) cores, $(awk -F: '/model name/ {print $2; exit}' /proc/cpuinfo | xargs), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "# wrk -t2 -c$conns -d${secs}s $url  (access_log=$access_log workers=$workers)"
echo "idle server                  rss=$(rss_mb)MB threads=$(threads)"
curl -sf -o /dev/null "$url"; timeout 10 wrk -t2 -c"$conns" -d2s "$url" >/dev/null   # warm-up
measure "/healthz"

if [ "$idle" -gt 0 ]; then
    python3 - "$port" "$idle" <<'PY' &
import socket, sys, time, resource
port, count = int(sys.argv[1]), int(sys.argv[2])
soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
held = []
for i in range(count):
    s = socket.create_connection(("127.0.0.1", port))
    s.sendall(b"GET /healthz HTTP/1.1\r\nHost: bench\r\n\r\n")
    held.append(s)
ok = 0
for s in held:
    s.settimeout(10)
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = s.recv(4096)
        if not chunk: break
        data += chunk
    ok += data.startswith(b"HTTP/1.1 200")
print(f"idle holder: {ok}/{count} connections answered and now held open", flush=True)
open("/tmp/bench-http-idle.ready", "w").write(str(ok))
time.sleep(3600)
PY
    holder=$!
    rm -f /tmp/bench-http-idle.ready
    for _ in $(seq 1 1200); do [ -f /tmp/bench-http-idle.ready ] && break; sleep 0.1; done
    echo "with $idle idle keep-alive   rss=$(rss_mb)MB threads=$(threads) open_connections=$(curl -s "http://127.0.0.1:$port/metrics" | awk '/^http_open_connections/ {print $2}')"
    measure "/healthz + $idle idle"
    kill "$holder" 2>/dev/null; holder=""; rm -f /tmp/bench-http-idle.ready
fi

for peer in ${COMPARE:-}; do
    echo "## compare: A=frontline B=$peer"
    ../shared/bench/http-compare.sh "$url" "$peer" "$secs" "$conns" | tail -n 4
done
