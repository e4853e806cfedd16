/* agingout.c - aging's output: its rows and its summary. */
#include "agingout.h"

#define NO_COL ((size_t)-1)
#define PREFETCH_AHEAD 8

void dn_aging_rows_declare(dn_out *o, const dn_csv_reader *rd, const char *balance_name,
			   int table, dn_aging_cols *c)
{
	c->table = table;
	if (table) {
		c->cust = dn_out_col(o, "customer", DN_CELL_TEXT);
		c->inv = dn_out_col(o, "invoice", DN_CELL_TEXT);
		c->due = dn_out_col(o, "due_date", DN_CELL_DATE);
		c->cur = dn_out_col(o, "currency", DN_CELL_TEXT);
		dn_out_totals(o, c->cur, c->inv, "item", "items");
	} else {
		dn_out_pass(o, dn_csv_header(rd));
	}
	c->bal = dn_out_col(o, dn_csv_header_name(rd, balance_name), DN_CELL_MONEY);
	c->days = dn_out_col(o, dn_csv_header_name(rd, "days_overdue"), DN_CELL_INT);
	c->bucket = dn_out_col(o, dn_csv_header_name(rd, "bucket"), DN_CELL_TEXT);
	dn_out_total_col(o, c->bal);
}

int dn_aging_row_write(dn_out *o, const dn_aging_cols *c, const dn_row *row, const dn_item *it,
		       const dn_aged *ag, const char *bucket, dn_error *e)
{
	if (c->table) {
		dn_out_text(o, c->cust, it->customer, it->customer_len);
		dn_out_text(o, c->inv, it->invoice, it->invoice_len);
		dn_out_date(o, c->due, it->due_date);
		dn_out_str(o, c->cur, it->currency);
	}
	dn_out_money(o, c->bal, ag->balance, it->decimals);
	dn_out_int(o, c->days, ag->days);
	dn_out_str(o, c->bucket, bucket);
	return dn_out_row(o, row, e);
}

int dn_aging_summary_write(dn_aging_summary *s, dn_out *o, const char *by, int table,
			   char (*names)[24], size_t nbuckets, dn_error *e)
{
	size_t n, i, k, c_group = NO_COL, c_cur, c_b[DN_AGING_MAX_BUCKETS], c_total;
	const dn_aging_group *const *g = dn_aging_summary_groups(s, &n);

	if (g == NULL && n > 0)
		return dn_error_set(e, DN_EX_SOFTWARE, "out of memory");
	if (by != NULL || table)
		c_group = dn_out_col(o, by != NULL ? by : "", DN_CELL_TEXT);
	c_cur = dn_out_col(o, "currency", DN_CELL_TEXT);
	for (k = 0; k < nbuckets; k++)
		c_b[k] = dn_out_col(o, names[k], DN_CELL_MONEY);
	c_total = dn_out_col(o, "total", DN_CELL_MONEY);
	for (k = 0; k < nbuckets; k++)
		dn_out_total_col(o, c_b[k]);
	dn_out_total_col(o, c_total);
	dn_out_totals(o, c_cur, NO_COL, NULL, NULL);
	dn_out_shares(o, c_total);
	dn_out_header(o);
	for (i = 0; i < n; i++) {
		/* In sorted order the records are read at random: ask for
		 * the ones a few rows on (a record takes two cache lines). */
		if (i + PREFETCH_AHEAD < n) {
			__builtin_prefetch(g[i + PREFETCH_AHEAD]);
			__builtin_prefetch((const char *)g[i + PREFETCH_AHEAD] + 64);
		}
		if (c_group != NO_COL)
			dn_out_text(o, c_group, g[i]->group, g[i]->group_len);
		dn_out_str(o, c_cur, g[i]->currency);
		for (k = 0; k < nbuckets; k++)
			dn_out_money(o, c_b[k], g[i]->bucket[k], g[i]->decimals);
		dn_out_money(o, c_total, g[i]->total, g[i]->decimals);
		if (dn_out_row(o, NULL, e) != 0)
			return e->status;
	}
	return 0;
}
