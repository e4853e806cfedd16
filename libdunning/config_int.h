/* config_int.h - what config.c and confscan.c share (not installed).
 *
 * dn_config is opaque to the rest of the library; the loader is split in
 * two files: confscan.c reads the file's structure line by line (what
 * iniparser cannot tell: lines, repeated keys, raw delimiter values, the
 * BOM), config.c checks the values against the schema and answers getters.
 */
#ifndef DN_CONFIG_INT_H
#define DN_CONFIG_INT_H

#include <iniparser.h>

#include "config.h"

#define MAX_BUCKETS 16
#define INI_LINE_MAX 1024 /* iniparser 4.1 refuses longer lines */

struct dn_config_entry {
	char *section;
	char *key;
	long line;
	char *raw; /* the text after '=' as written (delimiter keys only), or NULL */
};

struct dn_config {
	char *file; /* NULL: built-in defaults */
	char *dir;  /* the file's folder, for relative paths */
	dictionary *dict;
	struct dn_config_entry *entries;
	size_t nentries;
	char **sections; /* section names in file order, for unknown checks */
	long *section_lines;
	size_t nsections;
	int bom; /* the file starts with a UTF-8 BOM */
	dn_input_format input;
	dn_output_format output;
	dn_currencies *currencies;
	char currency[4];
	int buckets[MAX_BUCKETS];
	size_t nbuckets;
	int levels;
};

/* Fill e for the file's line (0: unknown): key "[section] key" when key is
 * given, else the section when given; value shown unless NULL.  Returns
 * DN_EX_CONFIG. */
int dn_config_key_error(dn_error *e, const dn_config *c, long line, const char *section,
			const char *key, const char *value, const char *msg);

/* Whether [section] key is read from the raw line (a delimiter). */
int dn_config_raw_key(const char *section, const char *key);

/* Scan c->file: sections and keys with their lines (repeats refused), the
 * BOM noted in c->bom, raw values of delimiter keys.  Returns 0 or
 * DN_EX_CONFIG / DN_EX_SOFTWARE with e filled. */
int dn_config_scan(dn_config *c, dn_error *e);

/* iniparser's dictionary of c->file read without its BOM (iniparser 4.1
 * reads only a named file and fails on a BOM before the first section);
 * NULL with e filled when the copy cannot be made, NULL with e untouched
 * when iniparser fails. */
dictionary *dn_config_ini_without_bom(const dn_config *c, dn_error *e);

#endif
