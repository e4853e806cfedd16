/* template.h - reminder templates: plain UTF-8 text with {{name}}
 * placeholders (SPEC "remind").
 *
 * The first line of an email or letter template is "Subject: ..." (the
 * subject, placeholders allowed); an sms or call template has no subject
 * line.  Placeholders: customer, customer_name, currency, overdue,
 * total_due, fee, interest, oldest_due_date, invoice_table, plan, sender,
 * contact, as_of; spaces inside the braces are allowed ({{ fee }}).  A
 * template is parsed once, when loaded: an unknown placeholder, a "{{"
 * without "}}" on its line, invalid UTF-8, a NUL byte or a missing or
 * unexpected subject line is a configuration error naming file:line, so a
 * run fails before any output.  Rendering inserts each value as text, in
 * one pass: a value holding "{{fee}}" stays "{{fee}}".
 */
#ifndef DN_TEMPLATE_H
#define DN_TEMPLATE_H

#include <stddef.h>

#include "error.h"

typedef enum dn_placeholder {
	DN_PH_CUSTOMER,
	DN_PH_CUSTOMER_NAME,
	DN_PH_CURRENCY,
	DN_PH_OVERDUE,
	DN_PH_TOTAL_DUE,
	DN_PH_FEE,
	DN_PH_INTEREST,
	DN_PH_OLDEST_DUE_DATE,
	DN_PH_INVOICE_TABLE,
	DN_PH_PLAN,
	DN_PH_SENDER,
	DN_PH_CONTACT,
	DN_PH_AS_OF,
	DN_PH_COUNT
} dn_placeholder;

/* "customer_name" for DN_PH_CUSTOMER_NAME. */
const char *dn_placeholder_name(dn_placeholder p);

/* A growable text; start from {0}, free with dn_text_free. */
typedef struct dn_text {
	char *s;    /* NUL-terminated when len > 0 or after any append */
	size_t len, cap;
	int failed; /* an append ran out of memory */
} dn_text;

void dn_text_append(dn_text *t, const char *s, size_t len);
void dn_text_puts(dn_text *t, const char *s);
/* Make t len bytes longer and return where they start, for the caller to
 * fill (NUL-terminated after them); NULL when out of memory (failed set). */
char *dn_text_grow(dn_text *t, size_t len);
void dn_text_clear(dn_text *t); /* len 0, storage kept */
void dn_text_free(dn_text *t);

typedef struct dn_template dn_template;

/* Load the template at path; with_subject: the first line must be
 * "Subject: ..." (email, letter), else it must not be.  NULL with e filled:
 * DN_EX_CONFIG (cannot be read, or one of the errors above, naming
 * path:line), DN_EX_SOFTWARE (out of memory).  path is copied. */
dn_template *dn_template_load(const char *path, int with_subject, dn_error *e);

/* The same from text[0..len); name stands for the file in messages. */
dn_template *dn_template_from_text(const char *text, size_t len, const char *name,
				   int with_subject, dn_error *e);

/* Free; NULL is a no-op. */
void dn_template_free(dn_template *t);

/* The file it was read from (or the name given), and its whole text.
 * Borrowed, valid while t lives. */
const char *dn_template_name(const dn_template *t);
const char *dn_template_text(const dn_template *t, size_t *len);

/* The values of one message: v[k][0..len[k]) for placeholder k (NULL: ""). */
typedef struct dn_tvalues {
	const char *v[DN_PH_COUNT];
	size_t len[DN_PH_COUNT];
} dn_tvalues;

/* Render into subject (cleared first; CR, LF and TAB coming from values
 * become spaces: a subject is one line) and body (cleared first).  Returns
 * 0, or DN_EX_SOFTWARE when out of memory. */
int dn_template_render(const dn_template *t, const dn_tvalues *vals, dn_text *subject,
		       dn_text *body);

#endif
