/* jhistory.c - per invoice and customer dunning history (see jhistory.h).
 *
 * Kept apart from journal.c (promises, plans, holds): a third pass over
 * the file, so that remind's needs do not weigh on prioritize and kpi.
 */
#define _DEFAULT_SOURCE /* flock(2) */
#define _POSIX_C_SOURCE 200809L
#include "jhistory.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/file.h>
#include <unistd.h>

#include "jfile.h"
#include "keytab.h"

struct lastrem {
	char cur[4]; /* "" for reminders without a currency */
	dn_date date;
};

struct hcust {
	long outbound, calls;
	struct lastrem *last;
	size_t nlast;
	char **wrong; /* addresses, trimmed */
	size_t nwrong;
	size_t len;
	char name[];
};

struct hinv {
	long level;
	size_t clen, ilen;
	char key[]; /* customer then invoice */
};

struct dn_jhistory {
	dn_date as_of;
	dn_keytab *cust, *inv;
};

static void cust_key(const void *rec, const char **k1, size_t *n1, const char **k2, size_t *n2)
{
	const struct hcust *c = rec;

	*k1 = c->name;
	*n1 = c->len;
	*k2 = "";
	*n2 = 0;
}

static void inv_key(const void *rec, const char **k1, size_t *n1, const char **k2, size_t *n2)
{
	const struct hinv *v = rec;

	*k1 = v->key;
	*n1 = v->clen;
	*k2 = v->key + v->clen;
	*n2 = v->ilen;
}

dn_jhistory *dn_jhistory_new(dn_date as_of)
{
	dn_jhistory *h = calloc(1, sizeof *h);

	if (h == NULL)
		return NULL;
	h->as_of = as_of;
	h->cust = dn_keytab_new(cust_key);
	h->inv = dn_keytab_new(inv_key);
	if (h->cust == NULL || h->inv == NULL) {
		dn_jhistory_free(h);
		return NULL;
	}
	return h;
}

void dn_jhistory_free(dn_jhistory *h)
{
	size_t pos = 0, i;
	struct hcust *c;
	void *v;

	if (h == NULL)
		return;
	while (h->cust != NULL && (c = dn_keytab_next(h->cust, &pos)) != NULL) {
		for (i = 0; i < c->nwrong; i++)
			free(c->wrong[i]);
		free(c->wrong);
		free(c->last);
		free(c);
	}
	pos = 0;
	while (h->inv != NULL && (v = dn_keytab_next(h->inv, &pos)) != NULL)
		free(v);
	dn_keytab_free(h->cust);
	dn_keytab_free(h->inv);
	free(h);
}

static struct hcust *get_cust(dn_jhistory *h, const char *name, size_t len)
{
	struct hcust *c = dn_keytab_get(h->cust, name, len, "", 0);

	if (c != NULL)
		return c;
	if ((c = calloc(1, sizeof *c + len + 1)) == NULL)
		return NULL;
	memcpy(c->name, name, len);
	c->len = len;
	if (dn_keytab_put(h->cust, c) != 0) {
		free(c);
		return NULL;
	}
	return c;
}

static int set_level(dn_jhistory *h, const char *cust, size_t clen, const char *inv,
		     size_t ilen, long level)
{
	struct hinv *v = dn_keytab_get(h->inv, cust, clen, inv, ilen);

	if (v == NULL) {
		if ((v = calloc(1, sizeof *v + clen + ilen + 1)) == NULL)
			return -1;
		memcpy(v->key, cust, clen);
		memcpy(v->key + clen, inv, ilen);
		v->clen = clen;
		v->ilen = ilen;
		if (dn_keytab_put(h->inv, v) != 0) {
			free(v);
			return -1;
		}
	}
	if (level > v->level)
		v->level = level;
	return 0;
}

/* Each INVOICE:LEVEL (or bare INVOICE, at the event's level) of a reminder. */
static int add_levels(dn_jhistory *h, const dn_jevent *ev)
{
	const char *s = ev->invoices;
	size_t start = 0, i, n = ev->invoices_len;

	for (i = 0; i <= n; i++) {
		const char *id = s + start, *colon = NULL;
		size_t len = i - start, k;
		long level = ev->level;
		if (i < n && s[i] != ';')
			continue;
		start = i + 1;
		if (len == 0)
			continue;
		for (k = len; k > 0; k--)
			if (id[k - 1] == ':') {
				colon = id + k - 1;
				break;
			}
		if (colon != NULL) {
			level = strtol(colon + 1, NULL, 10);
			len = (size_t)(colon - id);
		}
		if (level > 0 && set_level(h, ev->customer, ev->customer_len, id, len, level) != 0)
			return -1;
	}
	return 0;
}

static int add_last(struct hcust *c, const char *cur, dn_date d)
{
	struct lastrem *nl;
	size_t i;

	for (i = 0; i < c->nlast; i++)
		if (strcmp(c->last[i].cur, cur) == 0) {
			if (d > c->last[i].date)
				c->last[i].date = d;
			return 0;
		}
	if ((nl = realloc(c->last, (c->nlast + 1) * sizeof *nl)) == NULL)
		return -1;
	c->last = nl;
	memcpy(nl[c->nlast].cur, cur, 4);
	nl[c->nlast++].date = d;
	return 0;
}

/* s[0..len) without surrounding spaces. */
static void trim(const char **s, size_t *len)
{
	while (*len > 0 && isspace((unsigned char)**s)) {
		(*s)++;
		(*len)--;
	}
	while (*len > 0 && isspace((unsigned char)(*s)[*len - 1]))
		(*len)--;
}

