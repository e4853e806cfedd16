/* test_classev.c - classify --as-event rows for the journal: a promise is
 * a promise event only with a due_date and an amount or invoices, else a
 * message_in; the ref is the row's own when it has one, else a hash of the
 * source fields that classify's own columns do not change. */
#include <stdio.h>
#include <string.h>

#include "classev.h"
#include "unit.h"

/* A reader over text (a temporary file: the reader borrows the stream). */
static dn_csv_reader *reader(const char *text, FILE **fp)
{
	dn_error e;

	if ((*fp = tmpfile()) == NULL)
		return NULL;
	fputs(text, *fp);
	rewind(*fp);
	return dn_csv_reader_from_stream(*fp, "t.csv", ',', &e);
}

static void test_promise(void)
{
	FILE *fp;
	dn_csv_reader *rd = reader("customer,invoices,amount,due_date,note\n"
				   "A,F1,,2026-12-15,x\n"
				   "B,,10.00,2026-12-15,x\n"
				   "C,,,2026-12-15,x\n"
				   "D,F1,10.00,,x\n",
				   &fp);
	dn_classev ce;
	dn_row row;
	dn_error e;
	static const dn_event want[4] = {DN_EV_PROMISE, DN_EV_PROMISE, DN_EV_MESSAGE_IN,
					 DN_EV_MESSAGE_IN};

	CHECK(rd != NULL);
	if (rd == NULL)
		return;
	dn_classev_init(&ce, rd);
	for (int k = 0; k < 4; k++) {
		CHECK(dn_csv_next(rd, &row, &e) == 1);
		CHECK(dn_classev_event(&ce, &row, "promise") == want[k]);
		/* Other categories keep their event whatever the row holds. */
		CHECK(dn_classev_event(&ce, &row, "dispute") == DN_EV_DISPUTE);
		CHECK(dn_classev_event(&ce, &row, NULL) == DN_EV_MESSAGE_IN);
	}
	dn_csv_reader_free(rd);
	fclose(fp);
}

/* Without the columns at all, a promise is a message. */
static void test_no_columns(void)
{
	FILE *fp;
	dn_csv_reader *rd = reader("customer,note\nA,je paierai le 15\n", &fp);
	dn_classev ce;
	dn_row row;
	dn_error e;

	CHECK(rd != NULL);
	if (rd == NULL)
		return;
	dn_classev_init(&ce, rd);
	CHECK(dn_csv_next(rd, &row, &e) == 1);
	CHECK(dn_classev_event(&ce, &row, "promise") == DN_EV_MESSAGE_IN);
	dn_csv_reader_free(rd);
	fclose(fp);
}

static void test_ref(void)
{
	FILE *f1, *f2;
	/* The same source row, then classified (own columns and ref added). */
	dn_csv_reader *a = reader("customer,note\nA,litige\nA,litige\nB,litige\n", &f1);
	dn_csv_reader *b =
	    reader("customer,note,category,matched,event,ref\n"
		   "A,litige,dispute,litige,dispute,\n"
		   "A,litige,x,y,z,msg-7\n",
		   &f2);
	dn_classev ca, cb;
	dn_row row;
	dn_error e;
	char buf[DN_CLASSEV_REF_SIZE], first[DN_CLASSEV_REF_SIZE];
	const char *ref;
	size_t n;

	CHECK(a != NULL && b != NULL);
	if (a == NULL || b == NULL)
		return;
	dn_classev_init(&ca, a);
	dn_classev_init(&cb, b);
	CHECK(dn_csv_next(a, &row, &e) == 1);
	n = dn_classev_ref(&ca, &row, buf, &ref);
	CHECK(n == 19 && ref == buf && strncmp(buf, "cl-", 3) == 0 && strlen(buf) == 19);
	snprintf(first, sizeof first, "%s", buf);
	/* The same row again: the same ref (so the journal records it once). */
	CHECK(dn_csv_next(a, &row, &e) == 1);
	dn_classev_ref(&ca, &row, buf, &ref);
	CHECK_STR(buf, first);
	/* Another customer: another ref. */
	CHECK(dn_csv_next(a, &row, &e) == 1);
	dn_classev_ref(&ca, &row, buf, &ref);
	CHECK(strcmp(buf, first) != 0);
	/* classify's own columns and an empty ref do not count. */
	CHECK(dn_csv_next(b, &row, &e) == 1);
	dn_classev_ref(&cb, &row, buf, &ref);
	CHECK_STR(buf, first);
	/* A ref of the row's own is kept. */
	CHECK(dn_csv_next(b, &row, &e) == 1);
	n = dn_classev_ref(&cb, &row, buf, &ref);
	CHECK(n == 5 && memcmp(ref, "msg-7", 5) == 0);
	dn_csv_reader_free(a);
	dn_csv_reader_free(b);
	fclose(f1);
	fclose(f2);
}

int main(void)
{
	test_promise();
	test_no_columns();
	test_ref();
	DONE();
}
