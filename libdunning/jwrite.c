/* jwrite.c - appending to the journal, purging it, reading it row by row. */
#define _DEFAULT_SOURCE /* mkstemp, fchmod */
#include "jwrite.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "jfile.h"

static int io_error(dn_error *e, const char *path, const char *what)
{
	dn_error_set(e, DN_EX_IOERR, "%s: %s", what, strerror(errno));
	dn_error_where(e, path, 0);
	return DN_EX_IOERR;
}

/* A reader over fd from its start (fd's offset is shared and moved); the
 * stream is a dup of fd, so closing it keeps fd and its lock. */
static dn_csv_reader *reader_at_start(int fd, const char *path, char delim, FILE **fp,
				      dn_error *e)
{
	int copy;
	dn_csv_reader *rd;

	*fp = NULL;
	if (lseek(fd, 0, SEEK_SET) != 0 || (copy = dup(fd)) < 0) {
		io_error(e, path, "cannot read");
		e->status = DN_EX_NOINPUT;
		return NULL;
	}
	if ((*fp = fdopen(copy, "r")) == NULL) {
		close(copy);
		dn_error_set(e, DN_EX_SOFTWARE, "out of memory");
		return NULL;
	}
	if ((rd = dn_csv_reader_from_stream(*fp, path, delim, e)) == NULL) {
		fclose(*fp);
		*fp = NULL;
	}
	return rd;
}

static void reader_close(dn_csv_reader *rd, FILE *fp)
{
	dn_csv_reader_free(rd);
	if (fp != NULL)
		fclose(fp);
}

/* ---- reading row by row ---- */

/* Every whole row of the locked fd (records starting after line `lines`
 * are the cut one: left out), checked, handed to fn. */
static int each_locked(int fd, const char *path, const dn_config *cfg, char delim, long lines,
		       dn_jrow_fn fn, void *ctx, dn_error *e)
{
	FILE *fp;
	dn_csv_reader *rd = reader_at_start(fd, path, delim, &fp, e);
	dn_jschema s;
	dn_jevent ev;
	dn_row row;
	int got, rc;

	if (rd == NULL)
		return e->status;
	rc = dn_jschema_init(&s, rd, cfg, e);
	if (rc == 0)
		rc = fn(ctx, dn_csv_header(rd), NULL, e);
	while (rc == 0) {
		got = dn_csv_next(rd, &row, e);
		if (got == 0 || (got < 0 && row.n == 0 && e->line > lines))
			break; /* the end, or an open quote in the cut record */
		if (row.line > lines)
			break;
		if (got < 0)
			rc = e->status;
		else if ((rc = dn_jevent_read(&s, &row, &ev, e)) == 0)
			rc = fn(ctx, &row, &ev, e);
	}
	reader_close(rd, fp);
	return rc;
}

/* The end of the whole records of fd, and whether a cut one follows. */
static int whole_part(int fd, const char *path, char delim, off_t *size, off_t *end,
		      long *lines, long *cut_line, dn_error *e)
{
	struct stat st;

	*cut_line = 0;
	if (fstat(fd, &st) != 0)
		return io_error(e, path, "cannot stat");
	*size = st.st_size;
	if (dn_jfile_whole_end(fd, st.st_size, delim, end, lines, e) != 0) {
		dn_error_where(e, path, 0);
		return e->status;
	}
	if (*end < *size)
		*cut_line = *lines + 1;
	return 0;
}

int dn_journal_each(const char *path, const dn_config *cfg, dn_jrow_fn fn, void *ctx,
		    long *cut_line, dn_error *e)
{
	off_t size, end;
	long lines;
	int fd, rc = dn_jfile_open(path, 0, 0, &fd, e);
	char delim;

	*cut_line = 0;
	if (rc != 0)
		return rc;
	delim = dn_jfile_delimiter(fd, dn_config_input(cfg)->delimiter);
	rc = whole_part(fd, path, delim, &size, &end, &lines, cut_line, e);
	if (rc == 0 && end == 0)
		rc = 1; /* empty, or only a cut header: no journal yet */
	else if (rc == 0)
		rc = each_locked(fd, path, cfg, delim, lines, fn, ctx, e);
	close(fd);
	return rc;
}

/* ---- append ---- */

struct target {
	int col[DN_JCOL_COUNT]; /* the journal's column of each field, -1: none */
	size_t ncols;
	dn_jcol order[DN_JCOL_COUNT]; /* the field of each journal column */
};

/* Map the existing journal's header, and mark the batch rows whose ref it
 * holds.  Only the ref column is looked at: the rows are the readers'. */
static int scan_journal(int fd, const char *path, const dn_config *cfg, char delim, dn_jbatch *b,
			struct target *t, dn_error *e)
{
	FILE *fp;
	dn_csv_reader *rd = reader_at_start(fd, path, delim, &fp, e);
	dn_jschema s;
	dn_row row;
	int got = 0, k, ref;

