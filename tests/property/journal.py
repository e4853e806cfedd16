#!/usr/bin/env python3
"""journal.py BINDIR - what the journal promises, checked on the examples
over four months of daily runs:

  - a level is never sent twice for an invoice: in each day's reminders an
    invoice is listed at the level it reached (from the journal) or at the
    next one, every message escalates at least one invoice, and its level
    is the highest level it escalates to;
  - recording the same outbox twice changes nothing (byte for byte);
  - a journal read back as a batch (journal -f J2 J) is J again, byte for
    byte, and the customers' histories (--customer) partition its rows;
  - a journal written under one configuration ([input] semicolon, decimal
    comma, day/month/year) reads back the same under another (none):
    prioritize, remind and kpi decide the same on it as on the journal
    written canonically.

Ends with "N passed, N failed" (tests/check.sh tallies it).
"""
import csv
import datetime
import io
import os
import shutil
import subprocess
import sys
import tempfile

BIN = os.path.abspath(sys.argv[1])
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
ITEMS = os.path.join(ROOT, "examples", "items.csv")
CONFIG = os.path.join(ROOT, "examples", "dunning.ini")
passed = failed = 0


def ok(cond, what):
    global passed, failed
    if cond:
        passed += 1
    else:
        failed += 1
        print("FAIL " + what)


def run(args, stdin=None, env=None):
    e = dict(os.environ, LC_ALL="C.UTF-8", DUNNING_CONFIG="")
    e.pop("DUNNING_AS_OF", None)
    e.update(env or {})
    p = subprocess.run([os.path.join(BIN, args[0])] + args[1:], input=stdin,
                       capture_output=True, env=e)
    return p.returncode, p.stdout, p.stderr


def split_pairs(field):
    out = []
    for p in field.split(";"):
        if p:
            inv, _, level = p.rpartition(":")
            out.append((inv, int(level)))
    return out


