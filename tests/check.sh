#!/bin/sh
# check.sh - the whole suite: unit tests and end-to-end cases, on the normal
# build and on the ASan+UBSan build; ends with "N passed, N failed".
# Run from the repository root (make check builds everything first).
set -u
total_passed=0
total_failed=0

# Add the counts of a "N passed, N failed" last line to the totals.
tally() {
	label=$1
	shift
	out=$("$@" 2>&1)
	status=$?
	echo "$out" | grep -v '^[0-9]* passed, [0-9]* failed$' | sed "s|^|[$label] |"
	last=$(echo "$out" | tail -n 1)
	p=$(echo "$last" | sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed$/\1/p')
	f=$(echo "$last" | sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed$/\2/p')
	if [ -z "$p" ]; then
		echo "[$label] did not finish (no summary line)"
		p=0
		f=1
	fi
	# A program that fails without saying so in its counts still fails.
	if [ "$status" -ne 0 ] && [ "$f" -eq 0 ]; then
		echo "[$label] exited with status $status"
		f=1
	fi
	echo "[$label] $p passed, $f failed"
	total_passed=$((total_passed + p))
	total_failed=$((total_failed + f))
}

# CHECK_MODES=plain skips the sanitizer pass (while iterating; make check runs both).
for mode in ${CHECK_MODES:-plain asan}; do
	if [ $mode = plain ]; then bin=bin ubin=build/unit; else bin=build/asan/bin ubin=build/asan/unit; fi
	export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
	for u in "$ubin"/test_*; do
		[ -x "$u" ] || continue
		tally "$mode $(basename "$u")" sh -c "cd tests/unit && '$(pwd)/$u'"
	done
	tally "$mode e2e" sh tests/run-e2e.sh "$bin"
	tally "$mode pipeline property" sh tests/property/pipeline.sh "$bin"
	tally "$mode openitems property" sh tests/property/openitems.sh "$bin"
	tally "$mode kpi property" python3 tests/property/kpi.py "$bin" "${CHECK_KPI_RUNS:-40}"
	tally "$mode journal property" python3 tests/property/journal.py "$bin"
	if [ $mode = plain ]; then
		tally "shards property" sh tests/property/shards.sh "$bin"
		tally "man examples" sh tests/man-examples.sh "$bin"
		tally "options documented" sh tests/options-doc.sh "$bin"
		tally "man lint" sh tests/man-lint.sh
		tally "demo" sh tests/demo.sh
		tally "readme pipeline" sh tests/readme.sh "$bin"
	fi
done

# The journal under concurrency, SIGKILL and purges (thousands of runs: on
# the plain build only, the sanitizer build runs the e2e cases).
[ "${CHECK_STRESS:-1}" = 1 ] && tally "journal stress" sh tests/journal.sh bin

if [ "${CHECK_VALGRIND:-1}" = 1 ] && command -v valgrind >/dev/null 2>&1; then
	tally "valgrind e2e" env VALGRIND="valgrind -q --leak-check=full --error-exitcode=99 --errors-for-leak-kinds=definite,indirect" sh tests/run-e2e.sh bin
fi

# Each fuzz target briefly (make fuzz runs them longer); needs clang.
if [ "${CHECK_FUZZ_SECONDS:-5}" -le 0 ]; then
	echo "[fuzz] skipped: CHECK_FUZZ_SECONDS=${CHECK_FUZZ_SECONDS:-5}"
elif command -v clang >/dev/null 2>&1; then
	tally "fuzz" env FUZZ_SECONDS="${CHECK_FUZZ_SECONDS:-5}" sh tests/fuzz/run.sh
else
	echo "[fuzz] skipped: clang not installed"
fi

echo "$total_passed passed, $total_failed failed"
[ "$total_failed" -eq 0 ]