	if (rd == NULL)
		return e->status;
	if (dn_jschema_init(&s, rd, cfg, e) != 0) {
		reader_close(rd, fp);
		return e->status;
	}
	t->ncols = dn_csv_header(rd)->n;
	for (k = 0; k < DN_JCOL_COUNT; k++) {
		t->col[k] = s.col[k];
		if (s.col[k] >= 0)
			t->order[s.col[k]] = (dn_jcol)k;
	}
	ref = s.col[DN_JCOL_REF];
	if (ref >= 0 && dn_jbatch_has_refs(b)) {
		while ((got = dn_csv_next(rd, &row, e)) == 1)
			dn_jbatch_recorded(b, row.v[ref], row.len[ref]);
	}
	reader_close(rd, fp);
	return got < 0 ? e->status : 0;
}

static void new_target(struct target *t)
{
	int k;

	t->ncols = DN_JCOL_COUNT;
	for (k = 0; k < DN_JCOL_COUNT; k++) {
		t->col[k] = k;
		t->order[k] = (dn_jcol)k;
	}
}

/* The bytes to append: the header for a new file, then each row that is
 * not a duplicate, in the journal's column order. */
static int render(char delim, dn_jbatch *b, const struct target *t, int header, char **out,
		  size_t *outlen, long *appended, dn_error *e)
{
	FILE *mem = open_memstream(out, outlen);
	dn_csv_writer *w = mem ? dn_csv_writer_new(mem, delim, 0) : NULL;
	size_t i, c;
	int k, rc = 0;

	*appended = 0;
	if (w == NULL) {
		if (mem != NULL)
			fclose(mem);
		return dn_error_set(e, DN_EX_SOFTWARE, "out of memory");
	}
	for (c = 0; header && c < t->ncols; c++)
		dn_csv_put_str(w, dn_jcol_name(t->order[c]));
	if (header)
		dn_csv_end_row(w);
	for (i = 0; i < dn_jbatch_rows(b) && rc == 0; i++) {
		if (dn_jbatch_duplicate(b, i))
			continue;
		for (k = 0; k < DN_JCOL_COUNT && rc == 0; k++) {
			size_t len;
			const char *v = dn_jbatch_field(b, i, (dn_jcol)k, &len);
			if (t->col[k] >= 0 || len == 0)
				continue;
			rc = dn_error_set(e, DN_EX_DATAERR, "the journal has no such column");
			dn_error_where(e, dn_jbatch_file(b), dn_jbatch_line(b, i));
			dn_error_subject(e, "column", dn_jcol_name((dn_jcol)k));
			dn_error_value(e, v, len);
		}
		for (c = 0; c < t->ncols && rc == 0; c++) {
			size_t len;
			const char *v = dn_jbatch_field(b, i, t->order[c], &len);
			dn_csv_put(w, v, len);
		}
		dn_csv_end_row(w);
		++*appended;
	}
	if (dn_csv_flush(w) != 0 && rc == 0)
		rc = dn_error_set(e, DN_EX_SOFTWARE, "out of memory");
	dn_csv_writer_free(w);
	if (fclose(mem) != 0 && rc == 0)
		rc = dn_error_set(e, DN_EX_SOFTWARE, "out of memory");
	if (rc != 0) {
		free(*out);
		*out = NULL;
	}
	return rc;
}

/* Write the bytes at `end`, fsync; on failure truncate back to end. */
static int write_batch(int fd, const char *path, off_t end, const char *buf, size_t len,
		       dn_error *e)
{
	int err;

	if (lseek(fd, end, SEEK_SET) == end && dn_write_all(fd, buf, len) == 0 && fsync(fd) == 0)
		return 0;
	err = errno;
	/* Leave the journal as it was: a reader must never see half a batch
	 * once we are gone. */
	if (ftruncate(fd, end) == 0)
		(void)fsync(fd);
	errno = err;
	return io_error(e, path, "cannot write (the journal was left as it was)");
}

int dn_journal_append(const char *path, const dn_config *cfg, dn_jbatch *b,
		      dn_jappend_info *info, dn_error *e)
{
	struct target t;
	off_t size, end;
	long lines;
	char *buf = NULL;
	size_t len = 0;
	int fd, rc;
	char delim;

	memset(info, 0, sizeof *info);
	memset(&t, 0, sizeof t);
	if (dn_jbatch_index(b) != 0)
		return dn_error_set(e, DN_EX_SOFTWARE, "out of memory");
	if ((rc = dn_jfile_open(path, 1, 1, &fd, e)) != 0)
		return rc;
	delim = dn_jfile_delimiter(fd, dn_config_input(cfg)->delimiter);
	rc = whole_part(fd, path, delim, &size, &end, &lines, &info->cut_line, e);
	/* A cut append is cut first, so what follows reads whole records. */
	if (rc == 0 && end < size && (ftruncate(fd, end) != 0 || fsync(fd) != 0))
		rc = io_error(e, path, "cannot cut the unterminated last line");
	info->created = end == 0;
	if (info->created) /* a new file (or one cut back to nothing): the configured one */
		delim = dn_config_input(cfg)->delimiter;
	if (rc == 0 && info->created)
		new_target(&t);
	else if (rc == 0)
		rc = scan_journal(fd, path, cfg, delim, b, &t, e);
	if (rc == 0)
		rc = render(delim, b, &t, info->created, &buf, &len, &info->appended, e);
	info->duplicates = dn_jbatch_duplicates(b);
	if (rc == 0 && (info->appended > 0 || info->created))
		rc = write_batch(fd, path, end, buf, len, e);
	if (rc == 0 && info->created && dn_fsync_dir(path) != 0)
		rc = io_error(e, path, "cannot sync its folder");
	free(buf);
	close(fd); /* releases the lock */
	if (rc != 0)
		info->appended = 0;
	return rc;
}

