/* plan - a payment plan the debtor can keep.
 *
 * One debt from the command line (--amount), or one plan per customer row
 * read from stdin or FILEs (prioritize's output, for instance).  The
 * arithmetic is libdunning's (plan.h); this file reads, checks and writes.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dunning.h"

static const char usage[] =
	"usage: plan --amount AMOUNT [--currency CUR] [--customer C] (--installments N |\n"
	"            --max-per-period AMOUNT) [options]\n"
	"       plan [--of balance|overdue] [options] [FILE ...]\n"
	"Propose a payment plan for one debt, or one per customer row (CSV on stdin or FILEs).\n"
	"      --amount AMOUNT      the debt to plan (else rows are read)\n"
	"      --currency CUR       its currency (default: [general] currency)\n"
	"      --customer C         its customer, for the output and messages\n"
	"      --of COLUMN          balance or overdue (default): the amount column of rows\n"
	"  -n, --installments N     number of installments (1 to 1200)\n"
	"      --max-per-period AMOUNT  the fewest installments of at most AMOUNT each\n"
	"                           (a row's capacity column wins over it)\n"
	"      --start DATE         first due date (default: as-of + [plan] first_after_days)\n"
	"      --every P            1m (default), 2w, 1w or 3m\n"
	"      --defer DAYS         move the first due date, and the plan, DAYS later\n"
	"      --rate ANNUAL%       interest a year, in percent (default: none)\n"
	"      --settle PCT         add a one-off settlement of the debt less PCT percent\n"
	"      --format F           csv (default) or table\n";

enum fmt { FMT_CSV, FMT_TABLE };
enum {
	OPT_AMOUNT = 300,
	OPT_CURRENCY,
	OPT_CUSTOMER,
	OPT_OF,
	OPT_MAX_PER_PERIOD,
	OPT_START,
	OPT_EVERY,
	OPT_DEFER,
	OPT_RATE,
	OPT_SETTLE,
	OPT_FORMAT
};

struct plan_opts {
	const char *amount, *currency, *customer, *of, *max_pp_text;
	long installments;     /* 0 when not given */
	int has_max_pp;
	dn_decimal max_pp;     /* --max-per-period in major units */
	int has_start;
	dn_date start;
	dn_period every;
	long defer;
	dn_decimal rate;
	int has_settle;
	dn_decimal settle;
	enum fmt format;
};

static const struct option long_opts[] = {
	{"amount", required_argument, NULL, OPT_AMOUNT},
	{"currency", required_argument, NULL, OPT_CURRENCY},
	{"customer", required_argument, NULL, OPT_CUSTOMER},
	{"of", required_argument, NULL, OPT_OF},
	{"installments", required_argument, NULL, 'n'},
	{"max-per-period", required_argument, NULL, OPT_MAX_PER_PERIOD},
	{"start", required_argument, NULL, OPT_START},
	{"every", required_argument, NULL, OPT_EVERY},
	{"defer", required_argument, NULL, OPT_DEFER},
	{"rate", required_argument, NULL, OPT_RATE},
	{"settle", required_argument, NULL, OPT_SETTLE},
	{"format", required_argument, NULL, OPT_FORMAT},
	{NULL, 0, NULL, 0},
};

/* A percentage: an exact decimal, with or without a final '%'. */
static int parse_percent(const char *arg, dn_decimal *out)
{
	size_t n = strlen(arg);
	dn_error ignored;

	if (n > 0 && arg[n - 1] == '%')
		n--;
	if (n == 0 || arg[0] == '+' || arg[0] == '-')
		return -1;
	return dn_decimal_parse(arg, n, out, &ignored) == 0 ? 0 : -1;
}

