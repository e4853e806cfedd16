/* gen — deterministic generator of an items CSV for the aging benchmark.
 *
 *   gen ROWS [CUSTOMERS]      (CUSTOMERS defaults to 50000)
 *
 * Writes to stdout:
 *   customer,customer_name,invoice,issue_date,due_date,amount,paid,currency
 * Same arguments, same bytes: a fixed-seed xorshift64* generator, no rand(),
 * no clock, no locale.
 *   customer      C000001 .. over CUSTOMERS customers (uniformly drawn)
 *   customer_name "Customer 123", or for one customer in ten a synthetic
 *                 "Surname, Given" that must be quoted
 *   invoice       INV-0000001, INV-0000002, ... (one per row)
 *   issue_date    uniform over 2024-01-01 .. 2026-11-20
 *   due_date      issue + 30, 45 or 60 days
 *   amount        10.00 .. 20000.00
 *   paid          0.00 (60%), the full amount (25%) or a partial (15%)
 *   currency      EUR (90%) or USD (10%)
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

/* uniform in [0, n) — n is small, modulo bias is irrelevant here */
static uint64_t below(uint64_t n)
{
	return (rnd() >> 11) % n;
}

/* days since 1970-01-01 of a civil date (H. Hinnant's algorithm) */
static long days_from_civil(long y, long m, long d)
{
	y -= m <= 2;
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
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

static char outbuf[1 << 20];
static size_t outlen;

static void flush_out(void)
{
	if (outlen && fwrite(outbuf, 1, outlen, stdout) != outlen) {
		fprintf(stderr, "gen: write error: %s\n", strerror(errno));
		exit(74);
	}
	outlen = 0;
}

static void put(const char *s, size_t n)
{
	memcpy(outbuf + outlen, s, n);
	outlen += n;
}

static void putc1(char c)
{
	outbuf[outlen++] = c;
}

/* unsigned decimal, zero-padded to at least width digits */
static void putnum(uint64_t v, int width)
{
	char tmp[24];
	int n = 0;
	do {
		tmp[n++] = (char)('0' + (int)(v % 10));
		v /= 10;
	} while (v);
	while (n < width)
		tmp[n++] = '0';
	while (n)
		outbuf[outlen++] = tmp[--n];
}

static void putcents(uint64_t c)
{
	putnum(c / 100, 1);
	putc1('.');
	putnum(c % 100, 2);
}

static const char *const surnames[] = {
	"Dupont", "Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard",
	"Petit", "Durand", "Leroy", "Moreau", "Simon", "Laurent", "Lefebvre",
	"Michel", "Garcia", "Smith", "Jones", "Taylor", "Brown",
};
static const char *const givens[] = {
	"Martin", "Claire", "Paul", "Sophie", "Louis", "Emma", "Jean", "Alice",
	"Hugo", "Chloe", "John", "Mary", "Peter", "Anna",
};

static uint64_t parse_count(const char *s, const char *what)
{
	char *end;
	errno = 0;
	unsigned long long v = strtoull(s, &end, 10);
	if (errno || end == s || *end || s[0] == '-' || v == 0 || v > UINT64_C(999999999)) {
		fprintf(stderr, "gen: bad %s: '%s'\n", what, s);
		exit(64);
	}
	return (uint64_t)v;
}

int main(int argc, char **argv)
{
	if (argc < 2 || argc > 3) {
		fputs("usage: gen ROWS [CUSTOMERS]\n", stderr);
		return 64;
	}
	uint64_t rows = parse_count(argv[1], "ROWS");
	uint64_t customers = argc == 3 ? parse_count(argv[2], "CUSTOMERS") : 50000;

	/* every date string the rows can need, formatted once */
	long first = days_from_civil(2024, 1, 1);
	long last = days_from_civil(2026, 11, 20);
	size_t span = (size_t)(last - first + 1);
	size_t ndates = span + 61;
	char (*dates)[11] = malloc(ndates * sizeof *dates);
	if (!dates) {
		fputs("gen: out of memory\n", stderr);
		return 71;
	}
	for (size_t i = 0; i < ndates; i++) {
		long y, m, d;
		civil_from_days(first + (long)i, &y, &m, &d);
		char *s = dates[i];
		s[0] = (char)('0' + y / 1000);
		s[1] = (char)('0' + y / 100 % 10);
		s[2] = (char)('0' + y / 10 % 10);
		s[3] = (char)('0' + y % 10);
		s[4] = '-';
		s[5] = (char)('0' + m / 10);
		s[6] = (char)('0' + m % 10);
		s[7] = '-';
		s[8] = (char)('0' + d / 10);
		s[9] = (char)('0' + d % 10);
		s[10] = '\0';
	}
	static const unsigned terms[] = { 30, 45, 60 };
	const size_t nsur = sizeof surnames / sizeof surnames[0];
	const size_t ngiv = sizeof givens / sizeof givens[0];

	static const char header[] =
		"customer,customer_name,invoice,issue_date,due_date,amount,paid,currency\n";
	put(header, sizeof header - 1);

	for (uint64_t r = 1; r <= rows; r++) {
		if (outlen > sizeof outbuf - 512)
			flush_out();
		uint64_t cust = below(customers) + 1;
		size_t issue = (size_t)below(span);
		size_t due = issue + terms[below(3)];
		uint64_t amount = 1000 + below(2000000 - 1000 + 1);
		uint64_t kind = below(100), paid;
		if (kind < 60)
			paid = 0;
		else if (kind < 85)
			paid = amount;
		else
			paid = 1 + below(amount - 1);
		int usd = below(10) == 0;

		putc1('C');
		putnum(cust, 6);
		putc1(',');
		if (cust % 10 == 7) {
			/* a stable synthetic "Surname, Given" per customer */
			uint64_t h = cust * UINT64_C(0x9E3779B97F4A7C15);
			const char *s = surnames[(h >> 40) % nsur];
			const char *g = givens[(h >> 20) % ngiv];
			putc1('"');
			put(s, strlen(s));
			put(", ", 2);
			put(g, strlen(g));
			putc1('"');
		} else {
			put("Customer ", 9);
			putnum(cust, 1);
		}
		put(",INV-", 5);
		putnum(r, 7);
		putc1(',');
		put(dates[issue], 10);
		putc1(',');
		put(dates[due], 10);
		putc1(',');
		putcents(amount);
		putc1(',');
		putcents(paid);
		put(usd ? ",USD\n" : ",EUR\n", 5);
	}
	flush_out();
	free(dates);
	if (fflush(stdout) == EOF || ferror(stdout)) {
		fprintf(stderr, "gen: write error: %s\n", strerror(errno));
		return 74;
	}
	return 0;
}
