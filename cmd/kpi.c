/* kpi - how well collection works.
 *
 * Reads the journal (with --journal), then streams the items: each adds to
 * a fixed set of sums per period, group and currency (libdunning kpi.c),
 * so memory never grows with rows.  --partial writes those sums, --merge
 * adds partial files up and prints what one run over all the items would.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dunning.h"

struct kpi_opts {
	const char *from, *to, *by, *journal, *chart;
	dn_kpi_every every;
	int roll_rates, partial, merge, format_given, every_given;
	dn_kpi_format format;
};

static const char usage[] =
	"usage: kpi [options] [FILE ...]\n"
	"       kpi --merge [options] PARTIAL ...\n"
	"Collection metrics per currency over a period (items CSV on stdin or FILEs).\n";

static const dn_optspec options[] = {
	DN_TEXT("from", 0, DN_OPT_TEXT, struct kpi_opts, from, "DATE",
		"first day of the period (default: --to - 89 days)"),
	DN_TEXT("to", 0, DN_OPT_TEXT, struct kpi_opts, to, "DATE",
		"last day of the period (default: as-of)"),
	DN_PICK_G("every", struct kpi_opts, every, "month|quarter", DN_EVERY_MONTH, every_given,
		  "P", "one period per calendar month or quarter (month|quarter)"),
	DN_TEXT("by", 0, DN_OPT_NAME, struct kpi_opts, by, "FIELD",
		"the metrics per value of FIELD (a first column)"),
	DN_TEXT("journal", 0, DN_OPT_FILE, struct kpi_opts, journal, "FILE",
		"the history: promises, contacts, costs, legal action"),
	DN_FLAG("roll-rates", 0, struct kpi_opts, roll_rates,
		"where each bucket's balance at --from stands at --to"),
	DN_PICK_G("format", struct kpi_opts, format, "csv|table|json|svg", DN_KPI_CSV,
		  format_given, "F", "csv (default), table, json or svg"),
	DN_TEXT("chart", 0, DN_OPT_TEXT, struct kpi_opts, chart, "METRIC",
		"the metric --format svg draws"),
	DN_FLAG("partial", 0, struct kpi_opts, partial,
		"write the sums (mergeable), not the metrics"),
	DN_FLAG("merge", 0, struct kpi_opts, merge,
		"add up the --partial files named and print the metrics"),
	DN_END,
};

/* What kpi keeps beside the shared run. */
struct kpi {
	struct kpi_opts o;
	dn_jstats *js;
	dn_kpi *k;
	int col_group;   /* --by column, or -1 */
	char *merged_by; /* the --by of merged partial files */
};

static void note(const char *text, void *ctx)
{
	dn_run_say(ctx, "%s", text);
}

/* Option combinations that make no sense, before anything is read. */
static int check_options(const void *opts, const dn_common *c, int noperands, dn_error *e)
{
	const struct kpi_opts *o = opts;
	int chart = o->chart ? dn_metric_from_name(o->chart) : 0;

	(void)noperands;
	if (o->merge && c->rejects != NULL)
		return dn_option_error(e, "--rejects", "not with --merge", NULL);
	if (o->partial && o->merge)
		return dn_option_error(e, "--partial", "not with --merge", NULL);
	if (o->partial && (o->format_given || o->roll_rates || o->chart))
		return dn_option_error(e, "--partial",
				       "writes sums: --format, --chart and --roll-rates go to "
				       "--merge",
				       NULL);
	if (o->merge && (o->from || o->to || o->every_given || o->by || o->journal))
		return dn_option_error(e, "--merge",
				       "the partial files say --from, --to, --every, --by and "
				       "--journal",
				       NULL);
	if (chart < 0)
		return dn_option_error(e, "--chart", "not a metric", o->chart);
	if ((o->format == DN_KPI_SVG) != (o->chart != NULL))
		return dn_option_error(e, o->chart ? "--chart" : "--format",
				       "--format svg and --chart METRIC go together", NULL);
	if (o->chart && chart >= DN_M_FIRST_JOURNAL && !o->merge && !o->journal)
		return dn_option_error(e, "--chart", "a journal metric needs --journal", o->chart);
	return 0;
}

/* Journal events are filtered by --shard like the items. */
static int keeps(const char *customer, size_t len, void *ctx)
{
	return dn_run_keeps(ctx, customer, len);
}

