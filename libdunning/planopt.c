/* planopt.c - plan's options read, checked and made into requests. */
#include "planopt.h"

#include <stdio.h>
#include <string.h>

void dn_plan_opts_init(dn_plan_opts *o)
{
	memset(o, 0, sizeof *o);
	o->of = DN_PLAN_OF_OVERDUE;
	dn_plan_request_init(&o->rq);
}

int dn_plan_opt_max_pp(const char *opt, const char *arg, void *opts, dn_error *e)
{
	dn_plan_opts *o = opts;
	dn_error ignored;

	if (arg[0] == '+' || dn_decimal_parse(arg, strlen(arg), &o->max_pp, &ignored) != 0 ||
	    o->max_pp.num <= 0)
		return dn_option_error(e, opt, "not a positive amount", arg);
	o->has_max_pp = 1;
	o->max_pp_text = arg;
	return 0;
}

int dn_plan_opt_every(const char *opt, const char *arg, void *opts, dn_error *e)
{
	if (dn_period_parse(arg, &((dn_plan_opts *)opts)->rq.every) != 0)
		return dn_option_error(e, opt, "expected one of 1m|2w|1w|3m", arg);
	return 0;
}

int dn_plan_opt_rate(const char *opt, const char *arg, void *opts, dn_error *e)
{
	if (dn_percent_parse(arg, &((dn_plan_opts *)opts)->rq.annual_rate) != 0)
		return dn_option_error(e, opt, "not a rate (a percentage, 0 or more)", arg);
	return 0;
}

int dn_plan_opt_settle(const char *opt, const char *arg, void *opts, dn_error *e)
{
	dn_plan_opts *o = opts;

	if (dn_percent_parse(arg, &o->rq.settle_pct) != 0 ||
	    o->rq.settle_pct.num >= 100 * dn_pow10(o->rq.settle_pct.scale))
		return dn_option_error(e, opt, "not a percentage from 0 to below 100", arg);
	o->rq.settle = 1;
	return 0;
}

int dn_plan_opts_check(const void *opts, const dn_common *c, int noperands, dn_error *e)
{
	const dn_plan_opts *o = opts;

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
		return dn_option_error(e, "--of", "only when reading rows (not with --amount)",
				       NULL);
	if (c->rejects != NULL)
		return dn_option_error(e, "--rejects", "only when reading rows (not with --amount)",
				       NULL);
	if (o->installments == 0 && !o->has_max_pp)
		return dn_option_error(e, "--amount", "give --installments or --max-per-period",
				       NULL);
	return 0;
}

int dn_plan_opts_start(dn_plan_opts *o, const dn_config *cfg, dn_date as_of, dn_error *e)
{
	if (o->has_start)
		return 0;
	return dn_plan_default_start(cfg, as_of, &o->rq.start, e);
}

int dn_plan_opts_max_pp(const dn_plan_opts *o, const dn_plan_debt *d, int64_t *out,
			dn_error *e)
{
	char msg[64];

	*out = 0;
	if (!o->has_max_pp || dn_decimal_to_units(o->max_pp, d->decimals, out) == 0)
		return 0;
	snprintf(msg, sizeof msg, "too many decimals for %s", d->currency);
	return dn_option_error(e, "--max-per-period", msg, o->max_pp_text);
}

int dn_plan_opts_debt(const dn_plan_opts *o, const dn_config *cfg, dn_plan_debt *d,
		      int64_t *max_pp, dn_error *e)
{
	const char *cur = o->currency ? o->currency : dn_config_currency(cfg);

	memset(d, 0, sizeof *d);
	d->customer = o->customer ? o->customer : "";
	d->customer_len = strlen(d->customer);
	d->decimals = dn_currency_lookup(dn_config_currencies(cfg), cur, strlen(cur), d->currency);
	if (d->decimals < 0)
		return dn_option_error(e, "--currency", "unknown currency", cur);
	/* Read like the data: canonical, or the [input] number format. */
	if (dn_option_money("--amount", o->amount, cfg, d->decimals, &d->principal, e) != 0)
		return DN_EX_USAGE;
	if (dn_plan_opts_max_pp(o, d, max_pp, e) != 0)
		return DN_EX_USAGE;
	return 0;
}

int dn_plan_opts_row_max_pp(const dn_plan_opts *o, const dn_config *cfg, const dn_plan_debt *d,
			    int64_t *out, dn_error *e)
{
	*out = 0;
	if (o->installments != 0)
		return 0;
	/* The row's capacity, else --max-per-period. */
	if (d->has_capacity) {
		*out = d->capacity;
		return 0;
	}
	if (!o->has_max_pp) {
		dn_error_set(e, DN_EX_DATAERR,
			     "empty, and neither --installments nor --max-per-period");
		dn_error_subject(e, "column", dn_config_column(cfg, "capacity"));
		return DN_EX_DATAERR;
	}
	if (dn_plan_opts_max_pp(o, d, out, e) != 0)
		return e->status = DN_EX_DATAERR;
	return 0;
}

int dn_plan_opts_check_rows(const dn_plan_opts *o, const dn_plan_source *src,
			    const dn_csv_reader *rd, dn_error *e)
{
	const dn_row *h;

	if (o->installments != 0 || o->has_max_pp || src->col_capacity >= 0)
		return 0;
	h = dn_csv_header(rd);
	dn_option_error(e, "--installments",
			"give --installments or --max-per-period (no capacity column)", NULL);
	dn_error_where(e, h->file, h->line);
	return DN_EX_USAGE;
}

int dn_plan_opts_request(const dn_plan_opts *o, const dn_config *cfg, const dn_plan_debt *d,
			 int named, int64_t max_pp, dn_plan_request *rq, dn_error *e)
{
	*rq = o->rq;
	rq->customer = named ? d->customer : NULL;
	rq->customer_len = named ? d->customer_len : 0;
	rq->principal = d->principal;
	rq->decimals = d->decimals;
	rq->installments = (int)o->installments;
	rq->max_per_period = max_pp;
	return dn_plan_limits_load(cfg, d->currency, d->decimals, &rq->limits, e);
}
