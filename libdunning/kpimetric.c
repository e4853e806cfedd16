/* kpimetric.c - each metric of SPEC "kpi" from one period's sums, as an
 * exact fraction rounded once. */
#include <string.h>

#include "kpi.h"

static const char *const names[DN_M_COUNT] = {
	"credit_sales",		    "ar_open",
	"ar_current",		    "dso",
	"best_possible_dso",	    "add",
	"dso_countback",	    "cei",
	"avg_days_to_pay",	    "avg_days_late",
	"avg_days_to_pay_weighted", "avg_days_late_weighted",
	"recovery_rate",	    "written_off_rate",
	"promise_kept_rate",	    "amicable_share",
	"contacts_per_collection",  "cost_of_collection",
};

const char *dn_metric_name(dn_metric m)
{
	return names[m];
}

int dn_metric_from_name(const char *s)
{
	int i;

	for (i = 0; i < DN_M_COUNT; i++)
		if (strcmp(names[i], s) == 0)
			return i;
	return -1;
}

int dn_metric_is_money(dn_metric m)
{
	return m == DN_M_CREDIT_SALES || m == DN_M_AR_OPEN || m == DN_M_AR_CURRENT;
}

int dn_kpi_hundredths(dn_i128 num, dn_i128 den, int64_t *out)
{
	dn_i128 r;

	if (den == 0)
		return -1;
	/* |num| < 2^100 for every metric (sums of int64 times days or 100). */
	r = dn_div_round(num * 100, den);
	if (r > INT64_MAX || r < -INT64_MAX)
		return -1;
	*out = (int64_t)r;
	return 0;
}

size_t dn_kpi_format_hundredths(int64_t v, char *buf)
{
	return dn_money_format(v, 2, buf);
}

/* Days of the countback's month k: the month of to counts days 1..to. */
static int month_days(dn_date to, size_t k)
{
	int y, m, d, back = (int)k;

	dn_date_to_ymd(to, &y, &m, &d);
	if (k == 0)
		return d;
	m -= back % 12;
	y -= back / 12;
	if (m < 1) {
		m += 12;
		y--;
	}
	return dn_days_in_month(y, m);
}

/* dso_countback: walk months back from to while the AR left exceeds the
 * month's sales; the last month counts its share of days. */
static int countback(const dn_kpi_sums *s, const dn_kpi_period *p, dn_kpi_value *out)
{
	dn_i128 rem = s->v[DN_S_AR_TO], days = 0;
	size_t k;

	for (k = 0; k < DN_KPI_MONTHS; k++) {
		int64_t sales = s->v[DN_S_MONTH + k];
		int d = month_days(p->to, k);
		if (k + 1 < DN_KPI_MONTHS && rem > sales) {
			rem -= sales;
			days += d;
			continue;
		}
		if (rem == 0)
			return dn_kpi_hundredths(days, 1, &out->v);
		if (sales == 0) {
			out->empty = 1;
			out->why = "no credit sales in the last month counted back";
			return 0;
		}
		return dn_kpi_hundredths(days * sales + rem * d, sales, &out->v);
	}
	return -1;
}

/* out = num / den in hundredths, or empty when den is 0. */
static int ratio(dn_i128 num, dn_i128 den, const char *why, dn_kpi_value *out)
{
	if (den == 0) {
		out->empty = 1;
		out->why = why;
		return 0;
	}
	return dn_kpi_hundredths(num, den, &out->v);
}

static int journal_metric(const dn_kpi_sums *s, dn_metric m, const int64_t *cost,
			  dn_kpi_value *out)
{
	const int64_t *v = s->v;
	dn_i128 total = 0;
	size_t c;

	switch (m) {
	case DN_M_PROMISE_KEPT_RATE:
		return ratio((dn_i128)v[DN_S_KEPT] * 100, (dn_i128)v[DN_S_KEPT] + v[DN_S_BROKEN],
			     "no promise kept or broken", out);
	case DN_M_AMICABLE_SHARE:
		return ratio((dn_i128)v[DN_S_AMICABLE] * 100, v[DN_S_COLLECTED], "nothing collected",
			     out);
	case DN_M_CONTACTS_PER_COLLECTION:
		return ratio(v[DN_S_CONTACTS], v[DN_S_COLLECTIONS], "no collection", out);
	case DN_M_COST_OF_COLLECTION:
		for (c = 0; c < DN_KPI_NCHANNELS; c++)
			total += (dn_i128)v[DN_S_CHANNEL + c] * (cost ? cost[c] : 0);
		return ratio(total * 100, v[DN_S_COLLECTED], "nothing collected", out);
	default:
		return -1;
	}
}

