/* test_config.c - loading dunning.ini: the lookup order, every kind of
 * refusal (file, line, key and value named), and the getters. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "config.h"
#include "scratch.h"
#include "unit.h"

static char origdir[4096];

/* The keys a [level N] needs besides after_days. */
#define LEVEL "channel = email\ntemplate = level.txt\n"

/* Load text as a config file named name; NULL with e filled when refused. */
static dn_config *load_text(const char *name, const char *text, dn_error *e, const char **path)
{
	const char *p = scratch_put_str(name, text);

	if (path != NULL)
		*path = p;
	dn_error_clear(e);
	return dn_config_load(p, e);
}

/* A config that must load; NULL (and a FAIL line) when refused. */
static dn_config *good(const char *text)
{
	dn_error e;
	char buf[1024];
	dn_config *c = load_text("good.ini", text, &e, NULL);

	if (c == NULL)
		printf("  refused: %s\n", dn_error_format(&e, buf, sizeof buf));
	return c;
}

/* A config that must be refused with status 78 at line `line`, naming
 * `name` ("[section] key" or a section), showing `value` (NULL: no value),
 * with a message starting with msg. */
static int refused(const char *text, long line, const char *name, const char *value,
		   const char *msg)
{
	dn_error e;
	const char *path;
	dn_config *c = load_text("bad.ini", text, &e, &path);
	int ok = 1;

	if (c != NULL) {
		printf("  accepted: %s\n", text);
		dn_config_free(c);
		return 0;
	}
	if (e.status != DN_EX_CONFIG) {
		printf("  status %d\n", e.status);
		ok = 0;
	}
	if (strcmp(e.file, path) != 0) {
		printf("  file '%s'\n", e.file);
		ok = 0;
	}
	if (e.line != line) {
		printf("  line %ld, want %ld\n", e.line, line);
		ok = 0;
	}
	if (strcmp(e.name, name) != 0) {
		printf("  name '%s', want '%s'\n", e.name, name);
		ok = 0;
	}
	if (value == NULL ? e.has_value : !e.has_value || strcmp(e.value, value) != 0) {
		printf("  value '%s' (%d), want '%s'\n", e.value, e.has_value,
		       value ? value : "(none)");
		ok = 0;
	}
	if (strncmp(e.message, msg, strlen(msg)) != 0) {
		printf("  message '%s', want '%s...'\n", e.message, msg);
		ok = 0;
	}
	return ok;
}

static void test_defaults(void)
{
	dn_config *c;
	dn_error e;
	const int *b;
	size_t n = 0;
	int64_t units = 0;
	const dn_input_format *in;

	/* No option, $DUNNING_CONFIG empty, no ./dunning.ini: built-in defaults. */
	CHECK(chdir(scratch_dir()) == 0);
	setenv("DUNNING_CONFIG", "", 1);
	dn_error_clear(&e);
	c = dn_config_load(NULL, &e);
	CHECK(c != NULL);
	if (c == NULL)
		return;
	CHECK(dn_config_file(c) == NULL);
	CHECK_STR(dn_config_currency(c), "EUR");
	b = dn_config_buckets(c, &n);
	CHECK(n == 4 && b[0] == 30 && b[1] == 60 && b[2] == 90 && b[3] == 120);
	in = dn_config_input(c);
	CHECK(in->delimiter == ',' && in->number.decimal == '.' && in->number.thousands == 0);
	CHECK(in->date == DN_DATE_ISO);
	CHECK(dn_config_levels(c) == 0);
	CHECK(dn_config_get(c, "general", "currency") == NULL);
	CHECK(dn_config_uint(c, "plan", "max_installments", 12) == 12);
	CHECK(dn_config_bool(c, "level 1", "interest", 0) == 0);
	CHECK(dn_config_decimal(c, "interest", "annual_rate", (dn_decimal){5, 1}).num == 5);
	CHECK(dn_config_money(c, "level 1", "min_overdue", "EUR", 2, "50", &units, &e) == 0 &&
	      units == 5000);
	CHECK(dn_config_money(c, "level 1", "min_overdue", "JPY", 0, "50", &units, &e) == 0 &&
	      units == 50);
	CHECK(dn_config_path(c, "classify", "rules") == NULL);
	CHECK_STR(dn_config_column(c, "due_date"), "due_date");
	CHECK(dn_currencies_decimals(dn_config_currencies(c), "EUR", 3) == 2);
	dn_config_free(c);
	/* An empty --config means "not given" too. */
	c = dn_config_load("", &e);
	CHECK(c != NULL && dn_config_file(c) == NULL);
	dn_config_free(c);

	/* ./dunning.ini is used when it exists. */
	scratch_put_str("dunning.ini", "[general]\ncurrency = usd\n");
	c = dn_config_load(NULL, &e);
	CHECK(c != NULL);
	if (c != NULL) {
		CHECK_STR(dn_config_file(c), "dunning.ini");
		CHECK_STR(dn_config_currency(c), "USD"); /* upper-cased */
		CHECK_STR(dn_config_get(c, "general", "currency"), "usd");
		dn_config_free(c);
	}
	unlink(scratch_path("dunning.ini"));

	/* $DUNNING_CONFIG, then --config over it. */
	{
		const char *envfile = scratch_put_str("env.ini", "[general]\ncurrency = GBP\n");
		const char *optfile = scratch_put_str("opt.ini", "[general]\ncurrency = CHF\n");
		setenv("DUNNING_CONFIG", envfile, 1);
		c = dn_config_load(NULL, &e);
		CHECK(c != NULL && strcmp(dn_config_file(c), envfile) == 0);
		CHECK(c != NULL && strcmp(dn_config_currency(c), "GBP") == 0);
		dn_config_free(c);
		c = dn_config_load(optfile, &e);
		CHECK(c != NULL && strcmp(dn_config_currency(c), "CHF") == 0);
		dn_config_free(c);
		/* A $DUNNING_CONFIG that does not exist is an error, not a fallback. */
		setenv("DUNNING_CONFIG", "/nonexistent/dunning.ini", 1);
		dn_error_clear(&e);
		CHECK(dn_config_load(NULL, &e) == NULL);
		CHECK(e.status == DN_EX_CONFIG);
		CHECK_STR(e.file, "/nonexistent/dunning.ini");
		CHECK(strncmp(e.message, "cannot open configuration", 25) == 0);
		setenv("DUNNING_CONFIG", "", 1);
	}
	/* A --config file that does not exist. */
	dn_error_clear(&e);
	CHECK(dn_config_load("/nonexistent/x.ini", &e) == NULL);
	CHECK(e.status == DN_EX_CONFIG);
	CHECK_STR(e.file, "/nonexistent/x.ini");
	CHECK(chdir(origdir) == 0);
}

