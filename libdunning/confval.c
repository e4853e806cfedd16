/* confval.c - strict conversions of configuration values. */
#include "confval.h"

#include "csvio.h"

#include <ctype.h>
#include <string.h>

#include "date.h"
#include "money.h"

/* Whether len bytes of s are the word w, in any case. */
static int is_word(const char *s, size_t len, const char *w)
{
	size_t i;

	if (strlen(w) != len)
		return 0;
	for (i = 0; i < len; i++)
		if (tolower((unsigned char)s[i]) != w[i])
			return 0;
	return 1;
}

int dn_parse_bool(const char *s, size_t len, int item_flag)
{
	/* Pairs of (yes, no); the item-only words come last. */
	static const char *const words[][2] = {
	    {"yes", "no"}, {"true", "false"}, {"1", "0"}, {"on", "off"}, {"oui", "non"}, {"y", "n"},
	};
	size_t i, n = item_flag ? 6 : 4;

	if (len == 0)
		return item_flag ? 0 : -1;
	for (i = 0; i < n; i++) {
		if (is_word(s, len, words[i][0]))
			return 1;
		if (is_word(s, len, words[i][1]))
			return 0;
	}
	return -1;
}

int dn_parse_uint(const char *s, long *out)
{
	long v = 0;
	size_t i;

	if (s[0] == '\0')
		return -1;
	for (i = 0; s[i] != '\0'; i++) {
		if (s[i] < '0' || s[i] > '9' || v > 100000000)
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	if (v > 1000000000)
		return -1;
	*out = v;
	return 0;
}

int dn_parse_buckets(const char *s, int *out, size_t max, size_t *n)
{
	const char *p = s;
	size_t k = 0;
	long prev = 0;

	for (;;) {
		long v = 0;
		int digits = 0;
		while (*p == ' ')
			p++;
		while (*p >= '0' && *p <= '9' && digits < 6) {
			v = v * 10 + (*p++ - '0');
			digits++;
		}
		while (*p == ' ')
			p++;
		if (digits == 0 || (*p >= '0' && *p <= '9') || v <= prev || k == max)
			return -1;
		out[k++] = (int)v;
		prev = v;
		if (*p == '\0')
			break;
		if (*p++ != ',')
			return -1;
	}
	*n = k;
	return 0;
}

int dn_parse_rates(const char *s)
{
	const char *p = s;
	dn_date prev = 0, d;
	int first = 1;

	for (;;) {
		const char *colon, *end;
		dn_decimal rate;
		while (*p == ' ')
			p++;
		colon = strchr(p, ':');
		if (colon == NULL || dn_date_parse(p, (size_t)(colon - p), DN_DATE_ISO, &d) != 0)
			return -1;
		if (!first && d <= prev)
			return -1;
		end = strchr(colon, ',');
		if (end == NULL)
			end = colon + strlen(colon);
		while (end > colon + 1 && end[-1] == ' ')
			end--;
		if (dn_decimal_parse(colon + 1, (size_t)(end - colon - 1), &rate, NULL) != 0 ||
		    rate.num < 0)
			return -1;
		prev = d;
		first = 0;
		p = end;
		while (*p == ' ')
			p++;
		if (*p == '\0')
			return 0;
		if (*p++ != ',')
			return -1;
	}
}

int dn_parse_prefixes(const char *s)
{
	const char *p = s;

	for (;;) {
		int digits = 0;
		while (*p == ' ')
			p++;
		while (isalnum((unsigned char)*p)) {
			p++;
			digits++;
		}
		while (*p == ' ')
			p++;
		if (digits == 0)
			return -1;
		if (*p == '\0')
			return 0;
		if (*p++ != ',')
			return -1;
	}
}

int dn_parse_terms(const char *s, int *days, int *eom)
{
	long v;
	size_t n = strlen(s);
	char num[16];
	int is_eom = n > 3 && strcmp(s + n - 3, "eom") == 0;

	if (is_eom)
		n -= 3;
	if (n == 0 || n >= sizeof num)
		return -1;
	memcpy(num, s, n);
	num[n] = '\0';
	if (dn_parse_uint(num, &v) != 0 || v > 3650)
		return -1;
	*days = (int)v;
	*eom = is_eom;
	return 0;
}

static const char delim_chars[] = ",;\t|";
static const char *const delim_names[] = {"comma", "semicolon", "tab", "pipe"};

/* A name or a single delimiter character, exactly. */
static int delimiter_word(const char *s, size_t len, char *out)
{
	size_t i;

	if (len == 1 && s[0] != '\0' && strchr(delim_chars, s[0]) != NULL) {
		*out = s[0];
		return 0;
	}
	for (i = 0; i < sizeof delim_names / sizeof delim_names[0]; i++) {
		if (strlen(delim_names[i]) == len && memcmp(s, delim_names[i], len) == 0) {
			*out = delim_chars[i];
			return 0;
		}
	}
	return -1;
}

int dn_parse_delimiter(const char *s, size_t len, char *out)
{
	/* iniparser would strip an unquoted tab as white space and cut an
	 * unquoted ';': this reads the raw text instead. */
	while (len > 0 && (s[0] == ' ' || s[0] == '\r' || s[0] == '\n'))
		s++, len--;
	while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\r' || s[len - 1] == '\n'))
		len--;
	if (len == 1 && s[0] == '\t') {
		*out = '\t';
		return 0;
	}
	while (len > 0 && (s[0] == ' ' || s[0] == '\t'))
		s++, len--;
	while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t'))
		len--;
	if (len >= 2 && (s[0] == '"' || s[0] == '\'') && s[len - 1] == s[0])
		return delimiter_word(s + 1, len - 2, out);
	return delimiter_word(s, len, out);
}