static int add_wrong(struct hcust *c, const char *note, size_t len)
{
	char **nw;

	trim(&note, &len);
	if (len == 0)
		return 0;
	if ((nw = realloc(c->wrong, (c->nwrong + 1) * sizeof *nw)) == NULL)
		return -1;
	c->wrong = nw;
	if ((nw[c->nwrong] = strndup(note, len)) == NULL)
		return -1;
	c->nwrong++;
	return 0;
}

int dn_jhistory_add(dn_jhistory *h, const dn_jevent *ev, const char *note, size_t note_len)
{
	struct hcust *c;
	int rc = 0;

	if (ev->date > h->as_of)
		return 0; /* not happened yet */
	if (ev->event != DN_EV_REMINDER && ev->event != DN_EV_CALL &&
	    ev->event != DN_EV_WRONG_CONTACT)
		return 0;
	if ((c = get_cust(h, ev->customer, ev->customer_len)) == NULL)
		return DN_EX_SOFTWARE;
	if ((long)h->as_of - (long)ev->date <= 6) {
		if (ev->event == DN_EV_REMINDER)
			c->outbound++;
		else if (ev->event == DN_EV_CALL)
			c->calls++;
	}
	if (ev->event == DN_EV_REMINDER)
		rc = add_levels(h, ev) != 0 || add_last(c, ev->currency, ev->date) != 0;
	else if (ev->event == DN_EV_WRONG_CONTACT && note != NULL)
		rc = add_wrong(c, note, note_len);
	return rc != 0 ? DN_EX_SOFTWARE : 0;
}

int dn_jhistory_read(dn_jhistory *h, const char *path, const dn_config *cfg, long skip_line,
		     dn_error *e)
{
	const char *paths[1] = {path};
	dn_csv_reader *rd;
	dn_jschema s;
	dn_jevent ev;
	dn_row row;
	int fd, got, rc = 0;

	fd = open(path, O_RDONLY);
	if (fd < 0)
		return errno == ENOENT ? 0 : dn_error_set(e, DN_EX_NOINPUT, "%s: cannot open: %s",
							   path, strerror(errno));
	while (flock(fd, LOCK_SH) != 0 && errno == EINTR)
		;
	if (lseek(fd, 0, SEEK_END) == 0) {
		close(fd);
		return 0;
	}
	rd = dn_csv_reader_new(paths, 1, dn_jfile_delimiter(fd, dn_config_input(cfg)->delimiter), e);
	if (rd == NULL) {
		close(fd);
		return e->status;
	}
	rc = dn_jschema_init(&s, rd, cfg, e);
	while (rc == 0 && (got = dn_csv_next(rd, &row, e)) != 0) {
		size_t nlen = 0;
		const char *note = NULL;
		if (row.line == skip_line && skip_line > 0)
			break; /* the cut last record */
		if (got < 0 || dn_jevent_read(&s, &row, &ev, e) != 0) {
			rc = e->status != 0 ? e->status : DN_EX_DATAERR;
			break;
		}
		if (s.col[DN_JCOL_NOTE] >= 0 && (size_t)s.col[DN_JCOL_NOTE] < row.n) {
			note = row.v[s.col[DN_JCOL_NOTE]];
			nlen = row.len[s.col[DN_JCOL_NOTE]];
		}
		if (dn_jhistory_add(h, &ev, note, nlen) != 0)
			rc = dn_error_set(e, DN_EX_SOFTWARE, "out of memory");
	}
	dn_csv_reader_free(rd);
	close(fd);
	return rc;
}

long dn_jhistory_level(const dn_jhistory *h, const char *customer, size_t clen,
		       const char *invoice, size_t ilen)
{
	const struct hinv *v;

	if (h == NULL)
		return 0;
	v = dn_keytab_get(h->inv, customer, clen, invoice, ilen);
	return v != NULL ? v->level : 0;
}

int dn_jhistory_last_reminder(const dn_jhistory *h, const char *customer, size_t clen,
			      const char *cur, dn_date *out)
{
	const struct hcust *c = h != NULL ? dn_keytab_get(h->cust, customer, clen, "", 0) : NULL;
	int found = 0;
	size_t i;

	for (i = 0; c != NULL && i < c->nlast; i++)
		if (c->last[i].cur[0] == '\0' || strcmp(c->last[i].cur, cur) == 0)
			if (!found || c->last[i].date > *out) {
				*out = c->last[i].date;
				found = 1;
			}
	return found;
}

void dn_jhistory_contacts(const dn_jhistory *h, const char *customer, size_t clen,
			  long *outbound, long *calls)
{
	const struct hcust *c = h != NULL ? dn_keytab_get(h->cust, customer, clen, "", 0) : NULL;

	*outbound = c != NULL ? c->outbound : 0;
	*calls = c != NULL ? c->calls : 0;
}

int dn_jhistory_wrong_contact(const dn_jhistory *h, const char *customer, size_t clen,
			      const char *address, size_t alen)
{
	const struct hcust *c = h != NULL ? dn_keytab_get(h->cust, customer, clen, "", 0) : NULL;
	size_t i;

	if (address == NULL)
		return 0;
	trim(&address, &alen);
	for (i = 0; c != NULL && i < c->nwrong; i++)
		if (strlen(c->wrong[i]) == alen && strncasecmp(c->wrong[i], address, alen) == 0)
			return 1;
	return 0;
}
