#!/usr/bin/env python3
"""kpi.py BINDIR [RUNS] - kpi against a straightforward recomputation.

Generates random ledgers (items in EUR, GBP and JPY: open, part-paid,
closed on a paid_date, written off, credit notes, settled after as-of) and
random journals (reminders on every channel, calls, legal action, promises
and payments), runs `kpi` with random --from/--to/--every/--by/--journal,
and compares its stdout and stderr, byte for byte, with what this script
computes from SPEC "kpi" directly: each metric from the items' state at a
date, with exact fractions (no float anywhere).  Then splits the items and
the journal by customer (FNV-1a 64 of the customer id, modulo K) into
K = 1, 2 and 7 shards (with `kpi --shard I/K` when kpi has it, else
split here by the same hash), runs `kpi --partial` on each and checks that
`kpi --merge` prints exactly the single run's bytes; and once, 4 shards run
in parallel by GNU parallel.  Ends with "N passed, N failed".
"""
import datetime as dt
import os
import random
import shutil
import subprocess
import sys
import tempfile
from fractions import Fraction as F

BIN = os.path.abspath(sys.argv[1])
RUNS = int(sys.argv[2]) if len(sys.argv) > 2 else 30
AS_OF = dt.date(2026, 11, 23)
DECIMALS = {"EUR": 2, "GBP": 2, "JPY": 0}
BOUNDS = [30, 60, 90, 120]
GRACE = 2
CHANNELS = ["email", "sms", "letter", "call", "legal"]
COSTS = {  # minor units per event, per currency
    "EUR": {"email": 50, "sms": 10, "letter": 120, "call": 300, "legal": 15000},
    "GBP": {"email": 50, "sms": 10, "letter": 120, "call": 300, "legal": 15000},
    "JPY": {"email": 80, "sms": 15, "letter": 200, "call": 500, "legal": 20000},
}
CONFIG = """[general]
currency = EUR
[costs]
email = 0.50
sms = 0.10
letter = 1.20
call = 3
legal = 150
email_jpy = 80
sms_jpy = 15
letter_jpy = 200
call_jpy = 500
legal_jpy = 20000
"""
METRICS = ["credit_sales", "ar_open", "ar_current", "dso", "best_possible_dso", "add",
           "dso_countback", "cei", "avg_days_to_pay", "avg_days_late",
           "avg_days_to_pay_weighted", "avg_days_late_weighted", "recovery_rate",
           "written_off_rate"]
JMETRICS = ["promise_kept_rate", "amicable_share", "contacts_per_collection",
            "cost_of_collection"]

passed = failed = 0


def fnv1a64(s):
    h = 0xcbf29ce484222325
    for b in s.encode():
        h ^= b
        h = (h * 0x100000001b3) & 0xFFFFFFFFFFFFFFFF
    return h


def money(units, dec):
    sign = "-" if units < 0 else ""
    units = abs(units)
    if dec == 0:
        return f"{sign}{units}"
    return f"{sign}{units // 10**dec}.{units % 10**dec:0{dec}d}"


def hundredths(fr):
    """A fraction rounded to two decimals, halves away from zero."""
    x = fr * 100
    n = (abs(x) + F(1, 2)).__floor__()
    if x < 0:
        n = -n
    sign = "-" if n < 0 else ""
    return f"{sign}{abs(n) // 100}.{abs(n) % 100:02d}"


def rand_date(rng, lo, hi):
    return lo + dt.timedelta(days=rng.randint(0, (hi - lo).days))


