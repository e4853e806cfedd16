/* wording.c - words for people, per language (see wording.h). */
#include "wording.h"

#include <stdio.h>
#include <string.h>

#include "money.h"

dn_lang dn_lang_of(const char *s, size_t len, dn_lang def)
{
	if (s == NULL || len < 2 || (len > 2 && s[2] != '_' && s[2] != '-'))
		return def;
	if ((s[0] == 'f' || s[0] == 'F') && (s[1] == 'r' || s[1] == 'R'))
		return DN_LANG_FR;
	if ((s[0] == 'e' || s[0] == 'E') && (s[1] == 'n' || s[1] == 'N'))
		return DN_LANG_EN;
	return def;
}

const char *dn_lang_name(dn_lang l)
{
	return l == DN_LANG_FR ? "fr" : "en";
}

const char *dn_currency_symbol(const char *code)
{
	static const char *const table[][2] = {
		{"EUR", "\u20ac"}, {"USD", "$"}, {"GBP", "\u00a3"}, {"JPY", "\u00a5"},
		{"CNY", "\u00a5"}, {"INR", "\u20b9"}, {"KRW", "\u20a9"},
	};
	size_t i;

	for (i = 0; i < sizeof table / sizeof table[0]; i++)
		if (strcmp(code, table[i][0]) == 0)
			return table[i][1];
	return NULL;
}

/* Bounded strings, cut as snprintf cuts (a message renders thousands of
 * amounts and dates: the printf machinery was most of its cost). */
struct cat {
	char *buf;
	size_t size, len;
};

static void cat_str(struct cat *c, const char *s)
{
	size_t n = strlen(s);

	if (c->len + 1 >= c->size)
		return;
	if (n > c->size - 1 - c->len)
		n = c->size - 1 - c->len;
	memcpy(c->buf + c->len, s, n);
	c->len += n;
	c->buf[c->len] = '\0';
}

