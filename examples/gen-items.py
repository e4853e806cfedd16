#!/usr/bin/env python3
"""gen-items.py - write the synthetic open-items ledger of examples/items.csv.

    python3 examples/gen-items.py > examples/items.csv
    python3 examples/gen-items.py examples/items.csv

Everything here is invented: company and person names, e-mail addresses
(example.com, example.org, example.net, reserved by RFC 2606), telephone
numbers (+33 1 99 00 xx xx, a range ARCEP keeps for fiction; +44 20 7946 0xxx,
Ofcom's drama range).  Any resemblance to a real business or person is a
coincidence.

The output is deterministic (fixed seed, Python 3 standard library only, no
floating point for money): running the script again gives the same bytes.
It describes a French supplier's receivables as exported on 2026-11-23:
about 50 customers (French and English-speaking, mostly b2b, a few b2c,
a few billed in GBP) and 500 rows (invoices, credit notes, partial and full
payments, one disputed customer).  At as-of 2026-11-23 every aging bucket
(current, 1-30, 31-60, 61-90, 91-120, 121+) holds open items; the script
checks that before writing anything.
"""

import csv
import datetime
import random
import sys

SEED = 20261123
AS_OF = datetime.date(2026, 11, 23)
FIRST_ISSUE = datetime.date(2026, 1, 5)
ROWS = 500

COLUMNS = [
    "customer", "customer_name", "email", "phone", "language", "customer_type",
    "segment", "invoice", "issue_date", "due_date", "amount", "paid", "paid_date",
    "currency", "disputed",
]

