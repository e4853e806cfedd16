/* kpi - how well collection works.
 *
 * Reads the journal (with --journal), then streams the items: each adds to
 * a fixed set of sums per period, group and currency (libdunning kpi.c),
 * so memory never grows with rows.  --partial writes those sums, --merge
 * adds partial files up and prints what one run over all the items would.
 * The checks of the options and what they write are in kpiopt.h.
 */
#include <stdio.h>
#include <stdlib.h>

#include "dunning.h"

static const char usage[] =
	"usage: kpi [options] [FILE ...]\n"
	"       kpi --merge [options] PARTIAL ...\n"
	"Collection metrics per currency over a period (items CSV on stdin or FILEs).\n";

static const dn_optspec options[] = {
	DN_TEXT("from", 0, DN_OPT_TEXT, dn_kpi_opts, from, "DATE",
		"first day of the period (default: --to - 89 days)"),
	DN_TEXT("to", 0, DN_OPT_TEXT, dn_kpi_opts, to, "DATE",
		"last day of the period (default: as-of)"),
	DN_PICK_G("every", dn_kpi_opts, every, "month|quarter", DN_EVERY_MONTH, every_given,
		  "P", "one period per calendar month or quarter (month|quarter)"),
	DN_TEXT("by", 0, DN_OPT_NAME, dn_kpi_opts, by, "FIELD",
		"the metrics per value of FIELD (a first column)"),
	DN_TEXT("journal", 0, DN_OPT_FILE, dn_kpi_opts, journal, "FILE",
		"the history: promises, contacts, costs, legal action"),
	DN_FLAG("roll-rates", 0, dn_kpi_opts, roll_rates,
		"where each bucket's balance at --from stands at --to"),
	DN_PICK_G("format", dn_kpi_opts, format, "csv|table|json|svg", DN_KPI_CSV,
		  format_given, "F", "csv (default), table, json or svg"),
	DN_TEXT("chart", 0, DN_OPT_TEXT, dn_kpi_opts, chart, "METRIC",
		"the metric --format svg draws"),
	DN_FLAG("partial", 0, dn_kpi_opts, partial,
		"write the sums (mergeable), not the metrics"),
	DN_FLAG("merge", 0, dn_kpi_opts, merge,
		"add up the --partial files named and print the metrics"),
	DN_END,
};

/* What kpi keeps beside the shared run. */
struct kpi {
	dn_kpi_opts o;
	dn_jstats *js;
	dn_kpi *k;
	int col_group;   /* --by column, or -1 */
	char *merged_by; /* the --by of merged partial files */
};

static void note(const char *text, void *ctx)
{
	dn_run_say(ctx, "%s", text);
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

/* --merge: the partial files named (stdin when none) added up. */
static int merge(dn_run *r, struct kpi *k)
{
	if (dn_kpi_merge_files(&k->k, (const char *const *)r->operands, r->noperands, ',',
			       dn_config_currencies(r->cfg), &k->merged_by, &r->e) != 0)
		return r->e.status;
	return dn_kpi_opts_check_merged(&k->o, k->k, &r->e);
}

/* The one writer to stderr, handed to the run (libdunning never prints). */
static void say(const char *text)
{
	fputs(text, stderr);
}

static const dn_tool tool = {.name = "kpi", .usage = usage, .spec = options,
			      .check = dn_kpi_opts_check};

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
		rc = dn_kpi_opts_output(&k->o, k->k, k->merged_by, r.cfg, r.common.excel_safe,
					stdout, note, &r, &r.e);
	dn_jstats_free(k->js);
	dn_kpi_free(k->k);
	free(k->merged_by);
	return dn_run_finish(&r, rc);
}
