/* kpiout.c - writing kpi's results: csv, json, table and svg. */
#include "kpiout.h"

#include <stdlib.h>
#include <string.h>

#include "csvio.h"
#include "out.h"
#include "report.h"
#include "svg.h"

struct printer {
	dn_kpi *k;
	const dn_kpi_spec *sp;
	const dn_config *cfg;
	const dn_kpi_print_opts *o;
	FILE *out;
	dn_kpi_note_fn note;
	void *note_ctx;
	dn_error *e;
	int fr;              /* [general] language = fr (table) */
	size_t nmetrics;     /* the journal metrics only with a journal */
	dn_out *sink;        /* csv and json rows */
	size_t c_by, c_metric, c_value, c_cur, c_from, c_to; /* its column ids */
};

static const char *const costs_keys[DN_KPI_NCHANNELS] = {"email", "sms", "letter", "call",
							  "legal"};

/* [costs] per channel in g's currency (all 0 without a journal). */
static int costs_of(const struct printer *pr, const dn_kpi_group *g, int64_t *cost)
{
	size_t c;

	for (c = 0; c < DN_KPI_NCHANNELS; c++) {
		cost[c] = 0;
		if (pr->sp->journal && dn_config_money(pr->cfg, "costs", costs_keys[c], g->currency,
						      g->decimals, "0", &cost[c], pr->e) != 0)
			return pr->e->status;
	}
	return 0;
}

static void period_text(const dn_kpi_period *p, char *from, char *to)
{
	dn_date_format(p->from, from);
	dn_date_format(p->to, to);
}

/* Compute metric m of (g, period p); text gets the canonical value ("" when
 * empty, after a note). */
static int value_of(struct printer *pr, const dn_kpi_group *g, size_t p, dn_metric m,
		    const int64_t *cost, dn_kpi_value *v, char *text)
{
	const dn_kpi_period *per = &pr->sp->periods[p];
	char note[512], from[11], to[11];

	if (dn_kpi_metric(&g->p[p], per, m, cost, v, pr->e) != 0)
		return pr->e->status;
	text[0] = '\0';
	if (v->empty) {
		period_text(per, from, to);
		if (pr->o->by != NULL)
			snprintf(note, sizeof note, "%s: %s=%s %s %s..%s: no value (%s)",
				 dn_metric_name(m), pr->o->by, g->group, g->currency, from, to,
				 v->why);
		else
			snprintf(note, sizeof note, "%s: %s %s..%s: no value (%s)", dn_metric_name(m),
				 g->currency, from, to, v->why);
		if (pr->note != NULL)
			pr->note(note, pr->note_ctx);
	} else if (dn_metric_is_money(m)) {
		dn_money_format(v->v, g->decimals, text);
	} else {
		dn_kpi_format_hundredths(v->v, text);
	}
	return 0;
}

/* ---- rows: csv and json, through the typed sink ---- */

/* One row; value in minor units (money) or hundredths (ratios, as a
 * two-decimal amount), unset when has_value is 0. */
static int put_row(struct printer *pr, const dn_kpi_group *g, size_t p, const char *metric,
		   int64_t value, int decimals, int has_value)
{
	const dn_kpi_period *per = &pr->sp->periods[p];

	if (pr->o->by != NULL)
		dn_out_text(pr->sink, pr->c_by, g->group, g->group_len);
	dn_out_str(pr->sink, pr->c_metric, metric);
	if (has_value)
		dn_out_money(pr->sink, pr->c_value, value, decimals);
	dn_out_str(pr->sink, pr->c_cur, g->currency);
	dn_out_date(pr->sink, pr->c_from, per->from);
	dn_out_date(pr->sink, pr->c_to, per->to);
	return dn_out_row(pr->sink, NULL, pr->e);
}

static int roll_rows(struct printer *pr, const dn_kpi_group *g, size_t p)
{
	size_t nb = dn_aging_nbuckets(pr->sp->nbounds), bf, col;
	char name[96], fb[24], tb[24];
	int64_t share;

	for (bf = 0; bf < nb; bf++) {
		if (dn_kpi_roll_share(&g->p[p], bf, 0, &share) != 0)
			continue; /* nothing in that bucket at from */
		dn_aging_bucket_name(pr->sp->bounds, pr->sp->nbounds, bf, fb);
		for (col = 0; col < DN_KPI_ROLL_TO; col++) {
			if (col >= nb && col < DN_KPI_ROLL_PAID)
				continue;
			if (col == DN_KPI_ROLL_PAID)
				snprintf(tb, sizeof tb, "paid");
			else if (col == DN_KPI_ROLL_WO)
				snprintf(tb, sizeof tb, "written_off");
			else
				dn_aging_bucket_name(pr->sp->bounds, pr->sp->nbounds, col, tb);
			dn_kpi_roll_share(&g->p[p], bf, col, &share);
			snprintf(name, sizeof name, "roll_rate.%s.%s", fb, tb);
			if (put_row(pr, g, p, name, share, 2, 1) != 0)
				return pr->e->status;
		}
	}
	return 0;
}

