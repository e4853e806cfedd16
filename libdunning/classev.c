/* classev.c - classify --as-event rows for the journal (see classev.h). */
#include "classev.h"

#include <inttypes.h>
#include <stdio.h>

#include "classify.h"

void dn_classev_init(dn_classev *ce, const dn_csv_reader *rd)
{
	static const char *const own[3] = {"category", "matched", "event"};

	ce->due_date = dn_csv_find(rd, "due_date");
	ce->amount = dn_csv_find(rd, "amount");
	ce->invoices = dn_csv_find(rd, "invoices");
	ce->ref = dn_csv_find(rd, "ref");
	for (int k = 0; k < 3; k++)
		ce->own[k] = dn_csv_find(rd, own[k]);
}

static int filled(const dn_row *row, int col)
{
	return col >= 0 && (size_t)col < row->n && row->len[col] > 0;
}

dn_event dn_classev_event(const dn_classev *ce, const dn_row *row, const char *category)
{
	dn_event ev = dn_classify_event(category);

	if (ev == DN_EV_PROMISE &&
	    !(filled(row, ce->due_date) && (filled(row, ce->amount) || filled(row, ce->invoices))))
		return DN_EV_MESSAGE_IN;
	return ev;
}

static int is_own(const dn_classev *ce, size_t i)
{
	if ((int)i == ce->ref)
		return 1;
	for (int k = 0; k < 3; k++)
		if ((int)i == ce->own[k])
			return 1;
	return 0;
}

size_t dn_classev_ref(const dn_classev *ce, const dn_row *row, char *buf, const char **ref)
{
	uint64_t h = UINT64_C(1469598103934665603);

	if (filled(row, ce->ref)) {
		*ref = row->v[ce->ref];
		return row->len[ce->ref];
	}
	for (size_t i = 0; i < row->n; i++) {
		if (is_own(ce, i))
			continue;
		for (size_t k = 0; k < row->len[i]; k++)
			h = (h ^ (unsigned char)row->v[i][k]) * UINT64_C(1099511628211);
		h = (h ^ 0x1fu) * UINT64_C(1099511628211);
	}
	snprintf(buf, DN_CLASSEV_REF_SIZE, "cl-%016" PRIx64, h);
	*ref = buf;
	return 19;
}