/* ---- purge ---- */

struct purge {
	dn_csv_writer *w;
	dn_date before;
	dn_jpurge_info *info;
};

static int purge_row(void *ctx, const dn_row *row, const dn_jevent *ev, dn_error *e)
{
	struct purge *p = ctx;

	(void)e;
	if (ev != NULL && ev->date < p->before) {
		p->info->removed++;
		return 0;
	}
	if (ev != NULL)
		p->info->kept++;
	dn_csv_put_row_fields(p->w, row);
	dn_csv_end_row(p->w);
	return 0;
}

/* A new file in path's folder: its name in tmp (freed by the caller). */
static int make_temp(const char *path, mode_t mode, char **tmp, int *fd, dn_error *e)
{
	size_t n = strlen(path);

	if ((*tmp = malloc(n + 16)) == NULL)
		return dn_error_set(e, DN_EX_SOFTWARE, "out of memory");
	snprintf(*tmp, n + 16, "%s.purge.XXXXXX", path);
	if ((*fd = mkstemp(*tmp)) < 0) {
		free(*tmp);
		*tmp = NULL;
		return io_error(e, path, "cannot create the purged copy");
	}
	(void)fchmod(*fd, mode & 07777);
	return 0;
}

int dn_journal_purge(const char *path, const dn_config *cfg, dn_date before,
		     dn_jpurge_info *info, dn_error *e)
{
	struct purge p;
	struct stat st;
	off_t size, end;
	long lines;
	char *tmp = NULL;
	FILE *out = NULL;
	int fd, tfd = -1, rc;
	char delim;

	memset(info, 0, sizeof *info);
	memset(&p, 0, sizeof p);
	rc = dn_jfile_open(path, 0, 1, &fd, e);
	if (rc == 1) {
		errno = ENOENT;
		dn_error_set(e, DN_EX_NOINPUT, "cannot open: %s", strerror(errno));
		dn_error_where(e, path, 0);
		return DN_EX_NOINPUT;
	}
	if (rc != 0)
		return rc;
	delim = dn_jfile_delimiter(fd, dn_config_input(cfg)->delimiter);
	rc = whole_part(fd, path, delim, &size, &end, &lines, &info->cut_line, e);
	if (rc == 0 && fstat(fd, &st) != 0)
		rc = io_error(e, path, "cannot stat");
	if (rc == 0 && end == 0) {
		close(fd); /* nothing whole to keep or remove */
		return 0;
	}
	if (rc == 0)
		rc = make_temp(path, st.st_mode, &tmp, &tfd, e);
	if (rc == 0 && (out = fdopen(tfd, "w")) == NULL) {
		close(tfd);
		rc = dn_error_set(e, DN_EX_SOFTWARE, "out of memory");
	}
	if (rc == 0 && (p.w = dn_csv_writer_new(out, delim, 0)) == NULL)
		rc = dn_error_set(e, DN_EX_SOFTWARE, "out of memory");
	p.before = before;
	p.info = info;
	if (rc == 0)
		rc = each_locked(fd, path, cfg, delim, lines, purge_row, &p, e);
	if (rc == 0 && dn_csv_flush(p.w) != 0)
		rc = io_error(e, tmp, "cannot write");
	dn_csv_writer_free(p.w);
	if (rc == 0 && (fflush(out) != 0 || fsync(fileno(out)) != 0))
		rc = io_error(e, tmp, "cannot write");
	if (out != NULL && fclose(out) != 0 && rc == 0)
		rc = io_error(e, tmp, "cannot write");
	/* The rename happens while we hold the old file's lock: an appender
	 * waiting for it then finds the path renamed, and starts again. */
	if (rc == 0 && rename(tmp, path) != 0)
		rc = io_error(e, path, "cannot rename the purged copy over");
	if (rc == 0 && dn_fsync_dir(path) != 0)
		rc = io_error(e, path, "cannot sync its folder");
	if (rc != 0 && tmp != NULL)
		unlink(tmp);
	free(tmp);
	close(fd);
	return rc;
}
