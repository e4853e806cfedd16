/* jbatch.c - the rows to append: recognised, converted, checked, indexed
 * by ref.  Memory grows with the batch (it is written whole or not at
 * all), never with the journal. */
#include "jbatch.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "keytab.h"
#include "money.h"

struct jrow {
	size_t off[DN_JCOL_COUNT], len[DN_JCOL_COUNT]; /* in the batch's buf */
	long line;
	const char *ref; /* set by dn_jbatch_index */
	int dup;
};

struct dn_jbatch {
	const dn_config *cfg;
	dn_date as_of;
	dn_jinput input;
	char file[256]; /* the input's name, for messages */
	char *buf;
	size_t used, cap;
	struct jrow *rows;
	size_t n, nalloc;
	long settlements;
	int has_refs;
	dn_keytab *refs;
};

/* Where each journal field comes from in the input. */
struct source {
	int col[DN_JCOL_COUNT]; /* input column, -1 when none */
	const char *event;      /* the event of every row, NULL: the event column */
	int installment;        /* plan's installment column, else -1 */
};

dn_jbatch *dn_jbatch_new(const dn_config *cfg, dn_date as_of)
{
	dn_jbatch *b = calloc(1, sizeof *b);

	if (b == NULL)
		return NULL;
	b->cfg = cfg;
	b->as_of = as_of;
	return b;
}

void dn_jbatch_free(dn_jbatch *b)
{
	if (b == NULL)
		return;
	dn_keytab_free(b->refs);
	free(b->buf);
	free(b->rows);
	free(b);
}

static int header_error(const dn_csv_reader *rd, dn_error *e, const char *col, const char *msg,
			const char *value, size_t len)
{
	const dn_row *h = dn_csv_header(rd);

	dn_error_set(e, DN_EX_DATAERR, "%s", msg);
	dn_error_where(e, h->file, h->line);
	if (col != NULL) { /* only a missing column is named */
		dn_error_subject(e, "column", col);
		dn_error_reason(e, DN_R_MISSING_COLUMN);
	}
	if (value != NULL)
		dn_error_value(e, value, len);
	return DN_EX_DATAERR;
}

/* Journal rows (or classify's): every column a journal column, unless
 * classify's own columns say the others are its source's. */
static int events_source(dn_jbatch *b, const dn_csv_reader *rd, struct source *src,
			 dn_error *e)
{
	const dn_row *h = dn_csv_header(rd);
	size_t i;
	int k;

	b->input = dn_csv_find(rd, "category") >= 0 && dn_csv_find(rd, "matched") >= 0
			   ? DN_JIN_CLASSIFY
			   : DN_JIN_EVENTS;
	for (k = 0; k < DN_JCOL_COUNT; k++)
		src->col[k] = dn_csv_find(rd, dn_jcol_name((dn_jcol)k));
	if (src->col[DN_JCOL_CUSTOMER] < 0)
		return header_error(rd, e, "customer", "missing required column", NULL, 0);
	if (b->input == DN_JIN_CLASSIFY)
		return 0;
	for (i = 0; i < h->n; i++) {
		for (k = 0; k < DN_JCOL_COUNT; k++)
			if (src->col[k] == (int)i)
				break;
		if (k == DN_JCOL_COUNT)
			return header_error(rd, e, NULL,
					    "not a journal column (date, customer, currency, event, "
					    "invoices, level, channel, amount, fee, due_date, ref, note)",
					    h->v[i], h->len[i]);
	}
	return 0;
}

