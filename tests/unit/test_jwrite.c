/* test_jwrite.c - the journal's writing side: whole records (jfile), the
 * batch made from remind, plan, classify and journal rows (jbatch), the
 * append with its dedupe and its cut of a torn tail, the purge, and the
 * lock that follows a rename.
 */
#define _DEFAULT_SOURCE /* flock */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "config.h"
#include "date.h"
#include "jbatch.h"
#include "jfile.h"
#include "jwrite.h"
#include "scratch.h"
#include "unit.h"

#define HEADER "date,customer,currency,event,invoices,level,channel,amount,fee,due_date,ref,note\n"

static int nfiles;

static const char *put(const char *data)
{
	char name[16];

	snprintf(name, sizeof name, "f%d", nfiles++);
	return scratch_put_str(name, data);
}

static const char *fresh(void)
{
	char name[16];

	snprintf(name, sizeof name, "j%d", nfiles++);
	return scratch_path(name);
}

/* The whole file, in a static buffer. */
static const char *slurp(const char *path)
{
	static char buf[8192];
	FILE *fp = fopen(path, "rb");
	size_t n = fp ? fread(buf, 1, sizeof buf - 1, fp) : 0;

	if (fp)
		fclose(fp);
	buf[n] = '\0';
	return buf;
}

static dn_date day(const char *iso)
{
	dn_date d = 0;

	dn_date_parse(iso, strlen(iso), DN_DATE_ISO, &d);
	return d;
}

/* ---- whole records ---- */

static void whole(const char *text, long want_end, long want_lines)
{
	const char *p = put(text);
	int fd = open(p, O_RDONLY);
	off_t end = -1;
	long lines = -1;
	dn_error e;

	CHECK(dn_jfile_whole_end(fd, (off_t)strlen(text), ',', &end, &lines, &e) == 0);
	if (end != want_end || lines != want_lines)
		printf("whole end of '%s': %ld (%ld lines), want %ld (%ld)\n", text, (long)end,
		       lines, want_end, want_lines);
	CHECK(end == want_end && lines == want_lines);
	close(fd);
}

static void test_whole_end(void)
{
	whole("a,b\n", 4, 1);
	whole("a,b\nc,d", 4, 1);
	whole("a,b", 0, 0);
	whole("", 0, 0);
	/* A quoted line break is not a record's end. */
	whole("a,b\nc,\"x\ny\"\n", 12, 3);
	whole("a,b\nc,\"x\ny", 4, 1);
	whole("a,b\nc,\"x\n", 4, 1);
	/* "" inside quotes; a quote inside an unquoted field is a character. */
	whole("a,\"say \"\"hi\"\"\nthere\"\nb,12\" pipe\n", 32, 3);
	whole("a,12\" pipe\nb,c", 11, 1);
	/* CRLF lines. */
	whole("a,b\r\nc,d\r\n", 10, 2);
}

/* ---- batches ---- */

static dn_jbatch *batch(const dn_config *cfg, const char *csv, dn_error *e)
{
	const char *p = put(csv);
	const char *paths[1] = {p};
	dn_csv_reader *rd = dn_csv_reader_new(paths, 1, ',', e);
	dn_jbatch *b = dn_jbatch_new(cfg, day("2026-11-23"));

	if (rd == NULL || b == NULL || dn_jbatch_read(b, rd, e) != 0) {
		dn_jbatch_free(b);
		b = NULL;
	}
	dn_csv_reader_free(rd);
	return b;
}

