#include <sqlite3.h>

// SQLITE_TRANSIENT / SQLITE_STATIC are macros casting integers to function pointers, which
// Swift cannot import; these wrappers hand them over as values.
static inline sqlite3_destructor_type csqlite_transient(void) { return SQLITE_TRANSIENT; }
static inline sqlite3_destructor_type csqlite_static(void) { return SQLITE_STATIC; }

// sqlite3_config is variadic, which Swift cannot call. Turning memory statistics off (before
// the library initialises) removes a process-wide mutex taken by every SQLite allocation: with
// the ingest writer and the search indexer working at once, both threads contended for it.
static inline int csqlite_disable_memory_statistics(void) { return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); }