static int find_source(dn_jbatch *b, const dn_csv_reader *rd, struct source *src, dn_error *e)
{
	static const dn_jcol remind_cols[] = {DN_JCOL_DATE,  DN_JCOL_CUSTOMER, DN_JCOL_CURRENCY,
					      DN_JCOL_INVOICES, DN_JCOL_LEVEL, DN_JCOL_CHANNEL,
					      DN_JCOL_FEE,   DN_JCOL_REF};
	static const dn_jcol plan_cols[] = {DN_JCOL_DATE,   DN_JCOL_CUSTOMER, DN_JCOL_CURRENCY,
					    DN_JCOL_AMOUNT, DN_JCOL_DUE_DATE, DN_JCOL_REF};
	size_t i;
	int k;

	for (k = 0; k < DN_JCOL_COUNT; k++)
		src->col[k] = -1;
	src->event = NULL;
	src->installment = -1;
	if (dn_csv_find(rd, "event") >= 0)
		return events_source(b, rd, src, e);
	if (dn_csv_find(rd, "level") >= 0 && dn_csv_find(rd, "channel") >= 0 &&
	    dn_csv_find(rd, "invoices") >= 0) {
		b->input = DN_JIN_REMIND;
		src->event = "reminder";
		for (i = 0; i < sizeof remind_cols / sizeof remind_cols[0]; i++)
			src->col[remind_cols[i]] = dn_csv_find(rd, dn_jcol_name(remind_cols[i]));
		src->col[DN_JCOL_NOTE] = dn_csv_find(rd, "subject");
	} else if ((src->installment = dn_csv_find(rd, "installment")) >= 0) {
		b->input = DN_JIN_PLAN;
		src->event = "plan";
		for (i = 0; i < sizeof plan_cols / sizeof plan_cols[0]; i++)
			src->col[plan_cols[i]] = dn_csv_find(rd, dn_jcol_name(plan_cols[i]));
	} else {
		return header_error(rd, e, "event",
				    "missing required column (the input is neither journal rows "
				    "nor the output of remind, plan or classify --as-event)",
				    NULL, 0);
	}
	if (src->col[DN_JCOL_CUSTOMER] < 0)
		return header_error(rd, e, "customer", "missing required column", NULL, 0);
	return 0;
}

/* Append s[0..len) and a NUL to the buffer: its offset, or (size_t)-1. */
static size_t put_bytes(dn_jbatch *b, const char *s, size_t len)
{
	size_t off = b->used;

	if (b->cap - b->used < len + 1) {
		size_t cap = b->cap ? b->cap : 4096;
		char *nb;
		while (cap - b->used < len + 1)
			cap *= 2;
		if ((nb = realloc(b->buf, cap)) == NULL)
			return (size_t)-1;
		b->buf = nb;
		b->cap = cap;
	}
	memcpy(b->buf + off, s, len);
	b->buf[off + len] = '\0';
	b->used += len + 1;
	return off;
}

/* The canonical text of field c of ev (raw: the value as read). */
static size_t canonical(const dn_jevent *ev, dn_jcol c, const char *raw, size_t len, char *buf,
			const char **out)
{
	*out = buf;
	switch (c) {
	case DN_JCOL_DATE:
		return dn_date_format(ev->date, buf);
	case DN_JCOL_DUE_DATE:
		return ev->has_due_date ? dn_date_format(ev->due_date, buf) : 0;
	case DN_JCOL_CURRENCY:
		*out = ev->currency;
		return strlen(ev->currency);
	case DN_JCOL_EVENT:
		*out = dn_event_name(ev->event);
		return strlen(*out);
	case DN_JCOL_LEVEL:
		return ev->level >= 0 ? dn_format_int(ev->level, buf) : 0;
	case DN_JCOL_AMOUNT:
		return ev->has_amount ? dn_money_format(ev->amount, ev->decimals, buf) : 0;
	case DN_JCOL_FEE:
		return ev->has_fee ? dn_money_format(ev->fee, ev->decimals, buf) : 0;
	default:
		*out = raw;
		return len;
	}
}

static int add_row(dn_jbatch *b, const struct source *src, const dn_row *row, dn_error *e)
{
	const char *v[DN_JCOL_COUNT];
	size_t len[DN_JCOL_COUNT];
	char as_of[11], buf[DN_MONEY_BUFSZ];
	dn_row jr;
	dn_jschema s; /* the journal row in jr: column k at index k */
	dn_jevent ev;
	struct jrow *r;
	int k;

	for (k = 0; k < DN_JCOL_COUNT; k++) {
		int i = src->col[k];
		v[k] = i >= 0 ? row->v[i] : "";
		len[k] = i >= 0 ? row->len[i] : 0;
		s.col[k] = k;
	}
	s.cfg = b->cfg;
	if (src->event != NULL) {
		v[DN_JCOL_EVENT] = src->event;
		len[DN_JCOL_EVENT] = strlen(src->event);
	}
	if (len[DN_JCOL_DATE] == 0) {
		len[DN_JCOL_DATE] = dn_date_format(b->as_of, as_of);
		v[DN_JCOL_DATE] = as_of;
	}
	jr.n = DN_JCOL_COUNT;
	jr.v = v;
	jr.len = len;
	jr.line = row->line;
	jr.file = row->file;
	if (dn_jevent_read(&s, &jr, &ev, e) != 0)
		return e->status;
	if (b->n == b->nalloc) {
		size_t na = b->nalloc ? 2 * b->nalloc : 64;
		struct jrow *nr = realloc(b->rows, na * sizeof *nr);
		if (nr == NULL)
			return dn_error_set(e, DN_EX_SOFTWARE, "out of memory");
		b->rows = nr;
		b->nalloc = na;
	}
	r = &b->rows[b->n];
	memset(r, 0, sizeof *r);
	r->line = row->line;
	for (k = 0; k < DN_JCOL_COUNT; k++) {
		const char *text;
		size_t n = canonical(&ev, (dn_jcol)k, v[k], len[k], buf, &text);
		if ((r->off[k] = put_bytes(b, text, n)) == (size_t)-1)
			return dn_error_set(e, DN_EX_SOFTWARE, "out of memory");
		r->len[k] = n;
	}
	b->has_refs |= r->len[DN_JCOL_REF] > 0;
	b->n++;
	return 0;
}

