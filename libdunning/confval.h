/* confval.h - strict conversions of configuration values (and of the
 * boolean words items share with them).
 *
 * No strtol: no octal, no hex, no leading sign or space; a value either has
 * exactly the documented shape or is refused (-1).  Nothing is allocated;
 * outputs are written only on success.
 */
#ifndef DN_CONFVAL_H
#define DN_CONFVAL_H

#include <stddef.h>

/* The one boolean vocabulary.  Config values (item_flag 0): yes/no,
 * true/false, 1/0, on/off in any case.  Item flags such as `disputed`
 * (item_flag 1): the same words plus oui/non and y/n, and an empty field
 * is "no".  s is len bytes (need not be NUL-terminated), not trimmed.
 * Returns 1, 0, or -1 when s is not a boolean. */
int dn_parse_bool(const char *s, size_t len, int item_flag);

/* A whole number 0..1000000000 written in ASCII digits (a NUL-terminated
 * string; "08" is 8).  Returns 0 with *out set, or -1. */
int dn_parse_uint(const char *s, long *out);

/* Increasing positive whole numbers separated by commas (spaces allowed),
 * at most max of them: "30,60,90,120".  Returns 0 with out[] and *n set,
 * or -1. */
int dn_parse_buckets(const char *s, int *out, size_t max, size_t *n);

/* Dated rates with increasing dates: "2025-01-01:13.15,2025-07-01:12.15".
 * Returns 0 or -1. */
int dn_parse_rates(const char *s);

/* Account prefixes, letters and digits: "411,413,416".  Returns 0 or -1. */
int dn_parse_prefixes(const char *s);

/* Payment terms: "N" days or "Neom" (N days with an end of month), N at
 * most 3650.  Returns 0 with *days and *eom set, or -1. */
int dn_parse_terms(const char *s, int *days, int *eom);

/* A field delimiter as dunning.ini writes it: a name (comma, semicolon,
 * tab, pipe) or the character itself (`,` `;` `|` or a tab), either one
 * optionally quoted with " or '.  s is the raw text after '=' (len bytes):
 * surrounding spaces and line ends are ignored, and tabs too unless a tab
 * is all there is.  Returns 0 with *out set, or -1. */
int dn_parse_delimiter(const char *s, size_t len, char *out);


#endif
