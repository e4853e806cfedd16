/* journal.c - what the journal says at as-of: per customer, the little
 * state the rules need (latest block, unblock, claim_paid ..., the
 * promises and plans, disputed invoices), built event by event as
 * jread.c reads the file, and what it tells about a customer, an invoice
 * or a promise.
 */
#define _POSIX_C_SOURCE 200809L
#include "journal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "journal_int.h"
#include "keytab.h"
#include "money.h"

/* ---- per-customer state ---- */

/* An event's place in time: (date, line), so same-day events keep the
 * file's order.  0 means "never". */
typedef int64_t evkey;

static evkey key_of(const dn_jevent *ev)
{
	return ((int64_t)ev->date + 1000000) * ((int64_t)1 << 32) + (ev->line & 0xffffffff);
}

static dn_date key_date(evkey k)
{
	return (dn_date)(k / ((int64_t)1 << 32) - 1000000);
}

static evkey max_key(evkey a, evkey b)
{
	return a > b ? a : b;
}

/* Events about one currency of a customer, or about all ("" scope). */
struct scope {
	char cur[4];
	evkey contact, block, unblock, claim_paid, dispute_all, close_all, insolvency, legal;
};

/* An invoice named by dispute or dispute_closed events. */
struct jinvoice {
	char *id;
	size_t len;
	evkey dispute, close;
};

/* A promise or a plan. */
struct promise {
	char cur[4];
	dn_date date, due, deadline; /* deadline = due + grace */
	int has_amount;
	int64_t amount, paid; /* paid saturates at INT64_MAX */
	char *inv;            /* copy of the invoices field, ';'-separated */
	size_t ninv;
	size_t *off, *len;    /* each invoice in inv */
	unsigned char *seen, *late; /* per invoice: a row seen; a row not settled in time */
};

/* A plan: its installment events, sharing one plan ref (the part of ref
 * before ':'; installments without a ref are one plan per date). */
struct plan {
	char cur[4];
	char *ref;          /* the plan ref, NUL-terminated */
	size_t ref_len;
	dn_date date;       /* of its earliest installment event */
	size_t n, cap;
	struct installment {
		dn_date due, deadline; /* deadline = due + grace */
		int64_t amount;
		int64_t paid_by;       /* payments from date to deadline */
	} *inst;
	int64_t paid;       /* payments from date to as-of (saturating) */
};

struct dn_jcustomer {
	char *name;
	size_t len;
	struct scope *scopes;
	size_t nscopes;
	struct promise *promises;
	size_t npromises;
	struct plan *plans;
	size_t nplans;
	struct jinvoice *invoices;
	size_t ninvoices;
	int any_dispute; /* a dispute event was applied */
};

struct dn_journal {
	const dn_config *cfg;
	dn_date as_of;
	long grace;
	dn_keytab *customers;
	int promise_invoices; /* some promise lists invoices */
	int payments_wanted;  /* some promise or plan: the second pass sums payments */
};

static void free_customer(dn_jcustomer *c)
{
	size_t i;

	for (i = 0; i < c->npromises; i++) {
		struct promise *p = &c->promises[i];
		free(p->inv);
		free(p->off);
		free(p->len);
		free(p->seen);
		free(p->late);
	}
	for (i = 0; i < c->nplans; i++) {
		free(c->plans[i].ref);
		free(c->plans[i].inst);
	}
	free(c->plans);
	for (i = 0; i < c->ninvoices; i++)
		free(c->invoices[i].id);
	free(c->promises);
	free(c->invoices);
	free(c->scopes);
	free(c->name);
	free(c);
}

void dn_journal_free(dn_journal *j)
{
	size_t pos = 0;
	dn_jcustomer *c;

	if (j == NULL)
		return;
	while ((c = dn_keytab_next(j->customers, &pos)) != NULL)
		free_customer(c);
	dn_keytab_free(j->customers);
	free(j);
}

static void customer_key(const void *rec, const char **k1, size_t *n1, const char **k2,
			 size_t *n2)
{
	const dn_jcustomer *c = rec;

	*k1 = c->name;
	*n1 = c->len;
	*k2 = "";
	*n2 = 0;
}

dn_journal *dn_journal_new_empty(const dn_config *cfg, dn_date as_of)
{
	dn_journal *j = calloc(1, sizeof *j);

	if (j == NULL)
		return NULL;
	j->cfg = cfg;
	j->as_of = as_of;
	j->grace = dn_config_uint(cfg, "hold", "promise_grace_days", 2);
	j->customers = dn_keytab_new(customer_key);
	if (j->customers == NULL) {
		free(j);
		return NULL;
	}
	return j;
}