static void test_structure_errors(void)
{
	CHECK(refused("[general]\ncurrency = EUR\n[bogus]\nx = 1\n", 3, "bogus", NULL,
		      "unknown section"));
	CHECK(refused("[general]\nfoo = 1\n", 2, "[general] foo", NULL, "unknown key"));
	CHECK(refused("[aging]\ncurrency = EUR\n", 2, "[aging] currency", NULL, "unknown key"));
	CHECK(refused("[general]\ncurrency = EUR\n\ncurrency = USD\n", 4, "[general] currency",
		      NULL, "key given twice (first on line 2)"));
	CHECK(refused("[general]\ncurrency = EUR\nCURRENCY = USD\n", 3, "[general] currency",
		      NULL, "key given twice (first on line 2)"));
	CHECK(refused("[general]\n[aging]\n[General]\n", 3, "general", NULL,
		      "section given twice"));
	CHECK(refused("currency = EUR\n[general]\n", 1, "", "currency",
		      "key outside any [section]"));
	CHECK(refused("[general]\njust words\n", 2, "", "just words",
		      "not a 'key = value' line"));
	CHECK(refused("[general\ncurrency = EUR\n", 1, "", "[general",
		      "not a [section] line"));
	CHECK(refused("[general]\n= EUR\n", 2, "general", NULL, "empty key name"));
	/* Unquoted ';' or '#' would be cut by iniparser. */
	CHECK(refused("[general]\nsender = Acme; Inc\n", 2, "[general] sender", "Acme; Inc",
		      "unquoted value holds ';' or '#'"));
	CHECK(refused("[general]\ncontact = call #5\n", 2, "[general] contact", "call #5",
		      "unquoted value holds ';' or '#'"));
	CHECK(refused("[general]\ncurrency = EUR ; the default\n", 2, "[general] currency",
		      "EUR ; the default", "unquoted value holds"));
	/* The formatted message names everything. */
	{
		dn_error e;
		const char *path;
		char want[512], buf[1024];
		dn_config *c = load_text("fmt.ini", "[plan]\nmax_installments = 1e3\n", &e, &path);
		CHECK(c == NULL);
		snprintf(want, sizeof want,
			 "%s:2: key [plan] max_installments: not a whole number: '1e3'", path);
		CHECK_STR(dn_error_format(&e, buf, sizeof buf), want);
		dn_config_free(c);
	}
}

static void test_comments_and_quotes(void)
{
	dn_config *c = good("; a comment\n# another\n\n[general]\r\n"
			    "sender = \"Acme; Inc. #1\"\r\n"
			    "contact = 'Call 01 23; ask for #2'\n"
			    "[ledger]\nref_pattern = \"INV;[0-9]+#x\"\n");

	CHECK(c != NULL);
	if (c == NULL)
		return;
	CHECK_STR(dn_config_get(c, "general", "sender"), "Acme; Inc. #1");
	CHECK_STR(dn_config_get(c, "general", "contact"), "Call 01 23; ask for #2");
	CHECK_STR(dn_config_get(c, "ledger", "ref_pattern"), "INV;[0-9]+#x");
	CHECK(dn_config_get(c, "ledger", "apply") == NULL);
	CHECK(dn_config_get(c, "nosuch", "key") == NULL);
	dn_config_free(c);
}

/* A file whose line 2 is `sender = xxx...` of total bytes `bytes`
 * (newline included when nl). */
static const char *long_line(size_t bytes, int nl)
{
	static char text[4096];
	size_t pre = strlen("[general]\nsender = "), body = bytes - strlen("sender = ") - (nl ? 1 : 0);

	snprintf(text, sizeof text, "[general]\nsender = ");
	memset(text + pre, 'x', body);
	text[pre + body] = '\0';
	if (nl)
		strcat(text, "\n[aging]\nbuckets = 10\n");
	return text;
}

static void test_long_lines(void)
{
	dn_config *c;

	/* iniparser 4.1 reads a line with fgets into 1024 bytes: a line of
	 * 1023 bytes with its line feed is the longest it takes. */
	c = good(long_line(1023, 1));
	CHECK(c != NULL);
	if (c != NULL) {
		CHECK(strlen(dn_config_get(c, "general", "sender")) == 1023 - 10);
		CHECK_STR(dn_config_get(c, "aging", "buckets"), "10");
		dn_config_free(c);
	}
	c = good(long_line(1022, 0)); /* the last line, without a line feed */
	CHECK(c != NULL);
	dn_config_free(c);
	CHECK(refused(long_line(1024, 1), 2, "", NULL, "line longer than"));
	CHECK(refused(long_line(1100, 1), 2, "", NULL, "line longer than"));
	CHECK(refused(long_line(3000, 1), 2, "", NULL, "line longer than"));
	CHECK(refused(long_line(1023, 0), 2, "", NULL, "line longer than"));
}

