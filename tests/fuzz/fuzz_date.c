/* fuzz_date - date parsing in every input format.
 * Property: a parsed date lies in 1900-2199 and formats to YYYY-MM-DD, which
 * parses back to the same day. */
#include <stdlib.h>
#include <string.h>

#include "dunning.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	dn_date d, back, lo, hi;
	char buf[11];
	int y, m, day;

	if (size < 1)
		return 0;
	if (dn_date_parse((const char *)data + 1, size - 1, (dn_datefmt)(data[0] % 5), &d) != 0)
		return 0;
	dn_date_from_ymd(1900, 1, 1, &lo);
	dn_date_from_ymd(2199, 12, 31, &hi);
	if (d < lo || d > hi)
		abort();
	dn_date_format(d, buf);
	if (dn_date_parse(buf, strlen(buf), DN_DATE_ISO, &back) != 0 || back != d)
		abort();
	dn_date_to_ymd(dn_date_add_months(d, data[0] % 40 - 20, 31), &y, &m, &day);
	if (m < 1 || m > 12 || day < 28 || day > 31)
		abort();
	return 0;
}
