/* plan - a payment plan the debtor can keep.
 *
 * One debt from the command line (--amount), or one plan per customer row
 * read from stdin or FILEs (prioritize's output, for instance).  The
 * arithmetic is libdunning's (plan.h), and so are the readers and checks
 * of the options (planopt.h); this file is the table, the runs and main.
 */
#include <stdio.h>

#include "dunning.h"

static const char usage[] =
	"usage: plan --amount AMOUNT [--currency CUR] [--customer C] (--installments N |\n"
	"            --max-per-period AMOUNT) [options]\n"
	"       plan [--of balance|overdue] [options] [FILE ...]\n"
	"Propose a payment plan for one debt, or one per customer row (CSV on stdin or FILEs).\n";

static const dn_optspec options[] = {
	DN_TEXT("amount", 0, DN_OPT_TEXT, dn_plan_opts, amount, "AMOUNT",
		"the debt to plan (else rows are read)"),
	DN_TEXT("currency", 0, DN_OPT_TEXT, dn_plan_opts, currency, "CUR",
		"its currency (default: [general] currency)"),
	DN_TEXT("customer", 0, DN_OPT_TEXT, dn_plan_opts, customer, "C",
		"its customer, for the output and messages"),
	DN_PICK_G("of", dn_plan_opts, of, "balance|overdue", DN_PLAN_OF_BALANCE, of_given, "COLUMN",
		  "balance or overdue (default): the amount column of rows"),
	DN_LONG("installments", 'n', dn_plan_opts, installments, 1, DN_PLAN_MAX_INSTALLMENTS,
		"N", "number of installments (1 to 1200)"),
	DN_CALL("max-per-period", dn_plan_opt_max_pp, "AMOUNT",
		"the fewest installments of at most AMOUNT each\n"
		"(a row's capacity column wins over it)"),
	DN_TEXT_G("start", 0, DN_OPT_DATE, dn_plan_opts, rq.start, has_start, "DATE",
		  "first due date (default: as-of + [plan] first_after_days)"),
	DN_CALL("every", dn_plan_opt_every, "P", "1m (default), 2w, 1w or 3m"),
	DN_LONG("defer", 0, dn_plan_opts, rq.defer_days, 0, DN_PLAN_MAX_DEFER_DAYS, "DAYS",
		"move the first due date, and the plan, DAYS later"),
	DN_CALL("rate", dn_plan_opt_rate, "ANNUAL%", "interest a year, in percent (default: none)"),
	DN_CALL("settle", dn_plan_opt_settle, "PCT",
		"add a one-off settlement of the debt less PCT percent"),
	DN_PICK("format", dn_plan_opts, format, "csv|table", DN_OUT_CSV, "F",
		"csv (default) or table"),
	DN_END,
};

struct plan_run {
	dn_plan_opts o;
	dn_plan plan;
	dn_plan_source src;
	dn_plan_writer w;
};

/* Plan one debt and write it.  Errors come back in e (no where yet). */
static int plan_one(dn_run *r, struct plan_run *p, const dn_plan_debt *d, int named,
		    int64_t max_pp, dn_error *e)
{
	dn_plan_request rq;
	int rc;

	if ((rc = dn_plan_opts_request(&p->o, r->cfg, d, named, max_pp, &rq, e)) != 0)
		return rc;
	if ((rc = dn_plan_make(&rq, &p->plan, e)) != 0)
		return rc;
	return dn_plan_writer_put(&p->w, &p->plan, &rq, d, named, e);
}

/* ---- one debt from the options ---- */

static int run_amount(dn_run *r, struct plan_run *p)
{
	dn_plan_debt d;
	int64_t max_pp;
	int rc = dn_plan_opts_debt(&p->o, r->cfg, &d, &max_pp, &r->e);

	if (rc != 0)
		return rc;
	return plan_one(r, p, &d, p->o.customer != NULL, max_pp, &r->e);
}

/* ---- one plan per row ---- */

static int on_row(dn_run *r, void *ctx, const dn_row *row, dn_error *e)
{
	struct plan_run *p = ctx;
	dn_plan_debt d;
	int64_t max_pp;
	int rc = dn_plan_source_read(&p->src, row, &d, e);

	if (rc != 0)
		return rc == DN_PLAN_HELD ? 0 : rc;
	if ((rc = dn_plan_opts_row_max_pp(&p->o, r->cfg, &d, &max_pp, e)) != 0)
		return rc;
	return dn_plan_row_status(plan_one(r, p, &d, 1, max_pp, e), &d, row, e);
}

static int run_rows(dn_run *r, struct plan_run *p)
{
	int of_balance = p->o.of == DN_PLAN_OF_BALANCE;

	if (dn_run_open_rows(r, dn_config_input(r->cfg)->delimiter) != 0 ||
	    dn_plan_source_init(&p->src, r->rd, r->cfg, of_balance, &r->e) != 0 ||
	    dn_plan_opts_check_rows(&p->o, &p->src, r->rd, &r->e) != 0 ||
	    dn_plan_writer_start(&p->w, &r->e) != 0)
		return r->e.status;
	return dn_run_rows(r, on_row, p);
}

/* The one writer to stderr, handed to the run (libdunning never prints). */
static void say(const char *text)
{
	fputs(text, stderr);
}

static const dn_tool tool = {.name = "plan", .usage = usage, .spec = options,
			     .check = dn_plan_opts_check};

int main(int argc, char **argv)
{
	struct plan_run p = {0};
	dn_run r;
	int rc;

	dn_plan_opts_init(&p.o);
	if ((rc = dn_run_start(&r, &tool, argc, argv, &p.o, say)) <= 0)
		return rc == 0 ? 0 : dn_run_finish(&r, r.e.status);
	dn_plan_init(&p.plan, NULL, 0);
	dn_plan_writer_init(&p.w, stdout, p.o.format, r.cfg, r.common.excel_safe, r.common.as_of);
	rc = dn_plan_opts_start(&p.o, r.cfg, r.common.as_of, &r.e);
	if (rc == 0)
		rc = p.o.amount != NULL ? run_amount(&r, &p) : run_rows(&r, &p);
	if (dn_plan_writer_close(&p.w, 1, &r.e) != 0 && rc == 0)
		rc = r.e.status;
	dn_plan_release(&p.plan);
	return dn_run_finish(&r, rc);
}
