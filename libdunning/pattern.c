/* pattern.c - PCRE2 patterns and pattern files. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include "pattern.h"

#include <errno.h>
#include <pcre2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csvio.h" /* dn_utf8_valid */

/* Valgrind cannot see into JIT code, and the JIT's vector scans read a few
 * bytes past the subject's end (never across a page): under valgrind the
 * interpreter runs instead, which gives the same answers. */
#if defined(__has_include)
#if __has_include(<valgrind/valgrind.h>)
#include <valgrind/valgrind.h>
#define DN_UNDER_VALGRIND() RUNNING_ON_VALGRIND
#endif
#endif
#ifndef DN_UNDER_VALGRIND
#define DN_UNDER_VALGRIND() 0
#endif

struct dn_pattern {
	pcre2_code *code;
	pcre2_match_data *md;       /* reused by every match of this pattern */
	pcre2_match_context *mctx;  /* carries the match and depth limits */
	unsigned groups;            /* capture groups */
	char *where;                /* file the pattern came from, or NULL */
	long line;
};

static const uint32_t compile_options =
	PCRE2_UTF | PCRE2_UCP | PCRE2_CASELESS | PCRE2_MATCH_INVALID_UTF;

void dn_pattern_free(dn_pattern *p)
{
	if (p == NULL)
		return;
	pcre2_match_data_free(p->md);
	pcre2_match_context_free(p->mctx);
	pcre2_code_free(p->code);
	free(p->where);
	free(p);
}

static int bad_pattern(dn_error *e, int code, size_t offset, const char *pattern, size_t len,
		       const char *where, long line)
{
	PCRE2_UCHAR msg[120];

	if (pcre2_get_error_message(code, msg, sizeof msg) < 0)
		snprintf((char *)msg, sizeof msg, "PCRE2 error %d", code);
	dn_error_set(e, DN_EX_CONFIG, "bad pattern: %s at offset %zu", (const char *)msg, offset);
	dn_error_where(e, where, line);
	dn_error_value(e, pattern, len);
	return DN_EX_CONFIG;
}

dn_pattern *dn_pattern_new(const char *pattern, size_t len, const char *where, long line,
			   dn_error *e)
{
	dn_pattern *p = calloc(1, sizeof *p);
	int code;
	PCRE2_SIZE offset;

	if (p == NULL)
		goto oom;
	p->line = line;
	if (where != NULL && (p->where = strdup(where)) == NULL)
		goto oom;
	p->code = pcre2_compile((PCRE2_SPTR)pattern, len, compile_options, &code, &offset, NULL);
	if (p->code == NULL) {
		bad_pattern(e, code, offset, pattern, len, where, line);
		dn_pattern_free(p);
		return NULL;
	}
	/* No JIT on this platform, or not enough executable memory: the
	 * interpreter gives the same answers, only slower. */
	if (!DN_UNDER_VALGRIND())
		(void)pcre2_jit_compile(p->code, PCRE2_JIT_COMPLETE);
	if (pcre2_pattern_info(p->code, PCRE2_INFO_CAPTURECOUNT, &p->groups) != 0)
		p->groups = 0;
	p->md = pcre2_match_data_create_from_pattern(p->code, NULL);
	p->mctx = pcre2_match_context_create(NULL);
	if (p->md == NULL || p->mctx == NULL)
		goto oom;
	pcre2_set_match_limit(p->mctx, DN_PATTERN_MATCH_LIMIT);
	pcre2_set_depth_limit(p->mctx, DN_PATTERN_MATCH_LIMIT);
	return p;
oom:
	dn_pattern_free(p);
	dn_error_set(e, DN_EX_SOFTWARE, "out of memory");
	return NULL;
}

unsigned dn_pattern_groups(const dn_pattern *p)
{
	return p->groups;
}

