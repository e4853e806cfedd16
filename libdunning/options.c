/* options.c - common options over getopt_long. */
#define _POSIX_C_SOURCE 200809L
#include "options.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "config.h"
#include "money.h"

/* --as-of: kept as text until the config is loaded (dn_common_resolve). */
static int take_as_of(const char *opt, const char *arg, void *opts, dn_error *e)
{
	dn_common *c = opts;

	(void)opt;
	(void)e;
	c->as_of_text = arg;
	c->as_of_source = DN_AS_OF_OPTION;
	return 0;
}

static int parse_shard(const char *opt, const char *arg, void *opts, dn_error *e);

static const dn_optspec common_opts[] = {
	DN_TEXT("config", 'c', DN_OPT_PATH, dn_common, config, "FILE",
		"configuration file (default: $DUNNING_CONFIG, ./dunning.ini)"),
	DN_CALL("as-of", take_as_of, "DATE",
		"date of the report (default: $DUNNING_AS_OF, else today);\n"
		"YYYY-MM-DD, YYYYMMDD or the [input] date_format"),
	DN_TEXT("rejects", 0, DN_OPT_PATH, dn_common, rejects, "FILE",
		"write bad rows to FILE with an error column and go on"),
	DN_FLAG("excel-safe", 0, dn_common, excel_safe,
		"prefix with ' output fields a spreadsheet would run"),
	DN_CALL("shard", parse_shard, "I/N",
		"keep only the customers of shard I of N (0 <= I < N)"),
	DN_FLAG("help", 'h', dn_common, help, "print this help and exit"),
	DN_FLAG("version", 'V', dn_common, version, "print the version and exit"),
	DN_END,
};

#define MAX_OPTS 64
#define NCOMMON (sizeof common_opts / sizeof common_opts[0] - 1)

int dn_option_error(dn_error *e, const char *opt, const char *msg, const char *value)
{
	dn_error_set(e, DN_EX_USAGE, "%s", msg);
	dn_error_subject(e, "option", opt);
	if (value != NULL)
		dn_error_value(e, value, strlen(value));
	return DN_EX_USAGE;
}

/* A date in fmt (YYYY-MM-DD and YYYYMMDD always), or a usage error naming
 * the expected forms when the text is not a date at all. */
static int date_in(const char *opt, const char *arg, dn_datefmt fmt, dn_date *out,
		   dn_error *e)
{
	int rc = dn_date_parse(arg, strlen(arg), fmt, out);
	char msg[128];

	if (rc == 0)
		return 0;
	if (rc == -1 && fmt != DN_DATE_ISO)
		snprintf(msg, sizeof msg, "not a date (expected YYYY-MM-DD, YYYYMMDD or %s)",
			 dn_datefmt_form(fmt));
	else if (rc == -1)
		snprintf(msg, sizeof msg, "not a date (expected YYYY-MM-DD or YYYYMMDD)");
	else
		snprintf(msg, sizeof msg, "%s", dn_date_strerror(rc));
	dn_option_error(e, opt, msg, arg);
	dn_error_reason(e, dn_date_reason(rc));
	return DN_EX_USAGE;
}

static dn_datefmt input_datefmt(const dn_config *cfg)
{
	return cfg != NULL ? dn_config_input(cfg)->date : DN_DATE_ISO;
}

int dn_option_date(const char *opt, const char *arg, dn_date *out, dn_error *e)
{
	return date_in(opt, arg, DN_DATE_ISO, out, e);
}

int dn_option_date_cfg(const char *opt, const char *arg, const dn_config *cfg, dn_date *out,
		       dn_error *e)
{
	return date_in(opt, arg, input_datefmt(cfg), out, e);
}

/* How an amount may be written under fmt, for messages: "1234.56" and,
 * when the [input] form differs, "1 234,56". */
static void money_forms(const dn_numfmt *fmt, char *buf, size_t size)
{
	char alt[16];
	size_t o = 0;

	if (fmt->decimal == '.' && fmt->thousands == 0) {
		snprintf(buf, size, "1234.56");
		return;
	}
	alt[o++] = '1';
	if (fmt->thousands != 0)
		alt[o++] = fmt->thousands;
	memcpy(alt + o, "234", 3);
	o += 3;
	alt[o++] = fmt->decimal;
	memcpy(alt + o, "56", 3);
	snprintf(buf, size, "1234.56 or %s", alt);
}

