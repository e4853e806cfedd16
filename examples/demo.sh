#!/bin/sh
# demo.sh - the dunning pipeline on the example ledger.
#
# Run from the repository root, after `make` (`make demo` does both):
#     sh examples/demo.sh
# Reads examples/items.csv (500 invented items, see gen-items.py) with the
# configuration examples/dunning.ini, as of 2026-11-23, and prints what each
# tool reports: aging (summaries, oldest items), prioritize (whom to contact
# first) and plan (a payment plan).  Nothing is written outside a scratch
# folder that is removed at the end.  Exits non-zero as soon as a tool fails.
set -eu

cd "$(dirname "$0")/.."
PATH=$(pwd)/bin:$PATH
DUNNING_AS_OF=2026-11-23
DUNNING_CONFIG=examples/dunning.ini
export PATH DUNNING_AS_OF DUNNING_CONFIG

items=examples/items.csv
work=$(mktemp -d "${TMPDIR:-/tmp}/dunning-demo.XXXXXX")
trap 'rm -rf "$work"' EXIT
trap 'exit 1' HUP INT TERM

title() {
	printf '\n== %s ==\n\n' "$1"
}

printf 'dunning demo: %s as of %s, configuration %s\n' "$items" "$DUNNING_AS_OF" \
	"$DUNNING_CONFIG"

# ---- aging: what is owed, and how old ---------------------------------------
# Each tool's output is kept in a variable or a file first, so that set -e
# stops the demo when a tool fails (POSIX sh has no pipefail).

title "What is owed, and how old (aging --summary --format table)"
report=$(aging --summary --format table "$items")
printf '%s\n' "$report"

title "By segment (aging --summary --by segment --format table)"
report=$(aging --summary --by segment --format table "$items")
printf '%s\n' "$report"

title "The 10 oldest open items, credits left out (aging --format table)"
# Row mode as a table: a header, a rule, one line an item, a rule, totals.
# customer, invoice and due_date hold no spaces, so the third field is the
# due date; a balance starting with '-' is a credit.
aging --format table "$items" >"$work/aged.txt"
sed -n 1,2p "$work/aged.txt"
sed -n '3,$p' "$work/aged.txt" | sed '/^---/,$d' | awk '$5 !~ /^-/' |
	LC_ALL=C sort -k3,3 -k1,1 -k2,2 | sed 10q

# ---- prioritize: whom to contact first, and why -----------------------------
# No journal yet: nobody has been contacted, nothing was promised.  The
# configuration sets language = fr, so the reasons are in French.

title "Whom to contact first (prioritize --top 10 --format table)"
report=$(prioritize --top 10 --format table "$items")
printf '%s\n' "$report"

title "The same from aging's output (aging | prioritize --top 5 --format table)"
# prioritize reads aged items as well as raw ones and ages them again at
# as-of, so the ranking is the same.  Through a file, for set -e.
aging "$items" >"$work/aged.csv"
report=$(prioritize --top 5 --format table <"$work/aged.csv")
printf '%s\n' "$report"

# ---- plan: a payment plan the debtor can keep -------------------------------
# prioritize's rows (customer, currency, overdue, ...) are plan's input.

title "A payment plan for the first of them (prioritize --top 1 | plan)"
prioritize --top 1 "$items" >"$work/first.csv"
# At most 7 500.00 a month, within [plan] max_installments; or 5 % off for
# paying at once.
plan --max-per-period 7500 --settle 5 --format table "$work/first.csv"

# ---- remind: the right message, at the right level -------------------------
# No journal yet (the first cron run): every invoice starts at level 1.
# Held customers (a dispute, a channel without its address) are named on
# stderr, which the demo shows too.

title "The reminders due today (remind --journal, first run)"
remind --journal "$work/journal.csv" "$items" >"$work/outbox.csv" 2>"$work/held.txt"
sed "s|$work/||" "$work/held.txt"
printf '%s messages written; the first one, as text:\n\n' \
	"$(remind "$items" 2>/dev/null | awk -F, 'NR > 1 && /^20[0-9][0-9]-/ { n++ } END { print n + 0 }')"
remind --format text "$items" 2>/dev/null | awk '/\f/ { exit } { print }'

# Recording what was sent (journal -f), twice: the second time adds
# nothing, since every message has its ref.  The next run sees the levels
# reached.
title "The next day, with the reminders recorded (journal -f, remind --explain)"
journal -f "$work/journal.csv" <"$work/outbox.csv" 2>&1 | sed "s|$work/||"
journal -f "$work/journal.csv" <"$work/outbox.csv" 2>&1 | sed "s|$work/||"
remind --as-of 2026-11-24 --explain --journal "$work/journal.csv" "$items" 2>&1 >/dev/null |
	sed 5q

title "How well collection works (kpi), and the trend since January"
kpi --format table --journal "$work/journal.csv" "$items" 2>/dev/null
# The monthly trend as an SVG chart (examples/kpi-dso.svg is this one):
kpi --every month --from 2026-01-01 --format svg --chart dso "$items" 2>/dev/null |
	grep -c '<circle' | sed 's/$/ points on the DSO chart (kpi --format svg)/'


printf '\ndemo finished\n'