static int on_option(int code, const char *arg, void *ctx, dn_error *e)
{
	struct plan_opts *o = ctx;
	dn_error ignored;

	switch (code) {
	case OPT_AMOUNT:
		o->amount = arg;
		return 0;
	case OPT_CURRENCY:
		o->currency = arg;
		return 0;
	case OPT_CUSTOMER:
		o->customer = arg;
		return 0;
	case OPT_OF:
		if (!dn_option_choice(arg, "balance|overdue"))
			return dn_option_error(e, "--of", "expected one of balance|overdue", arg);
		o->of = arg;
		return 0;
	case 'n':
		return dn_option_long("--installments", arg, 1, DN_PLAN_MAX_INSTALLMENTS,
				      &o->installments, e);
	case OPT_MAX_PER_PERIOD:
		if (arg[0] == '+' || dn_decimal_parse(arg, strlen(arg), &o->max_pp, &ignored) != 0 ||
		    o->max_pp.num <= 0)
			return dn_option_error(e, "--max-per-period", "not a positive amount", arg);
		o->has_max_pp = 1;
		o->max_pp_text = arg;
		return 0;
	case OPT_START:
		o->has_start = 1;
		return dn_option_date("--start", arg, &o->start, e);
	case OPT_EVERY:
		if (dn_period_parse(arg, &o->every) != 0)
			return dn_option_error(e, "--every", "expected one of 1m|2w|1w|3m", arg);
		return 0;
	case OPT_DEFER:
		return dn_option_long("--defer", arg, 0, DN_PLAN_MAX_DEFER_DAYS, &o->defer, e);
	case OPT_RATE:
		if (parse_percent(arg, &o->rate) != 0)
			return dn_option_error(e, "--rate", "not a rate (a percentage, 0 or more)", arg);
		return 0;
	case OPT_SETTLE:
		if (parse_percent(arg, &o->settle) != 0 ||
		    o->settle.num >= 100 * dn_pow10(o->settle.scale))
			return dn_option_error(e, "--settle", "not a percentage from 0 to below 100", arg);
		o->has_settle = 1;
		return 0;
	case OPT_FORMAT:
		if (!dn_option_choice(arg, "csv|table"))
			return dn_option_error(e, "--format", "expected one of csv|table", arg);
		o->format = arg[0] == 'c' ? FMT_CSV : FMT_TABLE;
		return 0;
	default:
		return -1;
	}
}

/* Everything one run needs. */
struct run {
	struct plan_opts o;
	dn_common common;
	dn_config *cfg;
	dn_csv_reader *rd;
	dn_rejects *rej;
	dn_csv_writer *w;
	dn_plan plan;
	dn_date start; /* --start, or as-of + first_after_days */
	int col_customer, col_currency, col_amount, col_capacity;
	int col_priority; /* prioritize's column, or -1 */
	long plans;    /* plans written, for the blank line between tables */
	int header_done;
};

/* Print the diagnostic of e; returns its exit status. */
static int report(const dn_error *e)
{
	char buf[1280];

	fputs(dn_diagnostic("plan", e, buf, sizeof buf), stderr);
	return e->status;
}

/* Checks between options, before anything is read. */
static int check_options(const struct run *r, int argc, int first, dn_error *e)
{
	const struct plan_opts *o = &r->o;

	if (o->installments > 0 && o->has_max_pp)
		return dn_option_error(e, "--max-per-period", "not with --installments", NULL);
	if (o->amount != NULL) {
		if (first < argc)
			return dn_option_error(e, "--amount", "no FILE operand with --amount", NULL);
		if (o->of != NULL)
			return dn_option_error(e, "--of", "only when reading rows (not with --amount)",
					 NULL);
		if (r->common.rejects != NULL)
			return dn_option_error(e, "--rejects",
					 "only when reading rows (not with --amount)", NULL);
		if (o->installments == 0 && !o->has_max_pp)
			return dn_option_error(e, "--amount",
					 "give --installments or --max-per-period", NULL);
		return 0;
	}
	if (o->currency != NULL)
		return dn_option_error(e, "--currency", "only with --amount", NULL);
	if (o->customer != NULL)
		return dn_option_error(e, "--customer", "only with --amount", NULL);
	return 0;
}

/* ---- output ---- */

static const char *const out_cols[] = {"customer", "currency",  "installment", "due_date",
				       "amount",   "principal", "interest",    "remaining"};

/* The CSV header, once: in row mode before any row, with --amount only
 * when the plan could be made. */
static void put_header(struct run *r)
{
	size_t i;

	if (r->o.format != FMT_CSV || r->header_done)
		return;
	for (i = 0; i < sizeof out_cols / sizeof out_cols[0]; i++)
		dn_csv_put_str(r->w, out_cols[i]);
	dn_csv_end_row(r->w);
	r->header_done = 1;
}

