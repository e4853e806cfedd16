/* csvio.c - the CSV reader over libcsv: records, their lines and checks.
 *
 * libcsv reports no positions.  With CSV_REPALL_NL it reports every line
 * terminator, blank lines included, so physical lines are counted exactly
 * from those reports plus the line feeds inside quoted fields; a record's
 * first line is the count when its first field arrives.  The reader feeds
 * whole 64 KiB chunks; the records of a chunk wait in a queue (bounded by
 * the chunk, so memory stays constant).  An error met in a chunk is held
 * back until the records before it have been handed out.
 */
#define _POSIX_C_SOURCE 200809L
#include "csvio.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "csvio_int.h"
#include "swar_int.h"

/* ---- growing arrays ---- */

static int grow(void **p, size_t *cap, size_t need, size_t elem)
{
	size_t ncap = *cap ? *cap : 16;
	void *np;

	if (need <= *cap)
		return 0;
	while (ncap < need) {
		if (ncap > SIZE_MAX / 2 / elem)
			return -1;
		ncap *= 2;
	}
	np = realloc(*p, ncap * elem);
	if (np == NULL)
		return -1;
	*p = np;
	*cap = ncap;
	return 0;
}

/* Line ends in p[0..n), whose last byte is a NUL: LF, CRLF counted once,
 * and a CR alone (a CR-only file's line end), as between records. */
static size_t line_ends(const unsigned char *p, size_t n)
{
	size_t i, count = 0;

	for (i = 0; i + 1 < n; i++)
		count += p[i] == '\n' || (p[i] == '\r' && p[i + 1] != '\n');
	return count;
}

/* Copy field s[0..n) to d and fold its bytes into the record's scan, eight
 * at a time (swar_int.h): whether it holds a non-ASCII byte or a NUL of its
 * own (then the record gets the exact checks), or a byte in 0x08..0x0f (LF
 * and CR are there: then its line ends are counted byte by byte).  Almost
 * every record is plain ASCII without one. */
DN_SWAR_INLINE void copy_scan(dn_csv_reader *r, char *d, const char *s, size_t n)
{
	uint64_t w, high = 0, zero = 0, ctl = 0;
	size_t i;

	if (n >= 8) {
		for (i = 0; i + 8 <= n; i += 8) {
			w = dn_swar_load8(s + i);
			high |= w;
			zero |= dn_swar_zero(w);
			ctl |= dn_swar_ctl(w);
			memcpy(d + i, &w, 8);
		}
		if (i < n) {
			w = dn_swar_load8(s + n - 8);
			high |= w;
			zero |= dn_swar_zero(w);
			ctl |= dn_swar_ctl(w);
			memcpy(d + n - 8, &w, 8);
		}
	} else if (n > 0) {
		w = dn_swar_load_short(s, n);
		high = w;
		zero = dn_swar_zero(w);
		ctl = dn_swar_ctl(w);
		dn_swar_copy_short(d, s, n);
	}
	r->scan_odd |= (high & DN_SWAR_HIGH) | zero;
	r->scan_ctl |= ctl;
}

/* A completed record's fields, NUL-terminated one after the other in data,
 * scanned as they came (copy_scan): count the line ends of its quoted
 * fields, and mark it for the exact checks. */
static void scan_record(dn_csv_reader *r)
{
	const unsigned char *start = (const unsigned char *)r->data + r->foff[r->pending_first];
	const unsigned char *end = (const unsigned char *)r->data + r->dlen;

	if (r->scan_ctl != 0)
		r->lines_done += (long)line_ends(start, (size_t)(end - start));
	r->rec_check = r->scan_odd != 0;
	r->rec_no_ctl = r->scan_ctl == 0;
	r->scan_odd = r->scan_ctl = 0;
}

/* Room for one more field in foff and flen, which grow in step. */
static int grow_fields(dn_csv_reader *r)
{
	size_t cap = r->fcap;
	size_t *nl;

	if (r->nf + 1 <= r->fcap)
		return 0;
	if (grow((void **)&r->foff, &cap, r->nf + 1, sizeof(size_t)) != 0)
		return -1;
	nl = realloc(r->flen, cap * sizeof(size_t));
	if (nl == NULL)
		return -1; /* foff is only larger than needed: fcap stays */
	r->flen = nl;
	r->fcap = cap;
	return 0;
}

/* ---- libcsv callbacks ---- */

