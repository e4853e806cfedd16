/* test_ledger.c - entries to items: lettering (balanced, partial, credit
 * first), unlettered credits (fifo, none, a credit larger than what is
 * open), write-offs, transfers, per-currency customers, the explain lines,
 * and the sorted output through the temporary file. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "ledger.h"
#include "scratch.h"
#include "unit.h"
#include "fixture.h"

static dn_span txt(const char *s)
{
	return (dn_span){s, strlen(s)};
}

/* A receivable line (acc "411...") or another one; cents > 0 a debit. */
static dn_entry line(const char *num, dn_date date, const char *acc, const char *cust,
		     const char *inv, int64_t cents, const char *letter)
{
	dn_entry en;

	memset(&en, 0, sizeof en);
	en.journal = txt("J");
	en.num = txt(num);
	en.account = txt(acc);
	en.counterpart = txt("");
	en.customer = txt(cust);
	en.customer_name = txt("Name");
	en.invoice = en.piece = txt(inv);
	en.label = txt("");
	en.letter = txt(letter);
	en.receivable = strncmp(acc, "41", 2) == 0;
	en.writeoff = strncmp(acc, "654", 3) == 0;
	en.date = en.issue_date = date;
	en.due_date = date + 30;
	en.amount = cents;
	strcpy(en.currency, "EUR");
	en.decimals = 2;
	en.line = 1;
	en.file = "t.fec";
	return en;
}

struct explained {
	int n;
	char last[256];
};

static void on_explain(void *ctx, const char *s)
{
	struct explained *x = ctx;

	x->n++;
	snprintf(x->last, sizeof x->last, "%s", s);
}

/* Feed lines; 0 or the first failing status. */
static int feed(dn_ledger *l, const dn_entry *lines, size_t n)
{
	dn_error e;

	for (size_t i = 0; i < n; i++)
		if (dn_ledger_add(l, &lines[i], &e) != 0)
			return e.status;
	return dn_ledger_finish(l, &e);
}

/* The items as "customer invoice amount paid wo paid_date|-" lines. */
static void dump(dn_ledger *l, char *buf, size_t size)
{
	dn_ledger_item it;
	dn_error e;
	size_t off = 0;

	buf[0] = '\0';
	while (dn_ledger_next(l, &it, &e) == 1 && off < size) {
		char pd[11] = "-";
		if (it.has_paid_date)
			dn_date_format(it.paid_date, pd);
		off += (size_t)snprintf(buf + off, size - off, "%s %s %lld %lld %lld %s;",
					it.customer, it.invoice, (long long)it.amount,
					(long long)it.paid, (long long)it.written_off, pd);
	}
}

static void test_lettering(void)
{
	dn_config *cfg = cfg_of("");
	dn_ledger *l = dn_ledger_new(cfg, NULL);
	dn_entry v[] = {
	    /* A payment lettered before its invoice arrives (credit first). */
	    line("B1", ymd(2026, 1, 3), "411", "C1", "R1", -10000, "AA"),
	    line("B1", ymd(2026, 1, 3), "512", "", "R1", 10000, ""),
	    line("V1", ymd(2026, 1, 5), "411", "C1", "F1", 10000, "AA"),
	    line("V1", ymd(2026, 1, 5), "706", "", "F1", -10000, ""),
	    /* Partly lettered: 30 of 50 paid, the rest stays open. */
	    line("V2", ymd(2026, 1, 6), "411", "C1", "F2", 5000, "AB"),
	    line("B2", ymd(2026, 2, 1), "411", "C1", "R2", -3000, "AB"),
	    /* The same letter for another customer is another group. */
	    line("V3", ymd(2026, 1, 7), "411", "C2", "F3", 4000, "AA"),
	    /* Letters are case-sensitive. */
	    line("B3", ymd(2026, 2, 2), "411", "C2", "R3", -4000, "aa"),
	};
	char got[1024];
	struct explained x = {0, ""};

	dn_ledger_explain(l, on_explain, &x);
	CHECK(feed(l, v, sizeof v / sizeof v[0]) == 0);
	dump(l, got, sizeof got);
	/* R1 waited as a credit item of its group until F1 used it up. */
	CHECK_STR(got, "C1 R1 -10000 -10000 0 2026-01-05;C1 F1 10000 10000 0 2026-01-05;"
		       "C1 F2 5000 3000 0 -;C2 F3 4000 0 0 -;C2 R3 -4000 0 0 -;");
	CHECK(x.n == 4);
	CHECK_STR(x.last, "t.fec:1: C2: credit 40.00 EUR left open as credit R3");
	dn_ledger_free(l);
	dn_config_free(cfg);
}

