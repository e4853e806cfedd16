/* lapply.c - credits and charges applied to the items (see lapply.h). */
#include "lapply.h"

#include <stdio.h>
#include <string.h>

#include "money.h"

/* A credit being applied. */
struct credit {
	const dn_entry *en;
	dn_lcust *cust;
	int64_t left;
	int wo;
	int transfer; /* takes the amount off the items: they move */
	const char *what;
};

/* The customer of a receivable line of the current entry. */
static dn_lcust *cust_of(const dn_entry *en)
{
	return ((const struct dn_lline *)(const void *)en)->cust;
}

static const char *money(const dn_lcust *c, int64_t v, char *buf)
{
	dn_money_format(v, c->decimals, buf);
	return buf;
}

static dn_date close_date(const dn_entry *en)
{
	return en->has_let_date ? en->let_date : en->date;
}

static int add_frag(dn_ledger *l, const dn_litem *it, int64_t x)
{
	const char *inv = dn_strpool_dup(&l->scratch, it->invoice, it->inv_len);

	if (inv == NULL ||
	    dn_ledger_grow((void **)&l->frags, &l->fcap, l->nfrags + 1, sizeof *l->frags) != 0)
		return -1;
	l->frags[l->nfrags++] = (struct dn_lfrag){inv, it->issue, it->due, x};
	return 0;
}

/* Apply what is left of c to the open charge it. */
static int take(dn_ledger *l, struct credit *c, dn_litem *it, const char *rule)
{
	int64_t x = dn_litem_open(it);
	char a[DN_MONEY_BUFSZ];

	if (x > c->left)
		x = c->left;
	if (x <= 0)
		return 0;
	c->left -= x;
	if (l->explain != NULL)
		dn_ledger_say(l, c->en, "%s %s %s -> %s (%s)", c->what, money(c->cust, x, a),
			      c->cust->currency, it->invoice, rule);
	if (c->transfer) {
		if (add_frag(l, it, x) != 0)
			return -1;
		it->amount -= x;
		it->gone = it->amount == 0;
		return dn_litem_open(it) == 0 ? dn_ledger_close(l, it, c->en->date) : 0;
	}
	if (c->wo)
		it->wo += x;
	else
		it->paid += x;
	return dn_litem_open(it) == 0 ? dn_ledger_close(l, it, close_date(c->en)) : 0;
}

/* The group's open charges, oldest due first. */
static int apply_group(dn_ledger *l, struct credit *c, dn_lgroup *g, const char *rule)
{
	while (c->left > 0) {
		dn_litem *best = NULL;
		for (size_t i = 0; i < g->n; i++) {
			dn_litem *it = g->member[i];
			if (!it->credit && (best == NULL || dn_litem_before(it, best)))
				best = it;
		}
		if (best == NULL)
			return 0;
		if (take(l, c, best, rule) != 0)
			return -1;
	}
	return 0;
}

/* The invoice ref_pattern finds in s (capture group 1 when the pattern
 * has one): 1 with *ref, 0 when none, -1 with e filled (match limit). */
static int find_ref(dn_ledger *l, dn_span s, dn_span *ref, dn_error *e)
{
	size_t start, end;
	int rc = dn_pattern_match(l->re, s.s, s.len, &start, &end, e);

	if (rc == 1) {
		ref->s = s.s + start;
		ref->len = end - start;
	}
	return rc;
}

static int apply_ref(dn_ledger *l, struct credit *c, dn_error *e)
{
	dn_span where[2] = {c->en->label, c->en->piece}, ref = {"", 0};
	dn_litem *it, *next;

	for (int k = 0; k < 2 && c->left > 0; k++) {
		int rc = find_ref(l, where[k], &ref, e);
		if (rc < 0) {
			/* The line's place, the pattern's in the message. */
			dn_error_where(e, c->en->file, c->en->line);
			dn_error_subject(e, "column", k == 0 ? "EcritureLib" : "PieceRef");
			dn_error_value(e, where[k].s, where[k].len);
			return e->status;
		}
		if (rc == 0)
			continue;
		for (it = c->cust->open_head; it != NULL && c->left > 0; it = next) {
			next = it->next;
			if (it->inv_len == ref.len &&
			    memcmp(it->invoice, ref.s, ref.len) == 0 &&
			    take(l, c, it, "ref_pattern") != 0)
				return dn_ledger_oom(e);
		}
	}
	return 0;
}

static int apply_piece(dn_ledger *l, struct credit *c)
{
	dn_litem *it, *next;
	dn_span p = c->en->piece;

	for (it = c->cust->open_head; it != NULL && c->left > 0; it = next) {
		next = it->next;
		if (it->inv_len == p.len && memcmp(it->invoice, p.s, p.len) == 0 &&
		    take(l, c, it, "PieceRef") != 0)
			return -1;
	}
	return 0;
}

static int apply_fifo(dn_ledger *l, struct credit *c)
{
	dn_litem *it, *next;

	for (it = c->cust->open_head; it != NULL && c->left > 0; it = next) {
		next = it->next;
		if (take(l, c, it, "fifo") != 0)
			return -1;
	}
	return 0;
}

