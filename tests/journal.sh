#!/bin/sh
# journal.sh BINDIR - the journal under concurrency and crashes:
#   - 8 processes appending 300 rows each (one row per run) at once give
#     exactly 2,400 well-formed rows, each once;
#   - a writer killed with SIGKILL mid-run leaves a file that parses and
#     holds only whole rows (the next append cuts a cut tail);
#   - a journal cut at any byte (a crash mid-write) is read without its cut
#     record and mended by the next append;
#   - a purge running while appends go on loses no row that is not older
#     than its date.
# Ends with "N passed, N failed" (tests/check.sh tallies it).
set -u
bindir=$(cd "$1" && pwd) || exit 2
PATH="$bindir:$PATH"
export DUNNING_AS_OF=2026-11-23 DUNNING_CONFIG= LC_ALL=C.UTF-8
work=$(mktemp -d "${TMPDIR:-/tmp}/dunning-journal.XXXXXX") || exit 2
trap 'rm -rf "$work"' EXIT INT TERM
cd "$work" || exit 2
passed=0
failed=0
HEADER=date,customer,currency,event,invoices,level,channel,amount,fee,due_date,ref,note

ok() {
	passed=$((passed + 1))
}
fail() {
	failed=$((failed + 1))
	echo "FAIL $*"
}
check() { # check WHAT COMMAND...: pass when COMMAND succeeds
	what=$1
	shift
	if "$@"; then ok; else fail "$what"; fi
}

# rows PREFIX N [DATE]: N journal rows of customer PREFIX, refs PREFIX-1..N,
# a note with a comma, a quote and a line break (quoted over two lines).
rows() {
	awk -v p="$1" -v n="$2" -v d="${3:-2026-11-23}" 'BEGIN {
		for (i = 1; i <= n; i++)
			printf "%s,%s,EUR,payment,,,,%d.00,,,%s-%d,\"note %d, \"\"q\"\"\nline two\"\n", d, p, i, p, i, i
	}'
}

# Whether FILE parses as a journal (every row checked by the reader).
parses() {
	journal -f "$1" --customer nobody >/dev/null 2>"$work/parse.err" &&
		! grep -q . "$work/parse.err"
}

# Data rows of a journal (records, not lines: notes hold a line break).
records() {
	awk 'BEGIN { q = 0; n = 0 } { c = gsub(/"/, "\""); q = (q + c) % 2; if (!q) n++ } END { print n - 1 }' "$1"
}

# ---- 8 concurrent appenders, 300 rows each, one row per run ----
rm -f conc.csv
for p in 1 2 3 4 5 6 7 8; do
	(
		for i in $(seq 1 300); do
			printf '%s\n2026-11-23,P%s,EUR,payment,,,,%d.00,,,P%s-%d,\n' "$HEADER" "$p" "$i" "$p" "$i" |
				journal -f conc.csv || echo "append P$p-$i failed"
		done
	) >"conc.$p.log" 2>&1 &
done
wait
check "concurrent appends: no run failed" test ! -s conc.1.log -a ! -s conc.2.log -a ! -s conc.3.log \
	-a ! -s conc.4.log -a ! -s conc.5.log -a ! -s conc.6.log -a ! -s conc.7.log -a ! -s conc.8.log
check "concurrent appends: 2401 lines (header + 2400 rows)" test "$(wc -l <conc.csv)" -eq 2401
check "concurrent appends: one header" test "$(grep -c '^date,' conc.csv)" -eq 1
check "concurrent appends: 2400 distinct refs" test "$(cut -d, -f11 conc.csv | sed 1d | sort -u | wc -l)" -eq 2400
check "concurrent appends: every row has 12 fields" test "$(awk -F, 'NF != 12' conc.csv | wc -l)" -eq 0
check "concurrent appends: the journal parses" parses conc.csv
for p in 1 8; do
	check "concurrent appends: P$p has its 300 rows" \
		test "$(journal -f conc.csv --customer P$p | sed 1d | wc -l)" -eq 300
done
# Recording them all again adds nothing.
journal -f conc.csv conc.csv 2>/dev/null
check "the journal as its own input is refused (64)" test $? -eq 64
cp conc.csv again.csv
journal -f conc.csv again.csv 2>again.err
check "the same rows twice: nothing added" cmp -s conc.csv again.csv
check "the same rows twice: counted" grep -q '2400 rows already recorded' again.err

