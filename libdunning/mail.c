/* mail.c - mboxrd messages (see mail.h). */
#include "mail.h"

#include <stdio.h>
#include <string.h>

static const char b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

static void base64(dn_text *out, const unsigned char *s, size_t len)
{
	char q[4];
	size_t i;

	for (i = 0; i < len; i += 3) {
		unsigned v = (unsigned)s[i] << 16;
		if (i + 1 < len)
			v |= (unsigned)s[i + 1] << 8;
		if (i + 2 < len)
			v |= s[i + 2];
		q[0] = b64[(v >> 18) & 63];
		q[1] = b64[(v >> 12) & 63];
		q[2] = i + 1 < len ? b64[(v >> 6) & 63] : '=';
		q[3] = i + 2 < len ? b64[v & 63] : '=';
		dn_text_append(out, q, 4);
	}
}

/* Length of the UTF-8 character starting with byte c (1 for a stray byte). */
static size_t char_len(unsigned char c)
{
	return c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
}

void dn_mail_encoded_words(dn_text *out, const char *s, size_t len, size_t first_room)
{
	/* "=?UTF-8?B?" + base64 + "?=": 12 characters around; n bytes take
	 * 4 * ceil(n / 3) characters. */
	size_t i = 0, room = first_room;
	int first = 1;

	while (i < len || first) {
		size_t max_bytes = room > 12 ? (room - 12) / 4 * 3 : 3, n = 0;
		while (i + n < len) {
			size_t c = char_len((unsigned char)s[i + n]);
			if (i + n + c > len)
				c = len - i - n;
			if (n + c > max_bytes && n > 0)
				break;
			n += c;
		}
		if (!first)
			dn_text_puts(out, "\n ");
		dn_text_puts(out, "=?UTF-8?B?");
		base64(out, (const unsigned char *)s + i, n);
		dn_text_puts(out, "?=");
		i += n;
		first = 0;
		room = 75;
	}
}

/* s with CR, LF and other control bytes as spaces, into a text. */
static void one_line(dn_text *t, const char *s, size_t len)
{
	size_t i;

	dn_text_clear(t);
	for (i = 0; i < len; i++) {
		char c = s[i];
		if ((unsigned char)c < 0x20 || c == 0x7f)
			c = ' ';
		dn_text_append(t, &c, 1);
	}
}

static int printable_ascii(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if ((unsigned char)s[i] < 0x20 || (unsigned char)s[i] > 0x7e)
			return 0;
	return 1;
}

/* Does s[0..len) start with >*"From "? */
static int from_line(const char *s, size_t len)
{
	size_t i = 0;

	while (i < len && s[i] == '>')
		i++;
	return len - i >= 5 && memcmp(s + i, "From ", 5) == 0;
}

void dn_mail_qp(dn_text *out, const char *body, size_t len)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t i = 0;

	while (i <= len) {
		size_t eol = i, col = 0, k;
		while (eol < len && body[eol] != '\n')
			eol++;
		k = eol;
		if (k > i && body[k - 1] == '\r')
			k--; /* CRLF in a template: the line ends before CR */
		for (size_t j = i; j < k; j++) {
			unsigned char c = (unsigned char)body[j];
			char tok[3];
			size_t n = 1;
			int enc = c == '=' || c > 0x7e || (c < 0x20 && c != '\t') ||
				  ((c == ' ' || c == '\t') && j + 1 == k) ||
				  (col == 0 && from_line(body + j, k - j));
			if (enc) {
				tok[0] = '=';
				tok[1] = hex[c >> 4];
				tok[2] = hex[c & 15];
				n = 3;
			} else {
				tok[0] = (char)c;
			}
			/* keep room for the soft break '=' */
			if (col + n > 75 && !(j + 1 == k && col + n <= 76)) {
				dn_text_puts(out, "=\n");
				col = 0;
				if (!enc && from_line(body + j, k - j)) {
					tok[0] = '=';
					tok[1] = hex[c >> 4];
					tok[2] = hex[c & 15];
					n = 3;
				}
			}
			dn_text_append(out, tok, n);
			col += n;
		}
		if (eol >= len)
			break;
		dn_text_puts(out, "\n");
		i = eol + 1;
	}
}

