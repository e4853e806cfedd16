/* item.c - canonical item columns and typed rows. */
#include "item.h"

#include "confval.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

static const char *const col_names[DN_COL_COUNT] = {
	"customer",      "invoice",     "issue_date",    "due_date",     "amount",
	"paid",          "balance",     "currency",      "customer_name", "email",
	"phone",         "address",     "language",      "customer_type", "disputed",
	"paid_date",     "written_off", "promise_date",  "promise_amount", "segment",
	"capacity",
};

const char *dn_col_name(dn_col c)
{
	return col_names[c];
}

int dn_item_is_canonical(const char *name)
{
	size_t i;

	for (i = 0; i < DN_COL_COUNT; i++)
		if (strcmp(col_names[i], name) == 0)
			return 1;
	return 0;
}

/* Find column c: by its [columns] header, else (a tool's own output, which
 * writes canonical names) by its canonical name.  Returns whether the user
 * mapped it. */
static int find_column(dn_item_schema *s, const dn_csv_reader *r, dn_col c)
{
	const char *canonical = col_names[c];
	int mapped = strcasecmp(s->header[c], canonical) != 0;

	s->col[c] = dn_csv_find(r, s->header[c]);
	if (s->col[c] < 0 && mapped && (s->col[c] = dn_csv_find(r, canonical)) >= 0)
		s->header[c] = canonical;
	return mapped;
}

/* When the header did not split, say which delimiter the file seems to
 * use and how to read it: the most common cause of a "missing column". */
static void delimiter_hint(const dn_csv_reader *r, dn_error *e)
{
	char d = dn_csv_guess_delimiter(r);
	size_t n = strlen(e->message);

	if (d != 0)
		snprintf(e->message + n, sizeof e->message - n,
			 " (the file seems to use %s: [input] delimiter = %s)", dn_delimiter_name(d),
			 dn_delimiter_name(d));
}

int dn_item_schema_init(dn_item_schema *s, const dn_csv_reader *r, const dn_config *cfg,
			dn_error *e)
{
	const dn_row *h = dn_csv_header(r);
	const char *rule;
	size_t i;

	s->cfg = cfg;
	s->as_of = DN_ITEM_CHECK_ALWAYS;
	s->input = dn_config_input(cfg);
	s->currencies = dn_config_currencies(cfg);
	s->currency = dn_config_currency(cfg);
	if (dn_config_terms(cfg, &s->terms_days, &s->terms_eom) != 0) {
		s->terms_days = -1;
		s->terms_eom = 0;
	}
	rule = dn_config_get(cfg, "ledger", "eom_rule");
	s->eom_days_then_end = rule != NULL && strcmp(rule, "days_then_end") == 0;
	for (i = 0; i < DN_COL_COUNT; i++) {
		dn_col c = (dn_col)i;
		int mapped, required;
		s->header[c] = dn_config_column(cfg, col_names[c]);
		mapped = find_column(s, r, c);
		if (s->col[c] >= 0)
			continue;
		required = c <= DN_COL_AMOUNT && !(c == DN_COL_DUE_DATE && s->terms_days >= 0);
		if (!required && !mapped)
			continue;
		if (mapped)
			dn_error_set(e, DN_EX_DATAERR,
				     "missing column: [columns] maps %s to it, and the header has "
				     "neither it nor %s",
				     col_names[c], col_names[c]);
		else
			dn_error_set(e, DN_EX_DATAERR, "missing required column");
		delimiter_hint(r, e);
		dn_error_where(e, h->file, h->line);
		dn_error_subject(e, "column", s->header[c]);
		return DN_EX_DATAERR;
	}
	return 0;
}

const char *dn_item_field(const dn_item_schema *s, const dn_row *row, dn_col c, size_t *len)
{
	int i = s->col[c];

	if (i < 0) {
		*len = 0;
		return NULL;
	}
	*len = row->len[i];
	return row->v[i];
}

int dn_parse_flag(const char *s, size_t len)
{
	return dn_parse_bool(s, len, 1); /* the one vocabulary, oui/non and y/n too */
}

int dn_item_field_error(const dn_item_schema *s, const dn_row *row, dn_col c, const char *msg,
			dn_error *e)
{
	int i = s->col[c];

	dn_error_set(e, DN_EX_DATAERR, "%s", msg);
	dn_error_where(e, row->file, row->line);
	dn_error_subject(e, "column", s->header[c]);
	if (i >= 0 && (size_t)i < row->n)
		dn_error_value(e, row->v[i], row->len[i]);
	return DN_EX_DATAERR;
}