int dn_option_money(const char *opt, const char *arg, const dn_config *cfg, int decimals,
		    int64_t *out, dn_error *e)
{
	dn_numfmt fmt = cfg != NULL ? dn_config_input(cfg)->number : DN_NUMFMT_DEFAULT;
	dn_error tmp;
	char msg[160], forms[48];

	dn_error_clear(&tmp);
	if (dn_money_parse(arg, strlen(arg), decimals, &fmt, out, &tmp) == 0)
		return 0;
	if (tmp.reason == DN_R_BAD_NUMBER || tmp.reason == DN_R_EMPTY) {
		money_forms(&fmt, forms, sizeof forms);
		snprintf(msg, sizeof msg, "not an amount (expected %s)", forms);
	} else {
		snprintf(msg, sizeof msg, "%s", tmp.message);
	}
	dn_option_error(e, opt, msg, arg);
	dn_error_reason(e, tmp.reason);
	return DN_EX_USAGE;
}

int dn_percent_parse(const char *arg, dn_decimal *out)
{
	size_t n = strlen(arg);
	dn_error ignored;

	if (n > 0 && arg[n - 1] == '%')
		n--;
	if (n == 0 || arg[0] == '+' || arg[0] == '-')
		return -1;
	return dn_decimal_parse(arg, n, out, &ignored) == 0 ? 0 : -1;
}

uint64_t dn_fnv1a64(const char *s, size_t len)
{
	uint64_t h = 0xcbf29ce484222325u;
	size_t i;

	for (i = 0; i < len; i++) {
		h ^= (unsigned char)s[i];
		h *= 0x100000001b3u;
	}
	return h;
}

int dn_shard_keeps(const dn_common *c, const char *customer, size_t len)
{
	if (c->shard_count <= 0)
		return 1;
	return dn_fnv1a64(customer, len) % (uint64_t)c->shard_count == (uint64_t)c->shard_index;
}

/* "I/N" with 0 <= I < N; N at most a million (a shard per customer is
 * already more than any cluster runs). */
static int parse_shard(const char *opt, const char *arg, void *opts, dn_error *e)
{
	dn_common *c = opts;
	const char *slash = strchr(arg, '/');
	long v[2] = {0, 0};
	size_t k, i;

	for (k = 0; slash != NULL && k < 2; k++) {
		const char *p = k == 0 ? arg : slash + 1;
		size_t n = k == 0 ? (size_t)(slash - arg) : strlen(p);
		if (n == 0 || n > 7)
			break;
		for (i = 0; i < n && p[i] >= '0' && p[i] <= '9'; i++)
			v[k] = v[k] * 10 + (p[i] - '0');
		if (i < n)
			break;
	}
	if (k < 2 || v[1] < 1 || v[1] > 1000000 || v[0] >= v[1])
		return dn_option_error(e, opt,
				       "not I/N, shard I of N with 0 <= I < N (e.g. 0/4 to 3/4)",
				       arg);
	c->shard_index = v[0];
	c->shard_count = v[1];
	return 0;
}

int dn_option_long(const char *opt, const char *arg, long min, long max, long *out,
		   dn_error *e)
{
	long v = 0;
	size_t i;

	for (i = 0; arg[i] != '\0'; i++) {
		/* Stop before v would pass max (or wrap around). */
		if (arg[i] < '0' || arg[i] > '9' || v > max ||
		    v > (LONG_MAX - (arg[i] - '0')) / 10)
			break;
		v = v * 10 + (arg[i] - '0');
	}
	if (i == 0 || arg[i] != '\0' || v < min || v > max) {
		char msg[96];
		snprintf(msg, sizeof msg, "not a whole number from %ld to %ld", min, max);
		return dn_option_error(e, opt, msg, arg);
	}
	*out = v;
	return 0;
}

int dn_option_pick(const char *opt, const char *arg, const char *choices, dn_error *e)
{
	const char *p = choices;
	size_t n = strlen(arg);
	int k = 0;

	while (*p) {
		const char *bar = strchr(p, '|');
		size_t len = bar ? (size_t)(bar - p) : strlen(p);
		if (n > 0 && len == n && strncmp(p, arg, n) == 0)
			return k;
		p += len + (bar != NULL);
		k++;
	}
	{
		char msg[128];
		snprintf(msg, sizeof msg, "expected one of %s", choices);
		dn_option_error(e, opt, msg, arg);
	}
	return -1;
}