/* Room in data for len more bytes and a NUL, and in foff/flen for one
 * more field: the rare path of on_field, kept out of it so that the call
 * made for every field saves few registers.  0, or -1 when out of memory
 * (then, or when it already was, the field is dropped and oom is set). */
static __attribute__((noinline)) int make_room(dn_csv_reader *r, size_t len)
{
	if (r->oom)
		return -1;
	if ((r->dlen + len + 1 > r->dcap &&
	     grow((void **)&r->data, &r->dcap, r->dlen + len + 1, 1) != 0) ||
	    (r->nf == r->fcap && grow_fields(r) != 0)) {
		r->oom = 1;
		return -1;
	}
	return 0;
}

static void on_field(void *s, size_t len, void *ctx)
{
	dn_csv_reader *r = ctx;
	size_t at = r->dlen, nf = r->nf;

	/* The buffers stop growing after the first chunk: test before calling. */
	if ((r->oom | (at + len + 1 > r->dcap) | (nf == r->fcap)) && make_room(r, len) != 0)
		return;
	r->after_cr = 0;
	if (nf == r->pending_first)
		r->rec_start = r->lines_done + 1;
	copy_scan(r, r->data + at, s, len);
	r->data[at + len] = '\0';
	r->foff[nf] = at;
	r->flen[nf] = len;
	r->dlen = at + len + 1;
	r->nf = nf + 1;
}

static void on_row(int term, void *ctx)
{
	dn_csv_reader *r = ctx;
	struct rowrec *rec;

	/* A line ends at LF, at CR, or at CRLF (counted once). */
	if (term == '\r' || (term == '\n' && !r->after_cr))
		r->lines_done++;
	r->after_cr = term == '\r';
	if (r->oom || r->nf == r->pending_first)
		return; /* a blank line, or the LF of a CRLF */
	if (grow((void **)&r->rows, &r->rcap, r->nrows + 1, sizeof(struct rowrec)) != 0) {
		r->oom = 1;
		return;
	}
	scan_record(r);
	rec = &r->rows[r->nrows++];
	rec->first = r->pending_first;
	rec->n = r->nf - r->pending_first;
	rec->line = r->rec_start;
	rec->is_header = r->expect_header;
	rec->needs_check = r->rec_check;
	rec->no_ctl = r->rec_no_ctl;
	rec->input = r->cur;
	r->expect_header = 0;
	r->pending_first = r->nf;
}

/* libcsv trims spaces unless told that no byte is a space. */
static int never_space(unsigned char c)
{
	(void)c;
	return 0;
}

/* A byte next to which a space or tab would be one that libcsv trims,
 * skips or lets pass: a field's or a line's edge, or a quote. */
static int at_field_edge(unsigned char c, unsigned char delim, unsigned char quote)
{
	return c == delim || c == '\r' || c == '\n' || c == quote;
}

/* The first c in p[0..end), or NULL. */
static const unsigned char *find(const unsigned char *p, const unsigned char *end, unsigned char c)
{
	return memchr(p, c, (size_t)(end - p));
}

/* The closing quote of the quoted field that opens at open, or NULL when
 * s ends first (or right after a quote): doubled quotes are content. */
static const unsigned char *closing_quote(const unsigned char *open, const unsigned char *end,
					  unsigned char quote)
{
	const unsigned char *p = open + 1, *q;

	while ((q = find(p, end, quote)) != NULL && q + 1 < end && q[1] == quote)
		p = q + 2;
	return q != NULL && q + 1 < end ? q : NULL;
}