# ---------------------------------------------------------------- data --
def gen_items(rng):
    items = []
    ncust = rng.randint(1, 9)
    for n in range(rng.randint(0, 60)):
        cust = f"C{rng.randint(1, ncust):02d}"
        cur = rng.choice(["EUR", "EUR", "EUR", "GBP", "JPY"])
        dec = DECIMALS[cur]
        issue = rand_date(rng, dt.date(2024, 6, 1), AS_OF + dt.timedelta(days=20))
        due = issue + dt.timedelta(days=rng.choice([0, 15, 30, 45, 60]))
        amount = rng.randint(1, 500000) * (10 if dec == 0 else 1)
        kind = rng.random()
        it = dict(customer=cust, invoice=f"F{n:03d}", issue=issue, due=due, currency=cur,
                  segment=rng.choice(["smb", "corp", "public", ""]), paid=0, wo=0,
                  paid_date=None)
        if kind < 0.1:
            amount = -amount  # a credit note
        elif kind < 0.4:
            it["paid"] = rng.randint(0, amount)
            it["wo"] = rng.randint(0, amount - it["paid"]) if rng.random() < 0.2 else 0
        elif kind < 0.95:
            pd = issue + dt.timedelta(days=rng.randint(0, 150))
            it["paid_date"] = pd
            it["wo"] = rng.randint(0, amount) if rng.random() < 0.2 else 0
            it["paid"] = amount - it["wo"]
            if pd > AS_OF:  # settled after as-of: columns not checked
                it["paid"] = rng.randint(0, amount)
                it["wo"] = 0
        else:
            it["paid"] = amount  # fully paid, no paid_date
        it["amount"] = amount
        items.append(it)
    return items


def balance(it):
    return it["amount"] - it["paid"] - it["wo"]


def write_items(path, items):
    with open(path, "w") as f:
        f.write("customer,invoice,issue_date,due_date,amount,paid,written_off,paid_date,"
                "currency,segment\n")
        for it in items:
            dec = DECIMALS[it["currency"]]
            f.write(",".join([it["customer"], it["invoice"], it["issue"].isoformat(),
                              it["due"].isoformat(), money(it["amount"], dec),
                              money(it["paid"], dec), money(it["wo"], dec),
                              it["paid_date"].isoformat() if it["paid_date"] else "",
                              it["currency"], it["segment"]]) + "\n")


def gen_journal(rng, items):
    custs = sorted({it["customer"] for it in items} | {"C99"})
    events = []
    for _ in range(rng.randint(0, 40)):
        cust = rng.choice(custs)
        cur = rng.choice(["", "EUR", "GBP", "JPY"])
        date = rand_date(rng, dt.date(2025, 6, 1), AS_OF + dt.timedelta(days=5))
        ev = rng.choice(["reminder", "reminder", "call", "legal", "promise", "payment",
                         "payment", "note"])
        e = dict(date=date, customer=cust, currency=cur, event=ev, channel="", amount=None,
                 due=None)
        dec = DECIMALS[cur or "EUR"]
        if ev == "reminder":
            e["channel"] = rng.choice(["email", "sms", "letter", "call", ""])
        elif ev == "promise":
            e["amount"] = rng.randint(1, 300000) * (10 if dec == 0 else 1)
            e["due"] = date + dt.timedelta(days=rng.randint(0, 40))
        elif ev == "payment":
            e["amount"] = rng.randint(1, 300000) * (10 if dec == 0 else 1)
        events.append(e)
        if ev == "promise" and rng.random() < 0.5:  # often kept, on time or just late
            pay = dict(e, event="payment", due=None,
                       date=date + dt.timedelta(days=rng.randint(0, 45)),
                       currency=rng.choice([cur, cur, ""]) if cur in ("", "EUR") else cur)
            events.append(pay)
    return events


def write_journal(path, events):
    with open(path, "w") as f:
        f.write("date,customer,currency,event,channel,amount,due_date\n")
        for e in events:
            dec = DECIMALS[e["currency"] or "EUR"]
            f.write(",".join([e["date"].isoformat(), e["customer"], e["currency"], e["event"],
                              e["channel"],
                              money(e["amount"], dec) if e["amount"] is not None else "",
                              e["due"].isoformat() if e["due"] else ""]) + "\n")


# --------------------------------------------------------- the metrics --
def open_at(it, t):
    """SPEC: an item's state at t."""
    if it["issue"] > t:
        return 0
    if it["paid_date"] is not None:
        return it["amount"] if t < it["paid_date"] else 0
    return balance(it)