static int compute(const dn_kpi_sums *s, const dn_kpi_period *p, dn_metric m,
		   const int64_t *cost, dn_kpi_value *out)
{
	const int64_t *v = s->v;
	dn_i128 days = (dn_i128)p->to - p->from + 1;
	dn_i128 base = (dn_i128)v[DN_S_AR_BEFORE] + v[DN_S_SALES];

	switch (m) {
	case DN_M_CREDIT_SALES:
		out->v = v[DN_S_SALES];
		return 0;
	case DN_M_AR_OPEN:
		out->v = v[DN_S_AR_TO];
		return 0;
	case DN_M_AR_CURRENT:
		out->v = v[DN_S_CURRENT_TO];
		return 0;
	case DN_M_DSO:
		return ratio(v[DN_S_AR_TO] * days, v[DN_S_SALES], "no credit sales", out);
	case DN_M_BEST_POSSIBLE_DSO:
		return ratio(v[DN_S_CURRENT_TO] * days, v[DN_S_SALES], "no credit sales", out);
	case DN_M_ADD:
		return ratio(((dn_i128)v[DN_S_AR_TO] - v[DN_S_CURRENT_TO]) * days, v[DN_S_SALES],
			     "no credit sales", out);
	case DN_M_DSO_COUNTBACK:
		return countback(s, p, out);
	case DN_M_CEI:
		return ratio((base - v[DN_S_AR_TO]) * 100, base - v[DN_S_CURRENT_TO],
			     "AR(from - 1) + credit sales - current AR(to) is 0", out);
	case DN_M_AVG_DAYS_TO_PAY:
		return ratio(v[DN_S_PAID_DAYS], v[DN_S_PAID_N], "no item paid in full", out);
	case DN_M_AVG_DAYS_LATE:
		return ratio(v[DN_S_PAID_LATE], v[DN_S_PAID_N], "no item paid in full", out);
	case DN_M_AVG_DAYS_TO_PAY_WEIGHTED:
		return ratio(v[DN_S_PAID_WDAYS], v[DN_S_PAID_AMOUNT], "no item paid in full", out);
	case DN_M_AVG_DAYS_LATE_WEIGHTED:
		return ratio(v[DN_S_PAID_WLATE], v[DN_S_PAID_AMOUNT], "no item paid in full", out);
	case DN_M_RECOVERY_RATE:
		return ratio((dn_i128)v[DN_S_DUE_COLLECTED] * 100, v[DN_S_DUE_AMOUNT],
			     "nothing fell due", out);
	case DN_M_WRITTEN_OFF_RATE:
		return ratio((dn_i128)v[DN_S_DUE_WRITTEN] * 100, v[DN_S_DUE_AMOUNT],
			     "nothing fell due", out);
	default:
		return journal_metric(s, m, cost, out);
	}
}

int dn_kpi_metric(const dn_kpi_sums *s, const dn_kpi_period *p, dn_metric m,
		  const int64_t *cost, dn_kpi_value *out, dn_error *e)
{
	memset(out, 0, sizeof *out);
	if (compute(s, p, m, cost, out) != 0)
		return dn_error_set(e, DN_EX_DATAERR, "%s out of range", names[m]);
	return 0;
}

int dn_kpi_roll_share(const dn_kpi_sums *s, size_t bf, size_t col, int64_t *out)
{
	const int64_t *row = s->v + DN_S_ROLL + bf * DN_KPI_ROLL_TO;
	dn_i128 total = 0;
	size_t c;

	for (c = 0; c < DN_KPI_ROLL_TO; c++)
		total += row[c];
	return dn_kpi_hundredths((dn_i128)row[col] * 100, total, out);
}
