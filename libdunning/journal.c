/* journal.c - reading the journal and what it says at as-of.
 *
 * Two passes over the file.  The first checks every row and keeps, per
 * customer, the little state the rules need (latest block, unblock,
 * claim_paid ..., the promises and plans, disputed invoices).  The second
 * adds each payment to the promises and plans whose window holds its date:
 * payments may come before a promise in the file (a same-day payment
 * recorded first), so they cannot be summed in one pass without keeping
 * them all.  The last record is only used once the next one (or a proper
 * end of file) is seen, so an unterminated last record can be left out.
 */
#define _DEFAULT_SOURCE /* flock(2) */
#define _POSIX_C_SOURCE 200809L
#include "journal.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "keytab.h"
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
	size_t len, k;
	const char *v = field(s, row, DN_JCOL_CURRENCY, &len);
	const char *def = dn_config_currency(s->cfg);

	ev->currency[0] = '\0';
	if (len == 0) {
		ev->decimals = dn_currencies_decimals(dn_config_currencies(s->cfg), def, strlen(def));
		return 0;
	}
	ev->decimals = dn_currencies_decimals(dn_config_currencies(s->cfg), v, len);
	if (ev->decimals < 0)
		return field_error(s, row, DN_JCOL_CURRENCY, e, "unknown currency");
	for (k = 0; k < 3; k++)
		ev->currency[k] = (char)(v[k] >= 'a' && v[k] <= 'z' ? v[k] - 32 : v[k]);
	ev->currency[3] = '\0';
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
	if (len > 0) {
		if (!all_digits(v, len) || len > 4)
			return field_error(s, row, DN_JCOL_LEVEL, e, "not a level number");
		ev->level = strtol(v, NULL, 10);
	}
	v = field(s, row, DN_JCOL_CHANNEL, &len);
	if (len == 0)
		return 0;
	for (i = 0; i < sizeof channels / sizeof channels[0]; i++)
		if (strlen(channels[i]) == len && memcmp(channels[i], v, len) == 0)
			return 0;
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

/* ---- per-customer state ---- */

/* An event's place in time: (date, line), so same-day events keep the
 * file's order.  0 means "never". */
typedef int64_t evkey;

static evkey key_of(const dn_jevent *ev)
{
	return ((int64_t)ev->date + 1000000) * ((int64_t)1 << 32) + (ev->line & 0xffffffff);
}

static dn_date key_date(evkey k)
{
	return (dn_date)(k / ((int64_t)1 << 32) - 1000000);
}

static evkey max_key(evkey a, evkey b)
{
	return a > b ? a : b;
}

/* Events about one currency of a customer, or about all ("" scope). */
struct scope {
	char cur[4];
	evkey contact, block, unblock, claim_paid, dispute_all, close_all, insolvency, legal;
};

/* An invoice named by dispute or dispute_closed events. */
struct jinvoice {
	char *id;
	size_t len;
	evkey dispute, close;
};

/* A promise or a plan. */
struct promise {
	char cur[4];
	int is_plan;
	dn_date date, due, deadline; /* deadline = due + grace */
	int has_amount;
	int64_t amount, paid; /* paid saturates at INT64_MAX */
	char *inv;            /* copy of the invoices field, ';'-separated */
	size_t ninv;
	size_t *off, *len;    /* each invoice in inv */
	unsigned char *seen, *late; /* per invoice: a row seen; a row not settled in time */
};

struct dn_jcustomer {
	char *name;
	size_t len;
	struct scope *scopes;
	size_t nscopes;
	struct promise *promises;
	size_t npromises;
	struct jinvoice *invoices;
	size_t ninvoices;
};

struct dn_journal {
	const dn_config *cfg;
	dn_date as_of;
	long grace;
	dn_keytab *customers;
	int promise_invoices; /* some promise lists invoices */
};

