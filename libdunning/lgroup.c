/* lgroup.c - lettering groups in a chained hash table (see lgroup.h).
 * The table doubles when it holds as many groups as chains. */
#include "lgroup.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#define KEY_MAX 1024

struct dn_lgroups {
	dn_lgroup **chain;
	size_t cap, count; /* cap: 0 or a power of two */
	size_t popped;	   /* chains dn_lgroups_pop has emptied */
};

dn_lgroups *dn_lgroups_new(void)
{
	return calloc(1, sizeof(dn_lgroups));
}

/* The two members' room after the key, aligned for pointers. */
static size_t room_at(size_t key_len)
{
	return (offsetof(dn_lgroup, key) + key_len + sizeof(void *) - 1) & ~(sizeof(void *) - 1);
}

static dn_litem **inline_room(dn_lgroup *g)
{
	return (dn_litem **)(void *)((char *)g + room_at(g->key_len));
}

void dn_lgroup_free(dn_lgroup *g)
{
	if (g == NULL)
		return;
	for (size_t k = 0; k < g->n; k++)
		free(g->member[k]);
	if (g->member != inline_room(g))
		free(g->member);
	free(g);
}

void dn_lgroups_free(dn_lgroups *t)
{
	dn_lgroup *g;

	if (t == NULL)
		return;
	while ((g = dn_lgroups_pop(t)) != NULL)
		dn_lgroup_free(g);
	free(t->chain);
	free(t);
}

static uint64_t fnv1a(const char *s, size_t n)
{
	uint64_t h = 1469598103934665603u;

	while (n-- > 0)
		h = (h ^ (unsigned char)*s++) * 1099511628211u;
	return h;
}

/* The group key: account, customer, letter, currency, NUL-separated (no
 * field holds a NUL: the reader refuses them).  0 when it does not fit. */
static size_t group_key(const dn_entry *en, char *buf, size_t size)
{
	const dn_span part[4] = {
	    en->account, en->customer, en->letter, {en->currency, strlen(en->currency)}};
	size_t n = 0;

	for (int k = 0; k < 4; k++) {
		if (n + part[k].len + 1 > size)
			return 0;
		memcpy(buf + n, part[k].s, part[k].len);
		n += part[k].len;
		buf[n++] = '\0';
	}
	return n;
}

static int grow(dn_lgroups *t)
{
	size_t ncap = t->cap ? t->cap * 2 : 1024, i;
	dn_lgroup **nt = calloc(ncap, sizeof *nt);

	if (nt == NULL)
		return -1;
	for (i = 0; i < t->cap; i++)
		while (t->chain[i] != NULL) {
			dn_lgroup *g = t->chain[i];
			t->chain[i] = g->hnext;
			g->hnext = nt[g->hash & (ncap - 1)];
			nt[g->hash & (ncap - 1)] = g;
		}
	free(t->chain);
	t->chain = nt;
	t->cap = ncap;
	t->popped = 0;
	return 0;
}

dn_lgroup *dn_lgroups_of(dn_lgroups *t, const dn_entry *en)
{
	char key[KEY_MAX];
	size_t n = group_key(en, key, sizeof key);
	uint64_t h = fnv1a(key, n);
	dn_lgroup *g;

	if (n == 0)
		return NULL;
	if (t->count >= t->cap && grow(t) != 0)
		return NULL;
	for (g = t->chain[h & (t->cap - 1)]; g != NULL; g = g->hnext)
		if (g->hash == h && g->key_len == n && memcmp(g->key, key, n) == 0)
			return g;
	if ((g = calloc(1, room_at(n) + 2 * sizeof *g->member)) == NULL)
		return NULL;
	memcpy(g->key, key, n);
	g->key_len = (uint32_t)n;
	g->member = inline_room(g);
	g->cap = 2;
	g->hash = h;
	g->hnext = t->chain[h & (t->cap - 1)];
	t->chain[h & (t->cap - 1)] = g;
	t->count++;
	t->popped = 0; /* it may sit in a chain a pop has passed */
	return g;
}

static int grow_members(dn_lgroup *g, size_t need)
{
	size_t ncap = g->cap;
	dn_litem **m;

	if (need <= g->cap)
		return 0;
	while (ncap < need)
		ncap *= 2;
	if (ncap > UINT32_MAX)
		return -1;
	if (g->member == inline_room(g)) {
		if ((m = malloc(ncap * sizeof *m)) == NULL)
			return -1;
		memcpy(m, g->member, g->n * sizeof *m);
	} else if ((m = realloc(g->member, ncap * sizeof *m)) == NULL) {
		return -1;
	}
	g->member = m;
	g->cap = (uint32_t)ncap;
	return 0;
}

int dn_lgroup_add(dn_lgroup *g, dn_litem *it)
{
	if (grow_members(g, g->n + 1) != 0)
		return -1;
	g->member[g->n++] = it;
	it->group = g;
	return 0;
}

size_t dn_lgroup_remove(dn_lgroup *g, dn_litem *it)
{
	size_t i = 0;

	while (g->member[i] != it)
		i++;
	g->member[i] = g->member[--g->n];
	it->group = NULL;
	return g->n;
}

void dn_lgroups_done(dn_lgroups *t, dn_lgroup *g)
{
	dn_lgroup **p = &t->chain[g->hash & (t->cap - 1)];

	while (*p != g)
		p = &(*p)->hnext;
	*p = g->hnext;
	t->count--;
	dn_lgroup_free(g);
}

dn_lgroup *dn_lgroups_pop(dn_lgroups *t)
{
	for (; t->popped < t->cap; t->popped++) {
		dn_lgroup *g = t->chain[t->popped];
		if (g != NULL) {
			t->chain[t->popped] = g->hnext;
			t->count--;
			return g;
		}
	}
	return NULL;
}
