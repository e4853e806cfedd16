/* csvtext.h - what a field's bytes are, whoever read them: valid UTF-8,
 * a plain number.  The reader checks every field it hands out with the
 * first; the writer (--excel-safe), error values, header names, patterns
 * and templates use them too. */
#ifndef DN_CSVTEXT_H
#define DN_CSVTEXT_H

#include <stddef.h>

/* Whether a field is a plain number: -?digits(.digits)? */
int dn_is_plain_number(const char *s, size_t len);

/* The same with ',' as the decimal separator too: -?digits([.,]digits)? */
int dn_is_plain_number_comma(const char *s, size_t len);

/* Whether s[0..len) is valid UTF-8 (no overlongs, no surrogates). */
int dn_utf8_valid(const char *s, size_t len);

#endif