static void free_customer(dn_jcustomer *c)
{
	size_t i;

	for (i = 0; i < c->npromises; i++) {
		struct promise *p = &c->promises[i];
		free(p->inv);
		free(p->off);
		free(p->len);
		free(p->seen);
		free(p->late);
	}
	for (i = 0; i < c->ninvoices; i++)
		free(c->invoices[i].id);
	free(c->promises);
	free(c->invoices);
	free(c->scopes);
	free(c->name);
	free(c);
}

void dn_journal_free(dn_journal *j)
{
	size_t pos = 0;
	dn_jcustomer *c;

	if (j == NULL)
		return;
	while ((c = dn_keytab_next(j->customers, &pos)) != NULL)
		free_customer(c);
	dn_keytab_free(j->customers);
	free(j);
}

static void customer_key(const void *rec, const char **k1, size_t *n1, const char **k2,
			 size_t *n2)
{
	const dn_jcustomer *c = rec;

	*k1 = c->name;
	*n1 = c->len;
	*k2 = "";
	*n2 = 0;
}

dn_journal *dn_journal_new_empty(const dn_config *cfg, dn_date as_of)
{
	dn_journal *j = calloc(1, sizeof *j);

	if (j == NULL)
		return NULL;
	j->cfg = cfg;
	j->as_of = as_of;
	j->grace = dn_config_uint(cfg, "hold", "promise_grace_days", 2);
	j->customers = dn_keytab_new(customer_key);
	if (j->customers == NULL) {
		free(j);
		return NULL;
	}
	return j;
}

static dn_jcustomer *get_customer(dn_journal *j, const char *name, size_t len)
{
	dn_jcustomer *c = dn_keytab_get(j->customers, name, len, "", 0);

	if (c != NULL)
		return c;
	c = calloc(1, sizeof *c);
	if (c == NULL || (c->name = malloc(len + 1)) == NULL) {
		free(c);
		return NULL;
	}
	memcpy(c->name, name, len);
	c->name[len] = '\0';
	c->len = len;
	if (dn_keytab_put(j->customers, c) != 0) {
		free(c->name);
		free(c);
		return NULL;
	}
	return c;
}

static struct scope *get_scope(dn_jcustomer *c, const char *cur)
{
	size_t i;
	struct scope *ns;

	for (i = 0; i < c->nscopes; i++)
		if (strcmp(c->scopes[i].cur, cur) == 0)
			return &c->scopes[i];
	ns = realloc(c->scopes, (c->nscopes + 1) * sizeof *ns);
	if (ns == NULL)
		return NULL;
	c->scopes = ns;
	memset(&ns[c->nscopes], 0, sizeof ns[0]);
	memcpy(ns[c->nscopes].cur, cur, strlen(cur) + 1);
	return &ns[c->nscopes++];
}

static const struct scope *find_scope(const dn_jcustomer *c, const char *cur)
{
	size_t i;

	for (i = 0; i < c->nscopes; i++)
		if (strcmp(c->scopes[i].cur, cur) == 0)
			return &c->scopes[i];
	return NULL;
}

static struct jinvoice *get_invoice(dn_jcustomer *c, const char *id, size_t len)
{
	size_t i;
	struct jinvoice *ni;

	for (i = 0; i < c->ninvoices; i++)
		if (c->invoices[i].len == len && memcmp(c->invoices[i].id, id, len) == 0)
			return &c->invoices[i];
	ni = realloc(c->invoices, (c->ninvoices + 1) * sizeof *ni);
	if (ni == NULL)
		return NULL;
	c->invoices = ni;
	ni = &ni[c->ninvoices];
	memset(ni, 0, sizeof *ni);
	if ((ni->id = malloc(len + 1)) == NULL)
		return NULL;
	memcpy(ni->id, id, len);
	ni->id[len] = '\0';
	ni->len = len;
	c->ninvoices++;
	return ni;
}

