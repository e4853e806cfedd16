/* kpi.c - the sums behind every collection metric, per period, group and
 * currency; partial files of them and their merge. */
#include "kpi.h"

#include <stdlib.h>
#include <string.h>

#include "csvio.h"
#include "options.h"
#include "keytab.h"

/* ---- names of the sums ---- */

static const char *const scalar_names[] = {
	"items",	 "sales",	"ar_before",	  "ar_to",	  "current_to",
	"paid_n",	 "paid_days",	"paid_late",	  "paid_amount",  "paid_wdays",
	"paid_wlate",	 "due_amount",	"due_collected",  "due_written",  "collected",
	"collections",	 "amicable",	"contacts",	  "kept",	  "broken",
};

static const char *const channel_names[] = {"email", "sms", "letter", "call", "legal"};

const char *dn_kpi_sum_name(size_t i, char *buf)
{
	if (i < DN_S_CHANNEL)
		snprintf(buf, 32, "%s", scalar_names[i]);
	else if (i < DN_S_MONTH)
		snprintf(buf, 32, "channel.%s", channel_names[i - DN_S_CHANNEL]);
	else if (i < DN_S_AGING)
		snprintf(buf, 32, "month.%zu", i - DN_S_MONTH);
	else if (i < DN_S_ROLL)
		snprintf(buf, 32, "aging.%zu", i - DN_S_AGING);
	else
		snprintf(buf, 32, "roll.%zu.%zu", (i - DN_S_ROLL) / DN_KPI_ROLL_TO,
			 (i - DN_S_ROLL) % DN_KPI_ROLL_TO);
	return buf;
}

int dn_kpi_sum_index(const char *s, size_t len)
{
	char buf[32];
	size_t i;

	/* A partial file holds a few hundred names: a scan is enough. */
	for (i = 0; i < DN_S_COUNT; i++) {
		dn_kpi_sum_name(i, buf);
		if (strlen(buf) == len && memcmp(buf, s, len) == 0)
			return (int)i;
	}
	return -1;
}

/* ---- periods ---- */

/* The first day of the calendar period (month or quarter) holding d. */
static dn_date period_start(dn_date d, dn_kpi_every every)
{
	int y, m, day;
	dn_date out;

	dn_date_to_ymd(d, &y, &m, &day);
	if (every == DN_EVERY_QUARTER)
		m = (m - 1) / 3 * 3 + 1;
	dn_date_from_ymd(y, m, 1, &out);
	return out;
}

long dn_kpi_periods(dn_date from, dn_date to, dn_kpi_every every, dn_kpi_period *out,
		    size_t max)
{
	size_t n = 0;
	dn_date start = from;

	while (start <= to) {
		dn_date next = to + 1;
		if (every != DN_EVERY_NONE) {
			next = dn_date_add_months(period_start(start, every),
						  every == DN_EVERY_QUARTER ? 3 : 1, 1);
			if (next > to + 1)
				next = to + 1;
		}
		if (n == max)
			return -1;
		out[n].from = start;
		out[n].to = next - 1;
		n++;
		start = next;
	}
	return (long)n;
}

/* year * 12 + month of d: months between two dates by a subtraction. */
static long month_of(dn_date d)
{
	int y, m, day;

	dn_date_to_ymd(d, &y, &m, &day);
	return (long)y * 12 + m;
}

/* ---- the table of groups ---- */

struct dn_kpi {
	dn_kpi_spec spec;
	dn_kpi_period *periods; /* owned copies of the spec's arrays */
	int *bounds;
	dn_keytab *groups;
	long *to_month;        /* per period: year * 12 + month of its end */
	dn_kpi_group *last;    /* the group of the previous item: items come in runs */
	dn_kpi_group **sorted; /* built on demand */
	size_t nsorted;
	int dirty;             /* a group was added since sorting */
};

static void group_key(const void *rec, const char **k1, size_t *n1, const char **k2,
		      size_t *n2)
{
	const dn_kpi_group *g = rec;

	*k1 = g->group;
	*n1 = g->group_len;
	*k2 = g->currency;
	*n2 = strlen(g->currency);
}