static int print_rows(struct printer *pr, dn_kpi_group *const *g, size_t n)
{
	size_t i, end, p, x, m;
	char text[DN_MONEY_BUFSZ];
	int64_t cost[DN_KPI_NCHANNELS];
	dn_kpi_value v;

	if (pr->o->by != NULL)
		pr->c_by = dn_out_col(pr->sink, pr->o->by, DN_CELL_TEXT);
	pr->c_metric = dn_out_col(pr->sink, "metric", DN_CELL_TEXT);
	pr->c_value = dn_out_col(pr->sink, "value", DN_CELL_MONEY);
	pr->c_cur = dn_out_col(pr->sink, "currency", DN_CELL_TEXT);
	pr->c_from = dn_out_col(pr->sink, "from", DN_CELL_DATE);
	pr->c_to = dn_out_col(pr->sink, "to", DN_CELL_DATE);
	dn_out_header(pr->sink);
	/* By group, then period, then currency, then metric. */
	for (i = 0; i < n; i = end) {
		for (end = i + 1; end < n && g[end]->group_len == g[i]->group_len &&
				  memcmp(g[end]->group, g[i]->group, g[i]->group_len) == 0;
		     end++)
			;
		for (p = 0; p < pr->sp->nperiods; p++)
			for (x = i; x < end; x++) {
				if (costs_of(pr, g[x], cost) != 0)
					return pr->e->status;
				for (m = 0; m < pr->nmetrics; m++) {
					if (value_of(pr, g[x], p, (dn_metric)m, cost, &v, text) != 0 ||
					    put_row(pr, g[x], p, dn_metric_name((dn_metric)m), v.v,
						    dn_metric_is_money((dn_metric)m) ? g[x]->decimals : 2,
						    !v.empty) != 0)
						return pr->e->status;
				}
				if (pr->o->roll_rates && roll_rows(pr, g[x], p) != 0)
					return pr->e->status;
			}
	}
	return 0;
}

/* ---- table: a report for people ---- */

static const char *const labels_en[DN_M_COUNT] = {
	"Credit sales",
	"Receivables (AR)",
	"Current AR (not yet due)",
	"DSO (days)",
	"Best possible DSO (days)",
	"Average days delinquent",
	"DSO, countback (days)",
	"Collection effectiveness, CEI (%)",
	"Average days to pay",
	"Average days late",
	"Days to pay, weighted by amount",
	"Days late, weighted by amount",
	"Recovery rate (%)",
	"Written-off rate (%)",
	"Promises kept (%)",
	"Collected amicably (%)",
	"Contacts per collection",
	"Cost of collection (% of collected)",
};

static const char *const labels_fr[DN_M_COUNT] = {
	"Ventes à crédit",
	"Encours clients",
	"Encours non échu",
	"DSO (jours)",
	"DSO minimal (jours)",
	"Retard moyen (ADD, jours)",
	"DSO par épuisement (jours)",
	"Efficacité du recouvrement, CEI (%)",
	"Délai moyen de paiement (jours)",
	"Retard moyen de paiement (jours)",
	"Délai de paiement pondéré",
	"Retard pondéré par montant",
	"Taux de recouvrement (%)",
	"Taux de passage en perte (%)",
	"Promesses tenues (%)",
	"Recouvré à l'amiable (%)",
	"Contacts par encaissement",
	"Coût du recouvrement (% encaissé)",
};

/* A value for people: grouped thousands; fr: "1 234,56". */
static void human(const struct printer *pr, int64_t v, int decimals, char *buf)
{
	char *dot;

	dn_money_format_grouped(v, decimals, pr->fr ? ' ' : ',', buf);
	if (pr->fr && (dot = strrchr(buf, '.')) != NULL)
		*dot = ',';
}

