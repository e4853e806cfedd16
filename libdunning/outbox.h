/* outbox.h - remind's messages written out, in one of three formats:
 *   csv   one row per message: date, customer, currency, level,
 *         level_name, channel, to, subject, body, overdue, fee, interest,
 *         invoices, ref (the [output] settings and --excel-safe apply);
 *   mbox  mboxrd, one RFC 5322 message per email-channel reminder
 *         (mail.h); the other channels are left out and counted;
 *   text  one plain page per message, pages separated by form feeds.
 */
#ifndef DN_OUTBOX_H
#define DN_OUTBOX_H

#include <stdio.h>

#include "config.h"
#include "error.h"
#include "out.h"
#include "remind.h"

typedef enum dn_outbox_format { DN_OUTBOX_CSV, DN_OUTBOX_MBOX, DN_OUTBOX_TEXT } dn_outbox_format;

typedef struct dn_outbox dn_outbox;

/* A new outbox on fp (borrowed) at as_of; sender: the From of mails (may
 * be NULL); mail_date: their Date, seconds since the epoch.  The CSV
 * header is written at once.  NULL with e filled on failure. */
dn_outbox *dn_outbox_new(FILE *fp, dn_outbox_format format, const dn_config *cfg,
			 int excel_safe, dn_date as_of, const char *sender, long long mail_date,
			 dn_error *e);

/* Write message m of outcome q: 0, 1 when the format leaves it out (not an
 * email, in mbox), or a status with e filled. */
int dn_outbox_put(dn_outbox *b, const dn_remind_outcome *q, const dn_message *m, dn_error *e);

/* Flush what is buffered (ok: the run succeeded) and free b (NULL is a
 * no-op): 0, or DN_EX_IOERR with e filled. */
int dn_outbox_close(dn_outbox *b, int ok, dn_error *e);

/* The Date of mails from $SOURCE_DATE_EPOCH's text (NULL or empty: now,
 * the clock read here and nowhere else): 0 with *out set, or DN_EX_USAGE
 * with e naming the variable when it is not a number of seconds. */
int dn_outbox_mail_date(const char *epoch, long long *out, dn_error *e);

#endif