dn_kpi *dn_kpi_new(const dn_kpi_spec *spec)
{
	dn_kpi *k = calloc(1, sizeof *k);

	if (k == NULL)
		return NULL;
	k->spec = *spec;
	k->periods = malloc((spec->nperiods ? spec->nperiods : 1) * sizeof *k->periods);
	k->bounds = malloc((spec->nbounds ? spec->nbounds : 1) * sizeof *k->bounds);
	k->groups = dn_keytab_new(group_key);
	k->to_month = malloc((spec->nperiods ? spec->nperiods : 1) * sizeof *k->to_month);
	if (k->periods == NULL || k->bounds == NULL || k->groups == NULL || k->to_month == NULL) {
		dn_kpi_free(k);
		return NULL;
	}
	memcpy(k->periods, spec->periods, spec->nperiods * sizeof *k->periods);
	if (spec->nbounds)
		memcpy(k->bounds, spec->bounds, spec->nbounds * sizeof *k->bounds);
	k->spec.periods = k->periods;
	k->spec.bounds = k->bounds;
	for (size_t p = 0; p < spec->nperiods; p++)
		k->to_month[p] = month_of(spec->periods[p].to);
	return k;
}

void dn_kpi_free(dn_kpi *k)
{
	size_t pos = 0;
	dn_kpi_group *g;

	if (k == NULL)
		return;
	while (k->groups != NULL && (g = dn_keytab_next(k->groups, &pos)) != NULL) {
		free(g->group);
		free(g->p);
		free(g);
	}
	dn_keytab_free(k->groups);
	free(k->sorted);
	free(k->periods);
	free(k->bounds);
	free(k->to_month);
	free(k);
}

const dn_kpi_spec *dn_kpi_spec_of(const dn_kpi *k)
{
	return &k->spec;
}

dn_kpi_group *dn_kpi_group_get(dn_kpi *k, const char *group, size_t group_len,
			       const char *currency, int decimals)
{
	dn_kpi_group *g = dn_keytab_get(k->groups, group, group_len, currency, strlen(currency));

	if (g != NULL)
		return g;
	g = calloc(1, sizeof *g);
	if (g == NULL)
		return NULL;
	g->group = malloc(group_len + 1);
	g->p = calloc(k->spec.nperiods, sizeof *g->p);
	if (g->group == NULL || g->p == NULL) {
		free(g->group);
		free(g->p);
		free(g);
		return NULL;
	}
	memcpy(g->group, group, group_len);
	g->group[group_len] = '\0';
	g->group_len = group_len;
	snprintf(g->currency, sizeof g->currency, "%s", currency);
	g->decimals = decimals;
	if (dn_keytab_put(k->groups, g) != 0) {
		free(g->group);
		free(g->p);
		free(g);
		return NULL;
	}
	k->dirty = 1;
	return g;
}

/* ---- adding ---- */

static int overflow(dn_error *e, size_t i)
{
	char name[32];

	return dn_error_set(e, DN_EX_DATAERR, "sum out of range: %s", dn_kpi_sum_name(i, name));
}

/* s->v[i] += n, checked. */
static int add(dn_kpi_sums *s, size_t i, int64_t n, dn_error *e)
{
	if (n != 0 && dn_money_add(s->v[i], n, &s->v[i]) != 0)
		return overflow(e, i);
	return 0;
}

/* s->v[i] += a * b, checked. */
static int add_product(dn_kpi_sums *s, size_t i, int64_t a, int64_t b, dn_error *e)
{
	dn_i128 p = (dn_i128)a * b;

	if (p > INT64_MAX || p < -INT64_MAX)
		return overflow(e, i);
	return add(s, i, (int64_t)p, e);
}

static int in(dn_date d, const dn_kpi_period *p)
{
	return d >= p->from && d <= p->to;
}

