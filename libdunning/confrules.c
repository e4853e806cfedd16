/* confrules.c - the rules that tie configuration keys together.
 *
 * Written over the public getters only: by the time these run, every single
 * value has its documented shape, so a getter's default is the documented
 * default.  Each failure names the line of the key a user would edit.
 */
#include "confrules.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "item.h"
#include "plan.h"
#include "score.h"

/* Fill e: "FILE:LINE: key [SECTION] KEY: MSG: 'VALUE'" (key NULL: the
 * section is named; value NULL: none shown). */
static int rule_error(dn_error *e, const dn_config *c, long line, const char *section,
		      const char *key, const char *value, const char *msg)
{
	char name[128];

	dn_error_set(e, DN_EX_CONFIG, "%s", msg);
	dn_error_where(e, dn_config_file(c), line);
	if (key != NULL) {
		snprintf(name, sizeof name, "[%s] %s", section, key);
		dn_error_subject(e, "key", name);
	} else {
		dn_error_subject(e, "section", section);
	}
	if (value != NULL)
		dn_error_value(e, value, strlen(value));
	return DN_EX_CONFIG;
}

/* ---- [input], [output] ---- */

static int check_separators(const dn_config *c, dn_error *e)
{
	const dn_input_format *in = dn_config_input(c);
	const dn_output_format *out = dn_config_output(c);

	if (in->number.thousands == in->number.decimal)
		return rule_error(e, c, dn_config_line(c, "input", "thousands_separator"), "input",
				  "thousands_separator",
				  dn_config_get(c, "input", "thousands_separator"),
				  "same as the decimal separator");
	/* A comma-decimal amount in a comma-separated file is quoted text to a
	 * spreadsheet: the French settings go together. */
	if (out->decimal == ',' && out->delimiter == ',')
		return rule_error(e, c, dn_config_line(c, "output", "decimal_separator"), "output",
				  "decimal_separator", "comma",
				  "needs an [output] delimiter other than comma (semicolon, tab "
				  "or pipe)");
	return 0;
}

/* ---- [score] ---- */

/* A decimal scaled to nine decimals (weights and thresholds are small). */
static dn_i128 nine(dn_decimal d)
{
	return (dn_i128)d.num * dn_pow10(9 - d.scale);
}

/* "110" or "99.75": a nine-decimal value without trailing zeros. */
static void write_nine(dn_i128 v, char *buf, size_t size)
{
	long long whole = (long long)(v / 1000000000), frac = (long long)(v % 1000000000);
	int digits = 9;

	if (frac == 0) {
		snprintf(buf, size, "%lld", whole);
		return;
	}
	while (frac % 10 == 0) {
		frac /= 10;
		digits--;
	}
	snprintf(buf, size, "%lld.%0*lld", whole, digits, frac);
}

static int check_score(const dn_config *c, dn_error *e)
{
	static const char *const keys[] = {"weight_overdue", "weight_days", "weight_promises",
					   "weight_items"};
	static const long def[] = DN_SCORE_DEFAULT_WEIGHTS;
	dn_i128 sum = 0;
	long line = 0;
	dn_decimal a, b;
	char msg[128], total[64];
	size_t k;

	for (k = 0; k < 4; k++) {
		long l = dn_config_line(c, "score", keys[k]);
		sum += nine(dn_config_decimal(c, "score", keys[k], (dn_decimal){def[k], 0}));
		if (l > 0 && (line == 0 || l < line))
			line = l;
	}
	if (sum != (dn_i128)100 * 1000000000) {
		write_nine(sum, total, sizeof total);
		snprintf(msg, sizeof msg, "the four weights must add up to 100, not %s", total);
		return rule_error(e, c, line, "score",
				  "weight_overdue + weight_days + weight_promises + weight_items",
				  NULL, msg);
	}
	a = dn_config_decimal(c, "score", "threshold_a",
			      (dn_decimal){DN_SCORE_DEFAULT_THRESHOLD_A, 0});
	b = dn_config_decimal(c, "score", "threshold_b",
			      (dn_decimal){DN_SCORE_DEFAULT_THRESHOLD_B, 0});
	if (nine(a) >= nine(b))
		return 0;
	if (dn_config_get(c, "score", "threshold_a") != NULL)
		return rule_error(e, c, dn_config_line(c, "score", "threshold_a"), "score",
				  "threshold_a", dn_config_get(c, "score", "threshold_a"),
				  "below threshold_b (A must need at least what B needs)");
	return rule_error(e, c, dn_config_line(c, "score", "threshold_b"), "score", "threshold_b",
			  dn_config_get(c, "score", "threshold_b"),
			  "above threshold_a (default 60: A must need at least what B needs)");
}

/* ---- [level N] ---- */

static int has(const dn_config *c, const char *section, const char *key)
{
	return dn_config_get(c, section, key) != NULL;
}

/* after_days, channel and a template (one, or one per language). */
static int check_level_keys(const dn_config *c, const char *section, dn_error *e)
{
	static const char *const need = "missing (every level needs after_days, channel and "
					"template, or template_fr and template_en)";
	long line = dn_config_section_line(c, section);
	int fr = has(c, section, "template_fr"), en = has(c, section, "template_en");

	if (!has(c, section, "after_days"))
		return rule_error(e, c, line, section, "after_days", NULL, need);
	if (!has(c, section, "channel"))
		return rule_error(e, c, line, section, "channel", NULL, need);
	if (has(c, section, "template") || (fr && en))
		return 0;
	if (fr || en)
		return rule_error(e, c, line, section, fr ? "template_en" : "template_fr", NULL,
				  "missing (a level with one language's template needs the "
				  "other's too, or one template)");
	return rule_error(e, c, line, section, "template", NULL, need);
}

