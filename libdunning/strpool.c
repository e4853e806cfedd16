/* strpool.c - strings copied into blocks (see strpool.h). */
#include "strpool.h"

#include <stdlib.h>
#include <string.h>

#define BLOCK_BYTES (64 * 1024)

struct dn_strblock {
	dn_strblock *next; /* older blocks */
	size_t used, cap;
	char data[];
};

char *dn_strpool_dup(dn_strpool *p, const char *s, size_t len)
{
	dn_strblock *b = p->head;
	char *out;

	if (b == NULL || b->cap - b->used < len + 1) {
		/* A string longer than a block gets a block of its own. */
		size_t cap = len + 1 > BLOCK_BYTES ? len + 1 : BLOCK_BYTES;
		b = malloc(sizeof *b + cap);
		if (b == NULL)
			return NULL;
		b->used = 0;
		b->cap = cap;
		b->next = p->head;
		p->head = b;
	}
	out = b->data + b->used;
	if (len > 0)
		memcpy(out, s, len);
	out[len] = '\0';
	b->used += len + 1;
	return out;
}

void dn_strpool_reset(dn_strpool *p)
{
	dn_strblock *b = p->head, *next;

	if (b == NULL)
		return;
	for (next = b->next; next != NULL; next = b->next) {
		b->next = next->next;
		free(next);
	}
	b->used = 0;
}

void dn_strpool_free(dn_strpool *p)
{
	while (p->head != NULL) {
		dn_strblock *next = p->head->next;
		free(p->head);
		p->head = next;
	}
}
