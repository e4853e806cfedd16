#!/usr/bin/env python3
"""gen-ledger.py - write examples/ledger.fec, a small invented FEC.

    python3 examples/gen-ledger.py > examples/ledger.fec

Tab-separated, the 18 FEC columns, YYYYMMDD dates, decimal commas, some
amounts padded the way real exports pad them.  Every name is invented.  It
shows what openitems(1) handles: lettered, partly lettered and unlettered
payments, a credit note, a write-off, a transfer to 416 (doubtful debts),
two customers sharing a lettering code, a payment larger than what is
open, a foreign-currency invoice and a label that starts with a quote.
"""
import sys

HEADER = ("JournalCode JournalLib EcritureNum EcritureDate CompteNum CompteLib "
          "CompAuxNum CompAuxLib PieceRef PieceDate EcritureLib Debit Credit "
          "EcritureLet DateLet ValidDate Montantdevise Idevise").split()

NAMES = {
    "C001": "Dupont Rénovation SARL",
    "C002": "Martin & Fils",
    "C003": "Boulangerie Bernard",
    "C004": "Northwind Trading Ltd",
    "C005": "Atelier Lefèvre",
}
JOURNALS = {"VE": "Ventes", "BQ": "Banque", "OD": "Opérations diverses"}
ACCOUNTS = {"411000": "Clients", "416000": "Clients douteux", "706000": "Prestations de services",
            "445710": "TVA collectée", "512000": "Banque", "654000": "Pertes sur créances irrécouvrables"}

rows = []
num = {"VE": 0, "BQ": 0, "OD": 0}


def amount(cents, pad=False):
    s = "%d,%02d" % (cents // 100, cents % 100)
    return " " + s.rjust(18, "0") if pad else s


def entry(journal, date, piece, label, lines):
    """lines: (account, aux, debit_cents, credit_cents, letter, datelet, foreign, currency)"""
    num[journal] += 1
    for acc, aux, debit, credit, let, datelet, foreign, cur in lines:
        rows.append([journal, JOURNALS[journal], "%s%04d" % (journal, num[journal]), date,
                     acc, ACCOUNTS[acc], aux, NAMES.get(aux, ""), piece, date, label,
                     amount(debit, pad=debit > 100000), amount(credit), let, datelet, date,
                     foreign, cur])


def sale(date, piece, aux, ht, let="", datelet=""):
    tva = ht // 5
    entry("VE", date, piece, "Facture %s" % piece, [
        ("411000", aux, ht + tva, 0, let, datelet, "", ""),
        ("706000", "", 0, ht, "", "", "", ""),
        ("445710", "", 0, tva, "", "", "", ""),
    ])


def pay(date, piece, aux, cents, label, let="", datelet="", acc="411000"):
    entry("BQ", date, piece, label, [
        ("512000", "", cents, 0, "", "", "", ""),
        (acc, aux, 0, cents, let, datelet, "", ""),
    ])


# C001: one invoice lettered and paid, one partly paid then moved to 416.
sale("20260105", "FA2026-001", "C001", 100000, "AA", "20260204")
sale("20260110", "FA2026-002", "C002", 125000)
pay("20260204", "REL-0204", "C001", 120000, "VIR DUPONT RENOVATION FA2026-001", "AA", "20260204")
sale("20260215", "FA2026-003", "C001", 50000, "AB")
pay("20260301", "REL-0301", "C001", 25000, "VIR DUPONT ACOMPTE", "AB")
# C002: an unlettered payment naming its invoice, then a credit note.
pay("20260305", "REL-0305", "C002", 100000, "VIR MARTIN ET FILS FA2026-002")
entry("VE", "20260310", "AV2026-001", "Avoir sur FA2026-002", [
    ("411000", "C002", 0, 30000, "", "", "", ""),
    ("706000", "", 25000, 0, "", "", "", ""),
    ("445710", "", 5000, 0, "", "", "", ""),
])
# C003: paid in part, the rest written off.
sale("20260320", "FA2026-004", "C003", 66000)
pay("20260415", "REL-0415", "C003", 50000, '"Urgent" reglement partiel')
entry("OD", "20260630", "OD-0630", "Creance irrecouvrable FA2026-004", [
    ("654000", "", 29200, 0, "", "", "", ""),
    ("411000", "C003", 0, 29200, "", "", "", ""),
])
# C004: invoiced and paid in US dollars.
entry("VE", "20260405", "FA2026-005", "Invoice FA2026-005", [
    ("411000", "C004", 92000, 0, "AA", "", "1000,00", "USD"),
    ("706000", "", 0, 92000, "", "", "1000,00", "USD"),
])
entry("BQ", "20260505", "REL-0505", "WIRE NORTHWIND FA2026-005", [
    ("512000", "", 91000, 0, "", "", "1000,00", "USD"),
    ("411000", "C004", 0, 91000, "AA", "20260505", "1000,00", "USD"),
])
# C002 again: a payment larger than what is open leaves a credit.
sale("20260601", "FA2026-006", "C002", 58333)
pay("20260710", "REL-0710", "C002", 100000, "VIR MARTIN ET FILS SOLDE")
# C005 shares the letter AA with C001 on another auxiliary account.
sale("20260801", "FA2026-007", "C005", 40000, "AA")
pay("20260820", "REL-0820", "C005", 20000, "VIR LEFEVRE ACOMPTE", "AA")
# C001's rest of FA2026-003 moves to doubtful debts (416), lettered AB on 411.
entry("OD", "20260915", "FA2026-003", "Transfert en clients douteux FA2026-003", [
    ("416000", "C001", 35000, 0, "", "", "", ""),
    ("411000", "C001", 0, 35000, "AB", "20260915", "", ""),
])
sale("20261001", "FA2026-008", "C001", 75000)

out = sys.stdout
out.write("\t".join(HEADER) + "\r\n")
out.write("\r\n".join("\t".join(r) for r in rows))  # no final newline, CRLF: as exported