int dn_csv_spaces_inner(const char *text, size_t len, unsigned char delim, unsigned char quote)
{
	const unsigned char *s = (const unsigned char *)text, *end = s + len, *p = s, *q, *sp, *tab;

	if (len > 0 && s[0] == quote)
		return 0; /* a quoted field's start, or a quote inside a field */
	q = find(p, end, quote);
	/* A delimiter is never a space to libcsv. */
	sp = delim == ' ' ? NULL : find(p, end, ' ');
	tab = delim == '\t' ? NULL : find(p, end, '\t');
	for (;;) {
		const unsigned char *blank = sp == NULL || (tab != NULL && tab < sp) ? tab : sp;
		if (blank != NULL && (q == NULL || blank < q)) {
			/* Outside quotes: it must be inside its field. */
			if (blank == s || blank + 1 == end || at_field_edge(blank[-1], delim, quote) ||
			    at_field_edge(blank[1], delim, quote))
				return 0;
			if (blank == sp)
				sp = find(sp + 1, end, ' ');
			else
				tab = find(tab + 1, end, '\t');
			continue;
		}
		if (q == NULL)
			return 1;
		/* A quote outside quotes opens a field (after a delimiter or a
		 * line end), which ends at its closing quote, before a delimiter
		 * or a line end; its own spaces and tabs are content. */
		if (q[-1] != delim && q[-1] != '\r' && q[-1] != '\n')
			return 0;
		if ((q = closing_quote(q, end, quote)) == NULL)
			return 1; /* s ends inside it: nothing outside follows */
		if (q[1] != delim && q[1] != '\r' && q[1] != '\n')
			return 0;
		p = q + 2;
		q = find(p, end, quote);
		if (sp != NULL && sp < p)
			sp = find(p, end, ' ');
		if (tab != NULL && tab < p)
			tab = find(p, end, '\t');
	}
}

int dn_csv_inline_space_test(const struct csv_parser *p, const char *s, size_t len)
{
	/* Inside a quoted field (or just after its quote), the state the
	 * scan would start in is not known: the test stays a call. */
	return !p->quoted && p->spaces == 0 &&
	       dn_csv_spaces_inner(s, len, p->delim_char, p->quote_char);
}

/* libcsv's own space test is inline, where never_space is a call for
 * nearly every byte outside quoted fields.  It differs from never_space
 * only for a space or tab that starts or ends an unquoted field, or
 * follows a closing quote (csv_parse: the spaces it skips, trims or lets
 * pass after a quote), so a chunk whose spaces and tabs are all inside
 * fields (customer names) is parsed with it.  The state it leaves is the
 * same too: no unquoted field of it ends in a space, and quoted fields
 * count none.  dn_csv_spaces_inner also refuses, only at the cost of
 * speed, a chunk it cannot follow simply: one with a quote inside an
 * unquoted field, one that starts with a quote, or a closing quote not
 * followed by a delimiter or a line end. */
static void choose_space_test(dn_csv_reader *r, const char *s, size_t len)
{
	csv_set_space_func(&r->p, dn_csv_inline_space_test(&r->p, s, len) ? NULL : never_space);
}

int dn_csv_parser_init(dn_csv_reader *r)
{
	if (csv_init(&r->p, CSV_STRICT | CSV_STRICT_FINI | CSV_REPALL_NL) != 0)
		return -1;
	csv_set_delim(&r->p, (unsigned char)r->delim);
	if (r->quote != 0)
		csv_set_quote(&r->p, r->quote);
	csv_set_space_func(&r->p, never_space);
	r->parser_live = 1;
	return 0;
}

void dn_csv_parser_free(dn_csv_reader *r)
{
	if (r->parser_live)
		csv_free(&r->p);
	r->parser_live = 0;
}

/* ---- errors ---- */

static const char *input_name(const dn_csv_reader *r)
{
	return r->in[r->cur < r->nin ? r->cur : r->nin - 1].name;
}

/* Header name of column i, for messages; NULL when unknown. */
static const char *column_name(const dn_csv_reader *r, size_t i)
{
	if (r->header.v != NULL && i < r->header.row.n)
		return r->header.v[i];
	return NULL;
}

static int stream_error(dn_csv_reader *r, dn_error *e, int status, long line, const char *msg)
{
	dn_error_set(e, status, "%s", msg);
	dn_error_where(e, input_name(r), line);
	r->broken = 1;
	return -1;
}

/* First line of the record being assembled (no field of it seen yet: the
 * next line). */
static long pending_line(const dn_csv_reader *r)
{
	return r->nf == r->pending_first ? r->lines_done + 1 : r->rec_start;
}

/* A stream error found while records of the chunk are still queued: hold it
 * back until they are handed out. */
static void defer_error(dn_csv_reader *r, int status, const char *msg, long column)
{
	dn_error_set(&r->deferred, status, "%s", msg);
	dn_error_where(&r->deferred, input_name(r), pending_line(r));
	r->deferred_col = column;
	r->has_deferred = 1;
}

/* ---- reading ---- */

/* Excel's first line "sep=;" (or , | TAB) names the delimiter of its file
 * and is not the header; it still counts as line 1.  Called on the first
 * chunk of an input, past its BOM: the line is whole there (a chunk is
 * 64 KiB unless the input ends). */
