/* plan.h - payment plans: installment schedules in exact minor units.
 *
 * Used by `plan` and by `remind` (a letter proposes a plan).  Everything is
 * integer arithmetic on minor units, except the annuity payment of a plan
 * with interest, which is computed in long double and rounded half up to
 * the minor unit (SPEC "plan"); every interest, principal and remaining
 * amount is then exact, and a plan always sums to its principal.
 *
 * Rules (SPEC "plan"):
 *  - no interest: each installment is principal / N rounded down, the
 *    leftover minor units one each on the first installments
 *    (10.00 in 3 -> 3.34, 3.33, 3.33);
 *  - with interest: periodic rate r = annual% / 100 / k (k = 12 for 1m, 4
 *    for 3m, 26 for 2w, 52 for 1w); M = P*r / (1 - (1+r)^-N) rounded half
 *    up; each period's interest = remaining * r rounded half up; principal =
 *    M - interest; the last installment pays what remains plus its interest
 *    (10000.00 at 12 %/year monthly over 12 -> 888.49 x 11, then 888.47);
 *  - due dates: the first is start + defer_days; a monthly plan keeps the
 *    first due date's day clamped to each month's end (Jan 31, Feb 28/29,
 *    Mar 31), 3m steps three months, 1w and 2w step 7 and 14 days.  Later
 *    dates follow from the deferred first date (the whole plan moves);
 *    the deferral itself bears no interest;
 *  - max_per_period: the smallest N whose every installment, interest
 *    included, is at most that amount;
 *  - limits: N <= max_installments, every installment >= min_installment
 *    and >= one minor unit;
 *  - settlement: principal less settle_pct percent of it (the discount is
 *    rounded half up), one payment due at the start date (not deferred).
 */
#ifndef DN_PLAN_H
#define DN_PLAN_H

#include <stddef.h>
#include <stdint.h>

#include "config.h"
#include "date.h"
#include "error.h"
#include "money.h"

/* Hard ceiling on the number of installments, whatever the configuration
 * says: 100 years monthly, 23 years weekly. */
#define DN_PLAN_MAX_INSTALLMENTS 1200

/* Longest deferral accepted, in days (10 years). */
#define DN_PLAN_MAX_DEFER_DAYS 3660

/* How often an installment falls due. */
typedef enum dn_period {
	DN_PERIOD_1M, /* monthly (default) */
	DN_PERIOD_2W, /* every 14 days */
	DN_PERIOD_1W, /* every 7 days */
	DN_PERIOD_3M  /* quarterly */
} dn_period;

/* Parse "1m", "2w", "1w" or "3m"; 0, or -1 when it is none of these. */
int dn_period_parse(const char *s, dn_period *out);

/* "1m", "2w", "1w", "3m".  Static string. */
const char *dn_period_name(dn_period p);

/* Periods a year: 12, 26, 52, 4. */
int dn_period_per_year(dn_period p);

/* Limits from [plan]. */
typedef struct dn_plan_limits {
	int max_installments;    /* [plan] max_installments, default 12 */
	int64_t min_installment; /* [plan] min_installment in minor units, default 0 */
} dn_plan_limits;

/* The [plan] limits for one currency (min_installment takes a currency
 * suffix: min_installment_jpy).  Returns 0, or DN_EX_CONFIG with e filled
 * when max_installments is 0 or above DN_PLAN_MAX_INSTALLMENTS, or
 * min_installment has more decimals than the currency. */
int dn_plan_limits_load(const dn_config *c, const char *currency, int decimals,
			dn_plan_limits *out, dn_error *e);

/* The default start date: as_of + [plan] first_after_days (default 30).
 * Returns 0, or DN_EX_CONFIG when that date is beyond 2199-12-31. */
int dn_plan_default_start(const dn_config *c, dn_date as_of, dn_date *out, dn_error *e);

/* What to plan.  Fill with dn_plan_request_init, then set the fields. */
typedef struct dn_plan_request {
	const char *customer;   /* named in error messages; borrowed, may be NULL */
	size_t customer_len;
	int64_t principal;      /* the debt, minor units; must be > 0 */
	int decimals;           /* the currency's minor-unit decimals (0..9) */
	int installments;       /* N (1..DN_PLAN_MAX_INSTALLMENTS), or 0 to search */
	int64_t max_per_period; /* with installments == 0: most a period may cost */
	dn_date start;          /* first due date before any deferral */
	dn_period every;
	long defer_days;        /* 0..DN_PLAN_MAX_DEFER_DAYS */
	dn_decimal annual_rate; /* percent a year (12 = 12 %); 0 = no interest */
	int settle;             /* add a settlement row */
	dn_decimal settle_pct;  /* percent off for the settlement, [0, 100) */
	dn_plan_limits limits;
} dn_plan_request;

