/* lint.c - tone and SMS length of templates (see lint.h). */
#include "lint.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Threats, insults, undue pressure and shaming, in French and English.  A
 * formal notice may say what happens next, factually ("nous pourrons
 * engager une procédure"); these catch the wording good practice and the
 * law (FDCPA, French code de la consommation) forbid. */
const char dn_tone_defaults[] =
	"# built-in tone rules of remind --lint: category<TAB>pattern\n"
	"threat\t\\b(?:nous allons|on va|we will|we'll|we are going to) (?:vous )?(?:poursuivre|"
	"traîner|ruiner|sue|ruin|destroy|come after)\\b\n"
	"threat\t\\b(?:vous (?:le )?regretterez|you will regret|you'll regret|or else|sinon gare)\\b\n"
	"threat\t\\b(?:prison|arrest|arrestation|police|gendarmerie|jail|garnish your wages|"
	"saisir votre salaire)\\b\n"
	"threat\t\\b(?:dernier avertissement|final warning|last warning)\\b\n"
	"insult\t\\b(?:mauvais payeurs?|escroc|escrocs|voleurs?|malhonnêtes?|menteurs?|"
	"incapables?|idiots?|deadbeats?|liars?|thie(?:f|ves)|crooks?|cheats?|dishonest|"
	"irresponsible|irresponsables?)\\b\n"
	"pressure\t\\b(?:immédiatement|sur-le-champ|dans les 24 ?h(?:eures)?|dernière chance|"
	"immediately|at once|within 24 hours|last chance|act now|right now)\\b\n"
	"pressure\t!!\n"
	"shaming\t\\b(?:votre employeur|vos voisins|votre famille|publiquement|liste noire|"
	"honte|your employer|your neighbou?rs|your family|publicly|blacklist(?:ed)?|shame|"
	"name and shame)\\b\n";

dn_patterns *dn_tone_load(const dn_config *cfg, dn_error *e)
{
	char *path = dn_config_path(cfg, "tone", "forbidden");
	dn_patterns *ps;

	if (path == NULL)
		return dn_patterns_from_text(dn_tone_defaults, "built-in tone rules", e);
	ps = dn_patterns_load(path, e);
	free(path);
	return ps;
}

/* GSM 03.38: the basic set, and the extension characters (2 septets). */
static int gsm_units(unsigned long cp)
{
	static const char basic[] = "@$\n\r_ !\"#%&'()*+,-./0123456789:;<=>?"
				    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
	static const unsigned long basic_hi[] = {0xa3, 0xa5, 0xe8, 0xe9, 0xf9, 0xec, 0xf2, 0xc7,
						 0xd8, 0xf8, 0xc5, 0xe5, 0x394, 0x3a6, 0x393,
						 0x39b, 0x3a9, 0x3a0, 0x3a8, 0x3a3, 0x398, 0x39e,
						 0xc6, 0xe6, 0xdf, 0xc9, 0xa4, 0xa1, 0xc4, 0xd6,
						 0xd1, 0xdc, 0xa7, 0xbf, 0xe4, 0xf6, 0xf1, 0xfc,
						 0xe0};
	size_t i;

	if (cp < 0x80 && cp != 0 && strchr(basic, (int)cp) != NULL)
		return 1;
	if (cp < 0x80 && cp != 0 && strchr("^{}\\[~]|\f", (int)cp) != NULL)
		return 2;
	if (cp == 0x20ac)
		return 2;
	for (i = 0; i < sizeof basic_hi / sizeof basic_hi[0]; i++)
		if (basic_hi[i] == cp)
			return 1;
	return 0;
}

int dn_sms_units(const char *s, size_t len, size_t *units)
{
	size_t i = 0, gsm = 0, ucs = 0;
	int fits = 1;

	while (i < len) {
		unsigned char c = (unsigned char)s[i];
		unsigned long cp;
		size_t n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1, k;
		int g;
		if (i + n > len)
			n = len - i;
		cp = n == 1 ? c : (unsigned long)(c & (0xFF >> (n + 1)));
		for (k = 1; k < n; k++)
			cp = (cp << 6) | ((unsigned char)s[i + k] & 0x3F);
		g = gsm_units(cp);
		if (g == 0)
			fits = 0;
		gsm += (size_t)g;
		ucs += cp > 0xFFFF ? 2 : 1;
		i += n;
	}
	*units = fits ? gsm : ucs;
	return fits;
}

static int lint_tone(const dn_template *t, const dn_patterns *tone, dn_lint_fn fn, void *ctx,
		     long *findings, dn_error *e)
{
	size_t len, i = 0;
	const char *s = dn_template_text(t, &len);
	long line = 1;

	while (i < len) {
		size_t eol = i, ms = 0, me = 0;
		long k;
		while (eol < len && s[eol] != '\n')
			eol++;
		k = dn_patterns_first(tone, s + i, eol - i, &ms, &me, e);
		if (k == -2)
			return e->status;
		if (k >= 0) {
			char msg[256];
			snprintf(msg, sizeof msg, "matched '%.*s' (%s)", (int)(me - ms > 120 ? 120 : me - ms),
				 s + i + ms, dn_patterns_category(tone, (size_t)k));
			fn(ctx, dn_template_name(t), line, msg, 0);
			(*findings)++;
		}
		i = eol + 1;
		line++;
	}
	return 0;
}

static int lint_sms(const dn_remind_rules *r, const dn_template *t, dn_lang l, dn_lint_fn fn,
		    void *ctx, long *warnings, dn_error *e)
{
	dn_text subject = {0}, body = {0};
	dn_tvalues v;
	size_t units;
	int gsm;
	char msg[256];

	dn_remind_sample(r, l, &v);
	if (dn_template_render(t, &v, &subject, &body) != 0) {
		dn_text_free(&subject);
		dn_text_free(&body);
		return dn_error_set(e, DN_EX_SOFTWARE, "out of memory");
	}
	while (body.len > 0 && body.s[body.len - 1] == '\n')
		body.len--; /* the file's last newline is not sent */
	gsm = dn_sms_units(body.s, body.len, &units);
	if (units > (gsm ? 160u : 70u)) {
		snprintf(msg, sizeof msg,
			 "warning: the sample message is %zu %s characters, more than one SMS (%d)",
			 units, gsm ? "GSM-7" : "UCS-2", gsm ? 160 : 70);
		fn(ctx, dn_template_name(t), 0, msg, 1);
		(*warnings)++;
	}
	dn_text_free(&subject);
	dn_text_free(&body);
	return 0;
}

int dn_lint_run(const dn_remind_rules *r, const dn_patterns *tone, dn_lint_fn fn, void *ctx,
		long *findings, long *warnings, dn_error *e)
{
	int k, i, rc;

	*findings = 0;
	*warnings = 0;
	for (k = 0; k < r->levels.n; k++)
		for (i = 0; i < 3; i++) {
			const dn_template *t = r->tpl[k][i];
			dn_lang l = i == 2 ? DN_LANG_FR : i == 1 ? DN_LANG_EN : r->lang;
			if (t == NULL)
				continue;
			if ((rc = lint_tone(t, tone, fn, ctx, findings, e)) != 0)
				return rc;
			if (strcmp(r->levels.lv[k].channel, "sms") == 0 &&
			    (rc = lint_sms(r, t, l, fn, ctx, warnings, e)) != 0)
				return rc;
		}
	return 0;
}
