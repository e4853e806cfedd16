/* mail.h - reminders as mail: one RFC 5322 message each, in an mboxrd file.
 *
 * Each message: the mbox "From " line, From ([general] sender), To,
 * Subject (RFC 2047 encoded words, "=?UTF-8?B?...?=" of whole characters,
 * at most 75 characters each, one a folded line, when it is not short
 * printable ASCII), Date, Message-ID (<REF@domain of the sender>, or
 * @dunning.invalid), MIME-Version, Content-Type text/plain; charset=UTF-8,
 * Content-Transfer-Encoding quoted-printable; a blank line, the body, a
 * blank line.  No header value can hold CR or LF: they become spaces
 * before encoding, so a customer name or address cannot add a header.
 * The quoted-printable body never has a line starting with "From " or
 * ">From " (its first character is encoded then), and the mboxrd escaping
 * (">" before every line matching ^>*From ) is applied after, so mboxo and
 * mboxrd readers read the same message.
 */
#ifndef DN_MAIL_H
#define DN_MAIL_H

#include <stddef.h>

#include "date.h"
#include "template.h"

typedef struct dn_mail {
	const char *from;    /* "Name <addr>" or "addr"; may be NULL */
	const char *to;      /* the recipient's address */
	size_t to_len;
	const char *subject; /* UTF-8 */
	size_t subject_len;
	const char *body;    /* UTF-8, LF line ends */
	size_t body_len;
	const char *ref;     /* the Message-ID's local part */
	long long date;      /* seconds since 1970-01-01 UTC */
} dn_mail;

/* Append one mboxrd message to out.  Returns 0, or DN_EX_SOFTWARE when out
 * of memory. */
int dn_mail_write(dn_text *out, const dn_mail *m);

/* Append s[0..len) as RFC 2047 encoded words, separated by "\n " (folded
 * header lines); the first word has room for at most first_room
 * characters, the others 75. */
void dn_mail_encoded_words(dn_text *out, const char *s, size_t len, size_t first_room);

/* Append body[0..len) as quoted-printable lines of at most 76 characters. */
void dn_mail_qp(dn_text *out, const char *body, size_t len);

/* "Mon, 23 Nov 2026 00:00:00 +0000" into buf (at least 40 bytes). */
void dn_mail_date(long long epoch, char *buf, size_t size);

#endif
