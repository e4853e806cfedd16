#!/bin/sh
# openitems.sh BINDIR - the pipeline property extended to openitems (issue
# 9): for every ledger fixture (examples/ledger.fec and the e2e ledgers
# that openitems accepts, each with the l.ini of its case), at past and
# present as-of dates, and every tool T that reads items:
#     openitems L | T  =  T I  =  openitems L | aging | T   (stdout, status 0)
# where I is openitems' output kept in a file.  Prints one line per
# failure, then "N passed, N failed".
set -u
bindir=$(cd "$1" && pwd) || exit 2
root=$(cd "$(dirname "$0")/../.." && pwd)
scratch=$(mktemp -d "${TMPDIR:-/tmp}/dunning-prop-oi.XXXXXX") || exit 2
trap 'rm -rf "$scratch"' EXIT INT TERM
PATH="$bindir:$PATH"
export LC_ALL=C.UTF-8 DUNNING_CONFIG=
passed=0
failed=0

TOOLS=${PROPERTY_TOOLS:-"aging|aging --all|aging --summary|aging --summary --by currency|prioritize"}

check() { # name, want-file, got-file, got-status
	if [ "$4" -eq 0 ] && cmp -s "$2" "$3"; then
		passed=$((passed + 1))
	else
		failed=$((failed + 1))
		echo "FAIL $1 (status $4)"
		diff "$2" "$3" | head -5
	fi
}

ledgers() {
	echo "$root/examples/ledger.fec"
	find "$root/tests/e2e/openitems" -name '*.fec' | sort
}

for l in $(ledgers); do
	dir=$(dirname "$l")
	ini=$dir/l.ini
	[ -f "$ini" ] || ini=$root/examples/dunning.ini
	# Ledgers openitems refuses (bad data on purpose) say nothing.
	openitems -c "$ini" "$l" >"$scratch/items.csv" 2>/dev/null || continue
	for asof in 2026-01-31 2026-03-01 2026-06-30 2026-09-15 2026-11-23; do
		export DUNNING_AS_OF=$asof
		old_ifs=$IFS
		IFS='|'
		for t in $TOOLS; do
			IFS=$old_ifs
			$t "$scratch/items.csv" >"$scratch/want" 2>&1
			check "$t I: $l @ $asof" "$scratch/want" "$scratch/want" $?
			openitems -c "$ini" "$l" 2>/dev/null | $t >"$scratch/got" 2>&1
			check "openitems L | $t: $l @ $asof" "$scratch/want" "$scratch/got" $?
			openitems -c "$ini" "$l" 2>/dev/null | aging --all | $t >"$scratch/got" 2>&1
			check "openitems L | aging --all | $t: $l @ $asof" "$scratch/want" "$scratch/got" $?
			IFS='|'
		done
		IFS=$old_ifs
	done
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
