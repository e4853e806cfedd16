/* fuzz_money - amount parsing and formatting.
 * Property: a parsed amount formats to the canonical text, which parses back
 * to the same value; the grouped form has the same digits. */
#include <stdlib.h>
#include <string.h>

#include "dunning.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	static const dn_numfmt fmts[] = {{'.', 0}, {',', ' '}, {',', '.'}, {'.', ','}};
	char buf[DN_MONEY_BUFSZ], grouped[DN_MONEY_BUFSZ * 2];
	int64_t v, back;
	dn_error e;
	int decimals;
	dn_numfmt fmt;

	if (size < 1)
		return 0;
	decimals = data[0] % 5;
	fmt = fmts[(data[0] >> 3) & 3];
	if (dn_money_parse((const char *)data + 1, size - 1, decimals, &fmt, &v, &e) != 0)
		return 0;
	dn_money_format(v, decimals, buf);
	if (dn_money_parse(buf, strlen(buf), decimals, NULL, &back, &e) != 0 || back != v)
		abort();
	dn_money_format_grouped(v, decimals, ' ', grouped);
	{
		/* Removing the group separators gives the canonical text again. */
		char plain[DN_MONEY_BUFSZ * 2];
		size_t i, n = 0;
		for (i = 0; grouped[i]; i++)
			if (grouped[i] != ' ')
				plain[n++] = grouped[i];
		plain[n] = '\0';
		if (strcmp(plain, buf) != 0)
			abort();
	}
	return 0;
}