int dn_pattern_match(const dn_pattern *p, const char *subject, size_t len, size_t *mstart,
		     size_t *mend, dn_error *e)
{
	PCRE2_SIZE *ov;
	int rc;

	/* An empty subject needs a valid pointer all the same. */
	rc = pcre2_match(p->code, (PCRE2_SPTR)(subject ? subject : ""), len, 0, 0, p->md, p->mctx);
	if (rc == PCRE2_ERROR_NOMATCH)
		return 0;
	if (rc < 0) {
		int limit = rc == PCRE2_ERROR_MATCHLIMIT || rc == PCRE2_ERROR_DEPTHLIMIT ||
			    rc == PCRE2_ERROR_HEAPLIMIT || rc == PCRE2_ERROR_JIT_STACKLIMIT;
		PCRE2_UCHAR msg[120];

		if (pcre2_get_error_message(rc, msg, sizeof msg) < 0)
			snprintf((char *)msg, sizeof msg, "PCRE2 error %d", rc);
		if (p->where != NULL && p->line > 0)
			dn_error_set(e, limit ? DN_EX_DATAERR : DN_EX_SOFTWARE,
				     "the pattern of %s:%ld failed: %s", p->where, p->line,
				     (const char *)msg);
		else if (p->where != NULL)
			dn_error_set(e, limit ? DN_EX_DATAERR : DN_EX_SOFTWARE,
				     "the pattern of %s failed: %s", p->where, (const char *)msg);
		else
			dn_error_set(e, limit ? DN_EX_DATAERR : DN_EX_SOFTWARE,
				     "the pattern failed: %s", (const char *)msg);
		return -1;
	}
	ov = pcre2_get_ovector_pointer(p->md);
	/* Group 1 when it took part in the match; else the whole match. */
	if (p->groups >= 1 && rc >= 2 && ov[2] != PCRE2_UNSET)
		ov += 2;
	if (mstart != NULL)
		*mstart = ov[0];
	if (mend != NULL)
		*mend = ov[1];
	return 1;
}

/* ---- pattern files ---- */

struct rule {
	char *category;
	dn_pattern *pat;
	long line;
};

struct dn_patterns {
	char *file;
	struct rule *rules;
	size_t n, cap;
};

void dn_patterns_free(dn_patterns *ps)
{
	size_t i;

	if (ps == NULL)
		return;
	for (i = 0; i < ps->n; i++) {
		free(ps->rules[i].category);
		dn_pattern_free(ps->rules[i].pat);
	}
	free(ps->rules);
	free(ps->file);
	free(ps);
}

static int line_error(dn_error *e, const dn_patterns *ps, long line, const char *msg,
		      const char *value, size_t len)
{
	dn_error_set(e, DN_EX_CONFIG, "%s", msg);
	dn_error_where(e, ps->file, line);
	if (value != NULL)
		dn_error_value(e, value, len);
	return DN_EX_CONFIG;
}

static int is_blank(char c)
{
	return c == ' ' || c == '\t';
}

static int category_ok(const char *s, size_t len)
{
	size_t i;

	if (len == 0)
		return 0;
	for (i = 0; i < len; i++) {
		char c = s[i];
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		      c == '_' || c == '-' || c == '.'))
			return 0;
	}
	return 1;
}

static int add_rule(dn_patterns *ps, const char *cat, size_t catlen, const char *pat,
		    size_t patlen, long line, dn_error *e)
{
	struct rule *r;

	if (ps->n == ps->cap) {
		size_t cap = ps->cap ? 2 * ps->cap : 16;
		struct rule *nr = realloc(ps->rules, cap * sizeof *nr);
		if (nr == NULL)
			return dn_error_set(e, DN_EX_SOFTWARE, "out of memory");
		ps->rules = nr;
		ps->cap = cap;
	}
	r = &ps->rules[ps->n];
	r->line = line;
	r->category = malloc(catlen + 1);
	if (r->category == NULL)
		return dn_error_set(e, DN_EX_SOFTWARE, "out of memory");
	memcpy(r->category, cat, catlen);
	r->category[catlen] = '\0';
	r->pat = dn_pattern_new(pat, patlen, ps->file, line, e);
	if (r->pat == NULL) {
		free(r->category);
		return e->status;
	}
	ps->n++;
	return 0;
}

