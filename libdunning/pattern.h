/* pattern.h - PCRE2, wrapped once: single patterns and pattern files.
 *
 * Every pattern compiles with PCRE2_UTF | PCRE2_UCP | PCRE2_CASELESS |
 * PCRE2_MATCH_INVALID_UTF (so "DÉJÀ PAYÉ" matches `déjà payé`, `\bpay\b`
 * does not match "payé", and invalid UTF-8 in a subject never matches
 * rather than failing), JIT-compiled when the platform has a JIT (a JIT
 * failure falls back to the interpreter; so does a run under valgrind,
 * which cannot follow JIT code), and matched under a match limit
 * (DN_PATTERN_MATCH_LIMIT) so a pathological pattern ends with an error,
 * never a hang.
 *
 * A pattern file (SPEC "Pattern files") holds one rule a line:
 *     category<TAB>PCRE2 pattern
 * The category is the text before the first tab (spaces around it are
 * trimmed; letters, digits, '_', '-' and '.' only); the pattern is the rest
 * of the line after the tab or tabs, exactly as written (a trailing space
 * is part of it; a CR before the LF is not).  Lines whose first non-blank
 * character is '#' are comments; blank lines are skipped; both are counted
 * for line numbers.  A UTF-8 BOM at the start is ignored.  The file must
 * be UTF-8 without NUL bytes.
 *
 * Not reentrant on one object: a dn_pattern owns the match data its
 * matches use, so two threads must not match one pattern at once.
 */
#ifndef DN_PATTERN_H
#define DN_PATTERN_H

#include <stddef.h>

#include "error.h"

/* Steps (and backtracking depth) one match may take.  Ordinary patterns on
 * notes of a few kilobytes take thousands; a runaway one hits this in a
 * few milliseconds. */
#define DN_PATTERN_MATCH_LIMIT 1000000u

typedef struct dn_pattern dn_pattern; /* one compiled pattern */

/* Compile pattern[0..len) (need not be NUL-terminated).  NULL with e filled
 * on a bad pattern: DN_EX_CONFIG, "bad pattern: PCRE2'S MESSAGE at offset N"
 * with the pattern as VALUE and where:line (where may be NULL, line 0 when
 * unknown) as its place; DN_EX_SOFTWARE when out of memory.  where is
 * copied (the pattern names it in a match-limit message).  Free with
 * dn_pattern_free. */
dn_pattern *dn_pattern_new(const char *pattern, size_t len, const char *where, long line,
			   dn_error *e);

/* Free; NULL is a no-op. */
void dn_pattern_free(dn_pattern *p);

/* Match subject[0..len) (need not be NUL-terminated).  1 on a match, with
 * the byte offsets of the whole match, or of capture group 1 when the
 * pattern has one and it took part, in *mstart / *mend (either may be
 * NULL); 0 on no match (invalid UTF-8 in the subject only never matches);
 * -1 with e filled (DN_EX_DATAERR, the message naming the pattern's place)
 * when the match limit is hit, DN_EX_SOFTWARE on any other PCRE2 failure. */
int dn_pattern_match(const dn_pattern *p, const char *subject, size_t len, size_t *mstart,
		     size_t *mend, dn_error *e);

/* Number of capture groups of p. */
unsigned dn_pattern_groups(const dn_pattern *p);

typedef struct dn_patterns dn_patterns; /* an ordered list of (category, pattern) */

/* Load the pattern file at path.  NULL with e filled: DN_EX_CONFIG naming
 * the file when it cannot be opened or read (a pattern file named in the
 * config is part of the configuration), naming file:line for a line
 * without a tab, an empty or bad category, an empty pattern, invalid
 * UTF-8, a NUL byte, or a pattern PCRE2 refuses (its message and offset);
 * DN_EX_SOFTWARE when out of memory.  A file with no rules is valid (it
 * matches nothing).  path is copied. */
dn_patterns *dn_patterns_load(const char *path, dn_error *e);

/* The same from text compiled into the program (built-in defaults); name
 * stands for the file in messages ("built-in classify rules") and is
 * copied; text is NUL-terminated. */
dn_patterns *dn_patterns_from_text(const char *text, const char *name, dn_error *e);

/* Free; NULL is a no-op. */
void dn_patterns_free(dn_patterns *ps);

/* Number of rules. */
size_t dn_patterns_count(const dn_patterns *ps);

/* The first rule, in file order, that matches subject[0..len): its index,
 * with the match offsets as dn_pattern_match gives them (either pointer
 * may be NULL); -1 when none matches; -2 with e filled when a rule hits
 * the match limit (e names its file and line). */
long dn_patterns_first(const dn_patterns *ps, const char *subject, size_t len, size_t *mstart,
		       size_t *mend, dn_error *e);

/* Rule i's category (borrowed, lives as long as ps), its line in its file,
 * and its compiled pattern (borrowed). i < dn_patterns_count(ps). */
const char *dn_patterns_category(const dn_patterns *ps, size_t i);
long dn_patterns_line(const dn_patterns *ps, size_t i);
const dn_pattern *dn_patterns_get(const dn_patterns *ps, size_t i);

/* The path it was loaded from, or the built-in name.  Borrowed. */
const char *dn_patterns_file(const dn_patterns *ps);

#endif