static int take_sep_line(dn_csv_reader *r)
{
	const char *s = r->buf + r->bufpos;
	size_t n = r->buflen - r->bufpos, k = 5;

	if (n < 5 || memcmp(s, "sep=", 4) != 0 ||
	    (s[4] != ',' && s[4] != ';' && s[4] != '|' && s[4] != '\t'))
		return 0;
	if (k < n && s[k] == '\r')
		k++;
	if (k < n && s[k] == '\n')
		k++;
	if (k == 5 && k < n)
		return 0; /* "sep=;x": a header that looks like one */
	csv_set_delim(&r->p, (unsigned char)s[4]);
	if (r->cur == 0)
		r->first_delim = s[4];
	r->bufpos += k;
	r->lines_done = 1;
	return 1;
}

/* A tool's own output is canonical CSV, with commas: under an [input]
 * delimiter of ';' (a French export), `aging | prioritize` must still
 * read it.  So a file whose header line holds no [input] delimiter but
 * commas is read with commas.  Other delimiters are not guessed: the
 * "missing column" error names them (dn_csv_guess_delimiter). */
static void take_comma_header(dn_csv_reader *r)
{
	const char *s = r->buf + r->bufpos;
	size_t n = r->buflen - r->bufpos, i;
	int commas = 0;

	int quoted = 0;

	if (r->delim == ',')
		return;
	/* Only commas outside quotes count: the writer quotes a header field
	 * holding a comma under any delimiter, so a one-column file written by
	 * a tool reads back as one column. */
	for (i = 0; i < n && (quoted || (s[i] != '\n' && s[i] != '\r')); i++) {
		if (s[i] == '"')
			quoted = !quoted;
		else if (!quoted && s[i] == r->delim)
			return;
		else if (!quoted)
			commas |= s[i] == ',';
	}
	if (!commas)
		return;
	csv_set_delim(&r->p, ',');
	if (r->cur == 0)
		r->first_delim = ',';
}

static int refill(dn_csv_reader *r, dn_error *e)
{
	struct input *in = &r->in[r->cur];
	size_t n = fread(r->buf, 1, READ_CHUNK, in->fp);

	if (n == 0 && ferror(in->fp))
		return stream_error(r, e, DN_EX_IOERR, 0, strerror(errno));
	r->buflen = n;
	r->bufpos = 0;
	if (!r->file_started) {
		r->file_started = 1;
		if (n >= 3 && memcmp(r->buf, "\xef\xbb\xbf", 3) == 0)
			r->bufpos = 3; /* a UTF-8 byte order mark is not data */
		if (!take_sep_line(r))
			take_comma_header(r);
	}
	return 0;
}

/* libcsv stopped at a quote inside an unquoted field (CSV_STRICT refuses
 * it; its state is kept just before the quote): that quote is an ordinary
 * character (SPEC "Input", as in Excel and Python), so hand it to libcsv
 * without CSV_STRICT, which appends it to the field.  A quote after a
 * closing quote or after the spaces following one stays an error: there
 * libcsv's field is quoted.  0, or -1 when the stop was another error. */
static int take_inner_quote(dn_csv_reader *r, const char *at)
{
	int opts = csv_get_opts(&r->p);
	size_t done;

	if (*at != '"' || r->p.quoted || csv_error(&r->p) != CSV_EPARSE)
		return -1;
	csv_set_opts(&r->p, (unsigned char)(opts & ~CSV_STRICT));
	done = csv_parse(&r->p, at, 1, on_field, on_row, r);
	csv_set_opts(&r->p, (unsigned char)opts);
	r->p.status = CSV_SUCCESS;
	return done == 1 ? 0 : -1;
}

/* Feed the rest of the read buffer to libcsv. */
static void feed(dn_csv_reader *r)
{
	const char *s = r->buf + r->bufpos;
	size_t len = r->buflen - r->bufpos, done;

	choose_space_test(r, s, len);
	done = csv_parse(&r->p, s, len, on_field, on_row, r);

	while (done < len && !r->oom && take_inner_quote(r, s + done) == 0) {
		s += done + 1;
		len -= done + 1;
		done = csv_parse(&r->p, s, len, on_field, on_row, r);
	}
	r->bufpos = r->buflen;
	if (r->oom || (done < len && csv_error(&r->p) != CSV_EPARSE))
		defer_error(r, DN_EX_SOFTWARE, "out of memory", -1);
	else if (done < len)
		defer_error(r, DN_EX_DATAERR,
			    "misplaced quote (a quoted field must be quoted whole)",
			    (long)(r->nf - r->pending_first));
}