/* v (0..9999) in at least width (<= 4) digits, zero-padded. */
static void cat_num(struct cat *c, int v, int width)
{
	char d[8], s[8];
	int n = 0, k;

	do {
		d[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v > 0 && n < 7);
	while (n < width)
		d[n++] = '0';
	for (k = 0; k < n; k++)
		s[k] = d[n - 1 - k];
	s[n] = '\0';
	cat_str(c, s);
}

void dn_words_money(int64_t units, int decimals, const char *currency, dn_lang l, char *buf,
		    size_t size)
{
	char num[DN_MONEY_BUFSZ], *p = num;
	const char *sym = dn_currency_symbol(currency);
	struct cat c = {buf, size, 0};

	if (size == 0)
		return;
	buf[0] = '\0';
	if (units < 0)
		p++; /* dn_money_format_grouped wrote the '-' first */
	if (l == DN_LANG_FR) {
		char *dot;
		dn_money_format_grouped(units, decimals, ' ', num);
		if ((dot = strchr(num, '.')) != NULL)
			*dot = ',';
		cat_str(&c, units < 0 ? "-" : "");
		cat_str(&c, p);
		cat_str(&c, " ");
		cat_str(&c, sym != NULL ? sym : currency);
		return;
	}
	dn_money_format_grouped(units, decimals, ',', num);
	cat_str(&c, units < 0 ? "-" : "");
	if (sym != NULL) {
		cat_str(&c, sym);
	} else {
		cat_str(&c, currency);
		cat_str(&c, " ");
	}
	cat_str(&c, p);
}

void dn_words_date(dn_date d, dn_lang l, char *buf, size_t size)
{
	static const char *const months[12] = {"January", "February", "March",     "April",
					       "May",     "June",     "July",      "August",
					       "September", "October", "November", "December"};
	struct cat c = {buf, size, 0};
	int y, m, day;

	dn_date_to_ymd(d, &y, &m, &day);
	if (y < 0 || y > 9999) { /* never for the dates the tools accept */
		if (l == DN_LANG_FR)
			snprintf(buf, size, "%02d/%02d/%04d", day, m, y);
		else
			snprintf(buf, size, "%d %s %04d", day, months[m - 1], y);
		return;
	}
	if (size == 0)
		return;
	buf[0] = '\0';
	if (l == DN_LANG_FR) {
		cat_num(&c, day, 2);
		cat_str(&c, "/");
		cat_num(&c, m, 2);
		cat_str(&c, "/");
		cat_num(&c, y, 4);
	} else {
		cat_num(&c, day, 1);
		cat_str(&c, " ");
		cat_str(&c, months[m - 1]);
		cat_str(&c, " ");
		cat_num(&c, y, 4);
	}
}

void dn_hold_words(dn_lang l, const dn_hold *h, char *buf, size_t size)
{
	char date[11];
	int fr = l == DN_LANG_FR;
	const char *ch = h->channel != NULL ? h->channel : "";

	dn_date_format(h->date, date);
	switch (h->kind) {
	case DN_HOLD_INSOLVENCY:
		snprintf(buf, size, fr ? "procédure collective depuis le %s"
				       : "insolvency proceedings since %s",
			 date);
		break;
	case DN_HOLD_BLOCK:
		snprintf(buf, size, fr ? "bloqué depuis le %s" : "blocked since %s", date);
		break;
	case DN_HOLD_CLAIM_PAID:
		snprintf(buf, size, fr ? "dit avoir payé (le %s)" : "says it has paid (on %s)",
			 date);
		break;
	case DN_HOLD_PLAN:
		snprintf(buf, size, fr ? "plan de paiement jusqu'au %s" : "payment plan until %s",
			 date);
		break;
	case DN_HOLD_PROMISE:
		snprintf(buf, size,
			 fr ? "promesse de paiement jusqu'au %s" : "promise to pay until %s", date);
		break;
	case DN_HOLD_CONTACT_CAP:
		snprintf(buf, size,
			 fr ? "%ld messages envoyés en 7 jours (plafond %ld)"
			    : "%ld messages sent in 7 days (cap %ld)",
			 h->count, h->limit);
		break;
	case DN_HOLD_CALL_CAP:
		snprintf(buf, size,
			 fr ? "%ld appels en 7 jours (plafond %ld)" : "%ld calls in 7 days (cap %ld)",
			 h->count, h->limit);
		break;
	case DN_HOLD_NO_ADDRESS:
		snprintf(buf, size, fr ? "canal %s sans %s" : "%s channel without %s", ch,
			 dn_channel_address_column(ch));
		break;
	case DN_HOLD_WRONG_CONTACT:
		snprintf(buf, size,
			 fr ? "%s signalé erroné (wrong_contact)" : "%s marked wrong_contact",
			 dn_channel_address_column(ch));
		break;
	case DN_HOLD_DISPUTED:
		snprintf(buf, size, fr ? "en litige" : "disputed");
		break;
	default:
		snprintf(buf, size, "%s", "");
		break;
	}
}

/* "12 400.00", or "12 400,00" in French. */
static void amount_words(int64_t units, int decimals, int french, char *buf)
{
	char *dot;

	dn_money_format_grouped(units, decimals, ' ', buf);
	if (french && (dot = strchr(buf, '.')) != NULL)
		*dot = ',';
}

static void part_words(const dn_score_rules *r, const dn_priority *p, int part, char *buf,
		       size_t size)
{
	char amount[DN_MONEY_BUFSZ];
	int fr = r->french;

	switch (part) {
	case DN_PART_OVERDUE:
		amount_words(p->overdue, p->decimals, fr, amount);
		snprintf(buf, size, fr ? "%s %s impayés" : "%s %s overdue", amount, p->currency);
		break;
	case DN_PART_DAYS:
		if (fr)
			snprintf(buf, size, "facture la plus ancienne en retard de %ld jour%s",
				 p->oldest_days, p->oldest_days > 1 ? "s" : "");
		else
			snprintf(buf, size, "oldest invoice %ld day%s late", p->oldest_days,
				 p->oldest_days == 1 ? "" : "s");
		break;
	case DN_PART_PROMISES:
		if (fr)
			snprintf(buf, size, "%ld promesse%s non tenue%s", p->broken,
				 p->broken > 1 ? "s" : "", p->broken > 1 ? "s" : "");
		else
			snprintf(buf, size, "%ld broken promise%s", p->broken,
				 p->broken == 1 ? "" : "s");
		break;
	default:
		if (fr)
			snprintf(buf, size, "%ld facture%s échue%s", p->items,
				 p->items > 1 ? "s" : "", p->items > 1 ? "s" : "");
		else
			snprintf(buf, size, "%ld overdue invoice%s", p->items,
				 p->items == 1 ? "" : "s");
		break;
	}
}

void dn_priority_reason(const dn_score_rules *r, const dn_priority *p, char *buf, size_t size)
{
	char one[160], two[160];
	int k, first = -1, second = -1;

	if (size == 0)
		return;
	if (p->hold.kind != DN_HOLD_NONE) {
		dn_hold_words(r->french ? DN_LANG_FR : DN_LANG_EN, &p->hold, buf, size);
		return;
	}
	for (k = 0; k < DN_PART_COUNT; k++) {
		int part = p->score.order[k];
		if (!p->score.positive[part])
			continue;
		if (first < 0)
			first = part;
		else if (second < 0)
			second = part;
	}
	if (first < 0)
		first = DN_PART_OVERDUE; /* every weight that counts is 0: say what is owed */
	part_words(r, p, first, one, sizeof one);
	if (second < 0) {
		snprintf(buf, size, "%s", one);
		return;
	}
	part_words(r, p, second, two, sizeof two);
	snprintf(buf, size, "%s%s%s", one, r->french ? " ; " : "; ", two);
}
