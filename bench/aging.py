#!/usr/bin/env python3
"""aging.py -- the Python contender of the aging benchmark.

    python3 bench/aging.py --as-of YYYY-MM-DD [FILE...]   (no FILE, or -: stdin)

Does the job of `aging --as-of DATE` in row mode with the standard csv module:
for every item, balance = amount - paid (exact, in integer cents), days_overdue
= as-of - due_date, bucket current (<= 0) / 1-30 / 31-60 / 61-90 / 91-120 /
121+; rows whose balance is zero, and items issued after as-of, are left out;
output is the input columns plus balance,days_overdue,bucket.

It is written the way a careful Python programmer would write it (no float for
money, a small cache for the ~1,000 distinct dates), not tuned beyond that.
Amounts are assumed to have at most two decimals (EUR and USD in the bench).
"""
import csv
import datetime
import sys


def cents(s):
    neg = s.startswith("-")
    if neg:
        s = s[1:]
    whole, _, frac = s.partition(".")
    if len(frac) > 2 or not (whole or frac):
        raise ValueError("bad amount: %r" % s)
    v = int(whole or "0") * 100 + int((frac + "00")[:2])
    return -v if neg else v


def fmt_cents(v):
    sign = "-" if v < 0 else ""
    v = abs(v)
    return "%s%d.%02d" % (sign, v // 100, v % 100)


def bucket(days):
    if days <= 0:
        return "current"
    if days <= 30:
        return "1-30"
    if days <= 60:
        return "31-60"
    if days <= 90:
        return "61-90"
    if days <= 120:
        return "91-120"
    return "121+"


def main(argv):
    as_of = None
    files = []
    i = 1
    while i < len(argv):
        a = argv[i]
        if a == "--as-of" and i + 1 < len(argv):
            as_of = argv[i + 1]
            i += 2
            continue
        if a.startswith("--as-of="):
            as_of = a[len("--as-of="):]
        else:
            files.append(a)
        i += 1
    if as_of is None:
        sys.stderr.write("usage: aging.py --as-of YYYY-MM-DD [FILE...]\n")
        return 64
    as_of_ord = datetime.date.fromisoformat(as_of).toordinal()
    if not files:
        files = ["-"]

    ordinals = {}
    out = csv.writer(sys.stdout, lineterminator="\n")
    header_written = False
    for name in files:
        f = sys.stdin if name == "-" else open(name, newline="", encoding="utf-8")
        rows = csv.reader(f, strict=True)
        header = next(rows, None)
        if header is None:
            continue
        col = {h.strip().lower().lstrip("\ufeff"): n for n, h in enumerate(header)}
        i_issue, i_due = col["issue_date"], col["due_date"]
        i_amount, i_paid = col["amount"], col["paid"]
        if not header_written:
            out.writerow(header + ["balance", "days_overdue", "bucket"])
            header_written = True
        write = out.writerow
        for row in rows:
            if not row:
                continue
            if row[i_issue] > as_of:  # ISO dates compare as strings
                continue
            balance = cents(row[i_amount]) - cents(row[i_paid])
            if balance == 0:
                continue
            due = row[i_due]
            d = ordinals.get(due)
            if d is None:
                d = ordinals[due] = datetime.date.fromisoformat(due).toordinal()
            days = as_of_ord - d
            row.append(fmt_cents(balance))
            row.append(str(days))
            row.append(bucket(days))
            write(row)
        if f is not sys.stdin:
            f.close()
    sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
