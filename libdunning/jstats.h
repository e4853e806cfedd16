/* jstats.h - what kpi needs from the journal: contacts and their costs,
 * promises kept and broken, legal action, per customer.
 *
 * The journal is read once (dn_journal_read_each) at the span's end; each
 * event of the span is counted for its customer (memory per customer of
 * the journal, never per row).  Items are then shown one by one: each
 * customer's counts go, at the end, to the group of its first item (the
 * empty group for a customer without items).
 */
#ifndef DN_JSTATS_H
#define DN_JSTATS_H

#include "config.h"
#include "journal.h"
#include "kpi.h"

typedef struct dn_jstats dn_jstats;

/* Customer filter (a shard): non-zero to keep the customer. */
typedef int (*dn_jstats_keep_fn)(const char *customer, size_t len, void *ctx);

/* Read the journal at path for k's span (as-of = its end).  keep may be
 * NULL (every customer).  Returns 0 with *out set (free with
 * dn_jstats_free), or dn_journal_read's statuses; info as there. */
int dn_jstats_read(const char *path, const dn_config *cfg, const dn_kpi *k,
		   dn_jstats_keep_fn keep, void *keep_ctx, dn_jstats **out,
		   dn_journal_info *info, dn_error *e);

/* Free; NULL is a no-op. */
void dn_jstats_free(dn_jstats *s);

/* Show an item (every item read, in order) with its group: promises learn
 * whether their invoices were settled, the customer's group is set by its
 * first item.  *legal_since: the customer's first legal event in the
 * item's currency, or a date after the span when none.  Returns 0 or
 * DN_EX_SOFTWARE (no memory). */
int dn_jstats_see_item(dn_jstats *s, const dn_item *it, const char *group, size_t group_len,
		       dn_date *legal_since, dn_error *e);

/* Add every customer's counts and promises to k, in its group.  Returns 0,
 * or the statuses of dn_kpi_add_at. */
int dn_jstats_finish(dn_jstats *s, dn_kpi *k, dn_error *e);

#endif
