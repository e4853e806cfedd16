/* level.c - per-invoice escalation (see level.h). */
#include "level.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Remembered answers of dn_level_money (a handful: levels x keys x
 * currencies), searched in order. */
struct dn_level_memo {
	struct dn_level_memo *next;
	int level, decimals;
	char key[16], currency[8];
	int64_t value;
};

struct dn_level_memos {
	struct dn_level_memo *head;
};

int dn_levels_load(dn_levels *ls, const dn_config *cfg, dn_error *e)
{
	int n, k;

	memset(ls, 0, sizeof *ls);
	ls->cfg = cfg;
	n = dn_config_levels(cfg);
	if (n == 0)
		return 0;
	if ((ls->memo = calloc(1, sizeof *ls->memo)) == NULL)
		return dn_error_set(e, DN_EX_SOFTWARE, "out of memory");
	if ((ls->lv = calloc((size_t)n, sizeof *ls->lv)) == NULL)
		return dn_error_set(e, DN_EX_SOFTWARE, "out of memory");
	ls->n = n;
	for (k = 0; k < n; k++) {
		dn_level *l = &ls->lv[k];
		snprintf(l->section, sizeof l->section, "level %d", k + 1);
		/* dn_config_load checked every level for after_days, channel and
		 * a template, and the numbering for gaps. */
		l->channel = dn_config_get(cfg, l->section, "channel");
		if (l->channel == NULL)
			l->channel = "email";
		l->after_days = dn_config_uint(cfg, l->section, "after_days", 0);
		l->min_gap_days = dn_config_uint(cfg, l->section, "min_gap_days", 7);
		l->interest = dn_config_bool(cfg, l->section, "interest", 0);
		l->name = dn_config_get(cfg, l->section, "name");
		if (l->name == NULL)
			l->name = l->section;
		l->template_any = dn_config_path(cfg, l->section, "template");
		l->template_fr = dn_config_path(cfg, l->section, "template_fr");
		l->template_en = dn_config_path(cfg, l->section, "template_en");
		if ((l->template_any == NULL && dn_config_get(cfg, l->section, "template")) ||
		    (l->template_fr == NULL && dn_config_get(cfg, l->section, "template_fr")) ||
		    (l->template_en == NULL && dn_config_get(cfg, l->section, "template_en")))
			return dn_error_set(e, DN_EX_SOFTWARE, "out of memory");
	}
	return 0;
}

void dn_levels_free(dn_levels *ls)
{
	int k;

	for (k = 0; ls->lv != NULL && k < ls->n; k++) {
		free(ls->lv[k].template_any);
		free(ls->lv[k].template_fr);
		free(ls->lv[k].template_en);
	}
	free(ls->lv);
	ls->lv = NULL;
	ls->n = 0;
	while (ls->memo != NULL && ls->memo->head != NULL) {
		struct dn_level_memo *m = ls->memo->head;
		ls->memo->head = m->next;
		free(m);
	}
	free(ls->memo);
	ls->memo = NULL;
}

int dn_level_money(const dn_levels *ls, int level, const char *key, const char *currency,
		   int decimals, int64_t *out, dn_error *e)
{
	struct dn_level_memo *m;
	int rc;

	*out = 0;
	if (level < 1 || level > ls->n)
		return 0;
	for (m = ls->memo != NULL ? ls->memo->head : NULL; m != NULL; m = m->next)
		if (m->level == level && m->decimals == decimals && strcmp(m->key, key) == 0 &&
		    strcmp(m->currency, currency) == 0) {
			*out = m->value;
			return 0;
		}
	rc = dn_config_money(ls->cfg, ls->lv[level - 1].section, key, currency, decimals, "0",
			     out, e);
	if (rc != 0 || ls->memo == NULL || strlen(key) >= sizeof m->key ||
	    strlen(currency) >= sizeof m->currency)
		return rc;
	if ((m = calloc(1, sizeof *m)) == NULL)
		return 0; /* not remembered: asked again next time */
	m->level = level;
	m->decimals = decimals;
	strcpy(m->key, key);
	strcpy(m->currency, currency);
	m->value = *out;
	m->next = ls->memo->head;
	ls->memo->head = m;
	return 0;
}

int dn_level_by_days(const dn_levels *ls, long days)
{
	int k, best = 0;

	for (k = 0; k < ls->n; k++)
		if (ls->lv[k].after_days <= days)
			best = k + 1;
	return best;
}

int dn_level_due(const dn_levels *ls, long reached, long days)
{
	long by = dn_level_by_days(ls, days);
	long due = reached + 1 < by ? reached + 1 : by;

	return (int)(due > reached ? due : reached);
}

int dn_level_decide(const dn_levels *ls, dn_level_invoice *inv, size_t n, int64_t overdue,
		    const char *currency, int decimals, int has_last, dn_date last,
		    dn_date as_of, dn_level_decision *out, dn_error *e)
{
	size_t i;
	int rc;

	memset(out, 0, sizeof *out);
	for (i = 0; i < n; i++) {
		int due = dn_level_due(ls, inv[i].reached, inv[i].days);
		inv[i].due = due > inv[i].reached;
		inv[i].listed = inv[i].due ? due : inv[i].reached;
		if (inv[i].due && due > out->level)
			out->level = due;
		if (!inv[i].due && inv[i].reached < ls->n) {
			/* the nearest next level: fewest days still to wait */
			const dn_level *nl = &ls->lv[inv[i].reached];
			long wait = nl->after_days - inv[i].days;
			if (out->next_level == 0 || wait < out->next_after - out->next_days) {
				out->next_level = (int)inv[i].reached + 1;
				out->next_days = inv[i].days;
				out->next_after = nl->after_days;
			}
		}
	}
	if (out->level == 0) {
		out->verdict = DN_LEVEL_NOTHING_DUE;
		return 0;
	}
	if ((rc = dn_level_money(ls, out->level, "min_overdue", currency, decimals,
				 &out->min_overdue, e)) != 0)
		return rc;
	if (overdue < out->min_overdue) {
		out->verdict = DN_LEVEL_BELOW_MIN;
		return 0;
	}
	out->gap_needed = ls->lv[out->level - 1].min_gap_days;
	if (has_last && (long)as_of - (long)last < out->gap_needed) {
		out->gap_days = (long)as_of - (long)last;
		out->verdict = DN_LEVEL_GAP;
		return 0;
	}
	out->verdict = DN_LEVEL_SEND;
	return 0;
}
