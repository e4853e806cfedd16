/* options.c - common options over getopt_long. */
#define _POSIX_C_SOURCE 200809L
#include "options.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

enum { OPT_AS_OF = 1000, OPT_REJECTS, OPT_EXCEL_SAFE };

static const struct option common_opts[] = {
	{"config", required_argument, NULL, 'c'},
	{"as-of", required_argument, NULL, OPT_AS_OF},
	{"help", no_argument, NULL, 'h'},
	{"version", no_argument, NULL, 'V'},
	{"rejects", required_argument, NULL, OPT_REJECTS},
	{"excel-safe", no_argument, NULL, OPT_EXCEL_SAFE},
};

#define NCOMMON (sizeof common_opts / sizeof common_opts[0])
#define MAX_OPTS 64

const char dn_common_usage[] =
	"  -c, --config FILE   configuration file (default: $DUNNING_CONFIG, ./dunning.ini)\n"
	"      --as-of DATE    date of the report (default: $DUNNING_AS_OF, else today)\n"
	"      --rejects FILE  write bad rows to FILE with an error column and go on\n"
	"      --excel-safe    prefix with ' output fields a spreadsheet would run\n"
	"  -h, --help          print this help and exit\n"
	"  -V, --version       print the version and exit\n";

int dn_option_error(dn_error *e, const char *opt, const char *msg, const char *value)
{
	dn_error_set(e, DN_EX_USAGE, "%s", msg);
	dn_error_subject(e, "option", opt);
	if (value != NULL)
		dn_error_value(e, value, strlen(value));
	return DN_EX_USAGE;
}

int dn_option_date(const char *opt, const char *arg, dn_date *out, dn_error *e)
{
	int rc = dn_date_parse(arg, strlen(arg), DN_DATE_ISO, out);

	return rc == 0 ? 0 : dn_option_error(e, opt, dn_date_strerror(rc), arg);
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

/* -1: too many options; -2: a tool option reuses a common name or code
 * (getopt would silently give it to the common option). */
static int build_table(const struct option *tool_opts, struct option *all)
{
	size_t n = 0, i, k;

	for (i = 0; i < NCOMMON; i++)
		all[n++] = common_opts[i];
	for (i = 0; tool_opts != NULL && tool_opts[i].name != NULL; i++) {
		if (n + 1 >= MAX_OPTS)
			return -1;
		for (k = 0; k < NCOMMON; k++)
			if (tool_opts[i].val == common_opts[k].val ||
			    strcmp(tool_opts[i].name, common_opts[k].name) == 0)
				return -2;
		all[n++] = tool_opts[i];
	}
	memset(&all[n], 0, sizeof all[n]);
	return 0;
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

static int handle_common(int code, const char *arg, dn_common *c, int *as_of_set,
			 dn_error *e)
{
	switch (code) {
	case 'c':
		if (arg[0] == '\0')
			return dn_option_error(e, "--config", "empty file name", NULL);
		c->config = arg;
		return 0;
	case OPT_AS_OF:
		*as_of_set = 1;
		return dn_option_date("--as-of", arg, &c->as_of, e);
	case 'h':
		c->help = 1;
		return 0;
	case 'V':
		c->version = 1;
		return 0;
	case OPT_REJECTS:
		c->rejects = arg;
		return 0;
	case OPT_EXCEL_SAFE:
		c->excel_safe = 1;
		return 0;
	default:
		return -1; /* not a common option */
	}
}

int dn_options_parse(int argc, char *const argv[], const struct option *tool_opts,
		     const char *tool_short, dn_opt_handler handler, void *ctx, dn_common *c,
		     dn_error *e)
{
	struct option all[MAX_OPTS];
	char shorts[64], buf[64];
	int code, as_of_set = 0, rc;
	const char *env;

	memset(c, 0, sizeof *c);
	rc = build_table(tool_opts, all);
	if (rc != 0)
		return dn_error_set(e, DN_EX_SOFTWARE, "%s",
				    rc == -1 ? "too many options" : "option name or code used twice"),
		       -1;
	snprintf(shorts, sizeof shorts, ":c:hV%s", tool_short ? tool_short : "");
	opterr = 0;
	/* 0, not 1: glibc, musl and the BSDs then also forget where an earlier
	 * parse stopped inside a group of short options ("-Zh"). */
	optind = 0;
	while ((code = getopt_long(argc, argv, shorts, all, NULL)) != -1) {
		if (code == '?') {
			const char *tok = argv[optind - 1], *eq = strchr(tok, '=');
			/* getopt reports "--flag=value" for a flag as '?' too. */
			if (optopt != 0 && strncmp(tok, "--", 2) == 0 && eq != NULL)
				dn_option_error(e, opt_text(argv, optind - 1, 0, buf, sizeof buf),
					    "takes no argument", eq + 1);
			else
				dn_option_error(e, opt_text(argv, optind - 1, optopt, buf, sizeof buf),
					    "unknown option", NULL);
			return -1;
		}
		if (code == ':') {
			dn_option_error(e, opt_text(argv, optind - 1, optopt, buf, sizeof buf),
				    "missing argument", NULL);
			return -1;
		}
		rc = handle_common(code, optarg, c, &as_of_set, e);
		if (rc < 0)
			rc = handler ? handler(code, optarg, ctx, e)
				     : dn_option_error(e, argv[optind - 1], "unknown option", NULL);
		if (rc != 0)
			return -1;
	}
	if (!as_of_set) {
		env = getenv("DUNNING_AS_OF");
		if (env != NULL && env[0] != '\0') {
			if (dn_option_date("DUNNING_AS_OF", env, &c->as_of, e) != 0) {
				snprintf(e->what, sizeof e->what, "environment");
				return -1;
			}
		} else {
			c->as_of = today();
		}
	}
	return optind;
}

int dn_options_answer(const dn_common *c, const char *tool, const char *usage, FILE *out,
		      dn_error *e)
{
	if (c->help) {
		fputs(usage, out);
		fputs(dn_common_usage, out);
	} else if (c->version) {
		fprintf(out, "%s (dunning) %s\n", tool, DN_VERSION);
	} else {
		return 0;
	}
	return dn_output_close(out, "<stdout>", e) == 0 ? 1 : DN_EX_IOERR;
}

int dn_options_start(const dn_tool *t, int argc, char *const argv[], void *ctx, dn_common *c,
		     dn_error *e)
{
	int first = dn_options_parse(argc, argv, t->opts, t->shorts, t->handler, ctx, c, e);

	if (first < 0)
		return -1;
	switch (dn_options_answer(c, t->name, t->usage, stdout, e)) {
	case 0:
		return first;
	case 1:
		return 0;
	default:
		return -1;
	}
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