static void period_label(const struct printer *pr, const dn_kpi_period *p, char *buf)
{
	int y, m, d;
	char from[11], to[11];

	dn_date_to_ymd(p->from, &y, &m, &d);
	if (pr->sp->every == DN_EVERY_MONTH)
		snprintf(buf, 32, "%04d-%02d", y, m);
	else if (pr->sp->every == DN_EVERY_QUARTER)
		snprintf(buf, 32, "%04d-Q%d", y, (m - 1) / 3 + 1);
	else {
		period_text(p, from, to);
		snprintf(buf, 32, "%s..%s", from, to);
	}
}

static int table_metrics(struct printer *pr, const dn_kpi_group *g, const int64_t *cost)
{
	size_t np = pr->sp->nperiods, p, m;
	dn_table *t = dn_table_new(np + 1);
	const char **cells = calloc(np + 1, sizeof *cells);
	char (*buf)[DN_MONEY_BUFSZ] = calloc(np + 1, sizeof *buf);
	dn_kpi_value v;
	char text[DN_MONEY_BUFSZ];
	int rc = 0;

	if (t == NULL || cells == NULL || buf == NULL) {
		rc = dn_error_set(pr->e, DN_EX_SOFTWARE, "out of memory");
		goto done;
	}
	for (p = 0; p <= np; p++) {
		cells[p] = buf[p];
		if (p > 0)
			dn_table_align_right(t, p);
	}
	snprintf(buf[0], sizeof buf[0], "%s", g->currency);
	for (p = 0; p < np; p++)
		period_label(pr, &pr->sp->periods[p], buf[p + 1]);
	dn_table_add(t, cells);
	for (m = 0; m < pr->nmetrics; m++) {
		cells[0] = (pr->fr ? labels_fr : labels_en)[m];
		for (p = 0; p < np; p++) {
			if ((rc = value_of(pr, g, p, (dn_metric)m, cost, &v, text)) != 0)
				goto done;
			if (v.empty)
				snprintf(buf[p + 1], sizeof buf[p + 1], "-");
			else
				human(pr, v.v, dn_metric_is_money((dn_metric)m) ? g->decimals : 2,
				      buf[p + 1]);
		}
		if (dn_table_add(t, cells) != 0) {
			rc = dn_error_set(pr->e, DN_EX_SOFTWARE, "out of memory");
			goto done;
		}
	}
	dn_table_print(t, pr->out);
done:
	dn_table_free(t);
	free(cells);
	free(buf);
	return rc;
}

#define BAR_WIDTH 30

/* The aging distribution at the span's end as a text bar chart. */
static int table_aging(struct printer *pr, const dn_kpi_group *g)
{
	const dn_kpi_sums *s = &g->p[pr->sp->nperiods - 1];
	size_t nb = dn_aging_nbuckets(pr->sp->nbounds), b, w;
	int64_t max = 0, total = s->v[DN_S_AR_TO], tenths;
	char name[24], bar[BAR_WIDTH * 3 + 1], amount[DN_MONEY_BUFSZ], share[32], to[11];
	const char *cells[4] = {name, bar, amount, share};
	dn_table *t = dn_table_new(4);

	if (t == NULL)
		return dn_error_set(pr->e, DN_EX_SOFTWARE, "out of memory");
	dn_table_align_right(t, 2);
	dn_table_align_right(t, 3);
	for (b = 0; b < nb; b++)
		if (s->v[DN_S_AGING + b] > max)
			max = s->v[DN_S_AGING + b];
	dn_date_format(pr->sp->to, to);
	fprintf(pr->out, "\n%s %s\n", pr->fr ? "Balance âgée au" : "Aging at", to);
	snprintf(name, sizeof name, "%s", pr->fr ? "tranche" : "bucket");
	bar[0] = '\0';
	snprintf(amount, sizeof amount, "%s", pr->fr ? "montant" : "amount");
	snprintf(share, sizeof share, "%s", pr->fr ? "part" : "share");
	dn_table_add(t, cells);
	for (b = 0; b < nb; b++) {
		int64_t v = s->v[DN_S_AGING + b];
		dn_aging_bucket_name(pr->sp->bounds, pr->sp->nbounds, b, name);
		w = v > 0 && max > 0 ? (size_t)((dn_i128)v * BAR_WIDTH / max) : 0;
		if (v > 0 && w == 0)
			w = 1; /* something is there: show it */
		bar[0] = '\0';
		while (w-- > 0)
			strcat(bar, "\xe2\x96\x88"); /* U+2588 FULL BLOCK */
		human(pr, v, g->decimals, amount);
		if (total != 0 && dn_muldiv_round(v, 1000, total, &tenths) == 0) {
			snprintf(share, sizeof share, "%s%lld%c%lld %%", tenths < 0 ? "-" : "",
				 (long long)(tenths < 0 ? -tenths : tenths) / 10, pr->fr ? ',' : '.',
				 (long long)(tenths < 0 ? -tenths : tenths) % 10);
		} else {
			snprintf(share, sizeof share, "-");
		}
		dn_table_add(t, cells);
	}
	dn_table_print(t, pr->out);
	dn_table_free(t);
	return 0;
}

