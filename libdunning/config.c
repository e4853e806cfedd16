/* config.c - loading dunning.ini with iniparser and validating it.
 *
 * The file is first scanned line by line for its structure (confscan.c:
 * sections, keys, lines, raw delimiters, the BOM); iniparser then gives
 * the values (quotes, continuation lines).  Every (section, key) is checked
 * against the schema below, then the rules between keys (confrules.c),
 * before any tool uses the configuration.
 */
#define _POSIX_C_SOURCE 200809L
#include "config.h"

#include <ctype.h>
#include <iniparser.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config_int.h"
#include "confrules.h"
#include "item.h"
#include "options.h"

/* ---- schema ---- */

enum vtype {
	V_STR,      /* any text */
	V_UINT,     /* whole number 0..1000000000 */
	V_BOOL,     /* yes/no/true/false/1/0/on/off */
	V_MONEY,    /* non-negative decimal in major units; takes _CUR suffixes */
	V_DECIMAL,  /* non-negative exact decimal: rates, weights */
	V_ENUM,     /* one of `choices` */
	V_CURRENCY, /* a known currency code */
	V_PATH,     /* a file, relative to the config file's folder */
	V_BUCKETS,  /* increasing whole numbers: 30,60,90,120 */
	V_DATEFMT,  /* one of the supported date formats */
	V_RATES,    /* dated rates: 2025-01-01:13.15,2025-07-01:12.15 */
	V_PREFIXES, /* account prefixes: 411,413,416 */
	V_TERMS,    /* payment terms: 30 or 45eom */
	V_DELIM     /* a delimiter, by name or as the character (read raw) */
};

struct keydef {
	const char *section; /* "level" stands for every "level N" */
	const char *key;
	enum vtype type;
	const char *choices; /* V_ENUM: "a|b|c" */
};

static const struct keydef schema[] = {
	{"general", "currency", V_CURRENCY, NULL},
	{"general", "language", V_ENUM, "en|fr"},
	{"general", "sender", V_STR, NULL},
	{"general", "contact", V_STR, NULL},
	{"input", "delimiter", V_DELIM, NULL},
	{"input", "decimal_separator", V_ENUM, "dot|comma"},
	{"input", "thousands_separator", V_ENUM, "none|space|dot|comma"},
	{"input", "date_format", V_DATEFMT, NULL},
	{"output", "delimiter", V_DELIM, NULL},
	{"output", "decimal_separator", V_ENUM, "dot|comma"},
	{"output", "line_end", V_ENUM, "lf|crlf"},
	{"output", "bom", V_BOOL, NULL},
	{"output", "date_format", V_DATEFMT, NULL},
	{"aging", "buckets", V_BUCKETS, NULL},
	{"score", "weight_overdue", V_DECIMAL, NULL},
	{"score", "weight_days", V_DECIMAL, NULL},
	{"score", "weight_promises", V_DECIMAL, NULL},
	{"score", "weight_items", V_DECIMAL, NULL},
	{"score", "cap_overdue", V_MONEY, NULL},
	{"score", "cap_days", V_UINT, NULL},
	{"score", "cap_promises", V_UINT, NULL},
	{"score", "cap_items", V_UINT, NULL},
	{"score", "threshold_a", V_DECIMAL, NULL},
	{"score", "threshold_b", V_DECIMAL, NULL},
	{"plan", "max_installments", V_UINT, NULL},
	{"plan", "min_installment", V_MONEY, NULL},
	{"plan", "first_after_days", V_UINT, NULL},
	{"level", "name", V_STR, NULL},
	{"level", "after_days", V_UINT, NULL},
	{"level", "channel", V_ENUM, "email|sms|letter|call"},
	{"level", "template", V_PATH, NULL},
	{"level", "template_fr", V_PATH, NULL},
	{"level", "template_en", V_PATH, NULL},
	{"level", "min_gap_days", V_UINT, NULL},
	{"level", "min_overdue", V_MONEY, NULL},
	{"level", "fee", V_MONEY, NULL},
	{"level", "interest", V_BOOL, NULL},
	{"indemnity", "amount", V_MONEY, NULL},
	{"indemnity", "currency", V_CURRENCY, NULL},
	{"indemnity", "from_level", V_UINT, NULL},
	{"interest", "annual_rate", V_DECIMAL, NULL},
	{"interest", "rates", V_RATES, NULL},
	{"hold", "claim_paid_days", V_UINT, NULL},
	{"hold", "promise_grace_days", V_UINT, NULL},
	{"contact", "max_per_7_days", V_UINT, NULL},
	{"contact", "max_calls_per_7_days", V_UINT, NULL},
	{"tone", "forbidden", V_PATH, NULL},
	{"classify", "rules", V_PATH, NULL},
	{"ledger", "receivable_prefixes", V_PREFIXES, NULL},
	{"ledger", "writeoff_prefixes", V_PREFIXES, NULL},
	{"ledger", "ref_pattern", V_STR, NULL},
	{"ledger", "apply", V_ENUM, "fifo|none"},
	{"ledger", "invoice_ref", V_ENUM, "PieceRef|EcritureNum"},
	{"ledger", "terms", V_TERMS, NULL},
	{"ledger", "eom_rule", V_ENUM, "end_then_days|days_then_end"},
	{"costs", "email", V_MONEY, NULL},
	{"costs", "sms", V_MONEY, NULL},
	{"costs", "letter", V_MONEY, NULL},
	{"costs", "call", V_MONEY, NULL},
	{"costs", "legal", V_MONEY, NULL},
};

