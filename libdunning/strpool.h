/* strpool.h - copies of strings that live as long as their pool.
 *
 * The ledger copies many small strings (customer names, the texts of the
 * lines of the entry being gathered): one malloc each would cost more than
 * the copy.  They go into 64 KiB blocks instead.  A zeroed dn_strpool is an
 * empty pool (embed it, no _new); dn_strpool_reset forgets every string at
 * once and dn_strpool_free gives the memory back.
 */
#ifndef DN_STRPOOL_H
#define DN_STRPOOL_H

#include <stddef.h>

typedef struct dn_strblock dn_strblock;

typedef struct dn_strpool {
	dn_strblock *head; /* the newest block: strings are taken from it */
} dn_strpool;

/* A NUL-terminated copy of s[0..len), owned by the pool: valid until
 * dn_strpool_reset or dn_strpool_free.  NULL when out of memory. */
char *dn_strpool_dup(dn_strpool *p, const char *s, size_t len);

/* Forget every string (each pointer handed out goes stale); the newest
 * block is kept for reuse, the others are freed. */
void dn_strpool_reset(dn_strpool *p);

/* Free every block; the pool is empty again (reusable).  An empty pool
 * is a no-op. */
void dn_strpool_free(dn_strpool *p);

#endif