static void test_uint_bool(void)
{
	dn_config *c = good("[plan]\nmax_installments = 08\nfirst_after_days = 0\n"
			    "[level 1]\ninterest = on\nafter_days = 1\n" LEVEL
			    "[level 2]\ninterest = OFF\nafter_days = 2\n" LEVEL
			    "[level 3]\ninterest = Yes\nafter_days = 3\n" LEVEL
			    "[level 4]\ninterest = false\nafter_days = 4\n" LEVEL
			    "[level 5]\ninterest = 1\nafter_days = 5\n" LEVEL
			    "[level 6]\ninterest = 0\nafter_days = 6\n" LEVEL);

	CHECK(c != NULL);
	if (c != NULL) {
		CHECK(dn_config_uint(c, "plan", "max_installments", 12) == 8); /* not octal */
		CHECK(dn_config_uint(c, "plan", "first_after_days", 30) == 0);
		CHECK(dn_config_uint(c, "plan", "min_installment", 7) == 7);
		CHECK(dn_config_bool(c, "level 1", "interest", 0) == 1);
		CHECK(dn_config_bool(c, "level 2", "interest", 1) == 0);
		CHECK(dn_config_bool(c, "level 3", "interest", 0) == 1);
		CHECK(dn_config_bool(c, "level 4", "interest", 1) == 0);
		CHECK(dn_config_bool(c, "level 5", "interest", 0) == 1);
		CHECK(dn_config_bool(c, "level 6", "interest", 1) == 0);
		CHECK(dn_config_bool(c, "level 7", "interest", 1) == 1);
		CHECK(dn_config_levels(c) == 6);
		dn_config_free(c);
	}
	CHECK(refused("[plan]\nmax_installments = -1\n", 2, "[plan] max_installments", "-1",
		      "not a whole number"));
	CHECK(refused("[plan]\nmax_installments = 1e3\n", 2, "[plan] max_installments", "1e3",
		      "not a whole number"));
	CHECK(refused("[plan]\nmax_installments = 0x10\n", 2, "[plan] max_installments", "0x10",
		      "not a whole number"));
	CHECK(refused("[plan]\nmax_installments = 12.0\n", 2, "[plan] max_installments", "12.0",
		      "not a whole number"));
	CHECK(refused("[plan]\nmax_installments =\n", 2, "[plan] max_installments", "",
		      "not a whole number"));
	CHECK(refused("[plan]\nmax_installments = 99999999999999999999\n", 2,
		      "[plan] max_installments", "99999999999999999999", "not a whole number"));
	CHECK(refused("[level 1]\ninterest = maybe\n", 2, "[level 1] interest", "maybe",
		      "not a boolean"));
	CHECK(refused("[level 1]\ninterest = 2\n", 2, "[level 1] interest", "2", "not a boolean"));
}

static void test_columns(void)
{
	dn_config *c = good("[columns]\ndue_date = DateEcheance\ncustomer = Client\n");

	CHECK(c != NULL);
	if (c != NULL) {
		CHECK_STR(dn_config_column(c, "due_date"), "DateEcheance");
		CHECK_STR(dn_config_column(c, "customer"), "Client");
		CHECK_STR(dn_config_column(c, "amount"), "amount");
		dn_config_free(c);
	}
	CHECK(refused("[columns]\nduedate = X\n", 2, "[columns] duedate", NULL,
		      "not a canonical column name"));
	CHECK(refused("[columns]\ndue_date =\n", 2, "[columns] due_date", "",
		      "empty column name"));
}

static void test_currencies(void)
{
	dn_config *c;
	dn_error e;
	int64_t u = 0;

	c = good("[currencies]\nxbt = 8\n[general]\ncurrency = xbt\n"
		 "[plan]\nmin_installment_xbt = 0.00000001\n");
	CHECK(c != NULL);
	if (c != NULL) {
		CHECK_STR(dn_config_currency(c), "XBT");
		CHECK(dn_currencies_decimals(dn_config_currencies(c), "XBT", 3) == 8);
		CHECK(dn_config_money(c, "plan", "min_installment", "XBT", 8, "0", &u, &e) == 0 &&
		      u == 1);
		/* Other currencies use the default. */
		CHECK(dn_config_money(c, "plan", "min_installment", "EUR", 2, "20", &u, &e) == 0 &&
		      u == 2000);
		dn_config_free(c);
	}
	/* [currencies] may override an ISO code. */
	c = good("[currencies]\nJPY = 2\n");
	CHECK(c != NULL);
	if (c != NULL) {
		CHECK(dn_currencies_decimals(dn_config_currencies(c), "JPY", 3) == 2);
		dn_config_free(c);
	}
	CHECK(refused("[currencies]\nxbt = 8\n[plan]\nmin_installment_xbt = 0.000000001\n", 4,
		      "[plan] min_installment_xbt", "0.000000001",
		      "more decimals than the currency has"));
	CHECK(refused("[plan]\nmin_installment_xbt = 1\n", 2, "[plan] min_installment_xbt", NULL,
		      "unknown currency in the key's suffix"));
	CHECK(refused("[currencies]\nxbt = 10\n", 2, "[currencies] xbt", "10",
		      "not a number of decimals"));
	CHECK(refused("[currencies]\nxbt = -1\n", 2, "[currencies] xbt", "-1",
		      "not a number of decimals"));
	CHECK(refused("[currencies]\nbitcoin = 8\n", 2, "[currencies] bitcoin", NULL,
		      "not a 3-letter currency code"));
	CHECK(refused("[general]\ncurrency = ZZZ\n", 2, "[general] currency", "ZZZ",
		      "unknown currency code"));
	CHECK(refused("[indemnity]\ncurrency = euro\n", 2, "[indemnity] currency", "euro",
		      "unknown currency code"));
}