/* The current input is exhausted: finish its last record, go to the next. */
static int end_of_input(dn_csv_reader *r, dn_error *e)
{
	long line = pending_line(r);

	if (csv_fini(&r->p, on_field, on_row, r) != 0) {
		defer_error(r, DN_EX_DATAERR, "unterminated quoted field", -1);
		r->deferred.reason = DN_R_UNTERMINATED_QUOTE;
		dn_error_where(&r->deferred, input_name(r), line);
		return 0;
	}
	if (r->oom) {
		defer_error(r, DN_EX_SOFTWARE, "out of memory", -1);
		return 0;
	}
	if (r->expect_header) {
		/* No header at all (no bytes, a BOM, blank lines): bad data
		 * wherever the input stands, not skipped as a later one would
		 * be otherwise. */
		defer_error(r, DN_EX_DATAERR, "empty input: no header row", -1);
		dn_error_where(&r->deferred, input_name(r), 0);
		return 0;
	}
	dn_csv_parser_free(r);
	if (r->cur + 1 >= r->nin) {
		r->cur = r->nin; /* all read */
		return 0;
	}
	r->cur++;
	if (dn_csv_parser_init(r) != 0)
		return stream_error(r, e, DN_EX_SOFTWARE, 0, "out of memory");
	r->buflen = r->bufpos = 0;
	r->file_started = 0;
	r->lines_done = 0;
	r->after_cr = 0;
	r->expect_header = 1;
	return 0;
}

/* Feed chunks until a record is queued, an error is held back, or every
 * input is read. */
static int fill_queue(dn_csv_reader *r, dn_error *e)
{
	while (r->nrows == 0 && r->cur < r->nin && !r->has_deferred) {
		if (r->bufpos < r->buflen) {
			feed(r);
			continue;
		}
		if (refill(r, e) != 0)
			return -1;
		if (r->buflen == 0 && end_of_input(r, e) != 0)
			return -1;
	}
	if (r->nrows == 0 && r->has_deferred) {
		/* The header may have been read since the error was found. */
		if (r->deferred_col >= 0 && column_name(r, (size_t)r->deferred_col) != NULL)
			dn_error_subject(&r->deferred, "column",
					 column_name(r, (size_t)r->deferred_col));
		if (e != NULL)
			*e = r->deferred;
		r->broken = 1;
		return -1;
	}
	return 0;
}

/* Drop the fields of records already handed out. */
static void compact(dn_csv_reader *r)
{
	size_t keep = r->nf - r->pending_first, base, i;

	if (r->nrows == 0 || r->rnext < r->nrows)
		return;
	base = keep ? r->foff[r->pending_first] : r->dlen;
	memmove(r->data, r->data + base, r->dlen - base);
	for (i = 0; i < keep; i++) {
		r->foff[i] = r->foff[r->pending_first + i] - base;
		r->flen[i] = r->flen[r->pending_first + i];
	}
	r->dlen -= base;
	r->nf = keep;
	r->pending_first = 0;
	r->nrows = r->rnext = 0;
}

static int fill_row(dn_csv_reader *r, const struct rowrec *rec, dn_row *row)
{
	size_t i;

	if (grow((void **)&r->vptr, &r->vcap, rec->n + 1, sizeof(char *)) != 0)
		return -1;
	for (i = 0; i < rec->n; i++)
		r->vptr[i] = r->data + r->foff[rec->first + i];
	row->n = rec->n;
	row->v = r->vptr;
	row->len = r->flen + rec->first;
	row->line = rec->line;
	row->file = r->in[rec->input].name;
	return 0;
}

/* Check one record's fields: NUL bytes and UTF-8. */
int dn_csv_check_fields(const dn_csv_reader *r, const dn_row *row, dn_error *e)
{
	size_t i;

	for (i = 0; i < row->n; i++) {
		const char *msg = NULL;

		if (memchr(row->v[i], '\0', row->len[i]) != NULL)
			msg = "NUL byte in field";
		else if (!dn_utf8_valid(row->v[i], row->len[i]))
			msg = "invalid UTF-8";
		if (msg != NULL) {
			const char *col = column_name(r, i);
			dn_error_set(e, DN_EX_DATAERR, "%s", msg);
			dn_error_where(e, row->file, row->line);
			if (col != NULL)
				dn_error_subject(e, "column", col);
			dn_error_value(e, row->v[i], row->len[i]);
			return -1;
		}
	}
	return 0;
}

