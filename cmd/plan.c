/* plan - a payment plan the debtor can keep.
 *
 * One debt from the command line (--amount), or one plan per customer row
 * read from stdin or FILEs (prioritize's output, for instance).  The
 * arithmetic is libdunning's (plan.h); this file reads, checks and writes.
 */
#include <stdio.h>
#include <string.h>

#include "dunning.h"

enum { OF_BALANCE, OF_OVERDUE };

struct plan_opts {
	const char *amount, *currency, *customer, *max_pp_text;
	int of, of_given;      /* OF_OVERDUE unless --of balance */
	long installments;     /* 0 when not given */
	int has_max_pp;
	dn_decimal max_pp;     /* --max-per-period in major units */
	int has_start;
	dn_plan_request rq;    /* every, defer, rate, settlement, start: the
				  request every plan starts from */
	dn_out_format format;
};

static const char usage[] =
	"usage: plan --amount AMOUNT [--currency CUR] [--customer C] (--installments N |\n"
	"            --max-per-period AMOUNT) [options]\n"
	"       plan [--of balance|overdue] [options] [FILE ...]\n"
	"Propose a payment plan for one debt, or one per customer row (CSV on stdin or FILEs).\n";

static int take_max_pp(const char *opt, const char *arg, void *opts, dn_error *e)
{
	struct plan_opts *o = opts;
	dn_error ignored;

	if (arg[0] == '+' || dn_decimal_parse(arg, strlen(arg), &o->max_pp, &ignored) != 0 ||
	    o->max_pp.num <= 0)
		return dn_option_error(e, opt, "not a positive amount", arg);
	o->has_max_pp = 1;
	o->max_pp_text = arg;
	return 0;
}

static int take_every(const char *opt, const char *arg, void *opts, dn_error *e)
{
	if (dn_period_parse(arg, &((struct plan_opts *)opts)->rq.every) != 0)
		return dn_option_error(e, opt, "expected one of 1m|2w|1w|3m", arg);
	return 0;
}

static int take_rate(const char *opt, const char *arg, void *opts, dn_error *e)
{
	if (dn_percent_parse(arg, &((struct plan_opts *)opts)->rq.annual_rate) != 0)
		return dn_option_error(e, opt, "not a rate (a percentage, 0 or more)", arg);
	return 0;
}

static int take_settle(const char *opt, const char *arg, void *opts, dn_error *e)
{
	struct plan_opts *o = opts;

	if (dn_percent_parse(arg, &o->rq.settle_pct) != 0 ||
	    o->rq.settle_pct.num >= 100 * dn_pow10(o->rq.settle_pct.scale))
		return dn_option_error(e, opt, "not a percentage from 0 to below 100", arg);
	o->rq.settle = 1;
	return 0;
}

static const dn_optspec options[] = {
	DN_TEXT("amount", 0, DN_OPT_TEXT, struct plan_opts, amount, "AMOUNT",
		"the debt to plan (else rows are read)"),
	DN_TEXT("currency", 0, DN_OPT_TEXT, struct plan_opts, currency, "CUR",
		"its currency (default: [general] currency)"),
	DN_TEXT("customer", 0, DN_OPT_TEXT, struct plan_opts, customer, "C",
		"its customer, for the output and messages"),
	DN_PICK_G("of", struct plan_opts, of, "balance|overdue", OF_BALANCE, of_given, "COLUMN",
		  "balance or overdue (default): the amount column of rows"),
	DN_LONG("installments", 'n', struct plan_opts, installments, 1, DN_PLAN_MAX_INSTALLMENTS,
		"N", "number of installments (1 to 1200)"),
	DN_CALL("max-per-period", take_max_pp, "AMOUNT",
		"the fewest installments of at most AMOUNT each\n"
		"(a row's capacity column wins over it)"),
	DN_TEXT_G("start", 0, DN_OPT_DATE, struct plan_opts, rq.start, has_start, "DATE",
		  "first due date (default: as-of + [plan] first_after_days)"),
	DN_CALL("every", take_every, "P", "1m (default), 2w, 1w or 3m"),
	DN_LONG("defer", 0, struct plan_opts, rq.defer_days, 0, DN_PLAN_MAX_DEFER_DAYS, "DAYS",
		"move the first due date, and the plan, DAYS later"),
	DN_CALL("rate", take_rate, "ANNUAL%", "interest a year, in percent (default: none)"),
	DN_CALL("settle", take_settle, "PCT",
		"add a one-off settlement of the debt less PCT percent"),
	DN_PICK("format", struct plan_opts, format, "csv|table", DN_OUT_CSV, "F",
		"csv (default) or table"),
	DN_END,
};

struct plan_run {
	struct plan_opts o;
	dn_plan plan;
	dn_plan_source src;
	dn_plan_writer w;
};

/* Checks between options, before anything is read. */
static int check_options(const void *opts, const dn_common *c, int noperands, dn_error *e)
{
	const struct plan_opts *o = opts;

	if (o->installments > 0 && o->has_max_pp)
		return dn_option_error(e, "--max-per-period", "not with --installments", NULL);
	if (o->amount == NULL) {
		if (o->currency != NULL)
			return dn_option_error(e, "--currency", "only with --amount", NULL);
		if (o->customer != NULL)
			return dn_option_error(e, "--customer", "only with --amount", NULL);
		return 0;
	}
	if (noperands > 0)
		return dn_option_error(e, "--amount", "no FILE operand with --amount", NULL);
	if (o->of_given)
		return dn_option_error(e, "--of", "only when reading rows (not with --amount)", NULL);
	if (c->rejects != NULL)
		return dn_option_error(e, "--rejects", "only when reading rows (not with --amount)",
				       NULL);
	if (o->installments == 0 && !o->has_max_pp)
		return dn_option_error(e, "--amount", "give --installments or --max-per-period",
				       NULL);
	return 0;
}

