/* options.h - the command-line options every tool shares, parsed once.
 *
 * -c/--config FILE, --as-of DATE (default $DUNNING_AS_OF, else today in
 * local time), -h/--help, -V/--version, --rejects FILE, --excel-safe,
 * --shard I/N.  A tool passes its own long options and a handler; an
 * unknown option (with a "did you mean" hint when one option is close) or a
 * missing argument is a usage error (DN_EX_USAGE).
 *
 * Dates and amounts given on the command line are read like the data:
 * canonical, or in the [input] forms of the config.  So the as-of is kept
 * as text until the config is loaded (dn_common_resolve).
 */
#ifndef DN_OPTIONS_H
#define DN_OPTIONS_H

#include <getopt.h>
#include <stdint.h>
#include <stdio.h>

#include "date.h"
#include "error.h"
#include "money.h"
#include "optspec.h"

#define DN_VERSION "0.1.0"

typedef struct dn_config dn_config;

/* Where the as-of text came from. */
typedef enum dn_as_of_source {
	DN_AS_OF_TODAY = 0, /* neither given: today in local time */
	DN_AS_OF_OPTION,    /* --as-of */
	DN_AS_OF_ENV        /* $DUNNING_AS_OF */
} dn_as_of_source;

typedef struct dn_common {
	const char *config;  /* --config, or NULL */
	dn_date as_of;       /* final after dn_common_resolve (before: the text read
				as YYYY-MM-DD or YYYYMMDD, else today) */
	const char *as_of_text; /* --as-of or $DUNNING_AS_OF as given; NULL: today */
	dn_as_of_source as_of_source;
	const char *rejects; /* --rejects, or NULL */
	int excel_safe;
	long shard_index;    /* --shard I/N: I (0 <= I < N) */
	long shard_count;    /* N; 0 = no sharding */
	int help;            /* -h given: print usage, exit 0 */
	int version;         /* -V given: print version, exit 0 */
} dn_common;

/* Parse argv: the common options into c, the tool's (spec, NULL-name
 * terminated, may be NULL) into opts.  Returns the index of the first
 * operand (>= 1), or -1 with e filled (DN_EX_USAGE).  The as-of is not
 * checked here (-h and -V answer whatever $DUNNING_AS_OF holds): see
 * dn_common_resolve.  Uses getopt_long, so it is not reentrant. */
int dn_options_parse(int argc, char *const argv[], const dn_optspec *spec, void *opts,
		     dn_common *c, dn_error *e);

/* Set c->as_of for good: --as-of, else $DUNNING_AS_OF, else today in local
 * time; the text is read as YYYY-MM-DD, YYYYMMDD or cfg's [input]
 * date_format (cfg NULL: the first two only).  Returns 0, or DN_EX_USAGE
 * with e naming --as-of or DUNNING_AS_OF and the expected forms. */
int dn_common_resolve(dn_common *c, const dn_config *cfg, dn_error *e);

/* Parse an option's date value (YYYY-MM-DD or YYYYMMDD); DN_EX_USAGE when bad. */
int dn_option_date(const char *opt, const char *arg, dn_date *out, dn_error *e);

/* The same, read like the data: YYYY-MM-DD, YYYYMMDD or cfg's [input]
 * date_format (cfg may be NULL); the error names the expected forms. */
int dn_option_date_cfg(const char *opt, const char *arg, const dn_config *cfg, dn_date *out,
		       dn_error *e);

/* Parse an option's amount in minor units of a currency with `decimals`
 * decimals, read like the data: canonical (-1234.56) or cfg's [input]
 * decimal and thousands separators (cfg may be NULL).  Returns 0, or
 * DN_EX_USAGE with e filled (e->reason says why, as dn_money_parse). */
int dn_option_money(const char *opt, const char *arg, const dn_config *cfg, int decimals,
		    int64_t *out, dn_error *e);

/* A percentage: an exact decimal, 0 or more, with or without a final
 * '%' ("14.76%", "2").  Returns 0, or -1 (the caller names the option). */
int dn_percent_parse(const char *arg, dn_decimal *out);

/* FNV-1a 64 of len bytes: the hash --shard sorts customers by. */
uint64_t dn_fnv1a64(const char *s, size_t len);

/* Whether a customer id (len bytes) belongs to the run's shard: FNV-1a 64
 * of its bytes modulo N is I.  Always 1 without --shard. */
int dn_shard_keeps(const dn_common *c, const char *customer, size_t len);

/* Parse an option's whole number in [min, max]; DN_EX_USAGE when bad. */
int dn_option_long(const char *opt, const char *arg, long min, long max, long *out,
		   dn_error *e);

/* Whether arg is one of the '|'-separated choices. */
int dn_option_choice(const char *arg, const char *choices);

/* Index of arg among the '|'-separated choices, or -1 with e filled
 * (DN_EX_USAGE, "expected one of CHOICES"). */
int dn_option_pick(const char *opt, const char *arg, const char *choices, dn_error *e);

/* Fill e with a usage error about option opt ("option OPT: msg: 'ARG'"; arg
 * may be NULL) and return DN_EX_USAGE. */
int dn_option_error(dn_error *e, const char *opt, const char *msg, const char *arg);

/* What a tool tells the option parser about itself. */
typedef struct dn_tool {
	const char *name;          /* "aging": for -V */
	const char *usage;         /* the first lines of --help: usage, what it does */
	const dn_optspec *spec;    /* its options (optspec.h); their --help lines
				      follow the usage, aligned with the common ones */
	/* Checks between options (may be NULL), after parsing and before the
	 * config is read, so a usage error comes first: 0, or a status with
	 * e filled.  noperands: the operands after the options. */
	int (*check)(const void *opts, const dn_common *c, int noperands, dn_error *e);
	int no_shard;              /* 1: --shard is refused (and not in --help) */
} dn_tool;

/* Answer -h (the tool's usage, its options, the common options) or -V
 * ("TOOL (dunning) VERSION") on out, and close out.  Returns 1 when one of
 * them was asked and answered, 0 when neither was asked, DN_EX_IOERR with
 * e filled when the answer could not be written. */
int dn_options_answer(const dn_common *c, const dn_tool *t, FILE *out, dn_error *e);

/* The start of every tool: parse argv (dn_options_parse), answer -h or -V
 * on stdout (dn_options_answer), then check the as-of: refused only when it
 * is a date in none of the supported forms (so a usage error still comes
 * before a config error; dn_run_start resolves it with dn_common_resolve
 * once the config, and so its [input] date form, is loaded); last,
 * t->check.  Returns the index of the first operand (>= 1) when the tool is
 * to run, 0 when it has answered -h or -V, -1 with e filled on a usage
 * error (DN_EX_USAGE) or a failed answer (DN_EX_IOERR). */
int dn_options_start(const dn_tool *t, int argc, char *const argv[], void *ctx, dn_common *c,
		     dn_error *e);

/* Flush and close an output stream: 0, or DN_EX_IOERR with e filled (a
 * full disk must never look like success). */
int dn_output_close(FILE *fp, const char *name, dn_error *e);

#endif
