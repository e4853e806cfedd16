/* hold.h - why a customer is not to be chased now: holds and contact caps.
 *
 * One module for prioritize and remind (SPEC "prioritize", "remind").
 * dn_hold_decide gives the holds both tools share, from the journal status
 * and the items; dn_hold_contact adds remind's own, once the channel of a
 * message is known: the two contact caps over as-of - 6 .. as-of, a
 * channel without its address, an address marked wrong_contact.
 */
#ifndef DN_HOLD_H
#define DN_HOLD_H

#include <stddef.h>

#include "config.h"
#include "date.h"
#include "journal.h"

/* [hold] and [contact], read once. */
typedef struct dn_hold_rules {
	long claim_paid_days;      /* [hold] claim_paid_days, default 10 */
	long max_per_7_days;       /* [contact] max_per_7_days, default 3 */
	long max_calls_per_7_days; /* [contact] max_calls_per_7_days, default 7 */
} dn_hold_rules;

/* Read the rules from cfg (values were checked when it was loaded). */
void dn_hold_rules_load(dn_hold_rules *r, const dn_config *cfg);

/* Why a customer is not to be chased now, by precedence. */
typedef enum dn_hold_kind {
	DN_HOLD_NONE,
	DN_HOLD_INSOLVENCY,  /* an insolvency event */
	DN_HOLD_BLOCK,       /* a block not lifted */
	DN_HOLD_CLAIM_PAID,  /* claim_paid younger than [hold] claim_paid_days */
	DN_HOLD_PLAN,        /* an active plan */
	DN_HOLD_PROMISE,     /* an open promise (journal, or item promise_date) */
	DN_HOLD_DISPUTED,    /* nothing overdue but disputed items */
	DN_HOLD_CONTACT_CAP, /* max_per_7_days outbound messages reached */
	DN_HOLD_CALL_CAP,    /* max_calls_per_7_days calls reached (a call is due) */
	DN_HOLD_NO_ADDRESS,  /* the channel's address is empty */
	DN_HOLD_WRONG_CONTACT /* the channel's address is marked wrong_contact */
} dn_hold_kind;

typedef struct dn_hold {
	dn_hold_kind kind;
	dn_date date;     /* since (insolvency, block), of the claim, or until
			   * (plan, promise); 0 for the others */
	long count, limit; /* the caps: contacts counted, and the cap */
	const char *channel; /* no address, wrong contact: the channel (static) */
} dn_hold;

/* Decide the hold of a customer: st is its journal status (all zero without
 * a journal); disputed_only: it has disputed overdue items and nothing else
 * overdue once credits are netted; item_promise/until: the latest item
 * promise_date on or after as-of, if any.  Precedence: insolvency, block,
 * claim_paid, plan, promise, disputed. */
void dn_hold_decide(const dn_hold_rules *r, dn_date as_of, const dn_journal_status *st,
		    int disputed_only, int item_promise, dn_date item_promise_until,
		    dn_hold *out);

/* What remind knows of a customer's contact when a message is due. */
typedef struct dn_contact_facts {
	long outbound_7d;      /* reminder events from as-of - 6 to as-of */
	long calls_7d;         /* call events over the same days */
	const char *channel;   /* the message's channel: email, sms, letter, call */
	const char *address;   /* the channel's address (borrowed), may be NULL */
	size_t address_len;
	int wrong_contact;     /* the journal marks that address wrong_contact */
} dn_contact_facts;

/* remind's holds for a message about to be sent, by precedence: the
 * outbound cap (outbound_7d >= max_per_7_days), the call cap (a call when
 * calls_7d >= max_calls_per_7_days), no address (empty or blank), a
 * wrong_contact address.  out->kind is DN_HOLD_NONE when none applies. */
void dn_hold_contact(const dn_hold_rules *r, const dn_contact_facts *f, dn_hold *out);

/* The address column a channel needs: "email" for email, "phone" for sms
 * and call, "address" for letter.  Static string. */
const char *dn_channel_address_column(const char *channel);

#endif
