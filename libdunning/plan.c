/* plan.c - payment plan arithmetic (rules in plan.h). */
#include "plan.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- periods ---- */

static const struct period_def {
	const char *name;
	int per_year;
	int months; /* step in months, 0 for a step in days */
	int days;
} periods[] = {
	[DN_PERIOD_1M] = {"1m", 12, 1, 0},
	[DN_PERIOD_2W] = {"2w", 26, 0, 14},
	[DN_PERIOD_1W] = {"1w", 52, 0, 7},
	[DN_PERIOD_3M] = {"3m", 4, 3, 0},
};

#define NPERIODS (sizeof periods / sizeof periods[0])

int dn_period_parse(const char *s, dn_period *out)
{
	size_t i;

	for (i = 0; i < NPERIODS; i++) {
		if (strcmp(s, periods[i].name) == 0) {
			*out = (dn_period)i;
			return 0;
		}
	}
	return -1;
}

const char *dn_period_name(dn_period p)
{
	return (size_t)p < NPERIODS ? periods[p].name : "?";
}

int dn_period_per_year(dn_period p)
{
	return (size_t)p < NPERIODS ? periods[p].per_year : 0;
}

/* ---- dates ---- */

static dn_date last_date(void)
{
	dn_date d = 0;

	dn_date_from_ymd(DN_YEAR_MAX, 12, 31, &d);
	return d;
}

int dn_plan_due_date(dn_date first, dn_period every, int k, dn_date *out)
{
	const struct period_def *pd;
	int y, m, d;
	long idx, steps;

	if ((size_t)every >= NPERIODS || k < 1 || k > DN_PLAN_MAX_INSTALLMENTS ||
	    first > last_date())
		return -1;
	pd = &periods[every];
	steps = (long)(k - 1);
	if (pd->months == 0) {
		long due = (long)first + steps * pd->days;
		if (due > (long)last_date())
			return -1;
		*out = (dn_date)due;
		return 0;
	}
	/* Months: keep the first due date's day, clamped to each month's end. */
	dn_date_to_ymd(first, &y, &m, &d);
	idx = (long)y * 12 + (m - 1) + steps * pd->months;
	if (idx / 12 > DN_YEAR_MAX)
		return -1;
	*out = dn_date_add_months(first, (int)(steps * pd->months), d);
	return 0;
}

/* ---- exact building blocks ---- */

/* The periodic rate as num / den: annual% / 100 / per_year.  -1 when the
 * rate is negative or out of the representable range. */
static int periodic_rate(dn_decimal annual, dn_period every, int64_t *num, int64_t *den)
{
	if (annual.num < 0 || annual.scale < 0 || annual.scale > 9 || (size_t)every >= NPERIODS)
		return -1;
	*num = annual.num;
	*den = dn_pow10(annual.scale) * 100 * periods[every].per_year; /* <= 5.2e12 */
	return 0;
}

int dn_plan_period_interest(int64_t remaining, dn_decimal annual, dn_period every,
			    int64_t *out)
{
	int64_t num, den;

	if (periodic_rate(annual, every, &num, &den) != 0)
		return -1;
	/* 128-bit product: |remaining| < 2^63, num < 10^18 < 2^60. */
	return dn_muldiv_round(remaining, num, den, out);
}

/* (1+r)^n - 1, one period at a time: d(k+1) = d(k)(1+r) + r.  Summed this
 * way it keeps its precision when r is tiny (no 1 - (1+r)^-n
 * cancellation) and needs no libm. */
struct growth {
	long double r, d;
	int n;
};

static void growth_init(struct growth *g, long double r)
{
	g->r = r;
	g->d = 0.0L;
	g->n = 0;
}

static void growth_step(struct growth *g)
{
	if (g->d < 1e300L) /* beyond, 1 - (1+r)^-n is 1 to long double precision */
		g->d = g->d * (1.0L + g->r) + g->r;
	g->n++;
}

/* M = P r / (1 - (1+r)^-n) = P r / (d / (1 + d)), rounded half up.  This is
 * the only floating-point arithmetic in libdunning (SPEC "plan" allows
 * long double for M); a result off by one unit at an exact half would only
 * move a cent between the installments and the last one, never the sums. */