def bucket(days):
    if days <= 0:
        return 0
    for k, b in enumerate(BOUNDS):
        if days <= b:
            return k + 1
    return len(BOUNDS) + 1


def periods(frm, to, every):
    out = []
    start = frm
    while start <= to:
        if every is None:
            end = to
        else:
            step = 3 if every == "quarter" else 1
            m0 = (start.month - 1) // step * step + 1
            y, m = start.year, m0 + step
            if m > 12:
                y, m = y + 1, m - 12
            end = min(dt.date(y, m, 1) - dt.timedelta(days=1), to)
        out.append((start, end))
        start = end + dt.timedelta(days=1)
    return out


def month_range(t, k):
    """The countback's month k back from t: (first day, last day counted)."""
    y, m = t.year, t.month - k
    while m < 1:
        y, m = y - 1, m + 12
    first = dt.date(y, m, 1)
    if k == 0:
        return first, t
    nxt = dt.date(y + (m == 12), m % 12 + 1, 1)
    return first, nxt - dt.timedelta(days=1)


def collected_in(it, f, t):
    if it["paid_date"] is not None:
        return it["amount"] - it["wo"] if f <= it["paid_date"] <= t else 0
    return it["amount"] - it["wo"] - balance(it) if f <= it["issue"] <= t else 0


def metrics_of(items, f, t, jx):
    """Every metric of one (group, currency) for the period f..t: a list of
    (name, text or None, why)."""
    days = (t - f).days + 1
    sales = sum(it["amount"] for it in items if f <= it["issue"] <= t)
    ar_to = sum(open_at(it, t) for it in items)
    cur_to = sum(open_at(it, t) for it in items if it["due"] >= t)
    ar_before = sum(open_at(it, f - dt.timedelta(days=1)) for it in items)
    out = []

    def ratio(name, num, den, why):
        out.append((name, hundredths(F(num) / den) if den != 0 else None, why))

    out.append(("credit_sales", "money", sales))
    out.append(("ar_open", "money", ar_to))
    out.append(("ar_current", "money", cur_to))
    ratio("dso", ar_to * days, sales, "no credit sales")
    ratio("best_possible_dso", cur_to * days, sales, "no credit sales")
    ratio("add", (ar_to - cur_to) * days, sales, "no credit sales")
    # countback
    rem, acc, res = F(ar_to), F(0), None
    for k in range(24):
        a, b = month_range(t, k)
        s = sum(it["amount"] for it in items if a <= it["issue"] <= b)
        d = (b - a).days + 1
        if k < 23 and rem > s:
            rem -= s
            acc += d
            continue
        if rem == 0:
            res = hundredths(acc)
        elif s != 0:
            res = hundredths(acc + rem / s * d)
        break
    out.append(("dso_countback", res, "no credit sales in the last month counted back"))
    ratio("cei", (ar_before + sales - ar_to) * 100, ar_before + sales - cur_to,
          "AR(from - 1) + credit sales - current AR(to) is 0")
    paid = [it for it in items if it["paid_date"] is not None and f <= it["paid_date"] <= t
            and it["wo"] == 0 and it["amount"] > 0]
    dtp = [(it["paid_date"] - it["issue"]).days for it in paid]
    late = [max(0, (it["paid_date"] - it["due"]).days) for it in paid]
    amt = sum(it["amount"] for it in paid)
    ratio("avg_days_to_pay", sum(dtp), len(paid), "no item paid in full")
    ratio("avg_days_late", sum(late), len(paid), "no item paid in full")
    ratio("avg_days_to_pay_weighted", sum(it["amount"] * d for it, d in zip(paid, dtp)), amt,
          "no item paid in full")
    ratio("avg_days_late_weighted", sum(it["amount"] * d for it, d in zip(paid, late)), amt,
          "no item paid in full")
    due = [it for it in items if it["amount"] > 0 and f <= it["due"] <= t]
    den = sum(it["amount"] for it in due)
    col = wo = 0
    for it in due:
        if it["paid_date"] is None:
            col += it["amount"] - it["wo"] - balance(it)
            wo += it["wo"]
        elif it["paid_date"] <= t:
            col += it["amount"] - it["wo"]
            wo += it["wo"]
    ratio("recovery_rate", col * 100, den, "nothing fell due")
    ratio("written_off_rate", wo * 100, den, "nothing fell due")
    if jx is not None:
        collected = sum(collected_in(it, f, t) for it in items)
        collections = sum(1 for it in items if collected_in(it, f, t) > 0)
        amicable = sum(collected_in(it, f, t) for it in items
                       if not (jx["legal"](it) is not None and jx["legal"](it) <= t))
        ratio("promise_kept_rate", jx["kept"] * 100, jx["kept"] + jx["broken"],
              "no promise kept or broken")
        ratio("amicable_share", amicable * 100, collected, "nothing collected")
        ratio("contacts_per_collection", jx["contacts"], collections, "no collection")
        ratio("cost_of_collection", jx["cost"] * 100, collected, "nothing collected")
    return out


