/* jevent.h - the events and columns of the journal, and one row of it read
 * and checked (the rules every reader and the appender share).
 */
#ifndef DN_JEVENT_H
#define DN_JEVENT_H

#include <stddef.h>
#include <stdint.h>

#include "config.h"
#include "csvio.h"
#include "date.h"
#include "error.h"

/* Event names, in the spec's order. */
typedef enum dn_event {
	DN_EV_REMINDER,
	DN_EV_CALL,
	DN_EV_MESSAGE_IN,
	DN_EV_PROMISE,
	DN_EV_DISPUTE,
	DN_EV_DISPUTE_CLOSED,
	DN_EV_PLAN,
	DN_EV_PAYMENT,
	DN_EV_CLAIM_PAID,
	DN_EV_WRONG_CONTACT,
	DN_EV_BLOCK,
	DN_EV_UNBLOCK,
	DN_EV_INSOLVENCY,
	DN_EV_LEGAL,
	DN_EV_NOTE,
	DN_EV_COUNT
} dn_event;

/* "promise" for DN_EV_PROMISE. */
const char *dn_event_name(dn_event ev);

/* The event named s[0..len) (exact, lower case), or -1. */
int dn_event_from_name(const char *s, size_t len);

/* Journal columns, in the order the journal writes them. */
typedef enum dn_jcol {
	DN_JCOL_DATE,
	DN_JCOL_CUSTOMER,
	DN_JCOL_CURRENCY,
	DN_JCOL_EVENT,
	DN_JCOL_INVOICES,
	DN_JCOL_LEVEL,
	DN_JCOL_CHANNEL,
	DN_JCOL_AMOUNT,
	DN_JCOL_FEE,
	DN_JCOL_DUE_DATE,
	DN_JCOL_REF,
	DN_JCOL_NOTE,
	DN_JCOL_COUNT
} dn_jcol;

/* "due_date" for DN_JCOL_DUE_DATE. */
const char *dn_jcol_name(dn_jcol c);

/* Where each journal column is in a reader's header. */
typedef struct dn_jschema {
	int col[DN_JCOL_COUNT]; /* header index, -1 when absent */
	const dn_config *cfg;   /* borrowed: [input] formats, currencies */
} dn_jschema;

/* Map a journal header.  Fails (DN_EX_DATAERR, naming the column) when a
 * header column is not a journal column, or date, customer or event is
 * missing.  Header names match case-insensitively, as for items. */
int dn_jschema_init(dn_jschema *s, const dn_csv_reader *r, const dn_config *cfg, dn_error *e);

/* One journal row, converted and checked.  Strings are borrowed from the
 * row (valid until the reader's next record). */
typedef struct dn_jevent {
	dn_date date;
	dn_event event;
	const char *customer;
	size_t customer_len;
	char currency[4];  /* upper case; "" when the row has none (see scope) */
	int decimals;      /* of currency, else of the [general] currency */
	const char *invoices; /* ';'-separated; for reminders INVOICE:LEVEL */
	size_t invoices_len;
	long level;        /* -1 when empty */
	int channel;       /* 0 email, 1 sms, 2 letter, 3 call; -1 when empty */
	int has_amount, has_fee, has_due_date;
	int64_t amount, fee;
	dn_date due_date;
	const char *ref;   /* "" when none */
	size_t ref_len;
	const char *note;  /* "" when none */
	size_t note_len;
	long line;         /* first physical line of the row */
} dn_jevent;

/* Convert and check a row: the date, a known event, a known currency,
 * amounts with at most the currency's decimals, a whole level, a known
 * channel, well-formed invoices; a promise or plan needs a due_date on or
 * after its date and a positive amount or invoices; a payment needs an
 * amount.  Returns 0, or DN_EX_DATAERR with e naming file, line, column and
 * value, worded as for items. */
int dn_jevent_read(const dn_jschema *s, const dn_row *row, dn_jevent *ev, dn_error *e);

#endif