static void test_batch(const dn_config *cfg)
{
	dn_error e;
	dn_jbatch *b;
	char buf[512];

	b = batch(cfg,
		  "date,customer,currency,level,level_name,channel,to,subject,body,overdue,fee,"
		  "interest,invoices,ref\n"
		  "2026-11-23,ACME,eur,02,firm,email,a@example.com,Second reminder,\"Dear,\nx\","
		  "10.00,5,0.00,F1:2;F2:1,REM-1\n",
		  &e);
	CHECK(b != NULL && dn_jbatch_input(b) == DN_JIN_REMIND && dn_jbatch_rows(b) == 1);
	if (b != NULL) {
		CHECK_STR(dn_jbatch_field(b, 0, DN_JCOL_EVENT, NULL), "reminder");
		CHECK_STR(dn_jbatch_field(b, 0, DN_JCOL_CURRENCY, NULL), "EUR");
		CHECK_STR(dn_jbatch_field(b, 0, DN_JCOL_LEVEL, NULL), "2");
		CHECK_STR(dn_jbatch_field(b, 0, DN_JCOL_FEE, NULL), "5.00");
		CHECK_STR(dn_jbatch_field(b, 0, DN_JCOL_AMOUNT, NULL), "");
		CHECK_STR(dn_jbatch_field(b, 0, DN_JCOL_NOTE, NULL), "Second reminder");
		CHECK_STR(dn_jbatch_field(b, 0, DN_JCOL_INVOICES, NULL), "F1:2;F2:1");
		CHECK_STR(dn_jbatch_field(b, 0, DN_JCOL_REF, NULL), "REM-1");
	}
	dn_jbatch_free(b);

	/* Plan rows: one event an installment, the settlement skipped. */
	b = batch(cfg,
		  "customer,currency,installment,due_date,amount,principal,interest,remaining,ref\n"
		  "ACME,EUR,1,2026-12-23,50,50.00,0.00,50.00,PLAN-x:1\n"
		  "ACME,EUR,2,20270123,50.00,50.00,0.00,0.00,PLAN-x:2\n"
		  "ACME,EUR,settlement,2026-12-23,90.00,90.00,0.00,0.00,PLAN-x:S\n",
		  &e);
	CHECK(b != NULL && dn_jbatch_input(b) == DN_JIN_PLAN && dn_jbatch_rows(b) == 2 &&
	      dn_jbatch_settlements(b) == 1);
	if (b != NULL) {
		CHECK_STR(dn_jbatch_field(b, 0, DN_JCOL_DATE, NULL), "2026-11-23"); /* as-of */
		CHECK_STR(dn_jbatch_field(b, 1, DN_JCOL_DUE_DATE, NULL), "2027-01-23");
		CHECK_STR(dn_jbatch_field(b, 0, DN_JCOL_AMOUNT, NULL), "50.00");
		CHECK_STR(dn_jbatch_field(b, 1, DN_JCOL_EVENT, NULL), "plan");
	}
	dn_jbatch_free(b);

	/* classify --as-event: the source's columns dropped, note kept. */
	b = batch(cfg, "customer,from,note,category,matched,event\n"
		       "ACME,x@example.com,je conteste,dispute,conteste,dispute\n",
		  &e);
	CHECK(b != NULL && dn_jbatch_input(b) == DN_JIN_CLASSIFY && dn_jbatch_rows(b) == 1);
	if (b != NULL)
		CHECK_STR(dn_jbatch_field(b, 0, DN_JCOL_NOTE, NULL), "je conteste");
	dn_jbatch_free(b);

	/* Journal rows with a stray column: refused, naming it. */
	b = batch(cfg, "date,customer,event,colour\n2026-11-01,ACME,call,red\n", &e);
	CHECK(b == NULL && e.status == DN_EX_DATAERR);
	CHECK(strstr(dn_error_format(&e, buf, sizeof buf), "'colour'") != NULL);
	/* The first bad row stops the batch, naming its line and column. */
	b = batch(cfg, "date,customer,event,amount\n2026-11-01,ACME,payment,1\n"
		       "2026-11-01,ACME,promise,5\n",
		  &e);
	CHECK(b == NULL && e.status == DN_EX_DATAERR && e.line == 3);
	CHECK_STR(e.name, "due_date");
	/* Neither journal rows nor a known output. */
	b = batch(cfg, "customer,invoice\nACME,F1\n", &e);
	CHECK(b == NULL && e.status == DN_EX_DATAERR);
	CHECK_STR(e.name, "event");

	/* Duplicates within the batch and against the journal. */
	b = batch(cfg, "date,customer,event,ref\n2026-11-01,A,call,R1\n2026-11-01,A,call,R2\n"
		       "2026-11-01,A,call,R1\n2026-11-01,A,call,\n2026-11-01,A,call,\n",
		  &e);
	CHECK(b != NULL && dn_jbatch_index(b) == 0);
	if (b != NULL) {
		dn_jbatch_recorded(b, "R2", 2);
		dn_jbatch_recorded(b, "R9", 2);
		CHECK(!dn_jbatch_duplicate(b, 0) && dn_jbatch_duplicate(b, 1) &&
		      dn_jbatch_duplicate(b, 2) && !dn_jbatch_duplicate(b, 3) &&
		      !dn_jbatch_duplicate(b, 4));
		CHECK(dn_jbatch_duplicates(b) == 2);
	}
	dn_jbatch_free(b);
}

