/* reminddecide.c - deciding, one customer at a time (see remind.h). */
#define _POSIX_C_SOURCE 200809L
#include "remind.h"
#include "remind_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "keytab.h"

/* dn_level_money(level, "fee") for the currency, looked up once. */
static int level_fee(dn_remind_board *b, int level, const char *cur, int decimals,
		     int64_t *out, dn_error *e)
{
	struct ccache *c;
	int rc;

	*out = 0;
	if (level < 1 || level > b->r->levels.n)
		return 0;
	if ((c = dn_remind_ccache(b, cur)) == NULL)
		return dn_error_set(e, DN_EX_SOFTWARE, "out of memory");
	if (!c->fee_known[level - 1]) {
		if ((rc = dn_level_money(&b->r->levels, level, "fee", cur, decimals,
					 &c->fee[level - 1], e)) != 0)
			return rc;
		c->fee_known[level - 1] = 1;
	}
	*out = c->fee[level - 1];
	return 0;
}


/* ---- deciding ---- */

static int cmp_id(const void *pa, const void *pb)
{
	const struct rinv *a = pa, *b = pb;

	return dn_bytes_cmp(a->id, a->len, b->id, b->len);
}

/* One entry per invoice: the rows of an invoice's installments added up
 * (balances and interest summed, the earliest dates, the most days late).
 * A balance sum cannot overflow: the customer's total, checked row by
 * row, is at least as large. */
/* Whether two of g's rows are of one invoice: a small hash set, for the
 * usual customer of a few hundred rows at most (more: assume so). */
static int has_installments(const struct group *g)
{
	enum { SLOTS = 1024 };
	uint32_t slot[SLOTS];
	size_t i;

	if (g->ninv > SLOTS / 2)
		return 1;
	memset(slot, 0, sizeof slot);
	for (i = 0; i < g->ninv; i++) {
		const struct rinv *v = &g->inv[i];
		uint64_t h = UINT64_C(1469598103934665603);
		size_t k;
		for (k = 0; k < v->len; k++)
			h = (h ^ (unsigned char)v->id[k]) * UINT64_C(1099511628211);
		for (k = (size_t)(h ^ (h >> 32)) & (SLOTS - 1); slot[k] != 0; k = (k + 1) & (SLOTS - 1)) {
			const struct rinv *w = &g->inv[slot[k] - 1];
			if (w->len == v->len && memcmp(w->id, v->id, v->len) == 0)
				return 1;
		}
		slot[k] = (uint32_t)i + 1;
	}
	return 0;
}

static void merge_rows(struct group *g)
{
	size_t i, k = 0;

	if (g->ninv < 2 || !has_installments(g))
		return;
	qsort(g->inv, g->ninv, sizeof *g->inv, cmp_id);
	for (i = 1; i < g->ninv; i++) {
		struct rinv *v = &g->inv[k], *w = &g->inv[i];
		if (cmp_id(v, w) != 0) {
			g->inv[++k] = *w;
			continue;
		}
		(void)dn_money_add(v->balance, w->balance, &v->balance);
		if (w->interest_overflow || dn_money_add(v->interest, w->interest, &v->interest) != 0)
			v->interest_overflow = 1;
		if (w->due < v->due)
			v->due = w->due;
		if (w->issue < v->issue)
			v->issue = w->issue;
		if (w->days > v->days)
			v->days = w->days;
	}
	g->ninv = k + 1;
}

static int cmp_inv(const void *pa, const void *pb)
{
	const struct rinv *a = pa, *b = pb;

	if (a->due != b->due)
		return a->due < b->due ? -1 : 1;
	return dn_bytes_cmp(a->id, a->len, b->id, b->len);
}

/* Customer then currency byte order: the order of the output. */
static int cmp_group(const void *pa, const void *pb)
{
	const struct group *a = *(const struct group *const *)pa;
	const struct group *b = *(const struct group *const *)pb;
	int c = dn_bytes_cmp(a->name, a->len, b->name, b->len);

	return c != 0 ? c : strcmp(a->currency, b->currency);
}

/* FNV-1a 64 over the parts, each followed by a NUL. */
static uint64_t fnv(uint64_t h, const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++) {
		h ^= (unsigned char)s[i];
		h *= UINT64_C(1099511628211);
	}
	h ^= 0;
	return h * UINT64_C(1099511628211);
}

/* n in decimal into buf (12 bytes at least); returns its length. */
size_t dn_remind_put_long(char *buf, long n)
{
	char d[24];
	size_t k = 0, len = 0;
	unsigned long u = n < 0 ? 0UL - (unsigned long)n : (unsigned long)n;

	do {
		d[k++] = (char)('0' + u % 10);
		u /= 10;
	} while (u > 0);
	if (n < 0)
		buf[len++] = '-';
	while (k > 0)
		buf[len++] = d[--k];
	buf[len] = '\0';
	return len;
}