static int read_date(const dn_item_schema *s, const dn_row *row, dn_col c, dn_date *out,
		     dn_error *e)
{
	int i = s->col[c];
	int rc = dn_date_parse(row->v[i], row->len[i], s->input->date, out);

	return rc == 0 ? 0 : dn_item_field_error(s, row, c, dn_date_strerror(rc), e);
}

/* The error of a money field that did not parse (read again for the
 * reason): kept out of read_money, whose frame stays small. */
#if defined(__GNUC__)
__attribute__((cold, noinline))
#endif
static int money_error(const dn_item_schema *s, const dn_row *row, dn_col c,
		       const dn_item *it, dn_error *e)
{
	int i = s->col[c];
	int64_t v;
	dn_error tmp;
	char msg[160];

	dn_error_clear(&tmp);
	dn_money_parse(row->v[i], row->len[i], it->decimals, &s->input->number, &v, &tmp);
	if (tmp.reason == DN_R_TOO_MANY_DECIMALS)
		snprintf(msg, sizeof msg, "more decimals than %s has (%d)", it->currency,
			 it->decimals);
	else
		snprintf(msg, sizeof msg, "%s", tmp.message);
	return dn_item_field_error(s, row, c, msg, e);
}

static int read_money(const dn_item_schema *s, const dn_row *row, dn_col c,
		      const dn_item *it, int64_t *out, dn_error *e)
{
	int i = s->col[c];

	if (dn_money_parse(row->v[i], row->len[i], it->decimals, &s->input->number, out,
			   NULL) == 0)
		return 0;
	return money_error(s, row, c, it, e);
}

/* The last day of date's month. */
static dn_date end_of_month(dn_date date)
{
	int y, m, d;

	dn_date_to_ymd(date, &y, &m, &d);
	return date + (dn_days_in_month(y, m) - d);
}

dn_date dn_terms_due(dn_date issue, int days, int eom, int days_then_end)
{
	if (!eom)
		return issue + days;
	if (days_then_end)
		return end_of_month(issue + days);
	return end_of_month(issue) + days;
}

static dn_date due_from_terms(const dn_item_schema *s, dn_date issue)
{
	return dn_terms_due(issue, s->terms_days, s->terms_eom, s->eom_days_then_end);
}

static int read_currency(const dn_item_schema *s, const dn_row *row, dn_item *it, dn_error *e)
{
	int i = s->col[DN_COL_CURRENCY];
	const char *code;
	size_t len;

	if (i >= 0 && row->len[i] > 0) {
		code = row->v[i];
		len = row->len[i];
	} else {
		code = s->currency;
		len = strlen(code);
	}
	it->decimals = dn_currency_lookup(s->currencies, code, len, it->currency);
	if (it->decimals < 0)
		return dn_item_field_error(s, row, DN_COL_CURRENCY, "unknown currency", e);
	return 0;
}

static int read_key(const dn_item_schema *s, const dn_row *row, dn_item *it, dn_error *e)
{
	int ci = s->col[DN_COL_CUSTOMER], ii = s->col[DN_COL_INVOICE];

	it->customer = row->v[ci];
	it->customer_len = row->len[ci];
	it->invoice = row->v[ii];
	it->invoice_len = row->len[ii];
	if (it->customer_len == 0)
		return dn_item_field_error(s, row, DN_COL_CUSTOMER, "empty customer", e);
	if (it->invoice_len == 0)
		return dn_item_field_error(s, row, DN_COL_INVOICE, "empty invoice", e);
	if (memchr(it->invoice, ';', it->invoice_len) != NULL)
		return dn_item_field_error(s, row, DN_COL_INVOICE,
					   "invoice id holds ';' (the invoices list separator)", e);
	return 0;
}

static int read_dates(const dn_item_schema *s, const dn_row *row, dn_item *it, dn_error *e)
{
	int di = s->col[DN_COL_DUE_DATE], pi = s->col[DN_COL_PAID_DATE];

	if (read_date(s, row, DN_COL_ISSUE_DATE, &it->issue_date, e) != 0)
		return DN_EX_DATAERR;
	if (di >= 0 && (row->len[di] > 0 || s->terms_days < 0)) {
		if (read_date(s, row, DN_COL_DUE_DATE, &it->due_date, e) != 0)
			return DN_EX_DATAERR;
	} else {
		it->due_date = due_from_terms(s, it->issue_date);
	}
	it->has_paid_date = pi >= 0 && row->len[pi] > 0;
	if (it->has_paid_date && read_date(s, row, DN_COL_PAID_DATE, &it->paid_date, e) != 0)
		return DN_EX_DATAERR;
	return 0;
}