/* Roll rates of the last period as a matrix of shares. */
static int table_roll(struct printer *pr, const dn_kpi_group *g)
{
	const dn_kpi_sums *s = &g->p[pr->sp->nperiods - 1];
	size_t nb = dn_aging_nbuckets(pr->sp->nbounds), ncols = nb + 3, b, c, k;
	char buf[DN_AGING_MAX_BUCKETS + 3][32];
	const char *cells[DN_AGING_MAX_BUCKETS + 3];
	dn_table *t = dn_table_new(ncols);
	int64_t share;

	if (t == NULL)
		return dn_error_set(pr->e, DN_EX_SOFTWARE, "out of memory");
	for (k = 0; k < ncols; k++) {
		cells[k] = buf[k];
		if (k > 0)
			dn_table_align_right(t, k);
	}
	fprintf(pr->out, "\n%s\n", pr->fr ? "Taux de roulement (%, de la tranche au début vers la fin)"
					  : "Roll rates (%, from the bucket at the start to the end)");
	snprintf(buf[0], 32, "%s", pr->fr ? "début \\ fin" : "from \\ to");
	for (c = 0; c < nb; c++)
		dn_aging_bucket_name(pr->sp->bounds, pr->sp->nbounds, c, buf[1 + c]);
	snprintf(buf[nb + 1], 32, "%s", pr->fr ? "payé" : "paid");
	snprintf(buf[nb + 2], 32, "%s", pr->fr ? "perte" : "written off");
	dn_table_add(t, cells);
	for (b = 0; b < nb; b++) {
		if (dn_kpi_roll_share(s, b, 0, &share) != 0)
			continue;
		dn_aging_bucket_name(pr->sp->bounds, pr->sp->nbounds, b, buf[0]);
		for (k = 1; k < ncols; k++) {
			c = k <= nb ? k - 1 : (k == nb + 1 ? DN_KPI_ROLL_PAID : DN_KPI_ROLL_WO);
			dn_kpi_roll_share(s, b, c, &share);
			human(pr, share, 2, buf[k]);
		}
		dn_table_add(t, cells);
	}
	dn_table_print(t, pr->out);
	dn_table_free(t);
	return 0;
}

static int print_table(struct printer *pr, dn_kpi_group *const *g, size_t n)
{
	char from[11], to[11];
	int64_t cost[DN_KPI_NCHANNELS];
	size_t i;

	dn_date_format(pr->sp->from, from);
	dn_date_format(pr->sp->to, to);
	fprintf(pr->out, "%s %s .. %s\n", pr->fr ? "Indicateurs de recouvrement," : "Collection KPIs,",
		from, to);
	for (i = 0; i < n; i++) {
		putc('\n', pr->out);
		if (pr->o->by != NULL)
			fprintf(pr->out, "%s: %s\n", pr->o->by, g[i]->group);
		if (costs_of(pr, g[i], cost) != 0 || table_metrics(pr, g[i], cost) != 0 ||
		    table_aging(pr, g[i]) != 0 || (pr->o->roll_rates && table_roll(pr, g[i]) != 0))
			return pr->e->status;
	}
	return 0;
}

/* ---- svg: one metric over the periods ---- */

/* A value in hundredths of a major unit, for plotting. */
static int64_t plot_value(const dn_kpi_group *g, dn_metric m, int64_t v)
{
	if (!dn_metric_is_money(m) || g->decimals == 2)
		return v;
	if (g->decimals < 2)
		return v * dn_pow10(2 - g->decimals);
	return (int64_t)dn_div_round(v, dn_pow10(g->decimals - 2));
}

