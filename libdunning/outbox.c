/* outbox.c - remind's messages written as CSV rows, mbox mails or pages. */
#include "outbox.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "mail.h"
#include "template.h"

enum { C_DATE, C_CUST, C_CUR, C_LEVEL, C_LNAME, C_CHANNEL, C_TO, C_SUBJECT, C_BODY, C_OVERDUE,
       C_FEE, C_INTEREST, C_INVOICES, C_REF, C_COUNT };

struct dn_outbox {
	FILE *fp;
	dn_outbox_format format;
	dn_date as_of;
	const char *sender;
	long long mail_date;
	dn_out *out;   /* csv */
	dn_text mail;  /* mbox: one message at a time */
	long pages;    /* text: pages written */
};

static void declare(dn_out *o)
{
	static const struct {
		const char *name;
		dn_cell type;
	} cols[C_COUNT] = {
		{"date", DN_CELL_DATE},       {"customer", DN_CELL_TEXT}, {"currency", DN_CELL_TEXT},
		{"level", DN_CELL_INT},       {"level_name", DN_CELL_TEXT}, {"channel", DN_CELL_TEXT},
		{"to", DN_CELL_TEXT},         {"subject", DN_CELL_TEXT},  {"body", DN_CELL_TEXT},
		{"overdue", DN_CELL_MONEY},   {"fee", DN_CELL_MONEY},     {"interest", DN_CELL_MONEY},
		{"invoices", DN_CELL_TEXT},   {"ref", DN_CELL_TEXT},
	};
	size_t k;

	for (k = 0; k < C_COUNT; k++)
		dn_out_col(o, cols[k].name, cols[k].type);
	dn_out_header(o);
}

dn_outbox *dn_outbox_new(FILE *fp, dn_outbox_format format, const dn_config *cfg,
			 int excel_safe, dn_date as_of, const char *sender, long long mail_date,
			 dn_error *e)
{
	dn_outbox *b = calloc(1, sizeof *b);

	if (b == NULL) {
		dn_error_set(e, DN_EX_SOFTWARE, "out of memory");
		return NULL;
	}
	b->fp = fp;
	b->format = format;
	b->as_of = as_of;
	b->sender = sender;
	b->mail_date = mail_date;
	if (format == DN_OUTBOX_CSV) {
		if ((b->out = dn_out_new(fp, DN_OUT_CSV, cfg, excel_safe, e)) == NULL) {
			free(b);
			return NULL;
		}
		declare(b->out);
	}
	return b;
}

static int put_row(dn_outbox *b, const dn_remind_outcome *q, const dn_message *m, dn_error *e)
{
	dn_out *o = b->out;

	dn_out_date(o, C_DATE, b->as_of);
	dn_out_text(o, C_CUST, q->customer, q->customer_len);
	dn_out_str(o, C_CUR, q->currency);
	dn_out_int(o, C_LEVEL, q->decision.level);
	dn_out_str(o, C_LNAME, q->level->name);
	dn_out_str(o, C_CHANNEL, q->level->channel);
	dn_out_text(o, C_TO, q->to, q->to_len);
	dn_out_text(o, C_SUBJECT, m->subject.s, m->subject.len);
	dn_out_text(o, C_BODY, m->body.s, m->body.len);
	dn_out_money(o, C_OVERDUE, q->overdue, q->decimals);
	dn_out_money(o, C_FEE, q->fee, q->decimals);
	dn_out_money(o, C_INTEREST, q->interest, q->decimals);
	dn_out_text(o, C_INVOICES, m->invoices.s, m->invoices.len);
	dn_out_str(o, C_REF, q->ref);
	return dn_out_row(o, NULL, e);
}

static void put_page(dn_outbox *b, const dn_remind_outcome *q, const dn_message *m)
{
	FILE *fp = b->fp;

	if (b->pages++ > 0)
		fputs("\f", fp);
	fprintf(fp, "Customer: %.*s (%s)\nLevel: %d (%s), %s\nTo: %.*s\n", (int)q->customer_len,
		q->customer, q->currency, q->decision.level, q->level->name, q->level->channel,
		(int)q->to_len, q->to);
	if (m->subject.len > 0)
		fprintf(fp, "Subject: %s\n", m->subject.s);
	fprintf(fp, "Invoices: %s\nRef: %s\n\n", m->invoices.s, q->ref);
	fwrite(m->body.s, 1, m->body.len, fp);
	if (m->body.len == 0 || m->body.s[m->body.len - 1] != '\n')
		fputc('\n', fp);
}

static int put_mail(dn_outbox *b, const dn_remind_outcome *q, const dn_message *m, dn_error *e)
{
	dn_mail mail;

	if (strcmp(q->level->channel, "email") != 0)
		return 1;
	memset(&mail, 0, sizeof mail);
	mail.from = b->sender;
	mail.to = q->to;
	mail.to_len = q->to_len;
	mail.subject = m->subject.s;
	mail.subject_len = m->subject.len;
	mail.body = m->body.s;
	mail.body_len = m->body.len;
	mail.ref = q->ref;
	mail.date = b->mail_date;
	dn_text_clear(&b->mail);
	if (dn_mail_write(&b->mail, &mail) != 0)
		return dn_error_set(e, DN_EX_SOFTWARE, "out of memory");
	fwrite(b->mail.s, 1, b->mail.len, b->fp);
	return 0;
}

int dn_outbox_put(dn_outbox *b, const dn_remind_outcome *q, const dn_message *m, dn_error *e)
{
	switch (b->format) {
	case DN_OUTBOX_CSV:
		return put_row(b, q, m, e);
	case DN_OUTBOX_MBOX:
		return put_mail(b, q, m, e);
	default:
		put_page(b, q, m);
		return 0;
	}
}

int dn_outbox_close(dn_outbox *b, int ok, dn_error *e)
{
	int rc = 0;

	if (b == NULL)
		return 0;
	if (b->out != NULL)
		rc = dn_out_close(b->out, ok, e);
	else if (fflush(b->fp) != 0 || ferror(b->fp)) {
		rc = dn_error_set(e, DN_EX_IOERR, "write error: %s", strerror(errno ? errno : EIO));
		dn_error_where(e, "<stdout>", 0);
	}
	dn_out_free(b->out);
	dn_text_free(&b->mail);
	free(b);
	return rc;
}

int dn_outbox_mail_date(const char *epoch, long long *out, dn_error *e)
{
	char *end;
	long long v;

	if (epoch == NULL || epoch[0] == '\0') {
		*out = (long long)time(NULL);
		return 0;
	}
	v = strtoll(epoch, &end, 10);
	if (*end != '\0' || v < 0 || epoch[0] < '0' || epoch[0] > '9') {
		dn_error_set(e, DN_EX_USAGE, "SOURCE_DATE_EPOCH: not a number of seconds");
		dn_error_value(e, epoch, strlen(epoch));
		return DN_EX_USAGE;
	}
	*out = v;
	return 0;
}