/* ---- append and purge ---- */

static int append(const dn_config *cfg, const char *path, const char *csv,
		  dn_jappend_info *info, dn_error *e)
{
	dn_jbatch *b = batch(cfg, csv, e);
	int rc;

	if (b == NULL)
		return e->status;
	rc = dn_journal_append(path, cfg, b, info, e);
	dn_jbatch_free(b);
	return rc;
}

static void test_append(const dn_config *cfg)
{
	const char *j = fresh();
	dn_jappend_info info;
	dn_error e;

	CHECK(append(cfg, j, "customer,event,ref\nA,call,R1\n", &info, &e) == 0);
	CHECK(info.created && info.appended == 1 && info.duplicates == 0);
	CHECK_STR(slurp(j), HEADER "2026-11-23,A,,call,,,,,,,R1,\n");
	CHECK(append(cfg, j, "customer,event,ref\nA,call,R1\nB,note,R2\n", &info, &e) == 0);
	CHECK(!info.created && info.appended == 1 && info.duplicates == 1);
	CHECK_STR(slurp(j), HEADER "2026-11-23,A,,call,,,,,,,R1,\n2026-11-23,B,,note,,,,,,,R2,\n");

	/* A torn tail (a quoted field cut after a line break) is cut first,
	 * and its ref is not taken as recorded. */
	j = put(HEADER "2026-11-01,A,,call,,,,,,,R1,\n2026-11-01,A,,note,,,,,,,R2,\"two\nli");
	CHECK(append(cfg, j, "customer,event,ref,note\nA,note,R2,again\n", &info, &e) == 0);
	CHECK(info.cut_line == 3 && info.appended == 1 && info.duplicates == 0);
	CHECK_STR(slurp(j), HEADER "2026-11-01,A,,call,,,,,,,R1,\n2026-11-23,A,,note,,,,,,,R2,again\n");

	/* Only a cut header: written again. */
	j = put("date,custo");
	CHECK(append(cfg, j, "customer,event\nA,call\n", &info, &e) == 0);
	CHECK(info.created && info.cut_line == 1);
	CHECK_STR(slurp(j), HEADER "2026-11-23,A,,call,,,,,,,,\n");

	/* The journal's own column order; a value it has no column for. */
	j = put("event,customer,date\ncall,A,2026-11-01\n");
	CHECK(append(cfg, j, "customer,event\nB,note\n", &info, &e) == 0);
	CHECK_STR(slurp(j), "event,customer,date\ncall,A,2026-11-01\nnote,B,2026-11-23\n");
	CHECK(append(cfg, j, "customer,event,note\nB,note,\nC,note,hello\n", &info, &e) ==
	      DN_EX_DATAERR);
	CHECK_STR(e.name, "note");
	CHECK(e.line == 3);
	CHECK_STR(slurp(j), "event,customer,date\ncall,A,2026-11-01\nnote,B,2026-11-23\n");

	/* A journal that is not a journal: nothing written. */
	j = put("customer,invoice\nA,F1\n");
	CHECK(append(cfg, j, "customer,event\nB,note\n", &info, &e) == DN_EX_DATAERR);
	CHECK_STR(slurp(j), "customer,invoice\nA,F1\n");
}

