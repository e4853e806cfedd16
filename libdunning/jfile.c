/* jfile.c - opening the journal under its lock, its whole records, and
 * writing without losing bytes. */
#define _DEFAULT_SOURCE /* flock(2) */
#include "jfile.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

static int open_error(const char *path, const char *what, int err, dn_error *e)
{
	if (err != 0)
		dn_error_set(e, DN_EX_NOINPUT, "%s: %s", what, strerror(err));
	else
		dn_error_set(e, DN_EX_NOINPUT, "%s", what);
	dn_error_where(e, path, 0);
	return DN_EX_NOINPUT;
}

int dn_jfile_open(const char *path, int create, int exclusive, int *fd, dn_error *e)
{
	struct stat locked, named;
	int flags = create ? O_RDWR | O_CREAT : O_RDONLY;

	for (;;) {
		*fd = open(path, flags | O_CLOEXEC, 0666);
		if (*fd < 0) {
			if (errno == ENOENT && !create)
				return 1;
			return open_error(path, "cannot open", errno, e);
		}
		if (fstat(*fd, &locked) != 0 || !S_ISREG(locked.st_mode)) {
			close(*fd);
			return open_error(path, "not a regular file (a journal is read twice)", 0, e);
		}
		while (flock(*fd, exclusive ? LOCK_EX : LOCK_SH) != 0) {
			if (errno != EINTR) {
				int err = errno;
				close(*fd);
				return open_error(path, "cannot lock", err, e);
			}
		}
		/* A purge may have renamed a new file over this one while we
		 * waited: then the lock is on a file nobody will read again. */
		int gone = stat(path, &named) != 0;
		int err = errno;
		if (!gone && named.st_dev == locked.st_dev && named.st_ino == locked.st_ino)
			return 0;
		close(*fd);
		if (gone && err != ENOENT)
			return open_error(path, "cannot stat", err, e);
		if (gone && !create)
			return 1;
	}
}

int dn_jfile_whole_end(int fd, off_t size, char delim, off_t *end, long *lines, dn_error *e)
{
	char buf[65536];
	off_t pos = 0;
	int at_start = 1, quoted = 0, quote_seen = 0;
	long nl = 0;

	*end = 0;
	*lines = 0;
	while (pos < size) {
		size_t want = (size_t)(size - pos) < sizeof buf ? (size_t)(size - pos) : sizeof buf;
		ssize_t n = pread(fd, buf, want, pos);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return dn_error_set(e, DN_EX_IOERR, "cannot read the journal: %s",
					    n < 0 ? strerror(errno) : "shorter than its size");
		for (ssize_t i = 0; i < n; i++) {
			char c = buf[i];
			if (quoted) {
				if (quote_seen) {
					quote_seen = 0;
					if (c == '"')
						continue; /* "" inside quotes */
					quoted = 0;   /* the closing quote: c is read below */
				} else {
					if (c == '"')
						quote_seen = 1;
					else if (c == '\n')
						nl++; /* a line inside a quoted field */
					continue;
				}
			}
			if (c == '\n') {
				*end = pos + i + 1;
				*lines = ++nl;
				at_start = 1;
			} else if (c == delim) {
				at_start = 1;
			} else {
				if (c == '"' && at_start)
					quoted = 1;
				if (c != '\r')
					at_start = 0;
			}
		}
		pos += n;
	}
	return 0;
}

int dn_write_all(int fd, const char *buf, size_t len)
{
	while (len > 0) {
		ssize_t n = write(fd, buf, len);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		if (n == 0) {
			errno = EIO;
			return -1;
		}
		buf += n;
		len -= (size_t)n;
	}
	return 0;
}

int dn_fsync_dir(const char *path)
{
	const char *slash = strrchr(path, '/');
	char *dir;
	int fd, rc, err;

	if (slash == NULL)
		dir = strdup(".");
	else if (slash == path)
		dir = strdup("/");
	else
		dir = strndup(path, (size_t)(slash - path));
	if (dir == NULL)
		return -1;
	fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	free(dir);
	if (fd < 0)
		return -1;
	rc = fsync(fd);
	err = errno;
	close(fd);
	errno = err;
	return rc;
}

char dn_jfile_delimiter(int fd, char fallback)
{
	char head[8];
	ssize_t n = pread(fd, head, sizeof head, 0);
	size_t at = 0;

	if (n >= 3 && memcmp(head, "\xEF\xBB\xBF", 3) == 0)
		at = 3; /* a BOM a spreadsheet left */
	if (n < (ssize_t)(at + 5) || memcmp(head + at, "date", 4) != 0)
		return fallback;
	switch (head[at + 4]) {
	case ',':
	case ';':
	case '\t':
	case '|':
		return head[at + 4];
	default:
		return fallback;
	}
}
