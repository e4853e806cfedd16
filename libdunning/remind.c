/* remind.c - per customer decisions and messages (see remind.h). */
#define _POSIX_C_SOURCE 200809L
#include "remind.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "aging.h"
#include "keytab.h"
#include "plan.h"

/* ---- rules ---- */

static int load_one(const dn_level *lv, char *path, dn_template **out, dn_error *e)
{
	int subject = strcmp(lv->channel, "email") == 0 || strcmp(lv->channel, "letter") == 0;

	*out = NULL;
	if (path == NULL)
		return 0;
	if ((*out = dn_template_load(path, subject, e)) == NULL)
		return e->status;
	return 0;
}

int dn_remind_rules_load(dn_remind_rules *r, const dn_config *cfg, dn_error *e)
{
	const char *lang = dn_config_get(cfg, "general", "language");
	int k, rc;

	memset(r, 0, sizeof *r);
	r->cfg = cfg;
	r->lang = lang != NULL && strcmp(lang, "fr") == 0 ? DN_LANG_FR : DN_LANG_EN;
	r->sender = dn_config_get(cfg, "general", "sender");
	r->contact = dn_config_get(cfg, "general", "contact");
	dn_hold_rules_load(&r->hold, cfg);
	if ((rc = dn_levels_load(&r->levels, cfg, e)) != 0 ||
	    (rc = dn_charges_load(&r->charges, cfg, e)) != 0)
		return rc;
	if (r->levels.n == 0)
		return 0;
	if ((r->tpl = calloc((size_t)r->levels.n, sizeof *r->tpl)) == NULL)
		return dn_error_set(e, DN_EX_SOFTWARE, "out of memory");
	for (k = 0; k < r->levels.n; k++) {
		dn_level *lv = &r->levels.lv[k];
		if ((rc = load_one(lv, lv->template_any, &r->tpl[k][0], e)) != 0 ||
		    (rc = load_one(lv, lv->template_en, &r->tpl[k][1], e)) != 0 ||
		    (rc = load_one(lv, lv->template_fr, &r->tpl[k][2], e)) != 0)
			return rc;
	}
	return 0;
}

void dn_remind_rules_free(dn_remind_rules *r)
{
	int k, i;

	for (k = 0; r->tpl != NULL && k < r->levels.n; k++)
		for (i = 0; i < 3; i++)
			dn_template_free(r->tpl[k][i]);
	free(r->tpl);
	r->tpl = NULL;
	dn_levels_free(&r->levels);
}

const dn_template *dn_remind_template(const dn_remind_rules *r, int level, dn_lang l)
{
	dn_template *const *t;

	if (level < 1 || level > r->levels.n)
		return NULL;
	t = r->tpl[level - 1];
	if (t[l == DN_LANG_FR ? 2 : 1] != NULL)
		return t[l == DN_LANG_FR ? 2 : 1];
	if (t[0] != NULL)
		return t[0];
	return t[l == DN_LANG_FR ? 1 : 2];
}

/* ---- the board ---- */

enum { A_NAME, A_EMAIL, A_PHONE, A_ADDRESS, A_LANGUAGE, A_TYPE, A_COUNT };
static const dn_col attr_col[A_COUNT] = {DN_COL_CUSTOMER_NAME, DN_COL_EMAIL, DN_COL_PHONE,
					 DN_COL_ADDRESS, DN_COL_LANGUAGE, DN_COL_CUSTOMER_TYPE};

/* One overdue invoice of the customer being decided (its rows, from the
 * spool, merged): the board keeps one customer's at a time. */
struct rinv {
	const char *id;              /* in the spool's bucket */
	int64_t balance, interest;
	dn_date issue, due;
	uint32_t len;
	int32_t days;
	int32_t reached;
	int32_t listed;              /* the level it is listed with */
	unsigned char due_now;       /* it reaches a new level with this message */
	unsigned char interest_overflow;
};


/* Per currency, what is looked up again for every message: the fee of
 * each level (looked up on first use, so a bad key fails only when
 * needed, as before) and the plan limits. */
struct ccache {
	char currency[4];
	int64_t *fee;               /* per level ... */
	unsigned char *fee_known;   /* ... once looked up */
	int limits_state;           /* 0 not loaded, 1 loaded, -1 cannot plan */
	dn_plan_limits limits;
};

