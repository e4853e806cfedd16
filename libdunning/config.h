/* config.h - dunning.ini, read with iniparser and checked strictly.
 *
 * Every section and key the toolkit knows is in one schema (config.c); a
 * file with an unknown section or key, a key given twice, or a value of the
 * wrong shape is refused as a whole (DN_EX_CONFIG), naming file, line, key
 * and value.  Getters then cannot fail on shape.
 */
#ifndef DN_CONFIG_H
#define DN_CONFIG_H

#include <stddef.h>
#include <stdint.h>

#include "confval.h"
#include "date.h"
#include "error.h"
#include "money.h"

typedef struct dn_config dn_config;

/* How input files are written ([input]). */
typedef struct dn_input_format {
	char delimiter;       /* ',' ';' '\t' '|' */
	dn_numfmt number;     /* decimal and thousands separators */
	dn_datefmt date;      /* the date_format besides the ISO forms */
} dn_input_format;

/* How the tools write CSV ([output]); the defaults are the canonical forms. */
typedef struct dn_output_format {
	char delimiter; /* ',' default */
	char decimal;   /* '.' or ',' */
	int crlf;       /* line_end = crlf */
	int bom;        /* bom = yes: a UTF-8 BOM before the header */
	dn_datefmt date; /* DN_DATE_ISO default */
} dn_output_format;

/* Load the configuration.  `path` is --config (NULL when not given); then
 * $DUNNING_CONFIG, then ./dunning.ini when it exists, else the built-in
 * defaults.  A UTF-8 BOM at the start of the file is ignored.  Every
 * single value and every rule that ties keys together (confrules.h) is
 * checked here, so every tool refuses the same files.  Returns NULL with e
 * filled (DN_EX_CONFIG, naming file, line, key and value) on any error. */
dn_config *dn_config_load(const char *path, dn_error *e);

/* Free; NULL is a no-op. */
void dn_config_free(dn_config *c);

/* The file read, or NULL when the built-in defaults are in use. */
const char *dn_config_file(const dn_config *c);

/* The raw value of [section] key, or NULL when absent.  Borrowed. */
const char *dn_config_get(const dn_config *c, const char *section, const char *key);

/* Whole number value of [section] key, or def when absent (validated at load). */
long dn_config_uint(const dn_config *c, const char *section, const char *key, long def);

/* Boolean value, or def when absent. */
int dn_config_bool(const dn_config *c, const char *section, const char *key, int def);

/* Decimal value (a rate or weight), or def when absent. */
dn_decimal dn_config_decimal(const dn_config *c, const char *section, const char *key,
			     dn_decimal def);

/* A money key for one currency: key_<currency> (in that currency's decimals)
 * when given, else the plain key in major units, else def_major (a decimal
 * string such as "50").  Returns 0, or DN_EX_CONFIG with e filled when the
 * plain value has more decimals than the currency. */
int dn_config_money(const dn_config *c, const char *section, const char *key,
		    const char *currency, int decimals, const char *def_major, int64_t *out,
		    dn_error *e);

/* A path value resolved against the config file's folder; malloc'd (the
 * caller frees), or NULL when absent or out of memory. */
char *dn_config_path(const dn_config *c, const char *section, const char *key);

/* [input] settings. Borrowed. */
const dn_input_format *dn_config_input(const dn_config *c);

/* [output] settings. Borrowed. */
const dn_output_format *dn_config_output(const dn_config *c);

/* Line of [section] key in the file; 0 when absent or no file was read. */
long dn_config_line(const dn_config *c, const char *section, const char *key);

/* Line of the [section] header; 0 when absent. */
long dn_config_section_line(const dn_config *c, const char *section);

/* Known currencies: ISO 4217 plus [currencies]. Borrowed. */
const dn_currencies *dn_config_currencies(const dn_config *c);

/* [general] currency, upper-case (default "EUR"). */
const char *dn_config_currency(const dn_config *c);

/* The header name to look for a canonical column: its [columns] alias, or
 * the canonical name itself. Borrowed. */
const char *dn_config_column(const dn_config *c, const char *canonical);

/* [aging] buckets: the upper bounds (default 30,60,90,120). Borrowed. */
const int *dn_config_buckets(const dn_config *c, size_t *n);

/* [ledger] terms: 0 with *days and *eom (the "Neom" form) set, or -1 when
 * the key is absent. */
int dn_config_terms(const dn_config *c, int *days, int *eom);

/* Sections "level 1", "level 2", ...: the highest N present, 0 when none. */
int dn_config_levels(const dn_config *c);

#endif
