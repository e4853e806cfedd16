/* planopt.h - plan's options: the values its table reads, the checks
 * between them, and the request and the debt they make.
 *
 * plan(1) plans one debt given on the command line (--amount, --currency,
 * --customer) or one per customer row; the number of installments is
 * --installments, else the row's capacity column, else --max-per-period.
 * The readers here are dn_optcall functions for plan's option table
 * (optspec.h); the table itself stays in cmd/plan.c.
 */
#ifndef DN_PLANOPT_H
#define DN_PLANOPT_H

#include <stdint.h>

#include "config.h"
#include "error.h"
#include "money.h"
#include "options.h"
#include "out.h"
#include "plan.h"
#include "planrow.h"

/* The --of choices, in this order ("balance|overdue"). */
typedef enum dn_plan_of { DN_PLAN_OF_BALANCE, DN_PLAN_OF_OVERDUE } dn_plan_of;

/* What plan's options say.  Strings are borrowed from argv. */
typedef struct dn_plan_opts {
	const char *amount, *currency, *customer, *max_pp_text;
	int of, of_given;      /* DN_PLAN_OF_OVERDUE unless --of balance */
	long installments;     /* 0 when not given */
	int has_max_pp;
	dn_decimal max_pp;     /* --max-per-period in major units */
	int has_start;
	dn_plan_request rq;    /* every, defer, rate, settlement, start: the
				  request every plan starts from */
	dn_out_format format;
} dn_plan_opts;

/* The defaults: --of overdue, rq as dn_plan_request_init, the rest 0. */
void dn_plan_opts_init(dn_plan_opts *o);

/* Option readers (dn_optcall, opts a dn_plan_opts): --max-per-period a
 * positive decimal, --every a period (1m|2w|1w|3m), --rate a percentage of
 * 0 or more, --settle a percentage below 100 (and a settlement asked).
 * 0, or DN_EX_USAGE with e naming opt and arg. */
int dn_plan_opt_max_pp(const char *opt, const char *arg, void *opts, dn_error *e);
int dn_plan_opt_every(const char *opt, const char *arg, void *opts, dn_error *e);
int dn_plan_opt_rate(const char *opt, const char *arg, void *opts, dn_error *e);
int dn_plan_opt_settle(const char *opt, const char *arg, void *opts, dn_error *e);

/* The checks between options before anything is read (dn_tool.check; opts
 * a dn_plan_opts): --installments or --max-per-period, --currency and
 * --customer only with --amount, --amount without FILE, --of or --rejects.
 * 0, or DN_EX_USAGE with e naming the option. */
int dn_plan_opts_check(const void *opts, const dn_common *c, int noperands, dn_error *e);

/* The first due date: --start, else as_of + [plan] first_after_days
 * (dn_plan_default_start) into o->rq.start.  0, or DN_EX_CONFIG. */
int dn_plan_opts_start(dn_plan_opts *o, const dn_config *cfg, dn_date as_of, dn_error *e);

/* --max-per-period in the minor units of d's currency into *out (0 when
 * not given).  0, or DN_EX_USAGE naming the option when it has more
 * decimals than the currency. */
int dn_plan_opts_max_pp(const dn_plan_opts *o, const dn_plan_debt *d, int64_t *out,
			dn_error *e);

/* The debt of --amount (o->amount set): --currency (else cfg's [general]
 * currency) and --customer (may be absent: ""; the strings are borrowed
 * from o), the amount read like the data, and --max-per-period in its
 * minor units into *max_pp.  0, or DN_EX_USAGE with e naming the option. */
int dn_plan_opts_debt(const dn_plan_opts *o, const dn_config *cfg, dn_plan_debt *d,
		      int64_t *max_pp, dn_error *e);

/* The most one period of row debt d may cost, when --installments is not
 * given: the row's capacity, else --max-per-period (0 with --installments).
 * 0, or DN_EX_DATAERR with e naming the capacity column (empty, and
 * neither option) or the option (too many decimals). */
int dn_plan_opts_row_max_pp(const dn_plan_opts *o, const dn_config *cfg, const dn_plan_debt *d,
			    int64_t *out, dn_error *e);

/* Before rows are read: rows without a capacity column need --installments
 * or --max-per-period.  0, or DN_EX_USAGE at the header of rd (src read
 * from it). */
int dn_plan_opts_check_rows(const dn_plan_opts *o, const dn_plan_source *src,
			    const dn_csv_reader *rd, dn_error *e);

/* The request of debt d: o->rq with d's customer (when named), principal
 * and decimals, --installments, max_pp and the [plan] limits of d's
 * currency into *rq.  0, or DN_EX_CONFIG with e filled (the limits). */
int dn_plan_opts_request(const dn_plan_opts *o, const dn_config *cfg, const dn_plan_debt *d,
			 int named, int64_t max_pp, dn_plan_request *rq, dn_error *e);

#endif