static dn_jcustomer *get_customer(dn_journal *j, const char *name, size_t len)
{
	dn_jcustomer *c = dn_keytab_get(j->customers, name, len, "", 0);

	if (c != NULL)
		return c;
	c = calloc(1, sizeof *c);
	if (c == NULL || (c->name = malloc(len + 1)) == NULL) {
		free(c);
		return NULL;
	}
	memcpy(c->name, name, len);
	c->name[len] = '\0';
	c->len = len;
	if (dn_keytab_put(j->customers, c) != 0) {
		free(c->name);
		free(c);
		return NULL;
	}
	return c;
}

static struct scope *get_scope(dn_jcustomer *c, const char *cur)
{
	size_t i;
	struct scope *ns;

	for (i = 0; i < c->nscopes; i++)
		if (strcmp(c->scopes[i].cur, cur) == 0)
			return &c->scopes[i];
	ns = realloc(c->scopes, (c->nscopes + 1) * sizeof *ns);
	if (ns == NULL)
		return NULL;
	c->scopes = ns;
	memset(&ns[c->nscopes], 0, sizeof ns[0]);
	memcpy(ns[c->nscopes].cur, cur, strlen(cur) + 1);
	return &ns[c->nscopes++];
}

static const struct scope *find_scope(const dn_jcustomer *c, const char *cur)
{
	size_t i;

	for (i = 0; i < c->nscopes; i++)
		if (strcmp(c->scopes[i].cur, cur) == 0)
			return &c->scopes[i];
	return NULL;
}

static struct jinvoice *get_invoice(dn_jcustomer *c, const char *id, size_t len)
{
	size_t i;
	struct jinvoice *ni;

	for (i = 0; i < c->ninvoices; i++)
		if (c->invoices[i].len == len && memcmp(c->invoices[i].id, id, len) == 0)
			return &c->invoices[i];
	ni = realloc(c->invoices, (c->ninvoices + 1) * sizeof *ni);
	if (ni == NULL)
		return NULL;
	c->invoices = ni;
	ni = &ni[c->ninvoices];
	memset(ni, 0, sizeof *ni);
	if ((ni->id = malloc(len + 1)) == NULL)
		return NULL;
	memcpy(ni->id, id, len);
	ni->id[len] = '\0';
	ni->len = len;
	c->ninvoices++;
	return ni;
}

/* Record a dispute or its closing for each listed invoice. */
static int mark_invoices(dn_jcustomer *c, const dn_jevent *ev, int close)
{
	size_t start = 0, i;

	for (i = 0; i <= ev->invoices_len; i++) {
		struct jinvoice *inv;
		if (i < ev->invoices_len && ev->invoices[i] != ';')
			continue;
		inv = get_invoice(c, ev->invoices + start, i - start);
		if (inv == NULL)
			return -1;
		if (close)
			inv->close = max_key(inv->close, key_of(ev));
		else
			inv->dispute = max_key(inv->dispute, key_of(ev));
		start = i + 1;
	}
	return 0;
}

static int add_promise(dn_journal *j, dn_jcustomer *c, const dn_jevent *ev, const char *cur)
{
	struct promise *np = realloc(c->promises, (c->npromises + 1) * sizeof *np), *p;
	size_t i, start, k;

	if (np == NULL)
		return -1;
	c->promises = np;
	p = &np[c->npromises];
	memset(p, 0, sizeof *p);
	memcpy(p->cur, cur, 4);
	p->date = ev->date;
	p->due = ev->due_date;
	p->deadline = (dn_date)(ev->due_date + j->grace);
	p->has_amount = ev->has_amount;
	p->amount = ev->amount;
	c->npromises++;
	j->payments_wanted = 1;
	if (ev->invoices_len == 0)
		return 0;
	for (i = 0, p->ninv = 1; i < ev->invoices_len; i++)
		p->ninv += ev->invoices[i] == ';';
	p->inv = malloc(ev->invoices_len + 1);
	p->off = malloc(p->ninv * sizeof *p->off);
	p->len = malloc(p->ninv * sizeof *p->len);
	p->seen = calloc(p->ninv, 1);
	p->late = calloc(p->ninv, 1);
	if (!p->inv || !p->off || !p->len || !p->seen || !p->late)
		return -1;
	memcpy(p->inv, ev->invoices, ev->invoices_len);
	p->inv[ev->invoices_len] = '\0';
	for (i = start = k = 0; i <= ev->invoices_len; i++) {
		if (i < ev->invoices_len && ev->invoices[i] != ';')
			continue;
		p->off[k] = start;
		p->len[k++] = i - start;
		start = i + 1;
	}
	j->promise_invoices = 1;
	return 0;
}

