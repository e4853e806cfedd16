/* bigmem.h - memory for large tables read at random.
 *
 * A hash table of 50,000 customers and its records are read in no order:
 * with 4 KiB pages nearly every such read also misses the TLB, and under a
 * virtual machine's nested paging the page walk costs more than the cache
 * miss.  Blocks of 2 MiB and more are therefore asked for in 2 MiB pages
 * where the system has them (Linux transparent huge pages, "madvise"
 * mode); elsewhere, and below 2 MiB, this is calloc.
 */
#ifndef DN_BIGMEM_H
#define DN_BIGMEM_H

#include <stddef.h>

/* Size from which dn_big_calloc asks for huge pages. */
#define DN_BIG_PAGE ((size_t)2 << 20)

/* n zeroed bytes (n > 0), or NULL when out of memory.  Free with free(). */
void *dn_big_calloc(size_t n);

#endif