/* Sections whose keys are free-form and checked by their own rule. */
#define SECTION_COLUMNS "columns"
#define SECTION_CURRENCIES "currencies"

/* ---- small strict converters ---- */

static int parse_nonneg_decimal(const char *s, dn_decimal *d)
{
	return dn_decimal_parse(s, strlen(s), d, NULL) != 0 || d->num < 0 ? -1 : 0;
}

/* ---- value checks ---- */

static const struct keydef *find_keydef(const char *section, const char *key)
{
	size_t i;

	for (i = 0; i < sizeof schema / sizeof schema[0]; i++)
		if (strcmp(schema[i].section, section) == 0 && strcmp(schema[i].key, key) == 0)
			return &schema[i];
	return NULL;
}

int dn_config_raw_key(const char *section, const char *key)
{
	const struct keydef *def = find_keydef(section, key);

	return def != NULL && def->type == V_DELIM;
}

/* "level 3" -> 3; 0 when the name is not a level section. */
static int level_number(const char *section)
{
	long n;

	if (strncmp(section, "level ", 6) != 0 || dn_parse_uint(section + 6, &n) != 0 || n < 1 ||
	    n > 99 || section[6] == '0')
		return 0;
	return (int)n;
}

static int section_known(const char *section)
{
	size_t i;

	if (strcmp(section, SECTION_COLUMNS) == 0 || strcmp(section, SECTION_CURRENCIES) == 0 ||
	    level_number(section) > 0)
		return 1;
	/* The schema's "level" stands for "level N" only: a bare [level] is unknown. */
	for (i = 0; i < sizeof schema / sizeof schema[0]; i++)
		if (strcmp(schema[i].section, section) == 0 && strcmp(section, "level") != 0)
			return 1;
	return 0;
}

