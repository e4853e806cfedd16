/* lgroup.h - the ledger's lettering groups.
 *
 * Internal to the ledger (ledger.c, lapply.c).  A lettering group is the
 * lines with one (CompteNum, CompAuxNum, EcritureLet, currency), compared
 * byte for byte (lettering codes are case-sensitive: "AB" and "ab" are two
 * groups).  While it is open, a group lists its open members (charges and
 * credit items) and owns them; they are in no customer list (lcust.h).  A
 * group left with no member is done and goes: a later line with the same
 * letter starts a new group, since what balanced before it balanced on its
 * own.  So the table holds the groups with something open.
 */
#ifndef DN_LGROUP_H
#define DN_LGROUP_H

#include <stddef.h>
#include <stdint.h>

#include "fec.h"
#include "lcust.h"

/* The fields a look-up reads come first, the key right after them (one
 * cache line for most groups); then room for two members, since most
 * groups are an invoice and its payment, in the same allocation. */
typedef struct dn_lgroup {
	uint64_t hash;
	dn_litem **member; /* its open charges and credit items, in no order: */
	uint32_t n, cap;   /* the room after the key, or an array of their own */
	uint32_t key_len;
	int queued; /* in the ledger's list of groups to look at after the entry */
	char key[]; /* account, customer, letter, currency: NUL-separated */
} dn_lgroup;

typedef struct dn_lgroups dn_lgroups;

/* An empty table; NULL when out of memory. */
dn_lgroups *dn_lgroups_new(void);

/* Free every group with its members, and the table; NULL is a no-op. */
void dn_lgroups_free(dn_lgroups *t);

/* The group of lettered line en, made when it has none.  Owned by the
 * table.  NULL when out of memory.  Not after dn_lgroups_pop. */
dn_lgroup *dn_lgroups_of(dn_lgroups *t, const dn_entry *en);

/* A hint that the group of en is looked up soon: its slot starts coming
 * into the cache.  Changes nothing. */
void dn_lgroups_prefetch(const dn_lgroups *t, const dn_entry *en);

/* Make it a member of g (g owns it now).  0, or -1 when out of memory. */
int dn_lgroup_add(dn_lgroup *g, dn_litem *it);

/* Take member it out of g (the caller owns it again).  Returns the number
 * of members left. */
size_t dn_lgroup_remove(dn_lgroup *g, dn_litem *it);

/* Out of the table and freed, with the members it still has. */
void dn_lgroups_done(dn_lgroups *t, dn_lgroup *g);

/* Any group, taken out of the table (the caller frees it with
 * dn_lgroup_free), or NULL when the table is empty: to empty it at the
 * end. */
dn_lgroup *dn_lgroups_pop(dn_lgroups *t);

/* Free a group taken out of its table, with the members it still has;
 * NULL is a no-op. */
void dn_lgroup_free(dn_lgroup *g);

#endif
