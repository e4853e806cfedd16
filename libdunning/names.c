/* names.c - header names compared trimmed and caselessly (Unicode, PCRE2).
 *
 * One comparison: the wanted name is compiled as a PCRE2 literal, caseless
 * and UTF, anchored at both ends, and matched against the other name.
 * (PCRE2 10.42 refuses PCRE2_UCP with PCRE2_LITERAL; it is not needed: in
 * UTF mode caseless matching follows Unicode's case sets for every code
 * point, KELVIN SIGN and k included.)
 * A caseless literal matches one code point for one, so names with
 * different numbers of code points are told apart before compiling.
 *
 * Duplicates among n names cannot be found by n^2 comparisons (a hostile
 * header has 100,000 columns): each name gets a key instead, every code
 * point replaced by the smallest code point of the header that PCRE2
 * matches caselessly with it, and equal keys are found by sorting.  PCRE2
 * is asked once per case class met (a literal of the class's smallest code
 * point, matched against all the distinct code points of the header).
 */
#define PCRE2_CODE_UNIT_WIDTH 8
#include "names.h"

#include <pcre2.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "csvio.h"

#define NOT_UTF8 0x110000u /* NOT_UTF8 + byte: a byte of a name that is not UTF-8 */

void dn_name_trim(const char *s, size_t len, const char **start, size_t *n)
{
	while (len > 0 && (*s == ' ' || *s == '\t')) {
		s++;
		len--;
	}
	while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t'))
		len--;
	*start = s;
	*n = len;
}

static int is_ascii(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if ((unsigned char)s[i] >= 0x80)
			return 0;
	return 1;
}

/* Code points of valid UTF-8: the bytes that do not continue one. */
static size_t code_points(const char *s, size_t len)
{
	size_t i, n = 0;

	for (i = 0; i < len; i++)
		n += ((unsigned char)s[i] & 0xc0) != 0x80;
	return n;
}

static int ascii_equal(const char *a, size_t alen, const char *b, size_t blen)
{
	return alen == blen && strncasecmp(a, b, alen) == 0;
}

/* ---- one name against many ---- */

struct dn_name_matcher {
	const char *name; /* trimmed */
	size_t len, ncp;
	int ascii, utf8;
	int compiled; /* 1 compiled, -1 compile failed, 0 not tried */
	pcre2_code *code;
	pcre2_match_data *md;
};

dn_name_matcher *dn_name_matcher_new(const char *name, size_t len)
{
	dn_name_matcher *m = calloc(1, sizeof *m);

	if (m == NULL)
		return NULL;
	dn_name_trim(name, len, &m->name, &m->len);
	m->ascii = is_ascii(m->name, m->len);
	m->utf8 = m->ascii || dn_utf8_valid(m->name, m->len);
	m->ncp = code_points(m->name, m->len);
	return m;
}

void dn_name_matcher_free(dn_name_matcher *m)
{
	if (m == NULL)
		return;
	pcre2_match_data_free(m->md);
	pcre2_code_free(m->code);
	free(m);
}

static int compile(dn_name_matcher *m)
{
	int err;
	PCRE2_SIZE at;

	if (m->compiled != 0)
		return m->compiled;
	m->compiled = -1;
	m->code = pcre2_compile((PCRE2_SPTR)m->name, m->len,
				PCRE2_LITERAL | PCRE2_CASELESS | PCRE2_UTF | PCRE2_ANCHORED |
					PCRE2_ENDANCHORED | PCRE2_MATCH_INVALID_UTF,
				&err, &at, NULL);
	if (m->code == NULL)
		return -1;
	m->md = pcre2_match_data_create_from_pattern(m->code, NULL);
	if (m->md == NULL)
		return -1;
	m->compiled = 1;
	return 1;
}

int dn_name_matches(dn_name_matcher *m, const char *s, size_t len)
{
	const char *t;
	size_t n;
	int ascii;

	dn_name_trim(s, len, &t, &n);
	ascii = is_ascii(t, n);
	if (m->ascii && ascii)
		return ascii_equal(m->name, m->len, t, n);
	if (!m->utf8 || (!ascii && !dn_utf8_valid(t, n)))
		return ascii_equal(m->name, m->len, t, n);
	if (code_points(t, n) != m->ncp)
		return 0;
	if (compile(m) < 0)
		return ascii_equal(m->name, m->len, t, n); /* out of memory */
	return pcre2_match(m->code, (PCRE2_SPTR)t, n, 0, 0, m->md, NULL) >= 0;
}

