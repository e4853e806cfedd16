/* jread.c - reading the journal file into a dn_journal.
 *
 * Two passes over the file, through the one locked descriptor.  The first
 * checks every row, applies it (dn_journal_apply) and shows it to the
 * caller's function (remind builds its history there: jhistory.h).  The
 * second adds each payment to the promises and plans whose window holds
 * its date: payments may come before a promise in the file (a same-day
 * payment recorded first), so they cannot be summed in one pass without
 * keeping them all.  A journal without any promise or plan needs no
 * second pass.  The last record is only used once the next one (or a
 * proper end of file) is seen, so an unterminated last record can be left
 * out.
 */
#define _POSIX_C_SOURCE 200809L
#include "journal.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "jfile.h"
#include "journal_int.h"

/* A private copy of a record, so it can wait for the next one. */
struct held {
	dn_row_copy copy;
	int bad;       /* the reader found it bad ... */
	dn_error why;  /* ... for this reason */
};

struct pass {
	dn_journal *j;
	const char *path;
	int unterminated; /* the file's last byte is not a newline */
	int second;       /* payments only */
	long rows;
	long cut_line;    /* first line of the record left out, 0 when none */
	dn_jevent_fn fn;  /* shown each row of the first pass, or NULL */
	void *ctx;
};

/* Use one record: check it, then apply it for this pass. */
static int use_row(struct pass *ps, const dn_jschema *s, struct held *h, dn_error *e)
{
	dn_jevent ev;

	ps->rows++;
	if (h->bad) {
		*e = h->why;
		return e->status;
	}
	if (dn_jevent_read(s, &h->copy.row, &ev, e) != 0)
		return e->status;
	if (!ps->second && ps->fn != NULL && ps->fn(&ev, ps->ctx, e) != 0)
		return e->status;
	if (ps->second)
		dn_journal_apply_payment(ps->j, &ev);
	else if (dn_journal_apply(ps->j, &ev) != 0)
		return dn_error_set(e, DN_EX_SOFTWARE, "out of memory");
	return 0;
}

static int is_cut_quote(const dn_error *e)
{
	return e->reason == DN_R_UNTERMINATED_QUOTE;
}

/* One pass over the locked file fp, from its start. */
static int read_pass(struct pass *ps, FILE *fp, dn_error *e)
{
	char delim = dn_jfile_delimiter(fileno(fp), dn_config_input(dn_journal_config(ps->j))->delimiter);
	dn_csv_reader *rd;
	struct held h;
	dn_jschema s;
	dn_row row;
	int have = 0, rc = 0, got;

	memset(&h, 0, sizeof h);
	if (fseek(fp, 0, SEEK_SET) != 0) {
		dn_error_set(e, DN_EX_IOERR, "cannot rewind: %s", strerror(errno));
		dn_error_where(e, ps->path, 0);
		return DN_EX_IOERR;
	}
	if ((rd = dn_csv_reader_from_stream(fp, ps->path, delim, e)) == NULL)
		return e->status;
	if ((rc = dn_jschema_init(&s, rd, dn_journal_config(ps->j), e)) != 0)
		goto done;
	for (;;) {
		dn_error_clear(e);
		got = dn_csv_next(rd, &row, e);
		if (got == 0 || (got < 0 && row.n == 0)) {
			/* The end, or a stream that cannot go on: an open quote
			 * at the end is a cut last record, anything else an
			 * error (after the record before it, which comes first). */
			int cut = got < 0 && is_cut_quote(e);
			dn_error why = *e;
			if (got == 0 && have && ps->unterminated) {
				ps->cut_line = h.copy.row.line;
				break;
			}
			if (have && (rc = use_row(ps, &s, &h, e)) != 0)
				break;
			if (cut)
				ps->cut_line = why.line;
			else if (got < 0)
				rc = (*e = why).status;
			break;
		}
		if (have && (rc = use_row(ps, &s, &h, e)) != 0)
			break;
		if (got < 0) {
			h.why = *e;
			h.bad = 1;
		} else {
			h.bad = 0;
		}
		if (dn_row_copy_set(&h.copy, &row) != 0) {
			rc = dn_error_set(e, DN_EX_SOFTWARE, "out of memory");
			break;
		}
		have = 1;
	}
done:
	dn_row_copy_free(&h.copy);
	dn_csv_reader_free(rd);
	return rc;
}

/* Open and lock (dn_jfile_open, shared): 1 when the file does not exist
 * or is empty, 0 when it is to be read (*fp open: closing it releases the
 * lock), else a status. */
static int open_journal(const char *path, FILE **fp, int *unterminated, dn_error *e)
{
	struct stat st;
	char last;
	int fd, rc = dn_jfile_open(path, 0, 0, &fd, e);

	*fp = NULL;
	if (rc != 0)
		return rc;
	if (fstat(fd, &st) != 0 || st.st_size == 0) {
		close(fd);
		return 1;
	}
	*unterminated = pread(fd, &last, 1, st.st_size - 1) == 1 && last != '\n';
	if ((*fp = fdopen(fd, "r")) == NULL) {
		close(fd);
		return dn_error_set(e, DN_EX_SOFTWARE, "out of memory");
	}
	return 0;
}

int dn_journal_check(const char *path, dn_error *e)
{
	FILE *fp;
	int unterminated = 0;
	int rc = open_journal(path, &fp, &unterminated, e);

	if (rc == 0)
		fclose(fp);
	return rc == 1 ? 0 : rc;
}

int dn_journal_read(const char *path, const dn_config *cfg, dn_date as_of, dn_journal **out,
		    dn_journal_info *info, dn_error *e)
{
	return dn_journal_read_each(path, cfg, as_of, out, info, NULL, NULL, e);
}

int dn_journal_read_each(const char *path, const dn_config *cfg, dn_date as_of,
			 dn_journal **out, dn_journal_info *info, dn_jevent_fn fn, void *ctx,
			 dn_error *e)
{
	dn_journal *j = dn_journal_new_empty(cfg, as_of);
	struct pass ps;
	FILE *fp = NULL;
	int unterminated = 0, rc;
	long first_rows;

	memset(info, 0, sizeof *info);
	*out = NULL;
	if (j == NULL)
		return dn_error_set(e, DN_EX_SOFTWARE, "out of memory");
	rc = open_journal(path, &fp, &unterminated, e);
	if (rc == 1) {
		info->missing = access(path, F_OK) != 0;
		*out = j;
		return 0;
	}
	if (rc != 0) {
		dn_journal_free(j);
		return rc;
	}
	/* Both passes read the one locked descriptor, rewound: the file read
	 * twice is the file locked, whatever a rename did to the path. */
	memset(&ps, 0, sizeof ps);
	ps.j = j;
	ps.path = path;
	ps.unterminated = unterminated;
	ps.fn = fn;
	ps.ctx = ctx;
	rc = read_pass(&ps, fp, e);
	first_rows = ps.rows;
	info->rows = ps.rows;
	info->unterminated_line = ps.cut_line;
	/* Payments only count for promises and plans: without any, the
	 * second pass would add nothing. */
	if (rc == 0 && dn_journal_wants_payments(j)) {
		ps.second = 1;
		ps.rows = 0;
		rc = read_pass(&ps, fp, e);
		if (rc == 0 && ps.rows != first_rows) {
			rc = dn_error_set(e, DN_EX_SOFTWARE, "the journal changed while it was read");
			dn_error_where(e, path, 0);
		}
	}
	fclose(fp); /* releases the lock */
	if (rc != 0) {
		dn_journal_free(j);
		return rc;
	}
	*out = j;
	return 0;
}
