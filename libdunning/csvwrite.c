/* csvwrite.c - the minimal-quoting CSV writer of csvio.h.
 *
 * Every field of every row goes through dn_csv_put, so it has a fast path:
 * a field that is not empty, is neither in the header row nor guarded by
 * --excel-safe, is copied eight bytes at a time while the same words are
 * tested for what forces quoting (swar_int.h).  Anything the test is not
 * sure of (a quote, the delimiter, a byte in 0x08..0x0f, a space at either
 * end) takes the exact path, which decides as it always did.
 */
#include "csvio.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "swar_int.h"

#define WRITE_BUF (64 * 1024)

struct dn_csv_writer {
	unsigned char special[256]; /* bytes that force quoting */
	FILE *out;
	char delim;
	int excel_safe;
	int crlf;          /* rows end with CRLF */
	int comma_numbers; /* "-12,50" is a number for excel_safe */
	int failed;
	int saved_errno;
	size_t fields;    /* fields in the current row */
	int first_empty;  /* the row's first field was empty */
	int at_start;     /* nothing written yet */
	int in_header;    /* the first row is being written */
	size_t len;
	char buf[WRITE_BUF];
};

dn_csv_writer *dn_csv_writer_new(FILE *out, char delim, int excel_safe)
{
	dn_csv_writer *w = malloc(sizeof *w);

	if (w == NULL)
		return NULL;
	memset(w->special, 0, sizeof w->special);
	w->special[(unsigned char)delim] = 1;
	w->special['"'] = 1;
	w->special['\n'] = 1;
	w->special['\r'] = 1;
	w->out = out;
	w->delim = delim;
	w->excel_safe = excel_safe;
	w->crlf = 0;
	w->comma_numbers = 0;
	w->failed = 0;
	w->saved_errno = 0;
	w->fields = 0;
	w->first_empty = 0;
	w->at_start = 1;
	w->in_header = 1;
	w->len = 0;
	return w;
}

static void drain(dn_csv_writer *w)
{
	if (w->len > 0 && !w->failed && fwrite(w->buf, 1, w->len, w->out) != w->len) {
		w->failed = 1;
		w->saved_errno = errno;
	}
	w->len = 0;
}

static void put_bytes(dn_csv_writer *w, const char *s, size_t n)
{
	while (n > 0) {
		size_t room = WRITE_BUF - w->len, k = n < room ? n : room;
		memcpy(w->buf + w->len, s, k);
		w->len += k;
		s += k;
		n -= k;
		if (w->len == WRITE_BUF)
			drain(w);
	}
}

static void put_char(dn_csv_writer *w, char c)
{
	if (w->len == WRITE_BUF)
		drain(w);
	w->buf[w->len++] = c;
}

static int needs_quotes(const dn_csv_writer *w, const char *s, size_t len)
{
	size_t i;

	if (len > 0 && (s[0] == ' ' || s[len - 1] == ' '))
		return 1;
	for (i = 0; i < len; i++)
		if (w->special[(unsigned char)s[i]])
			return 1;
	return 0;
}

/* The first bytes --excel-safe looks at. */
static int guard_start(char c)
{
	return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
}

static int needs_excel_guard(const dn_csv_writer *w, const char *s, size_t len)
{
	if (len == 0 || !guard_start(s[0]))
		return 0;
	return w->comma_numbers ? !dn_is_plain_number_comma(s, len) : !dn_is_plain_number(s, len);
}

/* What a reader takes away at the start of a file, a BOM or Excel's
 * "sep=" line, must not be the start of the first field written. */
static int looks_like_preamble(const char *s, size_t len)
{
	return (len >= 3 && memcmp(s, "\xef\xbb\xbf", 3) == 0) ||
	       (len >= 4 && memcmp(s, "sep=", 4) == 0);
}