int dn_kpi_add_at(dn_kpi *k, dn_kpi_group *g, dn_date d, size_t i, int64_t n, dn_error *e)
{
	size_t p;

	for (p = 0; p < k->spec.nperiods; p++)
		if (in(d, &k->periods[p]))
			return add(&g->p[p], i, n, e);
	return 0;
}

/* What the item's state says happened in p: collected and written off
 * (an item without paid_date is paid and written off from its issue date
 * on; one with a paid_date, on that date). */
static void moved_in(const dn_item *it, const dn_kpi_period *p, int64_t *collected,
		     int64_t *written)
{
	*collected = *written = 0;
	if (it->has_paid_date ? in(it->paid_date, p) : in(it->issue_date, p)) {
		*written = it->written_off;
		*collected = it->has_paid_date ? it->amount - it->written_off
					       : it->amount - it->written_off - it->balance;
	}
}

/* The item's state at the period's end for the roll rates and aging. */
static int add_buckets(const dn_kpi_spec *sp, dn_kpi_sums *s, const dn_item *it,
		       const dn_kpi_period *p, dn_error *e)
{
	int64_t at_to = dn_item_open_at(it, p->to), at_from = dn_item_open_at(it, p->from);
	size_t bt = dn_aging_bucket(sp->bounds, sp->nbounds, (long)p->to - it->due_date);
	size_t bf, row;

	if (at_to != 0 && add(s, DN_S_AGING + bt, at_to, e) != 0)
		return e->status;
	if (at_from <= 0)
		return 0; /* roll rates follow what is owed, not credits */
	bf = dn_aging_bucket(sp->bounds, sp->nbounds, (long)p->from - it->due_date);
	row = DN_S_ROLL + bf * DN_KPI_ROLL_TO;
	if (at_to != 0)
		return add(s, row + bt, at_to, e);
	/* Closed in the period (open at from, not at to: it has a paid_date). */
	if (add(s, row + DN_KPI_ROLL_PAID, it->amount - it->written_off, e) != 0)
		return e->status;
	return add(s, row + DN_KPI_ROLL_WO, it->written_off, e);
}

static int add_paid(dn_kpi_sums *s, const dn_item *it, dn_error *e)
{
	int64_t days = (int64_t)it->paid_date - it->issue_date;
	int64_t late = (int64_t)it->paid_date - it->due_date;

	if (late < 0)
		late = 0;
	if (add(s, DN_S_PAID_N, 1, e) || add(s, DN_S_PAID_DAYS, days, e) ||
	    add(s, DN_S_PAID_LATE, late, e) || add(s, DN_S_PAID_AMOUNT, it->amount, e) ||
	    add_product(s, DN_S_PAID_WDAYS, it->amount, days, e) ||
	    add_product(s, DN_S_PAID_WLATE, it->amount, late, e))
		return e->status;
	return 0;
}

static int add_recovery(dn_kpi_sums *s, const dn_item *it, const dn_kpi_period *p,
			dn_error *e)
{
	int64_t collected = 0, written = 0;

	if (!it->has_paid_date) {
		collected = it->amount - it->written_off - it->balance;
		written = it->written_off;
	} else if (it->paid_date <= p->to) {
		collected = it->amount - it->written_off;
		written = it->written_off;
	}
	if (add(s, DN_S_DUE_AMOUNT, it->amount, e) || add(s, DN_S_DUE_COLLECTED, collected, e) ||
	    add(s, DN_S_DUE_WRITTEN, written, e))
		return e->status;
	return 0;
}

