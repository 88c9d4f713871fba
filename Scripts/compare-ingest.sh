#!/usr/bin/env bash
# Compares two builds of the storage ingest: runs `frontline bench storage` of both at once (one
# per core, each on its own database, so machine drift hits both alike) and then checks that they
# stored the same thing: events (all derived fields), report placement, source links, votes,
# control, the changes feed, sources and articles, ignoring wall-clock stamps. A speed change of
# the merge must leave the digests equal. Since the search index has its own thread (migration
# 7), a build with it and one without do not share the cores fairly: compare their speed in
# alternating solo runs, and use this script for the digests.
# A change may number events differently (an event created in another order) yet store the same
# partition: the script then also compares the data with each event named by its first report,
# and exits 0 when that comparison is equal ("same up to event ids"). The changes feed may then
# record another history of the same events (one build updates an event where the other deletes
# it and creates one): the script prints both builds' counts per operation and does not fail.
#   usage: Scripts/compare-ingest.sh BINARY_A BINARY_B [articles=100000] [spread=news]
# Needs python3 (its sqlite3 module reads the two files).
set -euo pipefail
a="${1:?binary A}"; b="${2:?binary B}"; count="${3:-100000}"; spread="${4:-news}"
work="$(mktemp -d /tmp/compare-ingest.XXXXXX)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/a" "$work/b"
run() { "$1" bench storage --articles "$count" --events 0 --iterations 1 --spread "$spread" --dir "$2" 2>&1 | grep '^ingest:' | sed "s|^|$3 |"; }
run "$a" "$work/a" A & pid=$!
run "$b" "$work/b" B
wait "$pid"
python3 - "$work/a/bench.sqlite" "$work/b/bench.sqlite" <<'EOF'
import hashlib, sqlite3, sys
from collections import Counter

def exact(db):
    columns = [r[1] for r in db.execute("PRAGMA table_info(events)") if r[1] not in ("created_at", "updated_at")]
    queries = {
        "events": f"SELECT {', '.join(columns)} FROM events ORDER BY id",
        "reports": "SELECT id, article_id, event_id FROM reports ORDER BY id",
        "event_sources": "SELECT * FROM event_sources ORDER BY 1, 2",
        "event_votes": "SELECT * FROM event_votes ORDER BY 1, 2, 3",
        # Kept by the writer since migration 13 (no event ids in it: compared exactly).
        "event_day_counts": "SELECT date, type, events FROM event_day_counts WHERE events <> 0 ORDER BY 1, 2",
        "control": "SELECT province_id, status, since, until, event_id FROM control ORDER BY 1, 3",
        "changes": "SELECT entity, entity_id, op FROM changes ORDER BY seq",
        "sources": "SELECT * FROM sources ORDER BY id",
        "articles": "SELECT id, url, content_hash, sort_key, report_count FROM articles ORDER BY id",
    }
    result = {}
    for name, sql in queries.items():
        digest, rows = hashlib.sha256(), 0
        for row in db.execute(sql):
            digest.update(repr(row).encode())
            rows += 1
        result[name] = (rows, digest.hexdigest()[:16])
    return result

def canonical(db):
    """The event tables with every event named by its lowest report id, and the changes feed as
    counts per entity, name and operation (a deleted event has no report: counted as "deleted")."""
    name = dict(db.execute("SELECT event_id, min(id) FROM reports WHERE event_id IS NOT NULL GROUP BY event_id"))
    columns = [r[1] for r in db.execute("PRAGMA table_info(events)") if r[1] not in ("created_at", "updated_at", "id")]
    votes = [r[1] for r in db.execute("PRAGMA table_info(event_votes)")]
    result = {
        "events": sorted((name.get(r[0], -1),) + tuple(r[1:]) for r in db.execute(f"SELECT id, {', '.join(columns)} FROM events")),
        "reports": sorted((r[0], r[1], name.get(r[2], -1)) for r in db.execute("SELECT id, article_id, event_id FROM reports")),
        "event_sources": sorted((r[0], name.get(r[1], -1), r[2]) for r in db.execute("SELECT source_id, event_id, sort_key FROM event_sources")),
        "event_votes": sorted(tuple(name.get(v, -1) if c == "event_id" else v for c, v in zip(votes, r))
                              for r in db.execute("SELECT * FROM event_votes")),
        "control": sorted((r[0], r[1], r[2], r[3], name.get(r[4], -1)) for r in db.execute("SELECT province_id, status, since, until, event_id FROM control")),
        "changes": sorted(Counter((r[0], (name.get(r[1], -1) if r[0] == "event" else r[1]), r[2])
                                  for r in db.execute("SELECT entity, entity_id, op FROM changes")).items()),
    }
    return {key: hashlib.sha256(repr(rows).encode()).hexdigest() for key, rows in result.items()}

def history(db):
    """The changes feed's other entities exactly, and its event entries as counts per operation:
    when two builds let different events keep their ids, the same final events have a different
    history (one build updates an event where the other deletes it and creates another)."""
    others = db.execute("SELECT entity, entity_id, op FROM changes WHERE entity <> 'event' ORDER BY seq").fetchall()
    events = db.execute("SELECT op, count(*) FROM changes WHERE entity = 'event' GROUP BY op ORDER BY op").fetchall()
    return others, events

dbs = [sqlite3.connect(f"file:{path}?mode=ro", uri=True) for path in sys.argv[1:3]]
a, b = exact(dbs[0]), exact(dbs[1])
ca, cb = canonical(dbs[0]), canonical(dbs[1])
verdicts = {name: "same" if a[name] == b[name] else "same up to event ids" if name in ca and a[name][0] == b[name][0] and ca[name] == cb[name]
            else "DIFFERENT" for name in a}
(ha, ea), (hb, eb) = history(dbs[0]), history(dbs[1])
if verdicts["changes"] == "DIFFERENT" and ha == hb:
    verdicts["changes"] = "other event history: " + " ".join(f"{op} {x}/{y}" for (op, x), (_, y) in zip(ea, eb))
for name in a:
    print(f"{name:14} {a[name][0]:>8} rows  {verdicts[name]}")
sys.exit(1 if "DIFFERENT" in verdicts.values() else 0)
EOF
