#!/usr/bin/env bash
# Power-loss proxy (RELIABILITY.md case 26): runs `frontline serve` under strace, POSTs articles
# one at a time, and checks from the system calls that every acknowledged write was on disk
# before its acknowledgement: that between the last write to the database's WAL file and the
# `201 Created` response bytes, the WAL file was fsync'ed or fdatasync'ed.
#   usage: Scripts/power-loss-proxy.sh [ARTICLES] [SYNCHRONOUS]     (defaults: 1000 full)
# With SYNCHRONOUS=full the figure must be 100% (the script exits 1 otherwise). With normal it
# prints how many acknowledgements came before any sync: what a power failure can lose (a crash
# of the process loses none, since the WAL is in the operating system's cache).
# Environment:
#   FRONTLINE_SKIP_BUILD=1   use the existing binary instead of building the release one
#   FRONTLINE_BINARY=path    that binary (default .build/release/frontline; Scripts/test.sh uses
#                            the debug build it has just made)
set -euo pipefail
cd "$(dirname "$0")/.."

articles="${1:-1000}"
synchronous="${2:-full}"
source Scripts/lib/live-server.sh
require_command strace strace
release_binary
live_server_setup
port="$(free_port)"
db="$work/frontline.sqlite"
# -f: every thread; -ttt -T: start time and duration of each call; -s 24: enough of each buffer
# to see a status line. The calls traced are those that open, write, sync and answer.
FRONTLINE_SYNCHRONOUS="$synchronous" FRONTLINE_ACCESS_LOG=false \
  strace -f -ttt -T -s 24 -o "$work/trace" \
    -e trace=openat,close,pwrite64,write,writev,fsync,fdatasync,sendto,sendmsg \
    "$binary" serve --host 127.0.0.1 --port "$port" --db "$db" 2>"$work/server.log" &
server=$!
wait_for_server "$port"

python3 - "$port" "$articles" <<'EOF'
import http.client, json, sys
port, count = int(sys.argv[1]), int(sys.argv[2])
places = ["Zaranj", "Sheberghan", "Kunduz", "Sar-e Pul", "Taloqan", "Aybak", "Farah", "Pul-e Khumri"]
connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
created = 0
for n in range(count):
    # Distinct texts: each POST stores a new article (a repeat would be a duplicate, answered 200).
    text = (f"Report {n}: fighters entered {places[n % len(places)]} on the {n % 28 + 1}th, "
            f"a local official told reporters, and {n * 7 % 90 + 10} families left the city.")
    connection.request("POST", "/api/articles", body=json.dumps({"text": text}),
                       headers={"Content-Type": "application/json"})
    response = connection.getresponse()
    response.read()
    if response.status != 201:
        sys.exit(f"power-loss-proxy: article {n} got {response.status}")
    created += 1
print(f"posted {created} articles, each answered 201")
EOF

stop_server

python3 - "$work/trace" "$db-wal" "$synchronous" <<'EOF'
import re, sys
trace, wal_path, synchronous = sys.argv[1], sys.argv[2], sys.argv[3]
# strace -f splits a call other threads interrupt into "<unfinished ...>" and "<... resumed>";
# a call starts at its first line and ends at the line that carries its result.
line_re = re.compile(r'^(\d+)\s+(\d+\.\d+)\s+(.*)$')
pending = {}
calls = []  # (start, end, name, args_text, result_text)
for raw in open(trace, errors="replace"):
    m = line_re.match(raw.rstrip("\n"))
    if not m:
        continue
    tid, ts, rest = m.group(1), float(m.group(2)), m.group(3)
    if rest.endswith("<unfinished ...>"):
        pending[tid] = (ts, rest[: -len("<unfinished ...>")])
        continue
    resumed = re.match(r'^<\.\.\. (\w+) resumed>(.*)$', rest)
    if resumed:
        start, head = pending.pop(tid, (ts, resumed.group(1) + "("))
        rest = head + resumed.group(2)
    else:
        start = ts
    call = re.match(r'^(\w+)\((.*)\)\s+=\s+(-?\w+)(.*)$', rest)
    if not call:
        continue
    duration = re.search(r'<(\d+\.\d+)>\s*$', rest)
    end = ts + (float(duration.group(1)) if duration and not resumed else 0.0)
    calls.append((start, end, call.group(1), call.group(2), call.group(3)))
calls.sort(key=lambda c: c[0])

wal_fds = set()
last_wal_write = None      # end of the latest write to the WAL
synced_since_write = True  # whether a sync of the WAL ended after that write
acks = safe = 0
unsafe_examples = []
syncs = 0
for start, end, name, args, result in calls:
    fd = args.split(",", 1)[0].strip()
    if name == "openat":
        if f'"{wal_path}"' in args and result.lstrip("-").isdigit() and int(result) >= 0:
            wal_fds.add(result)
    elif name == "close":
        wal_fds.discard(fd)
    elif name in ("pwrite64", "write", "writev") and fd in wal_fds:
        last_wal_write = end
        synced_since_write = False
    elif name in ("fsync", "fdatasync") and fd in wal_fds:
        syncs += 1
        if last_wal_write is not None and end >= last_wal_write:
            synced_since_write = True
    elif name in ("sendto", "sendmsg", "write", "writev") and "HTTP/1.1 201" in args:
        acks += 1
        if synced_since_write:
            safe += 1
        elif len(unsafe_examples) < 3:
            unsafe_examples.append(f"{start:.6f} {name}({args[:60]}...)")

print(f"synchronous={synchronous}: {acks} acknowledgements (201), {safe} with the WAL synced after its last write "
      f"and before the response ({100.0 * safe / max(acks, 1):.1f}%); {syncs} syncs of the WAL")
for example in unsafe_examples:
    print("  acknowledged before a sync:", example)
if acks == 0:
    sys.exit("power-loss-proxy: no 201 response found in the trace")
if synchronous == "full" and safe != acks:
    sys.exit(1)
EOF