static int check_value(const dn_config *c, const struct keydef *def, const char *val,
		       int decimals, const char **why)
{
	long u;
	char ch;
	dn_decimal d;
	int64_t units;
	dn_datefmt f;
	int tmp[MAX_BUCKETS], days, eom;
	size_t n;

	switch (def->type) {
	case V_STR:
		return 0;
	case V_PATH:
		*why = "empty file name";
		return val[0] ? 0 : -1;
	case V_UINT:
		*why = "not a whole number";
		return dn_parse_uint(val, &u);
	case V_BOOL:
		*why = "not a boolean (yes/no, true/false, 1/0, on/off)";
		return dn_parse_bool(val, strlen(val), 0) >= 0 ? 0 : -1;
	case V_DECIMAL:
		*why = "not a non-negative decimal number";
		return parse_nonneg_decimal(val, &d);
	case V_MONEY:
		*why = "not a non-negative amount";
		if (parse_nonneg_decimal(val, &d) != 0)
			return -1;
		*why = "more decimals than the currency has";
		return decimals >= 0 ? dn_decimal_to_units(d, decimals, &units) : 0;
	case V_ENUM:
		*why = "not one of the allowed values";
		return dn_option_choice(val, def->choices) ? 0 : -1;
	case V_CURRENCY:
		*why = "unknown currency code";
		return dn_currencies_decimals(c->currencies, val, strlen(val)) >= 0 ? 0 : -1;
	case V_BUCKETS:
		*why = "not a list of increasing whole numbers (30,60,90,120)";
		return dn_parse_buckets(val, tmp, MAX_BUCKETS, &n);
	case V_DATEFMT:
		*why = "unsupported date format (%Y-%m-%d, %d/%m/%Y, %m/%d/%Y, %d.%m.%Y, %d-%m-%Y)";
		return dn_datefmt_from_name(val, &f);
	case V_RATES:
		*why = "not a list of increasing DATE:RATE pairs";
		return dn_parse_rates(val);
	case V_PREFIXES:
		*why = "not a list of account prefixes (411,413)";
		return dn_parse_prefixes(val);
	case V_TERMS:
		*why = "not payment terms (30 or 45eom)";
		return dn_parse_terms(val, &days, &eom);
	case V_DELIM:
		*why = "not a delimiter (comma, semicolon, tab, pipe, or the character: "
		       "; | , or a tab)";
		return dn_parse_delimiter(val, strlen(val), &ch);
	}
	return -1;
}

/* Split "min_overdue_jpy" into its money key and currency when it is one. */
static const struct keydef *money_suffix(const dn_config *c, const char *section,
					 const char *key, int *decimals)
{
	size_t n = strlen(key);
	char base[128];
	const struct keydef *def;

	if (n < 5 || n >= sizeof base || key[n - 4] != '_')
		return NULL;
	memcpy(base, key, n - 4);
	base[n - 4] = '\0';
	def = find_keydef(section, base);
	if (def == NULL || def->type != V_MONEY)
		return NULL;
	*decimals = dn_currencies_decimals(c->currencies, key + n - 3, 3);
	return def;
}

static const char *raw_value(const dn_config *c, const char *section, const char *key)
{
	char full[512];

	snprintf(full, sizeof full, "%s:%s", section, key);
	return iniparser_getstring(c->dict, full, NULL);
}

static int check_entry(dn_config *c, const struct dn_config_entry *en, dn_error *e)
{
	const char *val = raw_value(c, en->section, en->key);
	const char *sect = level_number(en->section) ? "level" : en->section;
	const struct keydef *def;
	const char *why = "bad value";
	int decimals = -1;

	if (en->raw != NULL)
		val = en->raw;
	if (val == NULL)
		val = "";
	if (strcmp(sect, SECTION_COLUMNS) == 0) {
		if (!dn_item_is_canonical(en->key))
			return dn_config_key_error(e, c, en->line, en->section, en->key, NULL,
						   "not a canonical column name");
		if (val[0] == '\0')
			return dn_config_key_error(e, c, en->line, en->section, en->key, val,
						   "empty column name");
		return 0;
	}
	if (strcmp(sect, SECTION_CURRENCIES) == 0)
		return 0; /* loaded (and checked) before everything else */
	def = find_keydef(sect, en->key);
	if (def == NULL) {
		def = money_suffix(c, sect, en->key, &decimals);
		if (def == NULL)
			return dn_config_key_error(e, c, en->line, en->section, en->key, NULL,
						   "unknown key");
		if (decimals < 0)
			return dn_config_key_error(e, c, en->line, en->section, en->key, NULL,
						   "unknown currency in the key's suffix");
	}
	if (check_value(c, def, val, decimals, &why) != 0)
		return dn_config_key_error(e, c, en->line, en->section, en->key, val, why);
	return 0;
}

