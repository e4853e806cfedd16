/* genfec — deterministic generator of a FEC for the openitems benchmark.
 *
 *   genfec LINES [CUSTOMERS]      (CUSTOMERS defaults to 50000)
 *
 * Writes a tab-separated FEC (the 18 columns, YYYYMMDD, decimal commas, a
 * third of the amounts zero-padded as some exports do) of about LINES lines
 * to stdout.  Same arguments, same bytes (fixed-seed xorshift64*).  Each
 * invoice is three lines (411 debit, 706 and 44571 credits); its fate is
 * drawn when it is written: 70% lettered and paid in full, 10% paid by an
 * unlettered transfer naming it, 10% lettered and paid in part, 10% never
 * paid.  Payments (512 debit, 411 credit) come in invoice order, once
 * 10,000 invoices wait, so about that many are open at a time, plus the
 * unpaid tenth.  One day passes every 500 entries, from 2024-01-01.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

static uint64_t rng_state = UINT64_C(0x9E3779B97F4A7C15);

static uint64_t rnd(void)
{
	uint64_t x = rng_state;
	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	rng_state = x;
	return x * UINT64_C(0x2545F4914F6CDD1D);
}

static uint64_t below(uint64_t n)
{
	return (rnd() >> 11) % n;
}

static void civil_from_days(long z, long *y, long *m, long *d)
{
	z += 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097;
	long doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = yoe + era * 400 + (*m <= 2);
}

struct pending {
	long cust, inv;
	long long amount; /* cents to pay */
	int lettered;
	long letter;
};

#define LAG 10000
static struct pending queue[LAG + 1];
static long qhead, qlen;
static char date[64];
static long entry_no;

static void amount(char *buf, size_t n, long long cents, int pad)
{
	if (pad)
		snprintf(buf, n, " %015lld,%02lld", cents / 100, cents % 100);
	else
		snprintf(buf, n, "%lld,%02lld", cents / 100, cents % 100);
}

static void letter(char *buf, long k)
{
	/* AA, AB, ... ZZ, AAA, ...: the codes accounting packages use. */
	char tmp[16];
	int n = 0;
	k += 26;
	while (k > 0 && n < 15) {
		tmp[n++] = (char)('A' + k % 26);
		k /= 26;
	}
	for (int i = 0; i < n; i++)
		buf[i] = tmp[n - 1 - i];
	buf[n] = '\0';
}

static void line(const char *j, const char *acc, const char *acclib, long cust,
		 const char *piece, const char *lib, const char *debit, const char *credit,
		 const char *let)
{
	char aux[32] = "", auxlib[48] = "";
	if (cust >= 0) {
		snprintf(aux, sizeof aux, "C%06ld", cust);
		snprintf(auxlib, sizeof auxlib, "Client %ld", cust);
	}
	printf("%s\t%s\t%s%07ld\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t\t\n",
	       j, j[0] == 'V' ? "Ventes" : "Banque", j, entry_no, date, acc, acclib, aux, auxlib,
	       piece, date, lib, debit, credit, let, *let ? date : "", date);
}

int main(int argc, char **argv)
{
	long lines = argc > 1 ? atol(argv[1]) : 2000000;
	long customers = argc > 2 ? atol(argv[2]) : 50000;
	long *letters = calloc((size_t)customers, sizeof *letters);
	long done = 0, inv = 0, day = 19723; /* 2024-01-01 */
	char a[40], b[40], c[40], piece[32], lib[64], let[16];

	if (letters == NULL || lines <= 0 || customers <= 0)
		return 64;
	printf("JournalCode\tJournalLib\tEcritureNum\tEcritureDate\tCompteNum\tCompteLib\t"
	       "CompAuxNum\tCompAuxLib\tPieceRef\tPieceDate\tEcritureLib\tDebit\tCredit\t"
	       "EcritureLet\tDateLet\tValidDate\tMontantdevise\tIdevise\n");
	while (done < lines) {
		long y, m, d;
		civil_from_days(day + entry_no / 500, &y, &m, &d);
		snprintf(date, sizeof date, "%04ld%02ld%02ld", y, m, d);
		entry_no++;
		if (qlen > LAG || (qlen > 0 && below(2) == 0 && qlen == LAG)) {
			struct pending *p = &queue[qhead];
			qhead = (qhead + 1) % (LAG + 1);
			qlen--;
			snprintf(piece, sizeof piece, "REL%07ld", entry_no);
			snprintf(lib, sizeof lib, "VIR CLIENT %ld FA%07ld", p->cust, p->inv);
			let[0] = '\0';
			if (p->lettered)
				letter(let, p->letter);
			amount(a, sizeof a, p->amount, 0);
			line("BQ", "512000", "Banque", -1, piece, lib, a, "0,00", "");
			line("BQ", "411000", "Clients", p->cust, piece, lib, "0,00", a, let);
			done += 2;
			continue;
		}
		long cust = (long)below((uint64_t)customers);
		long long ht = 1000 + (long long)below(2000000);
		long long tva = ht / 5;
		int fate = (int)below(10); /* 0-6 lettered, 7 unlettered, 8 partial, 9 unpaid */
		inv++;
		snprintf(piece, sizeof piece, "FA%07ld", inv);
		snprintf(lib, sizeof lib, "Facture FA%07ld", inv);
		let[0] = '\0';
		if (fate <= 6 || fate == 8)
			letter(let, letters[cust]++);
		amount(a, sizeof a, ht + tva, below(3) == 0);
		amount(b, sizeof b, ht, 0);
		amount(c, sizeof c, tva, 0);
		line("VE", "411000", "Clients", cust, piece, lib, a, "0,00", let);
		line("VE", "706000", "Prestations", -1, piece, lib, "0,00", b, "");
		line("VE", "445710", "TVA collectee", -1, piece, lib, "0,00", c, "");
		done += 3;
		if (fate == 9)
			continue;
		struct pending *p = &queue[(qhead + qlen) % (LAG + 1)];
		p->cust = cust;
		p->inv = inv;
		p->amount = fate == 8 ? (ht + tva) / 2 : ht + tva;
		p->lettered = fate != 7;
		p->letter = letters[cust] - 1;
		qlen++;
	}
	free(letters);
	return fflush(stdout) == 0 ? 0 : 74;
}
