#!/usr/bin/env bash
# I/O faults (RELIABILITY.md case 27): runs `frontline serve` under fiu-run (libfiu's POSIX
# preload) with synchronous=full, POSTs articles one at a time, and for a middle stretch makes
# pwrite, fsync and fdatasync fail at random (EIO, then ENOSPC) while reads go on. Checks:
#   - during the faults every write answers 2xx, 503 or 507 (never another status, never a hang),
#     and reads keep answering 200;
#   - once the faults stop, writes succeed again without a restart, and search finds every
#     article acknowledged during the faults (the index failed with the database);
#   - the server never crashes, and logs SQLite's error for each 503 and 507;
#   - after it stops, `frontline check` prints ok and every acknowledged article is stored.
# The phases: before, EIO, ENOSPC, after; each POSTs ARTICLES_PER_PHASE articles.
#   usage: Scripts/io-faults.sh [ARTICLES_PER_PHASE] [PROBABILITY]     (defaults: 200 0.05)
# Environment:
#   FRONTLINE_SKIP_BUILD=1   use the existing binary instead of building the release one
#   FRONTLINE_BINARY=path    that binary (default .build/release/frontline)
set -euo pipefail
cd "$(dirname "$0")/.."

per_phase="${1:-200}"
probability="${2:-0.05}"
source Scripts/lib/live-server.sh
require_command fiu-run fiu-utils
release_binary
live_server_setup
port="$(free_port)"
db="$work/frontline.sqlite"
# fiu-run execs the server in its own process, so $! is the server; fiu-ctrl reaches it through
# the named pipes under $work/fiu-ctrl-PID.
FRONTLINE_SYNCHRONOUS=full FRONTLINE_ACCESS_LOG=false \
  fiu-run -x -f "$work/fiu-ctrl" "$binary" serve --host 127.0.0.1 --port "$port" --db "$db" 2>"$work/server.log" &
server=$!
wait_for_server "$port"

points=(posix/io/rw/pwrite posix/io/sync/fsync posix/io/sync/fdatasync)
faults() {  # faults on ERRNO | faults off
  local point
  for point in "${points[@]}"; do
    if [ "$1" = on ]; then
      fiu-ctrl -f "$work/fiu-ctrl" -c "enable_random name=$point,probability=$probability,failinfo=$2" "$server"
    else
      fiu-ctrl -f "$work/fiu-ctrl" -c "disable name=$point" "$server"
    fi
  done
}

python3 - "$port" "$per_phase" "$work/acknowledged" "$work/phase" <<'EOF' &
import http.client, json, os, sys, time
port, per_phase, acknowledged_path, phase_path = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], sys.argv[4]
places = ["Zaranj", "Sheberghan", "Kunduz", "Sar-e Pul", "Taloqan", "Aybak", "Farah", "Pul-e Khumri"]

def phase():
    return open(phase_path).read().strip() if os.path.exists(phase_path) else "before"

def request(method, path, body=None):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        headers = {"Content-Type": "application/json"} if body is not None else {}
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()

counts, acknowledged, during_faults, n = {}, [], [], 0
with open(acknowledged_path, "w") as out:
    for stage in ("before", "eio", "enospc", "after"):
        while phase() != stage:
            time.sleep(0.05)
        for _ in range(per_phase):
            # `k{n}z` is a word no other article has, to find this one by search.
            text = (f"Report k{n}z: fighters entered {places[n % len(places)]} on the {n % 28 + 1}th, "
                    f"a local official said, and {n * 7 % 90 + 10} families left.")
            n += 1
            status, body = request("POST", "/api/articles", json.dumps({"text": text}))
            counts.setdefault(stage, {}).setdefault(status, 0)
            counts[stage][status] += 1
            if status in (200, 201):
                acknowledged.append(json.loads(body)["article"]["id"])
                if stage in ("eio", "enospc"):
                    during_faults.append((n - 1, acknowledged[-1]))
                out.write(f"{acknowledged[-1]}\n")
                out.flush()
            elif stage in ("before", "after") or status not in (503, 507):
                sys.exit(f"io-faults: {stage}: POST answered {status}: {body[:200]!r}")
            read_status, _ = request("GET", "/api/articles?limit=5")
            counts[stage].setdefault(f"read {read_status}", 0)
            counts[stage][f"read {read_status}"] += 1
            if read_status != 200:
                sys.exit(f"io-faults: {stage}: GET /api/articles answered {read_status}")
        open(phase_path + ".done", "a").write(stage + "\n")
# The search index failed with the database; once writes succeed again it has caught up, so
# each article acknowledged during the faults is found by its own word.
unsearchable = [article for n, article in during_faults
                if f'"id":{article},' not in request("GET", f"/api/articles?q=k{n}z")[1].decode()]
print(f"articles acknowledged during the faults: {len(during_faults)}, not found by search afterwards: {len(unsearchable)}")
for stage in ("before", "eio", "enospc", "after"):
    print(f"{stage:>7}: " + ", ".join(f"{k}: {v}" for k, v in sorted(counts.get(stage, {}).items(), key=str)))
if counts["after"].get(201, 0) == 0:
    sys.exit("io-faults: no write succeeded after the faults stopped")
if unsearchable:
    sys.exit(f"io-faults: search never caught up with articles {unsearchable[:10]}")
EOF
client=$!

wait_phase() { until grep -qx "$1" "$work/phase.done" 2>/dev/null; do kill -0 "$client" 2>/dev/null || break; sleep 0.1; done; }
echo before > "$work/phase"; wait_phase before
faults on 5; echo eio > "$work/phase"; wait_phase eio; faults off       # EIO
faults on 28; echo enospc > "$work/phase"; wait_phase enospc; faults off  # ENOSPC
echo after > "$work/phase"
wait "$client"
kill -0 "$server" 2>/dev/null || { echo "io-faults: the server died" >&2; tail -20 "$work/server.log" >&2; exit 1; }
stop_server

"$binary" check --db "$db" | tail -1 | grep -qx ok || { "$binary" check --db "$db" >&2; echo "io-faults: check failed" >&2; exit 1; }
python3 - "$db" "$work/acknowledged" <<'EOF'
import sqlite3, sys
stored = {row[0] for row in sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True).execute("SELECT id FROM articles")}
acknowledged = [int(line) for line in open(sys.argv[2]) if line.strip()]
missing = [a for a in acknowledged if a not in stored]
print(f"{len(acknowledged)} acknowledged articles, {len(missing)} missing, {len(stored)} stored; frontline check: ok")
sys.exit(1 if missing else 0)
EOF
# Every 503 and 507 is explained in the server's log (the access log is off here).
explained="$(grep -c 'ERROR .*answered 50[37]: SQLite error' "$work/server.log" || true)"
echo "server log lines explaining a 503 or 507: $explained"
[ "$explained" -gt 0 ] || { echo "io-faults: the server logged no storage error" >&2; exit 1; }
[ -z "${IO_FAULTS_SHOW_LOG:-}" ] || cat "$work/server.log"
