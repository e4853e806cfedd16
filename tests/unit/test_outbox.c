/* test_outbox.c - the Date of mails from $SOURCE_DATE_EPOCH's text. */
#include <string.h>
#include <time.h>

#include "outbox.h"
#include "unit.h"

int main(void)
{
	static const char *const bad[] = {"-1", "12a", " 12", "+12", "1e9", "abc"};
	long long v = -1;
	dn_error e;
	size_t i;
	time_t before = time(NULL);

	CHECK(dn_outbox_mail_date("1795392000", &v, &e) == 0 && v == 1795392000LL);
	CHECK(dn_outbox_mail_date("0", &v, &e) == 0 && v == 0);
	/* Unset or empty: the clock, read here. */
	CHECK(dn_outbox_mail_date(NULL, &v, &e) == 0 && v >= (long long)before);
	CHECK(dn_outbox_mail_date("", &v, &e) == 0 && v >= (long long)before);
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		dn_error_clear(&e);
		v = 7;
		CHECK(dn_outbox_mail_date(bad[i], &v, &e) == DN_EX_USAGE && v == 7);
		CHECK_STR(e.message, "SOURCE_DATE_EPOCH: not a number of seconds");
		CHECK_STR(e.value, bad[i]);
	}
	DONE();
}