/* A (customer, currency).  What every row touches comes first (one
 * cache line: rows arrive in any order, so each is a miss). */
struct group {
	size_t len;
	char currency[4];
	uint32_t index;      /* its number in the spool */
	int64_t undisputed, credits;
	size_t nrows;        /* overdue undisputed rows spooled */
	long disputed;
	unsigned char attr_have; /* bit k: attr[k] is set */
	unsigned char may_dispute; /* dn_journal_may_dispute(jc), asked once */
	unsigned char b2c, item_promise;
	dn_date item_promise_until;
	int decimals;
	const dn_jcustomer *jc;
	struct rinv *inv;    /* while decided and rendered: the board's */
	size_t ninv;
	char *attr[A_COUNT];
	size_t attr_len[A_COUNT];
	char name[];
};

/* A cell of the invoice table in the board's scratch. */
struct cell {
	size_t off, len, width;
};

/* A date in words (a message writes two per invoice, and invoices share
 * dates): direct-mapped by the date. */
struct dcache {
	dn_date date;
	unsigned char len, width, set;
	char s[DN_WORDS_BUFSZ];
};

struct dn_remind_board {
	const dn_remind_rules *r;
	dn_journal *j;
	const dn_jhistory *h;
	dn_date as_of;
	uint64_t *gslot;            /* the groups' index (see find_group) */
	size_t gcap;                /* its slots, a power of two */
	struct group *last;
	dn_rspool *spool;           /* the overdue rows; made by the first */
	struct group **groups_by_index;
	size_t ngroups, capgroups;
	struct group **order;       /* the groups to decide, in output order */
	size_t norder, next;
	dn_remind_outcome cur;      /* the outcome dn_remind_next gave */
	struct rinv *inv;           /* the current group's invoices */
	size_t capinv;
	dn_level_invoice *li;       /* and their levels */
	size_t capli;
	struct ccache *cc;
	size_t ncc;
	int start_state;            /* the plan start: 0 not yet, 1 known, -1 none */
	dn_date plan_start;
	dn_text cells;              /* invoice_table's scratch */
	struct cell *cell;
	size_t cell_cap;
	struct dcache dates[2][1024]; /* dates in words, per language */
};

/* The cache of currency cur (created empty), or NULL when out of memory. */
static struct ccache *ccache_of(dn_remind_board *b, const char *cur)
{
	struct ccache *c;
	size_t n = b->r->levels.n > 0 ? (size_t)b->r->levels.n : 1;
	size_t i;

	for (i = 0; i < b->ncc; i++)
		if (strcmp(b->cc[i].currency, cur) == 0)
			return &b->cc[i];
	if ((c = realloc(b->cc, (b->ncc + 1) * sizeof *c)) == NULL)
		return NULL;
	b->cc = c;
	c = &b->cc[b->ncc];
	memset(c, 0, sizeof *c);
	memcpy(c->currency, cur, 4);
	c->fee = calloc(n, sizeof *c->fee);
	c->fee_known = calloc(n, 1);
	if (c->fee == NULL || c->fee_known == NULL) {
		free(c->fee);
		free(c->fee_known);
		return NULL;
	}
	b->ncc++;
	return c;
}

