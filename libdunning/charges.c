/* charges.c - fees, indemnity and interest (see charges.h). */
#include "charges.h"

#include <stdlib.h>
#include <string.h>

/* Parse the dated rates the config loader already checked. */
static int parse_rates(dn_charges *c, const char *s, dn_error *e)
{
	const char *p = s;

	while (*p != '\0') {
		const char *colon, *end;
		while (*p == ' ' || *p == ',')
			p++;
		if (*p == '\0')
			break;
		if (c->nrates == DN_RATES_MAX)
			return dn_error_set(e, DN_EX_CONFIG, "[interest] rates: more than %d rates",
					    DN_RATES_MAX);
		colon = strchr(p, ':');
		if (colon == NULL ||
		    dn_date_parse(p, (size_t)(colon - p), DN_DATE_ISO, &c->rates[c->nrates].from) !=
			    0)
			return dn_error_set(e, DN_EX_CONFIG, "[interest] rates: bad value");
		end = strchr(colon, ',');
		if (end == NULL)
			end = colon + strlen(colon);
		p = end;
		while (end > colon + 1 && end[-1] == ' ')
			end--;
		if (dn_decimal_parse(colon + 1, (size_t)(end - colon - 1),
				     &c->rates[c->nrates].rate, NULL) != 0)
			return dn_error_set(e, DN_EX_CONFIG, "[interest] rates: bad value");
		c->nrates++;
	}
	return 0;
}

int dn_charges_load(dn_charges *c, const dn_config *cfg, dn_error *e)
{
	const char *cur = dn_config_get(cfg, "indemnity", "currency");
	const char *rates = dn_config_get(cfg, "interest", "rates");
	int rc;

	memset(c, 0, sizeof *c);
	c->cfg = cfg;
	if (cur == NULL)
		cur = "EUR";
	/* The loader refused an unknown code: this is for a config made
	 * otherwise, which must not get a guessed currency either. */
	c->indemnity_decimals = dn_currency_lookup(dn_config_currencies(cfg), cur, strlen(cur),
						   c->indemnity_currency);
	if (c->indemnity_decimals < 0)
		return dn_error_set(e, DN_EX_CONFIG, "[indemnity] currency: unknown currency code");
	rc = dn_config_money(cfg, "indemnity", "amount", c->indemnity_currency,
			     c->indemnity_decimals, "0", &c->indemnity, e);
	if (rc != 0)
		return rc;
	c->from_level = dn_config_uint(cfg, "indemnity", "from_level", 3);
	if (rates != NULL)
		return parse_rates(c, rates, e);
	if (dn_config_get(cfg, "interest", "annual_rate") != NULL) {
		c->rates[0].from = INT32_MIN;
		c->rates[0].rate = dn_config_decimal(cfg, "interest", "annual_rate",
						     (dn_decimal){0, 0});
		c->nrates = 1;
	}
	return 0;
}

int dn_interest(const dn_charges *c, int64_t balance, dn_date due, dn_date as_of, int64_t *out)
{
	/* sum over days of rate scaled to 9 decimals: sum rate_i * 1e9 * days_i */
	dn_i128 s = 0, n, d;
	size_t i;

	*out = 0;
	if (as_of <= due || balance <= 0 || c->nrates == 0)
		return 0;
	for (i = 0; i < c->nrates; i++) {
		long from = (long)c->rates[i].from, to = (long)as_of; /* days [from, to] */
		long lo = (long)due + 1 > from ? (long)due + 1 : from;
		if (i + 1 < c->nrates && (long)c->rates[i + 1].from - 1 < to)
			to = (long)c->rates[i + 1].from - 1;
		if (to < lo)
			continue;
		s += (dn_i128)c->rates[i].rate.num * dn_pow10(9 - c->rates[i].rate.scale) *
		     (to - lo + 1);
	}
	/* balance * s / (365 * 100 * 1e9): s stays below 2^80, balance below 2^63:
	 * guard the product anyway. */
	if (s > 0 && (dn_i128)balance > ((((dn_i128)1) << 126) / s))
		return -1;
	n = (dn_i128)balance * s;
	d = (dn_i128)365 * 100 * 1000000000;
	n = dn_div_round(n, d);
	if (n > INT64_MAX)
		return -1;
	*out = (int64_t)n;
	return 0;
}

int64_t dn_indemnity(const dn_charges *c, const char *currency, long reached, long listed,
		     int b2b, int insolvent)
{
	if (c->indemnity <= 0 || !b2b || insolvent || strcmp(currency, c->indemnity_currency) != 0)
		return 0;
	return reached < c->from_level && listed >= c->from_level ? c->indemnity : 0;
}
