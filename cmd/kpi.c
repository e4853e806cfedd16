/* kpi - how well collection works.
 *
 * Reads the journal (with --journal), then streams the items: each adds to
 * a fixed set of sums per period, group and currency (libdunning kpi.c),
 * so memory never grows with rows.  --partial writes those sums, --merge
 * adds partial files up and prints what one run over all the items would.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dunning.h"

static const char usage[] =
	"usage: kpi [options] [FILE ...]\n"
	"       kpi --merge [options] PARTIAL ...\n"
	"Collection metrics per currency over a period (items CSV on stdin or FILEs).\n"
	"      --from DATE       first day of the period (default: --to - 89 days)\n"
	"      --to DATE         last day of the period (default: as-of)\n"
	"      --every P         one period per calendar month or quarter (month|quarter)\n"
	"      --by FIELD        the metrics per value of FIELD (a first column)\n"
	"      --journal FILE    the history: promises, contacts, costs, legal action\n"
	"      --roll-rates      where each bucket's balance at --from stands at --to\n"
	"      --format F        csv (default), table, json or svg\n"
	"      --chart METRIC    the metric --format svg draws\n"
	"      --partial         write the sums (mergeable), not the metrics\n"
	"      --merge           add up the --partial files named and print the metrics\n";

enum { OPT_FROM = 300, OPT_TO, OPT_EVERY, OPT_BY, OPT_JOURNAL, OPT_ROLL, OPT_FORMAT,
       OPT_CHART, OPT_PARTIAL, OPT_MERGE };

struct kpi_opts {
	const char *from, *to, *by, *journal, *chart;
	dn_kpi_every every;
	int roll_rates, partial, merge, format_given, every_given;
	dn_kpi_format format;
};

static const struct option long_opts[] = {
	{"from", required_argument, NULL, OPT_FROM},
	{"to", required_argument, NULL, OPT_TO},
	{"every", required_argument, NULL, OPT_EVERY},
	{"by", required_argument, NULL, OPT_BY},
	{"journal", required_argument, NULL, OPT_JOURNAL},
	{"roll-rates", no_argument, NULL, OPT_ROLL},
	{"format", required_argument, NULL, OPT_FORMAT},
	{"chart", required_argument, NULL, OPT_CHART},
	{"partial", no_argument, NULL, OPT_PARTIAL},
	{"merge", no_argument, NULL, OPT_MERGE},
	{NULL, 0, NULL, 0},
};

static int on_option(int code, const char *arg, void *ctx, dn_error *e)
{
	struct kpi_opts *o = ctx;
	int k;

	switch (code) {
	case OPT_FROM:
		o->from = arg;
		return 0;
	case OPT_TO:
		o->to = arg;
		return 0;
	case OPT_EVERY:
		if ((k = dn_option_pick("--every", arg, "month|quarter", e)) < 0)
			return DN_EX_USAGE;
		o->every = k == 0 ? DN_EVERY_MONTH : DN_EVERY_QUARTER;
		o->every_given = 1;
		return 0;
	case OPT_BY:
		o->by = arg;
		return 0;
	case OPT_JOURNAL:
		if (strcmp(arg, "-") == 0)
			return dn_option_error(e, "--journal",
					       "the journal is a file (it is read twice), "
					       "not standard input",
					       NULL);
		o->journal = arg;
		return 0;
	case OPT_ROLL:
		o->roll_rates = 1;
		return 0;
	case OPT_FORMAT:
		/* The choices are listed in the order of dn_kpi_format. */
		if ((k = dn_option_pick("--format", arg, "csv|table|json|svg", e)) < 0)
			return DN_EX_USAGE;
		o->format = (dn_kpi_format)k;
		o->format_given = 1;
		return 0;
	case OPT_CHART:
		o->chart = arg;
		return 0;
	case OPT_PARTIAL:
		o->partial = 1;
		return 0;
	case OPT_MERGE:
		o->merge = 1;
		return 0;
	default:
		return -1;
	}
}

/* Everything one run needs. */
struct run {
	struct kpi_opts o;
	dn_common common;
	dn_config *cfg;
	dn_csv_reader *rd;
	dn_item_schema schema;
	dn_rejects *rej;
	dn_jstats *js;
	dn_kpi *k;
	dn_kpi_period periods[DN_KPI_MAX_PERIODS];
	dn_date from, to;
	int col_group;   /* --by column, or -1 */
	char *merged_by; /* the --by of merged partial files */
};

