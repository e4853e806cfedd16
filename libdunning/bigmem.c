/* bigmem.c - huge pages for large random-access tables (see bigmem.h). */
#define _DEFAULT_SOURCE /* madvise: not in POSIX */
#include "bigmem.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

void *dn_big_calloc(size_t n)
{
	size_t size;
	void *p;

	if (n < DN_BIG_PAGE)
		return calloc(1, n);
	if (n > SIZE_MAX - DN_BIG_PAGE)
		return NULL;
	size = (n + DN_BIG_PAGE - 1) / DN_BIG_PAGE * DN_BIG_PAGE;
	if (posix_memalign(&p, DN_BIG_PAGE, size) != 0)
		return NULL;
#ifdef MADV_HUGEPAGE
	/* Only a hint: without huge pages the memory is as good. */
	(void)madvise(p, size, MADV_HUGEPAGE);
#endif
	memset(p, 0, n);
	return p;
}
