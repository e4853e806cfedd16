/* optspec.c - options declared as a table: applying one, writing --help. */
#include "optspec.h"

#include <stdio.h>
#include <string.h>

#include "date.h"
#include "options.h"

/* The field of opts at offset. */
static void *field_at(void *opts, size_t offset)
{
	return (char *)opts + offset;
}

static int apply_text(const dn_optspec *s, const char *opt, const char *arg, void *opts,
		      dn_error *e)
{
	if (s->kind == DN_OPT_NAME && arg[0] == '\0')
		return dn_option_error(e, opt, "a column name is required", arg);
	if ((s->kind == DN_OPT_PATH || s->kind == DN_OPT_FILE) && arg[0] == '\0')
		return dn_option_error(e, opt, "empty file name", NULL);
	if (s->kind == DN_OPT_FILE && strcmp(arg, "-") == 0)
		return dn_option_error(e, opt,
				       "a file read more than once (or locked), not standard input",
				       NULL);
	*(const char **)field_at(opts, s->field) = arg;
	return 0;
}

static int apply_value(const dn_optspec *s, const char *opt, const char *arg, void *opts,
		       dn_error *e)
{
	int k;

	switch (s->kind) {
	case DN_OPT_FLAG:
		*(int *)field_at(opts, s->field) = 1;
		return 0;
	case DN_OPT_PICK:
		if ((k = dn_option_pick(opt, arg, s->choices, e)) < 0)
			return DN_EX_USAGE;
		/* An enum field: the enums of the tables are int-sized. */
		*(int *)field_at(opts, s->field) = (int)s->min + k;
		return 0;
	case DN_OPT_LONG:
		return dn_option_long(opt, arg, s->min, s->max, (long *)field_at(opts, s->field), e);
	case DN_OPT_DATE:
		return dn_option_date(opt, arg, (dn_date *)field_at(opts, s->field), e);
	case DN_OPT_CALL:
		return s->call(opt, arg, opts, e);
	default:
		return apply_text(s, opt, arg, opts, e);
	}
}

int dn_optspec_apply(const dn_optspec *s, const char *arg, void *opts, dn_error *e)
{
	char opt[64];
	int rc;

	snprintf(opt, sizeof opt, "--%s", s->name);
	rc = apply_value(s, opt, arg, opts, e);
	if (rc == 0 && s->given > 0)
		*(int *)field_at(opts, s->given - 1) = 1;
	return rc;
}

/* ---- --help ---- */

/* Widest left part ("  -n, --name ARG") that still gets the help on its
 * own line at the common column; a longer one is followed by two spaces. */
#define HELP_LEFT_MAX 24

static size_t left_part(const dn_optspec *s, char *buf, size_t size)
{
	int n;

	if (s->letter != 0)
		n = snprintf(buf, size, "  -%c, --%s%s%s", s->letter, s->name, s->arg ? " " : "",
			     s->arg ? s->arg : "");
	else
		n = snprintf(buf, size, "      --%s%s%s", s->name, s->arg ? " " : "",
			     s->arg ? s->arg : "");
	return n < 0 ? 0 : (size_t)n;
}

static size_t help_column(const dn_optspec *a, const dn_optspec *b)
{
	const dn_optspec *t[2] = {a, b};
	size_t col = 0, i, k;
	char left[96];

	for (k = 0; k < 2; k++)
		for (i = 0; t[k] != NULL && t[k][i].name != NULL; i++) {
			size_t n = left_part(&t[k][i], left, sizeof left);
			if (n <= HELP_LEFT_MAX && n + 2 > col)
				col = n + 2;
		}
	return col;
}

/* Append to buf at *o what fits (always NUL-terminated). */
static void put(char *buf, size_t size, size_t *o, const char *s, size_t n)
{
	if (*o + n >= size)
		n = *o + 1 < size ? size - *o - 1 : 0;
	memcpy(buf + *o, s, n);
	*o += n;
	buf[*o] = '\0';
}

static void put_pad(char *buf, size_t size, size_t *o, size_t n)
{
	while (n-- > 0)
		put(buf, size, o, " ", 1);
}

static void help_line(const dn_optspec *s, size_t col, char *buf, size_t size, size_t *o)
{
	char left[96];
	size_t n = left_part(s, left, sizeof left);
	const char *h = s->help ? s->help : "", *nl;

	put(buf, size, o, left, n);
	put_pad(buf, size, o, n + 2 <= col ? col - n : 2);
	for (;;) {
		nl = strchr(h, '\n');
		put(buf, size, o, h, nl ? (size_t)(nl - h) : strlen(h));
		put(buf, size, o, "\n", 1);
		if (nl == NULL)
			break;
		h = nl + 1;
		put_pad(buf, size, o, col);
	}
}

size_t dn_optspec_help(const dn_optspec *a, const dn_optspec *b, const char *skip, char *buf,
		       size_t size)
{
	const dn_optspec *t[2] = {a, b};
	size_t col = help_column(a, b), o = 0, i, k;

	if (size > 0)
		buf[0] = '\0';
	for (k = 0; k < 2; k++)
		for (i = 0; t[k] != NULL && t[k][i].name != NULL; i++)
			if (skip == NULL || strcmp(t[k][i].name, skip) != 0)
				help_line(&t[k][i], col, buf, size, &o);
	return o;
}