/* One line (without its LF): a comment, a blank line or a rule. */
static int parse_line(dn_patterns *ps, const char *s, size_t len, long line, dn_error *e)
{
	const char *tab, *pat;
	size_t i, catend, catbeg;

	if (len > 0 && s[len - 1] == '\r')
		len--;
	if (memchr(s, '\0', len) != NULL)
		return line_error(e, ps, line, "NUL byte in the pattern file", NULL, 0);
	if (!dn_utf8_valid(s, len))
		return line_error(e, ps, line, "invalid UTF-8", s, len);
	for (i = 0; i < len && is_blank(s[i]); i++)
		;
	if (i == len || s[i] == '#')
		return 0;
	tab = memchr(s, '\t', len);
	/* A tab among the leading blanks is not the separator. */
	if (tab != NULL && tab < s + i)
		tab = memchr(s + i, '\t', len - i);
	if (tab == NULL)
		return line_error(e, ps, line, "expected 'category<TAB>pattern'", s, len);
	catbeg = i;
	catend = (size_t)(tab - s);
	while (catend > catbeg && s[catend - 1] == ' ')
		catend--;
	if (!category_ok(s + catbeg, catend - catbeg))
		return line_error(e, ps, line,
				  "bad category (letters, digits, '_', '-' and '.' only)",
				  s + catbeg, catend - catbeg);
	for (pat = tab; pat < s + len && *pat == '\t'; pat++)
		;
	if (pat == s + len)
		return line_error(e, ps, line, "empty pattern", s, len);
	return add_rule(ps, s + catbeg, catend - catbeg, pat, (size_t)(s + len - pat), line, e);
}

static dn_patterns *parse(const char *text, size_t len, const char *name, dn_error *e)
{
	dn_patterns *ps = calloc(1, sizeof *ps);
	const char *p = text, *end = text + len;
	long line = 0;

	if (ps == NULL || (ps->file = strdup(name)) == NULL) {
		free(ps);
		dn_error_set(e, DN_EX_SOFTWARE, "out of memory");
		return NULL;
	}
	if (len >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0)
		p += 3;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *eol = nl ? nl : end;

		line++;
		if (parse_line(ps, p, (size_t)(eol - p), line, e) != 0) {
			dn_patterns_free(ps);
			return NULL;
		}
		p = nl ? nl + 1 : end;
	}
	return ps;
}

dn_patterns *dn_patterns_from_text(const char *text, const char *name, dn_error *e)
{
	return parse(text, strlen(text), name, e);
}

/* The whole file in a malloc'd buffer (pattern files are small): 0, or
 * DN_EX_CONFIG on a read error, DN_EX_SOFTWARE when out of memory. */
static int slurp(FILE *fp, char **out, size_t *len)
{
	size_t cap = 4096, n = 0;
	char *buf = malloc(cap), *nb;

	for (;;) {
		if (buf == NULL)
			return DN_EX_SOFTWARE;
		n += fread(buf + n, 1, cap - n, fp);
		if (n < cap)
			break;
		nb = realloc(buf, cap *= 2);
		if (nb == NULL)
			free(buf);
		buf = nb;
	}
	if (ferror(fp)) {
		free(buf);
		return DN_EX_CONFIG;
	}
	*out = buf;
	*len = n;
	return 0;
}

dn_patterns *dn_patterns_load(const char *path, dn_error *e)
{
	FILE *fp = fopen(path, "rb");
	dn_patterns *ps;
	size_t len = 0;
	char *text = NULL;
	int rc;

	if (fp == NULL) {
		dn_error_set(e, DN_EX_CONFIG, "cannot open the pattern file: %s", strerror(errno));
		dn_error_where(e, path, 0);
		return NULL;
	}
	rc = slurp(fp, &text, &len);
	if (rc != 0) {
		if (rc == DN_EX_CONFIG)
			dn_error_set(e, rc, "cannot read the pattern file: %s", strerror(errno));
		else
			dn_error_set(e, rc, "out of memory");
		dn_error_where(e, path, 0);
		fclose(fp);
		return NULL;
	}
	fclose(fp);
	ps = parse(text, len, path, e);
	free(text);
	return ps;
}

size_t dn_patterns_count(const dn_patterns *ps)
{
	return ps->n;
}

long dn_patterns_first(const dn_patterns *ps, const char *subject, size_t len, size_t *mstart,
		       size_t *mend, dn_error *e)
{
	size_t i;

	for (i = 0; i < ps->n; i++) {
		int rc = dn_pattern_match(ps->rules[i].pat, subject, len, mstart, mend, e);
		if (rc == 1)
			return (long)i;
		if (rc < 0)
			return -2;
	}
	return -1;
}

const char *dn_patterns_category(const dn_patterns *ps, size_t i)
{
	return ps->rules[i].category;
}

long dn_patterns_line(const dn_patterns *ps, size_t i)
{
	return ps->rules[i].line;
}

const dn_pattern *dn_patterns_get(const dn_patterns *ps, size_t i)
{
	return ps->rules[i].pat;
}

const char *dn_patterns_file(const dn_patterns *ps)
{
	return ps->file;
}
