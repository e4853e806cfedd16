/* jevent.c - journal events: names, columns, and one row read and checked. */
#include "jevent.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "money.h"

/* ---- names ---- */

static const char *const event_names[DN_EV_COUNT] = {
	"reminder", "call",    "message_in", "promise",       "dispute",
	"dispute_closed", "plan", "payment", "claim_paid", "wrong_contact",
	"block",    "unblock", "insolvency", "legal",         "note",
};

static const char *const jcol_names[DN_JCOL_COUNT] = {
	"date", "customer", "currency", "event", "invoices", "level",
	"channel", "amount", "fee", "due_date", "ref", "note",
};

const char *dn_event_name(dn_event ev)
{
	return ev < DN_EV_COUNT ? event_names[ev] : "";
}

int dn_event_from_name(const char *s, size_t len)
{
	int i;

	for (i = 0; i < DN_EV_COUNT; i++)
		if (strlen(event_names[i]) == len && memcmp(event_names[i], s, len) == 0)
			return i;
	return -1;
}

const char *dn_jcol_name(dn_jcol c)
{
	return c < DN_JCOL_COUNT ? jcol_names[c] : "";
}

/* ---- schema and rows ---- */

int dn_jschema_init(dn_jschema *s, const dn_csv_reader *r, const dn_config *cfg, dn_error *e)
{
	static const dn_jcol required[] = {DN_JCOL_DATE, DN_JCOL_CUSTOMER, DN_JCOL_EVENT};
	const dn_row *h = dn_csv_header(r);
	size_t i, k;

	s->cfg = cfg;
	for (i = 0; i < DN_JCOL_COUNT; i++)
		s->col[i] = dn_csv_find(r, jcol_names[i]);
	/* A misspelt column would silently lose what it holds: refuse it. */
	for (i = 0; i < h->n; i++) {
		for (k = 0; k < DN_JCOL_COUNT; k++)
			if (s->col[k] == (int)i)
				break;
		if (k == DN_JCOL_COUNT) {
			dn_error_set(e, DN_EX_DATAERR,
				     "not a journal column (date, customer, currency, event, "
				     "invoices, level, channel, amount, fee, due_date, ref, note)");
			dn_error_where(e, h->file, h->line);
			dn_error_value(e, h->v[i], h->len[i]);
			return DN_EX_DATAERR;
		}
	}
	for (i = 0; i < sizeof required / sizeof required[0]; i++) {
		if (s->col[required[i]] >= 0)
			continue;
		dn_error_set(e, DN_EX_DATAERR, "missing required column");
		dn_error_reason(e, DN_R_MISSING_COLUMN);
		dn_error_where(e, h->file, h->line);
		dn_error_subject(e, "column", jcol_names[required[i]]);
		return DN_EX_DATAERR;
	}
	return 0;
}

/* A field of the row, or "" (len 0) when the column is absent. */
static const char *field(const dn_jschema *s, const dn_row *row, dn_jcol c, size_t *len)
{
	int i = s->col[c];

	if (i < 0) {
		*len = 0;
		return "";
	}
	*len = row->len[i];
	return row->v[i];
}

static int field_error(const dn_jschema *s, const dn_row *row, dn_jcol c, dn_error *e,
		       const char *msg)
{
	size_t len;
	const char *v = field(s, row, c, &len);

	dn_error_set(e, DN_EX_DATAERR, "%s", msg);
	dn_error_where(e, row->file, row->line);
	dn_error_subject(e, "column", jcol_names[c]);
	if (s->col[c] >= 0)
		dn_error_value(e, v, len);
	return DN_EX_DATAERR;
}

static int read_date(const dn_jschema *s, const dn_row *row, dn_jcol c, dn_date *out,
		     dn_error *e)
{
	size_t len;
	const char *v = field(s, row, c, &len);
	int rc = dn_date_parse(v, len, dn_config_input(s->cfg)->date, out);

	return rc == 0 ? 0 : field_error(s, row, c, e, dn_date_strerror(rc));
}

static int read_money(const dn_jschema *s, const dn_row *row, dn_jcol c, const dn_jevent *ev,
		      int64_t *out, dn_error *e)
{
	size_t len;
	const char *v = field(s, row, c, &len);
	const char *cur = ev->currency[0] ? ev->currency : dn_config_currency(s->cfg);
	dn_error tmp;
	char msg[160];

	if (dn_money_parse(v, len, ev->decimals, &dn_config_input(s->cfg)->number, out, &tmp) ==
	    0)
		return 0;
	if (tmp.reason == DN_R_TOO_MANY_DECIMALS)
		snprintf(msg, sizeof msg, "more decimals than %s has (%d)", cur, ev->decimals);
	else
		snprintf(msg, sizeof msg, "%s", tmp.message);
	return field_error(s, row, c, e, msg);
}

static int read_currency(const dn_jschema *s, const dn_row *row, dn_jevent *ev, dn_error *e)
{
	size_t len;
	const char *v = field(s, row, DN_JCOL_CURRENCY, &len);
	const char *def = dn_config_currency(s->cfg);

	ev->currency[0] = '\0';
	if (len == 0) {
		ev->decimals = dn_currencies_decimals(dn_config_currencies(s->cfg), def, strlen(def));
		return 0;
	}
	ev->decimals = dn_currency_lookup(dn_config_currencies(s->cfg), v, len, ev->currency);
	if (ev->decimals < 0)
		return field_error(s, row, DN_JCOL_CURRENCY, e, "unknown currency");
	return 0;
}

static int all_digits(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return len > 0;
}