# name, language, customer_type, segment, currency, e-mail, phone kind, profile
#   phone kind: fr (+33 1 99 00 ..), uk (+44 20 7946 0...), none (left empty)
#   profile: how the customer pays (see LATENESS)
CUSTOMERS = [
    ("Moreau, Lefèvre & Fils SARL", "fr", "b2b", "smb", "EUR", "compta@moreau-lefevre.example.com", "fr", "late"),
    ("Boulangerie Hélène Garnier", "fr", "b2b", "smb", "EUR", "contact@boulangerie-garnier.example.com", "fr", "prompt"),
    ("Transports Rivière Frères", "fr", "b2b", "enterprise", "EUR", "factures@transports-riviere.example.com", "fr", "slow"),
    ("Atelier Céramique du Vercors", "fr", "b2b", "smb", "EUR", "atelier@ceramique-vercors.example.org", "fr", "prompt"),
    ("Brasserie de l'Étang SAS", "fr", "b2b", "smb", "EUR", "gestion@brasserie-etang.example.com", "fr", "delinquent"),
    ("Pharmacie des Tilleuls", "fr", "b2b", "smb", "EUR", "pharmacie.tilleuls@example.net", "fr", "prompt"),
    ("Imprimerie Lumière & Cie", "fr", "b2b", "smb", "EUR", "compta@imprimerie-lumiere.example.com", "fr", "late"),
    ("Garage Bérard Automobiles", "fr", "b2b", "smb", "EUR", "garage.berard@example.net", "fr", "slow"),
    ("Cabinet Dufresne Architectes", "fr", "b2b", "smb", "EUR", "administration@dufresne-archi.example.org", "fr", "prompt"),
    ("Hôtel Les Mouettes", "fr", "b2b", "smb", "EUR", "reception@hotel-mouettes.example.com", "fr", "late"),
    ("Menuiserie Chênevert", "fr", "b2b", "smb", "EUR", "chenevert@example.net", "fr", "disputer"),
    ("Fromagerie Vallée d'Auge", "fr", "b2b", "smb", "EUR", "commandes@fromagerie-auge.example.com", "fr", "prompt"),
    ("Électricité Générale Perrin", "fr", "b2b", "smb", "EUR", "perrin.elec@example.net", "fr", "slow"),
    ("SCI Les Platanes", "fr", "b2b", "smb", "EUR", "sci.platanes@example.org", "fr", "late"),
    ("Clinique Vétérinaire Saint-Roch", "fr", "b2b", "smb", "EUR", "accueil@veto-saint-roch.example.com", "fr", "prompt"),
    ("Librairie Page Blanche", "fr", "b2b", "smb", "EUR", "librairie@page-blanche.example.org", "fr", "late"),
    ("Plomberie Roussel & Associés", "fr", "b2b", "smb", "EUR", "roussel.plomberie@example.net", "fr", "delinquent"),
    ("Mairie de Saint-Aubin-sur-Loire", "fr", "b2b", "public", "EUR", "comptabilite@mairie-saint-aubin.example.org", "fr", "public"),
    ("Lycée des Quatre Vents", "fr", "b2b", "public", "EUR", "intendance@lycee-quatre-vents.example.org", "fr", "public"),
    ("Centre Hospitalier du Val Fleuri", "fr", "b2b", "public", "EUR", "fournisseurs@ch-val-fleuri.example.org", "fr", "public"),
    ("Traiteur Délices d'Antan", "fr", "b2b", "smb", "EUR", "traiteur@delices-antan.example.com", "fr", "slow"),
    ("Société Nouvelle des Eaux Claires", "fr", "b2b", "enterprise", "EUR", "ap@eaux-claires.example.com", "fr", "late"),
    ("Agence Horizon Voyages", "fr", "b2b", "smb", "EUR", "compta@horizon-voyages.example.com", "fr", "prompt"),
    ("Cave Coopérative de Montbrun", "fr", "b2b", "enterprise", "EUR", "tresorerie@cave-montbrun.example.org", "fr", "late"),
    ("Quincaillerie Fabre", "fr", "b2b", "smb", "EUR", "quincaillerie.fabre@example.net", "fr", "prompt"),
    ("Studio Graphique Mistral", "fr", "b2b", "smb", "EUR", "studio@mistral-graphique.example.com", "fr", "delinquent"),
    ("Pâtisserie Lemaître", "fr", "b2b", "smb", "EUR", "patisserie.lemaitre@example.net", "fr", "prompt"),
    ("Sécurité Ouest Services", "fr", "b2b", "enterprise", "EUR", "factures@securite-ouest.example.com", "fr", "slow"),
    ("Nettoyage Pro Azur", "fr", "b2b", "smb", "EUR", "gestion@nettoyage-azur.example.com", "fr", "late"),
    ("Groupe Marchand Distribution SA", "fr", "b2b", "enterprise", "EUR", "comptes-fournisseurs@marchand-distribution.example.com", "fr", "late"),
    ("Harbourside Joinery Ltd", "en", "b2b", "smb", "GBP", "accounts@harbourside-joinery.example.com", "uk", "late"),
    ("Penrose & Tate Catering Ltd", "en", "b2b", "smb", "GBP", "finance@penrose-tate.example.com", "uk", "prompt"),
    ("Kestrel Print Works Ltd", "en", "b2b", "smb", "GBP", "ap@kestrel-print.example.com", "uk", "slow"),
    ("Northgate Dental Practice", "en", "b2b", "smb", "GBP", "practice@northgate-dental.example.org", "uk", "prompt"),
    ("Müller Feinkost GmbH", "en", "b2b", "smb", "EUR", "buchhaltung@mueller-feinkost.example.com", "none", "prompt"),
    ("Bodegas Ibáñez Núñez SL", "en", "b2b", "enterprise", "EUR", "administracion@bodegas-ibanez.example.com", "none", "slow"),
    ("Van der Berg Logistics BV", "en", "b2b", "enterprise", "EUR", "invoices@vdberg-logistics.example.com", "none", "late"),
    ("Liffey Software Ltd", "en", "b2b", "smb", "EUR", "accounts@liffey-software.example.com", "none", "prompt"),
    ("Brightwater Hotels Ltd", "en", "b2b", "enterprise", "EUR", "payables@brightwater-hotels.example.com", "none", "delinquent"),
    ("Nordlys Design AS", "en", "b2b", "smb", "EUR", "post@nordlys-design.example.org", "none", "late"),
    ("Café Zürich Gastro AG", "en", "b2b", "smb", "EUR", "office@cafe-zuerich.example.com", "none", "prompt"),
    ("Atlantic Freight Services Ltd", "en", "b2b", "enterprise", "EUR", "ap@atlantic-freight.example.com", "none", "slow"),
    ("Ostrava Components s.r.o.", "en", "b2b", "smb", "EUR", "ucetni@ostrava-components.example.com", "none", "late"),
    ("Amélie Roussin", "fr", "b2c", "consumer", "EUR", "amelie.roussin@example.net", "fr", "prompt"),
    ("Noël Carpentier", "fr", "b2c", "consumer", "EUR", "noel.carpentier@example.net", "fr", "delinquent"),
    ("Gaëlle Morvan", "fr", "b2c", "consumer", "EUR", "gaelle.morvan@example.org", "fr", "late"),
    ("Inès Batiste", "fr", "b2c", "consumer", "EUR", "ines.batiste@example.com", "fr", "prompt"),
    ("Thomas Hartley", "en", "b2c", "consumer", "GBP", "t.hartley@example.org", "uk", "slow"),
    ("Sophie Brennan", "en", "b2c", "consumer", "EUR", "sophie.brennan@example.net", "none", "late"),
    ("José Peñalver", "en", "b2c", "consumer", "EUR", "jose.penalver@example.org", "none", "prompt"),
]