int dn_option_choice(const char *arg, const char *choices)
{
	return dn_option_pick("", arg, choices, NULL) >= 0;
}

static dn_date today(void)
{
	time_t now = time(NULL);
	struct tm tm;
	dn_date d = 0;

	if (localtime_r(&now, &tm) != NULL)
		dn_date_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, &d);
	return d;
}

/* The getopt tables of the common options and the tool's (spec): long
 * option i of either table has val 256 + i, common ones first; short
 * letters are getopt's.  -1: too many options; -2: a tool option reuses a
 * common name or letter (getopt would silently give it to the common one). */
static int build_table(const dn_optspec *spec, const dn_optspec **specs, struct option *all,
		       char *shorts, size_t nshorts)
{
	size_t n = 0, i, k, o = 0;
	const dn_optspec *t[2] = {common_opts, spec};

	shorts[o++] = ':';
	for (k = 0; k < 2; k++)
		for (i = 0; t[k] != NULL && t[k][i].name != NULL; i++) {
			const dn_optspec *s = &t[k][i];
			if (n + 1 >= MAX_OPTS || o + 3 >= nshorts)
				return -1;
			for (size_t j = 0; k == 1 && j < n; j++)
				if (strcmp(s->name, specs[j]->name) == 0 ||
				    (s->letter != 0 && s->letter == specs[j]->letter))
					return -2;
			all[n] = (struct option){s->name,
						 s->kind == DN_OPT_FLAG ? no_argument
									: required_argument,
						 NULL, 256 + (int)n};
			specs[n++] = s;
			if (s->letter != 0) {
				shorts[o++] = s->letter;
				if (s->kind != DN_OPT_FLAG)
					shorts[o++] = ':';
			}
		}
	shorts[o] = '\0';
	memset(&all[n], 0, sizeof all[n]);
	specs[n] = NULL;
	return 0;
}

/* The index in specs of what getopt's code stands for (a long option's
 * index, or a letter), or -1. */
static long spec_index(const dn_optspec *const *specs, int code)
{
	long i;

	if (code >= 256)
		return code - 256;
	for (i = 0; specs[i] != NULL; i++)
		if (specs[i]->letter == code)
			return i;
	return -1;
}

/* The option as the user wrote it, for messages. */
static const char *opt_text(char *const argv[], int idx, int shortopt, char *buf, size_t n)
{
	if (shortopt > 0 && shortopt < 256) {
		snprintf(buf, n, "-%c", shortopt);
		return buf;
	}
	snprintf(buf, n, "%s", argv[idx]);
	buf[strcspn(buf, "=")] = '\0';
	return buf;
}

/* ---- "did you mean" ---- */

#define NAME_MAX_LEN 48

/* Edit distance of a and b with adjacent transpositions counting one
 * (optimal string alignment); both at most NAME_MAX_LEN bytes. */
static size_t edit_distance(const char *a, size_t la, const char *b, size_t lb)
{
	size_t d[NAME_MAX_LEN + 1][NAME_MAX_LEN + 1], i, j;

	for (i = 0; i <= la; i++)
		d[i][0] = i;
	for (j = 0; j <= lb; j++)
		d[0][j] = j;
	for (i = 1; i <= la; i++) {
		for (j = 1; j <= lb; j++) {
			size_t cost = a[i - 1] == b[j - 1] ? 0 : 1, v = d[i - 1][j - 1] + cost;
			if (d[i - 1][j] + 1 < v)
				v = d[i - 1][j] + 1;
			if (d[i][j - 1] + 1 < v)
				v = d[i][j - 1] + 1;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
			    d[i - 2][j - 2] + 1 < v)
				v = d[i - 2][j - 2] + 1;
			d[i][j] = v;
		}
	}
	return d[la][lb];
}

/* The message for an unknown long option `typed` (without "--" and
 * "=VALUE"): a prefix of several options is ambiguous (getopt says '?' for
 * both); else the one option closest to it (distance <= 2, <= 1 for names
 * of three letters or less), when only one is that close. */