static void test_purge(const dn_config *cfg)
{
	const char *j = put(HEADER "2020-01-01,A,,call,,,,,,,,\n2026-01-01,A,,note,,,,,,,,\"x\ny\"\n"
				   "2025-12-31,B,,call,,,,,,,,\n2026-02-01,B,,call,,,,,,,,\n"
				   "2026-03-01,B,,call,,,,,,,,\"cut");
	dn_jpurge_info info;
	struct stat st;
	dn_error e;

	chmod(j, 0640);
	CHECK(dn_journal_purge(j, cfg, day("2026-01-01"), &info, &e) == 0);
	if (info.removed != 2 || info.kept != 2 || info.cut_line != 7)
		printf("purge: %ld removed, %ld kept, cut %ld\n", info.removed, info.kept, info.cut_line);
	CHECK(info.removed == 2 && info.kept == 2 && info.cut_line == 7);
	CHECK_STR(slurp(j), HEADER "2026-01-01,A,,note,,,,,,,,\"x\ny\"\n2026-02-01,B,,call,,,,,,,,\n");
	CHECK(stat(j, &st) == 0 && (st.st_mode & 0777) == 0640);
	/* A bad row: nothing changed. */
	j = put(HEADER "2020-01-01,A,,call,,,,,,,,\n2026-01-01,A,,paymnt,,,,,,,,\n");
	CHECK(dn_journal_purge(j, cfg, day("2026-01-01"), &info, &e) == DN_EX_DATAERR);
	CHECK_STR(slurp(j), HEADER "2020-01-01,A,,call,,,,,,,,\n2026-01-01,A,,paymnt,,,,,,,,\n");
	CHECK(dn_journal_purge(scratch_path("none.csv"), cfg, 0, &info, &e) == DN_EX_NOINPUT);
}

/* A waiter on the lock of a file renamed away ends up locking the new one. */
static void test_lock_follows_rename(void)
{
	const char *j = put("old\n"), *repl = put("new\n");
	int fd = open(j, O_RDWR), status = -1;
	pid_t pid;

	CHECK(fd >= 0 && flock(fd, LOCK_EX) == 0);
	pid = fork();
	if (pid == 0) {
		int cfd;
		char got[8] = "";
		dn_error e;
		/* The inherited descriptor shares the parent's lock: drop it. */
		close(fd);
		alarm(10); /* never hang the suite */
		if (dn_jfile_open(j, 0, 1, &cfd, &e) != 0)
			_exit(3);
		if (read(cfd, got, 3) != 3)
			_exit(4);
		_exit(memcmp(got, "new", 3) == 0 ? 0 : 5);
	}
	usleep(100000); /* the child is waiting for the lock now */
	CHECK(rename(repl, j) == 0);
	close(fd); /* releases the old file's lock */
	CHECK(waitpid(pid, &status, 0) == pid && WIFEXITED(status) && WEXITSTATUS(status) == 0);
}

/* The separator of a journal is its header's: the byte after "date". */
static void test_delimiter(void)
{
	static const struct {
		const char *data;
		char fallback, want;
	} cases[] = {
		{"date,customer\n", ';', ','},
		{"date;customer\n", ',', ';'},
		{"date\tcustomer\n", ',', '\t'},
		{"date|customer\n", ',', '|'},
		{"\xEF\xBB\xBF" "date;customer\n", ',', ';'},
		{"", ';', ';'},           /* empty: the configured one */
		{"date", ',', ','},       /* cut before the separator */
		{"date:customer\n", ';', ';'},
		{"dato;customer\n", ',', ','},
	};
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		int fd = open(put(cases[i].data), O_RDONLY);
		CHECK(fd >= 0 && dn_jfile_delimiter(fd, cases[i].fallback) == cases[i].want);
		if (fd >= 0)
			close(fd);
	}
}

int main(void)
{
	dn_error e;
	dn_config *cfg;

	scratch_open();
	cfg = dn_config_load(put("[general]\ncurrency = EUR\n"), &e);
	if (cfg == NULL) {
		printf("config failed\n");
		return 2;
	}
	test_whole_end();
	test_delimiter();
	test_batch(cfg);
	test_append(cfg);
	test_purge(cfg);
	test_lock_follows_rename();
	dn_config_free(cfg);
	scratch_close();
	DONE();
}
