/// The first schema (DESIGN.md §2). Ids use AUTOINCREMENT: a deleted article or event id is
/// never reused, so API clients and the changes feed never confuse two rows. Dates are `YYYY-MM-DD` text, timestamps
/// `YYYY-MM-DDTHH:MM:SSZ` text (both sort correctly as strings); lists and numbers are JSON text.
enum SchemaV1 {
    static let sql = """
    CREATE TABLE sources (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        kind TEXT NOT NULL DEFAULT 'publisher',
        domain TEXT,
        aliases TEXT NOT NULL DEFAULT '[]',
        article_count INTEGER NOT NULL DEFAULT 0,
        cited_count INTEGER NOT NULL DEFAULT 0,
        first_seen TEXT,
        last_seen TEXT
    ) WITHOUT ROWID;
    CREATE INDEX sources_domain ON sources(domain) WHERE domain IS NOT NULL;

    -- Provinces and cities are separate namespaces: the province `kunduz` and its capital
    -- `kunduz` share a slug, so each kind has its own table and rows reference the kind they mean.
    CREATE TABLE provinces (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        aliases TEXT NOT NULL DEFAULT '[]',
        iso_code TEXT,
        lat REAL,
        lon REAL
    ) WITHOUT ROWID;

    CREATE TABLE cities (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        aliases TEXT NOT NULL DEFAULT '[]',
        province_id TEXT REFERENCES provinces(id),
        is_capital INTEGER NOT NULL DEFAULT 0,
        lat REAL,
        lon REAL
    ) WITHOUT ROWID;
    CREATE INDEX cities_province ON cities(province_id, is_capital);

    CREATE TABLE actors (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        kind TEXT NOT NULL DEFAULT 'armed_group',
        aliases TEXT NOT NULL DEFAULT '[]'
    ) WITHOUT ROWID;

    CREATE TABLE articles (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        url TEXT UNIQUE,
        content_hash TEXT NOT NULL UNIQUE,
        title TEXT,
        text TEXT NOT NULL,
        keywords TEXT NOT NULL DEFAULT '',
        published_at TEXT,
        source_id TEXT REFERENCES sources(id),
        -- The outlet whose copy the article reproduces ("Source: AFP"), when recognised.
        copy_of_source_id TEXT REFERENCES sources(id),
        language TEXT,
        extractor_version TEXT NOT NULL,
        ingested_at TEXT NOT NULL,
        sort_key TEXT NOT NULL,
        report_count INTEGER NOT NULL DEFAULT 0
    );
    CREATE INDEX articles_sort ON articles(sort_key, id);
    CREATE INDEX articles_published ON articles(published_at, id) WHERE published_at IS NOT NULL;
    CREATE INDEX articles_source ON articles(source_id, sort_key, id);
    CREATE INDEX articles_extractor ON articles(extractor_version);

    -- External-content FTS5 index over title, text and the extractor's normalised keywords,
    -- kept in sync by the triggers below (https://sqlite.org/fts5.html#external_content_tables).
    -- Porter stemming over unicode61: "surrender" finds "surrendered" and "surrenders"; quoted
    -- phrases (spelling variants) are stemmed the same way on both sides, so they still match.
    CREATE VIRTUAL TABLE articles_fts USING fts5(
        title, text, keywords,
        content = 'articles', content_rowid = 'id',
        tokenize = 'porter unicode61 remove_diacritics 2'
    );
    CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
        INSERT INTO articles_fts(rowid, title, text, keywords) VALUES (new.id, new.title, new.text, new.keywords);
    END;
    CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, title, text, keywords)
        VALUES ('delete', old.id, old.title, old.text, old.keywords);
    END;
    CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text, keywords ON articles BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, title, text, keywords)
        VALUES ('delete', old.id, old.title, old.text, old.keywords);
        INSERT INTO articles_fts(rowid, title, text, keywords) VALUES (new.id, new.title, new.text, new.keywords);
    END;

    CREATE TABLE article_citations (
        article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        source_id TEXT NOT NULL REFERENCES sources(id),
        PRIMARY KEY (article_id, source_id)
    ) WITHOUT ROWID;
    CREATE INDEX article_citations_source ON article_citations(source_id, article_id);

    CREATE TABLE events (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        type TEXT NOT NULL,
        province_id TEXT REFERENCES provinces(id),
        city_id TEXT REFERENCES cities(id),
        actor_id TEXT REFERENCES actors(id),
        -- 'city:<slug>', else 'province:<slug>', else '' (see PlaceKey): the merge group's place.
        place_key TEXT NOT NULL,
        date TEXT,
        date_precision TEXT NOT NULL DEFAULT 'unknown',
        date_from TEXT,
        date_to TEXT,
        -- Earliest and latest date of any dated report (all statuses): the span merging compares.
        span_from TEXT,
        span_to TEXT,
        -- Captures: the contradiction threshold the consensus was computed with (see EventMerger).
        contradicted_before TEXT,
        -- Assaults and visits: max over reported/claimed reports from dated articles of
        -- min(published day, date or '9999-12-31'); capture dates before it are contradicted (EventMerger).
        witness_value TEXT,
        -- Reports without a date (they may move when spans change, so the merge fast path needs to know).
        undated_count INTEGER NOT NULL DEFAULT 0,
        sort_key TEXT NOT NULL DEFAULT '',
        status TEXT NOT NULL,
        disputed INTEGER NOT NULL DEFAULT 0,
        dispute_reason TEXT,
        dispute TEXT,
        report_count INTEGER NOT NULL DEFAULT 0,
        source_count INTEGER NOT NULL DEFAULT 0,
        sources TEXT NOT NULL DEFAULT '[]',
        first_reported_at TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    );
    CREATE INDEX events_sort ON events(sort_key, id);
    CREATE INDEX events_type ON events(type, sort_key, id);
    CREATE INDEX events_province ON events(province_id, sort_key, id);
    CREATE INDEX events_city ON events(city_id, sort_key, id);
    CREATE INDEX events_actor ON events(actor_id, sort_key, id);
    CREATE INDEX events_status ON events(status, sort_key, id);
    CREATE INDEX events_disputed ON events(sort_key, id) WHERE disputed = 1;
    CREATE INDEX events_merge ON events(place_key, type, actor_id);
    CREATE INDEX events_day ON events(date, type);

    CREATE TABLE event_sources (
        source_id TEXT NOT NULL,
        event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
        PRIMARY KEY (source_id, event_id)
    ) WITHOUT ROWID;
    CREATE INDEX event_sources_event ON event_sources(event_id);

    CREATE TABLE reports (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        event_id INTEGER REFERENCES events(id) ON DELETE SET NULL,
        type TEXT NOT NULL,
        province_id TEXT REFERENCES provinces(id),
        city_id TEXT REFERENCES cities(id),
        actor_id TEXT REFERENCES actors(id),
        date TEXT,
        date_text TEXT,
        date_precision TEXT NOT NULL DEFAULT 'unknown',
        status TEXT NOT NULL,
        attributed_to TEXT,
        place_precision TEXT,
        numbers TEXT NOT NULL DEFAULT '{}',
        evidence_sentence TEXT NOT NULL DEFAULT '',
        evidence_start INTEGER NOT NULL DEFAULT 0,
        evidence_end INTEGER NOT NULL DEFAULT 0,
        source_id TEXT,
        -- The independent source: the outlet whose copy the article runs, else its publisher.
        origin_source_id TEXT,
        published_at TEXT
    );
    CREATE INDEX reports_article ON reports(article_id);
    CREATE INDEX reports_event ON reports(event_id);
    CREATE INDEX reports_source ON reports(source_id, event_id);
    CREATE INDEX reports_province ON reports(province_id, article_id);

    CREATE TABLE tallies (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        actor_id TEXT REFERENCES actors(id),
        count INTEGER NOT NULL,
        total INTEGER,
        unit TEXT NOT NULL,
        date TEXT,
        status TEXT NOT NULL,
        evidence_sentence TEXT NOT NULL DEFAULT ''
    );
    CREATE INDEX tallies_article ON tallies(article_id);

    CREATE TABLE control (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        province_id TEXT NOT NULL REFERENCES provinces(id),
        status TEXT NOT NULL CHECK (status IN ('government', 'contested', 'taliban', 'unknown')),
        since TEXT NOT NULL,
        until TEXT,
        event_id INTEGER REFERENCES events(id) ON DELETE SET NULL
    );
    CREATE INDEX control_province ON control(province_id, since);
    CREATE INDEX control_since ON control(since);

    -- Append-only feed; AUTOINCREMENT so a sequence number is never reused.
    CREATE TABLE changes (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        entity TEXT NOT NULL CHECK (entity IN ('article', 'event')),
        entity_id INTEGER NOT NULL,
        op TEXT NOT NULL CHECK (op IN ('created', 'updated', 'deleted')),
        at TEXT NOT NULL
    );

    CREATE TABLE meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID;
    INSERT INTO meta(key, value) VALUES ('reference_version', 0);
    """
}