/* Record a dispute or its closing for each listed invoice. */
static int mark_invoices(dn_jcustomer *c, const dn_jevent *ev, int close)
{
	size_t start = 0, i;

	for (i = 0; i <= ev->invoices_len; i++) {
		struct jinvoice *inv;
		if (i < ev->invoices_len && ev->invoices[i] != ';')
			continue;
		inv = get_invoice(c, ev->invoices + start, i - start);
		if (inv == NULL)
			return -1;
		if (close)
			inv->close = max_key(inv->close, key_of(ev));
		else
			inv->dispute = max_key(inv->dispute, key_of(ev));
		start = i + 1;
	}
	return 0;
}

static int add_promise(dn_journal *j, dn_jcustomer *c, const dn_jevent *ev, const char *cur)
{
	struct promise *np = realloc(c->promises, (c->npromises + 1) * sizeof *np), *p;
	size_t i, start, k;

	if (np == NULL)
		return -1;
	c->promises = np;
	p = &np[c->npromises];
	memset(p, 0, sizeof *p);
	memcpy(p->cur, cur, 4);
	p->is_plan = ev->event == DN_EV_PLAN;
	p->date = ev->date;
	p->due = ev->due_date;
	p->deadline = (dn_date)(ev->due_date + j->grace);
	p->has_amount = ev->has_amount;
	p->amount = ev->amount;
	c->npromises++;
	if (ev->invoices_len == 0)
		return 0;
	for (i = 0, p->ninv = 1; i < ev->invoices_len; i++)
		p->ninv += ev->invoices[i] == ';';
	p->inv = malloc(ev->invoices_len + 1);
	p->off = malloc(p->ninv * sizeof *p->off);
	p->len = malloc(p->ninv * sizeof *p->len);
	p->seen = calloc(p->ninv, 1);
	p->late = calloc(p->ninv, 1);
	if (!p->inv || !p->off || !p->len || !p->seen || !p->late)
		return -1;
	memcpy(p->inv, ev->invoices, ev->invoices_len);
	p->inv[ev->invoices_len] = '\0';
	for (i = start = k = 0; i <= ev->invoices_len; i++) {
		if (i < ev->invoices_len && ev->invoices[i] != ';')
			continue;
		p->off[k] = start;
		p->len[k++] = i - start;
		start = i + 1;
	}
	j->promise_invoices = 1;
	return 0;
}

/* The first pass: everything but payments. */
static int apply_event(dn_journal *j, const dn_jevent *ev)
{
	dn_jcustomer *c;
	struct scope *s;
	const char *cur = ev->currency;
	int money = ev->event == DN_EV_PROMISE || ev->event == DN_EV_PLAN ||
		    ev->event == DN_EV_PAYMENT;
	evkey k = key_of(ev);

	if (ev->date > j->as_of)
		return 0; /* has not happened yet at as-of */
	if (cur[0] == '\0' && money)
		cur = dn_config_currency(j->cfg);
	if ((c = get_customer(j, ev->customer, ev->customer_len)) == NULL ||
	    (s = get_scope(c, cur)) == NULL)
		return -1;
	switch (ev->event) {
	case DN_EV_REMINDER:
	case DN_EV_CALL:
		s->contact = max_key(s->contact, k);
		return 0;
	case DN_EV_PROMISE:
	case DN_EV_PLAN:
		return add_promise(j, c, ev, cur);
	case DN_EV_DISPUTE:
	case DN_EV_DISPUTE_CLOSED: {
		int close = ev->event == DN_EV_DISPUTE_CLOSED;
		if (ev->invoices_len > 0)
			return mark_invoices(c, ev, close);
		if (close)
			s->close_all = max_key(s->close_all, k);
		else
			s->dispute_all = max_key(s->dispute_all, k);
		return 0;
	}
	case DN_EV_CLAIM_PAID:
		s->claim_paid = max_key(s->claim_paid, k);
		return 0;
	case DN_EV_BLOCK:
		s->block = max_key(s->block, k);
		return 0;
	case DN_EV_UNBLOCK:
		s->unblock = max_key(s->unblock, k);
		return 0;
	case DN_EV_INSOLVENCY:
		if (s->insolvency == 0 || k < s->insolvency)
			s->insolvency = k; /* the first one: "since" */
		return 0;
	case DN_EV_LEGAL:
		if (s->legal == 0 || k < s->legal)
			s->legal = k;
		return 0;
	default:
		return 0;
	}
}

