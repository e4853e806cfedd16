/* item.c - canonical item columns and typed rows. */
#include "item.h"

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

int dn_item_schema_init(dn_item_schema *s, const dn_csv_reader *r, const dn_config *cfg,
			dn_error *e)
{
	static const dn_col required[] = {DN_COL_CUSTOMER, DN_COL_INVOICE, DN_COL_ISSUE_DATE,
					  DN_COL_DUE_DATE, DN_COL_AMOUNT};
	const char *rule;
	size_t i;

	s->cfg = cfg;
	for (i = 0; i < DN_COL_COUNT; i++) {
		s->header[i] = dn_config_column(cfg, col_names[i]);
		s->col[i] = dn_csv_find(r, s->header[i]);
	}
	if (dn_config_terms(cfg, &s->terms_days, &s->terms_eom) != 0) {
		s->terms_days = -1;
		s->terms_eom = 0;
	}
	rule = dn_config_get(cfg, "ledger", "eom_rule");
	s->eom_days_then_end = rule != NULL && strcmp(rule, "days_then_end") == 0;
	for (i = 0; i < sizeof required / sizeof required[0]; i++) {
		dn_col c = required[i];
		if (s->col[c] >= 0 || (c == DN_COL_DUE_DATE && s->terms_days >= 0))
			continue;
		dn_error_set(e, DN_EX_DATAERR, "missing required column");
		dn_error_where(e, dn_csv_header(r)->file, dn_csv_header(r)->line);
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
	static const char *const yes[] = {"1", "yes", "true", "y"};
	static const char *const no[] = {"0", "no", "false", "n"};
	size_t i;

	if (len == 0)
		return 0;
	for (i = 0; i < 4; i++) {
		if (strlen(yes[i]) == len && strncasecmp(s, yes[i], len) == 0)
			return 1;
		if (strlen(no[i]) == len && strncasecmp(s, no[i], len) == 0)
			return 0;
	}
	return -1;
}

/* Fill e for a bad field of column c. */
static int field_error(const dn_item_schema *s, const dn_row *row, dn_col c, dn_error *e,
		       const char *msg)
{
	int i = s->col[c];

	dn_error_set(e, DN_EX_DATAERR, "%s", msg);
	dn_error_where(e, row->file, row->line);
	dn_error_subject(e, "column", s->header[c]);
	if (i >= 0)
		dn_error_value(e, row->v[i], row->len[i]);
	return DN_EX_DATAERR;
}

static int read_date(const dn_item_schema *s, const dn_row *row, dn_col c, dn_date *out,
		     dn_error *e)
{
	int i = s->col[c];
	int rc = dn_date_parse(row->v[i], row->len[i], dn_config_input(s->cfg)->date, out);

	return rc == 0 ? 0 : field_error(s, row, c, e, dn_date_strerror(rc));
}

static int read_money(const dn_item_schema *s, const dn_row *row, dn_col c,
		      const dn_item *it, int64_t *out, dn_error *e)
{
	int i = s->col[c];
	dn_error tmp;
	char msg[160];

	if (dn_money_parse(row->v[i], row->len[i], it->decimals,
			   &dn_config_input(s->cfg)->number, out, &tmp) == 0)
		return 0;
	if (strncmp(tmp.message, "too many decimals", 17) == 0)
		snprintf(msg, sizeof msg, "more decimals than %s has (%d)", it->currency,
			 it->decimals);
	else
		snprintf(msg, sizeof msg, "%s", tmp.message);
	return field_error(s, row, c, e, msg);
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
	const char *code = dn_config_currency(s->cfg);
	size_t len = strlen(code), k;

	if (i >= 0 && row->len[i] > 0) {
		code = row->v[i];
		len = row->len[i];
	}
	it->decimals = dn_currencies_decimals(dn_config_currencies(s->cfg), code, len);
	if (it->decimals < 0)
		return field_error(s, row, DN_COL_CURRENCY, e, "unknown currency");
	for (k = 0; k < 3; k++)
		it->currency[k] = (char)(code[k] >= 'a' && code[k] <= 'z' ? code[k] - 32 : code[k]);
	it->currency[3] = '\0';
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
		return field_error(s, row, DN_COL_CUSTOMER, e, "empty customer");
	if (it->invoice_len == 0)
		return field_error(s, row, DN_COL_INVOICE, e, "empty invoice");
	if (memchr(it->invoice, ';', it->invoice_len) != NULL)
		return field_error(s, row, DN_COL_INVOICE, e,
				   "invoice id holds ';' (the invoices list separator)");
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

static int read_amounts(const dn_item_schema *s, const dn_row *row, dn_item *it, dn_error *e)
{
	int pi = s->col[DN_COL_PAID], bi = s->col[DN_COL_BALANCE];

	if (read_money(s, row, DN_COL_AMOUNT, it, &it->amount, e) != 0)
		return DN_EX_DATAERR;
	it->paid = 0;
	if (pi >= 0 && row->len[pi] > 0 && read_money(s, row, DN_COL_PAID, it, &it->paid, e) != 0)
		return DN_EX_DATAERR;
	if (bi >= 0)
		return read_money(s, row, DN_COL_BALANCE, it, &it->balance, e);
	if (dn_money_sub(it->amount, it->paid, &it->balance) != 0)
		return field_error(s, row, DN_COL_PAID, e, "amount - paid out of range");
	return 0;
}

int dn_item_read(const dn_item_schema *s, const dn_row *row, dn_item *it, dn_error *e)
{
	int di = s->col[DN_COL_DISPUTED];

	if (read_key(s, row, it, e) != 0 || read_currency(s, row, it, e) != 0 ||
	    read_dates(s, row, it, e) != 0 || read_amounts(s, row, it, e) != 0)
		return DN_EX_DATAERR;
	/* A paid_date says the item was settled that day: a row that still
	 * shows an open amount contradicts itself, and guessing which half is
	 * true could chase a customer who paid. */
	if (it->has_paid_date && it->balance != 0 &&
	    (s->col[DN_COL_BALANCE] >= 0 ||
	     (s->col[DN_COL_PAID] >= 0 && row->len[s->col[DN_COL_PAID]] > 0))) {
		char msg[160], open_amount[DN_MONEY_BUFSZ];
		dn_money_format(it->balance, it->decimals, open_amount);
		snprintf(msg, sizeof msg, "settled on this date, but %s %s is still open",
			 open_amount, it->currency);
		return field_error(s, row, DN_COL_PAID_DATE, e, msg);
	}
	it->disputed = 0;
	if (di >= 0) {
		it->disputed = dn_parse_flag(row->v[di], row->len[di]);
		if (it->disputed < 0)
			return field_error(s, row, DN_COL_DISPUTED, e,
					   "not a yes/no value (1/0, yes/no, true/false)");
	}
	return 0;
}
