/* remind.c - the rules and the board: items in, per customer (see
 * remind.h; the decisions are in reminddecide.c, the messages in
 * remindmsg.c). */
#define _DEFAULT_SOURCE /* madvise(2) MADV_HUGEPAGE, where there is one */
#define _POSIX_C_SOURCE 200809L
#include "remind.h"
#include "remind_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/mman.h>

#include "aging.h"
#include "bigmem.h"
#include "money.h"
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
static const dn_col attr_col[A_COUNT] = {DN_COL_CUSTOMER_NAME, DN_COL_EMAIL, DN_COL_PHONE,
					 DN_COL_ADDRESS, DN_COL_LANGUAGE, DN_COL_CUSTOMER_TYPE};

struct ccache *dn_remind_ccache(dn_remind_board *b, const char *cur)
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

/* Groups are allocated in blocks of GBLOCK bytes (bigmem.h: huge pages
 * where there are). */
#define GBLOCK DN_BIG_PAGE

/* Groups are packed in blocks, in the order they appear, freed with the
 * board: no allocator overhead, and the ones rows touch close together. */
struct gblock {
	struct gblock *next;
	size_t used, cap;
	_Alignas(max_align_t) char data[];
};

static struct group *new_group(dn_remind_board *b, size_t name_len)
{
	size_t need = (sizeof(struct group) + name_len + 1 + 15) & ~(size_t)15;
	struct gblock *k = b->gmem;
	struct group *g;

	if (k == NULL || k->cap - k->used < need) {
		size_t cap = need > GBLOCK - sizeof *k ? need : GBLOCK - sizeof *k;
		/* Every row touches its group, in any order: on huge pages, the
		 * groups cost no TLB misses. */
		if ((k = dn_big_calloc(sizeof *k + cap)) == NULL)
			return NULL;
		k->next = b->gmem;
		k->used = 0;
		k->cap = cap;
		b->gmem = k;
	}
	g = (struct group *)(void *)(k->data + k->used);
	k->used += need;
	memset(g, 0, need);
	return g;
}

static void free_group(struct group *g)
{
	size_t i;

	for (i = 0; g->attrs != NULL && i < A_COUNT; i++)
		free(g->attrs->v[i]);
	free(g->attrs);
}

void dn_remind_board_free(dn_remind_board *b)
{
	size_t pos;

	if (b == NULL)
		return;
	for (pos = 0; pos < b->ngroups; pos++)
		free_group(b->groups_by_index[pos]);
	free(b->gslot);
	while (b->gmem != NULL) {
		struct gblock *k = b->gmem;
		b->gmem = k->next;
		free(k);
	}
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

/* cap empty slots; from 2 MB on, on huge pages where there are (as the
 * groups: every row looks its group up). */
static uint64_t *slots_new(size_t cap)
{
	return dn_big_calloc(cap * sizeof(uint64_t));
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
		uint64_t *ns = cap < SIZE_MAX / sizeof *ns ? slots_new(cap) : NULL;
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

#if defined(__GNUC__)
#define PREFETCH(p) __builtin_prefetch(p)
#else
#define PREFETCH(p) ((void)(p))
#endif

/* The group's slot for hash h when it is the first one probed (the usual
 * case at a load of one half), else NULL: for prefetch hints only. */
static const struct group *first_probe(const dn_remind_board *b, uint64_t h)
{
	uint64_t slot = b->gslot[(size_t)h & (b->gcap - 1)];

	if (slot == 0 || (uint32_t)(slot >> 32) != (uint32_t)(h >> 32))
		return NULL;
	return b->groups_by_index[(slot & 0xffffffffu) - 1];
}

void dn_remind_prefetch(dn_remind_board *b, const char *customer, size_t len,
			const char *currency, size_t clen)
{
	char code[4];
	uint64_t h = 0, slot;
	int known = customer != NULL && dn_currency_code(currency, clen, code) == 0;

	if (b->gslot == NULL)
		return;
	if (known) {
		h = group_hash(customer, len, code);
		PREFETCH(&b->gslot[(size_t)h & (b->gcap - 1)]);
	}
	/* Told of a call ago: its slot is in cache, its index entry next. */
	if (b->ahead_known[0] &&
	    (slot = b->gslot[(size_t)b->ahead[0] & (b->gcap - 1)]) != 0)
		PREFETCH(&b->groups_by_index[(slot & 0xffffffffu) - 1]);
	/* Two calls ago: the record itself (its first two cache lines). */
	if (b->ahead_known[1]) {
		const struct group *g = first_probe(b, b->ahead[1]);
		if (g != NULL) {
			PREFETCH(g);
			PREFETCH((const char *)g + 64);
		}
	}
	b->ahead[1] = b->ahead[0];
	b->ahead_known[1] = b->ahead_known[0];
	b->ahead[0] = h;
	b->ahead_known[0] = (unsigned char)known;
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
		if ((g = new_group(b, it->customer_len)) == NULL)
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
			if (ng == NULL)
				return NULL; /* g stays in its block, freed with it */
			b->groups_by_index = ng;
			b->capgroups = cap;
		}
		g->index = (uint32_t)b->ngroups;
		b->groups_by_index[b->ngroups] = g;
		if (index_group(b, h, g->index) != 0)
			return NULL;
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
		if (g->attr_have & (1u << k))
			continue;
		v = dn_item_field(s, row, attr_col[k], &len);
		if (v == NULL || len == 0)
			continue;
		if (g->attrs == NULL && (g->attrs = calloc(1, sizeof *g->attrs)) == NULL)
			return -1;
		if ((g->attrs->v[k] = strndup(v, len)) == NULL)
			return -1;
		g->attrs->len[k] = len;
		g->attr_have = (unsigned char)(g->attr_have | (1u << k));
	}
	return 0;
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
			return dn_item_field_error(s, row, DN_COL_CUSTOMER_TYPE,
						   "not b2b or b2c", e);
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
			return dn_item_field_error(s, row, DN_COL_AMOUNT,
						   "customer credits out of range", e);
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
		return dn_item_field_error(s, row, DN_COL_AMOUNT,
					   "customer overdue total out of range", e);
	/* Installments (rows of one invoice) are added up when the customer
	 * is decided (merge_rows): an invoice's total cannot overflow once
	 * the customer's, checked above, did not. */
	memset(&v, 0, sizeof v);
	if (it->invoice_len > UINT32_MAX)
		return dn_item_field_error(s, row, DN_COL_INVOICE, "invoice too long", e);
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