/* back: months from the item's issue to the period's end. */
static int add_period(const dn_kpi_spec *sp, dn_kpi_sums *s, const dn_item *it,
		      const dn_kpi_period *p, long back, dn_date legal_since, dn_error *e)
{
	int64_t collected, written, at_to = dn_item_open_at(it, p->to);

	(void)written;
	if (!dn_item_exists_at(it, p->to))
		return 0;
	if (add(s, DN_S_ITEMS, 1, e) || add(s, DN_S_AR_BEFORE, dn_item_open_at(it, p->from - 1), e) ||
	    add(s, DN_S_AR_TO, at_to, e) ||
	    (it->due_date >= p->to && add(s, DN_S_CURRENT_TO, at_to, e)) ||
	    (in(it->issue_date, p) && add(s, DN_S_SALES, it->amount, e)) ||
	    (back >= 0 && back < DN_KPI_MONTHS && add(s, DN_S_MONTH + (size_t)back, it->amount, e)))
		return e->status;
	if (it->has_paid_date && in(it->paid_date, p) && it->written_off == 0 && it->amount > 0 &&
	    add_paid(s, it, e) != 0)
		return e->status;
	if (it->amount > 0 && in(it->due_date, p) && add_recovery(s, it, p, e) != 0)
		return e->status;
	moved_in(it, p, &collected, &written);
	if (collected != 0 &&
	    (add(s, DN_S_COLLECTED, collected, e) || (collected > 0 && add(s, DN_S_COLLECTIONS, 1, e)) ||
	     (legal_since > p->to && add(s, DN_S_AMICABLE, collected, e))))
		return e->status;
	return add_buckets(sp, s, it, p, e);
}

int dn_kpi_add_item(dn_kpi *k, const char *group, size_t group_len, const dn_item *it,
		    dn_date legal_since, dn_error *e)
{
	dn_kpi_group *g = k->last;
	long issued;
	size_t p;

	if (!dn_item_exists_at(it, k->spec.to))
		return 0;
	if (g == NULL || g->group_len != group_len || strcmp(g->currency, it->currency) != 0 ||
	    memcmp(g->group, group, group_len) != 0) {
		g = dn_kpi_group_get(k, group, group_len, it->currency, it->decimals);
		if (g == NULL)
			return dn_error_set(e, DN_EX_SOFTWARE, "out of memory");
		k->last = g;
	}
	issued = month_of(it->issue_date);
	for (p = 0; p < k->spec.nperiods; p++)
		if (add_period(&k->spec, &g->p[p], it, &k->periods[p], k->to_month[p] - issued,
			       legal_since, e) != 0)
			return e->status;
	return 0;
}

/* ---- sorted view ---- */

static int cmp_group(const void *a, const void *b)
{
	const dn_kpi_group *x = *(dn_kpi_group *const *)a, *y = *(dn_kpi_group *const *)b;
	int c = dn_bytes_cmp(x->group, x->group_len, y->group, y->group_len);

	return c != 0 ? c : strcmp(x->currency, y->currency);
}

dn_kpi_group *const *dn_kpi_groups(dn_kpi *k, size_t *n)
{
	size_t pos = 0, i = 0, count = dn_keytab_count(k->groups);
	dn_kpi_group *g, **s;

	*n = count;
	if (!k->dirty && k->sorted != NULL)
		return k->sorted;
	s = realloc(k->sorted, (count ? count : 1) * sizeof *s);
	if (s == NULL)
		return NULL;
	k->sorted = s;
	while ((g = dn_keytab_next(k->groups, &pos)) != NULL)
		s[i++] = g;
	qsort(s, count, sizeof *s, cmp_group);
	k->dirty = 0;
	return s;
}

/* ---- partial files ---- */

static void put_int(dn_csv_writer *w, const char *name, const char *cur, const char *group,
		    size_t glen, int64_t v)
{
	char buf[DN_MONEY_BUFSZ];

	dn_csv_put_str(w, name);
	dn_csv_put_str(w, cur);
	dn_csv_put(w, group, glen);
	dn_format_int(v, buf);
	dn_csv_put_str(w, buf);
	dn_csv_end_row(w);
}

static int64_t ymd_int(dn_date d)
{
	int y, m, day;

	dn_date_to_ymd(d, &y, &m, &day);
	return (int64_t)y * 10000 + m * 100 + day;
}

