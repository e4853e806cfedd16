/* keytab.h - a hash table from a two-part byte key to a caller's record.
 *
 * The tools aggregate per (customer, currency) or per customer: memory must
 * grow with those, never with rows.  The key is two byte strings (say a
 * customer and a currency code), compared as a pair, so ("AB", "C") and
 * ("A", "BC") are different keys.  The key lives in the record: the table
 * keeps only a hash and the record's address per slot (16 bytes, so that
 * the slots of 100,000 customers stay in cache) and reads a record's key
 * through the caller's function when it must compare.  Records are the
 * caller's: the table never frees them.
 */
#ifndef DN_KEYTAB_H
#define DN_KEYTAB_H

#include <stddef.h>
#include <stdint.h>

/* Where the key of rec is: (*k1, *n1) then (*k2, *n2). */
typedef void (*dn_keytab_key_fn)(const void *rec, const char **k1, size_t *n1,
				 const char **k2, size_t *n2);

typedef struct dn_keytab dn_keytab;

/* An empty table whose records' keys key() tells; NULL when out of memory.
 * Free with dn_keytab_free (NULL is a no-op); that frees the table only,
 * not the records. */
dn_keytab *dn_keytab_new(dn_keytab_key_fn key);
void dn_keytab_free(dn_keytab *t);

/* The record stored under (k1[0..n1), k2[0..n2)), or NULL. */
void *dn_keytab_get(const dn_keytab *t, const char *k1, size_t n1, const char *k2, size_t n2);

/* The hash of a key, for dn_keytab_prefetch. */
uint64_t dn_keytab_hash(const char *k1, size_t n1, const char *k2, size_t n2);

/* A hint that the key of that hash is about to be looked up; it changes
 * nothing.  Stage 1 brings the key's slot into cache; stage 2, called
 * later (a row later: the slot is there by then), the record that slot
 * holds.  With 50,000 customers neither is in cache otherwise. */
void dn_keytab_prefetch(const dn_keytab *t, uint64_t hash, int stage);

/* Store rec (not NULL) under its key, which must not be present yet.
 * Returns 0, or -1 when out of memory (the table is unchanged). */
int dn_keytab_put(dn_keytab *t, void *rec);

/* Byte order of two byte strings (strcmp order when they hold no NUL):
 * negative, 0 or positive.  The tools sort keys with it. */
int dn_bytes_cmp(const char *a, size_t alen, const char *b, size_t blen);

/* Number of records. */
size_t dn_keytab_count(const dn_keytab *t);

/* Walk the records in no particular order: *pos starts at 0; returns the
 * next record, or NULL after the last.  No put while walking. */
void *dn_keytab_next(const dn_keytab *t, size_t *pos);

#endif
