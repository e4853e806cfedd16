/* fuzz_journal - the journal reader (validation, promises, plans, holds).
 * Property: never crash or leak; a refused journal says why. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dunning.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	char path[] = "/tmp/dunning-fuzz-journal-XXXXXX";
	int fd = mkstemp(path);
	dn_config *cfg;
	dn_journal *j = NULL;
	dn_journal_info info;
	dn_journal_status st;
	dn_error e;
	dn_date as_of;

	if (fd < 0)
		return 0;
	if (write(fd, data, size) != (ssize_t)size) {
		close(fd);
		unlink(path);
		return 0;
	}
	close(fd);
	cfg = dn_config_load("/dev/null", &e);
	dn_date_from_ymd(2026, 11, 23, &as_of);
	memset(&info, 0, sizeof info);
	dn_error_clear(&e);
	if (cfg != NULL && dn_journal_read(path, cfg, as_of, &j, &info, &e) == 0) {
		const dn_jcustomer *c = dn_journal_customer(j, "C1", 2);
		dn_journal_status_of(j, c, "EUR", &st);
		(void)dn_journal_disputed(c, "EUR", "I1", 2);
	} else if (cfg != NULL && e.message[0] == '\0') {
		abort();
	}
	dn_journal_free(j);
	dn_config_free(cfg);
	unlink(path);
	return 0;
}
