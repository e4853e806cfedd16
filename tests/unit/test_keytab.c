/* test_keytab.c - the two-part key table: a key is found exactly when it
 * was put, the two parts never run together, the hash changes with every
 * bit of either part, and growth keeps every record. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "keytab.h"
#include "unit.h"

struct rec {
	char k1[32], k2[8];
	size_t n1, n2;
	int value;
};

static void rec_key(const void *r, const char **k1, size_t *n1, const char **k2, size_t *n2)
{
	const struct rec *x = r;

	*k1 = x->k1;
	*n1 = x->n1;
	*k2 = x->k2;
	*n2 = x->n2;
}

static struct rec *make(const char *k1, size_t n1, const char *k2, size_t n2, int value)
{
	struct rec *r = calloc(1, sizeof *r);

	if (r == NULL)
		return NULL;
	memcpy(r->k1, k1, n1);
	memcpy(r->k2, k2, n2);
	r->n1 = n1;
	r->n2 = n2;
	r->value = value;
	return r;
}

static void free_all(dn_keytab *t)
{
	size_t pos = 0;
	void *r;

	while ((r = dn_keytab_next(t, &pos)) != NULL)
		free(r);
	dn_keytab_free(t);
}

/* ("AB", "C") and ("A", "BC") are two keys; an empty part is a key too. */
static void test_parts_apart(void)
{
	dn_keytab *t = dn_keytab_new(rec_key);
	struct rec *a = make("AB", 2, "C", 1, 1), *b = make("A", 1, "BC", 2, 2);
	struct rec *c = make("ABC", 3, "", 0, 3), *d = make("", 0, "ABC", 3, 4);
	struct rec *got;

	CHECK(t != NULL && a && b && c && d);
	if (t == NULL || !a || !b || !c || !d)
		return;
	CHECK(dn_keytab_put(t, a) == 0 && dn_keytab_put(t, b) == 0);
	CHECK(dn_keytab_put(t, c) == 0 && dn_keytab_put(t, d) == 0);
	CHECK(dn_keytab_count(t) == 4);
	got = dn_keytab_get(t, "AB", 2, "C", 1);
	CHECK(got == a);
	got = dn_keytab_get(t, "A", 1, "BC", 2);
	CHECK(got == b);
	got = dn_keytab_get(t, "ABC", 3, "", 0);
	CHECK(got == c);
	got = dn_keytab_get(t, "", 0, "ABC", 3);
	CHECK(got == d);
	CHECK(dn_keytab_get(t, "AB", 2, "", 0) == NULL);
	CHECK(dn_keytab_get(t, "ABC", 3, "C", 1) == NULL);
	CHECK(dn_keytab_hash("AB", 2, "C", 1) != dn_keytab_hash("A", 1, "BC", 2));
	CHECK(dn_keytab_hash("AB", 2, "C", 1) == dn_keytab_hash("AB", 2, "C", 1));
	free_all(t);
}

/* Keys of 0 to 24 bytes (one short word, one word, two and three), that
 * differ in one byte anywhere or in length only: each finds itself only. */
static void test_every_length_and_byte(void)
{
	dn_keytab *t = dn_keytab_new(rec_key);
	char base[25] = "C0123456789ABCDEFGHIJKLM", k[32];
	int ok = 1, n = 0;
	size_t len, pos;
	struct rec *r;

	CHECK(t != NULL);
	if (t == NULL)
		return;
	for (len = 0; len <= 24 && ok; len++) {
		memcpy(k, base, len);
		if ((r = make(k, len, "EUR", 3, n++)) == NULL || dn_keytab_put(t, r) != 0)
			ok = 0;
		for (pos = 0; pos < len && ok; pos++) {
			memcpy(k, base, len);
			k[pos] = (char)(k[pos] ^ 0x20); /* case flipped, or a digit moved */
			if (dn_keytab_get(t, k, len, "EUR", 3) != NULL)
				continue; /* the same text as an earlier key: not here */
			if ((r = make(k, len, "EUR", 3, n++)) == NULL || dn_keytab_put(t, r) != 0)
				ok = 0;
		}
	}
	CHECK(ok);
	CHECK(dn_keytab_count(t) == (size_t)n);
	/* every record is found under its own key, and nothing else is */
	pos = 0;
	while ((r = dn_keytab_next(t, &pos)) != NULL) {
		ok &= dn_keytab_get(t, r->k1, r->n1, r->k2, r->n2) == r;
		ok &= dn_keytab_get(t, r->k1, r->n1, "USD", 3) == NULL;
	}
	CHECK(ok);
	free_all(t);
}