/* Use the open credit item cr on the charge it (a later charge). */
static int use_credit(dn_ledger *l, dn_litem *cr, dn_litem *it, const dn_entry *en,
		      const char *rule)
{
	int64_t x = -dn_litem_open(cr), room = dn_litem_open(it);
	char a[DN_MONEY_BUFSZ];

	if (x > room)
		x = room;
	if (x <= 0)
		return 0;
	if (l->explain != NULL)
		dn_ledger_say(l, en, "credit %s %s %s -> %s (%s)", cr->invoice,
			      money(it->cust, x, a), it->cust->currency, it->invoice, rule);
	cr->paid -= x;
	if (cr->writeoff)
		it->wo += x;
	else
		it->paid += x;
	if (dn_litem_open(cr) == 0 && dn_ledger_close(l, cr, close_date(en)) != 0)
		return -1;
	if (dn_litem_open(it) == 0 && dn_ledger_close(l, it, close_date(en)) != 0)
		return -1;
	return 0;
}

/* What a credit could not place stays a credit item, never lost. */
static int leave_credit(dn_ledger *l, struct credit *c, dn_lgroup *g, dn_error *e)
{
	const dn_entry *en = c->en;
	dn_span inv = en->invoice.len ? en->invoice : en->piece.len ? en->piece : en->num;
	dn_litem *it;
	char a[DN_MONEY_BUFSZ];

	if (c->left <= 0)
		return 0;
	it = dn_litem_new(c->cust, inv.s, inv.len, en->issue_date, en->issue_date, -c->left,
			  l->seq++);
	if (it == NULL)
		return dn_ledger_oom(e);
	it->writeoff = c->wo != 0;
	if (l->explain != NULL)
		dn_ledger_say(l, en, "%s %s %s left open as credit %s", c->what,
			      money(c->cust, c->left, a), c->cust->currency, it->invoice);
	c->left = 0;
	if (g != NULL)
		return dn_lgroup_add(g, it) == 0 ? 0 : dn_ledger_oom(e);
	dn_lcust_link_credit(it);
	return 0;
}

/* "lettering AB", for --explain only (printf costs on every line). */
static void lettering_rule(const dn_ledger *l, const dn_entry *en, char *buf, size_t size)
{
	if (l->explain != NULL)
		snprintf(buf, size, "lettering %.*s", (int)en->letter.len, en->letter.s);
	else
		buf[0] = '\0';
}

/* Lettering, else ref_pattern, else fifo. */
int dn_lapply_credit(dn_ledger *l, const dn_entry *en, int wo, int transfer, dn_error *e)
{
	struct credit c = {en, cust_of(en), -en->amount,
			   wo, transfer,    transfer ? "transfer" : wo ? "write-off" : "credit"};
	dn_lgroup *g = NULL;
	char rule[96];

	if (c.cust == NULL)
		return dn_ledger_oom(e);
	if (en->letter.len > 0) {
		if ((g = dn_lgroups_of(l->groups, en)) == NULL)
			return dn_ledger_oom(e);
		lettering_rule(l, en, rule, sizeof rule);
		if (apply_group(l, &c, g, rule) != 0)
			return dn_ledger_oom(e);
		/* What is left stays with the letter. */
		if (!transfer)
			return leave_credit(l, &c, g, e);
	}
	/* A transfer names what it moves in PieceRef more often than not. */
	if (transfer && en->piece.len > 0 && apply_piece(l, &c) != 0)
		return dn_ledger_oom(e);
	if (en->letter.len == 0 && l->re != NULL && apply_ref(l, &c, e) != 0)
		return e->status;
	if ((l->fifo || transfer) && apply_fifo(l, &c) != 0)
		return dn_ledger_oom(e);
	return leave_credit(l, &c, NULL, e);
}

int dn_lapply_charge(dn_ledger *l, const dn_entry *en, dn_span inv, dn_date issue, dn_date due,
		     int64_t amount, dn_error *e)
{
	dn_lcust *c = cust_of(en);
	dn_litem *it, *cr, *next;
	dn_lgroup *g;

	if (c == NULL ||
	    (it = dn_litem_new(c, inv.s, inv.len, issue, due, amount, l->seq++)) == NULL)
		return dn_ledger_oom(e);
	if (en->letter.len > 0) {
		if ((g = dn_lgroups_of(l->groups, en)) == NULL || dn_lgroup_add(g, it) != 0)
			return dn_ledger_oom(e);
		char rule[96];
		lettering_rule(l, en, rule, sizeof rule);
		/* Closed members leave g->member: look for the first credit again. */
		while (!it->closed) {
			size_t i = 0;
			while (i < g->n && !g->member[i]->credit)
				i++;
			if (i == g->n)
				break;
			if (use_credit(l, g->member[i], it, en, rule) != 0)
				return dn_ledger_oom(e);
		}
		return 0;
	}
	dn_lcust_link_charge(it);
	for (cr = c->cr_head; l->fifo && cr != NULL && !it->closed; cr = next) {
		next = cr->next;
		if (use_credit(l, cr, it, en, "fifo") != 0)
			return dn_ledger_oom(e);
	}
	return 0;
}

int dn_lapply_transfer_in(dn_ledger *l, const dn_entry *en, size_t *fi, dn_error *e)
{
	int64_t left = en->amount;

	while (left > 0 && *fi < l->nfrags) {
		struct dn_lfrag *f = &l->frags[*fi];
		int64_t x = f->amount < left ? f->amount : left;
		dn_span inv = {f->invoice, strlen(f->invoice)};
		char a[DN_MONEY_BUFSZ];
		if (l->explain != NULL)
			dn_ledger_say(l, en, "transfer %s %s of %s in", money(cust_of(en), x, a),
				      en->currency, f->invoice);
		if (dn_lapply_charge(l, en, inv, f->issue, f->due, x, e) != 0)
			return e->status;
		f->amount -= x;
		left -= x;
		if (f->amount == 0)
			(*fi)++;
	}
	if (left > 0)
		return dn_lapply_charge(l, en, en->invoice, en->issue_date, en->due_date, left, e);
	return 0;
}
