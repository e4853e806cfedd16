/* kpimerge.c - reading partial sums back (kpi --merge).
 *
 * A partial file is CSV "accumulator,currency,group,value": first the
 * run's parameters (currency and group empty, except the --by field in
 * the group of "by"), then "PERIOD.SUM" rows.  Sums add, so the merge of
 * the partial files of any split of the items by customer is the sums of
 * the whole. */
#include <stdlib.h>
#include <string.h>

#include "csvio.h"
#include "kpi.h"

/* The parameters a partial file starts with. */
struct params {
	int version;
	int64_t from, to, every, journal, nbounds;
	int bounds[16];
	int nbound_seen;
	char *by;
	int have_from, have_to;
};

static int bad(dn_error *e, const dn_row *row, const char *col, const char *msg, size_t f)
{
	dn_error_set(e, DN_EX_DATAERR, "%s", msg);
	dn_error_where(e, row->file, row->line);
	dn_error_subject(e, "column", col);
	if (f < row->n)
		dn_error_value(e, row->v[f], row->len[f]);
	return DN_EX_DATAERR;
}

/* A whole number: -?[0-9]+, in int64. */
static int parse_int(const char *s, size_t len, int64_t *out)
{
	size_t i = 0;
	int neg = 0;
	int64_t v = 0;

	if (len > 0 && s[0] == '-') {
		neg = 1;
		i = 1;
	}
	if (i == len)
		return -1;
	for (; i < len; i++) {
		if (s[i] < '0' || s[i] > '9' || v > (INT64_MAX - (s[i] - '0')) / 10)
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	*out = neg ? -v : v;
	return 0;
}

static int to_date(int64_t ymd, dn_date *out)
{
	if (ymd < 0 || ymd > 99999999)
		return -1;
	return dn_date_from_ymd((int)(ymd / 10000), (int)(ymd / 100 % 100), (int)(ymd % 100), out);
}

static int is(const dn_row *row, const char *name)
{
	return row->len[0] == strlen(name) && memcmp(row->v[0], name, row->len[0]) == 0;
}

/* A parameter row: 1 when it was one, 0 when it is a sum, or a status. */
static int param(struct params *ps, const dn_row *row, int64_t v, dn_error *e)
{
	if (is(row, "kpi_partial"))
		ps->version = (int)v;
	else if (is(row, "from"))
		ps->from = v, ps->have_from = 1;
	else if (is(row, "to"))
		ps->to = v, ps->have_to = 1;
	else if (is(row, "every"))
		ps->every = v;
	else if (is(row, "journal"))
		ps->journal = v;
	else if (is(row, "buckets"))
		ps->nbounds = v;
	else if (is(row, "by")) {
		free(ps->by);
		if ((ps->by = strdup(row->v[2])) == NULL)
			return dn_error_set(e, DN_EX_SOFTWARE, "out of memory");
	} else if (row->len[0] > 6 && memcmp(row->v[0], "bound.", 6) == 0) {
		int64_t i;
		if (parse_int(row->v[0] + 6, row->len[0] - 6, &i) != 0 || i < 0 || i >= 16 ||
		    v < 1 || v > 100000)
			return bad(e, row, "accumulator", "not a bucket bound", 0);
		ps->bounds[i] = (int)v;
		ps->nbound_seen++;
	} else
		return 0;
	return 1;
}

/* Build or check the kpi from the parameters, once, before the first sum. */
static int settle(struct params *ps, dn_kpi **k, const dn_row *row, char **by, dn_error *e)
{
	dn_kpi_period periods[DN_KPI_MAX_PERIODS];
	dn_kpi_spec sp;
	dn_date from, to;
	long n;
	int64_t i;

	if (ps->version != 1 || !ps->have_from || !ps->have_to || to_date(ps->from, &from) ||
	    to_date(ps->to, &to) || from > to || ps->every < 0 || ps->every > 2 ||
	    ps->nbounds < 0 || ps->nbounds > 16 || ps->nbound_seen != ps->nbounds)
		return bad(e, row, "accumulator", "not a kpi --partial file (parameters missing)",
			   0);
	memset(&sp, 0, sizeof sp);
	sp.from = from;
	sp.to = to;
	sp.every = (dn_kpi_every)ps->every;
	sp.journal = (int)ps->journal;
	sp.bounds = ps->bounds;
	sp.nbounds = (size_t)ps->nbounds;
	n = dn_kpi_periods(from, to, sp.every, periods, DN_KPI_MAX_PERIODS);
	if (n < 0)
		return bad(e, row, "accumulator", "too many periods", 0);
	sp.periods = periods;
	sp.nperiods = (size_t)n;
	if (*k == NULL) {
		if ((*k = dn_kpi_new(&sp)) == NULL)
			return dn_error_set(e, DN_EX_SOFTWARE, "out of memory");
		*by = ps->by;
		ps->by = NULL;
		return 0;
	}
	{
		const dn_kpi_spec *have = dn_kpi_spec_of(*k);
		int same = have->from == sp.from && have->to == sp.to && have->every == sp.every &&
			   have->journal == sp.journal && have->nbounds == sp.nbounds &&
			   ((*by == NULL) == (ps->by == NULL)) &&
			   (*by == NULL || strcmp(*by, ps->by) == 0);
		for (i = 0; same && i < ps->nbounds; i++)
			same = have->bounds[i] == ps->bounds[i];
		if (!same)
			return bad(e, row, "accumulator",
				   "partial files of different runs (from, to, --every, --journal, "
				   "--by or buckets differ)",
				   row->n);
	}
	return 0;
}

/* Add one "PERIOD.SUM" row. */
static int add_sum(dn_kpi *k, const dn_row *row, int64_t v, const dn_currencies *cur,
		   dn_error *e)
{
	const char *dot = memchr(row->v[0], '.', row->len[0]);
	int64_t p;
	int s, dec;
	dn_kpi_group *g;
	char code[4];

	if (dot == NULL || parse_int(row->v[0], (size_t)(dot - row->v[0]), &p) != 0 || p < 0 ||
	    (size_t)p >= dn_kpi_spec_of(k)->nperiods ||
	    (s = dn_kpi_sum_index(dot + 1, row->len[0] - (size_t)(dot + 1 - row->v[0]))) < 0)
		return bad(e, row, "accumulator", "unknown accumulator", 0);
	if (row->len[1] != 3 || (dec = dn_currencies_decimals(cur, row->v[1], 3)) < 0)
		return bad(e, row, "currency", "unknown currency", 1);
	memcpy(code, row->v[1], 3);
	code[3] = '\0';
	g = dn_kpi_group_get(k, row->v[2], row->len[2], code, dec);
	if (g == NULL)
		return dn_error_set(e, DN_EX_SOFTWARE, "out of memory");
	if (dn_money_add(g->p[p].v[s], v, &g->p[p].v[s]) != 0)
		return bad(e, row, "value", "sum out of range", 3);
	return 0;
}

static int check_header(const dn_csv_reader *rd, dn_error *e)
{
	static const char *const cols[] = {"accumulator", "currency", "group", "value"};
	const dn_row *h = dn_csv_header(rd);
	size_t i;

	for (i = 0; i < 4; i++)
		if (h->n != 4 || dn_csv_find(rd, cols[i]) != (int)i) {
			dn_error_set(e, DN_EX_DATAERR,
				     "not a kpi --partial file (header accumulator,currency,group,value)");
			dn_error_where(e, h->file, h->line);
			return DN_EX_DATAERR;
		}
	return 0;
}

int dn_kpi_merge_file(dn_kpi **k, const char *path, char delim, const dn_currencies *cur,
		      char **by, dn_error *e)
{
	const char *paths[1] = {path};
	dn_csv_reader *rd = dn_csv_reader_new(paths, 1, delim, e);
	struct params ps;
	int settled = 0, rc = 0, got;
	dn_row row;
	int64_t v;

	memset(&ps, 0, sizeof ps);
	if (rd == NULL)
		return e->status;
	if ((rc = check_header(rd, e)) != 0)
		goto done;
	while ((got = dn_csv_next(rd, &row, e)) == 1) {
		if (parse_int(row.v[3], row.len[3], &v) != 0) {
			rc = bad(e, &row, "value", "not a whole number", 3);
			break;
		}
		if (!settled) {
			int is_param = param(&ps, &row, v, e);
			if (is_param == 1)
				continue;
			if ((rc = is_param) != 0 || (rc = settle(&ps, k, &row, by, e)) != 0)
				break;
			settled = 1;
		}
		if ((rc = add_sum(*k, &row, v, cur, e)) != 0)
			break;
	}
	if (rc == 0 && got < 0)
		rc = e->status;
	if (rc == 0 && !settled) {
		/* No sums at all: the parameters alone still make a run. */
		dn_row end = *dn_csv_header(rd);
		rc = settle(&ps, k, &end, by, e);
	}
done:
	free(ps.by);
	dn_csv_reader_free(rd);
	return rc;
}

int dn_kpi_merge_files(dn_kpi **k, const char *const *paths, size_t n, char delim,
		       const dn_currencies *cur, char **by, dn_error *e)
{
	static const char *const stdin_only[1] = {"-"};
	size_t i;

	if (n == 0) {
		paths = stdin_only;
		n = 1;
	}
	for (i = 0; i < n; i++)
		if (dn_kpi_merge_file(k, paths[i], delim, cur, by, e) != 0)
			return e->status;
	return 0;
}