static void test_money_keys(void)
{
	dn_config *c;
	dn_error e;
	int64_t u = 0;

	c = good("[level 1]\nafter_days = 1\n" LEVEL "min_overdue = 50\nmin_overdue_jpy = 5000\n"
		 "fee = 0.5\nfee_JPY = 60\n[indemnity]\namount = 40.00\n");
	CHECK(c != NULL);
	if (c == NULL)
		return;
	/* The suffix key, in that currency... */
	CHECK(dn_config_money(c, "level 1", "min_overdue", "JPY", 0, "0", &u, &e) == 0 &&
	      u == 5000);
	/* ... else the plain key, in major units of each currency. */
	CHECK(dn_config_money(c, "level 1", "min_overdue", "EUR", 2, "0", &u, &e) == 0 &&
	      u == 5000);
	CHECK(dn_config_money(c, "level 1", "min_overdue", "BHD", 3, "0", &u, &e) == 0 &&
	      u == 50000);
	CHECK(dn_config_money(c, "level 1", "fee", "JPY", 0, "0", &u, &e) == 0 && u == 60);
	CHECK(dn_config_money(c, "level 1", "fee", "USD", 2, "0", &u, &e) == 0 && u == 50);
	CHECK(dn_config_money(c, "indemnity", "amount", "EUR", 2, "0", &u, &e) == 0 &&
	      u == 4000);
	/* Absent: the default, in major units. */
	CHECK(dn_config_money(c, "level 2", "min_overdue", "EUR", 2, "12.5", &u, &e) == 0 &&
	      u == 1250);
	/* The plain 0.5 cannot be said in JPY: an error naming the key. */
	dn_error_clear(&e);
	CHECK(dn_config_money(c, "level 1", "fee", "JPY", 0, "0", &u, &e) == 0); /* fee_jpy */
	CHECK(dn_config_money(c, "level 2", "fee", "JPY", 0, "0.5", &u, &e) == DN_EX_CONFIG);
	CHECK(e.status == DN_EX_CONFIG);
	CHECK_STR(e.name, "[level 2] fee");
	CHECK_STR(e.value, "0.5");
	dn_config_free(c);

	c = good("[level 1]\nmin_overdue = 0.5\nafter_days = 0\n" LEVEL);
	CHECK(c != NULL);
	if (c != NULL) {
		dn_error_clear(&e);
		CHECK(dn_config_money(c, "level 1", "min_overdue", "JPY", 0, "0", &u, &e) ==
		      DN_EX_CONFIG);
		CHECK_STR(e.name, "[level 1] min_overdue");
		CHECK_STR(e.value, "0.5");
		CHECK(dn_config_money(c, "level 1", "min_overdue", "EUR", 2, "0", &u, &e) == 0 &&
		      u == 50);
		dn_config_free(c);
	}
	CHECK(refused("[level 1]\nmin_overdue_jpy = 50.5\n", 2, "[level 1] min_overdue_jpy",
		      "50.5", "more decimals than the currency has"));
	CHECK(refused("[level 1]\nmin_overdue_zzz = 5\n", 2, "[level 1] min_overdue_zzz", NULL,
		      "unknown currency in the key's suffix"));
	CHECK(refused("[level 1]\nmin_overdue = -5\n", 2, "[level 1] min_overdue", "-5",
		      "not a non-negative amount"));
	CHECK(refused("[level 1]\nmin_overdue = 5,00\n", 2, "[level 1] min_overdue", "5,00",
		      "not a non-negative amount"));
	/* A suffix on a key that holds no money is just an unknown key. */
	CHECK(refused("[level 1]\nafter_days_eur = 5\n", 2, "[level 1] after_days_eur", NULL,
		      "unknown key"));
}