static void put_csv_row(struct run *r, const char *cust, size_t cust_len, const char *cur,
			int decimals, const dn_plan_row *row)
{
	char buf[DN_MONEY_BUFSZ], date[11];

	dn_csv_put(r->w, cust, cust_len);
	dn_csv_put_str(r->w, cur);
	if (row->installment == 0) {
		dn_csv_put_str(r->w, "settlement");
	} else {
		dn_format_int(row->installment, buf);
		dn_csv_put_str(r->w, buf);
	}
	dn_date_format(row->due, date);
	dn_csv_put_str(r->w, date);
	dn_money_format(row->amount, decimals, buf);
	dn_csv_put_str(r->w, buf);
	dn_money_format(row->principal, decimals, buf);
	dn_csv_put_str(r->w, buf);
	dn_money_format(row->interest, decimals, buf);
	dn_csv_put_str(r->w, buf);
	dn_money_format(row->remaining, decimals, buf);
	dn_csv_put_str(r->w, buf);
	dn_csv_end_row(r->w);
}

static void put_csv(struct run *r, const char *cust, size_t cust_len, const char *cur,
		    int decimals)
{
	size_t i;

	put_header(r);
	for (i = 0; i < r->plan.n; i++)
		put_csv_row(r, cust, cust_len, cur, decimals, &r->plan.rows[i]);
	if (r->plan.has_settlement)
		put_csv_row(r, cust, cust_len, cur, decimals, &r->plan.settlement);
}

/* A decimal as written: 12, 14.76. */
static void decimal_text(dn_decimal d, char *buf, size_t size)
{
	int64_t p = dn_pow10(d.scale);

	if (d.scale == 0)
		snprintf(buf, size, "%lld", (long long)d.num);
	else
		snprintf(buf, size, "%lld.%0*lld", (long long)(d.num / p), d.scale,
			 (long long)(d.num % p));
}

static const char *period_words(dn_period p)
{
	switch (p) {
	case DN_PERIOD_1M:
		return "every month";
	case DN_PERIOD_2W:
		return "every 2 weeks";
	case DN_PERIOD_1W:
		return "every week";
	case DN_PERIOD_3M:
		return "every 3 months";
	}
	return "";
}

/* The customer for a line of text: control bytes become spaces. */
static void print_name(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		putchar((unsigned char)s[i] < 0x20 || s[i] == 0x7f ? ' ' : s[i]);
}