static void unknown_long(const struct option *all, const char *typed, char *msg, size_t size)
{
	size_t lt = strlen(typed), i, best = (size_t)-1, nbest = 0, nprefix = 0;
	const char *pick = NULL, *prefix[2] = {NULL, NULL};
	size_t limit = lt <= 3 ? 1 : 2;

	for (i = 0; all[i].name != NULL; i++) {
		size_t ln = strlen(all[i].name), dist;
		if (lt > 0 && lt < ln && strncmp(all[i].name, typed, lt) == 0) {
			if (nprefix < 2)
				prefix[nprefix] = all[i].name;
			nprefix++;
		}
		if (lt > NAME_MAX_LEN || ln > NAME_MAX_LEN)
			continue;
		dist = edit_distance(typed, lt, all[i].name, ln);
		if (dist < best) {
			best = dist;
			nbest = 1;
			pick = all[i].name;
		} else if (dist == best) {
			nbest++;
		}
	}
	if (nprefix >= 2)
		snprintf(msg, size, "ambiguous option; did you mean --%s or --%s%s?", prefix[0],
			 prefix[1], nprefix > 2 ? " (or another)" : "");
	else if (pick != NULL && best <= limit && nbest == 1)
		snprintf(msg, size, "unknown option; did you mean --%s?", pick);
	else
		snprintf(msg, size, "unknown option");
}

/* The long option a "--name[=value]" token names, exactly or as a unique
 * prefix (as getopt_long reads it); NULL when none or ambiguous. */
static const struct option *long_named(const struct option *all, const char *tok)
{
	size_t n = strcspn(tok + 2, "="), i;
	const struct option *hit = NULL;

	for (i = 0; all[i].name != NULL; i++) {
		if (strncmp(all[i].name, tok + 2, n) != 0)
			continue;
		if (all[i].name[n] == '\0')
			return &all[i];
		hit = hit == NULL ? &all[i] : (const struct option *)-1;
	}
	return hit == (const struct option *)-1 ? NULL : hit;
}

/* getopt_long returned '?': say which option is wrong and how.  argv[optind
 * - 1] is the token getopt last finished, which is not the faulty one when
 * an unknown letter starts a group ("--as-of=X -Za"): optopt tells. */
static int option_error(const struct option *all, char *const argv[], dn_error *e)
{
	const char *tok = argv[optind - 1], *eq = strchr(tok, '=');
	char buf[64], msg[160], typed[NAME_MAX_LEN + 2];
	int is_long = strncmp(tok, "--", 2) == 0 && tok[2] != '\0';
	const struct option *o = is_long ? long_named(all, tok) : NULL;

	/* "--flag=value" for a flag: getopt sets optopt to the flag's val. */
	if (o != NULL && optopt != 0 && optopt == o->val && o->has_arg == no_argument &&
	    eq != NULL)
		return dn_option_error(e, opt_text(argv, optind - 1, 0, buf, sizeof buf),
				       "takes no argument", eq + 1);
	if (optopt != 0 || !is_long)
		return dn_option_error(e, opt_text(argv, optind - 1, optopt, buf, sizeof buf),
				       "unknown option", NULL);
	snprintf(typed, sizeof typed, "%.*s", (int)strcspn(tok + 2, "="), tok + 2);
	unknown_long(all, typed, msg, sizeof msg);
	return dn_option_error(e, opt_text(argv, optind - 1, 0, buf, sizeof buf), msg, NULL);
}

/* ---- parsing ---- */

int dn_options_parse(int argc, char *const argv[], const dn_optspec *spec, void *opts,
		     dn_common *c, dn_error *e)
{
	struct option all[MAX_OPTS];
	const dn_optspec *specs[MAX_OPTS];
	char shorts[2 * MAX_OPTS + 2], buf[64];
	int code, rc;
	long k;
	const char *env;

	memset(c, 0, sizeof *c);
	rc = build_table(spec, specs, all, shorts, sizeof shorts);
	if (rc != 0)
		return dn_error_set(e, DN_EX_SOFTWARE, "%s",
				    rc == -1 ? "too many options" : "option name or letter used twice"),
		       -1;
	opterr = 0;
	/* 0, not 1: glibc, musl and the BSDs then also forget where an earlier
	 * parse stopped inside a group of short options ("-Zh"). */
	optind = 0;
	while ((code = getopt_long(argc, argv, shorts, all, NULL)) != -1) {
		if (code == '?') {
			option_error(all, argv, e);
			return -1;
		}
		if (code == ':') {
			dn_option_error(e, opt_text(argv, optind - 1, optopt, buf, sizeof buf),
					"missing argument", NULL);
			return -1;
		}
		k = spec_index(specs, code);
		if (k < 0) /* cannot happen: getopt returns only what it was given */
			return dn_error_set(e, DN_EX_SOFTWARE, "unexpected option code %d", code), -1;
		/* The common options come first and set c; the tool's set opts. */
		rc = dn_optspec_apply(specs[k], optarg, (size_t)k < NCOMMON ? (void *)c : opts, e);
		if (rc != 0)
			return -1;
	}
	env = getenv("DUNNING_AS_OF");
	if (c->as_of_text == NULL && env != NULL && env[0] != '\0') {
		c->as_of_text = env;
		c->as_of_source = DN_AS_OF_ENV;
	}
	/* Until dn_common_resolve: the canonical reading, else today. */
	if (c->as_of_text == NULL ||
	    dn_date_parse(c->as_of_text, strlen(c->as_of_text), DN_DATE_ISO, &c->as_of) != 0)
		c->as_of = today();
	return optind;
}

