/* lgroup.c - lettering groups in an open-addressing hash table (linear
 * probing, at most half full; see lgroup.h). */
#include "lgroup.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

/* A slot: the group's hash beside it, so that a probe reads the slot
 * array only, not the groups it passes. */
struct slot {
	uint64_t hash;
	dn_lgroup *g; /* NULL: empty */
};

struct dn_lgroups {
	struct slot *slot;
	size_t cap, count; /* cap: 0 or a power of two, at least twice count */
	size_t popped;	   /* slots dn_lgroups_pop has emptied */
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
	free(t->slot);
	free(t);
}

/* The key's parts: account, customer, letter, currency. */
static void key_parts(const dn_entry *en, dn_span part[4])
{
	part[0] = en->account;
	part[1] = en->customer;
	part[2] = en->letter;
	part[3] = (dn_span){en->currency, strlen(en->currency)};
}

/* FNV-1a of the parts, each followed by a NUL (the key as stored: no part
 * holds a NUL, the reader refuses them). */
static uint64_t key_hash(const dn_span part[4], size_t *len)
{
	uint64_t h = 1469598103934665603u;

	*len = 0;
	for (int k = 0; k < 4; k++) {
		for (size_t i = 0; i < part[k].len; i++)
			h = (h ^ (unsigned char)part[k].s[i]) * 1099511628211u;
		h *= 1099511628211u; /* ^ 0 */
		*len += part[k].len + 1;
	}
	return h ^ (h >> 29);
}

static int key_is(const dn_lgroup *g, const dn_span part[4], size_t len)
{
	const char *at = g->key;

	if (g->key_len != len)
		return 0;
	for (int k = 0; k < 4; k++) {
		if (memcmp(at, part[k].s, part[k].len) != 0 || at[part[k].len] != '\0')
			return 0;
		at += part[k].len + 1;
	}
	return 1;
}

static void key_copy(dn_lgroup *g, const dn_span part[4])
{
	char *at = g->key;

	for (int k = 0; k < 4; k++) {
		memcpy(at, part[k].s, part[k].len);
		at[part[k].len] = '\0';
		at += part[k].len + 1;
	}
}

static void put(struct slot *slot, size_t cap, uint64_t h, dn_lgroup *g)
{
	size_t i = (size_t)h & (cap - 1);

	while (slot[i].g != NULL)
		i = (i + 1) & (cap - 1);
	slot[i].hash = h;
	slot[i].g = g;
}

static int grow(dn_lgroups *t)
{
	size_t ncap = t->cap ? t->cap * 2 : 1024;
	struct slot *ns = calloc(ncap, sizeof *ns);

	if (ns == NULL)
		return -1;
	for (size_t i = 0; i < t->cap; i++)
		if (t->slot[i].g != NULL)
			put(ns, ncap, t->slot[i].hash, t->slot[i].g);
	free(t->slot);
	t->slot = ns;
	t->cap = ncap;
	return 0;
}

void dn_lgroups_prefetch(const dn_lgroups *t, const dn_entry *en)
{
#if defined(__GNUC__)
	dn_span part[4];
	size_t len;
	uint64_t h;

	if (t->cap == 0)
		return;
	key_parts(en, part);
	h = key_hash(part, &len);
	__builtin_prefetch(&t->slot[(size_t)h & (t->cap - 1)]);
#else
	(void)t, (void)en;
#endif
}

dn_lgroup *dn_lgroups_of(dn_lgroups *t, const dn_entry *en)
{
	dn_span part[4];
	size_t len, i;
	uint64_t h;
	dn_lgroup *g;

	key_parts(en, part);
	h = key_hash(part, &len);
	if (len > UINT32_MAX || (2 * (t->count + 1) > t->cap && grow(t) != 0))
		return NULL;
	for (i = (size_t)h & (t->cap - 1); t->slot[i].g != NULL; i = (i + 1) & (t->cap - 1))
		if (t->slot[i].hash == h && key_is(t->slot[i].g, part, len))
			return t->slot[i].g;
	if ((g = calloc(1, room_at(len) + 2 * sizeof *g->member)) == NULL)
		return NULL;
	key_copy(g, part);
	g->key_len = (uint32_t)len;
	g->member = inline_room(g);
	g->cap = 2;
	g->hash = h;
	t->slot[i].hash = h;
	t->slot[i].g = g;
	t->count++;
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

/* Empty slot i, moving back the groups after it that probed past it
 * (linear probing's deletion: no tombstones). */
static void take_out(dn_lgroups *t, size_t i)
{
	size_t mask = t->cap - 1, j = i;

	for (;;) {
		j = (j + 1) & mask;
		if (t->slot[j].g == NULL)
			break;
		size_t home = (size_t)t->slot[j].hash & mask;
		/* It stays when its home lies cyclically in (i, j]. */
		if (i <= j ? (home > i && home <= j) : (home > i || home <= j))
			continue;
		t->slot[i] = t->slot[j];
		i = j;
	}
	t->slot[i].g = NULL;
	t->count--;
}

void dn_lgroups_done(dn_lgroups *t, dn_lgroup *g)
{
	size_t i = (size_t)g->hash & (t->cap - 1);

	while (t->slot[i].g != g)
		i = (i + 1) & (t->cap - 1);
	take_out(t, i);
	dn_lgroup_free(g);
}

/* Slots are emptied without moving the others: after a pop the table is
 * only for popping (and freeing). */
dn_lgroup *dn_lgroups_pop(dn_lgroups *t)
{
	for (; t->popped < t->cap; t->popped++) {
		dn_lgroup *g = t->slot[t->popped].g;
		if (g != NULL) {
			t->slot[t->popped].g = NULL;
			t->count--;
			return g;
		}
	}
	return NULL;
}
