/* ledger.c - ledger entries to items: the entries, their transfers, and
 * the items out (see ledger.h for the rules).  What lines do to items is
 * lapply.c; customers, lettering groups and the invariant have modules of
 * their own (lcust.h, lgroup.h, lcheck.h). */
#include "ledger.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lapply.h"
#include "lcheck.h"
#include "ledger_int.h"

int dn_ledger_oom(dn_error *e)
{
	return dn_error_set(e, DN_EX_SOFTWARE, "out of memory");
}

int dn_ledger_grow(void **p, size_t *cap, size_t need, size_t elem)
{
	size_t ncap = *cap ? *cap : 16;
	void *np;

	if (need <= *cap)
		return 0;
	while (ncap < need)
		ncap *= 2;
	np = realloc(*p, ncap * elem);
	if (np == NULL)
		return -1;
	*p = np;
	*cap = ncap;
	return 0;
}

/* ---- set-up ---- */

static int compile_ref(dn_ledger *l, const char *pattern, dn_error *e)
{
	l->re = dn_pattern_new(pattern, strlen(pattern), dn_config_file(l->cfg), 0, e);
	if (l->re == NULL && e != NULL && e->status == DN_EX_CONFIG)
		dn_error_subject(e, "key", "[ledger] ref_pattern");
	return l->re != NULL ? 0 : e != NULL ? e->status : DN_EX_CONFIG;
}

dn_ledger *dn_ledger_new(const dn_config *cfg, dn_error *e)
{
	dn_ledger *l = calloc(1, sizeof *l);
	const char *v;

	if (l == NULL) {
		dn_ledger_oom(e);
		return NULL;
	}
	l->cfg = cfg;
	v = dn_config_get(cfg, "ledger", "apply");
	l->fifo = v == NULL || strcmp(v, "fifo") == 0;
	l->custs = dn_lcusts_new();
	l->groups = dn_lgroups_new();
	l->sorter = dn_itemsort_new(0);
	if (l->custs == NULL || l->groups == NULL || l->sorter == NULL) {
		dn_ledger_oom(e);
		goto fail;
	}
	v = dn_config_get(cfg, "ledger", "ref_pattern");
	if (v != NULL && *v != '\0' && compile_ref(l, v, e) != 0)
		goto fail;
	return l;
fail:
	dn_ledger_free(l);
	return NULL;
}

void dn_ledger_explain(dn_ledger *l, dn_explain_fn fn, void *ctx)
{
	l->explain = fn;
	l->explain_ctx = ctx;
}

void dn_ledger_free(dn_ledger *l)
{
	if (l == NULL)
		return;
	/* Items still held live in their groups, their customer's lists, or
	 * the list of the entry's closed ones. */
	dn_lgroups_free(l->groups);
	for (size_t i = 0; i < l->nclosed; i++)
		free(l->closed[i]);
	free(l->closed);
	free(l->emptied);
	dn_lcusts_free(l->custs);
	dn_itemsort_free(l->sorter);
	free(l->lines);
	free(l->frags);
	dn_strpool_free(&l->scratch);
	dn_pattern_free(l->re);
	free(l);
}

/* ---- explain ---- */

void dn_ledger_say(dn_ledger *l, const dn_entry *en, const char *fmt, ...)
{
	char buf[1024];
	int n;
	va_list ap;

	if (l->explain == NULL)
		return;
	n = snprintf(buf, sizeof buf, "%s:%ld: %.*s: ", en->file, en->line, (int)en->customer.len,
		     en->customer.s);
	if (n < 0 || (size_t)n >= sizeof buf)
		n = 0;
	va_start(ap, fmt);
	vsnprintf(buf + n, sizeof buf - (size_t)n, fmt, ap);
	va_end(ap);
	l->explain(l->explain_ctx, buf);
}

/* ---- closed items out ---- */