/* Read the as-of text in fmt; the error names where it came from. */
static int resolve_in(dn_common *c, dn_datefmt fmt, dn_error *e)
{
	int env = c->as_of_source == DN_AS_OF_ENV;

	if (c->as_of_text == NULL) {
		c->as_of = today();
		return 0;
	}
	if (date_in(env ? "DUNNING_AS_OF" : "--as-of", c->as_of_text, fmt, &c->as_of, e) == 0)
		return 0;
	if (env && e != NULL)
		snprintf(e->what, sizeof e->what, "environment");
	return DN_EX_USAGE;
}

int dn_common_resolve(dn_common *c, const dn_config *cfg, dn_error *e)
{
	return resolve_in(c, input_datefmt(cfg), e);
}

/* Whether the as-of text is a date in at least one supported form (a usage
 * error otherwise, reported before the config is even looked at). */
static int plausible_as_of(dn_common *c, dn_error *e)
{
	static const dn_datefmt fmts[] = {DN_DATE_DMY_SLASH, DN_DATE_MDY_SLASH, DN_DATE_DMY_DOT,
					  DN_DATE_DMY_DASH};
	dn_date d;
	size_t i;

	if (c->as_of_text == NULL)
		return 0;
	for (i = 0; i < sizeof fmts / sizeof fmts[0]; i++)
		if (dn_date_parse(c->as_of_text, strlen(c->as_of_text), fmts[i], &d) == 0)
			return 0;
	return resolve_in(c, DN_DATE_ISO, e);
}

int dn_options_answer(const dn_common *c, const dn_tool *t, FILE *out, dn_error *e)
{
	char help[8192];

	if (c->help) {
		dn_optspec_help(t->spec, common_opts, t->no_shard ? "shard" : NULL, help, sizeof help);
		fputs(t->usage, out);
		fputs(help, out);
	} else if (c->version) {
		fprintf(out, "%s (dunning) %s\n", t->name, DN_VERSION);
	} else {
		return 0;
	}
	return dn_output_close(out, "<stdout>", e) == 0 ? 1 : DN_EX_IOERR;
}

int dn_options_start(const dn_tool *t, int argc, char *const argv[], void *ctx, dn_common *c,
		     dn_error *e)
{
	int first = dn_options_parse(argc, argv, t->spec, ctx, c, e);

	if (first < 0)
		return -1;
	switch (dn_options_answer(c, t, stdout, e)) {
	case 0:
		break;
	case 1:
		return 0;
	default:
		return -1;
	}
	if (plausible_as_of(c, e) != 0)
		return -1;
	if (t->no_shard && c->shard_count > 0)
		return dn_option_error(e, "--shard", "not an option of this tool", NULL), -1;
	if (t->check != NULL && t->check(ctx, c, argc - first, e) != 0)
		return -1;
	return first;
}

int dn_output_close(FILE *fp, const char *name, dn_error *e)
{
	int failed = fflush(fp) != 0 || ferror(fp);
	int err = errno;

	if (fclose(fp) != 0 && !failed) {
		failed = 1;
		err = errno;
	}
	if (!failed)
		return 0;
	dn_error_set(e, DN_EX_IOERR, "write error: %s", strerror(err ? err : EIO));
	dn_error_where(e, name, 0);
	return DN_EX_IOERR;
}
