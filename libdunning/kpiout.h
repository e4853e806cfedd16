/* kpiout.h - kpi's results written out: CSV rows, JSON Lines, a report
 * for people (table) and an SVG chart of one metric over the periods.
 *
 * The same sums always print the same bytes, whether they were added up
 * in one run or merged from partial files: nothing here depends on as-of,
 * the inputs' names or the order items were read in.
 */
#ifndef DN_KPIOUT_H
#define DN_KPIOUT_H

#include <stdio.h>

#include "config.h"
#include "kpi.h"

typedef enum dn_kpi_format { DN_KPI_CSV, DN_KPI_TABLE, DN_KPI_JSON, DN_KPI_SVG } dn_kpi_format;

typedef struct dn_kpi_print_opts {
	dn_kpi_format format;
	const char *by;    /* the --by field (first column), or NULL */
	int roll_rates;    /* --roll-rates */
	dn_metric chart;   /* the --chart metric (svg) */
	int excel_safe;
} dn_kpi_print_opts;

/* Told each value left empty for a zero denominator (one line of text,
 * without the tool's name). */
typedef void (*dn_kpi_note_fn)(const char *note, void *ctx);

/* Print k's metrics in o's format to out (cfg: [output] delimiter,
 * [general] language, [costs]).  Returns 0 (a write error shows when out
 * is closed), DN_EX_CONFIG for a [costs] value the currency cannot hold,
 * DN_EX_DATAERR for a value out of range, DN_EX_SOFTWARE (no memory). */
int dn_kpi_print(dn_kpi *k, const dn_config *cfg, const dn_kpi_print_opts *o, FILE *out,
		 dn_kpi_note_fn note, void *note_ctx, dn_error *e);

#endif
