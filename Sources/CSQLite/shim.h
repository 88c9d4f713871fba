#include <sqlite3.h>

// SQLITE_TRANSIENT / SQLITE_STATIC are macros casting integers to function pointers, which
// Swift cannot import; these wrappers hand them over as values.
static inline sqlite3_destructor_type csqlite_transient(void) { return SQLITE_TRANSIENT; }
static inline sqlite3_destructor_type csqlite_static(void) { return SQLITE_STATIC; }