static int check_levels(const dn_config *c, dn_error *e)
{
	int n, levels = dn_config_levels(c);
	long prev_days = -1;
	char section[32], prev[32] = "", msg[160], days[24];

	for (n = 1; n <= levels; n++) {
		long d;
		snprintf(section, sizeof section, "level %d", n);
		if (dn_config_section_line(c, section) == 0) {
			int m = n + 1;
			char next[32];
			do
				snprintf(next, sizeof next, "level %d", m++);
			while (dn_config_section_line(c, next) == 0);
			snprintf(msg, sizeof msg,
				 "there is no [%s] (levels are numbered 1, 2, 3 ... without gaps)",
				 section);
			return rule_error(e, c, dn_config_section_line(c, next), next, NULL, NULL,
					  msg);
		}
		if (check_level_keys(c, section, e) != 0)
			return DN_EX_CONFIG;
		d = dn_config_uint(c, section, "after_days", 0);
		if (d < prev_days) {
			snprintf(days, sizeof days, "%ld", d);
			snprintf(msg, sizeof msg,
				 "below [%s] after_days (%ld): a level comes after the one before",
				 prev, prev_days);
			return rule_error(e, c, dn_config_line(c, section, "after_days"), section,
					  "after_days", days, msg);
		}
		prev_days = d;
		snprintf(prev, sizeof prev, "%s", section);
	}
	return 0;
}

static int check_indemnity(const dn_config *c, dn_error *e)
{
	const char *v = dn_config_get(c, "indemnity", "from_level");
	long from = dn_config_uint(c, "indemnity", "from_level", 3);
	int levels = dn_config_levels(c);
	char msg[96];

	if (v == NULL || (from >= 1 && (levels == 0 || from <= levels)))
		return 0;
	if (from < 1)
		snprintf(msg, sizeof msg, "not a level (levels are numbered from 1)");
	else
		snprintf(msg, sizeof msg, "no such level (the highest is [level %d])", levels);
	return rule_error(e, c, dn_config_line(c, "indemnity", "from_level"), "indemnity",
			  "from_level", v, msg);
}

/* ---- [columns], [plan], [interest] ---- */

/* Header names match after trimming, in any (ASCII) case. */
static int same_header(const char *a, const char *b)
{
	size_t la, lb, i;

	while (*a == ' ')
		a++;
	while (*b == ' ')
		b++;
	la = strlen(a);
	lb = strlen(b);
	while (la > 0 && a[la - 1] == ' ')
		la--;
	while (lb > 0 && b[lb - 1] == ' ')
		lb--;
	if (la != lb)
		return 0;
	for (i = 0; i < la; i++)
		if (tolower((unsigned char)a[i]) != tolower((unsigned char)b[i]))
			return 0;
	return 1;
}

/* Two canonical columns looking for one header would read the same field
 * twice (`paid = Montant` beside `amount = Montant`): refused. */
static int check_columns(const dn_config *c, dn_error *e)
{
	int i, k;
	char msg[192];

	for (i = 0; i < DN_COL_COUNT; i++) {
		const char *name = dn_col_name((dn_col)i);
		const char *hi = dn_config_column(c, name);
		long li = dn_config_line(c, "columns", name);
		if (li == 0)
			continue; /* unmapped: checked from the mapped side */
		for (k = 0; k < DN_COL_COUNT; k++) {
			const char *other = dn_col_name((dn_col)k);
			long lk = dn_config_line(c, "columns", other);
			if (k == i || !same_header(hi, dn_config_column(c, other)))
				continue;
			if (lk == 0)
				snprintf(msg, sizeof msg,
					 "the header of the column %s too (map %s to its own "
					 "header)",
					 other, other);
			else if (lk < li)
				snprintf(msg, sizeof msg,
					 "the same header as [columns] %s (line %ld): two columns "
					 "cannot read one header",
					 other, lk);
			else
				continue; /* reported at the later of the two lines */
			return rule_error(e, c, li, "columns", name, hi, msg);
		}
	}
	return 0;
}

static int check_plan_and_interest(const dn_config *c, dn_error *e)
{
	const char *v = dn_config_get(c, "plan", "max_installments");
	long n = dn_config_uint(c, "plan", "max_installments", 12);
	char msg[96];

	if (v != NULL && (n < 1 || n > DN_PLAN_MAX_INSTALLMENTS)) {
		snprintf(msg, sizeof msg, "must be from 1 to %d", DN_PLAN_MAX_INSTALLMENTS);
		return rule_error(e, c, dn_config_line(c, "plan", "max_installments"), "plan",
				  "max_installments", v, msg);
	}
	if (has(c, "interest", "annual_rate") && has(c, "interest", "rates")) {
		long la = dn_config_line(c, "interest", "annual_rate");
		long lr = dn_config_line(c, "interest", "rates");
		return rule_error(e, c, la > lr ? la : lr, "interest",
				  la > lr ? "annual_rate" : "rates", NULL,
				  "annual_rate and rates both given: one rate, or dated rates, "
				  "not both");
	}
	return 0;
}

int dn_config_check_rules(const dn_config *c, dn_error *e)
{
	int rc;

	if ((rc = check_separators(c, e)) != 0 || (rc = check_score(c, e)) != 0 ||
	    (rc = check_levels(c, e)) != 0 || (rc = check_indemnity(c, e)) != 0 ||
	    (rc = check_columns(c, e)) != 0 || (rc = check_plan_and_interest(c, e)) != 0)
		return rc;
	return 0;
}