/* Plan one debt and write it.  Errors come back in e (no where yet). */
static int plan_one(dn_run *r, struct plan_run *p, const dn_plan_debt *d, int named,
		    int64_t max_pp, dn_error *e)
{
	dn_plan_request rq = p->o.rq;
	int rc;

	rq.customer = named ? d->customer : NULL;
	rq.customer_len = named ? d->customer_len : 0;
	rq.principal = d->principal;
	rq.decimals = d->decimals;
	rq.installments = (int)p->o.installments;
	rq.max_per_period = max_pp;
	if ((rc = dn_plan_limits_load(r->cfg, d->currency, d->decimals, &rq.limits, e)) != 0)
		return rc;
	if ((rc = dn_plan_make(&rq, &p->plan, e)) != 0)
		return rc;
	return dn_plan_writer_put(&p->w, &p->plan, &rq, d, named, e);
}

/* --max-per-period in a currency's minor units. */
static int max_per_period(const struct plan_opts *o, const dn_plan_debt *d, int64_t *out,
			  dn_error *e)
{
	char msg[64];

	*out = 0;
	if (!o->has_max_pp || dn_decimal_to_units(o->max_pp, d->decimals, out) == 0)
		return 0;
	snprintf(msg, sizeof msg, "too many decimals for %s", d->currency);
	return dn_option_error(e, "--max-per-period", msg, o->max_pp_text);
}

/* ---- one debt from the options ---- */

static int run_amount(dn_run *r, struct plan_run *p)
{
	const char *cur = p->o.currency ? p->o.currency : dn_config_currency(r->cfg);
	dn_plan_debt d = {0};
	int64_t max_pp;

	d.customer = p->o.customer ? p->o.customer : "";
	d.customer_len = strlen(d.customer);
	d.decimals = dn_currency_lookup(dn_config_currencies(r->cfg), cur, strlen(cur), d.currency);
	if (d.decimals < 0)
		return dn_option_error(&r->e, "--currency", "unknown currency", cur);
	/* Read like the data: canonical, or the [input] number format. */
	if (dn_option_money("--amount", p->o.amount, r->cfg, d.decimals, &d.principal, &r->e) != 0)
		return DN_EX_USAGE;
	if (max_per_period(&p->o, &d, &max_pp, &r->e) != 0)
		return DN_EX_USAGE;
	return plan_one(r, p, &d, p->o.customer != NULL, max_pp, &r->e);
}

/* ---- one plan per row ---- */

static int on_row(dn_run *r, void *ctx, const dn_row *row, dn_error *e)
{
	struct plan_run *p = ctx;
	dn_plan_debt d;
	int64_t max_pp = 0;
	int rc = dn_plan_source_read(&p->src, row, &d, e);

	if (rc != 0)
		return rc == DN_PLAN_HELD ? 0 : rc;
	if (p->o.installments == 0) {
		/* The row's capacity, else --max-per-period. */
		if (d.has_capacity)
			max_pp = d.capacity;
		else if (!p->o.has_max_pp) {
			dn_error_set(e, DN_EX_DATAERR,
				     "empty, and neither --installments nor --max-per-period");
			dn_error_subject(e, "column", dn_config_column(r->cfg, "capacity"));
			return DN_EX_DATAERR;
		}
		else if (max_per_period(&p->o, &d, &max_pp, e) != 0)
			return e->status = DN_EX_DATAERR;
	}
	return dn_plan_row_status(plan_one(r, p, &d, 1, max_pp, e), &d, row, e);
}

static int run_rows(dn_run *r, struct plan_run *p)
{
	int rc = dn_run_open_rows(r, dn_config_input(r->cfg)->delimiter);

	if (rc != 0 ||
	    dn_plan_source_init(&p->src, r->rd, r->cfg, p->o.of == OF_BALANCE, &r->e) != 0)
		return r->e.status;
	if (p->o.installments == 0 && !p->o.has_max_pp && p->src.col_capacity < 0) {
		const dn_row *h = dn_csv_header(r->rd);
		dn_option_error(&r->e, "--installments",
				"give --installments or --max-per-period (no capacity column)",
				NULL);
		dn_error_where(&r->e, h->file, h->line);
		return DN_EX_USAGE;
	}
	if (dn_plan_writer_start(&p->w, &r->e) != 0)
		return r->e.status;
	return dn_run_rows(r, on_row, p);
}

/* The one writer to stderr, handed to the run (libdunning never prints). */
static void say(const char *text)
{
	fputs(text, stderr);
}

static const dn_tool tool = {.name = "plan", .usage = usage, .spec = options, .late_as_of = 1,
			     .check = check_options};

int main(int argc, char **argv)
{
	struct plan_run p = {.o = {.of = OF_OVERDUE}};
	dn_run r;
	int rc;

	dn_plan_request_init(&p.o.rq);
	if ((rc = dn_run_start(&r, &tool, argc, argv, &p.o, say)) <= 0)
		return rc == 0 ? 0 : dn_run_finish(&r, r.e.status);
	dn_plan_init(&p.plan, NULL, 0);
	dn_plan_writer_init(&p.w, stdout, p.o.format, r.cfg, r.common.excel_safe, r.common.as_of);
	rc = 0;
	if (!p.o.has_start)
		rc = dn_plan_default_start(r.cfg, r.common.as_of, &p.o.rq.start, &r.e);
	if (rc == 0)
		rc = p.o.amount != NULL ? run_amount(&r, &p) : run_rows(&r, &p);
	if (dn_plan_writer_close(&p.w, 1, &r.e) != 0 && rc == 0)
		rc = r.e.status;
	dn_plan_release(&p.plan);
	return dn_run_finish(&r, rc);
}