static int load_currencies(dn_config *c, dn_error *e)
{
	size_t i;

	for (i = 0; i < c->nentries; i++) {
		const struct dn_config_entry *en = &c->entries[i];
		const char *val;
		long dec;

		if (strcmp(en->section, SECTION_CURRENCIES) != 0)
			continue;
		val = raw_value(c, en->section, en->key);
		if (dn_parse_uint(val ? val : "", &dec) != 0 || dec > 9)
			return dn_config_key_error(e, c, en->line, en->section, en->key, val,
						   "not a number of decimals (0 to 9)");
		if (dn_currencies_add(c->currencies, en->key, (int)dec) != 0)
			return dn_config_key_error(e, c, en->line, en->section, en->key, NULL,
						   "not a 3-letter currency code");
	}
	return 0;
}

/* ---- derived settings ---- */

static char enum_char(const char *v, const char *const names[], const char *chars,
		      char def)
{
	size_t i;

	if (v == NULL)
		return def;
	for (i = 0; names[i] != NULL; i++)
		if (strcmp(v, names[i]) == 0)
			return chars[i];
	return def;
}

/* A delimiter key's character (its name is in the dictionary by now). */
static char delimiter_of(const dn_config *c, const char *section)
{
	const char *v = dn_config_get(c, section, "delimiter");
	char ch = ',';

	if (v != NULL)
		dn_parse_delimiter(v, strlen(v), &ch);
	return ch;
}

static dn_datefmt datefmt_of(const dn_config *c, const char *section)
{
	const char *v = dn_config_get(c, section, "date_format");
	dn_datefmt f = DN_DATE_ISO;

	if (v != NULL)
		dn_datefmt_from_name(v, &f);
	return f;
}

/* The settings read on every row, converted once (values checked above). */
static void derive(dn_config *c)
{
	static const char *const decs[] = {"dot", "comma", NULL};
	static const char *const thous[] = {"none", "space", "dot", "comma", NULL};
	static const char *const ends[] = {"lf", "crlf", NULL};
	const char *v;
	size_t i;

	c->input.delimiter = delimiter_of(c, "input");
	c->input.number.decimal = enum_char(dn_config_get(c, "input", "decimal_separator"),
					    decs, ".,", '.');
	c->input.number.thousands =
		enum_char(dn_config_get(c, "input", "thousands_separator"), thous, "\0 .,", 0);
	c->input.date = datefmt_of(c, "input");
	c->output.delimiter = delimiter_of(c, "output");
	c->output.decimal = enum_char(dn_config_get(c, "output", "decimal_separator"), decs,
				      ".,", '.');
	c->output.crlf = enum_char(dn_config_get(c, "output", "line_end"), ends, "\0\1", 0);
	c->output.bom = dn_config_bool(c, "output", "bom", 0);
	c->output.date = datefmt_of(c, "output");
	v = dn_config_get(c, "general", "currency");
	snprintf(c->currency, sizeof c->currency, "%s", v ? v : "EUR");
	for (i = 0; i < 3; i++)
		c->currency[i] = (char)toupper((unsigned char)c->currency[i]);
	v = dn_config_get(c, "aging", "buckets");
	if (v == NULL || dn_parse_buckets(v, c->buckets, MAX_BUCKETS, &c->nbuckets) != 0) {
		static const int def[] = {30, 60, 90, 120};
		memcpy(c->buckets, def, sizeof def);
		c->nbuckets = 4;
	}
	for (i = 0; i < c->nsections; i++)
		if (level_number(c->sections[i]) > c->levels)
			c->levels = level_number(c->sections[i]);
}

/* ---- loading ---- */

/* iniparser prints its own errors unless given a callback; the scan above
 * reports them with a line number instead. */
static int silent(const char *fmt, ...)
{
	(void)fmt;
	return 0;
}

