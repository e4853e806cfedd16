/* template.c - parsing templates once, rendering them in one pass. */
#define _POSIX_C_SOURCE 200809L
#include "template.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csvio.h"

static const char *const ph_names[DN_PH_COUNT] = {
	"customer", "customer_name",   "currency",      "overdue", "total_due",
	"fee",      "interest",        "oldest_due_date", "invoice_table", "plan",
	"sender",   "contact",         "as_of",
};

const char *dn_placeholder_name(dn_placeholder p)
{
	return p < DN_PH_COUNT ? ph_names[p] : "";
}

/* ---- text ---- */

void dn_text_append(dn_text *t, const char *s, size_t len)
{
	if (t->failed)
		return;
	if (t->len + len + 1 > t->cap) {
		size_t cap = t->cap ? t->cap : 256;
		char *ns;
		while (cap < t->len + len + 1)
			cap *= 2;
		if ((ns = realloc(t->s, cap)) == NULL) {
			t->failed = 1;
			return;
		}
		t->s = ns;
		t->cap = cap;
	}
	if (len > 0)
		memcpy(t->s + t->len, s, len);
	t->len += len;
	t->s[t->len] = '\0';
}

char *dn_text_grow(dn_text *t, size_t len)
{
	size_t at = t->len;

	dn_text_append(t, NULL, 0);
	if (t->failed)
		return NULL;
	if (len > 0) {
		/* room for len more: append them, then hand them out */
		if (t->len + len + 1 > t->cap) {
			size_t cap = t->cap;
			char *ns;
			while (cap < t->len + len + 1)
				cap *= 2;
			if ((ns = realloc(t->s, cap)) == NULL) {
				t->failed = 1;
				return NULL;
			}
			t->s = ns;
			t->cap = cap;
		}
		t->len += len;
		t->s[t->len] = '\0';
	}
	return t->s + at;
}

void dn_text_puts(dn_text *t, const char *s)
{
	dn_text_append(t, s, strlen(s));
}

void dn_text_clear(dn_text *t)
{
	t->len = 0;
	t->failed = 0;
	if (t->s != NULL)
		t->s[0] = '\0';
	else
		dn_text_append(t, "", 0);
}

void dn_text_free(dn_text *t)
{
	free(t->s);
	memset(t, 0, sizeof *t);
}

/* ---- parsing ---- */

struct seg {
	size_t off, len; /* literal text[off..off+len), or ... */
	int ph;          /* ... placeholder ph (>= 0); -1 for literal */
};

struct part {
	struct seg *seg;
	size_t n, cap;
};

struct dn_template {
	char *name;
	char *text;
	size_t len;
	struct part subject, body;
};

static int push(struct part *p, size_t off, size_t len, int ph)
{
	if (ph < 0 && len == 0)
		return 0;
	if (p->n == p->cap) {
		size_t cap = p->cap ? 2 * p->cap : 16;
		struct seg *ns = realloc(p->seg, cap * sizeof *ns);
		if (ns == NULL)
			return -1;
		p->seg = ns;
		p->cap = cap;
	}
	p->seg[p->n++] = (struct seg){off, len, ph};
	return 0;
}

static int bad(dn_error *e, const dn_template *t, long line, const char *msg, const char *v,
	       size_t vlen)
{
	dn_error_set(e, DN_EX_CONFIG, "%s", msg);
	dn_error_where(e, t->name, line);
	if (v != NULL)
		dn_error_value(e, v, vlen);
	return DN_EX_CONFIG;
}

static int ph_lookup(const char *s, size_t len)
{
	int k;

	while (len > 0 && *s == ' ') {
		s++;
		len--;
	}
	while (len > 0 && s[len - 1] == ' ')
		len--;
	for (k = 0; k < DN_PH_COUNT; k++)
		if (strlen(ph_names[k]) == len && memcmp(ph_names[k], s, len) == 0)
			return k;
	return -1;
}

/* Split text[from..to) into segments of p; *line counts lines. */
static int parse_part(dn_template *t, struct part *p, size_t from, size_t to, long *line,
		      dn_error *e)
{
	const char *s = t->text;
	size_t i = from, lit = from;

	while (i < to) {
		if (s[i] == '\n') {
			(*line)++;
			i++;
			continue;
		}
		if (s[i] == '{' && i + 1 < to && s[i + 1] == '{') {
			size_t j = i + 2, eol;
			int ph;
			while (j + 1 < to && s[j] != '\n' && !(s[j] == '}' && s[j + 1] == '}'))
				j++;
			if (j + 1 >= to || s[j] != '}') {
				for (eol = i; eol < to && s[eol] != '\n'; eol++)
					;
				return bad(e, t, *line, "unclosed '{{' (a placeholder ends with '}}' on its line)",
					   s + i, eol - i);
			}
			ph = ph_lookup(s + i + 2, j - i - 2);
			if (ph < 0)
				return bad(e, t, *line,
					   "unknown placeholder (customer, customer_name, currency, "
					   "overdue, total_due, fee, interest, oldest_due_date, "
					   "invoice_table, plan, sender, contact, as_of)",
					   s + i, j + 2 - i);
			if (push(p, lit, i - lit, -1) != 0 || push(p, 0, 0, ph) != 0)
				return dn_error_set(e, DN_EX_SOFTWARE, "out of memory");
			i = j + 2;
			lit = i;
			continue;
		}
		i++;
	}
	if (push(p, lit, to - lit, -1) != 0)
		return dn_error_set(e, DN_EX_SOFTWARE, "out of memory");
	return 0;
}

