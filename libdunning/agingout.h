/* agingout.h - aging's summary written out: one row per group and
 * currency (the --by value, the currency, one column per bucket, total),
 * sorted as dn_aging_summary_groups sorts them, with per-currency totals
 * and shares in the table. */
#ifndef DN_AGINGOUT_H
#define DN_AGINGOUT_H

#include "aging.h"
#include "out.h"

/* Write the summary s on o (nothing declared on o yet).  by: the --by
 * column's name, or NULL when the groups are the currencies (no name
 * twice: no group column, but in the table an unnamed one); names: the
 * bucket names (nbuckets of them; read only: C before C23 cannot take a
 * char[][24] as const).  Returns 0, or a status with e filled. */
int dn_aging_summary_write(dn_aging_summary *s, dn_out *o, const char *by, int table,
			   char (*names)[24], size_t nbuckets, dn_error *e);

#endif