static int read_journal(dn_run *r, struct kpi *k)
{
	dn_journal_info info;

	if (k->o.journal == NULL)
		return 0;
	if (dn_jstats_read(k->o.journal, r->cfg, k->k, keeps, r, &k->js, &info, &r->e) != 0)
		return r->e.status;
	dn_run_journal_notes(r, k->o.journal, &info);
	return 0;
}

static int setup(dn_run *r, struct kpi *k)
{
	k->k = dn_kpi_for_run(r->cfg, r->common.as_of, k->o.from, k->o.to, k->o.every,
			      k->o.journal != NULL, &r->e);
	if (k->k == NULL)
		return r->e.status;
	if (k->o.journal != NULL && (dn_run_reads(r, k->o.journal, "the journal") != 0 ||
				     dn_journal_check(k->o.journal, &r->e) != 0))
		return r->e.status;
	if (dn_run_open_items(r) != 0)
		return r->e.status;
	k->col_group = -1;
	if (k->o.by != NULL && (k->col_group = dn_run_column(r, k->o.by)) < 0)
		return DN_EX_USAGE;
	return read_journal(r, k);
}

static int on_item(dn_run *r, void *ctx, const dn_row *row, const dn_item *it, dn_error *e)
{
	struct kpi *k = ctx;
	const char *group = k->col_group >= 0 ? row->v[k->col_group] : "";
	size_t len = k->col_group >= 0 ? row->len[k->col_group] : 0;
	dn_date to = dn_kpi_spec_of(k->k)->to, legal = to + 1;
	int rc;

	(void)r;
	if (k->js != NULL && dn_item_exists_at(it, to) &&
	    dn_jstats_see_item(k->js, it, group, len, &legal, e) != 0)
		return e->status;
	rc = dn_kpi_add_item(k->k, group, len, it, legal, e);
	if (rc == DN_EX_DATAERR)
		dn_error_subject(e, "column", "amount");
	return rc;
}

static int merge(dn_run *r, struct kpi *k)
{
	static const char *const stdin_only[1] = {"-"};
	const char *const *paths = r->noperands ? (const char *const *)r->operands : stdin_only;
	size_t n = r->noperands ? r->noperands : 1, i;

	for (i = 0; i < n; i++)
		if (dn_kpi_merge_file(&k->k, paths[i], ',', dn_config_currencies(r->cfg),
				      &k->merged_by, &r->e) != 0)
			return r->e.status;
	if (k->o.chart && dn_metric_from_name(k->o.chart) >= DN_M_FIRST_JOURNAL &&
	    !dn_kpi_spec_of(k->k)->journal)
		return dn_option_error(&r->e, "--chart", "a journal metric needs --journal",
				       k->o.chart);
	return 0;
}

static int output(dn_run *r, struct kpi *k)
{
	dn_kpi_print_opts po;

	if (k->o.partial)
		return dn_kpi_write_partial(k->k, k->o.by, stdout, &r->e);
	memset(&po, 0, sizeof po);
	po.format = k->o.format;
	po.by = k->o.merge ? k->merged_by : k->o.by;
	po.roll_rates = k->o.roll_rates;
	po.chart = k->o.chart ? (dn_metric)dn_metric_from_name(k->o.chart) : DN_M_DSO;
	po.excel_safe = r->common.excel_safe;
	return dn_kpi_print(k->k, r->cfg, &po, stdout, note, r, &r->e);
}

/* The one writer to stderr, handed to the run (libdunning never prints). */
static void say(const char *text)
{
	fputs(text, stderr);
}

static const dn_tool tool = {.name = "kpi", .usage = usage, .spec = options,
			      .late_as_of = 1, .check = check_options};

int main(int argc, char **argv)
{
	struct kpi kk = {0}, *k = &kk;
	dn_run r;
	int rc = dn_run_start(&r, &tool, argc, argv, &k->o, say);

	if (rc <= 0)
		return rc == 0 ? 0 : dn_run_finish(&r, r.e.status);
	if (k->o.merge)
		rc = merge(&r, k);
	else if ((rc = setup(&r, k)) == 0 &&
		 (rc = dn_run_items(&r, on_item, k)) == 0 && k->js != NULL)
		rc = dn_jstats_finish(k->js, k->k, &r.e);
	if (rc == 0)
		rc = output(&r, k);
	dn_jstats_free(k->js);
	dn_kpi_free(k->k);
	free(k->merged_by);
	return dn_run_finish(&r, rc);
}