static void test_unlettered(void)
{
	dn_config *cfg = cfg_of("");
	dn_config *none = cfg_of("[ledger]\napply = none\n");
	dn_entry v[] = {
	    line("V1", ymd(2026, 1, 5), "411", "C1", "F1", 10000, ""),
	    line("V2", ymd(2026, 1, 1), "411", "C1", "F0", 2000, ""),
	    line("B1", ymd(2026, 2, 1), "411", "C1", "R1", -15000, ""),
	    line("V3", ymd(2026, 3, 1), "411", "C1", "F2", 1000, ""),
	};
	char got[1024];
	dn_ledger *l = dn_ledger_new(cfg, NULL);

	/* Oldest due first; 30 left, then 10 of it used by F2. */
	CHECK(feed(l, v, 4) == 0);
	dump(l, got, sizeof got);
	CHECK_STR(got, "C1 F0 2000 2000 0 2026-02-01;C1 F1 10000 10000 0 2026-02-01;"
		       "C1 R1 -3000 -1000 0 -;C1 F2 1000 1000 0 2026-03-01;");
	dn_ledger_free(l);
	l = dn_ledger_new(none, NULL);
	CHECK(feed(l, v, 4) == 0);
	dump(l, got, sizeof got);
	CHECK_STR(got, "C1 F0 2000 0 0 -;C1 F1 10000 0 0 -;C1 R1 -15000 0 0 -;C1 F2 1000 0 0 -;");
	dn_ledger_free(l);
	dn_config_free(cfg);
	dn_config_free(none);
}

static void test_writeoff_transfer(void)
{
	dn_config *cfg = cfg_of("");
	dn_ledger *l = dn_ledger_new(cfg, NULL);
	dn_entry v[] = {
	    line("V1", ymd(2026, 1, 5), "411", "C1", "F1", 10000, ""),
	    line("V2", ymd(2026, 1, 6), "411", "C1", "F2", 20000, ""),
	    line("O1", ymd(2026, 6, 1), "654", "", "W", 4000, ""),
	    line("O1", ymd(2026, 6, 1), "411", "C1", "W", -4000, ""),
	    /* 411 -> 416: F1's rest (60) and 140 of F2 move. */
	    line("O2", ymd(2026, 7, 1), "416", "C1", "T", 20000, ""),
	    line("O2", ymd(2026, 7, 1), "411", "C1", "T", -20000, ""),
	};
	char got[1024];

	CHECK(feed(l, v, 6) == 0);
	dump(l, got, sizeof got);
	CHECK_STR(got, "C1 F1 4000 0 4000 2026-07-01;C1 F1 6000 0 0 -;"
		       "C1 F2 6000 0 0 -;C1 F2 14000 0 0 -;");
	dn_ledger_free(l);
	dn_config_free(cfg);
}

/* Many items through a tiny sort batch: runs in the temporary file, and
 * the same output as one batch in memory. */
static void test_spill(void)
{
	dn_config *cfg = cfg_of("");
	dn_ledger *a = dn_ledger_new(cfg, NULL), *b = dn_ledger_new(cfg, NULL);
	static dn_entry v[600];
	static char names[600][16];
	static char got_a[65536], got_b[65536];

	for (int i = 0; i < 600; i++) {
		snprintf(names[i], sizeof names[i], "F%03d", (i * 7919) % 600);
		v[i] = line(names[i], ymd(2026, 1, 1) + (i * 31) % 200, "411", i % 3 ? "C1" : "C0",
			    names[i], 100 + i, i % 2 ? "" : names[i]);
		if (i % 4 == 1) /* payments: items close (and spill) on the way */
			v[i].amount = -(150 + i);
	}
	dn_ledger_set_batch(a, 256);
	CHECK(feed(a, v, 600) == 0 && feed(b, v, 600) == 0);
	CHECK(dn_ledger_runs(a) > 5 && dn_ledger_runs(b) == 0);
	dump(a, got_a, sizeof got_a);
	dump(b, got_b, sizeof got_b);
	CHECK(strlen(got_a) > 1000 && strcmp(got_a, got_b) == 0);
	CHECK(strstr(got_a, " 0 2026-") != NULL && strstr(got_a, " 0 -;") != NULL);
	dn_ledger_free(a);
	dn_ledger_free(b);
	dn_config_free(cfg);
}

int main(void)
{
	scratch_open();
	test_lettering();
	test_unlettered();
	test_writeoff_transfer();
	test_spill();
	scratch_close();
	DONE();
}