def reached(journal):
    """The level each invoice reached: the highest its reminders record."""
    out = {}
    if not os.path.exists(journal):
        return out
    with open(journal, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if row["event"] == "reminder":
                for inv, level in split_pairs(row["invoices"]):
                    out[inv] = max(out.get(inv, 0), level)
    return out


def outbox_rows(outbox):
    return list(csv.DictReader(io.StringIO(outbox.decode())))


def escalation_faults(outbox, before):
    """What breaks "a level is never sent twice" in one day's outbox."""
    faults = []
    for row in outbox_rows(outbox):
        pairs = split_pairs(row["invoices"])
        for inv, level in pairs:
            if level not in (before.get(inv, 0), before.get(inv, 0) + 1):
                faults.append("%s:%d after %d" % (inv, level, before.get(inv, 0)))
        due = [level for inv, level in pairs if level == before.get(inv, 0) + 1]
        if not due:
            faults.append("%s: a message that escalates nothing" % row["customer"])
        elif int(row["level"]) != max(due):
            faults.append("%s: message level %s, not the highest due %d"
                          % (row["customer"], row["level"], max(due)))
    return faults


def read(path):
    with open(path, "rb") as f:
        return f.read()


def month_of_runs(work):
    journal = os.path.join(work, "j.csv")
    day = datetime.date(2026, 8, 1)
    end = datetime.date(2026, 11, 30)
    sent = 0
    while day <= end:
        as_of = day.isoformat()
        st, outbox, err = run(["remind", "-c", CONFIG, "--as-of", as_of, "--journal", journal,
                               ITEMS])
        ok(st == 0, "remind %s exits %d: %s" % (as_of, st, err.decode()[:200]))
        faults = escalation_faults(outbox, reached(journal))
        ok(not faults, "remind %s: %s" % (as_of, faults[:3]))
        st, _, err = run(["journal", "-c", CONFIG, "--as-of", as_of, "-f", journal], outbox)
        ok(st == 0, "journal %s exits %d: %s" % (as_of, st, err.decode()[:200]))
        if os.path.exists(journal):
            snapshot = read(journal)
            st, _, err = run(["journal", "-c", CONFIG, "--as-of", as_of, "-f", journal], outbox)
            ok(st == 0 and read(journal) == snapshot,
               "recording the outbox of %s twice changed the journal" % as_of)
        sent += len(outbox_rows(outbox))
        day += datetime.timedelta(days=1)
    ok(sent > 20, "four months of runs sent only %d reminders" % sent)
    return journal


def round_trip(work, journal):
    again = os.path.join(work, "again.csv")
    st, _, err = run(["journal", "-f", again, journal])
    ok(st == 0 and read(again) == read(journal),
       "journal -f J2 J is not J (%d: %s)" % (st, err.decode()[:200]))
    with open(journal, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    header, body = rows[0], rows[1:]
    got = []
    for customer in sorted({r[1] for r in body}):
        st, out, err = run(["journal", "-f", journal, "--customer", customer])
        hist = list(csv.reader(io.StringIO(out.decode())))
        ok(st == 0 and hist[0] == header, "--customer %s: %d %s" % (customer, st, err[:100]))
        ok(all(r[1] == customer for r in hist[1:]), "--customer %s: other rows" % customer)
        got += hist[1:]
    ok(sorted(got) == sorted(body), "the histories do not partition the journal")


FR = """[input]
delimiter = semicolon
decimal_separator = comma
date_format = %d/%m/%Y
"""

EVENTS = [  # date, customer, currency, event, amount, due_date, ref
    ("2026-10-02", "C003", "EUR", "promise", "1500.00", "2026-10-20", "t-1"),
    ("2026-10-05", "C005", "EUR", "dispute", "", "", "t-2"),
    ("2026-10-12", "C003", "EUR", "payment", "700.00", "", "t-3"),
    ("2026-11-02", "C007", "EUR", "call", "", "", "t-4"),
    ("2026-11-03", "C002", "EUR", "block", "", "", "t-5"),
]


def fr_date(iso):
    return "" if not iso else "%s/%s/%s" % (iso[8:10], iso[5:7], iso[0:4])


def across_configs(work):
    """The same events written canonically and under a French config."""
    fr = os.path.join(work, "fr.ini")
    with open(fr, "w") as f:
        f.write(FR)
    canon = "date,customer,currency,event,amount,due_date,ref\n" + "".join(
        ",".join(e) + "\n" for e in EVENTS)
    french = "date;customer;currency;event;amount;due_date;ref\n" + "".join(
        ";".join((fr_date(d), c, cur, ev, a.replace(".", ","), fr_date(due), ref)) + "\n"
        for d, c, cur, ev, a, due, ref in EVENTS)
    jc, jf = os.path.join(work, "canon.csv"), os.path.join(work, "french.csv")
    st1, _, e1 = run(["journal", "--as-of", "2026-11-23", "-f", jc], canon.encode())
    st2, _, e2 = run(["journal", "-c", fr, "--as-of", "2026-11-23", "-f", jf], french.encode())
    ok(st1 == 0 and st2 == 0, "writing the two journals: %s %s" % (e1[:200], e2[:200]))
    for as_of in ("2026-10-15", "2026-11-23"):
        for tool in (["prioritize"], ["remind", "-c", CONFIG], ["kpi", "--from", "2026-09-01"]):
            items = ITEMS
            got = [run(tool + ["--as-of", as_of, "--journal", j, items]) for j in (jc, jf)]
            ok(got[0][0] == 0 and got[0] == got[1],
               "%s at %s decides otherwise on the journal written under [input] "
               "semicolon: %s" % (" ".join(tool), as_of, got[1][2].decode()[:200]))


def main():
    work = tempfile.mkdtemp(prefix="dunning-jprop.")
    try:
        journal = month_of_runs(work)
        round_trip(work, journal)
        across_configs(work)
    finally:
        shutil.rmtree(work)
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


sys.exit(main())