/* Next queued record, headers included; 1, 0 at the end, -1 on error. */
int dn_csv_next_raw(dn_csv_reader *r, dn_row *row, int *is_header, int *needs_check,
		    dn_error *e)
{
	const struct rowrec *rec;

	row->n = 0;
	if (r->broken)
		return stream_error(r, e, DN_EX_DATAERR, 0, "input already failed");
	compact(r);
	if (fill_queue(r, e) != 0)
		return -1;
	if (r->rnext == r->nrows)
		return 0;
	rec = &r->rows[r->rnext++];
	if (fill_row(r, rec, row) != 0)
		return stream_error(r, e, DN_EX_SOFTWARE, rec->line, "out of memory");
	*is_header = rec->is_header;
	*needs_check = rec->needs_check;
	return 1;
}

int dn_csv_next(dn_csv_reader *r, dn_row *row, dn_error *e)
{
	int is_header, needs_check = 0, rc;

	for (;;) {
		rc = dn_csv_next_raw(r, row, &is_header, &needs_check, e);
		if (rc <= 0)
			return rc;
		if (!is_header)
			break;
		if (!dn_csv_header_matches(r, row)) {
			row->n = 0;
			return stream_error(r, e, DN_EX_DATAERR, row->line,
					    "header differs from the first input's");
		}
	}
	r->records++;
	if (row->n != r->header.row.n) {
		dn_error_set(e, DN_EX_DATAERR, "record has %zu fields, the header has %zu",
			     row->n, r->header.row.n);
		dn_error_where(e, row->file, row->line);
		return -1;
	}
	if (needs_check && dn_csv_check_fields(r, row, e) != 0)
		return -1;
	return 1;
}

const char *dn_csv_peek(const dn_csv_reader *r, size_t ahead, size_t field, size_t *len)
{
	const struct rowrec *rec;

	if (ahead == 0 || r->rnext == 0 || ahead > r->nrows - r->rnext)
		return NULL;
	rec = &r->rows[r->rnext - 1 + ahead];
	if (rec->is_header || field >= rec->n)
		return NULL;
	*len = r->flen[rec->first + field];
	return r->data + r->foff[rec->first + field];
}

int dn_csv_row_plain(const dn_csv_reader *r, const dn_row *row, char delim)
{
	const struct rowrec *rec;
	size_t n;

	if (r->rnext == 0 || r->rnext > r->nrows)
		return 0;
	rec = &r->rows[r->rnext - 1];
	if (!rec->no_ctl || rec->n == 0 || row->v != r->vptr || row->n != rec->n ||
	    row->len != r->flen + rec->first)
		return 0;
	/* The record's fields are one block in data, NULs between them: libc's
	 * memchr looks for a quote or the delimiter anywhere in it. */
	n = (size_t)(row->v[rec->n - 1] + row->len[rec->n - 1] - row->v[0]);
	return memchr(row->v[0], '"', n) == NULL && memchr(row->v[0], delim, n) == NULL;
}

char dn_csv_delimiter(const dn_csv_reader *r)
{
	return r->delim;
}

char dn_csv_guess_delimiter(const dn_csv_reader *r)
{
	static const char candidates[] = ";\t|";
	const dn_row *h = &r->header.row;
	size_t count[3] = {0, 0, 0}, i, k, best = 0;

	if (h->n != 1)
		return 0;
	for (i = 0; i < h->len[0]; i++)
		for (k = 0; k < 3; k++)
			count[k] += h->v[0][i] == candidates[k] && candidates[k] != r->first_delim;
	for (k = 1; k < 3; k++)
		if (count[k] > count[best])
			best = k;
	return count[best] > 0 ? candidates[best] : 0;
}

const char *dn_delimiter_name(char d)
{
	switch (d) {
	case ',':
		return "comma";
	case ';':
		return "semicolon";
	case '\t':
		return "tab";
	case '|':
		return "pipe";
	default:
		return NULL;
	}
}

long dn_csv_records(const dn_csv_reader *r)
{
	return r->records;
}