/* The plan of an installment event: found by (currency, plan ref), and
 * for installments without a ref by (currency, date); made when new. */
static struct plan *get_plan(dn_jcustomer *c, const dn_jevent *ev, const char *cur)
{
	const char *colon = memchr(ev->ref, ':', ev->ref_len);
	size_t len = colon ? (size_t)(colon - ev->ref) : ev->ref_len;
	struct plan *np;
	size_t i;

	for (i = 0; i < c->nplans; i++) {
		struct plan *p = &c->plans[i];
		if (strcmp(p->cur, cur) == 0 && p->ref_len == len &&
		    memcmp(p->ref, ev->ref, len) == 0 && (len > 0 || p->date == ev->date))
			return p;
	}
	np = realloc(c->plans, (c->nplans + 1) * sizeof *np);
	if (np == NULL)
		return NULL;
	c->plans = np;
	np = &np[c->nplans];
	memset(np, 0, sizeof *np);
	if ((np->ref = malloc(len + 1)) == NULL)
		return NULL;
	memcpy(np->ref, ev->ref, len);
	np->ref[len] = '\0';
	np->ref_len = len;
	memcpy(np->cur, cur, 4);
	np->date = ev->date;
	c->nplans++;
	return np;
}

static int add_installment(dn_journal *j, dn_jcustomer *c, const dn_jevent *ev, const char *cur)
{
	struct plan *p = get_plan(c, ev, cur);
	struct installment *in;

	if (p == NULL)
		return -1;
	if (p->n == p->cap) {
		size_t cap = p->cap ? 2 * p->cap : 4;
		in = realloc(p->inst, cap * sizeof *in);
		if (in == NULL)
			return -1;
		p->inst = in;
		p->cap = cap;
	}
	in = &p->inst[p->n++];
	j->payments_wanted = 1;
	memset(in, 0, sizeof *in);
	in->due = ev->due_date;
	in->deadline = (dn_date)(ev->due_date + j->grace);
	in->amount = ev->has_amount ? ev->amount : 0;
	if (ev->date < p->date)
		p->date = ev->date;
	return 0;
}

/* The first pass: everything but payments (journal_int.h). */
int dn_journal_apply(dn_journal *j, const dn_jevent *ev)
{
	dn_jcustomer *c;
	struct scope *s;
	const char *cur = ev->currency;
	int money = ev->event == DN_EV_PROMISE || ev->event == DN_EV_PLAN ||
		    ev->event == DN_EV_PAYMENT;
	evkey k = key_of(ev);

	if (ev->date > j->as_of)
		return 0; /* has not happened yet at as-of */
	if (cur[0] == '\0' && money)
		cur = dn_config_currency(j->cfg);
	if ((c = get_customer(j, ev->customer, ev->customer_len)) == NULL ||
	    (s = get_scope(c, cur)) == NULL)
		return -1;
	switch (ev->event) {
	case DN_EV_REMINDER:
	case DN_EV_CALL:
		s->contact = max_key(s->contact, k);
		return 0;
	case DN_EV_PROMISE:
		return add_promise(j, c, ev, cur);
	case DN_EV_PLAN:
		return add_installment(j, c, ev, cur);
	case DN_EV_DISPUTE:
	case DN_EV_DISPUTE_CLOSED: {
		int close = ev->event == DN_EV_DISPUTE_CLOSED;
		if (!close)
			c->any_dispute = 1;
		if (ev->invoices_len > 0)
			return mark_invoices(c, ev, close);
		if (close)
			s->close_all = max_key(s->close_all, k);
		else
			s->dispute_all = max_key(s->dispute_all, k);
		return 0;
	}
	case DN_EV_CLAIM_PAID:
		s->claim_paid = max_key(s->claim_paid, k);
		return 0;
	case DN_EV_BLOCK:
		s->block = max_key(s->block, k);
		return 0;
	case DN_EV_UNBLOCK:
		s->unblock = max_key(s->unblock, k);
		return 0;
	case DN_EV_INSOLVENCY:
		if (s->insolvency == 0 || k < s->insolvency)
			s->insolvency = k; /* the first one: "since" */
		return 0;
	case DN_EV_LEGAL:
		if (s->legal == 0 || k < s->legal)
			s->legal = k;
		return 0;
	default:
		return 0;
	}
}