static void test_aging_and_input(void)
{
	dn_config *c;
	const int *b;
	size_t n = 0;
	const dn_input_format *in;

	c = good("[aging]\nbuckets = 30,60,90,120\n");
	CHECK(c != NULL);
	if (c != NULL) {
		b = dn_config_buckets(c, &n);
		CHECK(n == 4 && b[0] == 30 && b[3] == 120);
		dn_config_free(c);
	}
	c = good("[aging]\nbuckets = 15, 45 ,365\n");
	CHECK(c != NULL);
	if (c != NULL) {
		b = dn_config_buckets(c, &n);
		CHECK(n == 3 && b[0] == 15 && b[1] == 45 && b[2] == 365);
		dn_config_free(c);
	}
	CHECK(refused("[aging]\nbuckets = 30,20\n", 2, "[aging] buckets", "30,20",
		      "not a list of increasing whole numbers"));
	CHECK(refused("[aging]\nbuckets = 30,,60\n", 2, "[aging] buckets", "30,,60",
		      "not a list of increasing whole numbers"));
	CHECK(refused("[aging]\nbuckets = 30,30\n", 2, "[aging] buckets", "30,30", "not a list"));
	CHECK(refused("[aging]\nbuckets = 0,30\n", 2, "[aging] buckets", "0,30", "not a list"));
	CHECK(refused("[aging]\nbuckets = 30,\n", 2, "[aging] buckets", "30,", "not a list"));
	CHECK(refused("[aging]\nbuckets = 30 60\n", 2, "[aging] buckets", "30 60", "not a list"));
	CHECK(refused("[aging]\nbuckets =\n", 2, "[aging] buckets", "", "not a list"));

	c = good("[input]\ndelimiter = semicolon\ndecimal_separator = comma\n"
		 "thousands_separator = space\ndate_format = %d/%m/%Y\n");
	CHECK(c != NULL);
	if (c != NULL) {
		in = dn_config_input(c);
		CHECK(in->delimiter == ';');
		CHECK(in->number.decimal == ',' && in->number.thousands == ' ');
		CHECK(in->date == DN_DATE_DMY_SLASH);
		dn_config_free(c);
	}
	c = good("[input]\ndelimiter = tab\ndecimal_separator = comma\n"
		 "thousands_separator = dot\ndate_format = %d.%m.%Y\n");
	CHECK(c != NULL);
	if (c != NULL) {
		in = dn_config_input(c);
		CHECK(in->delimiter == '\t');
		CHECK(in->number.decimal == ',' && in->number.thousands == '.');
		CHECK(in->date == DN_DATE_DMY_DOT);
		dn_config_free(c);
	}
	c = good("[input]\ndelimiter = pipe\nthousands_separator = comma\n"
		 "date_format = %m/%d/%Y\n");
	CHECK(c != NULL);
	if (c != NULL) {
		in = dn_config_input(c);
		CHECK(in->delimiter == '|');
		CHECK(in->number.decimal == '.' && in->number.thousands == ',');
		CHECK(in->date == DN_DATE_MDY_SLASH);
		dn_config_free(c);
	}
	c = good("[input]\ndelimiter = comma\nthousands_separator = none\n"
		 "date_format = %Y-%m-%d\n");
	CHECK(c != NULL);
	if (c != NULL) {
		in = dn_config_input(c);
		CHECK(in->delimiter == ',' && in->number.thousands == 0 && in->date == DN_DATE_ISO);
		dn_config_free(c);
	}
	CHECK(refused("[input]\ndelimiter = colon\n", 2, "[input] delimiter", "colon",
		      "not a delimiter (comma, semicolon, tab, pipe, or the character"));
	CHECK(refused("[input]\ndecimal_separator = Comma\n", 2, "[input] decimal_separator",
		      "Comma", "not one of the allowed values"));
	/* Thousands and decimal separators must differ: the line is the key's. */
	CHECK(refused("[input]\n\nthousands_separator = dot\n", 3, "[input] thousands_separator",
		      "dot", "same as the decimal separator"));
	CHECK(refused("[input]\ndecimal_separator = comma\nthousands_separator = comma\n", 3,
		      "[input] thousands_separator", "comma", "same as the decimal separator"));
	CHECK(refused("[input]\ndate_format = %Y/%m/%d\n", 2, "[input] date_format", "%Y/%m/%d",
		      "unsupported date format"));
}

static void test_other_values(void)
{
	dn_config *c;
	dn_decimal d;

	c = good("[interest]\nannual_rate = 14.76\n"
		 "[ledger]\nterms = 45eom\neom_rule = days_then_end\n"
		 "receivable_prefixes = 411, 413,416\n");
	CHECK(c != NULL);
	if (c != NULL) {
		d = dn_config_decimal(c, "interest", "annual_rate", (dn_decimal){0, 0});
		CHECK(d.num == 1476 && d.scale == 2);
		d = dn_config_decimal(c, "score", "weight_days", (dn_decimal){30, 0});
		CHECK(d.num == 30 && d.scale == 0);
		CHECK_STR(dn_config_get(c, "ledger", "terms"), "45eom");
		dn_config_free(c);
	}
	CHECK(refused("[interest]\nannual_rate = -1\n", 2, "[interest] annual_rate", "-1",
		      "not a non-negative decimal"));
	CHECK(refused("[interest]\nannual_rate = 12%\n", 2, "[interest] annual_rate", "12%",
		      "not a non-negative decimal"));
	CHECK(refused("[interest]\nrates = 2025-07-01:12.15,2025-01-01:13.15\n", 2,
		      "[interest] rates", "2025-07-01:12.15,2025-01-01:13.15", "not a list"));
	CHECK(refused("[interest]\nrates = 2025-02-30:1\n", 2, "[interest] rates",
		      "2025-02-30:1", "not a list"));
	CHECK(refused("[ledger]\nterms = eom\n", 2, "[ledger] terms", "eom", "not payment terms"));
	CHECK(refused("[ledger]\nterms = 45days\n", 2, "[ledger] terms", "45days",
		      "not payment terms"));
	CHECK(refused("[ledger]\neom_rule = end\n", 2, "[ledger] eom_rule", "end",
		      "not one of the allowed values"));
	CHECK(refused("[ledger]\nreceivable_prefixes = 411,,413\n", 2,
		      "[ledger] receivable_prefixes", "411,,413", "not a list of account"));
	CHECK(refused("[level 1]\nchannel = fax\n", 2, "[level 1] channel", "fax",
		      "not one of the allowed values"));
	CHECK(refused("[level 1]\ntemplate =\n", 2, "[level 1] template", "", "empty file name"));
}

static void test_paths(void)
{
	char want[256], *p;
	const char *sub = scratch_subdir("sub");
	const char *path;
	dn_config *c;
	dn_error e;

	CHECK(mkdir(sub, 0700) == 0);
	c = load_text("sub/d.ini",
		      "[classify]\nrules = rules/c.rules\n[tone]\nforbidden = /etc/tone.rules\n"
		      "[level 1]\ntemplate = t1.txt\nafter_days = 1\nchannel = sms\n",
		      &e, &path);
	CHECK(c != NULL);
	if (c != NULL) {
		p = dn_config_path(c, "classify", "rules");
		snprintf(want, sizeof want, "%s/rules/c.rules", sub);
		CHECK(p != NULL && strcmp(p, want) == 0);
		free(p);
		p = dn_config_path(c, "tone", "forbidden");
		CHECK(p != NULL && strcmp(p, "/etc/tone.rules") == 0);
		free(p);
		p = dn_config_path(c, "level 1", "template");
		snprintf(want, sizeof want, "%s/t1.txt", sub);
		CHECK(p != NULL && strcmp(p, want) == 0);
		free(p);
		CHECK(dn_config_path(c, "level 1", "template_fr") == NULL);
		dn_config_free(c);
	}
	/* A config named without a folder: paths are relative to "." */
	CHECK(chdir(scratch_dir()) == 0);
	scratch_put_str("dunning.ini", "[classify]\nrules = c.rules\n");
	c = dn_config_load("dunning.ini", &e);
	CHECK(c != NULL);
	if (c != NULL) {
		p = dn_config_path(c, "classify", "rules");
		CHECK(p != NULL && strcmp(p, "./c.rules") == 0);
		free(p);
		dn_config_free(c);
	}
	CHECK(chdir(origdir) == 0);
}

