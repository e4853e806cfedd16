/* test_hold.c - remind's contact holds: the caps, no address, wrong contact. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "charges.h"
#include "config.h"
#include "hold.h"
#include "jhistory.h"
#include "level.h"
#include "wording.h"
#include "scratch.h"
#include "unit.h"
#include "fixture.h"

static void test_holds(void)
{
	dn_config *cfg = cfg_of("[contact]\nmax_per_7_days = 2\n");
	dn_hold_rules r;
	dn_contact_facts f = {0, 0, "email", "a@b.example", 11, 0};
	dn_hold h;

	dn_hold_rules_load(&r, cfg);
	CHECK(r.max_per_7_days == 2 && r.max_calls_per_7_days == 7 && r.claim_paid_days == 10);
	dn_hold_contact(&r, &f, &h);
	CHECK(h.kind == DN_HOLD_NONE);
	f.outbound_7d = 2;
	dn_hold_contact(&r, &f, &h);
	CHECK(h.kind == DN_HOLD_CONTACT_CAP && h.count == 2 && h.limit == 2);
	f.outbound_7d = 1;
	f.calls_7d = 7;
	dn_hold_contact(&r, &f, &h);
	CHECK(h.kind == DN_HOLD_NONE); /* not a call */
	f.channel = "call";
	dn_hold_contact(&r, &f, &h);
	CHECK(h.kind == DN_HOLD_CALL_CAP && h.count == 7);
	f.calls_7d = 0;
	f.address = "  ";
	f.address_len = 2;
	dn_hold_contact(&r, &f, &h);
	CHECK(h.kind == DN_HOLD_NO_ADDRESS);
	f.address = "+33 1";
	f.address_len = 5;
	f.wrong_contact = 1;
	dn_hold_contact(&r, &f, &h);
	CHECK(h.kind == DN_HOLD_WRONG_CONTACT);
	CHECK_STR(dn_channel_address_column("sms"), "phone");
	CHECK_STR(dn_channel_address_column("call"), "phone");
	CHECK_STR(dn_channel_address_column("letter"), "address");
	CHECK_STR(dn_channel_address_column("email"), "email");
	dn_config_free(cfg);
}

int main(void)
{
	scratch_open();
	test_holds();
	scratch_close();
	DONE();
}