int dn_name_equal(const char *a, size_t alen, const char *b, size_t blen)
{
	dn_name_matcher *m;
	int eq;

	if (is_ascii(a, alen) && is_ascii(b, blen)) {
		const char *sa, *sb;
		size_t na, nb;

		dn_name_trim(a, alen, &sa, &na);
		dn_name_trim(b, blen, &sb, &nb);
		return ascii_equal(sa, na, sb, nb);
	}
	m = dn_name_matcher_new(b, blen);
	eq = m != NULL && dn_name_matches(m, a, alen);
	dn_name_matcher_free(m);
	return eq;
}

/* ---- duplicates ---- */

/* The code point at s[*i] of valid UTF-8, *i moved past it. */
static uint32_t decode(const unsigned char *s, size_t *i)
{
	uint32_t c = s[*i];
	size_t n = c < 0x80 ? 0 : c < 0xe0 ? 1 : c < 0xf0 ? 2 : 3, k;

	if (n > 0)
		c &= 0x3fu >> n;
	for (k = 1; k <= n; k++)
		c = (c << 6) | (s[*i + k] & 0x3fu);
	*i += n + 1;
	return c;
}

static size_t encode(uint32_t c, unsigned char *out)
{
	if (c < 0x80) {
		out[0] = (unsigned char)c;
		return 1;
	}
	if (c < 0x800) {
		out[0] = (unsigned char)(0xc0 | (c >> 6));
		out[1] = (unsigned char)(0x80 | (c & 0x3f));
		return 2;
	}
	if (c < 0x10000) {
		out[0] = (unsigned char)(0xe0 | (c >> 12));
		out[1] = (unsigned char)(0x80 | ((c >> 6) & 0x3f));
		out[2] = (unsigned char)(0x80 | (c & 0x3f));
		return 3;
	}
	out[0] = (unsigned char)(0xf0 | (c >> 18));
	out[1] = (unsigned char)(0x80 | ((c >> 12) & 0x3f));
	out[2] = (unsigned char)(0x80 | ((c >> 6) & 0x3f));
	out[3] = (unsigned char)(0x80 | (c & 0x3f));
	return 4;
}

/* Code points whose case class PCRE2 must tell: every non-ASCII one, and
 * the ASCII letters with a non-ASCII other case (KELVIN SIGN, LONG S).
 * Other ASCII letters only pair with their ASCII other case. */
static int needs_pcre2(uint32_t c)
{
	return (c >= 0x80 && c < NOT_UTF8) || c == 'K' || c == 'k' || c == 'S' || c == 's';
}

struct fold {
	uint32_t *cp;   /* distinct code points that need PCRE2, ascending */
	uint32_t *rep;  /* the smallest of cp caselessly equal to cp[i] */
	size_t n;
};

static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return (x > y) - (x < y);
}

/* Drop repeats from the sorted a[0..n); returns the new count. */
static size_t unique(uint32_t *a, size_t n)
{
	size_t i, w = 0;

	for (i = 0; i < n; i++)
		if (w == 0 || a[w - 1] != a[i])
			a[w++] = a[i];
	return w;
}

