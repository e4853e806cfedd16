/* error.c - filling and formatting dn_error. */
#include "error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "csvio.h" /* dn_utf8_valid */

void dn_error_clear(dn_error *e)
{
	/* Cheap: it runs once a row.  Every field is written before it is
	 * read (dn_error_set clears the rest). */
	if (e == NULL)
		return;
	e->status = DN_OK;
	e->file[0] = e->what[0] = e->name[0] = e->message[0] = e->value[0] = '\0';
	e->line = 0;
	e->has_value = 0;
	e->reason = DN_R_NONE;
}

int dn_error_set(dn_error *e, int status, const char *fmt, ...)
{
	va_list ap;

	if (e == NULL)
		return status;
	dn_error_clear(e);
	e->status = status;
	va_start(ap, fmt);
	vsnprintf(e->message, sizeof e->message, fmt, ap);
	va_end(ap);
	return status;
}

void dn_error_reason(dn_error *e, int reason)
{
	if (e != NULL)
		e->reason = reason;
}

void dn_error_value(dn_error *e, const char *value, size_t len)
{
	static const char hex[] = "0123456789abcdef";
	size_t i, o = 0;

	if (e == NULL)
		return;
	if (len > DN_ERROR_VALUE_MAX)
		len = DN_ERROR_VALUE_MAX;
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)value[i];
		/* Length of the UTF-8 sequence c would start. */
		size_t n = c >= 0xc2 && c <= 0xdf ? 2 : c >= 0xe0 && c <= 0xef ? 3
			 : c >= 0xf0 && c <= 0xf4 ? 4 : 0;
		/* Printable ASCII and whole valid UTF-8 characters pass; control
		 * bytes, a quote, a backslash and bytes of invalid (or cut) UTF-8
		 * are escaped so the message stays one unambiguous line. */
		if (c >= 0x20 && c < 0x7f && c != '\'' && c != '\\') {
			e->value[o++] = (char)c;
		} else if (n > 0 && n <= len - i && dn_utf8_valid(value + i, n)) {
			memcpy(e->value + o, value + i, n);
			o += n;
			i += n - 1;
		} else {
			e->value[o++] = '\\';
			e->value[o++] = 'x';
			e->value[o++] = hex[c >> 4];
			e->value[o++] = hex[c & 15];
		}
	}
	e->value[o] = '\0';
	e->has_value = 1;
}

void dn_error_where(dn_error *e, const char *file, long line)
{
	if (e == NULL)
		return;
	snprintf(e->file, sizeof e->file, "%s", file ? file : "");
	e->line = line;
}

void dn_error_subject(dn_error *e, const char *what, const char *name)
{
	if (e == NULL)
		return;
	snprintf(e->what, sizeof e->what, "%s", what ? what : "");
	snprintf(e->name, sizeof e->name, "%s", name ? name : "");
}

char *dn_diagnostic(const char *tool, const dn_error *e, char *buf, size_t size)
{
	char line[1024];
	int hint = e->status == DN_EX_USAGE && strcmp(e->what, "option") == 0;

	snprintf(buf, size, "%s: %s\n%s%s%s", tool, dn_error_format(e, line, sizeof line),
		 hint ? "Try '" : "", hint ? tool : "", hint ? " --help'.\n" : "");
	return buf;
}

char *dn_error_format(const dn_error *e, char *buf, size_t size)
{
	size_t n = 0;

#define DN_APPEND(...)                                                        \
	do {                                                                  \
		if (n < size) {                                               \
			int k_ = snprintf(buf + n, size - n, __VA_ARGS__);    \
			n += k_ > 0 ? (size_t)k_ : 0;                         \
		}                                                             \
	} while (0)
	if (size == 0)
		return buf;
	buf[0] = '\0';
	if (e->file[0] != '\0') {
		if (e->line > 0)
			DN_APPEND("%s:%ld: ", e->file, e->line);
		else
			DN_APPEND("%s: ", e->file);
	}
	if (e->name[0] != '\0')
		DN_APPEND("%s %s: ", e->what[0] ? e->what : "column", e->name);
	DN_APPEND("%s", e->message);
	if (e->has_value)
		DN_APPEND(": '%s'", e->value);
#undef DN_APPEND
	return buf;
}