static int print_svg(struct printer *pr, dn_kpi_group *const *g, size_t n)
{
	size_t np = pr->sp->nperiods, i, p;
	dn_metric m = pr->o->chart;
	dn_svg_series *s = calloc(n ? n : 1, sizeof *s);
	int64_t *vals = calloc((n ? n : 1) * np, sizeof *vals);
	unsigned char *has = calloc((n ? n : 1) * np, 1);
	char (*labels)[160] = calloc(n ? n : 1, sizeof *labels), (*xl)[32] = calloc(np, sizeof *xl);
	const char **xp = calloc(np, sizeof *xp);
	char title[128], from[11], to[11], text[DN_MONEY_BUFSZ];
	int64_t cost[DN_KPI_NCHANNELS];
	dn_kpi_value v;
	int rc = 0;

	if (!s || !vals || !has || !labels || !xl || !xp) {
		rc = dn_error_set(pr->e, DN_EX_SOFTWARE, "out of memory");
		goto done;
	}
	for (p = 0; p < np; p++) {
		period_label(pr, &pr->sp->periods[p], xl[p]);
		xp[p] = xl[p];
	}
	for (i = 0; i < n; i++) {
		if (costs_of(pr, g[i], cost) != 0) {
			rc = pr->e->status;
			goto done;
		}
		for (p = 0; p < np; p++) {
			if ((rc = value_of(pr, g[i], p, m, cost, &v, text)) != 0)
				goto done;
			has[i * np + p] = !v.empty;
			vals[i * np + p] = v.empty ? 0 : plot_value(g[i], m, v.v);
		}
		if (pr->o->by != NULL)
			snprintf(labels[i], sizeof labels[i], "%s %s", g[i]->group, g[i]->currency);
		else
			snprintf(labels[i], sizeof labels[i], "%s", g[i]->currency);
		s[i].label = labels[i];
		s[i].v = vals + i * np;
		s[i].has = has + i * np;
	}
	dn_date_format(pr->sp->from, from);
	dn_date_format(pr->sp->to, to);
	snprintf(title, sizeof title, "%s, %s .. %s", dn_metric_name(m), from, to);
	if (dn_svg_line_chart(pr->out, title, dn_metric_name(m), xp, np, s, n) != 0)
		rc = dn_error_set(pr->e, DN_EX_DATAERR, "nothing to chart (no items) or a value "
							"too large to chart");
done:
	free(s);
	free(vals);
	free(has);
	free(labels);
	free(xl);
	free(xp);
	return rc;
}

int dn_kpi_print(dn_kpi *k, const dn_config *cfg, const dn_kpi_print_opts *o, FILE *out,
		 dn_kpi_note_fn note, void *note_ctx, dn_error *e)
{
	struct printer pr;
	dn_kpi_group *const *g;
	size_t n;
	int rc;
	const char *lang = dn_config_get(cfg, "general", "language");

	memset(&pr, 0, sizeof pr);
	pr.k = k;
	pr.sp = dn_kpi_spec_of(k);
	pr.cfg = cfg;
	pr.o = o;
	pr.out = out;
	pr.note = note;
	pr.note_ctx = note_ctx;
	pr.e = e;
	pr.fr = lang != NULL && strcmp(lang, "fr") == 0;
	pr.nmetrics = pr.sp->journal ? DN_M_COUNT : DN_M_FIRST_JOURNAL;
	if ((g = dn_kpi_groups(k, &n)) == NULL && n > 0)
		return dn_error_set(e, DN_EX_SOFTWARE, "out of memory");
	/* A [costs] value a currency cannot hold is a configuration error:
	 * found before anything is written. */
	for (size_t i = 0; i < n; i++) {
		int64_t cost[DN_KPI_NCHANNELS];
		if (costs_of(&pr, g[i], cost) != 0)
			return e->status;
	}
	switch (o->format) {
	case DN_KPI_TABLE:
		return print_table(&pr, g, n);
	case DN_KPI_SVG:
		return print_svg(&pr, g, n);
	default:
		break;
	}
	pr.sink = dn_out_new(out, o->format == DN_KPI_JSON ? DN_OUT_JSON : DN_OUT_CSV, cfg,
			    o->excel_safe, e);
	if (pr.sink == NULL)
		return e->status;
	rc = print_rows(&pr, g, n);
	if (dn_out_close(pr.sink, rc == 0, rc == 0 ? e : &(dn_error){0}) != 0 && rc == 0)
		rc = e->status;
	dn_out_free(pr.sink);
	return rc;
}
