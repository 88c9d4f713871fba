#!/usr/bin/env bash
# Soak under concurrent reads and writes (RELIABILITY.md cases 24 and 28): a release server on a
# new database, READERS loops of typical reads as fast as they go (event lists, search, article
# and event detail, the map), first alone for 30 s, then for MINUTES beside one writer POSTing
# articles one by one at WRITES_PER_S. Samples the WAL file and the server's resident memory
# every second. Prints, per minute, the reads' and writes' p50/p99 and any non-2xx; then the
# figures the checklist asks for: 0 non-2xx, read p99 during ingest against idle, p99 of the
# last minute against the first, WAL at most, resident memory (anonymous, where a leak would
# show, and file-backed, the mapped database) from minute 1 to the end.
#   usage: Scripts/soak.sh [MINUTES] [WRITES_PER_S] [READERS]        (defaults: 10 200 32)
# Environment:
#   FRONTLINE_SKIP_BUILD=1   use the existing binary instead of building the release one
#   FRONTLINE_BINARY=path    that binary (default .build/release/frontline)
# Exits 1 when any request failed or the server died.
set -euo pipefail
cd "$(dirname "$0")/.."

minutes="${1:-10}"
writes_per_s="${2:-200}"
readers="${3:-32}"
source Scripts/lib/live-server.sh
release_binary
live_server_setup
port="$(free_port)"
db="$work/frontline.sqlite"
FRONTLINE_ACCESS_LOG=false "$binary" serve --host 127.0.0.1 --port "$port" --db "$db" --demo 2>"$work/server.log" &
server=$!
wait_for_server "$port"

python3 - "$port" "$minutes" "$writes_per_s" "$readers" "$server" "$db" <<'EOF'
import http.client, json, multiprocessing as mp, os, random, sys, threading, time

port, minutes, rate, readers, pid, db = (int(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3]),
                                         int(sys.argv[4]), int(sys.argv[5]), sys.argv[6])
places = ["Zaranj", "Sheberghan", "Kunduz", "Sar-e Pul", "Taloqan", "Aybak", "Farah", "Pul-e Khumri",
          "Lashkar Gah", "Kandahar", "Herat", "Ghazni", "Mazar-i-Sharif", "Jalalabad", "Kabul"]
verbs = ["captured", "entered", "seized control of", "attacked", "surrounded"]
words = ["surrender", "airport", "siege", "negotiations", "governor", "checkpoint"]

def connection():
    return http.client.HTTPConnection("127.0.0.1", port, timeout=60)

def timed(conn, method, path, body=None):
    """One request on `conn` (a new one if it failed): (start, seconds, status, connection)."""
    started = time.time()
    try:
        headers = {"Content-Type": "application/json"} if body is not None else {}
        conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
        response.read()
        status = response.status
    except Exception:
        status, conn = 0, connection()
    return (started, time.time() - started, status), conn

def ids(path):
    conn = connection()
    conn.request("GET", path)
    body = json.loads(conn.getresponse().read())
    items = body["data"] if isinstance(body, dict) else body
    return [item["id"] for item in items] or [1]

# Detail reads ask for the demo's articles and events, which exist from the start.
article_ids, event_ids = ids("/api/articles?limit=50"), ids("/api/events?limit=50")

def reader(stop, start_at, out, seed):
    """Typical reads back to back on one keep-alive connection; records (time, seconds, status)."""
    rng, conn = random.Random(seed), connection()
    while time.time() < start_at:
        time.sleep(0.01)
    while not stop.is_set():
        path = rng.choice([
            "/api/events?limit=50",
            f"/api/events?province={rng.choice(['kunduz', 'helmand', 'herat', 'balkh', 'kabul'])}&type=capture",
            f"/api/articles?q={rng.choice(words)}",
            f"/api/articles?q={rng.choice(words)}+{rng.choice(words)}",
            f"/api/articles/{rng.choice(article_ids)}",
            f"/api/events/{rng.choice(event_ids)}",
            "/api/provinces?at=2021-08-12",
            "/api/timeline?from=2021-08-01&to=2021-08-31",
        ])
        sample, conn = timed(conn, "GET", path)
        out.append(sample)

def readers_process(stop, start_at, queue, count, seed):
    # Threads within a process share its interpreter; a few processes spread them over the cores.
    samples, threads = [], []
    for i in range(count):
        t = threading.Thread(target=reader, args=(stop, start_at, samples, seed * 100 + i))
        t.start()
        threads.append(t)
    for t in threads:
        t.join()
    queue.put(("reads", samples))

def writer(stop, start_at, queue):
    conn, samples, n = connection(), [], 0
    while time.time() < start_at:
        time.sleep(0.01)
    begun = time.time()
    while not stop.is_set():
        delay = begun + n / rate - time.time()
        if delay > 0:
            time.sleep(delay)
        place, day = places[n % len(places)], n % 20 + 1
        text = (f"Taliban fighters {verbs[n % len(verbs)]} {place} on August {day}, 2021, a local official "
                f"told reporters (dispatch {n}). The {words[n % len(words)]} lasted into the night, "
                f"and {n * 7 % 90 + 10} families left, residents said.")
        body = json.dumps({"text": text, "published_at": f"2021-08-{min(day + 1, 31):02d}"})
        sample, conn = timed(conn, "POST", "/api/articles", body)
        samples.append(sample)
        n += 1
    queue.put(("writes", samples))