static void add_saturating(int64_t *sum, int64_t amount)
{
	if (dn_money_add(*sum, amount, sum) != 0)
		*sum = amount > 0 ? INT64_MAX : -INT64_MAX;
}

/* The second pass: a payment of the customer in a currency counts for each
 * of its promises whose window [date, due + grace] holds its date, and for
 * each of its plans from the plan's date on: in the plan's total, and for
 * each installment whose deadline it meets. */
void dn_journal_apply_payment(dn_journal *j, const dn_jevent *ev)
{
	const char *cur = ev->currency[0] ? ev->currency : dn_config_currency(j->cfg);
	dn_jcustomer *c;
	size_t i;

	if (ev->event != DN_EV_PAYMENT || ev->date > j->as_of)
		return;
	c = dn_keytab_get(j->customers, ev->customer, ev->customer_len, "", 0);
	for (i = 0; c != NULL && i < c->npromises; i++) {
		struct promise *p = &c->promises[i];
		if (strcmp(p->cur, cur) != 0 || ev->date < p->date || ev->date > p->deadline)
			continue;
		add_saturating(&p->paid, ev->amount);
	}
	for (i = 0; c != NULL && i < c->nplans; i++) {
		struct plan *p = &c->plans[i];
		if (strcmp(p->cur, cur) != 0 || ev->date < p->date)
			continue;
		add_saturating(&p->paid, ev->amount);
		for (size_t k = 0; k < p->n; k++)
			if (ev->date <= p->inst[k].deadline)
				add_saturating(&p->inst[k].paid_by, ev->amount);
	}
}

int dn_journal_wants_payments(const dn_journal *j)
{
	return j->payments_wanted;
}

const dn_config *dn_journal_config(const dn_journal *j)
{
	return j->cfg;
}

/* ---- items and status ---- */

void dn_journal_see_item(dn_journal *j, const dn_item *it)
{
	dn_jcustomer *c;
	size_t i, k;

	if (j == NULL || !j->promise_invoices)
		return;
	c = dn_keytab_get(j->customers, it->customer, it->customer_len, "", 0);
	for (i = 0; c != NULL && i < c->npromises; i++) {
		struct promise *p = &c->promises[i];
		dn_date by = p->deadline < j->as_of ? p->deadline : j->as_of;
		for (k = 0; k < p->ninv; k++) {
			if (p->len[k] != it->invoice_len ||
			    memcmp(p->inv + p->off[k], it->invoice, it->invoice_len) != 0)
				continue;
			p->seen[k] = 1;
			if (!dn_item_settled_by(it, by))
				p->late[k] = 1;
		}
	}
}

const dn_jcustomer *dn_journal_customer(const dn_journal *j, const char *customer, size_t len)
{
	return j ? dn_keytab_get(j->customers, customer, len, "", 0) : NULL;
}

/* The latest key of a field over the customer's scope for cur and "". */
#define SCOPE_MAX(all, one, field)                                                      \
	max_key((all) ? (all)->field : 0, (one) ? (one)->field : 0)

int dn_journal_may_dispute(const dn_jcustomer *c)
{
	return c != NULL && c->any_dispute;
}

int dn_journal_disputed(const dn_jcustomer *c, const char *cur, const char *invoice,
			size_t len)
{
	const struct scope *all, *one;
	evkey dispute, close;
	size_t i;

	if (c == NULL || !c->any_dispute)
		return 0;
	all = find_scope(c, "");
	one = find_scope(c, cur);
	dispute = SCOPE_MAX(all, one, dispute_all);
	close = SCOPE_MAX(all, one, close_all);
	for (i = 0; i < c->ninvoices; i++) {
		if (c->invoices[i].len == len && memcmp(c->invoices[i].id, invoice, len) == 0) {
			dispute = max_key(dispute, c->invoices[i].dispute);
			close = max_key(close, c->invoices[i].close);
			break;
		}
	}
	return dispute > close;
}

/* kept (1), broken (-1) or still running (0). */
static int promise_state(const dn_journal *j, const struct promise *p)
{
	size_t k;
	int by_invoices = p->ninv > 0;

	if (p->has_amount && p->paid >= p->amount)
		return 1;
	/* An invoice the items do not show is not known to be open: plain
	 * aging output leaves settled items out, and a customer who kept a
	 * promise must never be escalated for it. */
	for (k = 0; k < p->ninv && by_invoices; k++)
		if (p->seen[k] && p->late[k])
			by_invoices = 0;
	if (by_invoices)
		return 1;
	return j->as_of > p->deadline ? -1 : 0;
}

