/* keytab.c - open addressing with linear probing, multiply-fold hashes of
 * whole words, at most half full. */
#include "keytab.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "bigmem.h"
#include "swar_int.h"

struct slot {
	uint64_t hash;
	void *rec; /* NULL: empty slot */
};

struct dn_keytab {
	struct slot *slots;
	size_t cap; /* a power of two */
	size_t n;
	dn_keytab_key_fn key;
};

#define INITIAL_CAP 64

dn_keytab *dn_keytab_new(dn_keytab_key_fn key)
{
	dn_keytab *t = calloc(1, sizeof *t);

	if (t == NULL)
		return NULL;
	t->cap = INITIAL_CAP;
	t->key = key;
	t->slots = calloc(t->cap, sizeof *t->slots);
	if (t->slots == NULL) {
		free(t);
		return NULL;
	}
	return t;
}

void dn_keytab_free(dn_keytab *t)
{
	if (t == NULL)
		return;
	free(t->slots);
	free(t);
}

/* A 64x64-bit multiply folded to 64 bits: every output bit depends on
 * every input bit, in a few instructions. */
__extension__ typedef unsigned __int128 u128;

static inline uint64_t fold(uint64_t a, uint64_t b)
{
	u128 p = (u128)a * b;

	return (uint64_t)p ^ (uint64_t)(p >> 64);
}

#define K0 UINT64_C(0xa0761d6478bd642f)
#define K1 UINT64_C(0xe7037ed1a0b428db)
#define K2 UINT64_C(0x8ebc6af09c88c6e3)

/* The bytes of k[0..n) folded into h eight at a time (a shorter tail as
 * one word, swar_int.h): the customer codes the tools key on are one or
 * two words, where a byte-at-a-time hash took a multiply per byte. */
DN_SWAR_INLINE uint64_t hash_part(uint64_t h, const char *k, size_t n)
{
	for (; n >= 8; k += 8, n -= 8)
		h = fold(h ^ dn_swar_load8(k) ^ K0, K1);
	if (n > 0)
		h = fold(h ^ dn_swar_load_short(k, n) ^ K0, K1);
	return h;
}

/* Both parts, then both lengths: ("AB", "C") and ("A", "BC") differ. */
DN_SWAR_INLINE uint64_t hash_key(const char *k1, size_t n1, const char *k2, size_t n2)
{
	uint64_t h = hash_part(K2, k1, n1);

	h = hash_part(h ^ K1, k2, n2);
	return fold(h ^ K0, (uint64_t)n1 << 32 ^ (uint64_t)n2 ^ K2);
}

static int same_key(const dn_keytab *t, const void *rec, const char *k1, size_t n1,
		    const char *k2, size_t n2)
{
	const char *r1, *r2;
	size_t m1, m2;

	t->key(rec, &r1, &m1, &r2, &m2);
	return m1 == n1 && m2 == n2 && memcmp(r1, k1, n1) == 0 && memcmp(r2, k2, n2) == 0;
}

int dn_bytes_cmp(const char *a, size_t alen, const char *b, size_t blen)
{
	int c = memcmp(a, b, alen < blen ? alen : blen);

	if (c != 0)
		return c;
	return alen < blen ? -1 : alen > blen;
}

void *dn_keytab_get(const dn_keytab *t, const char *k1, size_t n1, const char *k2, size_t n2)
{
	uint64_t h = hash_key(k1, n1, k2, n2);
	size_t i = (size_t)h & (t->cap - 1);

	while (t->slots[i].rec != NULL) {
		if (t->slots[i].hash == h && same_key(t, t->slots[i].rec, k1, n1, k2, n2))
			return t->slots[i].rec;
		i = (i + 1) & (t->cap - 1);
	}
	return NULL;
}

uint64_t dn_keytab_hash(const char *k1, size_t n1, const char *k2, size_t n2)
{
	return hash_key(k1, n1, k2, n2);
}

void dn_keytab_prefetch(const dn_keytab *t, uint64_t h, int stage)
{
	size_t i = (size_t)h & (t->cap - 1), k;

	if (stage == 1) {
		__builtin_prefetch(&t->slots[i]);
		return;
	}
	/* The key's slot, or one of the next few (linear probing). */
	for (k = 0; k < 4 && t->slots[i].rec != NULL; k++, i = (i + 1) & (t->cap - 1)) {
		if (t->slots[i].hash == h) {
			/* A record's key and sums take two cache lines. */
			__builtin_prefetch(t->slots[i].rec);
			__builtin_prefetch((const char *)t->slots[i].rec + 64);
			return;
		}
	}
}

static int grow(dn_keytab *t)
{
	size_t ncap = t->cap * 2, i, k;
	struct slot *ns;

	if (ncap < t->cap || ncap > SIZE_MAX / sizeof *ns)
		return -1;
	ns = dn_big_calloc(ncap * sizeof *ns);
	if (ns == NULL)
		return -1;
	for (i = 0; i < t->cap; i++) {
		if (t->slots[i].rec == NULL)
			continue;
		k = (size_t)t->slots[i].hash & (ncap - 1);
		while (ns[k].rec != NULL)
			k = (k + 1) & (ncap - 1);
		ns[k] = t->slots[i];
	}
	free(t->slots);
	t->slots = ns;
	t->cap = ncap;
	return 0;
}

int dn_keytab_put(dn_keytab *t, void *rec)
{
	const char *k1, *k2;
	size_t n1, n2, i;
	uint64_t h;

	if (rec == NULL || (2 * (t->n + 1) > t->cap && grow(t) != 0))
		return -1;
	t->key(rec, &k1, &n1, &k2, &n2);
	h = hash_key(k1, n1, k2, n2);
	i = (size_t)h & (t->cap - 1);
	while (t->slots[i].rec != NULL)
		i = (i + 1) & (t->cap - 1);
	t->slots[i].hash = h;
	t->slots[i].rec = rec;
	t->n++;
	return 0;
}

size_t dn_keytab_count(const dn_keytab *t)
{
	return t->n;
}

void *dn_keytab_next(const dn_keytab *t, size_t *pos)
{
	while (*pos < t->cap) {
		void *rec = t->slots[(*pos)++].rec;
		if (rec != NULL)
			return rec;
	}
	return NULL;
}