/* The second pass: a payment counts for every promise and plan of its
 * customer and currency whose window [date, due + grace] holds its date. */
static void apply_payment(dn_journal *j, const dn_jevent *ev)
{
	const char *cur = ev->currency[0] ? ev->currency : dn_config_currency(j->cfg);
	dn_jcustomer *c;
	size_t i;

	if (ev->event != DN_EV_PAYMENT || ev->date > j->as_of)
		return;
	c = dn_keytab_get(j->customers, ev->customer, ev->customer_len, "", 0);
	for (i = 0; c != NULL && i < c->npromises; i++) {
		struct promise *p = &c->promises[i];
		if (strcmp(p->cur, cur) != 0 || ev->date < p->date || ev->date > p->deadline)
			continue;
		if (dn_money_add(p->paid, ev->amount, &p->paid) != 0)
			p->paid = ev->amount > 0 ? INT64_MAX : -INT64_MAX;
	}
}

/* ---- reading the file ---- */

/* A private copy of a record, so it can wait for the next one. */
struct held {
	dn_row_copy copy;
	int bad;       /* the reader found it bad ... */
	dn_error why;  /* ... for this reason */
};

struct pass {
	dn_journal *j;
	const char *path;
	int unterminated; /* the file's last byte is not a newline */
	int second;       /* payments only */
	long rows;
	long cut_line;    /* first line of the record left out, 0 when none */
};

/* Use one record: check it, then apply it for this pass. */
static int use_row(struct pass *ps, const dn_jschema *s, struct held *h, dn_error *e)
{
	dn_jevent ev;

	ps->rows++;
	if (h->bad) {
		*e = h->why;
		return e->status;
	}
	if (dn_jevent_read(s, &h->copy.row, &ev, e) != 0)
		return e->status;
	if (ps->second)
		apply_payment(ps->j, &ev);
	else if (apply_event(ps->j, &ev) != 0)
		return dn_error_set(e, DN_EX_SOFTWARE, "out of memory");
	return 0;
}

static int is_cut_quote(const dn_error *e)
{
	return e->reason == DN_R_UNTERMINATED_QUOTE;
}

static int read_pass(struct pass *ps, dn_error *e)
{
	const char *paths[1] = {ps->path};
	char delim = dn_config_input(ps->j->cfg)->delimiter;
	dn_csv_reader *rd = dn_csv_reader_new(paths, 1, delim, e);
	struct held h;
	dn_jschema s;
	dn_row row;
	int have = 0, rc = 0, got;

	memset(&h, 0, sizeof h);
	if (rd == NULL)
		return e->status;
	if ((rc = dn_jschema_init(&s, rd, ps->j->cfg, e)) != 0)
		goto done;
	for (;;) {
		dn_error_clear(e);
		got = dn_csv_next(rd, &row, e);
		if (got == 0 || (got < 0 && row.n == 0)) {
			/* The end, or a stream that cannot go on: an open quote
			 * at the end is a cut last record, anything else an
			 * error (after the record before it, which comes first). */
			int cut = got < 0 && is_cut_quote(e);
			dn_error why = *e;
			if (got == 0 && have && ps->unterminated) {
				ps->cut_line = h.copy.row.line;
				break;
			}
			if (have && (rc = use_row(ps, &s, &h, e)) != 0)
				break;
			if (cut)
				ps->cut_line = why.line;
			else if (got < 0)
				rc = (*e = why).status;
			break;
		}
		if (have && (rc = use_row(ps, &s, &h, e)) != 0)
			break;
		if (got < 0) {
			h.why = *e;
			h.bad = 1;
		} else {
			h.bad = 0;
		}
		if (dn_row_copy_set(&h.copy, &row) != 0) {
			rc = dn_error_set(e, DN_EX_SOFTWARE, "out of memory");
			break;
		}
		have = 1;
	}
done:
	dn_row_copy_free(&h.copy);
	dn_csv_reader_free(rd);
	return rc;
}

