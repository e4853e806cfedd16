/* remindmsg.c - a decision in words: the message, the explanation, the
 * samples --lint renders (see remind.h). */
#define _POSIX_C_SOURCE 200809L
#include "remind.h"
#include "remind_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plan.h"

/* ---- rendering ---- */

/* Characters (UTF-8 code points) of s. */
static size_t width(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		if (((unsigned char)*s & 0xC0) != 0x80)
			n++;
	return n;
}

static void pad(dn_text *t, size_t n)
{
	static const char spaces[] = "                                ";

	while (n > 0) {
		size_t k = n < sizeof spaces - 1 ? n : sizeof spaces - 1;
		dn_text_append(t, spaces, k);
		n -= k;
	}
}

enum { T_COLS = 5 };

/* Characters (UTF-8 code points) of s[0..len). */
static size_t width_n(const char *s, size_t len)
{
	size_t n = 0, i;

	for (i = 0; i < len; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			n++;
	return n;
}

/* dn_words_date through the board's cache. */
static const struct dcache *date_words(dn_remind_board *b, dn_date d, dn_lang l)
{
	struct dcache *c = &b->dates[l == DN_LANG_FR][(uint32_t)d & 1023u];

	if (!c->set || c->date != d) {
		size_t len;
		dn_words_date(d, l, c->s, sizeof c->s);
		len = strlen(c->s);
		c->date = d;
		c->len = (unsigned char)len;
		c->width = (unsigned char)width_n(c->s, len);
		c->set = 1;
	}
	return c;
}

/* Append s[0..len) to b's scratch as cell *out. */
static void add_cell(dn_text *c, struct cell *out, const char *s, size_t len, size_t w)
{
	out->off = c->len;
	out->len = len;
	out->width = w;
	dn_text_append(c, s, len);
}

/* The aligned table of g's invoices.  Each cell is formatted once, into
 * b's scratch (cell k of invoice i is cell[T_COLS * i + k]), then the
 * widths are known and the table laid out. */
static void invoice_table(dn_remind_board *b, const struct group *g, dn_lang l, dn_text *t)
{
	static const char *const head_en[T_COLS] = {"Invoice", "Issued", "Due", "Days late",
						    "Balance"};
	static const char *const head_fr[T_COLS] = {"Facture", "Émise le", "Échéance",
						    "Jours de retard", "Solde dû"};
	const char *const *head = l == DN_LANG_FR ? head_fr : head_en;
	size_t w[T_COLS], i, k, need = T_COLS * g->ninv + 1;
	dn_text *c = &b->cells;
	char cell[DN_WORDS_BUFSZ];

	dn_text_clear(t);
	dn_text_clear(c);
	if (need > b->cell_cap) {
		struct cell *nc = realloc(b->cell, need * sizeof *nc);
		if (nc == NULL) {
			t->failed = 1;
			return;
		}
		b->cell = nc;
		b->cell_cap = need;
	}
	for (k = 0; k < T_COLS; k++)
		w[k] = width(head[k]);
	for (i = 0; i < g->ninv; i++) {
		const struct rinv *v = &g->inv[i];
		struct cell *cl = b->cell + T_COLS * i;
		const struct dcache *d;
		size_t n = v->len > 200 ? 200 : v->len;
		const char *nul = memchr(v->id, '\0', n);
		if (nul != NULL) /* as printf's %.*s: up to a NUL */
			n = (size_t)(nul - v->id);
		add_cell(c, &cl[0], v->id, n, width_n(v->id, n));
		d = date_words(b, v->issue, l);
		add_cell(c, &cl[1], d->s, d->len, d->width);
		d = date_words(b, v->due, l);
		add_cell(c, &cl[2], d->s, d->len, d->width);
		n = dn_remind_put_long(cell, (long)v->days);
		add_cell(c, &cl[3], cell, n, n);
		dn_words_money(v->balance, g->decimals, g->currency, l, cell, sizeof cell);
		n = strlen(cell);
		add_cell(c, &cl[4], cell, n, width_n(cell, n));
		for (k = 0; k < T_COLS; k++)
			if (cl[k].width > w[k])
				w[k] = cl[k].width;
	}
	if (c->failed) {
		t->failed = 1;
		return;
	}
	for (k = 0; k < T_COLS; k++) {
		int right = k >= 3;
		if (k > 0)
			dn_text_append(t, "  ", 2);
		if (right)
			pad(t, w[k] - width(head[k]));
		dn_text_puts(t, head[k]);
		if (!right && k + 1 < T_COLS)
			pad(t, w[k] - width(head[k]));
	}
	for (i = 0; i < g->ninv; i++) {
		for (k = 0; k < T_COLS; k++) {
			const struct cell *cl = &b->cell[T_COLS * i + k];
			if (k == 0)
				dn_text_append(t, "\n", 1);
			else
				dn_text_append(t, "  ", 2);
			if (k >= 3)
				pad(t, w[k] - cl->width);
			dn_text_append(t, c->s + cl->off, cl->len);
			if (k < 3 && k + 1 < T_COLS)
				pad(t, w[k] - cl->width);
		}
	}
}

/* The [plan] limits of g's currency and the default start, read once:
 * 1 with rq filled, 0 when no plan can be proposed. */
static int plan_setup(dn_remind_board *b, const struct group *g, dn_plan_request *rq)
{
	struct ccache *c = dn_remind_ccache(b, g->currency);
	dn_error e;

	if (c == NULL)
		return 0;
	if (b->start_state == 0)
		b->start_state = dn_plan_default_start(b->r->cfg, b->as_of, &b->plan_start, &e) == 0
					 ? 1
					 : -1;
	if (c->limits_state == 0)
		c->limits_state = dn_plan_limits_load(b->r->cfg, g->currency, g->decimals,
						      &c->limits, &e) == 0
					  ? 1
					  : -1;
	if (b->start_state < 0 || c->limits_state < 0)
		return 0;
	rq->limits = c->limits;
	rq->start = b->plan_start;
	return 1;
}

static void plan_text(dn_remind_board *b, const struct group *g, int64_t amount,
		      dn_lang l, dn_text *t)
{
	dn_plan_request rq;
	dn_plan p;
	dn_error e;
	char money[DN_WORDS_BUFSZ], line[32];
	int n, ok = 0;
	size_t i;

	dn_text_clear(t);
	dn_plan_request_init(&rq);
	dn_plan_init(&p, NULL, 0);
	rq.principal = amount;
	rq.decimals = g->decimals;
	if (amount > 0 && plan_setup(b, g, &rq)) {
		for (n = rq.limits.max_installments < 3 ? rq.limits.max_installments : 3; n >= 2 && !ok;
		     n--) {
			rq.installments = n;
			ok = dn_plan_make(&rq, &p, &e) == 0;
		}
	}
	if (!ok) {
		dn_text_puts(t, l == DN_LANG_FR ? "un échéancier adapté à votre situation"
					       : "a schedule that suits your situation");
		dn_plan_release(&p);
		return;
	}
	dn_text_append(t, line, dn_remind_put_long(line, (long)p.n));
	dn_text_puts(t, l == DN_LANG_FR ? " mensualités :" : " monthly payments:");
	for (i = 0; i < p.n; i++) {
		const struct dcache *d = date_words(b, p.rows[i].due, l);
		dn_words_money(p.rows[i].amount, g->decimals, g->currency, l, money, sizeof money);
		dn_text_append(t, "\n- ", 3);
		dn_text_puts(t, money);
		dn_text_puts(t, l == DN_LANG_FR ? " le " : " on ");
		dn_text_append(t, d->s, d->len);
	}
	dn_plan_release(&p);
}

int dn_remind_render(dn_remind_board *b, const dn_remind_outcome *o, dn_message *m,
		     dn_error *e)
{
	const struct group *g = o->group;
	const dn_template *t = dn_remind_template(b->r, o->decision.level, o->lang);
	char overdue[DN_WORDS_BUFSZ], total[DN_WORDS_BUFSZ], fee[DN_WORDS_BUFSZ],
		interest[DN_WORDS_BUFSZ], oldest[DN_WORDS_BUFSZ], as_of[DN_WORDS_BUFSZ];
	dn_text table = {0}, plan = {0};
	dn_tvalues v;
	const char *name;
	size_t name_len;
	int64_t sum = o->overdue;
	int rc;

	memset(&v, 0, sizeof v);
	if (dn_money_add(sum, o->fee, &sum) != 0 || dn_money_add(sum, o->interest, &sum) != 0)
		return dn_error_set(e, DN_EX_DATAERR, "total due out of range");
	dn_words_money(o->overdue, o->decimals, o->currency, o->lang, overdue, sizeof overdue);
	dn_words_money(sum, o->decimals, o->currency, o->lang, total, sizeof total);
	dn_words_money(o->fee, o->decimals, o->currency, o->lang, fee, sizeof fee);
	dn_words_money(o->interest, o->decimals, o->currency, o->lang, interest, sizeof interest);
	memcpy(oldest, date_words(b, g->ninv > 0 ? g->inv[0].due : b->as_of, o->lang)->s,
	       sizeof oldest);
	memcpy(as_of, date_words(b, b->as_of, o->lang)->s, sizeof as_of);
	invoice_table(b, g, o->lang, &table);
	plan_text(b, g, sum, o->lang, &plan);
#define SET(k, s, n) (v.v[k] = (s), v.len[k] = (n))
	SET(DN_PH_CUSTOMER, g->name, g->len);
	if ((name = dn_remind_attr(g, A_NAME, &name_len)) != NULL)
		SET(DN_PH_CUSTOMER_NAME, name, name_len);
	else
		SET(DN_PH_CUSTOMER_NAME, g->name, g->len);
	SET(DN_PH_CURRENCY, g->currency, 3);
	SET(DN_PH_OVERDUE, overdue, strlen(overdue));
	SET(DN_PH_TOTAL_DUE, total, strlen(total));
	SET(DN_PH_FEE, fee, strlen(fee));
	SET(DN_PH_INTEREST, interest, strlen(interest));
	SET(DN_PH_OLDEST_DUE_DATE, oldest, strlen(oldest));
	SET(DN_PH_INVOICE_TABLE, table.s, table.len);
	SET(DN_PH_PLAN, plan.s, plan.len);
	if (b->r->sender != NULL)
		SET(DN_PH_SENDER, b->r->sender, strlen(b->r->sender));
	if (b->r->contact != NULL)
		SET(DN_PH_CONTACT, b->r->contact, strlen(b->r->contact));
	SET(DN_PH_AS_OF, as_of, strlen(as_of));
#undef SET
	rc = dn_template_render(t, &v, &m->subject, &m->body);
	dn_remind_invoices_text(g, &m->invoices);
	if (table.failed || plan.failed || m->invoices.failed)
		rc = DN_EX_SOFTWARE;
	dn_text_free(&table);
	dn_text_free(&plan);
	return rc != 0 ? dn_error_set(e, DN_EX_SOFTWARE, "out of memory") : 0;
}

void dn_message_free(dn_message *m)
{
	dn_text_free(&m->subject);
	dn_text_free(&m->body);
	dn_text_free(&m->invoices);
}

void dn_remind_explain(const dn_remind_outcome *o, char *buf, size_t size)
{
	const dn_level_decision *d = &o->decision;
	char a[DN_MONEY_BUFSZ], b[DN_MONEY_BUFSZ], hold[256];

	switch (o->kind) {
	case DN_REMIND_HELD:
		dn_hold_words(DN_LANG_EN, &o->hold, hold, sizeof hold);
		snprintf(buf, size, "held: %s", hold);
		return;
	case DN_REMIND_SEND:
		if (o->disputed > 0)
			snprintf(buf, size, "level %d (%s) by %s; %ld disputed invoice row%s left out",
				 d->level, o->level->name, o->level->channel, o->disputed,
				 o->disputed == 1 ? "" : "s");
		else
			snprintf(buf, size, "level %d (%s) by %s", d->level, o->level->name,
				 o->level->channel);
		return;
	default:
		break;
	}
	switch (d->verdict) {
	case DN_LEVEL_NOTHING_DUE:
		if (d->next_level == 0)
			snprintf(buf, size, "every invoice has reached the last level");
		else
			snprintf(buf, size, "not yet due for level %d: %ld of %ld days",
				 d->next_level, d->next_days, d->next_after);
		break;
	case DN_LEVEL_BELOW_MIN:
		dn_money_format(o->overdue, o->decimals, a);
		dn_money_format(d->min_overdue, o->decimals, b);
		snprintf(buf, size, "level %d due, but overdue %s is below its min_overdue %s",
			 d->level, a, b);
		break;
	default:
		snprintf(buf, size,
			 "level %d due, but %ld of %ld days since the last reminder (min_gap_days)",
			 d->level, d->gap_days, d->gap_needed);
		break;
	}
}

void dn_remind_sample(const dn_remind_rules *r, dn_lang l, dn_tvalues *v)
{
	static const char *const fr[DN_PH_COUNT] = {
		"C0001", "Exemple SARL", "EUR", "1 234,56 €", "1 274,56 €", "40,00 €", "0,00 €",
		"23/10/2026",
		"Facture  Émise le    Échéance    Jours de retard  Solde dû\n"
		"F-0001   23/09/2026  23/10/2026               31  1 234,56 €",
		"3 mensualités :\n- 424,86 € le 23/12/2026\n- 424,85 € le 23/01/2027\n- 424,85 € "
		"le 23/02/2027",
		"", "", "23/11/2026"};
	static const char *const en[DN_PH_COUNT] = {
		"C0001", "Example Ltd", "EUR", "€1,234.56", "€1,274.56", "€40.00", "€0.00",
		"23 October 2026",
		"Invoice  Issued             Due              Days late    Balance\n"
		"F-0001   23 September 2026  23 October 2026         31  €1,234.56",
		"3 monthly payments:\n- €424.86 on 23 December 2026\n- €424.85 on 23 January "
		"2027\n- €424.85 on 23 February 2027",
		"", "", "23 November 2026"};
	const char *const *s = l == DN_LANG_FR ? fr : en;
	int k;

	for (k = 0; k < DN_PH_COUNT; k++) {
		v->v[k] = s[k];
		v->len[k] = strlen(s[k]);
	}
	if (r->sender != NULL) {
		v->v[DN_PH_SENDER] = r->sender;
		v->len[DN_PH_SENDER] = strlen(r->sender);
	}
	if (r->contact != NULL) {
		v->v[DN_PH_CONTACT] = r->contact;
		v->len[DN_PH_CONTACT] = strlen(r->contact);
	}
}
