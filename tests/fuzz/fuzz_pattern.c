/* fuzz_pattern - pattern files and matching.
 * The input is a pattern file, then (after the first NUL byte, when there
 * is one) a subject matched against every rule, and against the built-in
 * classify rules.  Property: never crash or leak; a refused file is a
 * config error naming its line; a match lies within the subject. */
#include <stdlib.h>
#include <string.h>

#include "dunning.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

static dn_patterns *builtin;

static void match_all(const dn_patterns *ps, const char *subj, size_t len)
{
	size_t i, s, en;
	dn_error e;

	for (i = 0; i < dn_patterns_count(ps); i++) {
		int rc = dn_pattern_match(dn_patterns_get(ps, i), subj, len, &s, &en, &e);
		if (rc == 1 && (s > en || en > len))
			abort();
		if (rc < 0 && e.status != DN_EX_DATAERR)
			abort();
	}
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	const char *text = (const char *)data;
	const char *nul = memchr(text, '\0', size);
	size_t tlen = nul ? (size_t)(nul - text) : size;
	char *rules = malloc(tlen + 1);
	const char *subj = nul ? nul + 1 : text;
	size_t slen = nul ? size - tlen - 1 : size;
	dn_patterns *ps;
	dn_error e;

	if (builtin == NULL && (builtin = dn_classify_rules(NULL, &e)) == NULL)
		abort();
	if (rules == NULL)
		return 0;
	memcpy(rules, text, tlen);
	rules[tlen] = '\0';
	dn_error_clear(&e);
	ps = dn_patterns_from_text(rules, "fuzz.rules", &e);
	if (ps == NULL && (e.status != DN_EX_CONFIG || e.line <= 0 || e.message[0] == '\0'))
		abort();
	if (ps != NULL)
		match_all(ps, subj, slen);
	match_all(builtin, subj, slen);
	dn_patterns_free(ps);
	free(rules);
	return 0;
}
