/* planrow.c - a customer row into a debt to plan (see planrow.h). */
#include "planrow.h"

#include <stdio.h>
#include <string.h>

#include "money.h"

static int column_error(const dn_csv_reader *rd, const char *name, const char *msg,
			dn_error *e)
{
	const dn_row *h = dn_csv_header(rd);

	char d = dn_csv_guess_delimiter(rd);

	if (d != 0)
		dn_error_set(e, DN_EX_DATAERR, "%s (the file seems to use %s: [input] delimiter = %s)",
			     msg, dn_delimiter_name(d), dn_delimiter_name(d));
	else
		dn_error_set(e, DN_EX_DATAERR, "%s", msg);
	dn_error_where(e, h->file, h->line);
	dn_error_subject(e, "column", name);
	return DN_EX_DATAERR;
}

/* A column by its [columns] header, else its canonical name. */
static int find(const dn_csv_reader *rd, const dn_config *cfg, const char *canonical)
{
	int i = dn_csv_find(rd, dn_config_column(cfg, canonical));

	return i >= 0 ? i : dn_csv_find(rd, canonical);
}

int dn_plan_source_init(dn_plan_source *s, const dn_csv_reader *rd, const dn_config *cfg,
			int of_balance, dn_error *e)
{
	const char *of = of_balance ? "balance" : "overdue";

	s->cfg = cfg;
	s->of_balance = of_balance;
	s->col_customer = find(rd, cfg, "customer");
	s->col_currency = find(rd, cfg, "currency");
	s->col_amount = find(rd, cfg, of);
	s->col_capacity = find(rd, cfg, "capacity");
	s->col_priority = dn_csv_find(rd, "priority");
	s->col_disputed = find(rd, cfg, "disputed");
	s->amount_name = dn_config_column(cfg, of);
	if (s->col_customer < 0)
		return column_error(rd, dn_config_column(cfg, "customer"), "missing column", e);
	if (s->col_amount < 0)
		return column_error(rd, s->amount_name,
				    "missing column (--of names the amount column: balance or "
				    "overdue)",
				    e);
	return 0;
}

static int row_error(const dn_row *row, const char *col, int i, const char *msg, dn_error *e)
{
	dn_error_set(e, DN_EX_DATAERR, "%s", msg);
	dn_error_where(e, row->file, row->line);
	dn_error_subject(e, "column", col);
	if (i >= 0)
		dn_error_value(e, row->v[i], row->len[i]);
	return DN_EX_DATAERR;
}

/* An amount of the row's currency; 0 for an empty cell. */
static int read_amount(const dn_plan_source *s, const dn_row *row, int i, const char *col,
		       const dn_plan_debt *d, int64_t *out, dn_error *e)
{
	dn_error tmp;

	*out = 0;
	if (i < 0 || row->len[i] == 0)
		return 0;
	if (dn_money_parse(row->v[i], row->len[i], d->decimals, &dn_config_input(s->cfg)->number,
			   out, &tmp) == 0)
		return 0;
	return row_error(row, col, i, tmp.message, e);
}

int dn_plan_source_read(const dn_plan_source *s, const dn_row *row, dn_plan_debt *d,
			dn_error *e)
{
	const char *cur = dn_config_currency(s->cfg);
	size_t cur_len = strlen(cur);
	int64_t disputed;
	int ci = s->col_capacity;

	/* prioritize's held customers (dispute, promise, plan, block...) get
	 * no plan proposed. */
	if (s->col_priority >= 0 && row->len[s->col_priority] == 4 &&
	    memcmp(row->v[s->col_priority], "hold", 4) == 0)
		return DN_PLAN_HELD;
	d->customer = row->v[s->col_customer];
	d->customer_len = row->len[s->col_customer];
	if (s->col_currency >= 0 && row->len[s->col_currency] > 0) {
		cur = row->v[s->col_currency];
		cur_len = row->len[s->col_currency];
	}
	d->decimals = dn_currency_lookup(dn_config_currencies(s->cfg), cur, cur_len, d->currency);
	if (d->decimals < 0)
		return row_error(row, dn_config_column(s->cfg, "currency"), s->col_currency,
				 "unknown currency", e);
	if (read_amount(s, row, s->col_amount, s->amount_name, d, &d->principal, e) != 0 ||
	    read_amount(s, row, ci, "capacity", d, &d->capacity, e) != 0)
		return DN_EX_DATAERR;
	d->has_capacity = ci >= 0 && row->len[ci] > 0;
	if (s->of_balance) {
		/* A plan never covers what is in dispute. */
		if (read_amount(s, row, s->col_disputed, "disputed", d, &disputed, e) != 0)
			return DN_EX_DATAERR;
		if (disputed < 0)
			return row_error(row, "disputed", s->col_disputed, "negative disputed amount",
					 e);
		if (dn_money_sub(d->principal, disputed, &d->principal) != 0)
			return row_error(row, "disputed", s->col_disputed, "out of range", e);
	}
	return 0;
}

void dn_plan_ref(const char *customer, size_t len, const char *currency, dn_date as_of,
		 int64_t principal, char *buf)
{
	uint64_t h = UINT64_C(14695981039346656037);
	char tail[64];
	size_t i, n;

	for (i = 0; i < len; i++)
		h = (h ^ (unsigned char)customer[i]) * UINT64_C(1099511628211);
	n = (size_t)snprintf(tail, sizeof tail, "\x1f%s\x1f%ld\x1f%lld", currency, (long)as_of,
			     (long long)principal);
	for (i = 0; i < n; i++)
		h = (h ^ (unsigned char)tail[i]) * UINT64_C(1099511628211);
	snprintf(buf, 24, "PLAN-%012llx", (unsigned long long)(h >> 16));
}

int dn_plan_row_status(int rc, const dn_plan_debt *d, const dn_row *row, dn_error *e)
{
	if (rc == DN_EX_CONFIG) {
		char key[128], value[DN_ERROR_VALUE_MAX * 4 + 8];
		snprintf(key, sizeof key, "%s", e->name);
		snprintf(value, sizeof value, "%s", e->value);
		dn_error_set(e, DN_EX_DATAERR,
			     "customer %.*s: %s = %s cannot be used for %s: give a %s_%c%c%c key",
			     (int)d->customer_len, d->customer, key, value, d->currency, key,
			     d->currency[0] | 0x20, d->currency[1] | 0x20, d->currency[2] | 0x20);
	}
	if (rc == DN_EX_USAGE || rc == DN_EX_CONFIG)
		e->status = rc = DN_EX_DATAERR;
	if (rc == DN_EX_DATAERR)
		dn_error_where(e, row->file, row->line);
	return rc;
}
