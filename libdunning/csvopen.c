/* csvopen.c - the CSV reader's beginning and end: opening its inputs
 * (distinct, none a folder), reading and checking the first header, the
 * column lookups on it, which files it reads, and freeing it.  Reading the
 * records is csvio.c's. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "csvio_int.h"
#include "names.h"
#include "paths.h"

/* ---- header ---- */

/* Header names compare trimmed and caselessly, Unicode included (names.h). */
int dn_csv_header_matches(const dn_csv_reader *r, const dn_row *row)
{
	size_t i;

	if (row->n != r->header.row.n)
		return 0;
	for (i = 0; i < row->n; i++)
		if (!dn_name_equal(row->v[i], row->len[i], r->header.v[i], r->header.len[i]))
			return 0;
	return 1;
}

int dn_csv_find(const dn_csv_reader *r, const char *name)
{
	dn_name_matcher *m = dn_name_matcher_new(name, strlen(name));
	size_t i;
	int found = -1;

	for (i = 0; m != NULL && i < r->header.row.n && found < 0; i++)
		if (dn_name_matches(m, r->header.v[i], r->header.len[i]))
			found = (int)i;
	dn_name_matcher_free(m);
	return found;
}

const dn_row *dn_csv_header(const dn_csv_reader *r)
{
	return &r->header.row;
}

const char *dn_csv_header_name(const dn_csv_reader *r, const char *name)
{
	int i = dn_csv_find(r, name);

	return i < 0 ? name : r->header.v[i];
}

/* A column name given twice makes every lookup ambiguous: refuse it. */
static int check_duplicates(const dn_csv_reader *r, dn_error *e)
{
	size_t dup;
	int rc = dn_names_find_duplicate(r->header.v, r->header.len, r->header.row.n, &dup);

	if (rc < 0)
		return dn_error_set(e, DN_EX_SOFTWARE, "out of memory");
	if (rc == 0)
		return 0;
	dn_error_set(e, DN_EX_DATAERR, "column name given twice in the header");
	dn_error_where(e, r->header.row.file, r->header.row.line);
	dn_error_value(e, r->header.v[dup], r->header.len[dup]);
	return DN_EX_DATAERR;
}

/* Keep a private copy of the first header row. */
static int copy_header(dn_csv_reader *r, const dn_row *row, dn_error *e)
{
	return dn_row_copy_set(&r->header, row) == 0
		       ? 0
		       : dn_error_set(e, DN_EX_SOFTWARE, "out of memory");
}

int dn_row_copy_set(dn_row_copy *c, const dn_row *row)
{
	size_t total = 0, i, off = 0;

	for (i = 0; i < row->n; i++)
		total += row->len[i] + 1;
	if (total > c->cap) {
		char *nd = realloc(c->data, total);
		if (nd == NULL)
			return -1;
		c->data = nd;
		c->cap = total;
	}
	if (row->n + 1 > c->vcap) {
		const char **nv = realloc(c->v, (row->n + 1) * sizeof *nv);
		size_t *nl;
		if (nv == NULL)
			return -1;
		c->v = nv;
		nl = realloc(c->len, (row->n + 1) * sizeof *nl);
		if (nl == NULL)
			return -1;
		c->len = nl;
		c->vcap = row->n + 1;
	}
	for (i = 0; i < row->n; i++) {
		memcpy(c->data + off, row->v[i], row->len[i]);
		c->data[off + row->len[i]] = '\0';
		c->v[i] = c->data + off;
		c->len[i] = row->len[i];
		off += row->len[i] + 1;
	}
	c->row.n = row->n;
	c->row.v = c->v;
	c->row.len = c->len;
	c->row.line = row->line;
	c->row.file = row->file;
	return 0;
}

void dn_row_copy_free(dn_row_copy *c)
{
	free(c->data);
	free(c->v);
	free(c->len);
	memset(c, 0, sizeof *c);
}

static int read_first_header(dn_csv_reader *r, dn_error *e)
{
	dn_row row;
	int is_header = 0, needs_check = 0, rc;

	rc = dn_csv_next_raw(r, &row, &is_header, &needs_check, e);
	if (rc < 0)
		return e ? e->status : DN_EX_DATAERR;
	if (rc == 0) {
		dn_error_set(e, DN_EX_DATAERR, "empty input: no header row");
		dn_error_where(e, r->in[0].name, 0);
		return DN_EX_DATAERR;
	}
	if (copy_header(r, &row, e) != 0)
		return DN_EX_SOFTWARE;
	if (dn_csv_check_fields(r, &r->header.row, e) != 0)
		return DN_EX_DATAERR;
	return check_duplicates(r, e);
}

/* ---- construction ---- */

