#!/usr/bin/env bash
# Compares two builds of the storage ingest: runs `frontline bench storage` of both at once (one
# per core, each on its own database, so machine drift hits both alike) and then checks that they
# stored the same thing: events (all derived fields), report placement, source links, votes,
# control, the changes feed, sources and articles, ignoring wall-clock stamps. A speed change of
# the merge must leave the digests equal. Since the search index has its own thread (migration
# 7), a build with it and one without do not share the cores fairly: compare their speed in
# alternating solo runs, and use this script for the digests.
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

def digests(path):
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    columns = [r[1] for r in db.execute("PRAGMA table_info(events)") if r[1] not in ("created_at", "updated_at")]
    queries = {
        "events": f"SELECT {', '.join(columns)} FROM events ORDER BY id",
        "reports": "SELECT id, article_id, event_id FROM reports ORDER BY id",
        "event_sources": "SELECT * FROM event_sources ORDER BY 1, 2",
        "event_votes": "SELECT * FROM event_votes ORDER BY 1, 2, 3",
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

a, b = digests(sys.argv[1]), digests(sys.argv[2])
different = [name for name in a if a[name] != b[name]]
for name in a:
    print(f"{name:14} {a[name][0]:>8} rows  {'same' if a[name] == b[name] else 'DIFFERENT'}")
sys.exit(1 if different else 0)
EOF
