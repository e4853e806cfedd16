/* optspec.h - a tool's options, declared as a table.
 *
 * Each option names the field of the tool's option struct it sets
 * (offsetof), how its argument is read and its --help line, so a cmd/ file
 * declares its options once: the getopt tables, the checks of the values,
 * the messages and the help text all come from the one table.  The common
 * options (options.h) are such a table too, and --help aligns both.
 */
#ifndef DN_OPTSPEC_H
#define DN_OPTSPEC_H

#include <stddef.h>

#include "error.h"

typedef enum dn_optkind {
	DN_OPT_FLAG,  /* no argument: the int field becomes 1 */
	DN_OPT_TEXT,  /* the const char * field points at the argument */
	DN_OPT_NAME,  /* TEXT, not empty ("a column name is required") */
	DN_OPT_PATH,  /* TEXT, not empty ("empty file name") */
	DN_OPT_FILE,  /* PATH, and not "-": a file read more than once, or
			 locked, cannot be standard input */
	DN_OPT_PICK,  /* the int (or enum) field becomes base + the index of the
			 argument among the '|'-separated choices */
	DN_OPT_LONG,  /* the long field: a whole number in [min, max] */
	DN_OPT_DATE,  /* the dn_date field: YYYY-MM-DD or YYYYMMDD */
	DN_OPT_CALL   /* call(opt, arg, opts, e): a value read its own way */
} dn_optkind;

/* Reads an option's argument into the option struct opts: 0, or a status
 * with e filled (dn_option_error).  opt is "--name". */
typedef int (*dn_optcall)(const char *opt, const char *arg, void *opts, dn_error *e);

typedef struct dn_optspec {
	const char *name;    /* long name without "--"; NULL ends a table */
	char letter;         /* its short option, or 0 */
	dn_optkind kind;
	size_t field;        /* offsetof the field it sets */
	size_t given;        /* 1 + offsetof an int set to 1 when the option is
				given, or 0 */
	const char *arg;     /* the argument in --help ("FILE"); NULL: none */
	const char *help;    /* the --help text; a '\n' starts an indented line */
	const char *choices; /* DN_OPT_PICK: "csv|table" */
	long min, max;       /* DN_OPT_LONG bounds; DN_OPT_PICK: min is the base */
	dn_optcall call;     /* DN_OPT_CALL */
} dn_optspec;

/* Declarations, one line each in a tool's table (T: its option struct). */
#define DN_FLAG(n, l, T, f, h) {.name = n, .letter = l, .kind = DN_OPT_FLAG, .field = offsetof(T, f), .help = h}
#define DN_TEXT(n, l, k, T, f, a, h) {.name = n, .letter = l, .kind = k, .field = offsetof(T, f), .arg = a, .help = h}
#define DN_PICK(n, T, f, c, base, a, h) {.name = n, .kind = DN_OPT_PICK, .field = offsetof(T, f), .arg = a, .help = h, .choices = c, .min = base}
#define DN_LONG(n, l, T, f, lo, hi, a, h) {.name = n, .letter = l, .kind = DN_OPT_LONG, .field = offsetof(T, f), .arg = a, .help = h, .min = lo, .max = hi}
#define DN_CALL(n, fn, a, h) {.name = n, .kind = DN_OPT_CALL, .arg = a, .help = h, .call = fn}
/* The same, also setting the int field g to 1 when the option is given. */
#define DN_TEXT_G(n, l, k, T, f, g, a, h) {.name = n, .letter = l, .kind = k, .field = offsetof(T, f), .given = offsetof(T, g) + 1, .arg = a, .help = h}
#define DN_PICK_G(n, T, f, c, base, g, a, h) {.name = n, .kind = DN_OPT_PICK, .field = offsetof(T, f), .given = offsetof(T, g) + 1, .arg = a, .help = h, .choices = c, .min = base}
#define DN_END {.name = NULL}

/* Set the option of spec (found for the code getopt returned) from arg
 * into opts: 0, or a status with e filled.  opt is "--name". */
int dn_optspec_apply(const dn_optspec *s, const char *arg, void *opts, dn_error *e);

/* Write the --help lines of the tables (each NULL-name terminated; b may
 * be NULL) but the option named skip (may be NULL) to buf, aligned on one
 * column: "  -n, --name ARG   help".  Returns the length written (buf is
 * cut, and stays a string, when too small). */
size_t dn_optspec_help(const dn_optspec *a, const dn_optspec *b, const char *skip, char *buf,
		       size_t size);

#endif