static int annuity_from(int64_t principal, const struct growth *g, int64_t *out)
{
	long double f, m;

	f = g->d >= 1e300L ? 1.0L : g->d / (1.0L + g->d);
	if (!(f > 0.0L))
		return -1;
	m = (long double)principal * g->r / f;
	if (!(m >= 0.0L) || !(m < 9.2e18L))
		return -1;
	*out = (int64_t)(m + 0.5L); /* m >= 0: truncation is floor */
	return 0;
}

static int rate_is_zero(dn_decimal d)
{
	return d.num == 0;
}

int dn_plan_annuity(int64_t principal, dn_decimal annual, dn_period every, int n,
		    int64_t *out)
{
	struct growth g;
	int64_t num, den;
	int k;

	if (n < 1 || n > DN_PLAN_MAX_INSTALLMENTS || principal < 0 ||
	    periodic_rate(annual, every, &num, &den) != 0)
		return -1;
	if (rate_is_zero(annual)) {
		*out = principal / n + (principal % n != 0);
		return 0;
	}
	growth_init(&g, (long double)num / (long double)den);
	for (k = 0; k < n; k++)
		growth_step(&g);
	return annuity_from(principal, &g, out);
}

int dn_plan_settlement(int64_t total, dn_decimal pct, int64_t *out)
{
	int64_t discount;

	if (pct.num < 0 || pct.scale < 0 || pct.scale > 9 || total < 0)
		return -1;
	if (dn_muldiv_round(total, pct.num, dn_pow10(pct.scale) * 100, &discount) != 0 ||
	    discount > total)
		return -1;
	*out = total - discount;
	return 0;
}

/* ---- schedules ---- */

void dn_plan_init(dn_plan *p, dn_plan_row *buf, size_t cap)
{
	memset(p, 0, sizeof *p);
	p->lent = buf;
	p->lent_cap = buf != NULL ? cap : 0;
	p->rows = buf;
}

void dn_plan_release(dn_plan *p)
{
	dn_plan_row *lent;
	size_t lent_cap;

	if (p == NULL)
		return;
	free(p->own);
	lent = p->lent;
	lent_cap = p->lent_cap;
	dn_plan_init(p, lent, lent_cap);
}

dn_plan *dn_plan_new(void)
{
	dn_plan *p = malloc(sizeof *p);

	if (p != NULL)
		dn_plan_init(p, NULL, 0);
	return p;
}

void dn_plan_free(dn_plan *p)
{
	if (p == NULL)
		return;
	dn_plan_release(p);
	free(p);
}

/* Room for n rows: the lent buffer when it is big enough, else our own. */
static int reserve(dn_plan *p, size_t n)
{
	if (p->lent != NULL && n <= p->lent_cap) {
		p->rows = p->lent;
		return 0;
	}
	if (n > p->own_cap) {
		dn_plan_row *nr = realloc(p->own, n * sizeof *nr);
		if (nr == NULL)
			return -1;
		p->own = nr;
		p->own_cap = n;
	}
	p->rows = p->own;
	return 0;
}

static void clear_result(dn_plan *p)
{
	p->n = 0;
	p->has_settlement = 0;
	memset(&p->settlement, 0, sizeof p->settlement);
	p->settle_discount = 0;
	p->principal = 0;
	p->total_amount = 0;
	p->total_interest = 0;
	p->annuity = 0;
	p->first_due = 0;
}

/* The customer as an error subject: control bytes as \xNN, cut on a UTF-8
 * character boundary so the message stays one valid line. */
static void customer_subject(const dn_plan_request *rq, dn_error *e)
{
	static const char hex[] = "0123456789abcdef";
	char name[sizeof e->name];
	size_t i = 0, o = 0, room = sizeof name - 1;

	if (rq->customer == NULL || e == NULL)
		return;
	while (i < rq->customer_len) {
		unsigned char c = (unsigned char)rq->customer[i];
		size_t seq = c < 0x80 ? 1 : c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
		if (c < 0x20 || c == 0x7f) {
			if (o + 4 > room)
				break;
			name[o++] = '\\';
			name[o++] = 'x';
			name[o++] = hex[c >> 4];
			name[o++] = hex[c & 15];
			i++;
			continue;
		}
		if (i + seq > rq->customer_len)
			seq = rq->customer_len - i;
		if (o + seq > room)
			break;
		memcpy(name + o, rq->customer + i, seq);
		o += seq;
		i += seq;
	}
	name[o] = '\0';
	dn_error_subject(e, "customer", name);
}

/* Fill e with a refusal of this request (subject: the customer). */
static int refuse(const dn_plan_request *rq, dn_error *e, int status, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 4, 5)))
#endif
	;