int dn_ledger_close(dn_ledger *l, dn_litem *it, dn_date date)
{
	dn_lgroup *g = it->group;

	it->closed = 1;
	it->paid_date = date > it->issue ? date : it->issue;
	dn_lcust_unlink(it);
	if (g != NULL && dn_lgroup_remove(g, it) == 0 && !g->queued) {
		if (dn_ledger_grow((void **)&l->emptied, &l->ecap, l->nemptied + 1,
				   sizeof *l->emptied) != 0)
			return -1;
		l->emptied[l->nemptied++] = g;
		g->queued = 1;
	}
	if (dn_ledger_grow((void **)&l->closed, &l->ccap, l->nclosed + 1, sizeof *l->closed) != 0)
		return -1;
	l->closed[l->nclosed++] = it;
	return 0;
}

static void to_out(const dn_litem *it, dn_ledger_item *out)
{
	out->customer = it->cust->id;
	out->invoice = it->invoice;
	out->customer_name = it->cust->name;
	out->customer_len = it->cust->id_len;
	out->invoice_len = it->inv_len;
	out->name_len = it->cust->name_len;
	out->issue_date = it->issue;
	out->due_date = it->due;
	out->amount = it->amount;
	out->paid = it->paid;
	out->written_off = it->wo;
	out->has_paid_date = it->closed;
	out->paid_date = it->paid_date;
	out->currency = it->cust->currency;
	out->decimals = it->cust->decimals;
	out->seq = it->seq;
}

/* Hand one item to the sorter and free it (one moved away whole is not
 * an item any more). */
static int write_item(dn_ledger *l, dn_litem *it, dn_error *e)
{
	dn_ledger_item out;
	int rc = 0;

	if (!it->gone) {
		to_out(it, &out);
		rc = dn_itemsort_add(l->sorter, &out, e);
	}
	free(it);
	return rc;
}

/* After an entry: closed items go out, groups left empty go. */
static int flush_closed(dn_ledger *l, dn_error *e)
{
	size_t i;
	int rc = 0;

	for (i = 0; i < l->nclosed; i++)
		if (rc == 0)
			rc = write_item(l, l->closed[i], e);
		else
			free(l->closed[i]);
	l->nclosed = 0;
	for (i = 0; i < l->nemptied; i++) {
		l->emptied[i]->queued = 0;
		if (l->emptied[i]->n == 0)
			dn_lgroups_done(l->groups, l->emptied[i]);
	}
	l->nemptied = 0;
	return rc;
}

/* ---- entries ---- */

static int same_side(const dn_entry *a, const dn_entry *b)
{
	return a->account.len == b->account.len && a->customer.len == b->customer.len &&
	       memcmp(a->account.s, b->account.s, a->account.len) == 0 &&
	       memcmp(a->customer.s, b->customer.s, a->customer.len) == 0;
}

/* Receivable debits and credits on different (account, customer) pairs. */
static int is_transfer(const dn_ledger *l)
{
	for (size_t i = 0; i < l->nlines; i++) {
		const dn_entry *a = &l->lines[i].en;
		if (!a->receivable || a->amount <= 0)
			continue;
		for (size_t j = 0; j < l->nlines; j++) {
			const dn_entry *b = &l->lines[j].en;
			if (b->receivable && b->amount < 0 && !same_side(a, b))
				return 1;
		}
	}
	return 0;
}