# Days between the due date and the payment, per profile: (min, max).
LATENESS = {
    "prompt": (-5, 6),
    "public": (5, 40),
    "late": (5, 60),
    "slow": (30, 140),
    "delinquent": (20, 70),
    "disputer": (10, 40),
}

# Invoice amounts in cents, per segment: (min, max).
AMOUNTS = {
    "smb": (12000, 480000),
    "enterprise": (90000, 1850000),
    "public": (40000, 960000),
    "consumer": (2500, 89000),
}


def end_of_month(d):
    nxt = datetime.date(d.year + d.month // 12, d.month % 12 + 1, 1)
    return nxt - datetime.timedelta(days=1)


def due_date(issue, terms):
    if terms == "45eom":
        return end_of_month(issue + datetime.timedelta(days=45))
    return issue + datetime.timedelta(days=terms)


def money(cents):
    sign = "-" if cents < 0 else ""
    cents = abs(cents)
    return "%s%d.%02d" % (sign, cents // 100, cents % 100)


def phone(rng, kind):
    if kind == "fr":
        return "+33 1 99 00 %02d %02d" % (rng.randrange(100), rng.randrange(100))
    if kind == "uk":
        return "+44 20 7946 0%03d" % rng.randrange(1000)
    return ""


def terms_for(rng, ctype, segment):
    if ctype == "b2c":
        return 15
    if segment == "public":
        return 30
    return rng.choice([30, 30, 45, 60, "45eom"])


def item_counts(rng):
    """How many invoices each customer gets: the rows left for credit notes
    are taken off later, so this aims a little below ROWS."""
    weights = []
    for c in CUSTOMERS:
        segment = c[3]
        if segment == "consumer":
            weights.append(rng.randrange(2, 5))
        elif segment == "enterprise":
            weights.append(rng.randrange(12, 19))
        else:
            weights.append(rng.randrange(6, 14))
    return weights


def make_invoices(rng):
    """Invoices (not yet numbered) for every customer."""
    span = (AS_OF - FIRST_ISSUE).days
    counts = item_counts(rng)
    invoices = []
    for idx, (c, n) in enumerate(zip(CUSTOMERS, counts)):
        name, lang, ctype, segment, cur, email, pkind, profile = c
        terms = terms_for(rng, ctype, segment)
        days = sorted(rng.randrange(span + 1) for _ in range(n))
        # A delinquent customer stops paying at some point of the year.
        stop = FIRST_ISSUE + datetime.timedelta(days=rng.randrange(60, 170))
        lo, hi = AMOUNTS[segment]
        for k, d in enumerate(days):
            issue = FIRST_ISSUE + datetime.timedelta(days=d)
            invoices.append({
                "cust": idx,
                "issue": issue,
                "due": due_date(issue, terms),
                "amount": rng.randrange(lo, hi),
                "profile": profile,
                "stop": stop,
                "k": k,
            })
    return invoices


def settle(rng, inv):
    """Decide what was paid by AS_OF: (paid cents, paid_date or None, disputed)."""
    profile = inv["profile"]
    lo, hi = LATENESS[profile]
    disputed = 0
    if profile == "delinquent" and inv["issue"] >= inv["stop"]:
        # Stopped paying; now and then a token amount on account.
        if rng.randrange(4) == 0:
            return (inv["amount"] * rng.choice([20, 25, 30]) // 100, None, 0)
        return (0, None, 0)
    if profile == "disputer" and inv["k"] in (2, 5):
        # Two deliveries contested: nothing paid, the dispute is open.
        return (0, None, 1)
    pay = inv["due"] + datetime.timedelta(days=rng.randrange(lo, hi + 1))
    if pay < inv["issue"]:
        pay = inv["issue"]
    if pay <= AS_OF:
        return (inv["amount"], pay, disputed)
    # Not settled yet: slow payers often pay part on account.
    if profile in ("slow", "late") and inv["due"] < AS_OF and rng.randrange(3) == 0:
        share = rng.choice([25, 40, 50, 60])
        return (inv["amount"] * share // 100, None, 0)
    return (0, None, 0)


def make_credits(rng, invoices):
    """Credit notes: a return or a price correction on an earlier invoice.
    Some were applied (paid, with paid_date), the others are open credits."""
    credits = []
    picks = sorted(rng.sample(range(len(invoices)), 14))
    for n, i in enumerate(picks):
        inv = invoices[i]
        issue = inv["issue"] + datetime.timedelta(days=rng.randrange(3, 25))
        if issue > AS_OF:
            issue = AS_OF
        amount = -(inv["amount"] * rng.choice([5, 10, 15, 20, 100]) // 100)
        applied = n % 2 == 0
        credits.append({
            "cust": inv["cust"],
            "issue": issue,
            "due": issue,
            "amount": amount,
            "paid": amount if applied else 0,
            "paid_date": issue if applied else None,
            "disputed": 0,
        })
    return credits


def build(rng):
    invoices = make_invoices(rng)
    for inv in invoices:
        inv["paid"], inv["paid_date"], inv["disputed"] = settle(rng, inv)
    ncredits = 14
    # Trim or pad to exactly ROWS rows, deterministically.
    while len(invoices) + ncredits > ROWS:
        invoices.pop(rng.randrange(len(invoices)))
    credits = make_credits(rng, invoices)
    while len(invoices) + len(credits) < ROWS:
        src = invoices[rng.randrange(len(invoices))]
        extra = dict(src)
        extra["issue"] = min(AS_OF, src["issue"] + datetime.timedelta(days=rng.randrange(1, 20)))
        extra["due"] = extra["issue"] + (src["due"] - src["issue"])
        extra["amount"] = rng.randrange(*AMOUNTS[CUSTOMERS[src["cust"]][3]])
        extra["paid"], extra["paid_date"], extra["disputed"] = settle(rng, extra)
        invoices.append(extra)
    # Invoice numbers follow the issue order, one sequence for invoices
    # (F) and one for credit notes (AV, "avoir").
    invoices.sort(key=lambda r: (r["issue"], r["cust"], r["amount"]))
    for n, inv in enumerate(invoices, 1):
        inv["invoice"] = "F26-%05d" % n
    credits.sort(key=lambda r: (r["issue"], r["cust"], r["amount"]))
    for n, cr in enumerate(credits, 1):
        cr["invoice"] = "AV26-%04d" % n
    rows = invoices + credits
    rows.sort(key=lambda r: (r["cust"], r["issue"], r["invoice"]))
    return rows


def bucket(days):
    if days <= 0:
        return "current"
    for hi, name in ((30, "1-30"), (60, "31-60"), (90, "61-90"), (120, "91-120")):
        if days <= hi:
            return name
    return "121+"


def check(rows):
    """Every bucket holds open items at AS_OF, and the features the examples
    rely on are present."""
    seen = {}
    for r in rows:
        if r["amount"] - r["paid"] > 0:
            b = bucket((AS_OF - r["due"]).days)
            seen[b] = seen.get(b, 0) + 1
    for b in ("current", "1-30", "31-60", "61-90", "91-120", "121+"):
        if seen.get(b, 0) == 0:
            sys.exit("gen-items.py: no open item in bucket %s" % b)
    if len(rows) != ROWS:
        sys.exit("gen-items.py: %d rows, expected %d" % (len(rows), ROWS))
    if not any(r["disputed"] for r in rows):
        sys.exit("gen-items.py: no disputed item")
    if not any(r["amount"] < 0 and r["paid"] == 0 for r in rows):
        sys.exit("gen-items.py: no open credit")
    if not any(0 < r["paid"] < r["amount"] for r in rows):
        sys.exit("gen-items.py: no partial payment")


def main():
    rng = random.Random(SEED)
    ids = ["C%03d" % (i + 1) for i in range(len(CUSTOMERS))]
    phones = [phone(rng, c[6]) for c in CUSTOMERS]
    rows = build(rng)
    check(rows)
    if len(sys.argv) > 1:
        out = open(sys.argv[1], "w", encoding="utf-8", newline="")
    else:
        out = sys.stdout
        out.reconfigure(encoding="utf-8")
    w = csv.writer(out, lineterminator="\n")
    w.writerow(COLUMNS)
    for r in rows:
        name, lang, ctype, segment, cur, email, _, _ = CUSTOMERS[r["cust"]]
        w.writerow([
            ids[r["cust"]], name, email, phones[r["cust"]], lang, ctype, segment,
            r["invoice"], r["issue"].isoformat(), r["due"].isoformat(),
            money(r["amount"]), money(r["paid"]),
            r["paid_date"].isoformat() if r["paid_date"] else "",
            cur, r["disputed"],
        ])
    if out is not sys.stdout:
        out.close()


if __name__ == "__main__":
    main()