/* s[0..len) quoted, its quotes doubled; guard: the ' of --excel-safe. */
static void put_quoted(dn_csv_writer *w, const char *s, size_t len, int guard)
{
	const char *p = s, *end = s + len, *q;

	put_char(w, '"');
	if (guard)
		put_char(w, '\'');
	/* Long texts (a reminder's body) are mostly without quotes: libc's
	 * memchr finds the next one. */
	while (p < end && (q = memchr(p, '"', (size_t)(end - p))) != NULL) {
		put_bytes(w, p, (size_t)(q - p) + 1);
		put_char(w, '"');
		p = q + 1;
	}
	put_bytes(w, p, (size_t)(end - p));
	put_char(w, '"');
}

/* Bytes of w that may force quoting: a quote, the delimiter, or one in
 * 0x08..0x0f (LF and CR; TAB too, which the exact path lets through). */
DN_SWAR_INLINE uint64_t maybe_special(uint64_t w, unsigned char delim)
{
	return dn_swar_byte(w, '"') | dn_swar_byte(w, delim) | dn_swar_ctl(w);
}

/* Copy s[0..n), n > 0, to d while testing it; 1 when no byte of it may
 * force quoting (the copy is then the field as written). */
DN_SWAR_INLINE int copy_plain(char *d, const char *s, size_t n, unsigned char delim)
{
	uint64_t w, hit = 0;
	size_t i;

	if (n < 8) {
		w = dn_swar_load_short(s, n);
		dn_swar_copy_short(d, s, n);
		return maybe_special(w, delim) == 0;
	}
	for (i = 0; i + 8 <= n; i += 8) {
		w = dn_swar_load8(s + i);
		if ((hit = maybe_special(w, delim)) != 0)
			return 0; /* a long text with a line end: no use going on */
		memcpy(d + i, &w, 8);
	}
	if (i < n) {
		w = dn_swar_load8(s + n - 8);
		hit |= maybe_special(w, delim);
		memcpy(d + n - 8, &w, 8);
	}
	return hit == 0;
}

/* The usual field: not empty, past the header row, no --excel-safe guard
 * to weigh, short enough for the buffer, written as it is.  1 when written
 * (the field is then counted), 0 when the exact path must decide. */
static int put_fast(dn_csv_writer *w, const char *s, size_t len)
{
	size_t sep = w->fields > 0;
	char *d;

	if (len == 0 || w->in_header || (w->excel_safe && guard_start(s[0])) ||
	    len + 1 > WRITE_BUF)
		return 0;
	if (len + 1 > WRITE_BUF - w->len)
		drain(w);
	d = w->buf + w->len;
	if (s[0] == ' ' || s[len - 1] == ' ' ||
	    !copy_plain(d + sep, s, len, (unsigned char)w->delim))
		return 0;
	if (sep)
		d[0] = w->delim;
	else
		w->first_empty = 0;
	w->len += sep + len;
	w->fields++;
	return 1;
}

void dn_csv_put(dn_csv_writer *w, const char *s, size_t len)
{
	int guard;

	if (put_fast(w, s, len))
		return;
	guard = w->excel_safe && needs_excel_guard(w, s, len);
	if (w->fields > 0) {
		put_char(w, w->delim);
	} else {
		w->first_empty = len == 0;
		/* Tested once a row, not once a field: the hot path. */
		if (w->at_start) {
			w->at_start = 0;
			if (looks_like_preamble(s, len)) {
				w->fields++;
				put_quoted(w, s, len, guard);
				return;
			}
		}
	}
	w->fields++;
	/* A header field holding a comma is quoted under any delimiter: the
	 * reader takes a header line whose commas are all outside quotes, and
	 * that holds no delimiter, for a tool's own (comma) output. */
	if (w->in_header && w->delim != ',' && memchr(s, ',', len) != NULL) {
		put_quoted(w, s, len, guard);
		return;
	}
	if (!needs_quotes(w, s, len)) {
		if (guard)
			put_char(w, '\'');
		put_bytes(w, s, len);
		return;
	}
	put_quoted(w, s, len, guard);
}