static int refuse(const dn_plan_request *rq, dn_error *e, int status, const char *fmt, ...)
{
	char msg[sizeof e->message];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	dn_error_set(e, status, "%s", msg);
	customer_subject(rq, e);
	return status;
}

/* Money for messages. */
struct mtext {
	char s[DN_MONEY_BUFSZ];
};

static struct mtext money(int64_t units, int decimals)
{
	struct mtext t;

	dn_money_format(units, decimals, t.s);
	return t;
}

static int out_of_range(const dn_plan_request *rq, dn_error *e)
{
	return refuse(rq, e, DN_EX_DATAERR, "amount out of range in the plan");
}

static int too_small(const dn_plan_request *rq, int n, dn_error *e)
{
	return refuse(rq, e, DN_EX_DATAERR, "%s is too small to split into %d installments",
		      money(rq->principal, rq->decimals).s, n);
}

/* The n installments of rq: equal parts without interest, the annuity
 * `m` with interest.  Only the arithmetic is checked here; limits are the
 * caller's. */
static int schedule(const dn_plan_request *rq, int n, int64_t m, dn_plan *p, dn_error *e)
{
	int with_interest = !rate_is_zero(rq->annual_rate);
	int64_t rem = rq->principal, base = rq->principal / n, extra = rq->principal % n;
	dn_date first = (dn_date)(rq->start + rq->defer_days);
	int k;

	clear_result(p);
	if (reserve(p, (size_t)n) != 0)
		return dn_error_set(e, DN_EX_SOFTWARE, "out of memory");
	for (k = 1; k <= n; k++) {
		dn_plan_row *row = &p->rows[k - 1];

		row->installment = k;
		if (dn_plan_due_date(first, rq->every, k, &row->due) != 0)
			return refuse(rq, e, DN_EX_DATAERR,
				      "installment %d would fall due after %d-12-31", k,
				      DN_YEAR_MAX);
		if (!with_interest) {
			row->interest = 0;
			row->principal = base + (k <= extra);
		} else {
			if (dn_plan_period_interest(rem, rq->annual_rate, rq->every,
						    &row->interest) != 0)
				return out_of_range(rq, e);
			/* The last installment pays whatever remains. */
			row->principal = k < n ? m - row->interest : rem;
			if (k < n && m < 1)
				return too_small(rq, n, e);
			/* In exact arithmetic M > P r, but when (1+r)^N is huge the
			 * principal part of M rounds to nothing: a plan that would
			 * only pay interest until the last installment is refused. */
			if (k < n && row->principal <= 0)
				return refuse(rq, e, DN_EX_DATAERR,
					      "%d installments at this rate would repay no "
					      "principal in period %d",
					      n, k);
			if (k < n && row->principal >= rem)
				return too_small(rq, n, e);
		}
		if (dn_money_add(row->principal, row->interest, &row->amount) != 0)
			return out_of_range(rq, e);
		if (row->amount < 1)
			return too_small(rq, n, e);
		rem -= row->principal;
		row->remaining = rem;
		if (dn_money_add(p->total_amount, row->amount, &p->total_amount) != 0 ||
		    dn_money_add(p->total_interest, row->interest, &p->total_interest) != 0)
			return out_of_range(rq, e);
	}
	p->n = (size_t)n;
	p->principal = rq->principal;
	p->annuity = with_interest ? m : p->rows[0].amount;
	p->first_due = p->rows[0].due;
	return 0;
}

static int64_t largest(const dn_plan *p)
{
	int64_t big = 0;
	size_t i;

	for (i = 0; i < p->n; i++)
		if (p->rows[i].amount > big)
			big = p->rows[i].amount;
	return big;
}

static int too_many(const dn_plan_request *rq, int64_t needed, dn_error *e)
{
	struct mtext cap = money(rq->max_per_period, rq->decimals);

	if (needed > DN_PLAN_MAX_INSTALLMENTS)
		return refuse(rq, e, DN_EX_DATAERR,
			      "at most %s a period needs more than %d installments, above "
			      "[plan] max_installments (%d)",
			      cap.s, DN_PLAN_MAX_INSTALLMENTS, rq->limits.max_installments);
	return refuse(rq, e, DN_EX_DATAERR,
		      "at most %s a period needs %lld installments, more than [plan] "
		      "max_installments (%d)",
		      cap.s, (long long)needed, rq->limits.max_installments);
}