def journal_facts(events, items, to, by):
    """Per customer: its group, legal dates, counts per (cur, period), promises."""
    group = {}
    for it in items:
        if it["issue"] <= to and it["customer"] not in group:
            group[it["customer"]] = it["segment"] if by else ""
    legal = {}
    for e in events:
        if e["event"] == "legal" and e["date"] <= to:
            k = (e["customer"], e["currency"])
            legal[k] = min(legal.get(k, e["date"]), e["date"])
    promises = []
    for e in events:
        if e["event"] != "promise" or e["date"] > to:
            continue
        cur = e["currency"] or "EUR"
        deadline = e["due"] + dt.timedelta(days=GRACE)
        paid = sum(p["amount"] for p in events
                   if p["event"] == "payment" and p["customer"] == e["customer"]
                   and (p["currency"] or "EUR") == cur and e["date"] <= p["date"] <= deadline
                   and p["date"] <= to)
        state = 1 if paid >= e["amount"] else (-1 if to > deadline else 0)
        promises.append((e["customer"], cur, deadline, state))
    return group, legal, promises


def expected(items, events, frm, to, every, by, journal):
    per = periods(frm, to, every)
    # (group, currency) -> items
    recs = {}
    for it in items:
        if it["issue"] > to:
            continue
        g = it["segment"] if by else ""
        recs.setdefault((g, it["currency"]), []).append(it)
    jcount = {}  # (group, cur, period index) -> dict
    if journal:
        group, legal, promises = journal_facts(events, items, to, by)
        jcust = {e["customer"] for e in events}
        for e in events:
            cur = e["currency"] or "EUR"
            g = group.get(e["customer"], "")
            for pi, (a, b) in enumerate(per):
                if not a <= e["date"] <= b or e["event"] not in ("reminder", "call", "legal"):
                    continue
                c = jcount.setdefault((g, cur, pi), {"contacts": 0, "cost": 0, "kept": 0,
                                                     "broken": 0})
                recs.setdefault((g, cur), [])
                if e["event"] in ("reminder", "call"):
                    c["contacts"] += 1
                ch = {"reminder": e["channel"], "call": "call", "legal": "legal"}.get(
                    e["event"], "")
                if ch:
                    c["cost"] += COSTS[cur][ch]
        for cust, cur, deadline, state in promises:
            if state == 0 or not frm <= deadline <= to:
                continue
            g = group.get(cust, "")
            recs.setdefault((g, cur), [])
            for pi, (a, b) in enumerate(per):
                if a <= deadline <= b:
                    c = jcount.setdefault((g, cur, pi), {"contacts": 0, "cost": 0,
                                                         "kept": 0, "broken": 0})
                    c["kept" if state > 0 else "broken"] += 1

        def legal_of(it):
            ds = [d for (c, cur), d in legal.items()
                  if c == it["customer"] and cur in ("", it["currency"])]
            return min(ds) if ds and it["customer"] in jcust else None
    out, err = [], []
    head = (["segment"] if by else []) + ["metric", "value", "currency", "from", "to"]
    out.append(",".join(head))
    keys = sorted(recs, key=lambda k: (k[0].encode(), k[1]))
    groups = []
    for g, cur in keys:
        if not groups or groups[-1][0] != g:
            groups.append((g, []))
        groups[-1][1].append(cur)
    for g, curs in groups:
        for pi, (a, b) in enumerate(per):
            for cur in curs:
                jx = None
                if journal:
                    c = jcount.get((g, cur, pi), {"contacts": 0, "cost": 0, "kept": 0,
                                                  "broken": 0})
                    jx = dict(c, legal=legal_of)
                for name, v, x in metrics_of(recs[(g, cur)], a, b, jx):
                    if v == "money":
                        v = money(x, DECIMALS[cur])
                    elif v is None:
                        where = f"segment={g} " if by else ""
                        err.append(f"kpi: {name}: {where}{cur} {a}..{b}: no value ({x})")
                    row = ([g] if by else []) + [name, v or "", cur, a.isoformat(),
                                                 b.isoformat()]
                    out.append(",".join(csvq(c) for c in row))
    return "".join(line + "\n" for line in out), "".join(line + "\n" for line in err)


