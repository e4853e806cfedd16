/* test_template.c - templates (placeholders, errors naming the line, one
 * pass) and mail (encoded words, quoted-printable, headers without CR/LF,
 * mboxrd), and the SMS length of lint. */
#include <stdio.h>
#include <string.h>

#include "lint.h"
#include "mail.h"
#include "template.h"
#include "unit.h"

static dn_template *parse(const char *text, int subject, char *err, size_t size)
{
	dn_error e;
	dn_template *t;

	dn_error_clear(&e);
	err[0] = '\0';
	t = dn_template_from_text(text, strlen(text), "t.txt", subject, &e);
	if (t == NULL)
		dn_error_format(&e, err, size);
	return t;
}

static void test_parse(void)
{
	char err[512];
	dn_template *t;

	t = parse("Subject: Hi {{customer}}\nOwed: {{ overdue }} {{fee}}\n", 1, err, sizeof err);
	CHECK(t != NULL);
	dn_template_free(t);
	t = parse("Subject: x\nline 2\nOwed: {{amount}}\n", 1, err, sizeof err);
	CHECK(t == NULL && strstr(err, "t.txt:3: unknown placeholder") == err &&
	      strstr(err, "'{{amount}}'") != NULL);
	t = parse("Subject: x\nOwed: {{overdue}\n{{fee}}\n", 1, err, sizeof err);
	CHECK(t == NULL && strstr(err, "t.txt:2: unclosed '{{'") == err);
	t = parse("Subject: {{nope}}\n", 1, err, sizeof err);
	CHECK(t == NULL && strstr(err, "t.txt:1: unknown placeholder") == err);
	t = parse("Hello\n", 1, err, sizeof err);
	CHECK(t == NULL && strstr(err, "t.txt:1: the first line must be 'Subject: ...'") == err);
	t = parse("Subject: x\nHello\n", 0, err, sizeof err);
	CHECK(t == NULL && strstr(err, "no Subject: line") != NULL);
	t = parse("Subject: x\n\xff\n", 1, err, sizeof err);
	CHECK(t == NULL && strstr(err, "not valid UTF-8") != NULL);
	/* single braces are text */
	t = parse("a { b } c }} d {x}\n", 0, err, sizeof err);
	CHECK(t != NULL);
	dn_template_free(t);
	dn_template_free(NULL);
}

static void test_render(void)
{
	char err[512];
	dn_template *t = parse("Subject: Hi {{customer_name}}\nOwed {{overdue}}; {{fee}}{{fee}}.\n",
			       1, err, sizeof err);
	dn_text s = {0}, b = {0};
	dn_tvalues v;

	memset(&v, 0, sizeof v);
	v.v[DN_PH_CUSTOMER_NAME] = "A\r\nBcc: x";
	v.len[DN_PH_CUSTOMER_NAME] = 9;
	v.v[DN_PH_OVERDUE] = "{{fee}}"; /* a value is text, never read again */
	v.len[DN_PH_OVERDUE] = 7;
	v.v[DN_PH_FEE] = "5";
	v.len[DN_PH_FEE] = 1;
	CHECK(t != NULL && dn_template_render(t, &v, &s, &b) == 0);
	CHECK_STR(s.s, "Hi A  Bcc: x");
	CHECK_STR(b.s, "Owed {{fee}}; 55.\n");
	dn_text_free(&s);
	dn_text_free(&b);
	dn_template_free(t);
}

static void test_mail(void)
{
	dn_text t = {0};
	dn_mail m;
	char date[64];
	size_t i, start;

	dn_mail_date(1795392000LL, date, sizeof date);
	CHECK_STR(date, "Mon, 23 Nov 2026 00:00:00 +0000");
	dn_mail_date(0, date, sizeof date);
	CHECK_STR(date, "Thu, 01 Jan 1970 00:00:00 +0000");
	dn_mail_encoded_words(&t, "caf\xc3\xa9", 5, 75);
	CHECK_STR(t.s, "=?UTF-8?B?Y2Fmw6k=?=");
	dn_text_clear(&t);
	/* 300 x "é": every word at most 75 characters, never half a character */
	{
		char s[600];
		for (i = 0; i < 300; i++)
			memcpy(s + 2 * i, "\xc3\xa9", 2);
		dn_mail_encoded_words(&t, s, 600, 60);
		for (i = 0, start = 0; i <= t.len; i++)
			if (i == t.len || t.s[i] == '\n') {
				size_t w = i - start - (start > 0); /* the leading space */
				CHECK(w <= (start == 0 ? 60u : 75u));
				start = i + 1;
			}
	}
	dn_text_clear(&t);
	dn_mail_qp(&t, "a=b \xc3\xa9\nFrom x\n>From y\nend ", 26);
	CHECK_STR(t.s, "a=3Db =C3=A9\n=46rom x\n=3EFrom y\nend=20");
	dn_text_clear(&t);
	memset(&m, 0, sizeof m);
	m.from = "Ex <ar@example.com>";
	m.to = "a@example.com\nBcc: v@example.com";
	m.to_len = strlen(m.to);
	m.subject = "Hi";
	m.subject_len = 2;
	m.body = "Body\n";
	m.body_len = 5;
	m.ref = "REM-1";
	m.date = 1795392000LL;
	CHECK(dn_mail_write(&t, &m) == 0);
	CHECK(strstr(t.s, "\nBcc:") == NULL);
	CHECK(strncmp(t.s, "From ar@example.com Mon Nov 23 00:00:00 2026\nFrom: \"Ex\" <ar@example.com>\n"
			  "To: a@example.com Bcc: v@example.com\nSubject: Hi\n",
		      117) == 0);
	CHECK(strstr(t.s, "Message-ID: <REM-1@example.com>\n") != NULL);
	CHECK(strstr(t.s, "quoted-printable\n\nBody\n\n") != NULL);
	dn_text_free(&t);
}

static void test_sms(void)
{
	size_t n;

	CHECK(dn_sms_units("Hello", 5, &n) == 1 && n == 5);
	CHECK(dn_sms_units("\xe2\x82\xac" "5", 4, &n) == 1 && n == 3); /* € is an extension */
	CHECK(dn_sms_units("d\xc3\xa9j\xc3\xa0", 6, &n) == 1 && n == 4); /* é, à are GSM-7 */
	CHECK(dn_sms_units("r\xc3\xa9gl\xc3\xa9 \xc3\xaa", 11, &n) == 0 && n == 8); /* ê is not */
}

int main(void)
{
	test_parse();
	test_render();
	test_mail();
	test_sms();
	DONE();
}