/* --max-per-period: the smallest N whose every installment is at most
 * max_per_period. */
static int search(const dn_plan_request *rq, dn_plan *p, dn_error *e)
{
	int64_t cap = rq->max_per_period, first_interest, m, num = 0, den = 1, n;
	struct growth g;
	int rc;

	if (cap <= 0)
		return refuse(rq, e, DN_EX_DATAERR, "capacity %s cannot pay anything",
			      money(cap, rq->decimals).s);
	if (rate_is_zero(rq->annual_rate)) {
		/* Installments are ceil(P / N) at most: N = ceil(P / cap). */
		n = rq->principal / cap + (rq->principal % cap != 0);
		if (n > rq->limits.max_installments)
			return too_many(rq, n, e);
		return schedule(rq, (int)n, 0, p, e);
	}
	if (dn_plan_period_interest(rq->principal, rq->annual_rate, rq->every,
				    &first_interest) != 0)
		return out_of_range(rq, e);
	if (cap <= first_interest)
		return refuse(rq, e, DN_EX_DATAERR,
			      "capacity %s does not cover more than the first period's "
			      "interest (%s)",
			      money(cap, rq->decimals).s, money(first_interest, rq->decimals).s);
	if (periodic_rate(rq->annual_rate, rq->every, &num, &den) != 0)
		return out_of_range(rq, e);
	growth_init(&g, (long double)num / (long double)den);
	for (n = 1; n <= DN_PLAN_MAX_INSTALLMENTS; n++) {
		growth_step(&g);
		if (annuity_from(rq->principal, &g, &m) != 0)
			return out_of_range(rq, e);
		/* Installments 1..N-1 cost M: only the last can differ. */
		if (n > 1 && m > cap)
			continue;
		if ((rc = schedule(rq, (int)n, m, p, e)) != 0)
			return rc;
		if (largest(p) > cap)
			continue;
		if (n > rq->limits.max_installments) {
			clear_result(p);
			return too_many(rq, n, e);
		}
		return 0;
	}
	clear_result(p);
	return too_many(rq, (int64_t)DN_PLAN_MAX_INSTALLMENTS + 1, e);
}

static int bad_request(const dn_plan_request *rq, dn_error *e)
{
	if (rq->decimals < 0 || rq->decimals > 9)
		return refuse(rq, e, DN_EX_USAGE, "currency decimals must be from 0 to 9");
	if (rq->installments < 0 || rq->installments > DN_PLAN_MAX_INSTALLMENTS)
		return refuse(rq, e, DN_EX_USAGE, "installments must be from 1 to %d",
			      DN_PLAN_MAX_INSTALLMENTS);
	if (rq->defer_days < 0 || rq->defer_days > DN_PLAN_MAX_DEFER_DAYS)
		return refuse(rq, e, DN_EX_USAGE, "deferral must be from 0 to %d days",
			      DN_PLAN_MAX_DEFER_DAYS);
	if ((size_t)rq->every >= NPERIODS)
		return refuse(rq, e, DN_EX_USAGE, "unknown period");
	if (rq->annual_rate.num < 0 || rq->annual_rate.scale < 0 || rq->annual_rate.scale > 9)
		return refuse(rq, e, DN_EX_USAGE, "the rate must not be negative");
	if (rq->settle &&
	    (rq->settle_pct.num < 0 || rq->settle_pct.scale < 0 || rq->settle_pct.scale > 9 ||
	     rq->settle_pct.num >= 100 * dn_pow10(rq->settle_pct.scale)))
		return refuse(rq, e, DN_EX_USAGE,
			      "the settlement discount must be at least 0 and below 100 percent");
	if (rq->limits.max_installments < 1 ||
	    rq->limits.max_installments > DN_PLAN_MAX_INSTALLMENTS || rq->limits.min_installment < 0)
		return refuse(rq, e, DN_EX_USAGE, "bad plan limits");
	return 0;
}

static int check_limits(const dn_plan_request *rq, const dn_plan *p, dn_error *e)
{
	size_t i;

	for (i = 0; i < p->n; i++)
		if (p->rows[i].amount < rq->limits.min_installment)
			return refuse(rq, e, DN_EX_DATAERR,
				      "installment %d of %s is below [plan] min_installment (%s)",
				      p->rows[i].installment,
				      money(p->rows[i].amount, rq->decimals).s,
				      money(rq->limits.min_installment, rq->decimals).s);
	return 0;
}