int dn_kpi_write_partial(dn_kpi *k, const char *by, FILE *out, dn_error *e)
{
	dn_csv_writer *w = dn_csv_writer_new(out, ',', 0);
	dn_kpi_group *const *g;
	char name[48], sum[32];
	size_t n, i, p, s;
	int rc;

	if (w == NULL || ((g = dn_kpi_groups(k, &n)) == NULL && n > 0)) {
		dn_csv_writer_free(w);
		return dn_error_set(e, DN_EX_SOFTWARE, "out of memory");
	}
	dn_csv_put_str(w, "accumulator");
	dn_csv_put_str(w, "currency");
	dn_csv_put_str(w, "group");
	dn_csv_put_str(w, "value");
	dn_csv_end_row(w);
	put_int(w, "kpi_partial", "", "", 0, 1); /* the format's version */
	put_int(w, "from", "", "", 0, ymd_int(k->spec.from));
	put_int(w, "to", "", "", 0, ymd_int(k->spec.to));
	put_int(w, "every", "", "", 0, (int64_t)k->spec.every);
	put_int(w, "journal", "", "", 0, k->spec.journal);
	put_int(w, "buckets", "", "", 0, (int64_t)k->spec.nbounds);
	for (i = 0; i < k->spec.nbounds; i++) {
		snprintf(name, sizeof name, "bound.%zu", i);
		put_int(w, name, "", "", 0, k->bounds[i]);
	}
	if (by != NULL)
		put_int(w, "by", "", by, strlen(by), 1);
	for (i = 0; i < n; i++) {
		/* "items" always, so a group with nothing else survives. */
		for (p = 0; p < k->spec.nperiods; p++)
			for (s = 0; s < DN_S_COUNT; s++) {
				if (g[i]->p[p].v[s] == 0 && !(s == DN_S_ITEMS && p == 0))
					continue;
				snprintf(name, sizeof name, "%zu.%s", p, dn_kpi_sum_name(s, sum));
				put_int(w, name, g[i]->currency, g[i]->group, g[i]->group_len,
					g[i]->p[p].v[s]);
			}
	}
	rc = dn_csv_flush(w);
	dn_csv_writer_free(w);
	if (rc != 0)
		return dn_error_set(e, DN_EX_IOERR, "cannot write the partial sums");
	return 0;
}

dn_kpi *dn_kpi_for_run(const dn_config *cfg, dn_date as_of, const char *from, const char *to,
		       dn_kpi_every every, int journal, dn_error *e)
{
	dn_kpi_period *periods = calloc(DN_KPI_MAX_PERIODS, sizeof *periods); /* 19 KiB */
	dn_kpi_spec sp;
	dn_kpi *k = NULL;
	long n;

	memset(&sp, 0, sizeof sp);
	if (periods == NULL) {
		dn_error_set(e, DN_EX_SOFTWARE, "out of memory");
		return NULL;
	}
	sp.to = as_of;
	if (to != NULL && dn_option_date_cfg("--to", to, cfg, &sp.to, e) != 0)
		goto done;
	if (sp.to > as_of) {
		dn_option_error(e, "--to", "after as-of (the future is not known yet)", to);
		goto done;
	}
	sp.from = sp.to - 89;
	if (from != NULL && dn_option_date_cfg("--from", from, cfg, &sp.from, e) != 0)
		goto done;
	if (sp.from > sp.to) {
		dn_option_error(e, "--from", "after --to", from);
		goto done;
	}
	if ((n = dn_kpi_periods(sp.from, sp.to, every, periods, DN_KPI_MAX_PERIODS)) < 0) {
		dn_option_error(e, "--every", "too many periods", NULL);
		goto done;
	}
	sp.every = every;
	sp.periods = periods;
	sp.nperiods = (size_t)n;
	sp.bounds = dn_config_buckets(cfg, &sp.nbounds);
	sp.journal = journal;
	if ((k = dn_kpi_new(&sp)) == NULL)
		dn_error_set(e, DN_EX_SOFTWARE, "out of memory");
done:
	free(periods);
	return k;
}