def csvq(s):
    if s == "" or any(c in s for c in ',"\r\n') or s != s.strip(" "):
        return '"' + s.replace('"', '""') + '"' if s != "" else s
    return s


# ---------------------------------------------------------------- runs --
def run(args, cwd):
    p = subprocess.run([os.path.join(BIN, "kpi")] + args, cwd=cwd, capture_output=True,
                       env=dict(os.environ, DUNNING_AS_OF=AS_OF.isoformat(),
                                DUNNING_CONFIG="", LC_ALL="C.UTF-8"))
    return p.returncode, p.stdout.decode(), p.stderr.decode()


def check(name, ok, detail=""):
    global passed, failed
    if ok:
        passed += 1
    else:
        failed += 1
        print(f"FAIL {name}{': ' + detail if detail else ''}")


def split(path, k, key_col, work, stem):
    """The rows of a CSV file by FNV-1a 64 of their customer, modulo k."""
    with open(path) as f:
        head, *rows = f.read().splitlines()
    outs = []
    for i in range(k):
        p = os.path.join(work, f"{stem}.{k}.{i}.csv")
        with open(p, "w") as f:
            f.write(head + "\n")
            for r in rows:
                if fnv1a64(r.split(",")[key_col]) % k == i:
                    f.write(r + "\n")
        outs.append(p)
    return outs


def main():
    work = tempfile.mkdtemp(prefix="dunning-kpiprop.")
    try:
        with open(os.path.join(work, "dunning.ini"), "w") as f:
            f.write(CONFIG)
        for seed in range(RUNS):
            rng = random.Random(seed)
            items = gen_items(rng)
            events = gen_journal(rng, items)
            write_items(os.path.join(work, "items.csv"), items)
            write_journal(os.path.join(work, "journal.csv"), events)
            to = AS_OF - dt.timedelta(days=rng.choice([0, 0, 3, 40, 200]))
            frm = to - dt.timedelta(days=rng.choice([0, 29, 89, 180, 400]))
            every = rng.choice([None, None, "month", "quarter"])
            by = rng.random() < 0.4
            journal = rng.random() < 0.6
            args = ["--from", frm.isoformat(), "--to", to.isoformat()]
            args += ["--every", every] if every else []
            args += ["--by", "segment"] if by else []
            args += ["--journal", "journal.csv"] if journal else []
            want_out, want_err = expected(items, events, frm, to, every, by, journal)
            rc, out, err = run(args + ["items.csv"], work)
            name = f"seed {seed} ({' '.join(args)})"
            check(name + " stdout", rc == 0 and out == want_out,
                  f"status {rc}; " + first_diff(want_out, out) + err[:200])
            check(name + " stderr", err == want_err, first_diff(want_err, err))
            for k in (1, 2, 7):
                shard_check(work, k, args, journal, out, err, name)
        parallel_check(work)
    finally:
        shutil.rmtree(work)
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