/* Defaults: no customer, monthly, no deferral, no interest, no
 * settlement, limits 12 installments and no minimum; principal,
 * installments (or max_per_period) and start left for the caller. */
void dn_plan_request_init(dn_plan_request *rq);

/* One row of a schedule. */
typedef struct dn_plan_row {
	int installment;   /* 1..N; 0 for the settlement row */
	dn_date due;
	int64_t amount;    /* principal + interest */
	int64_t principal; /* part of the debt this installment pays */
	int64_t interest;  /* interest of the period */
	int64_t remaining; /* principal still owed after this installment */
} dn_plan_row;

/* A schedule.  rows[0..n) are the installments in order; the settlement,
 * when asked for, is kept apart in `settlement`.  The rows array is either
 * a buffer the caller lent to dn_plan_init (never freed nor written past
 * its capacity by the library) or, when that is too small or absent, an
 * array the library allocates and frees in dn_plan_release. */
typedef struct dn_plan {
	dn_plan_row *rows;
	size_t n;                /* number of installments */
	int has_settlement;
	dn_plan_row settlement;  /* installment 0, due at the start date */
	int64_t settle_discount; /* principal - settlement amount */
	int64_t principal;       /* the debt planned */
	int64_t total_amount;    /* sum of the installments' amounts */
	int64_t total_interest;  /* sum of their interest */
	int64_t annuity;         /* M with interest, else the first installment */
	dn_date first_due;       /* rows[0].due */
	/* private */
	dn_plan_row *own;        /* library-allocated rows, or NULL */
	size_t own_cap;
	dn_plan_row *lent;       /* the caller's buffer, or NULL */
	size_t lent_cap;
} dn_plan;

/* An empty schedule over an optional caller buffer of cap rows (buf may be
 * NULL, cap 0).  The buffer must outlive the plan's use; rows may point
 * into it after dn_plan_make. */
void dn_plan_init(dn_plan *p, dn_plan_row *buf, size_t cap);

/* Free what the library allocated for p (not p itself, not a lent buffer);
 * p is empty and reusable afterwards.  NULL is a no-op. */
void dn_plan_release(dn_plan *p);

/* A schedule on the heap with no lent buffer; NULL when out of memory.
 * dn_plan_free releases it and frees it; NULL is a no-op. */
dn_plan *dn_plan_new(void);
void dn_plan_free(dn_plan *p);

/* Compute the plan of rq into p (previous content replaced).  Returns 0,
 * or with e filled (subject "customer NAME" when rq->customer is set):
 *  - DN_EX_DATAERR: a plan that cannot be made within the rules: principal
 *    zero or negative, N above max_installments, an installment below
 *    min_installment or below one minor unit, max_per_period zero or not
 *    above the first period's interest, no N within max_installments fits
 *    max_per_period, a settlement of zero, a due date beyond 2199, an
 *    amount out of range;
 *  - DN_EX_USAGE: a request value no caller should pass (negative rate,
 *    settle_pct outside [0, 100), N above DN_PLAN_MAX_INSTALLMENTS, defer
 *    out of range, decimals outside 0..9);
 *  - DN_EX_SOFTWARE: out of memory.
 * On error p holds no rows (n == 0). */
int dn_plan_make(const dn_plan_request *rq, dn_plan *p, dn_error *e);

/* The building blocks, exact unless said otherwise (for tests and for
 * callers that show one figure).  Each returns 0, or -1 on overflow or a
 * bad argument. */

/* One period's interest on `remaining`: remaining * annual% / 100 / k,
 * rounded half up (k = dn_period_per_year(every)). */
int dn_plan_period_interest(int64_t remaining, dn_decimal annual, dn_period every,
			    int64_t *out);

/* The annuity payment M of principal over n periods, rounded half up to
 * the minor unit.  The one floating-point computation of the toolkit (long
 * double, as SPEC allows); the schedule built on it is exact.  With a zero
 * rate, principal / n rounded up. */
int dn_plan_annuity(int64_t principal, dn_decimal annual, dn_period every, int n,
		    int64_t *out);

/* The settlement amount: total less pct percent of total, the discount
 * rounded half up. */
int dn_plan_settlement(int64_t total, dn_decimal pct, int64_t *out);

/* Due date of installment k (1-based) of a plan whose first installment
 * is due on `first`; -1 when beyond 2199-12-31. */
int dn_plan_due_date(dn_date first, dn_period every, int k, dn_date *out);

#endif