static size_t find_cp(const struct fold *f, uint32_t c)
{
	size_t lo = 0, hi = f->n;

	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if (f->cp[mid] <= c)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

/* rep[] for every distinct code point: a class at a time, smallest first,
 * its members found by matching its smallest against all of them. */
static int fold_classes(struct fold *f)
{
	unsigned char *subject = malloc(f->n * 4 + 1), lit[4];
	size_t *at = malloc((f->n + 1) * sizeof *at), len = 0, i;
	int rc = -1;

	if (subject == NULL || at == NULL)
		goto done;
	for (i = 0; i < f->n; i++) {
		at[i] = len;
		len += encode(f->cp[i], subject + len);
		f->rep[i] = NOT_UTF8; /* not known yet */
	}
	at[f->n] = len;
	for (i = 0; i < f->n; i++) {
		pcre2_code *code;
		pcre2_match_data *md;
		PCRE2_SIZE erroff, from = 0;
		int err;

		if (f->rep[i] != NOT_UTF8)
			continue;
		f->rep[i] = f->cp[i];
		code = pcre2_compile(lit, encode(f->cp[i], lit),
				     PCRE2_LITERAL | PCRE2_CASELESS | PCRE2_UTF, &err, &erroff, NULL);
		md = code ? pcre2_match_data_create_from_pattern(code, NULL) : NULL;
		while (md != NULL && from < len &&
		       pcre2_match(code, subject, len, from, 0, md, NULL) >= 0) {
			PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
			size_t lo = 0, hi = f->n;

			while (hi - lo > 1) { /* the code point starting at ov[0] */
				size_t mid = lo + (hi - lo) / 2;
				if (at[mid] <= ov[0])
					lo = mid;
				else
					hi = mid;
			}
			if (f->rep[lo] == NOT_UTF8)
				f->rep[lo] = f->cp[i];
			from = ov[1] > ov[0] ? ov[1] : ov[0] + 1;
		}
		pcre2_match_data_free(md);
		pcre2_code_free(code);
		if (md == NULL)
			goto done;
	}
	rc = 0;
done:
	free(subject);
	free(at);
	return rc;
}

struct key {
	const uint32_t *k;
	size_t n, idx;
};

static int cmp_key(const void *a, const void *b)
{
	const struct key *x = a, *y = b;
	size_t i, n = x->n < y->n ? x->n : y->n;

	for (i = 0; i < n; i++)
		if (x->k[i] != y->k[i])
			return x->k[i] < y->k[i] ? -1 : 1;
	if (x->n != y->n)
		return x->n < y->n ? -1 : 1;
	return (x->idx > y->idx) - (x->idx < y->idx);
}

static int same_key(const struct key *x, const struct key *y)
{
	return x->n == y->n && memcmp(x->k, y->k, x->n * sizeof *x->k) == 0;
}

/* Each trimmed name as code points (NOT_UTF8 + byte for the non-ASCII
 * bytes of a name that is not UTF-8) into cp, keys[i] pointing at name i's. */
static void decode_names(const char *const *v, const size_t *len, size_t n, uint32_t *cp,
			 struct key *keys)
{
	size_t i, total = 0;

	for (i = 0; i < n; i++) {
		const char *t;
		size_t tn, j = 0;
		int utf8;

		dn_name_trim(v[i], len[i], &t, &tn);
		utf8 = dn_utf8_valid(t, tn);
		keys[i].n = 0;
		keys[i].idx = i;
		while (j < tn) {
			const unsigned char *u = (const unsigned char *)t;
			uint32_t c = utf8 ? decode(u, &j) : u[j++];

			if (!utf8 && c >= 0x80)
				c += NOT_UTF8;
			cp[total + keys[i].n++] = c;
		}
		total += keys[i].n;
	}
	total = 0;
	for (i = 0; i < n; i++) {
		keys[i].k = cp + total;
		total += keys[i].n;
	}
}

/* Replace every code point of cp[0..total) by its class's representative. */
static int fold_all(uint32_t *cp, size_t total)
{
	struct fold f = {NULL, NULL, 0};
	size_t i;
	int any = 0, rc = -1;

	for (i = 0; i < total && !any; i++)
		any = cp[i] >= 0x80 && cp[i] < NOT_UTF8;
	if (any) {
		f.cp = malloc(total * sizeof *f.cp);
		f.rep = malloc(total * sizeof *f.rep);
		if (f.cp == NULL || f.rep == NULL)
			goto done;
		for (i = 0; i < total; i++)
			if (needs_pcre2(cp[i]))
				f.cp[f.n++] = cp[i];
		qsort(f.cp, f.n, sizeof *f.cp, cmp_u32);
		f.n = unique(f.cp, f.n);
		if (fold_classes(&f) != 0)
			goto done;
	}
	for (i = 0; i < total; i++) {
		if (any && needs_pcre2(cp[i]))
			cp[i] = f.rep[find_cp(&f, cp[i])];
		else if (cp[i] >= 'A' && cp[i] <= 'Z')
			cp[i] += 'a' - 'A';
	}
	rc = 0;
done:
	free(f.cp);
	free(f.rep);
	return rc;
}

int dn_names_find_duplicate(const char *const *v, const size_t *len, size_t n, size_t *dup)
{
	uint32_t *cp = NULL;
	struct key *keys = NULL;
	size_t i, total = 0, best = n;
	int rc = -1;

	if (n < 2)
		return 0;
	for (i = 0; i < n; i++)
		total += len[i];
	cp = malloc((total ? total : 1) * sizeof *cp);
	keys = malloc(n * sizeof *keys);
	if (cp == NULL || keys == NULL)
		goto done;
	decode_names(v, len, n, cp, keys);
	for (total = 0, i = 0; i < n; i++)
		total += keys[i].n;
	if (fold_all(cp, total) != 0)
		goto done;
	qsort(keys, n, sizeof *keys, cmp_key);
	/* In a run of equal keys the second is the first repeat of that name. */
	for (i = 1; i < n; i++)
		if (same_key(&keys[i - 1], &keys[i]) && (i < 2 || !same_key(&keys[i - 2], &keys[i])) &&
		    keys[i].idx < best)
			best = keys[i].idx;
	rc = best < n;
	if (rc)
		*dup = best;
done:
	free(cp);
	free(keys);
	return rc;
}
