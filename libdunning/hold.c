/* hold.c - holds and contact caps (see hold.h). */
#include "hold.h"

#include <string.h>

void dn_hold_rules_load(dn_hold_rules *r, const dn_config *cfg)
{
	r->claim_paid_days = dn_config_uint(cfg, "hold", "claim_paid_days", 10);
	r->max_per_7_days = dn_config_uint(cfg, "contact", "max_per_7_days", 3);
	r->max_calls_per_7_days = dn_config_uint(cfg, "contact", "max_calls_per_7_days", 7);
}

static void clear(dn_hold *out)
{
	memset(out, 0, sizeof *out);
	out->kind = DN_HOLD_NONE;
}

void dn_hold_decide(const dn_hold_rules *r, dn_date as_of, const dn_journal_status *st,
		    int disputed_only, int item_promise, dn_date item_promise_until,
		    dn_hold *out)
{
	clear(out);
	if (st->insolvent) {
		out->kind = DN_HOLD_INSOLVENCY;
		out->date = st->insolvent_since;
	} else if (st->blocked) {
		out->kind = DN_HOLD_BLOCK;
		out->date = st->blocked_since;
	} else if (st->claim_paid && (long)as_of - (long)st->claim_paid_date < r->claim_paid_days) {
		out->kind = DN_HOLD_CLAIM_PAID;
		out->date = st->claim_paid_date;
	} else if (st->plans_active > 0) {
		out->kind = DN_HOLD_PLAN;
		out->date = st->plan_until;
	} else if (st->promises_open > 0 || item_promise) {
		out->kind = DN_HOLD_PROMISE;
		out->date = st->promises_open > 0 ? st->promise_until : item_promise_until;
		if (item_promise && item_promise_until > out->date)
			out->date = item_promise_until;
	} else if (disputed_only) {
		out->kind = DN_HOLD_DISPUTED;
	}
}

/* Whether s[0..len) holds nothing but spaces and tabs. */
static int blank(const char *s, size_t len)
{
	size_t i;

	for (i = 0; s != NULL && i < len; i++)
		if (s[i] != ' ' && s[i] != '\t')
			return 0;
	return 1;
}

void dn_hold_contact(const dn_hold_rules *r, const dn_contact_facts *f, dn_hold *out)
{
	clear(out);
	if (f->outbound_7d >= r->max_per_7_days) {
		out->kind = DN_HOLD_CONTACT_CAP;
		out->count = f->outbound_7d;
		out->limit = r->max_per_7_days;
	} else if (strcmp(f->channel, "call") == 0 && f->calls_7d >= r->max_calls_per_7_days) {
		out->kind = DN_HOLD_CALL_CAP;
		out->count = f->calls_7d;
		out->limit = r->max_calls_per_7_days;
	} else if (blank(f->address, f->address_len)) {
		out->kind = DN_HOLD_NO_ADDRESS;
		out->channel = f->channel;
	} else if (f->wrong_contact) {
		out->kind = DN_HOLD_WRONG_CONTACT;
		out->channel = f->channel;
	}
}

const char *dn_channel_address_column(const char *channel)
{
	if (strcmp(channel, "email") == 0)
		return "email";
	if (strcmp(channel, "letter") == 0)
		return "address";
	return "phone";
}