def sampler(stop, out):
    """Every second: the WAL's size and the server's resident memory."""
    while not stop.is_set():
        try:
            wal = os.path.getsize(db + "-wal")
        except OSError:
            wal = 0
        # Resident memory, split: anonymous (heap: page caches, buffers; a leak shows here)
        # and file-backed (the database and WAL index mapped by SQLite).
        rss = {"RssAnon:": 0, "RssFile:": 0, "RssShmem:": 0}
        try:
            for line in open(f"/proc/{pid}/status"):
                key = line.split(":")[0] + ":"
                if key in rss:
                    rss[key] = int(line.split()[1]) * 1024
        except OSError:
            pass
        out.append((time.time(), wal, rss["RssAnon:"], rss["RssFile:"] + rss["RssShmem:"]))
        time.sleep(1)

def run(seconds, with_writer):
    stop, queue = mp.Event(), mp.Queue()
    start_at = time.time() + 1
    per_process = [readers // 4 + (1 if i < readers % 4 else 0) for i in range(4)]
    processes = [mp.Process(target=readers_process, args=(stop, start_at, queue, c, i + (10 if with_writer else 0)))
                 for i, c in enumerate(per_process) if c]
    if with_writer:
        processes.append(mp.Process(target=writer, args=(stop, start_at, queue)))
    for p in processes:
        p.start()
    samples = []
    stop_sampling = threading.Event()
    monitor = threading.Thread(target=sampler, args=(stop_sampling, samples))
    monitor.start()
    time.sleep(1 + seconds)
    stop.set()
    try:
        # A load process that died would never report: fail instead of waiting for ever.
        results = [queue.get(timeout=120) for _ in processes]
    except Exception:
        sys.exit("soak: a load process stopped without reporting (see its traceback above)")
    for p in processes:
        p.join()
    stop_sampling.set()
    monitor.join()
    writes = [s for kind, r in results if kind == "writes" for s in r]
    reads = [s for kind, r in results if kind == "reads" for s in r]
    return start_at, reads, writes, samples

def percentile(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(len(values) * p))] * 1000 if values else float("nan")

failed = 0
def summary(label, samples):
    global failed
    bad = [s for s in samples if not (200 <= s[2] < 300)]
    failed += len(bad)
    statuses = {}
    for s in bad:
        statuses[s[2]] = statuses.get(s[2], 0) + 1
    durations = [s[1] for s in samples]
    return (f"{label}: {len(samples)} requests, p50 {percentile(durations, 0.5):.2f} ms, p99 {percentile(durations, 0.99):.2f} ms"
            + (f", non-2xx {statuses}" if bad else ", 0 non-2xx"))

print(f"soak: {readers} reader loops; idle 30 s, then {minutes:g} min beside one writer at {rate:g} articles/s")
idle_start, idle_reads, _, _ = run(30, False)
print("  " + summary("idle reads", idle_reads))
start, reads, writes, samples = run(minutes * 60, True)
for minute in range(int(minutes + 0.999)):
    low, high = start + minute * 60, start + (minute + 1) * 60
    in_minute = lambda s: low <= s[0] < high
    anon = [s[2] for s in samples if low <= s[0] < high]
    print(f"  minute {minute + 1}: " + summary("reads", list(filter(in_minute, reads)))
          + "; " + summary("writes", list(filter(in_minute, writes)))
          + (f"; anonymous memory {anon[-1] / 1048576:.1f} MiB" if anon else ""))
print("  " + summary("all reads", reads))
print("  " + summary("all writes", writes))
achieved = len(writes) / (minutes * 60)
first = [s[1] for s in reads if s[0] < start + 60]
last = [s[1] for s in reads if s[0] >= start + (minutes - 1) * 60]
wal_max = max(s[1] for s in samples)
minute1 = [s for s in samples if start + 50 <= s[0] < start + 70] or samples[:1]
print(f"  writes: {achieved:.0f}/s achieved of {rate:g}/s asked")
print(f"  read p99 during ingest {percentile([s[1] for s in reads], 0.99):.2f} ms against idle "
      f"{percentile([s[1] for s in idle_reads], 0.99):.2f} ms "
      f"({percentile([s[1] for s in reads], 0.99) / percentile([s[1] for s in idle_reads], 0.99):.2f}x)")
print(f"  read p99 last minute {percentile(last, 0.99):.2f} ms against first {percentile(first, 0.99):.2f} ms "
      f"({percentile(last, 0.99) / percentile(first, 0.99):.2f}x)")
print(f"  WAL at most {wal_max / 1048576:.1f} MiB; database {os.path.getsize(db) / 1048576:.1f} MiB")
for index, kind in ((2, "anonymous"), (3, "file-backed")):
    begin, end = minute1[0][index], samples[-1][index]
    print(f"  resident memory, {kind}: {begin / 1048576:.1f} MiB at minute 1, {end / 1048576:.1f} MiB at the end "
          f"({100 * (end - begin) / max(begin, 1):+.1f}%), at most {max(s[index] for s in samples) / 1048576:.1f} MiB")
sys.exit(1 if failed else 0)
EOF
kill -0 "$server" 2>/dev/null || { echo "soak: the server died" >&2; tail -20 "$work/server.log" >&2; exit 1; }