static int add_settlement(const dn_plan_request *rq, dn_plan *p, dn_error *e)
{
	dn_plan_row *s = &p->settlement;

	memset(s, 0, sizeof *s);
	if (dn_plan_settlement(rq->principal, rq->settle_pct, &s->amount) != 0)
		return out_of_range(rq, e);
	if (s->amount < 1)
		return refuse(rq, e, DN_EX_DATAERR, "the settlement of %s would be %s",
			      money(rq->principal, rq->decimals).s, money(0, rq->decimals).s);
	s->installment = 0;
	s->due = rq->start;
	s->principal = s->amount;
	s->interest = 0;
	s->remaining = 0; /* the discount is waived */
	p->settle_discount = rq->principal - s->amount;
	p->has_settlement = 1;
	return 0;
}

void dn_plan_request_init(dn_plan_request *rq)
{
	memset(rq, 0, sizeof *rq);
	rq->decimals = 2;
	rq->every = DN_PERIOD_1M;
	rq->annual_rate.num = 0;
	rq->limits.max_installments = 12;
	rq->limits.min_installment = 0;
}

int dn_plan_make(const dn_plan_request *rq, dn_plan *p, dn_error *e)
{
	int rc;

	clear_result(p);
	if ((rc = bad_request(rq, e)) != 0)
		return rc;
	if (rq->principal <= 0)
		return refuse(rq, e, DN_EX_DATAERR, "nothing to plan: the balance %s is not positive",
			      money(rq->principal, rq->decimals).s);
	if ((long)rq->start + rq->defer_days > (long)last_date())
		return refuse(rq, e, DN_EX_DATAERR, "the first installment would fall due after "
			      "%d-12-31", DN_YEAR_MAX);
	if (rq->installments > 0) {
		if (rq->installments > rq->limits.max_installments)
			return refuse(rq, e, DN_EX_DATAERR,
				      "%d installments, more than [plan] max_installments (%d)",
				      rq->installments, rq->limits.max_installments);
		rc = 0;
		if (!rate_is_zero(rq->annual_rate)) {
			int64_t m;
			if (dn_plan_annuity(rq->principal, rq->annual_rate, rq->every,
					    rq->installments, &m) != 0)
				rc = out_of_range(rq, e);
			else
				rc = schedule(rq, rq->installments, m, p, e);
		} else {
			rc = schedule(rq, rq->installments, 0, p, e);
		}
	} else {
		rc = search(rq, p, e);
	}
	if (rc == 0)
		rc = check_limits(rq, p, e);
	if (rc == 0 && rq->settle)
		rc = add_settlement(rq, p, e);
	if (rc != 0)
		clear_result(p);
	return rc;
}

/* ---- configuration ---- */

static int config_error(const dn_config *c, const char *key, const char *value,
			const char *msg, dn_error *e)
{
	char name[64];

	dn_error_set(e, DN_EX_CONFIG, "%s", msg);
	dn_error_where(e, dn_config_file(c), 0);
	snprintf(name, sizeof name, "[plan] %s", key);
	dn_error_subject(e, "key", name);
	if (value != NULL)
		dn_error_value(e, value, strlen(value));
	return DN_EX_CONFIG;
}

int dn_plan_limits_load(const dn_config *c, const char *currency, int decimals,
			dn_plan_limits *out, dn_error *e)
{
	long max = dn_config_uint(c, "plan", "max_installments", 12);
	char msg[64];

	if (max < 1 || max > DN_PLAN_MAX_INSTALLMENTS) {
		snprintf(msg, sizeof msg, "must be from 1 to %d", DN_PLAN_MAX_INSTALLMENTS);
		return config_error(c, "max_installments",
				    dn_config_get(c, "plan", "max_installments"), msg, e);
	}
	out->max_installments = (int)max;
	return dn_config_money(c, "plan", "min_installment", currency, decimals, "0",
			       &out->min_installment, e);
}

int dn_plan_default_start(const dn_config *c, dn_date as_of, dn_date *out, dn_error *e)
{
	long days = dn_config_uint(c, "plan", "first_after_days", 30);
	char msg[64];

	if ((long)as_of + days > (long)last_date()) {
		snprintf(msg, sizeof msg, "puts the first installment after %d-12-31", DN_YEAR_MAX);
		return config_error(c, "first_after_days",
				    dn_config_get(c, "plan", "first_after_days"), msg, e);
	}
	*out = (dn_date)(as_of + days);
	return 0;
}