static int process_entry(dn_ledger *l, dn_error *e)
{
	int wo = 0, transfer;
	size_t i, fi = 0;

	for (i = 0; i < l->nlines; i++) {
		const dn_entry *en = &l->lines[i].en;
		dn_lcust *c;
		wo |= en->writeoff;
		if (!en->receivable)
			continue;
		if ((c = l->lines[i].cust = dn_lcusts_find(l->custs, en)) == NULL)
			return dn_ledger_oom(e);
		if (dn_lcheck_post(c, en->amount, e) != 0)
			return e->status;
	}
	transfer = is_transfer(l);
	l->nfrags = 0;
	/* Charges first: a credit of the same entry (a cash sale) finds them;
	 * a transfer's credits first: they say what its debits carry. */
	for (int pass = 0; pass < 2; pass++)
		for (i = 0; i < l->nlines; i++) {
			const dn_entry *en = &l->lines[i].en;
			int credit_pass = transfer ? pass == 0 : pass == 1;
			int rc = 0;
			if (!en->receivable || en->amount == 0 || (en->amount < 0) != credit_pass)
				continue;
			if (en->amount < 0)
				rc = dn_lapply_credit(l, en, wo && !transfer, transfer, e);
			else if (transfer)
				rc = dn_lapply_transfer_in(l, en, &fi, e);
			else
				rc = dn_lapply_charge(l, en, en->invoice, en->issue_date,
						      en->due_date, en->amount, e);
			if (rc != 0)
				return rc;
		}
	l->nlines = 0;
	dn_strpool_reset(&l->scratch);
	return flush_closed(l, e);
}

/* ---- lines in ---- */

static int copy_text(dn_strpool *p, dn_span *t)
{
	char *s;

	if (t->len == 0) {
		t->s = "";
		return 0;
	}
	if ((s = dn_strpool_dup(p, t->s, t->len)) == NULL)
		return -1;
	t->s = s;
	return 0;
}

static int same_entry(const dn_ledger *l, const dn_entry *en)
{
	const dn_entry *a;

	if (l->nlines == 0)
		return 1;
	a = &l->lines[0].en;
	return !en->single && !a->single && strcmp(l->entry_file, en->file) == 0 &&
	       a->journal.len == en->journal.len && a->num.len == en->num.len &&
	       memcmp(a->journal.s, en->journal.s, en->journal.len) == 0 &&
	       memcmp(a->num.s, en->num.s, en->num.len) == 0;
}

int dn_ledger_add(dn_ledger *l, const dn_entry *en, dn_error *e)
{
	dn_entry *c;
	dn_strpool *p = &l->scratch;

	if (!same_entry(l, en) && process_entry(l, e) != 0)
		return e->status;
	if (dn_ledger_grow((void **)&l->lines, &l->lcap, l->nlines + 1, sizeof *l->lines) != 0)
		return dn_ledger_oom(e);
	c = &l->lines[l->nlines].en;
	*c = *en;
	/* Of a line on another account only the entry and the flags matter;
	 * the label only to ref_pattern, which reads unlettered credits'. */
	if (c->receivable && !(l->re != NULL && c->amount < 0 && c->letter.len == 0))
		c->label = (dn_span){"", 0};
	if (!c->receivable) {
		if (copy_text(p, &c->journal) || copy_text(p, &c->num))
			return dn_ledger_oom(e);
	} else if (copy_text(p, &c->journal) || copy_text(p, &c->num) ||
		   copy_text(p, &c->account) || copy_text(p, &c->counterpart) ||
		   copy_text(p, &c->customer) || copy_text(p, &c->customer_name) ||
		   copy_text(p, &c->invoice) || copy_text(p, &c->label) ||
		   copy_text(p, &c->piece) || copy_text(p, &c->letter))
		return dn_ledger_oom(e);
	/* The file changes between inputs only: no printf per entry. */
	if (l->nlines == 0 && strcmp(l->entry_file, en->file) != 0)
		snprintf(l->entry_file, sizeof l->entry_file, "%s", en->file);
	c->file = l->entry_file;
	l->nlines++;
	/* Its customer and group are looked up when the entry ends, after the
	 * next line or two are parsed: the look-ups' cache misses overlap
	 * that work. */
	if (c->receivable)
		dn_lcusts_prefetch(l->custs, c);
	if (c->receivable && c->letter.len > 0)
		dn_lgroups_prefetch(l->groups, c);
	return 0;
}

/* ---- the end ---- */