/* dn_level_money(level, "fee") for the currency, looked up once. */
static int level_fee(dn_remind_board *b, int level, const char *cur, int decimals,
		     int64_t *out, dn_error *e)
{
	struct ccache *c;
	int rc;

	*out = 0;
	if (level < 1 || level > b->r->levels.n)
		return 0;
	if ((c = ccache_of(b, cur)) == NULL)
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


dn_remind_board *dn_remind_board_new(const dn_remind_rules *rules, dn_journal *journal,
				     const dn_jhistory *history, dn_date as_of)
{
	dn_remind_board *b = calloc(1, sizeof *b);

	if (b == NULL)
		return NULL;
	b->r = rules;
	b->j = journal;
	b->h = history;
	b->as_of = as_of;
	b->gcap = 1024;
	if ((b->gslot = calloc(b->gcap, sizeof *b->gslot)) == NULL) {
		free(b);
		return NULL;
	}
	return b;
}

static void free_group(struct group *g)
{
	size_t i;

	for (i = 0; i < A_COUNT; i++)
		free(g->attr[i]);
	free(g);
}

void dn_remind_board_free(dn_remind_board *b)
{
	size_t pos;

	if (b == NULL)
		return;
	for (pos = 0; pos < b->ngroups; pos++)
		free_group(b->groups_by_index[pos]);
	free(b->gslot);
	dn_rspool_free(b->spool);
	free(b->groups_by_index);
	free(b->order);
	free(b->inv);
	free(b->li);
	for (size_t i = 0; i < b->ncc; i++) {
		free(b->cc[i].fee);
		free(b->cc[i].fee_known);
	}
	free(b->cc);
	dn_text_free(&b->cells);
	free(b->cell);
	free(b);
}

/* The groups' index: open addressing, linear probing, at most half full;
 * a slot is 0 (empty) or the key's hash (high 32 bits) and the group's
 * number + 1 (low 32 bits).  Eight bytes a slot, so the slots of 50,000
 * customers take 1 MB: the lookup every row makes touches little memory
 * besides the group itself. */
static uint64_t group_hash(const char *name, size_t len, const char *cur)
{
	uint64_t h = UINT64_C(1469598103934665603);
	size_t i;

	for (i = 0; i < len; i++)
		h = (h ^ (unsigned char)name[i]) * UINT64_C(1099511628211);
	h = (h ^ 0xffu) * UINT64_C(1099511628211);
	for (i = 0; i < 3; i++)
		h = (h ^ (unsigned char)cur[i]) * UINT64_C(1099511628211);
	return h ^ (h >> 31);
}

static struct group *find_group(const dn_remind_board *b, const char *name, size_t len,
				const char *cur, uint64_t h)
{
	size_t i = (size_t)h & (b->gcap - 1);
	uint32_t tag = (uint32_t)(h >> 32);

	for (; b->gslot[i] != 0; i = (i + 1) & (b->gcap - 1)) {
		struct group *g;
		if ((uint32_t)(b->gslot[i] >> 32) != tag)
			continue;
		g = b->groups_by_index[(b->gslot[i] & 0xffffffffu) - 1];
		if (g->len == len && memcmp(g->currency, cur, 4) == 0 && memcmp(g->name, name, len) == 0)
			return g;
	}
	return NULL;
}

static void put_slot(uint64_t *slot, size_t cap, uint64_t h, uint32_t index)
{
	size_t i = (size_t)h & (cap - 1);

	while (slot[i] != 0)
		i = (i + 1) & (cap - 1);
	slot[i] = (h & UINT64_C(0xffffffff00000000)) | ((uint64_t)index + 1);
}

/* Index group number index (its hash h), growing the index first when
 * it would be more than half full.  Returns 0, or -1 when out of memory. */
static int index_group(dn_remind_board *b, uint64_t h, uint32_t index)
{
	if (2 * ((size_t)index + 1) > b->gcap) {
		size_t cap = 2 * b->gcap, i;
		uint64_t *ns = cap < SIZE_MAX / sizeof *ns ? calloc(cap, sizeof *ns) : NULL;
		if (ns == NULL)
			return -1;
		for (i = 0; i < b->gcap; i++)
			if (b->gslot[i] != 0) {
				struct group *g = b->groups_by_index[(b->gslot[i] & 0xffffffffu) - 1];
				put_slot(ns, cap, group_hash(g->name, g->len, g->currency),
					 g->index);
			}
		free(b->gslot);
		b->gslot = ns;
		b->gcap = cap;
	}
	put_slot(b->gslot, b->gcap, h, index);
	return 0;
}

static struct group *group_of(dn_remind_board *b, const dn_item *it)
{
	struct group *g = b->last;
	uint64_t h;

	if (g != NULL && g->len == it->customer_len && memcmp(g->currency, it->currency, 4) == 0 &&
	    memcmp(g->name, it->customer, it->customer_len) == 0)
		return g;
	h = group_hash(it->customer, it->customer_len, it->currency);
	g = find_group(b, it->customer, it->customer_len, it->currency, h);
	if (g == NULL) {
		if ((g = calloc(1, sizeof *g + it->customer_len + 1)) == NULL)
			return NULL;
		memcpy(g->name, it->customer, it->customer_len);
		g->len = it->customer_len;
		memcpy(g->currency, it->currency, 4);
		g->decimals = it->decimals;
		g->jc = dn_journal_customer(b->j, it->customer, it->customer_len);
		g->may_dispute = (unsigned char)(dn_journal_may_dispute(g->jc) != 0);
		if (b->ngroups == b->capgroups) {
			size_t cap = b->capgroups ? 2 * b->capgroups : 64;
			struct group **ng = cap < UINT32_MAX ? realloc(b->groups_by_index,
								       cap * sizeof *ng)
							     : NULL;
			if (ng == NULL) {
				free(g);
				return NULL;
			}
			b->groups_by_index = ng;
			b->capgroups = cap;
		}
		g->index = (uint32_t)b->ngroups;
		b->groups_by_index[b->ngroups] = g;
		if (index_group(b, h, g->index) != 0) {
			free(g);
			return NULL;
		}
		b->ngroups++;
	}
	b->last = g;
	return g;
}

/* Keep the first non-empty value of each contact column. */
static int take_attrs(struct group *g, const dn_item_schema *s, const dn_row *row)
{
	unsigned cols = 0;
	int k;

	for (k = 0; k < A_COUNT; k++)
		if (s->col[attr_col[k]] >= 0)
			cols |= 1u << k;
	if ((cols & ~(unsigned)g->attr_have) == 0)
		return 0; /* every column the items have is known already */
	for (k = 0; k < A_COUNT; k++) {
		size_t len;
		const char *v;
		if (g->attr[k] != NULL)
			continue;
		v = dn_item_field(s, row, attr_col[k], &len);
		if (v == NULL || len == 0)
			continue;
		if ((g->attr[k] = strndup(v, len)) == NULL)
			return -1;
		g->attr_len[k] = len;
		g->attr_have = (unsigned char)(g->attr_have | (1u << k));
	}
	return 0;
}

static int field_error(const dn_item_schema *s, const dn_row *row, dn_col c, const char *msg,
		       dn_error *e)
{
	int i = s->col[c];

	dn_error_set(e, DN_EX_DATAERR, "%s", msg);
	dn_error_where(e, row->file, row->line);
	dn_error_subject(e, "column", s->header[c]);
	if (i >= 0 && (size_t)i < row->n)
		dn_error_value(e, row->v[i], row->len[i]);
	return DN_EX_DATAERR;
}

int dn_remind_add(dn_remind_board *b, const dn_item_schema *s, const dn_row *row,
		  const dn_item *it, const dn_item_extra *x, dn_error *e)
{
	struct group *g;
	dn_rrow v;
	dn_aged a;
	size_t tlen;
	const char *type;
	int64_t sum, interest = 0;
	int b2c = 0, disputed;

	if (!dn_age_item(it, b->as_of, DN_BASIS_DUE, NULL, 0, &a))
		return 0;
	dn_journal_see_item(b->j, it);
	type = dn_item_field(s, row, DN_COL_CUSTOMER_TYPE, &tlen);
	if (type != NULL && tlen > 0) {
		if (tlen == 3 && strncasecmp(type, "b2c", 3) == 0)
			b2c = 1;
		else if (!(tlen == 3 && strncasecmp(type, "b2b", 3) == 0))
			return field_error(s, row, DN_COL_CUSTOMER_TYPE, "not b2b or b2c", e);
	}
	if (a.balance == 0)
		return 0;
	if ((g = group_of(b, it)) == NULL || take_attrs(g, s, row) != 0)
		return dn_error_set(e, DN_EX_SOFTWARE, "out of memory");
	if (b2c)
		g->b2c = 1;
	if (x != NULL && x->has_promise_date && a.balance > 0 && x->promise_date >= b->as_of &&
	    (!g->item_promise || x->promise_date > g->item_promise_until)) {
		g->item_promise = 1;
		g->item_promise_until = x->promise_date;
	}
	if (a.balance < 0) {
		if (dn_money_add(g->credits, a.balance, &sum) != 0)
			return field_error(s, row, DN_COL_AMOUNT, "customer credits out of range", e);
		g->credits = sum;
		return 0;
	}
	if (a.days <= 0)
		return 0;
	disputed = it->disputed ||
		   (g->may_dispute &&
		    dn_journal_disputed(g->jc, it->currency, it->invoice, it->invoice_len));
	if (disputed) {
		g->disputed++;
		return 0;
	}
	if (dn_money_add(g->undisputed, a.balance, &sum) != 0)
		return field_error(s, row, DN_COL_AMOUNT, "customer overdue total out of range", e);
	/* Installments (rows of one invoice) are added up when the customer
	 * is decided (merge_rows): an invoice's total cannot overflow once
	 * the customer's, checked above, did not. */
	memset(&v, 0, sizeof v);
	if (it->invoice_len > UINT32_MAX)
		return field_error(s, row, DN_COL_INVOICE, "invoice too long", e);
	v.id = it->invoice;
	v.len = (uint32_t)it->invoice_len;
	v.issue = it->issue_date;
	v.due = it->due_date;
	v.days = a.days > INT32_MAX ? INT32_MAX : (int32_t)a.days;
	v.balance = a.balance;
	if (dn_interest(&b->r->charges, a.balance, it->due_date, b->as_of, &interest) != 0)
		v.interest_overflow = 1;
	v.interest = interest;
	if (b->spool == NULL && (b->spool = dn_rspool_new(e)) == NULL)
		return e->status;
	if (dn_rspool_put(b->spool, g->index, &v, e) != 0)
		return e->status;
	g->undisputed = sum;
	g->nrows++;
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
static size_t put_long(char *buf, long n)
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

static void invoices_text(const struct group *g, dn_text *t)
{
	size_t i;
	char lv[24];

	dn_text_clear(t);
	for (i = 0; i < g->ninv; i++) {
		if (i > 0)
			dn_text_append(t, ";", 1);
		dn_text_append(t, g->inv[i].id, g->inv[i].len);
		lv[0] = ':';
		dn_text_append(t, lv, 1 + put_long(lv + 1, (long)g->inv[i].listed));
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
	f.address = g->attr[col];
	f.address_len = g->attr_len[col];
	f.wrong_contact = dn_jhistory_wrong_contact_of(hc, f.address, f.address_len);
	dn_hold_contact(&r->hold, &f, &o->hold);
	if (o->hold.kind != DN_HOLD_NONE) {
		o->kind = DN_REMIND_HELD;
		return 0;
	}
	o->kind = DN_REMIND_SEND;
	o->to = f.address;
	o->to_len = f.address_len;
	o->lang = dn_lang_of(g->attr[A_LANGUAGE], g->attr_len[A_LANGUAGE], r->lang);
	if ((rc = charges_of(b, g, o, &st, e)) != 0) {
		dn_error_subject(e, "customer", g->name);
		return rc;
	}
	/* ref: customer, currency, as-of and invoices only */
	invoices_text(g, &inv);
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

/* ---- rendering ---- */

/* Characters (UTF-8 code points) of s. */
static size_t width(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		if (((unsigned char)*s & 0xC0) != 0x80)
			n++;
	return n;
}

static void pad(dn_text *t, size_t n)
{
	static const char spaces[] = "                                ";

	while (n > 0) {
		size_t k = n < sizeof spaces - 1 ? n : sizeof spaces - 1;
		dn_text_append(t, spaces, k);
		n -= k;
	}
}

enum { T_COLS = 5 };

/* Characters (UTF-8 code points) of s[0..len). */
static size_t width_n(const char *s, size_t len)
{
	size_t n = 0, i;

	for (i = 0; i < len; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			n++;
	return n;
}

/* dn_words_date through the board's cache. */
static const struct dcache *date_words(dn_remind_board *b, dn_date d, dn_lang l)
{
	struct dcache *c = &b->dates[l == DN_LANG_FR][(uint32_t)d & 1023u];

	if (!c->set || c->date != d) {
		size_t len;
		dn_words_date(d, l, c->s, sizeof c->s);
		len = strlen(c->s);
		c->date = d;
		c->len = (unsigned char)len;
		c->width = (unsigned char)width_n(c->s, len);
		c->set = 1;
	}
	return c;
}

/* Append s[0..len) to b's scratch as cell *out. */
static void add_cell(dn_text *c, struct cell *out, const char *s, size_t len, size_t w)
{
	out->off = c->len;
	out->len = len;
	out->width = w;
	dn_text_append(c, s, len);
}

/* The aligned table of g's invoices.  Each cell is formatted once, into
 * b's scratch (cell k of invoice i is cell[T_COLS * i + k]), then the
 * widths are known and the table laid out. */
static void invoice_table(dn_remind_board *b, const struct group *g, dn_lang l, dn_text *t)
{
	static const char *const head_en[T_COLS] = {"Invoice", "Issued", "Due", "Days late",
						    "Balance"};
	static const char *const head_fr[T_COLS] = {"Facture", "Émise le", "Échéance",
						    "Jours de retard", "Solde dû"};
	const char *const *head = l == DN_LANG_FR ? head_fr : head_en;
	size_t w[T_COLS], i, k, need = T_COLS * g->ninv + 1;
	dn_text *c = &b->cells;
	char cell[DN_WORDS_BUFSZ];

	dn_text_clear(t);
	dn_text_clear(c);
	if (need > b->cell_cap) {
		struct cell *nc = realloc(b->cell, need * sizeof *nc);
		if (nc == NULL) {
			t->failed = 1;
			return;
		}
		b->cell = nc;
		b->cell_cap = need;
	}
	for (k = 0; k < T_COLS; k++)
		w[k] = width(head[k]);
	for (i = 0; i < g->ninv; i++) {
		const struct rinv *v = &g->inv[i];
		struct cell *cl = b->cell + T_COLS * i;
		const struct dcache *d;
		size_t n = v->len > 200 ? 200 : v->len;
		const char *nul = memchr(v->id, '\0', n);
		if (nul != NULL) /* as printf's %.*s: up to a NUL */
			n = (size_t)(nul - v->id);
		add_cell(c, &cl[0], v->id, n, width_n(v->id, n));
		d = date_words(b, v->issue, l);
		add_cell(c, &cl[1], d->s, d->len, d->width);
		d = date_words(b, v->due, l);
		add_cell(c, &cl[2], d->s, d->len, d->width);
		n = put_long(cell, (long)v->days);
		add_cell(c, &cl[3], cell, n, n);
		dn_words_money(v->balance, g->decimals, g->currency, l, cell, sizeof cell);
		n = strlen(cell);
		add_cell(c, &cl[4], cell, n, width_n(cell, n));
		for (k = 0; k < T_COLS; k++)
			if (cl[k].width > w[k])
				w[k] = cl[k].width;
	}
	if (c->failed) {
		t->failed = 1;
		return;
	}
	for (k = 0; k < T_COLS; k++) {
		int right = k >= 3;
		if (k > 0)
			dn_text_append(t, "  ", 2);
		if (right)
			pad(t, w[k] - width(head[k]));
		dn_text_puts(t, head[k]);
		if (!right && k + 1 < T_COLS)
			pad(t, w[k] - width(head[k]));
	}
	for (i = 0; i < g->ninv; i++) {
		for (k = 0; k < T_COLS; k++) {
			const struct cell *cl = &b->cell[T_COLS * i + k];
			if (k == 0)
				dn_text_append(t, "\n", 1);
			else
				dn_text_append(t, "  ", 2);
			if (k >= 3)
				pad(t, w[k] - cl->width);
			dn_text_append(t, c->s + cl->off, cl->len);
			if (k < 3 && k + 1 < T_COLS)
				pad(t, w[k] - cl->width);
		}
	}
}

/* The [plan] limits of g's currency and the default start, read once:
 * 1 with rq filled, 0 when no plan can be proposed. */
static int plan_setup(dn_remind_board *b, const struct group *g, dn_plan_request *rq)
{
	struct ccache *c = ccache_of(b, g->currency);
	dn_error e;

	if (c == NULL)
		return 0;
	if (b->start_state == 0)
		b->start_state = dn_plan_default_start(b->r->cfg, b->as_of, &b->plan_start, &e) == 0
					 ? 1
					 : -1;
	if (c->limits_state == 0)
		c->limits_state = dn_plan_limits_load(b->r->cfg, g->currency, g->decimals,
						      &c->limits, &e) == 0
					  ? 1
					  : -1;
	if (b->start_state < 0 || c->limits_state < 0)
		return 0;
	rq->limits = c->limits;
	rq->start = b->plan_start;
	return 1;
}

static void plan_text(dn_remind_board *b, const struct group *g, int64_t amount,
		      dn_lang l, dn_text *t)
{
	dn_plan_request rq;
	dn_plan p;
	dn_error e;
	char money[DN_WORDS_BUFSZ], line[32];
	int n, ok = 0;
	size_t i;

	dn_text_clear(t);
	dn_plan_request_init(&rq);
	dn_plan_init(&p, NULL, 0);
	rq.principal = amount;
	rq.decimals = g->decimals;
	if (amount > 0 && plan_setup(b, g, &rq)) {
		for (n = rq.limits.max_installments < 3 ? rq.limits.max_installments : 3; n >= 2 && !ok;
		     n--) {
			rq.installments = n;
			ok = dn_plan_make(&rq, &p, &e) == 0;
		}
	}
	if (!ok) {
		dn_text_puts(t, l == DN_LANG_FR ? "un échéancier adapté à votre situation"
					       : "a schedule that suits your situation");
		dn_plan_release(&p);
		return;
	}
	dn_text_append(t, line, put_long(line, (long)p.n));
	dn_text_puts(t, l == DN_LANG_FR ? " mensualités :" : " monthly payments:");
	for (i = 0; i < p.n; i++) {
		const struct dcache *d = date_words(b, p.rows[i].due, l);
		dn_words_money(p.rows[i].amount, g->decimals, g->currency, l, money, sizeof money);
		dn_text_append(t, "\n- ", 3);
		dn_text_puts(t, money);
		dn_text_puts(t, l == DN_LANG_FR ? " le " : " on ");
		dn_text_append(t, d->s, d->len);
	}
	dn_plan_release(&p);
}

int dn_remind_render(dn_remind_board *b, const dn_remind_outcome *o, dn_message *m,
		     dn_error *e)
{
	const struct group *g = o->group;
	const dn_template *t = dn_remind_template(b->r, o->decision.level, o->lang);
	char overdue[DN_WORDS_BUFSZ], total[DN_WORDS_BUFSZ], fee[DN_WORDS_BUFSZ],
		interest[DN_WORDS_BUFSZ], oldest[DN_WORDS_BUFSZ], as_of[DN_WORDS_BUFSZ];
	dn_text table = {0}, plan = {0};
	dn_tvalues v;
	int64_t sum = o->overdue;
	int rc;

	memset(&v, 0, sizeof v);
	if (dn_money_add(sum, o->fee, &sum) != 0 || dn_money_add(sum, o->interest, &sum) != 0)
		return dn_error_set(e, DN_EX_DATAERR, "total due out of range");
	dn_words_money(o->overdue, o->decimals, o->currency, o->lang, overdue, sizeof overdue);
	dn_words_money(sum, o->decimals, o->currency, o->lang, total, sizeof total);
	dn_words_money(o->fee, o->decimals, o->currency, o->lang, fee, sizeof fee);
	dn_words_money(o->interest, o->decimals, o->currency, o->lang, interest, sizeof interest);
	memcpy(oldest, date_words(b, g->ninv > 0 ? g->inv[0].due : b->as_of, o->lang)->s,
	       sizeof oldest);
	memcpy(as_of, date_words(b, b->as_of, o->lang)->s, sizeof as_of);
	invoice_table(b, g, o->lang, &table);
	plan_text(b, g, sum, o->lang, &plan);
#define SET(k, s, n) (v.v[k] = (s), v.len[k] = (n))
	SET(DN_PH_CUSTOMER, g->name, g->len);
	if (g->attr[A_NAME] != NULL)
		SET(DN_PH_CUSTOMER_NAME, g->attr[A_NAME], g->attr_len[A_NAME]);
	else
		SET(DN_PH_CUSTOMER_NAME, g->name, g->len);
	SET(DN_PH_CURRENCY, g->currency, 3);
	SET(DN_PH_OVERDUE, overdue, strlen(overdue));
	SET(DN_PH_TOTAL_DUE, total, strlen(total));
	SET(DN_PH_FEE, fee, strlen(fee));
	SET(DN_PH_INTEREST, interest, strlen(interest));
	SET(DN_PH_OLDEST_DUE_DATE, oldest, strlen(oldest));
	SET(DN_PH_INVOICE_TABLE, table.s, table.len);
	SET(DN_PH_PLAN, plan.s, plan.len);
	if (b->r->sender != NULL)
		SET(DN_PH_SENDER, b->r->sender, strlen(b->r->sender));
	if (b->r->contact != NULL)
		SET(DN_PH_CONTACT, b->r->contact, strlen(b->r->contact));
	SET(DN_PH_AS_OF, as_of, strlen(as_of));
#undef SET
	rc = dn_template_render(t, &v, &m->subject, &m->body);
	invoices_text(g, &m->invoices);
	if (table.failed || plan.failed || m->invoices.failed)
		rc = DN_EX_SOFTWARE;
	dn_text_free(&table);
	dn_text_free(&plan);
	return rc != 0 ? dn_error_set(e, DN_EX_SOFTWARE, "out of memory") : 0;
}

void dn_message_free(dn_message *m)
{
	dn_text_free(&m->subject);
	dn_text_free(&m->body);
	dn_text_free(&m->invoices);
}

void dn_remind_explain(const dn_remind_outcome *o, char *buf, size_t size)
{
	const dn_level_decision *d = &o->decision;
	char a[DN_MONEY_BUFSZ], b[DN_MONEY_BUFSZ], hold[256];

	switch (o->kind) {
	case DN_REMIND_HELD:
		dn_hold_words(DN_LANG_EN, &o->hold, hold, sizeof hold);
		snprintf(buf, size, "held: %s", hold);
		return;
	case DN_REMIND_SEND:
		if (o->disputed > 0)
			snprintf(buf, size, "level %d (%s) by %s; %ld disputed invoice row%s left out",
				 d->level, o->level->name, o->level->channel, o->disputed,
				 o->disputed == 1 ? "" : "s");
		else
			snprintf(buf, size, "level %d (%s) by %s", d->level, o->level->name,
				 o->level->channel);
		return;
	default:
		break;
	}
	switch (d->verdict) {
	case DN_LEVEL_NOTHING_DUE:
		if (d->next_level == 0)
			snprintf(buf, size, "every invoice has reached the last level");
		else
			snprintf(buf, size, "not yet due for level %d: %ld of %ld days",
				 d->next_level, d->next_days, d->next_after);
		break;
	case DN_LEVEL_BELOW_MIN:
		dn_money_format(o->overdue, o->decimals, a);
		dn_money_format(d->min_overdue, o->decimals, b);
		snprintf(buf, size, "level %d due, but overdue %s is below its min_overdue %s",
			 d->level, a, b);
		break;
	default:
		snprintf(buf, size,
			 "level %d due, but %ld of %ld days since the last reminder (min_gap_days)",
			 d->level, d->gap_days, d->gap_needed);
		break;
	}
}

void dn_remind_sample(const dn_remind_rules *r, dn_lang l, dn_tvalues *v)
{
	static const char *const fr[DN_PH_COUNT] = {
		"C0001", "Exemple SARL", "EUR", "1 234,56 €", "1 274,56 €", "40,00 €", "0,00 €",
		"23/10/2026",
		"Facture  Émise le    Échéance    Jours de retard  Solde dû\n"
		"F-0001   23/09/2026  23/10/2026               31  1 234,56 €",
		"3 mensualités :\n- 424,86 € le 23/12/2026\n- 424,85 € le 23/01/2027\n- 424,85 € "
		"le 23/02/2027",
		"", "", "23/11/2026"};
	static const char *const en[DN_PH_COUNT] = {
		"C0001", "Example Ltd", "EUR", "€1,234.56", "€1,274.56", "€40.00", "€0.00",
		"23 October 2026",
		"Invoice  Issued             Due              Days late    Balance\n"
		"F-0001   23 September 2026  23 October 2026         31  €1,234.56",
		"3 monthly payments:\n- €424.86 on 23 December 2026\n- €424.85 on 23 January "
		"2027\n- €424.85 on 23 February 2027",
		"", "", "23 November 2026"};
	const char *const *s = l == DN_LANG_FR ? fr : en;
	int k;

	for (k = 0; k < DN_PH_COUNT; k++) {
		v->v[k] = s[k];
		v->len[k] = strlen(s[k]);
	}
	if (r->sender != NULL) {
		v->v[DN_PH_SENDER] = r->sender;
		v->len[DN_PH_SENDER] = strlen(r->sender);
	}
	if (r->contact != NULL) {
		v->v[DN_PH_CONTACT] = r->contact;
		v->len[DN_PH_CONTACT] = strlen(r->contact);
	}
}