def has_shard():
    """Whether kpi takes --shard I/N (the common option); else the shards
    are split here, by the same hash."""
    p = subprocess.run([os.path.join(BIN, "kpi"), "--help"], capture_output=True)
    return b"--shard" in p.stdout


SHARD = has_shard()


def shard_check(work, k, args, journal, out, err, name):
    items = split(os.path.join(work, "items.csv"), k, 0, work, "items")
    jrn = split(os.path.join(work, "journal.csv"), k, 1, work, "journal") if journal else None
    parts = []
    for i in range(k):
        if SHARD:
            rc, pout, perr = run(args + ["--shard", f"{i}/{k}", "--partial", "items.csv"], work)
        else:
            a = [x for x in args if x != "journal.csv" and x != "--journal"]
            if journal:
                a += ["--journal", jrn[i]]
            rc, pout, perr = run(a + ["--partial", items[i]], work)
        if rc != 0:
            check(f"{name} K={k} partial {i}", False, perr[:200])
            return
        p = os.path.join(work, f"part.{k}.{i}.csv")
        with open(p, "w") as f:
            f.write(pout)
        parts.append(p)
    rc, mout, merr = run(["--merge"] + parts, work)
    check(f"{name} K={k} merge = single run", rc == 0 and mout == out and merr == err,
          f"status {rc}; " + first_diff(out, mout) + first_diff(err, merr))


def parallel_check(work):
    """4 shards in parallel (GNU parallel), merged, against the single run."""
    if shutil.which("parallel") is None:
        check("parallel: GNU parallel installed", False, "parallel not found")
        return
    rng = random.Random(4242)
    items = gen_items(rng) + gen_items(rng)
    events = gen_journal(rng, items)
    write_items(os.path.join(work, "items.csv"), items)
    write_journal(os.path.join(work, "journal.csv"), events)
    args = ["--from", "2026-01-01", "--to", "2026-11-23", "--every", "month", "--by",
            "segment"]
    rc, out, err = run(args + ["--journal", "journal.csv", "items.csv"], work)
    split(os.path.join(work, "items.csv"), 4, 0, work, "pi")
    split(os.path.join(work, "journal.csv"), 4, 1, work, "pj")
    env = dict(os.environ, DUNNING_AS_OF=AS_OF.isoformat(), DUNNING_CONFIG="",
               LC_ALL="C.UTF-8", PATH=BIN + ":" + os.environ["PATH"])
    if SHARD:
        cmd = ("parallel --halt now,fail=1 kpi " + " ".join(args) +
               " --journal journal.csv --shard {}/4 --partial items.csv '>' pp.{}.csv"
               " ::: 0 1 2 3")
    else:
        cmd = ("parallel --halt now,fail=1 kpi " + " ".join(args) +
               " --journal pj.4.{}.csv --partial pi.4.{}.csv '>' pp.{}.csv ::: 0 1 2 3")
    p = subprocess.run(["sh", "-c", cmd], cwd=work, env=env, capture_output=True)
    if p.returncode != 0:
        check("parallel: 4 shards", False, p.stderr.decode()[:300])
        return
    rc2, mout, merr = run(["--merge"] + [f"pp.{i}.csv" for i in range(4)], work)
    check("parallel: 4 shards merged = single run",
          rc == 0 and rc2 == 0 and mout == out and merr == err and out.count("\n") > 100,
          first_diff(out, mout))


def first_diff(a, b):
    al, bl = a.splitlines(), b.splitlines()
    for i, (x, y) in enumerate(zip(al, bl)):
        if x != y:
            return f"line {i + 1}: want '{x}', got '{y}'"
    if len(al) != len(bl):
        return f"{len(al)} lines wanted, {len(bl)} got"
    return ""


if __name__ == "__main__":
    sys.exit(main())
