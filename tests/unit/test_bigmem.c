/* test_bigmem.c - memory for large random-access tables: zeroed, writable
 * to its last byte, freed with free(), small or huge. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "bigmem.h"
#include "unit.h"

/* Whether n bytes at p are all zero. */
static int all_zero(const unsigned char *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (p[i] != 0)
			return 0;
	return 1;
}

int main(void)
{
	static const size_t sizes[] = {1, 100, DN_BIG_PAGE - 1, DN_BIG_PAGE, DN_BIG_PAGE + 1,
				       3 * DN_BIG_PAGE + 17};
	size_t i;

	for (i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
		unsigned char *p = dn_big_calloc(sizes[i]);
		CHECK(p != NULL);
		if (p == NULL)
			continue;
		CHECK(all_zero(p, sizes[i]));
		memset(p, 0xab, sizes[i]);
		CHECK(p[0] == 0xab && p[sizes[i] - 1] == 0xab);
		/* huge blocks are aligned to the page they ask for */
		if (sizes[i] >= DN_BIG_PAGE)
			CHECK((uintptr_t)p % DN_BIG_PAGE == 0);
		free(p);
	}
	CHECK(dn_big_calloc(SIZE_MAX - 3) == NULL);
	DONE();
}