void dn_remind_invoices_text(const struct group *g, dn_text *t)
{
	size_t i;
	char lv[24];

	dn_text_clear(t);
	for (i = 0; i < g->ninv; i++) {
		if (i > 0)
			dn_text_append(t, ";", 1);
		dn_text_append(t, g->inv[i].id, g->inv[i].len);
		lv[0] = ':';
		dn_text_append(t, lv, 1 + dn_remind_put_long(lv + 1, (long)g->inv[i].listed));
	}
}

static int charges_of(dn_remind_board *b, struct group *g, dn_remind_outcome *o,
		      const dn_journal_status *st, dn_error *e)
{
	const dn_remind_rules *r = b->r;
	size_t i;
	int rc;

	o->fee = 0;
	o->interest = 0;
	for (i = 0; i < g->ninv; i++) {
		const struct rinv *v = &g->inv[i];
		int64_t fee = 0;
		if (v->due_now) {
			if ((rc = level_fee(b, (int)v->listed, g->currency, g->decimals, &fee, e)) != 0)
				return rc;
			fee += dn_indemnity(&r->charges, g->currency, v->reached, v->listed,
					    !g->b2c, st->insolvent);
			if (dn_money_add(o->fee, fee, &o->fee) != 0)
				return dn_error_set(e, DN_EX_DATAERR, "fee out of range");
		}
		if (o->level->interest) {
			if (v->interest_overflow || dn_money_add(o->interest, v->interest, &o->interest) != 0)
				return dn_error_set(e, DN_EX_DATAERR, "interest out of range");
		}
	}
	return 0;
}

static int decide_group(dn_remind_board *b, struct group *g, dn_remind_outcome *o, dn_error *e)
{
	const dn_remind_rules *r = b->r;
	dn_journal_status st;
	const dn_jhcust *hc;
	dn_level_invoice *li;
	dn_contact_facts f;
	dn_date last = 0;
	int has_last, rc, col;
	dn_text inv = {0};
	uint64_t h = UINT64_C(1469598103934665603);
	char date[11];
	size_t i;

	merge_rows(g);
	memset(o, 0, sizeof *o);
	o->group = g;
	o->customer = g->name;
	o->customer_len = g->len;
	memcpy(o->currency, g->currency, 4);
	o->decimals = g->decimals;
	o->invoices = (long)g->ninv;
	o->disputed = g->disputed;
	o->overdue = g->undisputed + g->credits; /* signs differ: no overflow */
	if (o->overdue < 0)
		o->overdue = 0;
	dn_journal_status_of(b->j, g->jc, g->currency, &st);
	dn_hold_decide(&r->hold, b->as_of, &st, g->disputed > 0 && o->overdue == 0,
		       g->item_promise, g->item_promise_until, &o->hold);
	if (o->hold.kind != DN_HOLD_NONE) {
		o->kind = DN_REMIND_HELD;
		return 0;
	}
	qsort(g->inv, g->ninv, sizeof *g->inv, cmp_inv);
	hc = dn_jhistory_customer(b->h, g->name, g->len);
	if (g->ninv > b->capli) {
		dn_level_invoice *nl = realloc(b->li, g->ninv * sizeof *nl);
		if (nl == NULL)
			return dn_error_set(e, DN_EX_SOFTWARE, "out of memory");
		b->li = nl;
		b->capli = g->ninv;
	}
	li = b->li;
	for (i = 0; i < g->ninv; i++) {
		long reached = dn_jhistory_level_of(b->h, hc, g->inv[i].id, g->inv[i].len);
		g->inv[i].reached = reached > INT32_MAX ? INT32_MAX : (int32_t)reached;
		li[i].reached = g->inv[i].reached;
		li[i].days = g->inv[i].days;
	}
	has_last = dn_jhistory_last_reminder_of(hc, g->currency, &last);
	rc = dn_level_decide(&r->levels, li, g->ninv, o->overdue, g->currency, g->decimals,
			     has_last, last, b->as_of, &o->decision, e);
	for (i = 0; i < g->ninv; i++) {
		g->inv[i].listed = (int32_t)li[i].listed;
		g->inv[i].due_now = li[i].due != 0;
	}
	if (rc != 0)
		return rc;
	if (o->decision.verdict != DN_LEVEL_SEND) {
		o->kind = DN_REMIND_WAIT;
		return 0;
	}
	o->level = &r->levels.lv[o->decision.level - 1];
	col = strcmp(o->level->channel, "email") == 0    ? A_EMAIL
	      : strcmp(o->level->channel, "letter") == 0 ? A_ADDRESS
							 : A_PHONE;
	memset(&f, 0, sizeof f);
	dn_jhistory_contacts_of(hc, &f.outbound_7d, &f.calls_7d);
	f.channel = o->level->channel;
	f.address = dn_remind_attr(g, col, &f.address_len);
	f.wrong_contact = dn_jhistory_wrong_contact_of(hc, f.address, f.address_len);
	dn_hold_contact(&r->hold, &f, &o->hold);
	if (o->hold.kind != DN_HOLD_NONE) {
		o->kind = DN_REMIND_HELD;
		return 0;
	}
	o->kind = DN_REMIND_SEND;
	o->to = f.address;
	o->to_len = f.address_len;
	{
		size_t llen;
		const char *lang = dn_remind_attr(g, A_LANGUAGE, &llen);
		o->lang = dn_lang_of(lang, llen, r->lang);
	}
	if ((rc = charges_of(b, g, o, &st, e)) != 0) {
		dn_error_subject(e, "customer", g->name);
		return rc;
	}
	/* ref: customer, currency, as-of and invoices only */
	dn_remind_invoices_text(g, &inv);
	if (inv.failed) {
		dn_text_free(&inv);
		return dn_error_set(e, DN_EX_SOFTWARE, "out of memory");
	}
	dn_date_format(b->as_of, date);
	h = fnv(h, g->name, g->len);
	h = fnv(h, g->currency, 3);
	h = fnv(h, date, 10);
	h = fnv(h, inv.s, inv.len);
	snprintf(o->ref, sizeof o->ref, "REM-%016llx", (unsigned long long)h);
	dn_text_free(&inv);
	return 0;
}

