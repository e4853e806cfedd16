/* kpiopt.h - kpi's options: the values its table reads, the checks
 * between them, and what they ask of the output.
 *
 * A run either adds the items (and the journal) up and prints the metrics,
 * or writes the sums (--partial), or adds partial files up (--merge) and
 * prints what one run over all the items would.  The table itself stays
 * in cmd/kpi.c.
 */
#ifndef DN_KPIOPT_H
#define DN_KPIOPT_H

#include <stdio.h>

#include "config.h"
#include "error.h"
#include "kpi.h"
#include "kpiout.h"
#include "options.h"

/* What kpi's options say.  Strings are borrowed from argv. */
typedef struct dn_kpi_opts {
	const char *from, *to, *by, *journal, *chart;
	dn_kpi_every every;
	int roll_rates, partial, merge, format_given, every_given;
	dn_kpi_format format;
} dn_kpi_opts;

/* The checks between options before anything is read (dn_tool.check; opts
 * a dn_kpi_opts): --partial and --merge apart, and each with only the
 * options it takes; --chart a metric, given with --format svg, and a
 * journal metric only with --journal (or --merge, see below).  0, or
 * DN_EX_USAGE with e naming the option. */
int dn_kpi_opts_check(const void *opts, const dn_common *c, int noperands, dn_error *e);

/* After --merge: a journal metric charted needs partial files made with
 * --journal (k's spec).  0, or DN_EX_USAGE naming --chart. */
int dn_kpi_opts_check_merged(const dn_kpi_opts *o, const dn_kpi *k, dn_error *e);

/* Write k to out as the options ask: its sums (--partial, with --by), else
 * its metrics in --format (by: merged_by with --merge, else --by;
 * --roll-rates, --chart) with cfg's [output] settings, note told of each
 * empty value (ctx: its context).  0, or a status with e filled, as
 * dn_kpi_write_partial and dn_kpi_print. */
int dn_kpi_opts_output(const dn_kpi_opts *o, dn_kpi *k, const char *merged_by,
		       const dn_config *cfg, int excel_safe, FILE *out, dn_kpi_note_fn note,
		       void *ctx, dn_error *e);

#endif
