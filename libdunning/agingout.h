/* agingout.h - aging's output: each open item with its balance, days
 * overdue and bucket, or the summary, one row per group and currency (the
 * --by value, the currency, one column per bucket, total), sorted as
 * dn_aging_summary_groups sorts them, with per-currency totals and shares
 * in the table. */
#ifndef DN_AGINGOUT_H
#define DN_AGINGOUT_H

#include "aging.h"
#include "csvio.h"
#include "item.h"
#include "out.h"

/* The output columns of aging's row mode (ids on its dn_out). */
typedef struct dn_aging_cols {
	int table; /* customer, invoice, due date and currency shown first */
	size_t cust, inv, due, cur, bal, days, bucket;
} dn_aging_cols;

/* Declare row mode's columns on o: the columns of rd's input (csv, json)
 * or customer, invoice, due_date and currency (table), then balance (named
 * balance_name), days_overdue and bucket, each written in place when the
 * input has it already, so that aging | aging is aging. */
void dn_aging_rows_declare(dn_out *o, const dn_csv_reader *rd, const char *balance_name,
			   int table, dn_aging_cols *c);

/* Write the row of item it (read from row) aged as ag, its bucket named
 * bucket.  Returns 0, or a status with e filled. */
int dn_aging_row_write(dn_out *o, const dn_aging_cols *c, const dn_row *row, const dn_item *it,
		       const dn_aged *ag, const char *bucket, dn_error *e);

/* Write the summary s on o (nothing declared on o yet).  by: the --by
 * column's name, or NULL when the groups are the currencies (no name
 * twice: no group column, but in the table an unnamed one); names: the
 * bucket names (nbuckets of them; read only: C before C23 cannot take a
 * char[][24] as const).  Returns 0, or a status with e filled. */
int dn_aging_summary_write(dn_aging_summary *s, dn_out *o, const char *by, int table,
			   char (*names)[24], size_t nbuckets, dn_error *e);

#endif
