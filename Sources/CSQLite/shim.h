#include <sqlite3.h>
#include <math.h>
#include "allocator.h"
#include "fileextend.h"

// SQLITE_TRANSIENT / SQLITE_STATIC are macros casting integers to function pointers, which
// Swift cannot import; these wrappers hand them over as values.
static inline sqlite3_destructor_type csqlite_transient(void) { return SQLITE_TRANSIENT; }
static inline sqlite3_destructor_type csqlite_static(void) { return SQLITE_STATIC; }

// sqlite3_config is variadic, which Swift cannot call. Turning memory statistics off (before
// the library initialises) removes a process-wide mutex taken by every SQLite allocation: with
// the ingest writer and the search indexer working at once, both threads contended for it.
static inline int csqlite_disable_memory_statistics(void) { return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); }

// frontline_bm25(fts_table, weight..., documents...): FTS5's bm25() (k1 1.2, b 0.75, the
// same formula as fts5_aux.c), except that each phrase's document count, behind its IDF, comes
// as an argument after the column weights. bm25() counts them itself on every query by reading
// each phrase's whole doclist: for two common words that was most of a search's time. The
// caller counts once per state of the index and passes the counts in phrase order. Without
// exactly one count per phrase, it counts like bm25().
static int csqlite_bm25_count(const Fts5ExtensionApi *api, Fts5Context *fts, void *user) {
    (void)api; (void)fts;
    *(sqlite3_int64 *)user += 1;
    return SQLITE_OK;
}

static inline void csqlite_bm25(const Fts5ExtensionApi *api, Fts5Context *fts, sqlite3_context *ctx,
                                int nVal, sqlite3_value **apVal) {
    const double k1 = 1.2, b = 0.75;
    int nCol = api->xColumnCount(fts), nPhrase = api->xPhraseCount(fts);
    sqlite3_int64 nRow = 0, nToken = 0;
    int rc = api->xRowCount(fts, &nRow);
    if (rc == SQLITE_OK) rc = api->xColumnTotalSize(fts, -1, &nToken);
    if (rc != SQLITE_OK || nRow <= 0) { sqlite3_result_error_code(ctx, rc == SQLITE_OK ? SQLITE_ERROR : rc); return; }
    double avgdl = (double)nToken / (double)nRow;
    double stackFreq[64];
    double *freq = nPhrase <= 64 ? stackFreq : sqlite3_malloc64(sizeof(double) * (sqlite3_uint64)nPhrase);
    if (!freq) { sqlite3_result_error_nomem(ctx); return; }
    for (int i = 0; i < nPhrase; i++) freq[i] = 0;
    int nInst = 0;
    rc = api->xInstCount(fts, &nInst);
    for (int i = 0; rc == SQLITE_OK && i < nInst; i++) {
        int ip, ic, io;
        rc = api->xInst(fts, i, &ip, &ic, &io);
        if (rc == SQLITE_OK) freq[ip] += (nVal > ic && ic < nCol) ? sqlite3_value_double(apVal[ic]) : 1.0;
    }
    int nTok = 0;
    if (rc == SQLITE_OK) rc = api->xColumnSize(fts, -1, &nTok);
    double score = 0, D = (double)nTok;
    int counted = nVal == nCol + nPhrase;
    for (int i = 0; rc == SQLITE_OK && i < nPhrase; i++) {
        sqlite3_int64 nHit = 0;
        if (counted) nHit = sqlite3_value_int64(apVal[nCol + i]);
        else rc = api->xQueryPhrase(fts, i, &nHit, csqlite_bm25_count);
        // A count from another state of the index could exceed its rows: keep the log defined.
        if (nHit > nRow) nHit = nRow;
        if (nHit < 0) nHit = 0;
        double idf = log((nRow - nHit + 0.5) / (nHit + 0.5));
        if (idf <= 0.0) idf = 1e-6;
        score += idf * (freq[i] * (k1 + 1.0)) / (freq[i] + k1 * (1 - b + b * D / avgdl));
    }
    if (freq != stackFreq) sqlite3_free(freq);
    if (rc == SQLITE_OK) sqlite3_result_double(ctx, -1.0 * score);
    else sqlite3_result_error_code(ctx, rc);
}

// Registers frontline_bm25 on a connection (FTS5's API pointer comes from `SELECT fts5(?)`).
static inline int csqlite_register_bm25(sqlite3 *db) {
    fts5_api *fts = 0;
    sqlite3_stmt *statement = 0;
    int rc = sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &statement, 0);
    if (rc != SQLITE_OK) return rc;
    sqlite3_bind_pointer(statement, 1, (void *)&fts, "fts5_api_ptr", 0);
    sqlite3_step(statement);
    rc = sqlite3_finalize(statement);
    if (rc != SQLITE_OK) return rc;
    if (!fts) return SQLITE_ERROR;
    return fts->xCreateFunction(fts, "frontline_bm25", 0, csqlite_bm25, 0);
}
