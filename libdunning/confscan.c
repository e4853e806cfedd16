/* confscan.c - the structure of dunning.ini, line by line.
 *
 * iniparser cannot tell a repeated key (the last one silently wins) nor the
 * line of a key, cuts an unquoted value at ';' and strips a tab, and fails
 * on a UTF-8 BOM: this scan sees the raw lines first.
 */
#define _POSIX_C_SOURCE 200809L
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config_int.h"

/* ---- errors ---- */

int dn_config_key_error(dn_error *e, const dn_config *c, long line, const char *section,
			const char *key, const char *value, const char *msg)
{
	char name[128];

	dn_error_set(e, DN_EX_CONFIG, "%s", msg);
	dn_error_where(e, c->file, line);
	if (key != NULL) {
		snprintf(name, sizeof name, "[%s] %s", section, key);
		dn_error_subject(e, "key", name);
	} else if (section != NULL) {
		dn_error_subject(e, "section", section);
	}
	if (value != NULL)
		dn_error_value(e, value, strlen(value));
	return DN_EX_CONFIG;
}

/* ---- scanning the file's structure ---- */

static char *trim(char *s)
{
	char *end;

	while (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')
		s++;
	end = s + strlen(s);
	while (end > s && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\r' || end[-1] == '\n'))
		*--end = '\0';
	return s;
}

static void lower(char *s)
{
	for (; *s; s++)
		*s = (char)tolower((unsigned char)*s);
}

static int add_entry(dn_config *c, const char *section, const char *key, long line)
{
	struct dn_config_entry *ne = realloc(c->entries, (c->nentries + 1) * sizeof *ne);

	if (ne == NULL)
		return -1;
	c->entries = ne;
	ne[c->nentries].section = strdup(section);
	ne[c->nentries].key = strdup(key);
	ne[c->nentries].line = line;
	ne[c->nentries].raw = NULL;
	c->nentries++;
	return ne[c->nentries - 1].section && ne[c->nentries - 1].key ? 0 : -1;
}

static int add_section(dn_config *c, const char *name, long line)
{
	char **ns = realloc(c->sections, (c->nsections + 1) * sizeof *ns);
	long *nl;

	if (ns == NULL)
		return -1;
	c->sections = ns;
	nl = realloc(c->section_lines, (c->nsections + 1) * sizeof *nl);
	if (nl == NULL)
		return -1;
	c->section_lines = nl;
	ns[c->nsections] = strdup(name);
	nl[c->nsections] = line;
	c->nsections++;
	return ns[c->nsections - 1] ? 0 : -1;
}

/* A ';' or '#' in an unquoted value ends it for iniparser: what follows is
 * silently lost, so refuse it (quote the value instead). */
static int value_cut(const char *value)
{
	const char *v = value;

	while (*v == ' ' || *v == '\t')
		v++;
	if (*v == '"' || *v == '\'')
		return 0;
	return strpbrk(v, ";#") != NULL;
}

/* The text after the first '=' of a raw line, without surrounding spaces
 * and line end (tabs kept: a tab may be the value); malloc'd or NULL. */
static char *raw_text(const char *line)
{
	const char *v = strchr(line, '=') + 1, *end;

	while (*v == ' ')
		v++;
	end = v + strlen(v);
	while (end > v && (end[-1] == ' ' || end[-1] == '\r' || end[-1] == '\n'))
		end--;
	return strndup(v, (size_t)(end - v));
}

static int scan_line(dn_config *c, char *raw, long line, char *section, size_t secsz, dn_error *e)
{
	char orig[INI_LINE_MAX + 1];
	char *s, *eq;
	int raw_key;
	size_t i;

	/* trim() overwrites the line's end, where a tab delimiter may be. */
	snprintf(orig, sizeof orig, "%s", raw);
	s = trim(raw);
	if (*s == '\0' || *s == ';' || *s == '#')
		return 0;
	if (*s == '[') {
		char *close = strchr(s, ']');
		if (close == NULL || close[1] != '\0')
			return dn_config_key_error(e, c, line, NULL, NULL, s,
						   "not a [section] line");
		*close = '\0';
		s = trim(s + 1);
		lower(s);
		snprintf(section, secsz, "%s", s);
		for (i = 0; i < c->nsections; i++)
			if (strcmp(c->sections[i], section) == 0)
				return dn_config_key_error(e, c, line, section, NULL, NULL,
							   "section given twice");
		return add_section(c, section, line) == 0 ? 0 : DN_EX_SOFTWARE;
	}
	eq = strchr(s, '=');
	if (eq == NULL)
		return dn_config_key_error(e, c, line, NULL, NULL, s, "not a 'key = value' line");
	*eq = '\0';
	s = trim(s);
	lower(s);
	if (section[0] == '\0')
		return dn_config_key_error(e, c, line, NULL, NULL, s, "key outside any [section]");
	if (*s == '\0')
		return dn_config_key_error(e, c, line, section, NULL, NULL, "empty key name");
	raw_key = dn_config_raw_key(section, s);
	/* A delimiter is read from the raw line (';' and a tab are values
	 * there), so iniparser's cut does not matter for it. */
	if (!raw_key && value_cut(eq + 1))
		return dn_config_key_error(
		    e, c, line, section, s, trim(eq + 1),
		    "unquoted value holds ';' or '#' (iniparser would cut it "
		    "there): quote the value");
	for (i = 0; i < c->nentries; i++) {
		if (strcmp(c->entries[i].section, section) == 0 &&
		    strcmp(c->entries[i].key, s) == 0) {
			char msg[64];
			snprintf(msg, sizeof msg, "key given twice (first on line %ld)",
				 c->entries[i].line);
			return dn_config_key_error(e, c, line, section, s, NULL, msg);
		}
	}
	if (add_entry(c, section, s, line) != 0)
		return DN_EX_SOFTWARE;
	if (raw_key && (c->entries[c->nentries - 1].raw = raw_text(orig)) == NULL)
		return DN_EX_SOFTWARE;
	return 0;
}

int dn_config_scan(dn_config *c, dn_error *e)
{
	FILE *fp = fopen(c->file, "r");
	char *line = NULL, section[256] = "";
	size_t cap = 0;
	ssize_t n;
	long lineno = 0;
	int rc = 0, continued = 0;

	if (fp == NULL) {
		dn_error_set(e, DN_EX_CONFIG, "cannot open configuration: %s", strerror(errno));
		dn_error_where(e, c->file, 0);
		return DN_EX_CONFIG;
	}
	while (rc == 0 && (n = getline(&line, &cap, fp)) != -1) {
		int cont;
		char *text = line;
		lineno++;
		/* Notepad starts a UTF-8 file with a BOM: not part of line 1. */
		if (lineno == 1 && n >= 3 && memcmp(line, "\xef\xbb\xbf", 3) == 0) {
			c->bom = 1;
			text += 3;
			n -= 3;
		}
		/* iniparser reads lines with fgets into INI_LINE_MAX bytes: a line
		 * of INI_LINE_MAX - 1 bytes fits only with its line feed. */
		if (n >= INI_LINE_MAX || (n == INI_LINE_MAX - 1 && text[n - 1] != '\n')) {
			rc = dn_config_key_error(e, c, lineno, NULL, NULL, NULL,
						 "line longer than 1022 bytes (iniparser's limit)");
			break;
		}
		/* A line ending in a backslash continues on the next one. */
		cont =
		    n >= 2 && strcspn(text, "\r\n") > 0 && text[strcspn(text, "\r\n") - 1] == '\\';
		if (!continued)
			rc = scan_line(c, text, lineno, section, sizeof section, e);
		continued = cont;
	}
	free(line);
	fclose(fp);
	return rc;
}

/* iniparser 4.1 reads only a named file and fails on a BOM before the
 * first [section]: give it a copy without the BOM. */
dictionary *dn_config_ini_without_bom(const dn_config *c, dn_error *e)
{
	const char *tmpdir = getenv("TMPDIR");
	char tmp[4096], buf[8192];
	dictionary *d = NULL;
	FILE *in = fopen(c->file, "rb"), *out = NULL;
	size_t n;
	int fd, ok;

	snprintf(tmp, sizeof tmp, "%s/dunning-ini.XXXXXX",
		 tmpdir != NULL && tmpdir[0] != '\0' ? tmpdir : "/tmp");
	fd = in != NULL ? mkstemp(tmp) : -1;
	if (fd < 0 || (out = fdopen(fd, "wb")) == NULL) {
		dn_error_set(e, DN_EX_CONFIG, "cannot copy the file without its BOM: %s",
			     strerror(errno));
		dn_error_where(e, c->file, 0);
		if (fd >= 0) {
			close(fd);
			unlink(tmp);
		}
		if (in != NULL)
			fclose(in);
		return NULL;
	}
	ok = fseek(in, 3, SEEK_SET) == 0;
	while (ok && (n = fread(buf, 1, sizeof buf, in)) > 0)
		ok = fwrite(buf, 1, n, out) == n;
	ok = ok && !ferror(in);
	fclose(in);
	ok = fclose(out) == 0 && ok;
	if (ok)
		d = iniparser_load(tmp);
	unlink(tmp);
	if (!ok)
		dn_config_key_error(e, c, 0, NULL, NULL, NULL,
				    "cannot copy the file without its BOM");
	return d;
}
