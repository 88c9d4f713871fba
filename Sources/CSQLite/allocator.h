// SQLite's allocator, with a per-thread cache of small blocks.
//
// Debian's libsqlite3 is built with SQLITE_OMIT_LOOKASIDE, so every cursor, record and value
// buffer a statement uses is a malloc and a free: about 300 of each per ingested article. They
// come in bursts of one size (a statement opens a cursor per index and per foreign key, then
// closes them all), which overflow glibc's per-thread cache (7 blocks per size) and go through
// its slower shared bins. Here freed blocks of up to 1 KiB stay in per-thread lists, one per
// 32-byte size class; larger blocks go straight to malloc. Measured (BENCHMARKS.md): 4% fewer
// instructions per ingested article.
//
// Memory held back is bounded: a list keeps at most 64 KiB, so a thread at most 2 MiB (the
// server's threads are a fixed pool), and a thread's lists go back to malloc when it exits. A
// block freed on another thread than the one that allocated it joins the freeing thread's lists.
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#define CSQLITE_CLASS_BYTES 32
#define CSQLITE_CLASSES 32                      /* classes of 32, 64, ... 1024 bytes */
#define CSQLITE_LIST_BYTES 65536                /* cached per class and thread, at most */

// 16 bytes, so that payloads keep malloc's 16-byte alignment.
typedef struct { sqlite3_int64 size; sqlite3_int64 sizeClass; } csqlite_block_header;

typedef struct {
    void *head[CSQLITE_CLASSES];
    int count[CSQLITE_CLASSES];
    int registered;
} csqlite_thread_cache;

// Function-local statics: Swift's importer emits a header's functions but not its global variables.
static csqlite_thread_cache *csqlite_cache_of_thread(void) {
    static __thread csqlite_thread_cache cache;
    return &cache;
}

static pthread_key_t *csqlite_cache_key(void) {
    static pthread_key_t key;
    return &key;
}

static void csqlite_cache_release(void *unused) {
    (void)unused;
    csqlite_thread_cache *cache = csqlite_cache_of_thread();
    for (int c = 0; c < CSQLITE_CLASSES; c++) {
        void *block = cache->head[c];
        while (block) {
            void *next = *(void **)block;
            free((char *)block - sizeof(csqlite_block_header));
            block = next;
        }
        cache->head[c] = 0;
        cache->count[c] = 0;
    }
    cache->registered = 0;
}

static int csqlite_mem_init(void *unused) {
    (void)unused;
    return pthread_key_create(csqlite_cache_key(), csqlite_cache_release) == 0 ? SQLITE_OK : SQLITE_NOMEM;
}

static void csqlite_mem_shutdown(void *unused) { (void)unused; }

static int csqlite_mem_roundup(int n) {
    if (n <= CSQLITE_CLASSES * CSQLITE_CLASS_BYTES) return (n + CSQLITE_CLASS_BYTES - 1) & ~(CSQLITE_CLASS_BYTES - 1);
    return (n + 7) & ~7;
}

static void *csqlite_mem_malloc(int n) {
    if (n <= 0) return 0;
    int size = csqlite_mem_roundup(n);
    int sizeClass = size <= CSQLITE_CLASSES * CSQLITE_CLASS_BYTES ? size / CSQLITE_CLASS_BYTES - 1 : -1;
    csqlite_thread_cache *cache = csqlite_cache_of_thread();
    if (sizeClass >= 0 && cache->head[sizeClass]) {
        void *block = cache->head[sizeClass];
        cache->head[sizeClass] = *(void **)block;
        cache->count[sizeClass]--;
        return block;
    }
    csqlite_block_header *header = malloc(sizeof(csqlite_block_header) + (size_t)size);
    if (!header) return 0;
    header->size = size;
    header->sizeClass = sizeClass;
    return header + 1;
}

static void csqlite_mem_free(void *p) {
    if (!p) return;
    csqlite_block_header *header = (csqlite_block_header *)p - 1;
    int sizeClass = (int)header->sizeClass;
    csqlite_thread_cache *cache = csqlite_cache_of_thread();
    if (sizeClass >= 0 && cache->count[sizeClass] * (int)header->size < CSQLITE_LIST_BYTES) {
        if (!cache->registered) {
            // The key's destructor runs only for threads whose value is not NULL.
            if (pthread_setspecific(*csqlite_cache_key(), cache) != 0) { free(header); return; }
            cache->registered = 1;
        }
        *(void **)p = cache->head[sizeClass];
        cache->head[sizeClass] = p;
        cache->count[sizeClass]++;
        return;
    }
    free(header);
}

static int csqlite_mem_size(void *p) { return p ? (int)((csqlite_block_header *)p - 1)->size : 0; }

static void *csqlite_mem_realloc(void *p, int n) {
    if (!p) return csqlite_mem_malloc(n);
    int old = csqlite_mem_size(p);
    if (n <= old && n > old / 2) return p;
    csqlite_block_header *header = (csqlite_block_header *)p - 1;
    if (header->sizeClass < 0 && n > CSQLITE_CLASSES * CSQLITE_CLASS_BYTES) {
        int size = csqlite_mem_roundup(n);
        csqlite_block_header *moved = realloc(header, sizeof(csqlite_block_header) + (size_t)size);
        if (!moved) return 0;
        moved->size = size;
        return moved + 1;
    }
    void *fresh = csqlite_mem_malloc(n);
    if (!fresh) return 0;
    memcpy(fresh, p, (size_t)(old < n ? old : n));
    csqlite_mem_free(p);
    return fresh;
}

static const sqlite3_mem_methods csqlite_mem_methods = {
    csqlite_mem_malloc, csqlite_mem_free, csqlite_mem_realloc, csqlite_mem_size,
    csqlite_mem_roundup, csqlite_mem_init, csqlite_mem_shutdown, 0
};

// sqlite3_config is variadic, which Swift cannot call. Must run before SQLite initialises.
static inline int csqlite_use_thread_cache_allocator(void) {
    return sqlite3_config(SQLITE_CONFIG_MALLOC, &csqlite_mem_methods);
}