/* 100,000 customers in two currencies: the table grows many times and
 * keeps them all; a walk visits each record once. */
static void test_growth(void)
{
	dn_keytab *t = dn_keytab_new(rec_key);
	char name[16];
	int i, ok = 1;
	long long sum = 0;
	size_t pos = 0, seen = 0;
	struct rec *r;

	CHECK(t != NULL);
	if (t == NULL)
		return;
	for (i = 0; i < 100000 && ok; i++) {
		int n = snprintf(name, sizeof name, "C%06d", i);
		dn_keytab_prefetch(t, dn_keytab_hash(name, (size_t)n, "EUR", 3), 1);
		dn_keytab_prefetch(t, dn_keytab_hash(name, (size_t)n, "EUR", 3), 2);
		if ((r = make(name, (size_t)n, "EUR", 3, i)) == NULL || dn_keytab_put(t, r) != 0)
			ok = 0;
		if ((r = make(name, (size_t)n, "JPY", 3, -i)) == NULL || dn_keytab_put(t, r) != 0)
			ok = 0;
	}
	CHECK(ok);
	CHECK(dn_keytab_count(t) == 200000);
	while ((r = dn_keytab_next(t, &pos)) != NULL) {
		sum += r->value;
		seen++;
	}
	CHECK(seen == 200000);
	CHECK(sum == 0); /* each customer's i and -i: every record seen once */
	r = dn_keytab_get(t, "C099999", 7, "JPY", 3);
	CHECK(r != NULL && r->value == -99999);
	r = dn_keytab_get(t, "C012345", 7, "EUR", 3);
	CHECK(r != NULL && r->value == 12345);
	CHECK(dn_keytab_get(t, "C100000", 7, "EUR", 3) == NULL);
	free_all(t);
}

/* A key may hold any byte, NUL included; order is byte order. */
static void test_bytes(void)
{
	dn_keytab *t = dn_keytab_new(rec_key);
	struct rec *a = make("A\0B", 3, "X", 1, 1), *b = make("A\0C", 3, "X", 1, 2);

	CHECK(t != NULL && a && b);
	if (t == NULL || !a || !b)
		return;
	CHECK(dn_keytab_put(t, a) == 0 && dn_keytab_put(t, b) == 0);
	CHECK(dn_keytab_get(t, "A\0B", 3, "X", 1) == a);
	CHECK(dn_keytab_get(t, "A\0C", 3, "X", 1) == b);
	CHECK(dn_keytab_get(t, "A", 1, "X", 1) == NULL);
	CHECK(dn_bytes_cmp("A\0B", 3, "A\0C", 3) < 0);
	CHECK(dn_bytes_cmp("AB", 2, "ABC", 3) < 0);
	CHECK(dn_bytes_cmp("ABC", 3, "AB", 2) > 0);
	CHECK(dn_bytes_cmp("AB", 2, "AB", 2) == 0);
	CHECK(dn_keytab_put(t, NULL) == -1);
	free_all(t);
	dn_keytab_free(NULL);
}

/* The hash itself: one bit flipped anywhere in either part, at every
 * length up to three words, changes it (the table would still be right
 * with a poor hash, only slow: this is what keeps it fast). */
static void test_hash_every_bit(void)
{
	char k[32], c[8];
	size_t len, pos, bit;
	int same = 0;
	uint64_t h0;

	for (len = 1; len <= 24; len++) {
		memcpy(k, "C0123456789ABCDEFGHIJKLM", len);
		memcpy(c, "EUR", 3);
		h0 = dn_keytab_hash(k, len, c, 3);
		for (pos = 0; pos < len; pos++)
			for (bit = 0; bit < 8; bit++) {
				k[pos] = (char)(k[pos] ^ (1 << bit));
				same += dn_keytab_hash(k, len, c, 3) == h0;
				k[pos] = (char)(k[pos] ^ (1 << bit));
			}
		for (pos = 0; pos < 3; pos++)
			for (bit = 0; bit < 8; bit++) {
				c[pos] = (char)(c[pos] ^ (1 << bit));
				same += dn_keytab_hash(k, len, c, 3) == h0;
				c[pos] = (char)(c[pos] ^ (1 << bit));
			}
		/* a zero byte added is another key */
		k[len] = 0;
		same += len < 24 && dn_keytab_hash(k, len + 1, c, 3) == h0;
	}
	CHECK(same == 0);
}

int main(void)
{
	test_hash_every_bit();
	test_parts_apart();
	test_every_length_and_byte();
	test_growth();
	test_bytes();
	DONE();
}
