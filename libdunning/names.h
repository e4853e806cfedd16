/* names.h - header names compared as SPEC "Input" says.
 *
 * Two header names are the same when, trimmed of spaces and tabs, they
 * match caselessly in the Unicode sense (Échéance = échéance, K = k =
 * KELVIN SIGN): PCRE2's caseless UTF matching decides, no case table of
 * our own.  Names that are pure ASCII take a fast path with the same
 * answer.  A name that is not valid UTF-8 is compared ASCII-caselessly.
 */
#ifndef DN_NAMES_H
#define DN_NAMES_H

#include <stddef.h>

/* s[0..len) without its leading and trailing spaces and tabs. */
void dn_name_trim(const char *s, size_t len, const char **start, size_t *n);

typedef struct dn_name_matcher dn_name_matcher;

/* A matcher for name[0..len) (trimmed here), to compare with many names:
 * its PCRE2 pattern is compiled only when a non-ASCII comparison needs it.
 * The matcher keeps a pointer into name: name must outlive it.  NULL when
 * out of memory.  Free with dn_name_matcher_free (NULL is a no-op). */
dn_name_matcher *dn_name_matcher_new(const char *name, size_t len);
void dn_name_matcher_free(dn_name_matcher *m);

/* Whether s[0..len) is the matcher's name (trimmed, caseless). */
int dn_name_matches(dn_name_matcher *m, const char *s, size_t len);

/* Whether a and b are the same name; 0 also when out of memory. */
int dn_name_equal(const char *a, size_t alen, const char *b, size_t blen);

/* Whether some name of v[0..n) (lengths len) is the same name as an earlier
 * one: 1 with *dup the smallest such index, 0 when all differ, -1 when out
 * of memory.  O(n log n) for any names. */
int dn_names_find_duplicate(const char *const *v, const size_t *len, size_t n, size_t *dup);

#endif