static int put_table(struct run *r, const char *cust, size_t cust_len, const char *cur,
		     int decimals, dn_error *e)
{
	const dn_plan *p = &r->plan;
	char cells[6][DN_MONEY_BUFSZ], rate[48], money[DN_MONEY_BUFSZ], money2[DN_MONEY_BUFSZ];
	const char *ptrs[6];
	dn_table *t = dn_table_new(6);
	size_t i, k;

	if (t == NULL)
		return dn_error_set(e, DN_EX_SOFTWARE, "out of memory");
	if (r->plans++ > 0)
		putchar('\n');
	fputs(cust_len > 0 || r->o.customer != NULL ? "Payment plan for " : "Payment plan", stdout);
	print_name(cust, cust_len);
	dn_money_format_grouped(p->principal, decimals, ' ', money);
	printf(": %s %s in %zu installment%s, %s from %s", money, cur, p->n, p->n == 1 ? "" : "s",
	       period_words(r->o.every), (dn_date_format(p->first_due, cells[0]), cells[0]));
	if (r->o.defer > 0) {
		dn_date_format(r->start, cells[0]);
		printf(" (start %s, deferred %ld day%s)", cells[0], r->o.defer,
		       r->o.defer == 1 ? "" : "s");
	}
	printf(".\n");
	if (r->o.rate.num == 0) {
		printf("No interest.\n");
	} else {
		decimal_text(r->o.rate, rate, sizeof rate);
		dn_money_format_grouped(p->total_interest, decimals, ' ', money);
		printf("Interest: %s%% a year, %s %s in all.\n", rate, money, cur);
	}
	for (k = 0; k < 6; k++)
		ptrs[k] = cells[k];
	for (k = 0; k < 6; k++)
		if (k != 1)
			dn_table_align_right(t, k);
	{
		const char *head[6] = {"installment", "due date", "amount",
				       "principal",   "interest", "remaining"};
		dn_table_add(t, head);
	}
	for (i = 0; i < p->n; i++) {
		const dn_plan_row *row = &p->rows[i];
		snprintf(cells[0], sizeof cells[0], "%d", row->installment);
		dn_date_format(row->due, cells[1]);
		dn_money_format_grouped(row->amount, decimals, ' ', cells[2]);
		dn_money_format_grouped(row->principal, decimals, ' ', cells[3]);
		dn_money_format_grouped(row->interest, decimals, ' ', cells[4]);
		dn_money_format_grouped(row->remaining, decimals, ' ', cells[5]);
		if (dn_table_add(t, ptrs) != 0) {
			dn_table_free(t);
			return dn_error_set(e, DN_EX_SOFTWARE, "out of memory");
		}
	}
	dn_table_rule(t);
	snprintf(cells[0], sizeof cells[0], "total");
	cells[1][0] = '\0';
	dn_money_format_grouped(p->total_amount, decimals, ' ', cells[2]);
	dn_money_format_grouped(p->principal, decimals, ' ', cells[3]);
	dn_money_format_grouped(p->total_interest, decimals, ' ', cells[4]);
	cells[5][0] = '\0';
	dn_table_add(t, ptrs);
	dn_table_print(t, stdout);
	dn_table_free(t);
	if (p->has_settlement) {
		decimal_text(r->o.settle, rate, sizeof rate);
		dn_money_format_grouped(p->settlement.amount, decimals, ' ', money);
		dn_money_format_grouped(p->settle_discount, decimals, ' ', money2);
		dn_date_format(p->settlement.due, cells[0]);
		printf("Or one payment of %s %s by %s: %s%% off, %s %s less.\n", money, cur, cells[0],
		       rate, money2, cur);
	}
	return 0;
}

/* Plan one debt and write it.  Errors come back in e (no where yet). */
static int plan_one(struct run *r, const char *cust, size_t cust_len, int has_cust,
		    const char *cur, int decimals, int64_t principal, int installments,
		    int64_t max_pp, dn_error *e)
{
	dn_plan_request rq;
	int rc;

	dn_plan_request_init(&rq);
	if (has_cust) {
		rq.customer = cust;
		rq.customer_len = cust_len;
	}
	rq.principal = principal;
	rq.decimals = decimals;
	rq.installments = installments;
	rq.max_per_period = max_pp;
	rq.start = r->start;
	rq.every = r->o.every;
	rq.defer_days = r->o.defer;
	rq.annual_rate = r->o.rate;
	rq.settle = r->o.has_settle;
	rq.settle_pct = r->o.settle;
	if ((rc = dn_plan_limits_load(r->cfg, cur, decimals, &rq.limits, e)) != 0)
		return rc;
	if ((rc = dn_plan_make(&rq, &r->plan, e)) != 0)
		return rc;
	if (r->o.format == FMT_TABLE)
		return put_table(r, cust, cust_len, cur, decimals, e);
	put_csv(r, cust, cust_len, cur, decimals);
	return 0;
}

/* ---- one debt from the options ---- */

static int run_amount(struct run *r, dn_error *e)
{
	const char *cur = r->o.currency ? r->o.currency : dn_config_currency(r->cfg);
	const char *cust = r->o.customer ? r->o.customer : "";
	int decimals = dn_currencies_decimals(dn_config_currencies(r->cfg), cur, strlen(cur));
	char code[4];
	int64_t principal = 0, max_pp = 0;
	size_t i;

	if (decimals < 0)
		return dn_option_error(e, "--currency", "unknown currency", cur);
	for (i = 0; i < 3; i++)
		code[i] = (char)(cur[i] >= 'a' && cur[i] <= 'z' ? cur[i] - 'a' + 'A' : cur[i]);
	code[3] = '\0';
	if (dn_money_parse(r->o.amount, strlen(r->o.amount), decimals, NULL, &principal, e) != 0) {
		dn_error_subject(e, "option", "--amount");
		dn_error_value(e, r->o.amount, strlen(r->o.amount));
		e->status = DN_EX_USAGE;
		return DN_EX_USAGE;
	}
	if (r->o.has_max_pp && dn_decimal_to_units(r->o.max_pp, decimals, &max_pp) != 0) {
		char msg[64];
		snprintf(msg, sizeof msg, "too many decimals for %s", code);
		return dn_option_error(e, "--max-per-period", msg, r->o.max_pp_text);
	}
	return plan_one(r, cust, strlen(cust), r->o.customer != NULL, code, decimals, principal,
			(int)r->o.installments, max_pp, e);
}

