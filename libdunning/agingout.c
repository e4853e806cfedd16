/* agingout.c - aging's summary written out. */
#include "agingout.h"

#define NO_COL ((size_t)-1)

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
