/* fuzz_config - the configuration loader (scan + iniparser + schema).
 * Property: never crash or leak; a refused file names what is wrong. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dunning.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	char path[] = "/tmp/dunning-fuzz-ini-XXXXXX";
	int fd = mkstemp(path);
	dn_config *c;
	dn_error e;

	if (fd < 0)
		return 0;
	if (write(fd, data, size) != (ssize_t)size) {
		close(fd);
		unlink(path);
		return 0;
	}
	close(fd);
	dn_error_clear(&e);
	c = dn_config_load(path, &e);
	if (c == NULL && (e.status != DN_EX_CONFIG || e.message[0] == '\0'))
		abort();
	dn_config_free(c);
	unlink(path);
	return 0;
}