/* ---- one plan per row ---- */

static int row_error(dn_error *e, const dn_row *row, const char *col, const char *v,
		     size_t len)
{
	dn_error_where(e, row->file, row->line);
	if (col != NULL)
		dn_error_subject(e, "column", col);
	if (v != NULL)
		dn_error_value(e, v, len);
	e->status = DN_EX_DATAERR;
	return DN_EX_DATAERR;
}

static int plan_row(struct run *r, const dn_row *row, dn_error *e)
{
	const dn_input_format *in = dn_config_input(r->cfg);
	const char *cur = dn_config_currency(r->cfg), *cust = row->v[r->col_customer];
	size_t cur_len = strlen(cur), cust_len = row->len[r->col_customer], i;
	int64_t principal = 0, max_pp = 0;
	char code[4];
	int decimals, rc;

	if (r->col_currency >= 0 && row->len[r->col_currency] > 0) {
		cur = row->v[r->col_currency];
		cur_len = row->len[r->col_currency];
	}
	decimals = dn_currencies_decimals(dn_config_currencies(r->cfg), cur, cur_len);
	if (decimals < 0) {
		dn_error_set(e, DN_EX_DATAERR, "unknown currency");
		return row_error(e, row, dn_config_column(r->cfg, "currency"), cur, cur_len);
	}
	for (i = 0; i < 3; i++)
		code[i] = (char)(cur[i] >= 'a' && cur[i] <= 'z' ? cur[i] - 'a' + 'A' : cur[i]);
	code[3] = '\0';
	if (dn_money_parse(row->v[r->col_amount], row->len[r->col_amount], decimals, &in->number,
			   &principal, e) != 0)
		return row_error(e, row, dn_config_column(r->cfg, r->o.of), row->v[r->col_amount],
				 row->len[r->col_amount]);
	if (r->o.installments == 0) {
		/* The row's capacity, else --max-per-period. */
		if (r->col_capacity >= 0 && row->len[r->col_capacity] > 0) {
			if (dn_money_parse(row->v[r->col_capacity], row->len[r->col_capacity],
					   decimals, &in->number, &max_pp, e) != 0)
				return row_error(e, row, dn_config_column(r->cfg, "capacity"),
						 row->v[r->col_capacity], row->len[r->col_capacity]);
		} else if (r->o.has_max_pp) {
			if (dn_decimal_to_units(r->o.max_pp, decimals, &max_pp) != 0) {
				dn_error_set(e, DN_EX_DATAERR, "too many decimals for %s", code);
				dn_error_where(e, row->file, row->line);
				dn_error_subject(e, "option", "--max-per-period");
				dn_error_value(e, r->o.max_pp_text, strlen(r->o.max_pp_text));
				return DN_EX_DATAERR;
			}
		} else {
			dn_error_set(e, DN_EX_DATAERR,
				     "empty, and neither --installments nor --max-per-period");
			return row_error(e, row, dn_config_column(r->cfg, "capacity"), NULL, 0);
		}
	}
	rc = plan_one(r, cust, cust_len, 1, code, decimals, principal, (int)r->o.installments,
		      max_pp, e);
	if (rc == DN_EX_DATAERR || rc == DN_EX_USAGE) {
		dn_error_where(e, row->file, row->line);
		e->status = rc = DN_EX_DATAERR;
	}
	return rc;
}

static int missing_column(const struct run *r, const char *name, const char *hint,
			  dn_error *e)
{
	const dn_row *h = dn_csv_header(r->rd);

	dn_error_set(e, DN_EX_DATAERR, "missing column%s", hint);
	dn_error_where(e, h->file, h->line);
	dn_error_subject(e, "column", name);
	return DN_EX_DATAERR;
}