/* completed (1), broken (-1) or active (0); *last = its last due date.
 * Installment K is met when the payments from the plan's date to K's
 * due_date + grace reach the installments due by K's due date (1..K): so
 * one missed installment breaks the plan the day after its grace, and a
 * later payment does not mend it (a new plan would). */
static int plan_state(const dn_journal *j, const struct plan *p, dn_date *last)
{
	int64_t total = 0;
	size_t k, m;
	int broken = 0;

	*last = p->date;
	for (k = 0; k < p->n; k++) {
		int64_t need = 0;
		if (p->inst[k].due > *last)
			*last = p->inst[k].due;
		add_saturating(&total, p->inst[k].amount);
		if (p->inst[k].deadline >= j->as_of)
			continue; /* its grace has not passed yet */
		for (m = 0; m < p->n; m++)
			if (p->inst[m].due <= p->inst[k].due)
				add_saturating(&need, p->inst[m].amount);
		if (p->inst[k].paid_by < need)
			broken = 1;
	}
	if (p->paid >= total)
		return 1;
	return broken ? -1 : 0;
}

/* The earliest of two "first" keys (0 = none). */
static evkey min_key(evkey a, evkey b)
{
	if (a == 0)
		return b;
	if (b == 0)
		return a;
	return a < b ? a : b;
}

void dn_journal_status_of(const dn_journal *j, const dn_jcustomer *c, const char *cur,
			  dn_journal_status *st)
{
	const struct scope *all, *one;
	evkey block, k;
	size_t i;

	memset(st, 0, sizeof *st);
	if (c == NULL)
		return;
	all = find_scope(c, "");
	one = find_scope(c, cur);
	st->contacted = SCOPE_MAX(all, one, contact) != 0;
	k = SCOPE_MAX(all, one, claim_paid);
	if ((st->claim_paid = k != 0))
		st->claim_paid_date = key_date(k);
	block = SCOPE_MAX(all, one, block);
	if ((st->blocked = block > SCOPE_MAX(all, one, unblock)))
		st->blocked_since = key_date(block);
	k = min_key(all ? all->insolvency : 0, one ? one->insolvency : 0);
	if ((st->insolvent = k != 0))
		st->insolvent_since = key_date(k);
	k = min_key(all ? all->legal : 0, one ? one->legal : 0);
	if ((st->legal = k != 0))
		st->legal_since = key_date(k);
	for (i = 0; i < c->npromises; i++) {
		const struct promise *p = &c->promises[i];
		int state;
		if (strcmp(p->cur, cur) != 0)
			continue;
		state = promise_state(j, p);
		if (state > 0)
			st->promises_kept++;
		else if (state < 0)
			st->promises_broken++;
		else if (st->promises_open++ == 0 || p->due > st->promise_until)
			st->promise_until = p->due;
	}
	for (i = 0; i < c->nplans; i++) {
		const struct plan *p = &c->plans[i];
		dn_date last;
		if (strcmp(p->cur, cur) != 0)
			continue;
		switch (plan_state(j, p, &last)) {
		case 1:
			st->plans_completed++;
			break;
		case -1:
			st->plans_broken++;
			break;
		default:
			if (st->plans_active++ == 0 || last > st->plan_until)
				st->plan_until = last;
		}
	}
}

void dn_journal_each_promise(const dn_journal *j, void (*fn)(const dn_jpromise *p, void *ctx),
			     void *ctx)
{
	size_t pos = 0, i;
	const dn_jcustomer *c;
	dn_jpromise out;

	while (j != NULL && (c = dn_keytab_next(j->customers, &pos)) != NULL) {
		out.customer = c->name;
		out.customer_len = c->len;
		out.is_plan = 0;
		for (i = 0; i < c->npromises; i++) {
			const struct promise *p = &c->promises[i];
			out.currency = p->cur;
			out.date = p->date;
			out.due = p->due;
			out.deadline = p->deadline;
			out.state = promise_state(j, p);
			fn(&out, ctx);
		}
		out.is_plan = 1;
		for (i = 0; i < c->nplans; i++) {
			const struct plan *p = &c->plans[i];
			out.currency = p->cur;
			out.date = p->date;
			out.state = plan_state(j, p, &out.due);
			out.deadline = (dn_date)(out.due + j->grace);
			fn(&out, ctx);
		}
	}
}