static int set_file(dn_config *c, const char *path)
{
	const char *slash = strrchr(path, '/');

	c->file = strdup(path);
	if (slash == NULL)
		c->dir = strdup(".");
	else if (slash == path)
		c->dir = strdup("/");
	else
		c->dir = strndup(path, (size_t)(slash - path));
	return c->file && c->dir ? 0 : -1;
}

/* The delimiter keys were read raw: let iniparser's dictionary hold their
 * names, so dn_config_get says "semicolon" for `delimiter = ;`. */
static void store_delimiters(dn_config *c)
{
	size_t i;
	char ch, full[512];

	for (i = 0; i < c->nentries; i++) {
		const struct dn_config_entry *en = &c->entries[i];
		if (en->raw == NULL || dn_parse_delimiter(en->raw, strlen(en->raw), &ch) != 0)
			continue;
		snprintf(full, sizeof full, "%s:%s", en->section, en->key);
		iniparser_set(c->dict, full, dn_delimiter_name(ch));
	}
}

static int load_file(dn_config *c, dn_error *e)
{
	size_t i;
	int rc;

	if ((rc = dn_config_scan(c, e)) != 0)
		return rc;
	iniparser_set_error_callback(silent);
	if (c->bom) {
		c->dict = dn_config_ini_without_bom(c, e);
		if (c->dict == NULL && e != NULL && e->status != 0)
			return DN_EX_CONFIG;
	} else {
		c->dict = iniparser_load(c->file);
	}
	if (c->dict == NULL)
		return dn_config_key_error(e, c, 0, NULL, NULL, NULL,
					   "iniparser cannot read the file");
	for (i = 0; i < c->nsections; i++)
		if (!section_known(c->sections[i]))
			return dn_config_key_error(e, c, c->section_lines[i], c->sections[i],
						   NULL, NULL, "unknown section");
	if ((rc = load_currencies(c, e)) != 0)
		return rc;
	for (i = 0; i < c->nentries; i++)
		if ((rc = check_entry(c, &c->entries[i], e)) != 0)
			return rc;
	store_delimiters(c);
	return 0;
}

dn_config *dn_config_load(const char *path, dn_error *e)
{
	dn_config *c = calloc(1, sizeof *c);
	int rc = 0;

	if (c == NULL || (c->currencies = dn_currencies_new()) == NULL) {
		dn_error_set(e, DN_EX_SOFTWARE, "out of memory");
		dn_config_free(c);
		return NULL;
	}
	if (path == NULL || path[0] == '\0')
		path = getenv("DUNNING_CONFIG");
	if ((path == NULL || path[0] == '\0') && access("dunning.ini", F_OK) == 0)
		path = "dunning.ini";
	if (path != NULL && path[0] != '\0') {
		if (set_file(c, path) != 0)
			rc = dn_error_set(e, DN_EX_SOFTWARE, "out of memory");
		else
			rc = load_file(c, e);
	}
	if (rc == 0) {
		derive(c);
		rc = dn_config_check_rules(c, e);
	}
	if (rc != 0) {
		dn_config_free(c);
		return NULL;
	}
	return c;
}

void dn_config_free(dn_config *c)
{
	size_t i;

	if (c == NULL)
		return;
	for (i = 0; i < c->nentries; i++) {
		free(c->entries[i].section);
		free(c->entries[i].key);
		free(c->entries[i].raw);
	}
	for (i = 0; i < c->nsections; i++)
		free(c->sections[i]);
	free(c->entries);
	free(c->sections);
	free(c->section_lines);
	if (c->dict != NULL)
		iniparser_freedict(c->dict);
	dn_currencies_free(c->currencies);
	free(c->file);
	free(c->dir);
	free(c);
}

/* ---- getters ---- */

const char *dn_config_file(const dn_config *c)
{
	return c->file;
}

const char *dn_config_get(const dn_config *c, const char *section, const char *key)
{
	if (c->dict == NULL)
		return NULL;
	return raw_value(c, section, key);
}