static void test_levels(void)
{
	dn_config *c;

	c = good("[level 1]\nafter_days = 1\n" LEVEL "[Level 2]\nafter_days = 30\n" LEVEL);
	CHECK(c != NULL && dn_config_levels(c) == 2);
	if (c != NULL)
		CHECK(dn_config_uint(c, "level 2", "after_days", 0) == 30);
	dn_config_free(c);
	/* One template per language instead of one; equal after_days. */
	c = good("[level 1]\nafter_days = 10\nchannel = letter\ntemplate_fr = a.txt\n"
		 "template_en = b.txt\n[level 2]\nafter_days = 10\n" LEVEL);
	CHECK(c != NULL && dn_config_levels(c) == 2);
	dn_config_free(c);
	CHECK(refused("[level 0]\nafter_days = 1\n", 1, "level 0", NULL, "unknown section"));
	CHECK(refused("[levelx]\nafter_days = 1\n", 1, "levelx", NULL, "unknown section"));
	CHECK(refused("[level 01]\nafter_days = 1\n", 1, "level 01", NULL, "unknown section"));
	CHECK(refused("[level]\nafter_days = 1\n", 1, "level", NULL, "unknown section"));
	CHECK(refused("[level -1]\n", 1, "level -1", NULL, "unknown section"));
	CHECK(refused("[level 1]\nfoo = 1\n", 2, "[level 1] foo", NULL, "unknown key"));
}

/* Every rule that ties keys together, at load, with the line to edit. */
static void test_level_rules(void)
{
	const char *need = "missing (every level needs after_days, channel and template, or "
			   "template_fr and template_en)";

	/* Levels are numbered 1..N without gaps: the section after the gap. */
	CHECK(refused("[level 2]\nafter_days = 15\n" LEVEL, 1, "level 2", NULL,
		      "there is no [level 1] (levels are numbered 1, 2, 3 ... without gaps)"));
	CHECK(refused("[level 1]\nafter_days = 1\n" LEVEL "\n[level 3]\nafter_days = 30\n" LEVEL
		      "[level 12]\nname = last\n",
		      6, "level 3", NULL, "there is no [level 2]"));
	/* Completeness, at the section's line. */
	CHECK(refused("[general]\ncurrency = EUR\n[level 1]\nchannel = email\ntemplate = a\n", 3,
		      "[level 1] after_days", NULL, need));
	CHECK(refused("[level 1]\nafter_days = 3\ntemplate = a\n", 1, "[level 1] channel", NULL,
		      need));
	CHECK(refused("[level 1]\nafter_days = 3\nchannel = sms\n", 1, "[level 1] template", NULL,
		      need));
	CHECK(refused("[level 1]\nafter_days = 3\nchannel = sms\ntemplate_fr = a\n", 1,
		      "[level 1] template_en", NULL,
		      "missing (a level with one language's template needs the other's too"));
	CHECK(refused("[level 1]\nafter_days = 3\nchannel = sms\ntemplate_en = a\n", 1,
		      "[level 1] template_fr", NULL, "missing (a level with one language's"));
	CHECK(refused("[level 1]\nafter_days = 3\n" LEVEL "[level 2]\nname = x\n" LEVEL, 5,
		      "[level 2] after_days", NULL, need));
	/* after_days never below the previous level's. */
	CHECK(refused("[level 1]\nafter_days = 30\n" LEVEL "[level 2]\n" LEVEL "after_days = 20\n",
		      8, "[level 2] after_days", "20",
		      "below [level 1] after_days (30): a level comes after the one before"));
	/* [indemnity] from_level names an existing level. */
	CHECK(refused("[level 1]\nafter_days = 3\n" LEVEL "[indemnity]\nfrom_level = 3\n", 6,
		      "[indemnity] from_level", "3", "no such level (the highest is [level 1])"));
	CHECK(refused("[indemnity]\nfrom_level = 0\n", 2, "[indemnity] from_level", "0",
		      "not a level"));
	{
		/* No levels at all: a config for aging. */
		dn_config *c = good("[indemnity]\nfrom_level = 3\n");
		CHECK(c != NULL);
		dn_config_free(c);
	}
	/* The formatted message. */
	{
		dn_error e;
		const char *path;
		char want[512], buf[1024];
		dn_config *c = load_text("lv.ini", "[level 1]\nafter_days = 3\nchannel = sms\n", &e,
					 &path);
		CHECK(c == NULL);
		snprintf(want, sizeof want, "%s:1: key [level 1] template: %s", path, need);
		CHECK_STR(dn_error_format(&e, buf, sizeof buf), want);
	}
}

static void test_score_rules(void)
{
	dn_config *c;

	CHECK(refused("[score]\n\nweight_days = 25\nweight_overdue = 50\n", 3,
		      "[score] weight_overdue + weight_days + weight_promises + weight_items", NULL,
		      "the four weights must add up to 100, not 105"));
	CHECK(refused("[score]\nweight_overdue = 39.75\n", 2,
		      "[score] weight_overdue + weight_days + weight_promises + weight_items", NULL,
		      "the four weights must add up to 100, not 99.75"));
	CHECK(refused("[score]\nweight_overdue = 0\nweight_days = 0\nweight_promises = 0\n"
		      "weight_items = 0\n",
		      2, "[score] weight_overdue + weight_days + weight_promises + weight_items",
		      NULL, "the four weights must add up to 100, not 0"));
	CHECK(refused("[score]\nthreshold_b = 10\nthreshold_a = 5\n", 3, "[score] threshold_a",
		      "5", "below threshold_b (A must need at least what B needs)"));
	CHECK(refused("[score]\nthreshold_b = 60.5\n", 2, "[score] threshold_b", "60.5",
		      "above threshold_a (default 60"));
	c = good("[score]\nweight_overdue = 40.25\nweight_days = 29.75\nthreshold_a = 30\n");
	CHECK(c != NULL);
	dn_config_free(c);
}

