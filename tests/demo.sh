#!/bin/sh
# demo.sh - examples/demo.sh as a test: it must exit 0 and print exactly
# tests/demo.out on stdout (its as-of is fixed, so its output is
# deterministic), and exactly tests/demo.err on stderr (absent: nothing).
# It runs the tools of bin/ (the demo puts bin/ first on PATH itself).
# Prints what differs, then "N passed, N failed".
#
# When a change of the tools' output is intended, refresh the expected file
# from the repository root, after `make`, and review the diff:
#     LC_ALL=C.UTF-8 sh examples/demo.sh > tests/demo.out
#     git diff tests/demo.out
set -u
root=$(cd "$(dirname "$0")/.." && pwd)
scratch=$(mktemp -d "${TMPDIR:-/tmp}/dunning-demo-test.XXXXXX") || exit 2
trap 'rm -rf "$scratch"' EXIT INT TERM
LC_ALL=C.UTF-8 sh "$root/examples/demo.sh" >"$scratch/out" 2>"$scratch/err"
status=$?
ok=1
if [ "$status" -ne 0 ]; then
	ok=0
	echo "FAIL examples/demo.sh: exit status $status"
fi
if ! cmp -s "$root/tests/demo.out" "$scratch/out"; then
	ok=0
	echo "FAIL examples/demo.sh: stdout differs from tests/demo.out"
	diff "$root/tests/demo.out" "$scratch/out" | head -20
fi
want_err=/dev/null
[ -f "$root/tests/demo.err" ] && want_err=$root/tests/demo.err
if ! cmp -s "$want_err" "$scratch/err"; then
	ok=0
	echo "FAIL examples/demo.sh: stderr differs from ${want_err#"$root"/}"
	diff "$want_err" "$scratch/err" | head -10
fi
if [ $ok -eq 1 ]; then echo "1 passed, 0 failed"; else echo "0 passed, 1 failed"; fi
[ $ok -eq 1 ]