static int run_rows(struct run *r, int argc, char **argv, int first, dn_error *e)
{
	const dn_input_format *in = dn_config_input(r->cfg);
	const char *of = dn_config_column(r->cfg, r->o.of);
	dn_row row;
	int rc;

	r->rd = dn_csv_reader_new((const char *const *)argv + first, (size_t)(argc - first),
				  in->delimiter, e);
	if (r->rd == NULL)
		return e->status;
	r->col_customer = dn_csv_find(r->rd, dn_config_column(r->cfg, "customer"));
	r->col_currency = dn_csv_find(r->rd, dn_config_column(r->cfg, "currency"));
	r->col_amount = dn_csv_find(r->rd, of);
	r->col_capacity = dn_csv_find(r->rd, dn_config_column(r->cfg, "capacity"));
	r->col_priority = dn_csv_find(r->rd, "priority");
	if (r->o.installments == 0 && !r->o.has_max_pp && r->col_capacity < 0) {
		const dn_row *h = dn_csv_header(r->rd);
		dn_option_error(e, "--installments",
			  "give --installments or --max-per-period (no capacity column)", NULL);
		dn_error_where(e, h->file, h->line);
		return DN_EX_USAGE;
	}
	if (r->col_customer < 0)
		return missing_column(r, dn_config_column(r->cfg, "customer"), "", e);
	if (r->col_amount < 0)
		return missing_column(r, of, " (--of names the amount column: balance or overdue)",
				      e);
	if (r->common.rejects != NULL &&
	    (r->rej = dn_rejects_open(r->common.rejects, r->rd, e)) == NULL)
		return e->status;
	put_header(r);
	while ((rc = dn_next_row(r->rd, r->rej, &row, e)) == 1) {
		/* prioritize's held customers (dispute, promise, plan, block...)
		 * get no plan proposed: a documented filter. */
		if (r->col_priority >= 0 && row.len[r->col_priority] == 4 &&
		    memcmp(row.v[r->col_priority], "hold", 4) == 0)
			continue;
		if ((rc = plan_row(r, &row, e)) != 0) {
			if (rc != DN_EX_DATAERR || dn_reject(r->rej, &row, e) != 0)
				return e->status;
		}
	}
	return rc < 0 ? e->status : 0;
}

/* ---- set-up and end ---- */

static int finish(struct run *r, int rc)
{
	if (r->w != NULL && dn_csv_flush(r->w) != 0 && rc == 0)
		rc = DN_EX_IOERR; /* dn_finish_run says why when it closes stdout */
	dn_csv_writer_free(r->w);
	r->w = NULL;
	rc = dn_finish_run(r->rej, rc, report);
	r->rej = NULL;
	return rc;
}

static const dn_tool tool = {"plan", usage, long_opts, "n:", on_option, 0};

int main(int argc, char **argv)
{
	struct run r;
	dn_error e;
	int first, rc;

	memset(&r, 0, sizeof r);
	dn_error_clear(&e);
	dn_plan_init(&r.plan, NULL, 0);
	r.o.of = NULL;
	r.o.every = DN_PERIOD_1M;
	first = dn_options_start(&tool, argc, argv, &r.o, &r.common, &e);
	if (first <= 0)
		return first == 0 ? 0 : report(&e);
	if (check_options(&r, argc, first, &e) != 0)
		return report(&e);
	if (r.o.of == NULL)
		r.o.of = "overdue";
	if ((r.cfg = dn_config_load(r.common.config, &e)) == NULL)
		return report(&e);
	rc = 0;
	if (r.o.has_start)
		r.start = r.o.start;
	else
		rc = dn_plan_default_start(r.cfg, r.common.as_of, &r.start, &e);
	if (rc == 0 && (r.w = dn_csv_writer_new(stdout, dn_config_input(r.cfg)->delimiter,
						 r.common.excel_safe)) == NULL)
		rc = dn_error_set(&e, DN_EX_SOFTWARE, "out of memory");
	if (rc == 0)
		rc = r.o.amount != NULL ? run_amount(&r, &e) : run_rows(&r, argc, argv, first, &e);
	if (rc != 0)
		report(&e);
	rc = finish(&r, rc);
	dn_plan_release(&r.plan);
	dn_csv_reader_free(r.rd);
	dn_config_free(r.cfg);
	return rc;
}