static int report(const dn_error *e)
{
	char buf[1280];

	fputs(dn_diagnostic("kpi", e, buf, sizeof buf), stderr);
	return e->status;
}

static void note(const char *text, void *ctx)
{
	(void)ctx;
	fprintf(stderr, "kpi: %s\n", text);
}

/* Option combinations that make no sense, before anything is read. */
static int check_options(const struct kpi_opts *o, dn_error *e)
{
	int chart = o->chart ? dn_metric_from_name(o->chart) : 0;

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

/* A date option, read like the data (canonical or [input] date_format). */
static int option_date(const struct run *r, const char *opt, const char *arg, dn_date *out,
		       dn_error *e)
{
	if (dn_date_parse(arg, strlen(arg), dn_config_input(r->cfg)->date, out) != 0)
		return dn_option_error(e, opt, "not a date (YYYY-MM-DD or [input] date_format)",
				       arg);
	return 0;
}

static int make_spec(struct run *r, dn_error *e)
{
	dn_kpi_spec sp;
	long n;

	r->to = r->common.as_of;
	if (r->o.to && option_date(r, "--to", r->o.to, &r->to, e) != 0)
		return e->status;
	if (r->to > r->common.as_of)
		return dn_option_error(e, "--to", "after as-of (the future is not known yet)",
				       r->o.to);
	r->from = r->to - 89;
	if (r->o.from && option_date(r, "--from", r->o.from, &r->from, e) != 0)
		return e->status;
	if (r->from > r->to)
		return dn_option_error(e, "--from", "after --to", r->o.from);
	n = dn_kpi_periods(r->from, r->to, r->o.every, r->periods, DN_KPI_MAX_PERIODS);
	if (n < 0)
		return dn_option_error(e, "--every", "too many periods", NULL);
	memset(&sp, 0, sizeof sp);
	sp.from = r->from;
	sp.to = r->to;
	sp.every = r->o.every;
	sp.periods = r->periods;
	sp.nperiods = (size_t)n;
	sp.bounds = dn_config_buckets(r->cfg, &sp.nbounds);
	sp.journal = r->o.journal != NULL;
	if ((r->k = dn_kpi_new(&sp)) == NULL)
		return dn_error_set(e, DN_EX_SOFTWARE, "out of memory");
	return 0;
}

static int read_journal(struct run *r, dn_error *e)
{
	dn_journal_info info;
	int rc;

	if (r->o.journal == NULL)
		return 0;
	rc = dn_jstats_read(r->o.journal, r->cfg, r->k, NULL, NULL, &r->js, &info, e);
	if (rc == 0 && info.missing)
		fprintf(stderr, "kpi: %s: no journal yet: no history used\n", r->o.journal);
	if (rc == 0 && info.unterminated_line > 0)
		fprintf(stderr, "kpi: %s:%ld: unterminated last line ignored\n", r->o.journal,
			info.unterminated_line);
	return rc;
}

static int setup(struct run *r, int argc, char **argv, int first, dn_error *e)
{
	const char *by;

	if ((r->cfg = dn_config_load(r->common.config, e)) == NULL || make_spec(r, e) != 0)
		return e->status;
	if (r->o.journal != NULL && dn_journal_check(r->o.journal, e) != 0)
		return e->status;
	r->rd = dn_csv_reader_new((const char *const *)argv + first, (size_t)(argc - first),
				  dn_config_input(r->cfg)->delimiter, e);
	if (r->rd == NULL || dn_item_schema_init(&r->schema, r->rd, r->cfg, e) != 0)
		return e->status;
	r->schema.as_of = r->common.as_of;
	r->col_group = -1;
	if (r->o.by != NULL) {
		by = dn_config_column(r->cfg, r->o.by);
		if ((r->col_group = dn_csv_find(r->rd, by)) < 0) {
			dn_error_set(e, DN_EX_USAGE, "no such column in the input");
			dn_error_where(e, dn_csv_header(r->rd)->file, dn_csv_header(r->rd)->line);
			dn_error_subject(e, "column", r->o.by);
			return DN_EX_USAGE;
		}
	}
	if (read_journal(r, e) != 0)
		return e->status;
	if (r->common.rejects != NULL &&
	    (r->rej = dn_rejects_open(r->common.rejects, r->rd, e)) == NULL)
		return e->status;
	return 0;
}

static int use_item(struct run *r, const dn_row *row, const dn_item *it, dn_error *e)
{
	const char *group = r->col_group >= 0 ? row->v[r->col_group] : "";
	size_t len = r->col_group >= 0 ? row->len[r->col_group] : 0;
	dn_date legal = r->to + 1;

	if (r->js != NULL && dn_item_exists_at(it, r->to) &&
	    dn_jstats_see_item(r->js, it, group, len, &legal, e) != 0)
		return e->status;
	return dn_kpi_add_item(r->k, group, len, it, legal, e);
}

static int read_items(struct run *r, dn_error *e)
{
	dn_row row;
	dn_item it;
	int rc;

	while ((rc = dn_next_row(r->rd, r->rej, &row, e)) == 1) {
		if (dn_item_read(&r->schema, &row, &it, e) != 0) {
			if (dn_reject(r->rej, &row, e) != 0)
				return e->status;
			continue;
		}
		if ((rc = use_item(r, &row, &it, e)) == DN_EX_DATAERR) {
			dn_error_where(e, row.file, row.line);
			dn_error_subject(e, "column", "amount");
			if (dn_reject(r->rej, &row, e) != 0)
				return rc;
		} else if (rc != 0) {
			return rc;
		}
	}
	if (rc < 0)
		return e->status;
	return r->js != NULL ? dn_jstats_finish(r->js, r->k, e) : 0;
}

static int merge(struct run *r, int argc, char **argv, int first, dn_error *e)
{
	const char *stdin_only[1] = {"-"};
	const char *const *paths = first < argc ? (const char *const *)argv + first : stdin_only;
	size_t n = first < argc ? (size_t)(argc - first) : 1, i;
	int rc;

	if (r->common.rejects != NULL)
		return dn_option_error(e, "--rejects", "not with --merge", NULL);
	if ((r->cfg = dn_config_load(r->common.config, e)) == NULL)
		return e->status;
	for (i = 0; i < n; i++) {
		rc = dn_kpi_merge_file(&r->k, paths[i], ',', dn_config_currencies(r->cfg),
				       &r->merged_by, e);
		if (rc != 0)
			return rc;
	}
	if (r->o.chart && dn_metric_from_name(r->o.chart) >= DN_M_FIRST_JOURNAL &&
	    !dn_kpi_spec_of(r->k)->journal)
		return dn_option_error(e, "--chart", "a journal metric needs --journal",
				       r->o.chart);
	return 0;
}

static int output(struct run *r, dn_error *e)
{
	dn_kpi_print_opts po;

	if (r->o.partial)
		return dn_kpi_write_partial(r->k, r->o.by, stdout, e);
	memset(&po, 0, sizeof po);
	po.format = r->o.format;
	po.by = r->o.merge ? r->merged_by : r->o.by;
	po.roll_rates = r->o.roll_rates;
	po.chart = r->o.chart ? (dn_metric)dn_metric_from_name(r->o.chart) : DN_M_DSO;
	po.excel_safe = r->common.excel_safe;
	return dn_kpi_print(r->k, r->cfg, &po, stdout, note, NULL, e);
}

static const dn_tool tool = {"kpi", usage, long_opts, "", on_option};

int main(int argc, char **argv)
{
	struct run *r = calloc(1, sizeof *r);
	dn_error e;
	int first, rc;

	dn_error_clear(&e);
	if (r == NULL) {
		dn_error_set(&e, DN_EX_SOFTWARE, "out of memory");
		return report(&e);
	}
	first = dn_options_start(&tool, argc, argv, &r->o, &r->common, &e);
	if (first <= 0) {
		free(r);
		return first == 0 ? 0 : report(&e);
	}
	rc = check_options(&r->o, &e);
	if (rc == 0 && r->o.merge)
		rc = merge(r, argc, argv, first, &e);
	else if (rc == 0 && (rc = setup(r, argc, argv, first, &e)) == 0)
		rc = read_items(r, &e);
	if (rc == 0)
		rc = output(r, &e);
	if (rc != 0)
		report(&e);
	rc = dn_finish_run(r->rej, rc, report);
	dn_jstats_free(r->js);
	dn_kpi_free(r->k);
	dn_csv_reader_free(r->rd);
	dn_config_free(r->cfg);
	free(r->merged_by);
	free(r);
	return rc;
}
