/* lcust.c - customers and their lists of open items (see lcust.h). */
#include "lcust.h"

#include <stdlib.h>
#include <string.h>

#include "keytab.h"
#include "strpool.h"

#define BLOCK_BYTES (256 * 1024)
#define ALIGN 16

/* Customer records, one after the other; a record whose id is longer than
 * a block gets a block of its own. */
struct block {
	struct block *next; /* the block made after this one */
	size_t used, cap;
	_Alignas(ALIGN) char data[];
};

struct dn_lcusts {
	dn_keytab *tab;
	dn_strpool names;
	struct block *first, *last;
};

static void cust_key(const void *rec, const char **k1, size_t *n1, const char **k2, size_t *n2)
{
	const dn_lcust *c = rec;

	*k1 = c->id;
	*n1 = c->id_len;
	*k2 = c->currency;
	*n2 = strlen(c->currency);
}

static size_t rec_size(size_t id_len)
{
	return (sizeof(dn_lcust) + id_len + 1 + ALIGN - 1) & ~(size_t)(ALIGN - 1);
}

/* Room for a record of size bytes at the end of the last block, zeroed
 * (taken when used grows); NULL when out of memory. */
static dn_lcust *rec_room(dn_lcusts *t, size_t size)
{
	struct block *b = t->last;
	dn_lcust *c;

	if (b == NULL || b->cap - b->used < size) {
		size_t cap = size > BLOCK_BYTES ? size : BLOCK_BYTES;
		if ((b = malloc(sizeof *b + cap)) == NULL)
			return NULL;
		b->next = NULL;
		b->used = 0;
		b->cap = cap;
		if (t->last != NULL)
			t->last->next = b;
		else
			t->first = b;
		t->last = b;
	}
	c = (dn_lcust *)(void *)(b->data + b->used);
	memset(c, 0, size);
	return c;
}

dn_lcusts *dn_lcusts_new(void)
{
	dn_lcusts *t = calloc(1, sizeof *t);

	if (t == NULL)
		return NULL;
	if ((t->tab = dn_keytab_new(cust_key)) == NULL) {
		free(t);
		return NULL;
	}
	return t;
}

static void free_list(dn_litem *it)
{
	while (it != NULL) {
		dn_litem *next = it->next;
		free(it);
		it = next;
	}
}

void dn_lcusts_free(dn_lcusts *t)
{
	dn_lcusts_pos pos = {NULL, 0};
	dn_lcust *c;

	if (t == NULL)
		return;
	while ((c = dn_lcusts_next(t, &pos)) != NULL) {
		free_list(c->open_head);
		free_list(c->cr_head);
	}
	while (t->first != NULL) {
		struct block *next = t->first->next;
		free(t->first);
		t->first = next;
	}
	dn_keytab_free(t->tab);
	dn_strpool_free(&t->names);
	free(t);
}

dn_lcust *dn_lcusts_find(dn_lcusts *t, const dn_entry *en)
{
	dn_lcust *c = dn_keytab_get(t->tab, en->customer.s, en->customer.len, en->currency,
				    strlen(en->currency));
	size_t size;

	if (c != NULL) {
		/* The length, not *c->name: no trip to the pool on every line. */
		if (c->name_len == 0 && en->customer_name.len > 0) {
			c->name =
			    dn_strpool_dup(&t->names, en->customer_name.s, en->customer_name.len);
			c->name_len = en->customer_name.len;
		}
		return c->name != NULL ? c : NULL;
	}
	size = rec_size(en->customer.len);
	if ((c = rec_room(t, size)) == NULL)
		return NULL;
	memcpy(c->id, en->customer.s, en->customer.len);
	c->id_len = en->customer.len;
	c->name = dn_strpool_dup(&t->names, en->customer_name.s, en->customer_name.len);
	c->name_len = en->customer_name.len;
	memcpy(c->currency, en->currency, 4);
	c->decimals = en->decimals;
	/* On failure the room stays free: the next record takes it. */
	if (c->name == NULL || dn_keytab_put(t->tab, c) != 0)
		return NULL;
	t->last->used += size;
	return c;
}

void dn_lcusts_prefetch(const dn_lcusts *t, const dn_entry *en)
{
	dn_keytab_prefetch(t->tab,
			   dn_keytab_hash(en->customer.s, en->customer.len, en->currency,
					  strlen(en->currency)),
			   1);
}

dn_lcust *dn_lcusts_next(const dn_lcusts *t, dn_lcusts_pos *pos)
{
	const struct block *b = pos->block ? pos->block : t->first;
	dn_lcust *c;

	while (b != NULL && pos->at >= b->used) {
		b = b->next;
		pos->at = 0;
	}
	pos->block = b;
	if (b == NULL)
		return NULL;
	c = (dn_lcust *)(void *)(b->data + pos->at);
	pos->at += rec_size(c->id_len);
	return c;
}

dn_litem *dn_litem_new(dn_lcust *c, const char *inv, size_t inv_len, dn_date issue, dn_date due,
		       int64_t amount, long seq)
{
	dn_litem *it = calloc(1, sizeof *it + inv_len + 1);

	if (it == NULL)
		return NULL;
	memcpy(it->invoice, inv, inv_len);
	it->inv_len = inv_len;
	it->cust = c;
	it->issue = issue;
	it->due = due;
	it->amount = amount;
	it->credit = amount < 0;
	it->seq = seq;
	return it;
}

int dn_litem_before(const dn_litem *a, const dn_litem *b)
{
	if (a->due != b->due)
		return a->due < b->due;
	if (a->issue != b->issue)
		return a->issue < b->issue;
	return a->seq < b->seq;
}

/* New charges are usually the latest: the walk from the tail is short. */
void dn_lcust_link_charge(dn_litem *it)
{
	dn_lcust *c = it->cust;
	dn_litem *at = c->open_tail;

	while (at != NULL && dn_litem_before(it, at))
		at = at->prev;
	it->prev = at;
	it->next = at ? at->next : c->open_head;
	if (it->next)
		it->next->prev = it;
	else
		c->open_tail = it;
	if (at)
		at->next = it;
	else
		c->open_head = it;
	it->linked = 1;
}

void dn_lcust_link_credit(dn_litem *it)
{
	dn_lcust *c = it->cust;

	it->prev = c->cr_tail;
	it->next = NULL;
	if (c->cr_tail)
		c->cr_tail->next = it;
	else
		c->cr_head = it;
	c->cr_tail = it;
	it->linked = 1;
}

void dn_lcust_unlink(dn_litem *it)
{
	dn_lcust *c = it->cust;
	dn_litem **head = it->credit ? &c->cr_head : &c->open_head;
	dn_litem **tail = it->credit ? &c->cr_tail : &c->open_tail;

	if (!it->linked)
		return;
	if (it->prev)
		it->prev->next = it->next;
	else
		*head = it->next;
	if (it->next)
		it->next->prev = it->prev;
	else
		*tail = it->prev;
	it->prev = it->next = NULL;
	it->linked = 0;
}