static int parse(dn_template *t, int with_subject, dn_error *e)
{
	static const char tag[] = "Subject:";
	const char *s = t->text;
	size_t body = 0, eol;
	long line = 1;
	int has = t->len >= 8 && memcmp(s, tag, 8) == 0;

	if (memchr(s, '\0', t->len) != NULL)
		return bad(e, t, 0, "a NUL byte in a template", NULL, 0);
	if (!dn_utf8_valid(s, t->len))
		return bad(e, t, 0, "not valid UTF-8", NULL, 0);
	for (eol = 0; eol < t->len && s[eol] != '\n'; eol++)
		;
	if (with_subject && !has)
		return bad(e, t, 1, "the first line must be 'Subject: ...' (email and letter)", s,
			   eol);
	if (!with_subject && has)
		return bad(e, t, 1, "an sms or call template has no Subject: line", s, eol);
	if (with_subject) {
		size_t from = 8, to = eol;
		while (from < to && s[from] == ' ')
			from++;
		if (to > from && s[to - 1] == '\r')
			to--;
		if (parse_part(t, &t->subject, from, to, &line, e) != 0)
			return e->status;
		line = 2;
		body = eol < t->len ? eol + 1 : eol;
	}
	return parse_part(t, &t->body, body, t->len, &line, e);
}

dn_template *dn_template_from_text(const char *text, size_t len, const char *name,
				   int with_subject, dn_error *e)
{
	dn_template *t = calloc(1, sizeof *t);

	if (t == NULL || (t->name = strdup(name)) == NULL || (t->text = malloc(len + 1)) == NULL) {
		dn_template_free(t);
		dn_error_set(e, DN_EX_SOFTWARE, "out of memory");
		return NULL;
	}
	memcpy(t->text, text, len);
	t->text[len] = '\0';
	t->len = len;
	if (parse(t, with_subject, e) != 0) {
		dn_template_free(t);
		return NULL;
	}
	return t;
}

dn_template *dn_template_load(const char *path, int with_subject, dn_error *e)
{
	FILE *fp = fopen(path, "rb");
	char *buf = NULL;
	size_t len = 0, cap = 0, got;
	dn_template *t;

	if (fp == NULL) {
		dn_error_set(e, DN_EX_CONFIG, "cannot read the template: %s", strerror(errno));
		dn_error_where(e, path, 0);
		return NULL;
	}
	do {
		if (len + 4096 > cap) {
			char *nb = realloc(buf, cap = cap ? 2 * cap : 8192);
			if (nb == NULL) {
				free(buf);
				fclose(fp);
				dn_error_set(e, DN_EX_SOFTWARE, "out of memory");
				return NULL;
			}
			buf = nb;
		}
		got = fread(buf + len, 1, cap - len, fp);
		len += got;
	} while (got > 0);
	if (ferror(fp)) {
		dn_error_set(e, DN_EX_CONFIG, "cannot read the template: %s", strerror(errno));
		dn_error_where(e, path, 0);
		free(buf);
		fclose(fp);
		return NULL;
	}
	fclose(fp);
	t = dn_template_from_text(buf ? buf : "", len, path, with_subject, e);
	free(buf);
	return t;
}

void dn_template_free(dn_template *t)
{
	if (t == NULL)
		return;
	free(t->name);
	free(t->text);
	free(t->subject.seg);
	free(t->body.seg);
	free(t);
}

const char *dn_template_name(const dn_template *t)
{
	return t->name;
}

const char *dn_template_text(const dn_template *t, size_t *len)
{
	*len = t->len;
	return t->text;
}

static void render_part(const dn_template *t, const struct part *p, const dn_tvalues *v,
			dn_text *out)
{
	size_t i;

	for (i = 0; i < p->n; i++) {
		const struct seg *s = &p->seg[i];
		if (s->ph < 0)
			dn_text_append(out, t->text + s->off, s->len);
		else if (v->v[s->ph] != NULL)
			dn_text_append(out, v->v[s->ph], v->len[s->ph]);
	}
}

int dn_template_render(const dn_template *t, const dn_tvalues *vals, dn_text *subject,
		       dn_text *body)
{
	size_t i;

	dn_text_clear(subject);
	dn_text_clear(body);
	render_part(t, &t->subject, vals, subject);
	for (i = 0; i < subject->len; i++)
		if (subject->s[i] == '\r' || subject->s[i] == '\n' || subject->s[i] == '\t')
			subject->s[i] = ' ';
	render_part(t, &t->body, vals, body);
	return subject->failed || body->failed ? DN_EX_SOFTWARE : 0;
}
