/* jfile.h - the journal file itself: opened under flock(2), written whole.
 *
 * Every reader takes LOCK_SH and the appender and the purge LOCK_EX on the
 * file's descriptor, so a reader never sees half a batch.  A purge writes a
 * new file and rename(2)s it over the old one while it holds the old one's
 * lock: whoever was waiting for that lock then holds a lock on a file that
 * no longer has the name.  So, once locked, the opener checks that the path
 * still names the locked inode, and starts again when it does not.
 */
#ifndef DN_JFILE_H
#define DN_JFILE_H

#include <stddef.h>
#include <sys/types.h>

#include "error.h"

/* Open path read-only (create == 0) or read-write, created when missing
 * (create == 1, mode 0666 less the umask), and lock it with flock's
 * LOCK_SH or LOCK_EX (exclusive != 0), the path re-checked as above.
 * Returns 0 with *fd open and locked (closing it releases the lock), 1
 * when the file does not exist (create == 0 only), or DN_EX_NOINPUT with e
 * naming path (cannot open; not a regular file). */
int dn_jfile_open(const char *path, int create, int exclusive, int *fd, dn_error *e);

/* The end of the last whole record among the first size bytes of fd: the
 * offset just after the last LF that is not inside a quoted field (fields
 * separated by delim; a quote opens a quoted field only at a field's
 * start, as the reader has it), 0 when no record is whole; *lines = the
 * physical lines before it (a record starting on a later line is cut).
 * Reads with pread(2) (the file offset is not used).  Returns 0, or
 * DN_EX_IOERR. */
int dn_jfile_whole_end(int fd, off_t size, char delim, off_t *end, long *lines, dn_error *e);

/* The field separator of the journal open at fd, read off its header
 * (its first column is always "date": the byte after it, a comma, ';',
 * tab or '|'), so a journal written under one [input] delimiter reads
 * back, and is appended to, the same under any other; `fallback` (the
 * configured delimiter) for an empty or new file.  Reads with pread(2). */
char dn_jfile_delimiter(int fd, char fallback);

/* Write len bytes at fd's offset, going on after short writes and EINTR.
 * Returns 0, or -1 with errno set. */
int dn_write_all(int fd, const char *buf, size_t len);

/* fsync(2) the folder that holds path (so a created or renamed entry
 * survives a crash).  Returns 0, or -1 with errno set. */
int dn_fsync_dir(const char *path);

#endif