static void test_other_rules(void)
{
	dn_config *c;

	/* Two canonical columns cannot read one header (any case, trimmed). */
	CHECK(refused("[columns]\namount = Montant\n; a comment\npaid = montant\n", 4,
		      "[columns] paid", "montant",
		      "the same header as [columns] amount (line 2): two columns cannot read "
		      "one header"));
	CHECK(refused("[columns]\nbalance = Amount\n", 2, "[columns] balance", "Amount",
		      "the header of the column amount too (map amount to its own header)"));
	c = good("[columns]\nbalance = amount\namount = Montant\n"); /* amount moved away */
	CHECK(c != NULL);
	dn_config_free(c);
	/* [plan] limits. */
	CHECK(refused("[plan]\nmax_installments = 0\n", 2, "[plan] max_installments", "0",
		      "must be from 1 to 1200"));
	CHECK(refused("[plan]\nmax_installments = 1201\n", 2, "[plan] max_installments", "1201",
		      "must be from 1 to 1200"));
	c = good("[plan]\nmax_installments = 1200\n");
	CHECK(c != NULL);
	dn_config_free(c);
	/* [interest]: one rate or dated rates. */
	CHECK(refused("[interest]\nrates = 2025-01-01:13.15\nannual_rate = 12\n", 3,
		      "[interest] annual_rate", NULL, "annual_rate and rates both given"));
	c = good("[interest]\nrates = 2025-01-01:13.15, 2025-07-01:12.15\n");
	CHECK(c != NULL);
	dn_config_free(c);
	/* [input]: separators differ (the line of thousands_separator). */
	CHECK(refused("[input]\nthousands_separator = comma\ndecimal_separator = comma\n", 2,
		      "[input] thousands_separator", "comma", "same as the decimal separator"));
}

/* A UTF-8 BOM (Notepad) is not part of line 1. */
static void test_bom(void)
{
	dn_config *c;

	c = good("\xef\xbb\xbf[general]\r\ncurrency = USD\r\n[input]\r\ndelimiter = ;\r\n");
	CHECK(c != NULL);
	if (c != NULL) {
		CHECK_STR(dn_config_currency(c), "USD");
		CHECK(dn_config_input(c)->delimiter == ';');
		CHECK(dn_config_line(c, "general", "currency") == 2);
		dn_config_free(c);
	}
	c = good("\xef\xbb\xbf; a comment first\n[aging]\nbuckets = 10,20\n");
	CHECK(c != NULL);
	if (c != NULL) {
		size_t n = 0;
		CHECK(dn_config_buckets(c, &n)[1] == 20 && n == 2);
		dn_config_free(c);
	}
	c = good("\xef\xbb\xbf");
	CHECK(c != NULL);
	dn_config_free(c);
	/* Errors after a BOM keep their lines and values. */
	CHECK(refused("\xef\xbb\xbf[general]\nfoo = 1\n", 2, "[general] foo", NULL, "unknown key"));
	CHECK(refused("\xef\xbb\xbf[bogus]\n", 1, "bogus", NULL, "unknown section"));
	CHECK(refused("\xef\xbb\xbf[plan]\nmax_installments = x\n", 2, "[plan] max_installments",
		      "x", "not a whole number"));
	/* Only at the very start. */
	CHECK(refused("[general]\n\xef\xbb\xbf[aging]\n", 2, "", "\xef\xbb\xbf[aging]",
		      "not a 'key = value' line"));
}

/* `delimiter` takes the names or the characters, quoted or not, in [input]
 * and [output]; dn_config_get then says the name. */
static void test_delimiters(void)
{
	static const struct {
		const char *text;
		char want;
		const char *name;
	} ok[] = {
		{"semicolon", ';', "semicolon"}, {";", ';', "semicolon"},
		{"\";\"", ';', "semicolon"},     {"';'", ';', "semicolon"},
		{" ;  ", ';', "semicolon"},      {"|", '|', "pipe"},
		{"\"|\"", '|', "pipe"},          {"pipe", '|', "pipe"},
		{"\t", '\t', "tab"},             {"\"\t\"", '\t', "tab"},
		{"tab", '\t', "tab"},            {"\t tab", '\t', "tab"},
		{",", ',', "comma"},             {"comma", ',', "comma"},
		{"\"comma\"", ',', "comma"},
	};
	static const char *const bad[] = {"colon", ";;", "\";", "; semicolon", "\"\"", ":",
					  "tabs", "Semicolon", "#", "\"|"};
	char text[128], want[64];
	size_t i;
	const char *sect[] = {"input", "output"};
	int k;

	for (k = 0; k < 2; k++) {
		for (i = 0; i < sizeof ok / sizeof ok[0]; i++) {
			dn_config *c;
			snprintf(text, sizeof text, "[%s]\ndelimiter =%s\n", sect[k], ok[i].text);
			c = good(text);
			CHECK(c != NULL);
			if (c == NULL)
				continue;
			if (k == 0)
				CHECK(dn_config_input(c)->delimiter == ok[i].want);
			else
				CHECK(dn_config_output(c)->delimiter == ok[i].want);
			CHECK_STR(dn_config_get(c, sect[k], "delimiter"), ok[i].name);
			dn_config_free(c);
		}
		for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
			snprintf(text, sizeof text, "[%s]\ndelimiter = %s\n", sect[k], bad[i]);
			snprintf(want, sizeof want, "[%s] delimiter", sect[k]);
			CHECK(refused(text, 2, want, bad[i], "not a delimiter"));
		}
	}
	/* A ';' in any other value is still cut by iniparser: refused. */
	CHECK(refused("[input]\ndate_format = %d;%m\n", 2, "[input] date_format", "%d;%m",
		      "unquoted value holds"));
}