long dn_config_uint(const dn_config *c, const char *section, const char *key, long def)
{
	const char *v = dn_config_get(c, section, key);
	long n;

	return v != NULL && dn_parse_uint(v, &n) == 0 ? n : def;
}

int dn_config_bool(const dn_config *c, const char *section, const char *key, int def)
{
	const char *v = dn_config_get(c, section, key);
	int b = v != NULL ? dn_parse_bool(v, strlen(v), 0) : -1;

	return b >= 0 ? b : def;
}

dn_decimal dn_config_decimal(const dn_config *c, const char *section, const char *key,
			     dn_decimal def)
{
	const char *v = dn_config_get(c, section, key);
	dn_decimal d;

	return v != NULL && parse_nonneg_decimal(v, &d) == 0 ? d : def;
}

int dn_config_money(const dn_config *c, const char *section, const char *key,
		    const char *currency, int decimals, const char *def_major, int64_t *out,
		    dn_error *e)
{
	char suffixed[160];
	const char *v;
	dn_decimal d;
	size_t i, n;

	snprintf(suffixed, sizeof suffixed, "%s_%s", key, currency);
	n = strlen(suffixed);
	for (i = n - 3; i < n; i++)
		suffixed[i] = (char)tolower((unsigned char)suffixed[i]);
	v = dn_config_get(c, section, suffixed);
	if (v == NULL)
		v = dn_config_get(c, section, key);
	if (v == NULL)
		v = def_major;
	if (parse_nonneg_decimal(v, &d) != 0 || dn_decimal_to_units(d, decimals, out) != 0) {
		char name[300];
		dn_error_set(e, DN_EX_CONFIG, "more decimals than %s has, or out of range",
			     currency);
		dn_error_where(e, c->file, 0);
		snprintf(name, sizeof name, "[%s] %s", section, key);
		dn_error_subject(e, "key", name);
		dn_error_value(e, v, strlen(v));
		return DN_EX_CONFIG;
	}
	return 0;
}

char *dn_config_path(const dn_config *c, const char *section, const char *key)
{
	const char *v = dn_config_get(c, section, key);
	char *p;
	size_t n;

	if (v == NULL)
		return NULL;
	if (v[0] == '/' || c->dir == NULL)
		return strdup(v);
	n = strlen(c->dir) + strlen(v) + 2;
	p = malloc(n);
	if (p != NULL)
		snprintf(p, n, "%s/%s", c->dir, v);
	return p;
}

const dn_input_format *dn_config_input(const dn_config *c)
{
	return &c->input;
}

const dn_output_format *dn_config_output(const dn_config *c)
{
	return &c->output;
}

long dn_config_line(const dn_config *c, const char *section, const char *key)
{
	size_t i;

	for (i = 0; i < c->nentries; i++)
		if (strcmp(c->entries[i].section, section) == 0 &&
		    strcmp(c->entries[i].key, key) == 0)
			return c->entries[i].line;
	return 0;
}

long dn_config_section_line(const dn_config *c, const char *section)
{
	size_t i;

	for (i = 0; i < c->nsections; i++)
		if (strcmp(c->sections[i], section) == 0)
			return c->section_lines[i];
	return 0;
}

const dn_currencies *dn_config_currencies(const dn_config *c)
{
	return c->currencies;
}

const char *dn_config_currency(const dn_config *c)
{
	return c->currency;
}

const char *dn_config_column(const dn_config *c, const char *canonical)
{
	const char *v = dn_config_get(c, SECTION_COLUMNS, canonical);

	return v != NULL && v[0] != '\0' ? v : canonical;
}

const int *dn_config_buckets(const dn_config *c, size_t *n)
{
	*n = c->nbuckets;
	return c->buckets;
}

int dn_config_terms(const dn_config *c, int *days, int *eom)
{
	const char *v = dn_config_get(c, "ledger", "terms");

	return v != NULL && dn_parse_terms(v, days, eom) == 0 ? 0 : -1;
}

int dn_config_levels(const dn_config *c)
{
	return c->levels;
}