/* ';'-separated ids, none empty; reminders write INVOICE:LEVEL pairs. */
static int check_invoices(const char *v, size_t len, int pairs)
{
	size_t start = 0, i;

	if (len == 0)
		return 0;
	for (i = 0; i <= len; i++) {
		const char *id = v + start, *colon;
		size_t n = i - start;
		if (i < len && v[i] != ';')
			continue;
		if (n == 0)
			return -1;
		if (pairs) {
			colon = NULL;
			for (size_t k = n; k > 0; k--)
				if (id[k - 1] == ':') {
					colon = id + k - 1;
					break;
				}
			if (colon == NULL || colon == id ||
			    !all_digits(colon + 1, (size_t)(id + n - colon - 1)))
				return -1;
		}
		start = i + 1;
	}
	return 0;
}

static int read_level_channel(const dn_jschema *s, const dn_row *row, dn_jevent *ev,
			      dn_error *e)
{
	static const char *const channels[] = {"email", "sms", "letter", "call"};
	size_t len, i;
	const char *v = field(s, row, DN_JCOL_LEVEL, &len);

	ev->level = -1;
	ev->channel = -1;
	if (len > 0) {
		if (!all_digits(v, len) || len > 4)
			return field_error(s, row, DN_JCOL_LEVEL, e, "not a level number");
		ev->level = strtol(v, NULL, 10);
	}
	v = field(s, row, DN_JCOL_CHANNEL, &len);
	if (len == 0)
		return 0;
	for (i = 0; i < sizeof channels / sizeof channels[0]; i++)
		if (strlen(channels[i]) == len && memcmp(channels[i], v, len) == 0) {
			ev->channel = (int)i;
			return 0;
		}
	return field_error(s, row, DN_JCOL_CHANNEL, e,
			   "unknown channel (email, sms, letter, call)");
}

static int read_amounts(const dn_jschema *s, const dn_row *row, dn_jevent *ev, dn_error *e)
{
	size_t len;

	field(s, row, DN_JCOL_AMOUNT, &len);
	ev->has_amount = len > 0;
	if (ev->has_amount && read_money(s, row, DN_JCOL_AMOUNT, ev, &ev->amount, e) != 0)
		return DN_EX_DATAERR;
	field(s, row, DN_JCOL_FEE, &len);
	ev->has_fee = len > 0;
	if (ev->has_fee && read_money(s, row, DN_JCOL_FEE, ev, &ev->fee, e) != 0)
		return DN_EX_DATAERR;
	field(s, row, DN_JCOL_DUE_DATE, &len);
	ev->has_due_date = len > 0;
	if (ev->has_due_date && read_date(s, row, DN_JCOL_DUE_DATE, &ev->due_date, e) != 0)
		return DN_EX_DATAERR;
	return 0;
}

/* What each event needs beyond well-formed fields. */
static int check_event(const dn_jschema *s, const dn_row *row, const dn_jevent *ev,
		       dn_error *e)
{
	const char *what = ev->event == DN_EV_PLAN ? "a plan" : "a promise";

	switch (ev->event) {
	case DN_EV_PROMISE:
	case DN_EV_PLAN:
		if (!ev->has_due_date)
			return field_error(s, row, DN_JCOL_DUE_DATE, e,
					   ev->event == DN_EV_PLAN ? "a plan needs a due_date"
								   : "a promise needs a due_date");
		if (ev->due_date < ev->date)
			return field_error(s, row, DN_JCOL_DUE_DATE, e, "before the event's date");
		if (ev->has_amount && ev->amount <= 0) {
			char msg[64];
			snprintf(msg, sizeof msg, "%s needs a positive amount", what);
			return field_error(s, row, DN_JCOL_AMOUNT, e, msg);
		}
		if (!ev->has_amount && ev->invoices_len == 0) {
			char msg[64];
			snprintf(msg, sizeof msg, "%s needs an amount or invoices", what);
			return field_error(s, row, DN_JCOL_AMOUNT, e, msg);
		}
		return 0;
	case DN_EV_PAYMENT:
		if (!ev->has_amount)
			return field_error(s, row, DN_JCOL_AMOUNT, e, "a payment needs an amount");
		return 0;
	default:
		return 0;
	}
}

int dn_jevent_read(const dn_jschema *s, const dn_row *row, dn_jevent *ev, dn_error *e)
{
	size_t len;
	const char *v;
	int ev_i;

	ev->line = row->line;
	if (read_date(s, row, DN_JCOL_DATE, &ev->date, e) != 0)
		return DN_EX_DATAERR;
	ev->customer = field(s, row, DN_JCOL_CUSTOMER, &ev->customer_len);
	if (ev->customer_len == 0)
		return field_error(s, row, DN_JCOL_CUSTOMER, e, "empty customer");
	v = field(s, row, DN_JCOL_EVENT, &len);
	ev_i = dn_event_from_name(v, len);
	if (ev_i < 0)
		return field_error(s, row, DN_JCOL_EVENT, e,
				   len == 0 ? "empty event" : "unknown event");
	ev->event = (dn_event)ev_i;
	if (read_currency(s, row, ev, e) != 0)
		return DN_EX_DATAERR;
	ev->ref = field(s, row, DN_JCOL_REF, &ev->ref_len);
	ev->note = field(s, row, DN_JCOL_NOTE, &ev->note_len);
	ev->invoices = field(s, row, DN_JCOL_INVOICES, &ev->invoices_len);
	if (check_invoices(ev->invoices, ev->invoices_len, ev->event == DN_EV_REMINDER) != 0)
		return field_error(s, row, DN_JCOL_INVOICES, e,
				   ev->event == DN_EV_REMINDER
					   ? "not a ';'-separated list of INVOICE:LEVEL pairs"
					   : "not a ';'-separated list of invoices");
	if (read_level_channel(s, row, ev, e) != 0 || read_amounts(s, row, ev, e) != 0)
		return DN_EX_DATAERR;
	return check_event(s, row, ev, e);
}