void dn_mail_date(long long epoch, char *buf, size_t size)
{
	static const char *const wd[] = {"Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"};
	static const char *const mon[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
					  "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
	long long days = epoch / 86400, secs = epoch % 86400;
	int y, m, d;

	if (secs < 0) {
		secs += 86400;
		days--;
	}
	dn_date_to_ymd((dn_date)days, &y, &m, &d);
	snprintf(buf, size, "%s, %02d %s %04d %02lld:%02lld:%02lld +0000",
		 wd[((days % 7) + 7) % 7], d, mon[m - 1], y, secs / 3600, secs / 60 % 60,
		 secs % 60);
}

/* The address inside "Name <addr>", or the whole value. */
static void split_from(const char *from, const char **name, size_t *nlen, const char **addr,
		       size_t *alen)
{
	const char *lt = strrchr(from, '<'), *gt = lt ? strchr(lt, '>') : NULL;

	if (lt != NULL && gt != NULL) {
		*name = from;
		*nlen = (size_t)(lt - from);
		while (*nlen > 0 && from[*nlen - 1] == ' ')
			(*nlen)--;
		if (*nlen >= 2 && from[0] == '"' && from[*nlen - 1] == '"') {
			(*name)++;
			*nlen -= 2;
		}
		*addr = lt + 1;
		*alen = (size_t)(gt - lt - 1);
	} else {
		*name = from;
		*nlen = 0;
		*addr = from;
		*alen = strlen(from);
	}
}

static void put_name(dn_text *out, const char *name, size_t len, size_t room)
{
	size_t i;

	if (!printable_ascii(name, len)) {
		dn_mail_encoded_words(out, name, len, room);
		return;
	}
	dn_text_puts(out, "\"");
	for (i = 0; i < len; i++) {
		if (name[i] == '"' || name[i] == '\\')
			dn_text_puts(out, "\\");
		dn_text_append(out, name + i, 1);
	}
	dn_text_puts(out, "\"");
}

int dn_mail_write(dn_text *out, const dn_mail *m)
{
	static const char *const wd[] = {"Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"};
	static const char *const mon[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
					  "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
	dn_text line = {0}, name = {0}, addr = {0}, qp = {0};
	const char *n, *a, *at;
	size_t nl, al, i;
	char date[64], envelope[64];
	long long days = m->date / 86400, secs = m->date % 86400;
	int y, mo, d, rc;

	if (secs < 0) {
		secs += 86400;
		days--;
	}
	dn_date_to_ymd((dn_date)days, &y, &mo, &d);
	snprintf(envelope, sizeof envelope, "%s %s %2d %02lld:%02lld:%02lld %04d",
		 wd[((days % 7) + 7) % 7], mon[mo - 1], d, secs / 3600, secs / 60 % 60, secs % 60,
		 y);
	split_from(m->from != NULL ? m->from : "", &n, &nl, &a, &al);
	one_line(&name, n, nl);
	one_line(&addr, a, al);
	for (i = 0; i < addr.len; i++)
		if (addr.s[i] == ' ')
			addr.s[i] = '_'; /* an envelope address is one word */
	dn_text_puts(out, "From ");
	dn_text_puts(out, addr.len > 0 ? addr.s : "MAILER-DAEMON");
	dn_text_puts(out, " ");
	dn_text_puts(out, envelope);
	dn_text_puts(out, "\n");
	one_line(&addr, a, al);
	if (addr.len > 0) {
		dn_text_puts(out, "From: ");
		if (name.len > 0) {
			put_name(out, name.s, name.len, 78 - 6);
			dn_text_puts(out, " ");
		}
		dn_text_puts(out, "<");
		dn_text_append(out, addr.s, addr.len);
		dn_text_puts(out, ">\n");
	}
	one_line(&line, m->to, m->to_len);
	dn_text_puts(out, "To: ");
	dn_text_append(out, line.s, line.len);
	dn_text_puts(out, "\n");
	one_line(&line, m->subject, m->subject_len);
	dn_text_puts(out, "Subject: ");
	if (printable_ascii(line.s, line.len) && line.len <= 78 - 9)
		dn_text_append(out, line.s, line.len);
	else
		dn_mail_encoded_words(out, line.s, line.len, 78 - 9);
	dn_text_puts(out, "\n");
	dn_mail_date(m->date, date, sizeof date);
	dn_text_puts(out, "Date: ");
	dn_text_puts(out, date);
	dn_text_puts(out, "\nMessage-ID: <");
	one_line(&line, m->ref, strlen(m->ref));
	dn_text_append(out, line.s, line.len);
	dn_text_puts(out, "@");
	one_line(&addr, a, al);
	at = addr.len > 0 ? memchr(addr.s, '@', addr.len) : NULL;
	if (at != NULL && at + 1 < addr.s + addr.len)
		dn_text_append(out, at + 1, (size_t)(addr.s + addr.len - at - 1));
	else
		dn_text_puts(out, "dunning.invalid");
	dn_text_puts(out, ">\nMIME-Version: 1.0\n"
			  "Content-Type: text/plain; charset=UTF-8\n"
			  "Content-Transfer-Encoding: quoted-printable\n\n");
	dn_mail_qp(&qp, m->body, m->body_len);
	/* mboxrd: one more '>' on every line matching ^>*From  */
	for (i = 0; i < qp.len;) {
		size_t eol = i;
		while (eol < qp.len && qp.s[eol] != '\n')
			eol++;
		if (from_line(qp.s + i, eol - i))
			dn_text_puts(out, ">");
		dn_text_append(out, qp.s + i, eol - i);
		dn_text_puts(out, "\n");
		i = eol + 1;
	}
	dn_text_puts(out, "\n");
	rc = out->failed || line.failed || name.failed || addr.failed || qp.failed;
	dn_text_free(&line);
	dn_text_free(&name);
	dn_text_free(&addr);
	dn_text_free(&qp);
	return rc ? DN_EX_SOFTWARE : 0;
}