static int is_settlement(const struct source *src, const dn_row *row)
{
	int i = src->installment;

	return i >= 0 && row->len[i] == 10 && memcmp(row->v[i], "settlement", 10) == 0;
}

int dn_jbatch_read(dn_jbatch *b, dn_csv_reader *rd, dn_error *e)
{
	struct source src;
	dn_row row;
	int got;

	snprintf(b->file, sizeof b->file, "%s", dn_csv_header(rd)->file);
	if (find_source(b, rd, &src, e) != 0)
		return e->status;
	while ((got = dn_csv_next(rd, &row, e)) == 1) {
		if (is_settlement(&src, &row)) {
			b->settlements++;
			continue;
		}
		if (add_row(b, &src, &row, e) != 0)
			return e->status;
	}
	return got < 0 ? e->status : 0;
}

dn_jinput dn_jbatch_input(const dn_jbatch *b)
{
	return b->input;
}

size_t dn_jbatch_rows(const dn_jbatch *b)
{
	return b->n;
}

long dn_jbatch_settlements(const dn_jbatch *b)
{
	return b->settlements;
}

const char *dn_jbatch_field(const dn_jbatch *b, size_t i, dn_jcol c, size_t *len)
{
	if (len != NULL)
		*len = b->rows[i].len[c];
	return b->buf + b->rows[i].off[c];
}

const char *dn_jbatch_file(const dn_jbatch *b)
{
	return b->file;
}

long dn_jbatch_line(const dn_jbatch *b, size_t i)
{
	return b->rows[i].line;
}

static void ref_key(const void *rec, const char **k1, size_t *n1, const char **k2, size_t *n2)
{
	const struct jrow *r = rec;

	*k1 = r->ref;
	*n1 = r->len[DN_JCOL_REF];
	*k2 = "";
	*n2 = 0;
}

int dn_jbatch_index(dn_jbatch *b)
{
	size_t i;

	if (b->refs == NULL && (b->refs = dn_keytab_new(ref_key)) == NULL)
		return -1;
	for (i = 0; i < b->n; i++) {
		struct jrow *r = &b->rows[i];
		r->ref = b->buf + r->off[DN_JCOL_REF];
		if (r->len[DN_JCOL_REF] == 0)
			continue;
		if (dn_keytab_get(b->refs, r->ref, r->len[DN_JCOL_REF], "", 0) != NULL)
			r->dup = 1; /* earlier in the batch */
		else if (dn_keytab_put(b->refs, r) != 0)
			return -1;
	}
	return 0;
}

void dn_jbatch_recorded(dn_jbatch *b, const char *ref, size_t len)
{
	struct jrow *r;

	if (b->refs != NULL && len > 0 && (r = dn_keytab_get(b->refs, ref, len, "", 0)) != NULL)
		r->dup = 1;
}

int dn_jbatch_duplicate(const dn_jbatch *b, size_t i)
{
	return b->rows[i].dup;
}

long dn_jbatch_duplicates(const dn_jbatch *b)
{
	long n = 0;
	size_t i;

	for (i = 0; i < b->n; i++)
		n += b->rows[i].dup;
	return n;
}

int dn_jbatch_has_refs(const dn_jbatch *b)
{
	return b->has_refs;
}