/* Open for the lock and the checks: 1 when the file does not exist or is
 * empty, 0 when it is to be read (fd open), else a status. */
static int open_journal(const char *path, int *fd, int *unterminated, dn_error *e)
{
	struct stat st;
	char last;

	*fd = open(path, O_RDONLY);
	if (*fd < 0) {
		if (errno == ENOENT)
			return 1;
		dn_error_set(e, DN_EX_NOINPUT, "cannot open: %s", strerror(errno));
		dn_error_where(e, path, 0);
		return DN_EX_NOINPUT;
	}
	if (fstat(*fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		dn_error_set(e, DN_EX_NOINPUT, "not a regular file (a journal is read twice)");
		dn_error_where(e, path, 0);
		close(*fd);
		return DN_EX_NOINPUT;
	}
	if (st.st_size == 0) {
		close(*fd);
		return 1;
	}
	/* Shared with other readers, excluded by an appender's LOCK_EX. */
	while (flock(*fd, LOCK_SH) != 0 && errno == EINTR)
		;
	*unterminated = pread(*fd, &last, 1, st.st_size - 1) == 1 && last != '\n';
	return 0;
}

int dn_journal_check(const char *path, dn_error *e)
{
	int fd = -1, unterminated = 0;
	int rc = open_journal(path, &fd, &unterminated, e);

	if (rc == 0)
		close(fd);
	return rc == 1 ? 0 : rc;
}

int dn_journal_read(const char *path, const dn_config *cfg, dn_date as_of, dn_journal **out,
		    dn_journal_info *info, dn_error *e)
{
	dn_journal *j = dn_journal_new_empty(cfg, as_of);
	struct pass ps;
	int fd = -1, unterminated = 0, rc;
	long first_rows;

	memset(info, 0, sizeof *info);
	*out = NULL;
	if (j == NULL)
		return dn_error_set(e, DN_EX_SOFTWARE, "out of memory");
	rc = open_journal(path, &fd, &unterminated, e);
	if (rc == 1) {
		info->missing = access(path, F_OK) != 0;
		*out = j;
		return 0;
	}
	if (rc != 0) {
		dn_journal_free(j);
		return rc;
	}
	memset(&ps, 0, sizeof ps);
	ps.j = j;
	ps.path = path;
	ps.unterminated = unterminated;
	rc = read_pass(&ps, e);
	first_rows = ps.rows;
	info->rows = ps.rows;
	info->unterminated_line = ps.cut_line;
	if (rc == 0) {
		ps.second = 1;
		ps.rows = 0;
		rc = read_pass(&ps, e);
		if (rc == 0 && ps.rows != first_rows) {
			rc = dn_error_set(e, DN_EX_DATAERR, "the journal changed while it was read");
			dn_error_where(e, path, 0);
		}
	}
	close(fd); /* releases the lock */
	if (rc != 0) {
		dn_journal_free(j);
		return rc;
	}
	*out = j;
	return 0;
}

/* ---- items and status ---- */

void dn_journal_see_item(dn_journal *j, const dn_item *it)
{
	dn_jcustomer *c;
	size_t i, k;

	if (j == NULL || !j->promise_invoices)
		return;
	c = dn_keytab_get(j->customers, it->customer, it->customer_len, "", 0);
	for (i = 0; c != NULL && i < c->npromises; i++) {
		struct promise *p = &c->promises[i];
		dn_date by = p->deadline < j->as_of ? p->deadline : j->as_of;
		for (k = 0; k < p->ninv; k++) {
			if (p->len[k] != it->invoice_len ||
			    memcmp(p->inv + p->off[k], it->invoice, it->invoice_len) != 0)
				continue;
			p->seen[k] = 1;
			if (!dn_item_settled_by(it, by))
				p->late[k] = 1;
		}
	}
}

const dn_jcustomer *dn_journal_customer(const dn_journal *j, const char *customer, size_t len)
{
	return j ? dn_keytab_get(j->customers, customer, len, "", 0) : NULL;
}

/* The latest key of a field over the customer's scope for cur and "". */
#define SCOPE_MAX(all, one, field)                                                      \
	max_key((all) ? (all)->field : 0, (one) ? (one)->field : 0)

int dn_journal_disputed(const dn_jcustomer *c, const char *cur, const char *invoice,
			size_t len)
{
	const struct scope *all, *one;
	evkey dispute, close;
	size_t i;

	if (c == NULL)
		return 0;
	all = find_scope(c, "");
	one = find_scope(c, cur);
	dispute = SCOPE_MAX(all, one, dispute_all);
	close = SCOPE_MAX(all, one, close_all);
	for (i = 0; i < c->ninvoices; i++) {
		if (c->invoices[i].len == len && memcmp(c->invoices[i].id, invoice, len) == 0) {
			dispute = max_key(dispute, c->invoices[i].dispute);
			close = max_key(close, c->invoices[i].close);
			break;
		}
	}
	return dispute > close;
}

/* kept (1), broken (-1) or still running (0). */
static int promise_state(const dn_journal *j, const struct promise *p)
{
	size_t k;
	int by_invoices = p->ninv > 0;

	if (p->has_amount && p->paid >= p->amount)
		return 1;
	/* An invoice the items do not show is not known to be open: plain
	 * aging output leaves settled items out, and a customer who kept a
	 * promise must never be escalated for it. */
	for (k = 0; k < p->ninv && by_invoices; k++)
		if (p->seen[k] && p->late[k])
			by_invoices = 0;
	if (by_invoices)
		return 1;
	return j->as_of > p->deadline ? -1 : 0;
}

/* The earliest of two "first" keys (0 = none). */
static evkey min_key(evkey a, evkey b)
{
	if (a == 0)
		return b;
	if (b == 0)
		return a;
	return a < b ? a : b;
}

void dn_journal_status_of(const dn_journal *j, const dn_jcustomer *c, const char *cur,
			  dn_journal_status *st)
{
	const struct scope *all, *one;
	evkey block, k;
	size_t i;

	memset(st, 0, sizeof *st);
	if (c == NULL)
		return;
	all = find_scope(c, "");
	one = find_scope(c, cur);
	st->contacted = SCOPE_MAX(all, one, contact) != 0;
	k = SCOPE_MAX(all, one, claim_paid);
	if ((st->claim_paid = k != 0))
		st->claim_paid_date = key_date(k);
	block = SCOPE_MAX(all, one, block);
	if ((st->blocked = block > SCOPE_MAX(all, one, unblock)))
		st->blocked_since = key_date(block);
	k = min_key(all ? all->insolvency : 0, one ? one->insolvency : 0);
	if ((st->insolvent = k != 0))
		st->insolvent_since = key_date(k);
	k = min_key(all ? all->legal : 0, one ? one->legal : 0);
	if ((st->legal = k != 0))
		st->legal_since = key_date(k);
	for (i = 0; i < c->npromises; i++) {
		const struct promise *p = &c->promises[i];
		int state;
		if (strcmp(p->cur, cur) != 0)
			continue;
		state = promise_state(j, p);
		if (p->is_plan) {
			if (state > 0)
				st->plans_kept++;
			else if (state < 0)
				st->plans_broken++;
			else if (j->as_of <= p->due) {
				if (st->plans_active++ == 0 || p->due > st->plan_until)
					st->plan_until = p->due;
			}
		} else {
			if (state > 0)
				st->promises_kept++;
			else if (state < 0)
				st->promises_broken++;
			else if (st->promises_open++ == 0 || p->due > st->promise_until)
				st->promise_until = p->due;
		}
	}
}