int dn_csv_reader_reads(const dn_csv_reader *r, const char *path)
{
	struct stat target, in;
	size_t i;

	if (stat(path, &target) != 0)
		return 0; /* does not exist yet: not an input */
	for (i = 0; i < r->nin; i++)
		if (r->in[i].fp != NULL && fstat(fileno(r->in[i].fp), &in) == 0 &&
		    in.st_dev == target.st_dev && in.st_ino == target.st_ino)
			return 1;
	return 0;
}

static int is_directory(FILE *fp)
{
	struct stat st;

	return fstat(fileno(fp), &st) == 0 && S_ISDIR(st.st_mode);
}

static int open_inputs(dn_csv_reader *r, const char *const *paths, size_t npaths, dn_error *e)
{
	size_t i;

	r->nin = npaths ? npaths : 1;
	r->in = calloc(r->nin, sizeof *r->in);
	if (r->in == NULL)
		return dn_error_set(e, DN_EX_SOFTWARE, "out of memory");
	for (i = 0; i < r->nin; i++) {
		const char *p = npaths ? paths[i] : "-";
		struct input *in = &r->in[i];

		if (strcmp(p, "-") == 0) {
			in->fp = stdin;
			in->borrowed = 1;
			in->name = "<stdin>";
			continue;
		}
		in->name = p;
		in->fp = fopen(p, "rb");
		if (in->fp != NULL && is_directory(in->fp)) {
			fclose(in->fp);
			in->fp = NULL;
			errno = EISDIR; /* fopen accepts a folder; reading it fails */
		}
		if (in->fp == NULL) {
			dn_error_set(e, DN_EX_NOINPUT, "cannot open: %s", strerror(errno));
			dn_error_where(e, p, 0);
			return DN_EX_NOINPUT;
		}
	}
	return 0;
}

static dn_csv_reader *reader_alloc(char delim, dn_error *e)
{
	dn_csv_reader *r = calloc(1, sizeof *r);

	if (r == NULL) {
		dn_error_set(e, DN_EX_SOFTWARE, "out of memory");
		return NULL;
	}
	r->delim = r->first_delim = delim;
	r->expect_header = 1;
	return r;
}

/* Buffers, parser and the first header of a reader whose inputs are set. */
static dn_csv_reader *reader_start(dn_csv_reader *r, dn_error *e)
{
	r->buf = malloc(READ_CHUNK);
	if (r->buf == NULL || dn_csv_parser_init(r) != 0) {
		dn_error_set(e, DN_EX_SOFTWARE, "out of memory");
		goto fail;
	}
	if (read_first_header(r, e) != 0)
		goto fail;
	return r;
fail:
	dn_csv_reader_free(r);
	return NULL;
}

dn_csv_reader *dn_csv_reader_new(const char *const *paths, size_t npaths, char delim,
				 dn_error *e)
{
	dn_csv_reader *r;

	/* Usage (64) comes before an input that cannot be opened (66). */
	if (dn_paths_check_distinct(paths, npaths, e) != 0)
		return NULL;
	if ((r = reader_alloc(delim, e)) == NULL)
		return NULL;
	if (open_inputs(r, paths, npaths, e) != 0) {
		dn_csv_reader_free(r);
		return NULL;
	}
	return reader_start(r, e);
}

/* A reader of the one stream fp (borrowed); quote: libcsv's quote byte, 0
 * for its default. */
static dn_csv_reader *from_stream(FILE *fp, const char *name, char delim, unsigned char quote,
				  dn_error *e)
{
	dn_csv_reader *r = reader_alloc(delim, e);

	if (r == NULL)
		return NULL;
	r->quote = quote;
	r->nin = 1;
	r->in = calloc(1, sizeof *r->in);
	if (r->in == NULL) {
		dn_error_set(e, DN_EX_SOFTWARE, "out of memory");
		dn_csv_reader_free(r);
		return NULL;
	}
	r->in[0].fp = fp;
	r->in[0].name = name;
	r->in[0].borrowed = 1;
	return reader_start(r, e);
}

dn_csv_reader *dn_csv_reader_from_stream(FILE *fp, const char *name, char delim, dn_error *e)
{
	return from_stream(fp, name, delim, 0, e);
}

/* libcsv cannot switch quoting off: its quote becomes 0xFF, a byte that
 * never occurs in UTF-8 (a file holding one is invalid UTF-8 anyway). */
dn_csv_reader *dn_csv_reader_from_stream_unquoted(FILE *fp, const char *name, char delim,
						  dn_error *e)
{
	return from_stream(fp, name, delim, 0xff, e);
}

void dn_csv_reader_free(dn_csv_reader *r)
{
	size_t i;

	if (r == NULL)
		return;
	for (i = 0; r->in != NULL && i < r->nin; i++)
		if (r->in[i].fp != NULL && !r->in[i].borrowed)
			fclose(r->in[i].fp);
	dn_csv_parser_free(r);
	free(r->in);
	free(r->buf);
	free(r->data);
	free(r->foff);
	free(r->flen);
	free(r->rows);
	free(r->vptr);
	dn_row_copy_free(&r->header);
	free(r);
}
