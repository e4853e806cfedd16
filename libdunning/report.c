/* report.c - aligned tables and JSON Lines. */
#include "report.h"

#include <stdlib.h>
#include <string.h>

size_t dn_text_width(const char *s, size_t len)
{
	size_t i, w = 0;

	for (i = 0; i < len; i++)
		if (((unsigned char)s[i] & 0xc0) != 0x80) /* not a continuation byte */
			w++;
	return w;
}

struct dn_table {
	size_t ncols, nrows, cap;
	char **cells; /* nrows * ncols; a NULL row start marks a rule */
	int *is_rule;
	int *right;
};

dn_table *dn_table_new(size_t ncols)
{
	dn_table *t = calloc(1, sizeof *t);

	if (t == NULL)
		return NULL;
	t->ncols = ncols;
	t->right = calloc(ncols ? ncols : 1, sizeof *t->right);
	if (t->right == NULL) {
		free(t);
		return NULL;
	}
	return t;
}

void dn_table_free(dn_table *t)
{
	size_t i;

	if (t == NULL)
		return;
	for (i = 0; i < t->nrows * t->ncols; i++)
		free(t->cells[i]);
	free(t->cells);
	free(t->is_rule);
	free(t->right);
	free(t);
}

void dn_table_align_right(dn_table *t, size_t col)
{
	if (col < t->ncols)
		t->right[col] = 1;
}

/* A cell as the terminal will show it, malloc'd: one line (line breaks and
 * tabs become spaces), and no control byte or C1 control reaches the
 * terminal (an ESC in a customer name could rewrite the screen): they are
 * written \xNN.  NULL when out of memory. */
static char *table_cell(const char *c)
{
	size_t n = strlen(c), i, k = 0;
	char *copy = malloc(4 * n + 1);

	if (copy == NULL)
		return NULL;
	for (i = 0; i < n; i++) {
		unsigned char b = (unsigned char)c[i];
		if (b == '\n' || b == '\r' || b == '\t') {
			copy[k++] = ' ';
		} else if (b < 0x20 || b == 0x7f) {
			k += (size_t)snprintf(copy + k, 5, "\\x%02x", b);
		} else if (b == 0xc2 && i + 1 < n && (unsigned char)c[i + 1] >= 0x80 &&
			   (unsigned char)c[i + 1] <= 0x9f) {
			k += (size_t)snprintf(copy + k, 5, "\\x%02x", (unsigned char)c[++i]);
		} else {
			copy[k++] = (char)b;
		}
	}
	copy[k] = '\0';
	return copy;
}

static int add_row(dn_table *t, const char *const *cells, int rule)
{
	size_t i;

	if (t->nrows == t->cap) {
		size_t ncap = t->cap ? 2 * t->cap : 16;
		char **nc = realloc(t->cells, ncap * t->ncols * sizeof *nc);
		int *nr;
		if (nc == NULL)
			return -1;
		t->cells = nc;
		nr = realloc(t->is_rule, ncap * sizeof *nr);
		if (nr == NULL)
			return -1;
		t->is_rule = nr;
		t->cap = ncap;
	}
	for (i = 0; i < t->ncols; i++) {
		char *copy = table_cell(cells && cells[i] ? cells[i] : "");
		t->cells[t->nrows * t->ncols + i] = copy;
		if (copy == NULL) {
			while (i-- > 0)
				free(t->cells[t->nrows * t->ncols + i]);
			return -1;
		}
	}
	t->is_rule[t->nrows++] = rule;
	return 0;
}

int dn_table_add(dn_table *t, const char *const *cells)
{
	return add_row(t, cells, 0);
}

int dn_table_rule(dn_table *t)
{
	return add_row(t, NULL, 1);
}

/* A line being built, so trailing spaces can be cut before printing. */
struct line {
	char *buf;
	size_t len, cap;
};