# ---- a writer killed with SIGKILL mid-run ----
{ echo "$HEADER"; rows K 200000; } >big.csv
# Kill at 16 moments spread over the time a whole run takes, so some land
# in the write itself.
start=$(date +%s%N)
journal -f timing.csv <big.csv 2>/dev/null
took=$((($(date +%s%N) - start) / 1000000))
kills=0
torn=0
for delay in $(awk -v t="$took" 'BEGIN { for (k = 1; k <= 16; k++) printf "%.3f ", t * (0.5 + k * 0.04) / 1000 }'); do
	rm -f kill.csv
	{ echo "$HEADER"; rows O 3; } >kill.csv
	journal -f kill.csv <big.csv 2>/dev/null &
	pid=$!
	sleep "$delay"
	kill -9 "$pid" 2>/dev/null && kills=$((kills + 1))
	wait "$pid" 2>/dev/null
	# Whatever the moment: it parses (a cut tail is ignored, said once).
	journal -f kill.csv --customer O >kill.out 2>kill.err
	st=$?
	check "killed after ${delay}s: the journal still parses" test $st -eq 0
	check "killed after ${delay}s: the rows before it are intact" test "$(grep -c '^2026' kill.out)" -eq 3
	grep -q 'unterminated last line' kill.err && torn=$((torn + 1))
	# The next append cuts a cut tail; then every record is whole.
	{ echo "$HEADER"; rows A 1; } | journal -f kill.csv 2>/dev/null
	check "killed after ${delay}s: the next append works and the file parses" parses kill.csv
	check "killed after ${delay}s: the appended row is there" \
		test "$(journal -f kill.csv --customer A | sed 1d | grep -c '^2026')" -eq 1
	n=$(records kill.csv)
	check "killed after ${delay}s: only whole K rows (0 or 200000 or a whole prefix)" \
		test "$(journal -f kill.csv --customer K | sed 1d | grep -c '^2026')" -eq $((n - 4))
done
echo "# a whole run took ${took} ms; $kills writers killed, $torn of them mid-write (a cut tail seen)"

# ---- a journal cut at any byte ----
{ echo "$HEADER"; rows C 4; } >whole.csv
size=$(wc -c <whole.csv)
hlen=$(($(head -n 1 whole.csv | wc -c)))
bad=0
cut=$((hlen + 1))
while [ $cut -lt "$size" ]; do
	head -c $cut whole.csv >cut.csv
	if ! journal -f cut.csv --customer C >/dev/null 2>cut.err; then
		bad=$((bad + 1))
		echo "cut at byte $cut: the reader failed: $(cat cut.err)"
	fi
	{ echo "$HEADER"; rows D 1; } | journal -f cut.csv 2>/dev/null
	if ! parses cut.csv; then
		bad=$((bad + 1))
		echo "cut at byte $cut: not mended by the next append: $(cat "$work/parse.err")"
	fi
	cut=$((cut + 1))
done
check "a journal cut at each byte: read, then mended by an append" test $bad -eq 0

# ---- a purge while appends go on ----
{ echo "$HEADER"; rows OLD 500 2020-01-15; rows NEW 50 2026-06-01; } >purge.csv
for p in 1 2 3 4; do
	(
		for i in $(seq 1 100); do
			printf '%s\n2026-11-23,Q%s,EUR,payment,,,,%d.00,,,Q%s-%d,\n' "$HEADER" "$p" "$i" "$p" "$i" |
				journal -f purge.csv || echo "append Q$p-$i failed"
		done
	) >"purge.$p.log" 2>&1 &
done
(
	for i in $(seq 1 30); do
		journal -f purge.csv --purge-before 2026-01-01 2>/dev/null || echo "purge $i failed"
	done
) >purge.p.log 2>&1 &
wait
check "purge with appends: no run failed" test ! -s purge.1.log -a ! -s purge.2.log \
	-a ! -s purge.3.log -a ! -s purge.4.log -a ! -s purge.p.log
check "purge with appends: the journal parses" parses purge.csv
check "purge with appends: no old row left" test "$(journal -f purge.csv --customer OLD | sed 1d | wc -l)" -eq 0
check "purge with appends: the 50 recent rows kept" \
	test "$(journal -f purge.csv --customer NEW | sed 1d | grep -c '^2026')" -eq 50
for p in 1 2 3 4; do
	check "purge with appends: Q$p's 100 rows all there" \
		test "$(journal -f purge.csv --customer Q$p | sed 1d | wc -l)" -eq 100
done
check "purge with appends: no temporary file left" test "$(ls | grep -c 'purge.csv.purge')" -eq 0

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
