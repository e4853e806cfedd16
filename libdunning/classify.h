/* classify.h - what the debtor's words say.
 *
 * A text (a note, a reply, a bank label) is tagged with the category of the
 * first rule, in file order, whose pattern matches it (pattern.h): the rules
 * of the [classify] rules pattern file, else the built-in French and English
 * defaults below.  First match wins, so the order of the rules is the policy
 * for a text that says two things; the built-in order is, from the first:
 *
 *   insolvency     a collective proceeding suspends individual collection
 *   wrong_contact  the message reached someone else: the rest is not the debtor's
 *   already_paid   reminding someone who has paid is the worst mistake
 *   dispute        a conditional promise ("once the amount is fixed") is a dispute
 *   promise        a dated commitment says more than the hardship around it
 *   hardship
 *
 * Each category stands for a journal event (dn_classify_event).
 */
#ifndef DN_CLASSIFY_H
#define DN_CLASSIFY_H

#include <stddef.h>

#include "config.h"
#include "csvio.h"
#include "error.h"
#include "journal.h"
#include "pattern.h"

/* The name the built-in rules go by in messages. */
#define DN_CLASSIFY_BUILTIN_NAME "built-in classify rules"

/* The built-in rules, as the text of a pattern file: malloc'd (the caller
 * frees), NULL when out of memory. */
char *dn_classify_builtin_text(void);

/* The rules to use: the pattern file [classify] rules names (a relative
 * path is relative to the config file's folder), else (and when cfg is
 * NULL) the built-in rules.
 * NULL with e filled (DN_EX_CONFIG naming file:line, or the file that
 * cannot be opened; DN_EX_SOFTWARE when out of memory).  The caller frees
 * with dn_patterns_free. */
dn_patterns *dn_classify_rules(const dn_config *cfg, dn_error *e);

/* The column of rd holding the text: field, through its [columns] alias
 * when it is a canonical column, looked up like any header name.  Its
 * index, or -1 with e filled (DN_EX_DATAERR, "missing column" naming it,
 * with the delimiter the file seems to use when its header did not
 * split). */
int dn_classify_field(const dn_csv_reader *rd, const dn_config *cfg, const char *field,
		      dn_error *e);

/* What a text says. */
typedef struct dn_verdict {
	const char *category; /* borrowed from the rules; NULL when no rule matched */
	size_t start, end;    /* the matched bytes of the text (group 1 when the rule has one) */
	long rule;            /* index of the rule that matched, -1 when none */
} dn_verdict;

/* Classify text[0..len) (need not be NUL-terminated).  0 with *v filled
 * (a text no rule matches, or with invalid UTF-8, gets category NULL), or
 * DN_EX_DATAERR with e filled when a rule hits its match limit. */
int dn_classify_text(const dn_patterns *rules, const char *text, size_t len, dn_verdict *v,
		     dn_error *e);

/* The journal event a category stands for: dispute -> dispute, promise ->
 * promise, already_paid -> claim_paid, wrong_contact -> wrong_contact,
 * insolvency -> insolvency; hardship, any other category of a user's rules,
 * and NULL (no match) -> message_in. */
dn_event dn_classify_event(const char *category);

#endif