/* The open items at the end: counted for the invariant, then written. */
static int write_open(dn_ledger *l, dn_litem *it, dn_error *e)
{
	if (dn_lcheck_count(it, e) != 0) {
		free(it);
		return e->status;
	}
	return write_item(l, it, e);
}

static int write_all_open(dn_ledger *l, dn_error *e)
{
	dn_lcusts_pos pos = {NULL, 0};
	dn_lcust *c;
	dn_litem *it;
	dn_lgroup *g;

	while ((c = dn_lcusts_next(l->custs, &pos)) != NULL)
		for (int k = 0; k < 2; k++) {
			while ((it = k ? c->cr_head : c->open_head) != NULL) {
				dn_lcust_unlink(it);
				if (write_open(l, it, e) != 0)
					return e->status;
			}
		}
	while ((g = dn_lgroups_pop(l->groups)) != NULL) {
		while (g->n > 0)
			if (write_open(l, g->member[--g->n], e) != 0) {
				dn_lgroup_free(g);
				return e->status;
			}
		dn_lgroup_free(g);
	}
	return 0;
}

int dn_ledger_finish(dn_ledger *l, dn_error *e)
{
	if (l->nlines > 0 && process_entry(l, e) != 0)
		return e->status;
	if (write_all_open(l, e) != 0)
		return e->status;
	return dn_lcheck_all(l->custs, e);
}

int dn_ledger_next(dn_ledger *l, dn_ledger_item *out, dn_error *e)
{
	return dn_itemsort_next(l->sorter, out, e);
}

void dn_ledger_set_batch(dn_ledger *l, size_t bytes)
{
	dn_itemsort *s = dn_itemsort_new(bytes);

	if (s != NULL) {
		dn_itemsort_free(l->sorter);
		l->sorter = s;
	}
}

size_t dn_ledger_runs(const dn_ledger *l)
{
	return dn_itemsort_runs(l->sorter);
}

enum { C_CUSTOMER, C_INVOICE, C_NAME, C_ISSUE, C_DUE, C_AMOUNT, C_PAID, C_WO, C_PAID_DATE,
       C_CURRENCY, C_COUNT };

int dn_ledger_write_items(dn_ledger *l, dn_out *o, dn_error *e)
{
	static const struct {
		const char *name;
		dn_cell type;
	} cols[C_COUNT] = {
		{"customer", DN_CELL_TEXT},      {"invoice", DN_CELL_TEXT},
		{"customer_name", DN_CELL_TEXT}, {"issue_date", DN_CELL_DATE},
		{"due_date", DN_CELL_DATE},      {"amount", DN_CELL_MONEY},
		{"paid", DN_CELL_MONEY},         {"written_off", DN_CELL_MONEY},
		{"paid_date", DN_CELL_DATE},     {"currency", DN_CELL_TEXT},
	};
	dn_ledger_item it;
	size_t k;
	int rc;

	for (k = 0; k < C_COUNT; k++)
		dn_out_col(o, cols[k].name, cols[k].type);
	dn_out_header(o);
	while ((rc = dn_ledger_next(l, &it, e)) == 1) {
		dn_out_text(o, C_CUSTOMER, it.customer, it.customer_len);
		dn_out_text(o, C_INVOICE, it.invoice, it.invoice_len);
		dn_out_text(o, C_NAME, it.customer_name, it.name_len);
		dn_out_date(o, C_ISSUE, it.issue_date);
		dn_out_date(o, C_DUE, it.due_date);
		dn_out_money(o, C_AMOUNT, it.amount, it.decimals);
		dn_out_money(o, C_PAID, it.paid, it.decimals);
		dn_out_money(o, C_WO, it.written_off, it.decimals);
		if (it.has_paid_date)
			dn_out_date(o, C_PAID_DATE, it.paid_date);
		dn_out_str(o, C_CURRENCY, it.currency);
		if (dn_out_row(o, NULL, e) != 0)
			return e->status;
	}
	return rc < 0 ? e->status : 0;
}