static void test_output(void)
{
	dn_config *c;
	const dn_output_format *o;

	c = good("[general]\ncurrency = EUR\n");
	CHECK(c != NULL);
	if (c != NULL) {
		o = dn_config_output(c);
		CHECK(o->delimiter == ',' && o->decimal == '.' && !o->crlf && !o->bom &&
		      o->date == DN_DATE_ISO);
		dn_config_free(c);
	}
	/* The settings French Excel opens as numbers. */
	c = good("[input]\ndelimiter = comma\n[output]\ndelimiter = ;\ndecimal_separator = comma\n"
		 "line_end = crlf\nbom = YES\ndate_format = %d/%m/%Y\n");
	CHECK(c != NULL);
	if (c != NULL) {
		o = dn_config_output(c);
		CHECK(o->delimiter == ';' && o->decimal == ',' && o->crlf && o->bom &&
		      o->date == DN_DATE_DMY_SLASH);
		CHECK(dn_config_input(c)->delimiter == ',');
		dn_config_free(c);
	}
	c = good("[output]\nline_end = lf\nbom = off\ndate_format = %d.%m.%Y\n");
	CHECK(c != NULL);
	if (c != NULL) {
		o = dn_config_output(c);
		CHECK(!o->crlf && !o->bom && o->date == DN_DATE_DMY_DOT);
		dn_config_free(c);
	}
	CHECK(refused("[output]\nline_end = cr\n", 2, "[output] line_end", "cr",
		      "not one of the allowed values"));
	CHECK(refused("[output]\nbom = maybe\n", 2, "[output] bom", "maybe", "not a boolean"));
	CHECK(refused("[output]\ndate_format = %Y/%m/%d\n", 2, "[output] date_format", "%Y/%m/%d",
		      "unsupported date format"));
	CHECK(refused("[output]\ndecimal_separator = point\n", 2, "[output] decimal_separator",
		      "point", "not one of the allowed values"));
	CHECK(refused("[output]\nfoo = 1\n", 2, "[output] foo", NULL, "unknown key"));
	/* A decimal comma in a comma-separated file would be quoted text. */
	CHECK(refused("[output]\n\ndecimal_separator = comma\n", 3, "[output] decimal_separator",
		      "comma", "needs an [output] delimiter other than comma"));
	CHECK(refused("[output]\ndecimal_separator = comma\ndelimiter = ,\n", 2,
		      "[output] decimal_separator", "comma", "needs an [output] delimiter"));
}

static void test_bool_words(void)
{
	static const char *const yes[] = {"yes", "YES", "Yes", "true", "TRUE", "1", "on", "On"};
	static const char *const no[] = {"no", "NO", "false", "False", "0", "off", "OFF"};
	static const char *const item_yes[] = {"oui", "OUI", "y", "Y"};
	static const char *const item_no[] = {"non", "Non", "n", "N", ""};
	static const char *const never[] = {"2", "yes ", " no", "ja", "nein", "-1", "01",
					    "t", "f", "yess", "o"};
	size_t i;

	for (i = 0; i < sizeof yes / sizeof yes[0]; i++) {
		CHECK(dn_parse_bool(yes[i], strlen(yes[i]), 0) == 1);
		CHECK(dn_parse_bool(yes[i], strlen(yes[i]), 1) == 1);
	}
	for (i = 0; i < sizeof no / sizeof no[0]; i++) {
		CHECK(dn_parse_bool(no[i], strlen(no[i]), 0) == 0);
		CHECK(dn_parse_bool(no[i], strlen(no[i]), 1) == 0);
	}
	for (i = 0; i < sizeof item_yes / sizeof item_yes[0]; i++) {
		CHECK(dn_parse_bool(item_yes[i], strlen(item_yes[i]), 0) == -1);
		CHECK(dn_parse_bool(item_yes[i], strlen(item_yes[i]), 1) == 1);
	}
	for (i = 0; i < sizeof item_no / sizeof item_no[0]; i++) {
		CHECK(dn_parse_bool(item_no[i], strlen(item_no[i]), 0) == -1);
		CHECK(dn_parse_bool(item_no[i], strlen(item_no[i]), 1) == 0);
	}
	for (i = 0; i < sizeof never / sizeof never[0]; i++) {
		CHECK(dn_parse_bool(never[i], strlen(never[i]), 0) == -1);
		CHECK(dn_parse_bool(never[i], strlen(never[i]), 1) == -1);
	}
	/* len bytes only: the rest is not looked at. */
	CHECK(dn_parse_bool("yesterday", 3, 0) == 1);
	CHECK(dn_parse_bool("nonsense", 3, 1) == 0);
	CHECK(dn_parse_bool("nonsense", 3, 0) == -1);
}

int main(void)
{
	if (getcwd(origdir, sizeof origdir) == NULL)
		return 2;
	scratch_open();
	setenv("DUNNING_CONFIG", "", 1);
	test_defaults();
	test_structure_errors();
	test_comments_and_quotes();
	test_long_lines();
	test_uint_bool();
	test_columns();
	test_currencies();
	test_money_keys();
	test_aging_and_input();
	test_other_values();
	test_paths();
	test_levels();
	test_level_rules();
	test_score_rules();
	test_other_rules();
	test_bom();
	test_delimiters();
	test_output();
	test_bool_words();
	scratch_close();
	DONE();
}
