/* kpiopt.c - kpi's options checked, and turned into what is written. */
#include "kpiopt.h"

#include <string.h>

/* A journal metric charted from sums without the journal's. */
static int chart_needs_journal(const dn_kpi_opts *o, int journal, dn_error *e)
{
	if (o->chart && dn_metric_from_name(o->chart) >= DN_M_FIRST_JOURNAL && !journal)
		return dn_option_error(e, "--chart", "a journal metric needs --journal", o->chart);
	return 0;
}

int dn_kpi_opts_check(const void *opts, const dn_common *c, int noperands, dn_error *e)
{
	const dn_kpi_opts *o = opts;
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
	/* With --merge, the partial files say whether there was a journal. */
	return o->merge ? 0 : chart_needs_journal(o, o->journal != NULL, e);
}

int dn_kpi_opts_check_merged(const dn_kpi_opts *o, const dn_kpi *k, dn_error *e)
{
	return chart_needs_journal(o, dn_kpi_spec_of(k)->journal, e);
}

int dn_kpi_opts_output(const dn_kpi_opts *o, dn_kpi *k, const char *merged_by,
		       const dn_config *cfg, int excel_safe, FILE *out, dn_kpi_note_fn note,
		       void *ctx, dn_error *e)
{
	dn_kpi_print_opts po;

	if (o->partial)
		return dn_kpi_write_partial(k, o->by, out, e);
	memset(&po, 0, sizeof po);
	po.format = o->format;
	po.by = o->merge ? merged_by : o->by;
	po.roll_rates = o->roll_rates;
	po.chart = o->chart ? (dn_metric)dn_metric_from_name(o->chart) : DN_M_DSO;
	po.excel_safe = excel_safe;
	return dn_kpi_print(k, cfg, &po, out, note, ctx, e);
}