void dn_csv_put_fields(dn_csv_writer *w, const char *const *v, const size_t *len, size_t n)
{
	/* put_fast with the writer's state in locals: stores into the buffer
	 * would otherwise make the compiler reload it for every field. */
	const unsigned char delim = (unsigned char)w->delim;
	const int plain = !w->in_header, guard = w->excel_safe;
	char *const buf = w->buf;
	size_t pos = w->len, fields = w->fields, i;

	for (i = 0; i < n; i++) {
		const char *s = v[i];
		size_t l = len[i], sep = fields > 0;

		if (plain && l > 0 && l + 1 <= WRITE_BUF - pos && s[0] != ' ' && s[l - 1] != ' ' &&
		    !(guard && guard_start(s[0])) && copy_plain(buf + pos + sep, s, l, delim)) {
			if (sep)
				buf[pos] = (char)delim;
			else
				w->first_empty = 0;
			pos += sep + l;
			fields++;
			continue;
		}
		w->len = pos;
		w->fields = fields;
		dn_csv_put(w, s, l);
		pos = w->len;
		fields = w->fields;
	}
	w->len = pos;
	w->fields = fields;
}

void dn_csv_put_plain(dn_csv_writer *w, const char *const *v, const size_t *len, size_t n)
{
	size_t i, total, sep;
	char *d;

	if (n == 0 || w->in_header || w->excel_safe) {
		dn_csv_put_fields(w, v, len, n);
		return;
	}
	/* One block when the fields are stored as a reader stores them and
	 * none starts or ends with a space. */
	for (i = 0; i < n; i++)
		if ((len[i] > 0 && (v[i][0] == ' ' || v[i][len[i] - 1] == ' ')) ||
		    (i + 1 < n && v[i] + len[i] + 1 != v[i + 1]))
			break;
	total = (size_t)(v[n - 1] + len[n - 1] - v[0]);
	sep = w->fields > 0;
	if (i < n || total + 1 > WRITE_BUF) {
		dn_csv_put_fields(w, v, len, n);
		return;
	}
	if (total + 1 > WRITE_BUF - w->len)
		drain(w);
	d = w->buf + w->len;
	if (sep)
		*d++ = w->delim;
	else
		w->first_empty = len[0] == 0;
	memcpy(d, v[0], total);
	/* The NUL after each field but the last becomes a delimiter. */
	for (i = 0; i + 1 < n; i++) {
		d += len[i];
		*d++ = w->delim;
	}
	w->len += sep + total;
	w->fields += n;
}

void dn_csv_put_str(dn_csv_writer *w, const char *s)
{
	dn_csv_put(w, s, strlen(s));
}

void dn_csv_put_row_fields(dn_csv_writer *w, const dn_row *row)
{
	dn_csv_put_fields(w, row->v, row->len, row->n);
}

void dn_csv_end_row(dn_csv_writer *w)
{
	if (w->fields == 1 && w->first_empty)
		put_bytes(w, "\"\"", 2);
	if (w->crlf)
		put_char(w, '\r');
	put_char(w, '\n');
	w->fields = 0;
	w->in_header = 0;
}

int dn_csv_flush(dn_csv_writer *w)
{
	drain(w);
	if (!w->failed && fflush(w->out) != 0) {
		w->failed = 1;
		w->saved_errno = errno;
	}
	if (w->failed) {
		errno = w->saved_errno;
		return DN_EX_IOERR;
	}
	return 0;
}

void dn_csv_writer_set(dn_csv_writer *w, int crlf, int comma_numbers)
{
	w->crlf = crlf;
	w->comma_numbers = comma_numbers;
}

void dn_csv_writer_excel_safe(dn_csv_writer *w, int on)
{
	w->excel_safe = on;
}

void dn_csv_put_raw(dn_csv_writer *w, const char *s, size_t len)
{
	put_bytes(w, s, len);
}

void dn_csv_writer_free(dn_csv_writer *w)
{
	if (w == NULL)
		return;
	drain(w);
	free(w);
}