static int line_put(struct line *l, const char *s, size_t n)
{
	if (l->len + n + 1 > l->cap) {
		size_t ncap = (l->len + n + 1) * 2;
		char *nb = realloc(l->buf, ncap);
		if (nb == NULL)
			return -1;
		l->buf = nb;
		l->cap = ncap;
	}
	memcpy(l->buf + l->len, s, n);
	l->len += n;
	return 0;
}

static void line_spaces(struct line *l, size_t n)
{
	while (n-- > 0)
		line_put(l, " ", 1);
}

static void line_flush(struct line *l, FILE *out)
{
	while (l->len > 0 && l->buf[l->len - 1] == ' ')
		l->len--;
	fwrite(l->buf ? l->buf : "", 1, l->len, out);
	putc('\n', out);
	l->len = 0;
}

static void print_rule(FILE *out, const size_t *width, size_t ncols)
{
	size_t i, total = 0;

	for (i = 0; i < ncols; i++)
		total += width[i] + (i ? 2 : 0);
	while (total-- > 0)
		putc('-', out);
	putc('\n', out);
}

void dn_table_print(const dn_table *t, FILE *out)
{
	size_t *width = calloc(t->ncols ? t->ncols : 1, sizeof *width);
	struct line l = {NULL, 0, 0};
	size_t r, i;

	if (width == NULL)
		return;
	for (r = 0; r < t->nrows; r++)
		for (i = 0; i < t->ncols && !t->is_rule[r]; i++) {
			const char *c = t->cells[r * t->ncols + i];
			size_t w = dn_text_width(c, strlen(c));
			if (w > width[i])
				width[i] = w;
		}
	for (r = 0; r < t->nrows; r++) {
		if (t->is_rule[r]) {
			print_rule(out, width, t->ncols);
			continue;
		}
		for (i = 0; i < t->ncols; i++) {
			const char *c = t->cells[r * t->ncols + i];
			size_t n = strlen(c), w = dn_text_width(c, n);
			if (i > 0)
				line_spaces(&l, 2);
			if (t->right[i])
				line_spaces(&l, width[i] - w);
			line_put(&l, c, n);
			if (!t->right[i])
				line_spaces(&l, width[i] - w);
		}
		line_flush(&l, out);
		if (r == 0)
			print_rule(out, width, t->ncols);
	}
	free(l.buf);
	free(width);
}

void dn_json_begin(dn_json *j, FILE *fp)
{
	j->fp = fp;
	j->fields = 0;
	putc('{', fp);
}

static void json_escaped(FILE *fp, const char *s, size_t len)
{
	static const char hex[] = "0123456789abcdef";
	size_t i;

	putc('"', fp);
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '"' || c == '\\') {
			putc('\\', fp);
			putc(c, fp);
		} else if (c == '\n') {
			fputs("\\n", fp);
		} else if (c == '\r') {
			fputs("\\r", fp);
		} else if (c == '\t') {
			fputs("\\t", fp);
		} else if (c < 0x20 || c == 0x7f) {
			fprintf(fp, "\\u00%c%c", hex[c >> 4], hex[c & 15]);
		} else {
			putc(c, fp);
		}
	}
	putc('"', fp);
}

static void json_key(dn_json *j, const char *key)
{
	if (j->fields++ > 0)
		putc(',', j->fp);
	json_escaped(j->fp, key, strlen(key));
	putc(':', j->fp);
}

void dn_json_str(dn_json *j, const char *key, const char *v, size_t len)
{
	json_key(j, key);
	json_escaped(j->fp, v, len);
}

void dn_json_long(dn_json *j, const char *key, long v)
{
	json_key(j, key);
	fprintf(j->fp, "%ld", v);
}

void dn_json_number(dn_json *j, const char *key, const char *num)
{
	json_key(j, key);
	fputs(num, j->fp);
}

void dn_json_end(dn_json *j)
{
	fputs("}\n", j->fp);
}
