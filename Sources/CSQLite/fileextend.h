// Extends a file without writing to it, for `FileTailWarmer`.
#ifndef CSQLITE_FILEEXTEND_H
#define CSQLITE_FILEEXTEND_H

#include <errno.h>
#include <sys/syscall.h>
#include <unistd.h>

// fallocate(2) with mode 0 through the system call itself: glibc's posix_fallocate emulates
// it on file systems without support by reading and rewriting a byte per block, which could
// overwrite a page SQLite writes at the same moment. Returns 0, or -1 with errno set.
static inline int csqlite_extend_file(int descriptor, long long offset, long long length) {
    return (int)syscall(SYS_fallocate, descriptor, 0, (off_t)offset, (off_t)length);
}

#endif