int dn_remind_decide(dn_remind_board *b, dn_error *e)
{
	size_t pos, k = 0, total = b->ngroups;
	uint32_t *rank;
	struct group *g;
	int rc = 0;

	b->order = malloc((total ? total : 1) * sizeof *b->order);
	if (b->order == NULL)
		return dn_error_set(e, DN_EX_SOFTWARE, "out of memory");
	for (pos = 0; pos < b->ngroups; pos++) {
		g = b->groups_by_index[pos];
		/* nothing overdue: no decision to make, nobody to name */
		if (g->nrows == 0 && g->disputed == 0)
			continue;
		if (g->undisputed + g->credits <= 0 && g->disputed == 0)
			continue; /* covered by credits: nothing is owed */
		b->order[k++] = g;
	}
	qsort(b->order, k, sizeof *b->order, cmp_group);
	b->norder = k;
	b->next = 0;
	if (b->spool == NULL)
		return 0;
	if ((rank = malloc((b->ngroups ? b->ngroups : 1) * sizeof *rank)) == NULL)
		return dn_error_set(e, DN_EX_SOFTWARE, "out of memory");
	for (pos = 0; pos < b->ngroups; pos++)
		rank[pos] = UINT32_MAX;
	for (pos = 0; pos < k; pos++)
		rank[b->order[pos]->index] = (uint32_t)pos;
	rc = dn_rspool_rank(b->spool, rank, (uint32_t)b->ngroups, (uint32_t)k, e);
	free(rank);
	return rc;
}

/* The current group's rows from the spool, as its invoices (g->inv, the
 * board's, valid until the next group). */
static int load_rows(dn_remind_board *b, struct group *g, uint32_t rank, dn_error *e)
{
	const dn_rrow *rows;
	size_t n = 0, i;
	int rc;

	g->inv = NULL;
	g->ninv = 0;
	if (b->spool == NULL || g->nrows == 0)
		return 0;
	if ((rc = dn_rspool_rows(b->spool, rank, &rows, &n, e)) != 0)
		return rc;
	if (n > b->capinv) {
		struct rinv *ni = realloc(b->inv, n * sizeof *ni);
		if (ni == NULL)
			return dn_error_set(e, DN_EX_SOFTWARE, "out of memory");
		b->inv = ni;
		b->capinv = n;
	}
	for (i = 0; i < n; i++) {
		struct rinv *v = &b->inv[i];
		memset(v, 0, sizeof *v);
		v->id = rows[i].id;
		v->len = rows[i].len;
		v->days = rows[i].days;
		v->issue = rows[i].issue;
		v->due = rows[i].due;
		v->balance = rows[i].balance;
		v->interest = rows[i].interest;
		v->interest_overflow = rows[i].interest_overflow != 0;
	}
	g->inv = b->inv;
	g->ninv = n;
	return 0;
}

int dn_remind_next(dn_remind_board *b, const dn_remind_outcome **out, dn_error *e)
{
	struct group *g;
	int rc;

	*out = NULL;
	if (b->order == NULL || b->next >= b->norder)
		return 0;
	g = b->order[b->next];
	if (b->next > 0) { /* the previous group's rows are gone */
		b->order[b->next - 1]->inv = NULL;
		b->order[b->next - 1]->ninv = 0;
	}
	if ((rc = load_rows(b, g, (uint32_t)b->next, e)) != 0 ||
	    (rc = decide_group(b, g, &b->cur, e)) != 0)
		return rc;
	b->next++;
	*out = &b->cur;
	return 0;
}

