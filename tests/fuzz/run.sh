#!/bin/sh
# run.sh [TARGET...] - build and run the libFuzzer targets (clang).
#
# Each tests/fuzz/fuzz_<name>.c is a target: a new parser needs only a new
# file.  Seeds live in tests/fuzz/corpus/<name>/ (committed); the working
# corpus grows in build/fuzz/corpus/<name>/ (not committed).  Every target
# runs FUZZ_SECONDS (default 60).  A crash leaves its input in
# build/fuzz/crash-<name>-* and makes this script fail: turn it into a
# regression test (tests/bad/ or a unit test) once fixed.
# FUZZ_OUT (default build/fuzz) holds binaries, logs and the working corpus.
# Ends with "N passed, N failed" (one count per target).
set -u
cd "$(dirname "$0")/../.." || exit 2
seconds=${FUZZ_SECONDS:-60}
out=${FUZZ_OUT:-build/fuzz}
mkdir -p "$out"
CC=${FUZZ_CC:-clang}
flags="-g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined -std=c11 -D_POSIX_C_SOURCE=200809L -Ilibdunning -I/usr/include/iniparser"
passed=0
failed=0

if ! command -v "$CC" >/dev/null 2>&1; then
	echo "fuzz: $CC not found (apt-get install clang)"
	echo "0 passed, 1 failed"
	exit 1
fi

targets=$*
[ -n "$targets" ] || targets=$(ls tests/fuzz/fuzz_*.c | sed 's|.*/fuzz_||; s|\.c$||')
for t in $targets; do
	bin="$out/fuzz_$t"
	if ! $CC $flags tests/fuzz/fuzz_$t.c libdunning/*.c -lcsv -liniparser -lpcre2-8 -o "$bin" 2>"$out/build-$t.log"; then
		echo "FAIL fuzz_$t: does not build (see $out/build-$t.log)"
		failed=$((failed + 1))
		continue
	fi
	mkdir -p "$out/corpus/$t"
	seeds=tests/fuzz/corpus/$t
	[ -d "$seeds" ] || seeds=
	if "$bin" -max_total_time="$seconds" -print_final_stats=1 -artifact_prefix="$out/crash-$t-" \
		"$out/corpus/$t" $seeds >"$out/run-$t.log" 2>&1; then
		execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$out/run-$t.log" | grep -o '[0-9]*$')
		rate=$(grep -o 'stat::average_exec_per_sec: *[0-9]*' "$out/run-$t.log" | grep -o '[0-9]*$')
		echo "fuzz_$t: ${execs:-?} runs, ${rate:-?}/s, corpus $(ls "$out/corpus/$t" | wc -l) files, no crash"
		passed=$((passed + 1))
	else
		echo "FAIL fuzz_$t: crash, see $out/run-$t.log and $out/crash-$t-*"
		tail -30 "$out/run-$t.log"
		failed=$((failed + 1))
	fi
done
echo "$passed passed, $failed failed"
[ $failed -eq 0 ]