/* An optional money column: 0 when absent or empty. */
static int read_optional_money(const dn_item_schema *s, const dn_row *row, dn_col c,
			       const dn_item *it, int64_t *out, dn_error *e)
{
	int i = s->col[c];

	*out = 0;
	if (i < 0 || row->len[i] == 0)
		return 0;
	return read_money(s, row, c, it, out, e);
}

static int read_amounts(const dn_item_schema *s, const dn_row *row, dn_item *it, dn_error *e)
{
	int64_t rest;

	if (read_money(s, row, DN_COL_AMOUNT, it, &it->amount, e) != 0 ||
	    read_optional_money(s, row, DN_COL_PAID, it, &it->paid, e) != 0 ||
	    read_optional_money(s, row, DN_COL_WRITTEN_OFF, it, &it->written_off, e) != 0)
		return DN_EX_DATAERR;
	if (s->col[DN_COL_BALANCE] >= 0)
		return read_money(s, row, DN_COL_BALANCE, it, &it->balance, e);
	if (dn_money_sub(it->amount, it->paid, &rest) != 0)
		return dn_item_field_error(s, row, DN_COL_PAID, "amount - paid out of range", e);
	if (dn_money_sub(rest, it->written_off, &it->balance) != 0)
		return dn_item_field_error(s, row, DN_COL_WRITTEN_OFF,
					   "amount - paid - written_off out of range", e);
	return 0;
}

/* Whether the row says anything about what is still open: a balance
 * column, or a non-empty paid or written_off. */
static int row_states_balance(const dn_item_schema *s, const dn_row *row)
{
	int pi = s->col[DN_COL_PAID], wi = s->col[DN_COL_WRITTEN_OFF];

	return s->col[DN_COL_BALANCE] >= 0 || (pi >= 0 && row->len[pi] > 0) ||
	       (wi >= 0 && row->len[wi] > 0);
}

int dn_item_read(const dn_item_schema *s, const dn_row *row, dn_item *it, dn_error *e)
{
	int di = s->col[DN_COL_DISPUTED];

	if (read_key(s, row, it, e) != 0 || read_currency(s, row, it, e) != 0 ||
	    read_dates(s, row, it, e) != 0 || read_amounts(s, row, it, e) != 0)
		return DN_EX_DATAERR;
	/* A paid_date on or before as-of says the item was closed then: a row
	 * that still shows an open amount contradicts itself, and guessing
	 * which half is true could chase a customer who paid.  A later
	 * paid_date is not checked: a tool's output at a past as-of shows the
	 * whole amount still open, and must read back at that as-of. */
	if (it->has_paid_date && it->paid_date <= s->as_of && it->balance != 0 &&
	    row_states_balance(s, row)) {
		char msg[160], open_amount[DN_MONEY_BUFSZ];
		dn_money_format(it->balance, it->decimals, open_amount);
		snprintf(msg, sizeof msg, "settled on this date, but %s %s is still open",
			 open_amount, it->currency);
		return dn_item_field_error(s, row, DN_COL_PAID_DATE, msg, e);
	}
	it->disputed = 0;
	if (di >= 0) {
		it->disputed = dn_parse_flag(row->v[di], row->len[di]);
		if (it->disputed < 0)
			return dn_item_field_error(s, row, DN_COL_DISPUTED,
						   "not a yes/no value (1/0, yes/no, true/false)", e);
	}
	return 0;
}

int dn_item_exists_at(const dn_item *it, dn_date t)
{
	return it->issue_date <= t;
}

int64_t dn_item_open_at(const dn_item *it, dn_date t)
{
	if (!dn_item_exists_at(it, t))
		return 0;
	if (it->has_paid_date)
		return t < it->paid_date ? it->amount : 0;
	return it->balance;
}

int dn_item_settled_by(const dn_item *it, dn_date t)
{
	if (it->has_paid_date)
		return it->paid_date <= t;
	return it->balance <= 0;
}
