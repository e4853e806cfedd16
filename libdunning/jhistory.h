/* jhistory.h - what remind needs from the journal besides promises, plans
 * and holds (journal.h): the dunning history of each invoice and customer.
 *
 * At as-of (events dated later have not happened yet), per customer:
 *  - per invoice, the highest level its reminder events reached (the
 *    INVOICE:LEVEL pairs of their invoices column; a bare INVOICE takes the
 *    event's level column);
 *  - per currency, the date of the last reminder (a reminder without a
 *    currency counts for every currency of the customer);
 *  - outbound messages (reminder events, any channel) and calls (call
 *    events) dated from as-of - 6 to as-of, all currencies together: the
 *    caps are about the person contacted;
 *  - the addresses wrong_contact events name in their note (compared with
 *    a channel's address ignoring case and surrounding spaces).
 * Filled by dn_journal_read_each (see dn_jhistory_on_event).
 * Memory grows with customers and invoices reminded, not with other rows.
 */
#ifndef DN_JHISTORY_H
#define DN_JHISTORY_H

#include <stddef.h>

#include "config.h"
#include "date.h"
#include "error.h"
#include "journal.h"

typedef struct dn_jhistory dn_jhistory;

/* One customer's history, borrowed from the history. */
typedef struct dn_jhcust dn_jhcust;

/* An empty history at as_of; NULL when out of memory.  Free with
 * dn_jhistory_free (NULL is a no-op). */
dn_jhistory *dn_jhistory_new(dn_date as_of);
void dn_jhistory_free(dn_jhistory *h);

/* Add one checked event (dn_jevent_read; its note names the address of a
 * wrong_contact).  Returns 0, or DN_EX_SOFTWARE when out of memory. */
int dn_jhistory_add(dn_jhistory *h, const dn_jevent *ev);

/* dn_jhistory_add as the dn_jevent_fn of dn_journal_read_each (ctx: the
 * history), so the history is built in the one locked read of the journal
 * that gives its promises, plans and holds: no second open, no view that
 * a purge or an append could change between two reads.  Returns 0, or
 * DN_EX_SOFTWARE with e filled. */
int dn_jhistory_on_event(const dn_jevent *ev, void *ctx, dn_error *e);

/* The customer's history, or NULL when there is none: the lookups below
 * through it (the _of functions) cost no more search of the history. */
const dn_jhcust *dn_jhistory_customer(const dn_jhistory *h, const char *customer, size_t clen);
long dn_jhistory_level_of(const dn_jhistory *h, const dn_jhcust *c, const char *invoice,
			  size_t ilen);
int dn_jhistory_last_reminder_of(const dn_jhcust *c, const char *cur, dn_date *out);
void dn_jhistory_contacts_of(const dn_jhcust *c, long *outbound, long *calls);
int dn_jhistory_wrong_contact_of(const dn_jhcust *c, const char *address, size_t alen);

/* Highest level the journal records for the customer's invoice; 0: none. */
long dn_jhistory_level(const dn_jhistory *h, const char *customer, size_t clen,
		       const char *invoice, size_t ilen);

/* The date of the customer's last reminder in currency cur: 1 with *out
 * set, or 0 when there is none. */
int dn_jhistory_last_reminder(const dn_jhistory *h, const char *customer, size_t clen,
			      const char *cur, dn_date *out);

/* Outbound messages and calls from as-of - 6 to as-of. */
void dn_jhistory_contacts(const dn_jhistory *h, const char *customer, size_t clen,
			  long *outbound, long *calls);

/* Whether a wrong_contact event names this address. */
int dn_jhistory_wrong_contact(const dn_jhistory *h, const char *customer, size_t clen,
			      const char *address, size_t alen);

#endif
