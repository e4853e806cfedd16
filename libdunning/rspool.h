/* rspool.h - remind's overdue rows, kept on disk and given back per
 * customer, so that its memory follows customers, not items.
 *
 * A message lists every overdue invoice of its customer, and items come in
 * any order: the rows must wait somewhere until the last item is read.
 * They wait in an unlinked temporary file (in $TMPDIR, default /tmp), each
 * under the number of its (customer, currency) group.  Once the groups are
 * ranked (the order of the output), the file is split into buckets of
 * consecutive ranks, each small enough to load (about DN_RSPOOL_BUCKET
 * bytes), and the rows of rank 0, 1, 2, ... are handed back in turn, one
 * bucket in memory at a time.
 */
#ifndef DN_RSPOOL_H
#define DN_RSPOOL_H

#include <stddef.h>
#include <stdint.h>

#include "date.h"
#include "error.h"

#define DN_RSPOOL_BUCKET (4u << 20)

/* One overdue row of an item. */
typedef struct dn_rrow {
	const char *id;      /* the invoice; borrowed (see dn_rspool_rows) */
	uint32_t len;
	int32_t days;        /* days overdue */
	dn_date issue, due;
	int64_t balance, interest;
	int interest_overflow;
} dn_rrow;

typedef struct dn_rspool dn_rspool;

/* An empty spool (its file created now).  Returns NULL with e filled:
 * DN_EX_IOERR when the temporary file cannot be made, DN_EX_SOFTWARE.
 * Free with dn_rspool_free (NULL is a no-op; the file goes with it). */
dn_rspool *dn_rspool_new(dn_error *e);
void dn_rspool_free(dn_rspool *s);

/* Keep row r (its id copied) of group number group.  Returns 0, or
 * DN_EX_IOERR with e filled. */
int dn_rspool_put(dn_rspool *s, uint32_t group, const dn_rrow *r, dn_error *e);

/* No more rows: rank[g] is the rank of group g (0 .. nranks-1, each at
 * most once) or UINT32_MAX to drop its rows; rank (ngroups entries) is
 * borrowed until this returns.  Returns 0, or DN_EX_IOERR /
 * DN_EX_SOFTWARE with e filled. */
int dn_rspool_rank(dn_rspool *s, const uint32_t *rank, uint32_t ngroups, uint32_t nranks,
		   dn_error *e);

/* The rows of rank, in the order they were put: *rows[0..*n), valid until
 * the next call.  Ranks must be asked in increasing order.  Returns 0, or
 * DN_EX_IOERR / DN_EX_SOFTWARE with e filled. */
int dn_rspool_rows(dn_rspool *s, uint32_t rank, const dn_rrow **rows, size_t *n, dn_error *e);

#endif
