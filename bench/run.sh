#!/bin/sh
# bench/run.sh — how fast is `aging`, and how little memory does it use?
#
# Run from the repository root with bin/aging built (`make bench` does both):
#     sh bench/run.sh
#
# Contenders, all on the same generated items file, stdout to /dev/null:
#   passthrough  plain libcsv parse + rewrite (bench/passthrough.c): the floor
#   aging        bin/aging --as-of 2026-11-23 FILE (row mode)
#   summary      bin/aging --as-of 2026-11-23 --summary FILE
#   mlr          Miller: the same job as one `put` expression
#   python       bench/aging.py: the same job with the csv module
#   duckdb       bench/duckdb.cjs: the same job as one SQL statement run by
#                DuckDB (npm package @duckdb/node-api, multi-threaded), in
#                row mode and as the summary (duckdb_summary)
# Then bin/prioritize on the same file (time, MB/s, peak RSS: it keeps one
# total per customer and currency, so memory follows the customers), and
# bin/classify on a generated notes file against the pass-through of it.
# Then bin/openitems on a generated FEC (bench/genfec.c, BENCH_FEC_LINES
# lines) against `passthrough -t` of the same file (tab-separated, quoting
# off, as openitems reads a FEC); target: within 2x of it.  Then
# bin/journal appending 10,000 reminders to a 1,000,000-row journal, and
# bin/kpi (target: within 1.5x of passthrough; memory per period and
# currency), with a --shard 0/4 line when kpi has --shard.
# Before timing, all of them run on a small file and their outputs are
# compared (python's is the reference of row mode, aging --summary's of the
# summary; passthrough must reproduce its input).
#
# Printed: seconds (best of the runs), CPU seconds (the least; user + system of
# all threads), MB/s (10^6 bytes of input a second),
# rows/s, peak RSS (MiB), and the targets:
#   aging within 1.25x of passthrough, aging --summary within 1.2x; aging >= 6x
#   faster than mlr and than python; aging peak RSS < 8 MiB; and how DuckDB
#   compares with aging (no target: it is what an analyst would use instead).
# The figures are reported, never enforced: the exit status is 0 unless a
# contender fails (non-zero exit) or cannot be built.
#
# Environment knobs:
#   BENCH_ROWS=2000000      data rows of the items file (~151 MB at 2,000,000)
#   BENCH_DIR=/tmp/dunning-bench   where the data, stamps and tools go
#   BENCH_CUSTOMERS=50000   distinct customers in the generated file
#   BENCH_REPEAT=3          runs of passthrough, aging and aging --summary
#                           (interleaved; best kept)
#   BENCH_SLOW_REPEAT=1     runs of mlr, python and duckdb
#   BENCH_LARGE=1           also generate a file 10x BENCH_ROWS (20,000,000 rows,
#                           and soak `aging | prioritize` on it, peak RSS of each;
#                           ~1.5 GB in BENCH_DIR) and report aging's peak RSS on
#                           it, to show that row mode does not grow with input
#   BENCH_LARGE_ROWS=N      rows of that large file (default 10 x BENCH_ROWS)
#   BENCH_AGING=PATH        the aging binary to measure (default bin/aging)
#   BENCH_PRIORITIZE=PATH   the prioritize binary to measure (default bin/prioritize)
#   BENCH_CLASSIFY=PATH     the classify binary to measure (default bin/classify)
#   BENCH_NOTES_ROWS=N      rows of the notes file (default BENCH_ROWS / 4)
#   BENCH_FEC_LINES=2000000 lines of the generated FEC (~250 MB at 2,000,000)
#   BENCH_OPENITEMS=PATH    the openitems binary to measure (default bin/openitems)
#   BENCH_JOURNAL=PATH      the journal binary to measure (default bin/journal)
#   BENCH_JOURNAL_ROWS=1000000  events of the generated journal
#   BENCH_JOURNAL_BATCH=10000   reminders appended to it (best of BENCH_REPEAT)
#   BENCH_KPI=PATH          the kpi binary to measure (default bin/kpi)
#   BENCH_REMIND=PATH       the remind binary to measure (default bin/remind)
#   BENCH_REMIND_JOURNAL_ROWS=200000  events of remind's journal
#   BENCH_NODE_DIR=PATH     where @duckdb/node-api is installed (default
#                           build/bench: PATH/node_modules, by npm --prefix)
#   BENCH_DUCKDB_VERSION=V  the version of @duckdb/node-api to install (1.5.6-r.1)
#   BENCH_INSTR_ROWS=N      rows (the first of the items file; default all of
#                           them) on which valgrind's cachegrind counts the
#                           instructions of passthrough, aging and aging
#                           --summary: the same ratios as the times, exact on
#                           a busy machine (0: skipped; skipped too without
#                           valgrind; about a minute a million rows each)
#
# Generated files are kept in BENCH_DIR with a stamp (generator checksum, rows,
# customers, size, cksum) and reused while they still match it. The helper
# programs (gen, passthrough, rss) are compiled here with cc -O2 into
# BENCH_DIR/build; nothing is written into the repository but the npm
# package, in build/bench/node_modules (git ignores build/).
# When `mlr` is missing, `apt-get install -y miller` is tried (after
# `apt-get update` if needed); failing that, mlr is reported as not available.
# When @duckdb/node-api is missing (or not at BENCH_DUCKDB_VERSION), it is
# installed with `npm install --prefix BENCH_NODE_DIR`; when node or npm is
# missing or the install fails, duckdb is skipped with a note.  `make bench`
# installs the Debian packages miller, nodejs and npm first when their
# commands are missing (make bench-deps).

set -u

cd "$(dirname "$0")/.." || exit 1
ROOT=$(pwd)

ROWS=${BENCH_ROWS:-2000000}
DIR=${BENCH_DIR:-/tmp/dunning-bench}
CUSTOMERS=${BENCH_CUSTOMERS:-50000}
REPEAT=${BENCH_REPEAT:-3}
SLOW_REPEAT=${BENCH_SLOW_REPEAT:-1}
LARGE=${BENCH_LARGE:-0}
LARGE_ROWS=${BENCH_LARGE_ROWS:-$((ROWS * 10))}
CHECK_ROWS=20000
AS_OF=2026-11-23
CC=${CC:-cc}
WARN="-std=c11 -Wall -Wextra -Wpedantic -Wshadow -Wconversion -D_POSIX_C_SOURCE=200809L"

BUILD=$DIR/build
ITEMS=$DIR/items.csv
AGING=${BENCH_AGING:-$ROOT/bin/aging}
PY=$ROOT/bench/aging.py
DUCK=$ROOT/bench/duckdb.cjs
NODE_DIR=${BENCH_NODE_DIR:-$ROOT/build/bench}
DUCK_VERSION=${BENCH_DUCKDB_VERSION:-1.5.6-r.1}

# The Miller program: row mode of `aging` (float for money is Miller's only
# choice; %.2f formatting makes it exact for two-decimal amounts).
# shellcheck disable=SC2016 # $field is Miller's, not the shell's
MLR_PROG='
begin { @as_of = strptime("'$AS_OF'", "%Y-%m-%d") }
filter $issue_date <= "'$AS_OF'" && $amount != $paid;
$balance = fmtnum($amount - $paid, "%.2f");
d = (@as_of - strptime($due_date, "%Y-%m-%d")) // 86400;
$days_overdue = d;
$bucket = d <= 0 ? "current" : d <= 30 ? "1-30" : d <= 60 ? "31-60"
        : d <= 90 ? "61-90" : d <= 120 ? "91-120" : "121+";
'

FAILED=0

say() { printf '%s\n' "$*"; }

fail() {
	say "bench: $*" >&2
	FAILED=1
}

mkdir -p "$BUILD" || exit 1
RSSF=$BUILD/rss.out
ERRF=$BUILD/stderr.out

# ---------------------------------------------------------------- build --
build() { # NAME [LIBS]
	# shellcheck disable=SC2086 # $CC, $WARN and the libraries are word lists
	if ! $CC -O2 $WARN -o "$BUILD/$1" "$ROOT/bench/$1.c" ${2:-}; then
		say "bench: cannot build bench/$1.c" >&2
		exit 1
	fi
}
say "== building bench tools into $BUILD"
build gen
build genfec
build rss
build passthrough -lcsv

# ---------------------------------------------------------- contenders --
# HAVE_x is 1 when contender x is to be measured, else WHY_x says why not.
HAVE_AGING=0 WHY_aging=''
if [ -x "$AGING" ]; then
	HAVE_AGING=1
else
	WHY_aging="bin/aging: not built"
	say "$WHY_aging"
fi

HAVE_MLR=0 WHY_mlr="mlr: not available"
if command -v mlr >/dev/null 2>&1; then
	HAVE_MLR=1
elif command -v apt-get >/dev/null 2>&1; then
	say "mlr: not found, trying apt-get install -y miller (log: $DIR/apt.log)"
	export DEBIAN_FRONTEND=noninteractive
	if apt-get install -y miller >"$DIR/apt.log" 2>&1 ||
	   { apt-get update >>"$DIR/apt.log" 2>&1 &&
	     apt-get install -y miller >>"$DIR/apt.log" 2>&1; }; then
		command -v mlr >/dev/null 2>&1 && HAVE_MLR=1
	fi
fi
[ "$HAVE_MLR" = 1 ] || say "$WHY_mlr"

# The interpreter itself, not a wrapper (pyenv shims cost a bash start-up).
HAVE_PY=0 WHY_python="python3: not available"
PYTHON=$(python3 -c 'import sys; print(sys.executable)' 2>/dev/null)
if [ -n "$PYTHON" ] && [ -x "$PYTHON" ]; then
	HAVE_PY=1
else
	say "$WHY_python"
fi

# DuckDB through node: the npm package ships its own binary.
HAVE_DUCK=0 WHY_duckdb="node: not available"
if command -v node >/dev/null 2>&1; then
	BENCH_NODE_MODULES=$NODE_DIR/node_modules
	export BENCH_NODE_MODULES
	duck_version() {
		node -p "require('$BENCH_NODE_MODULES/@duckdb/node-api/package.json').version" 2>/dev/null
	}
	if [ "$(duck_version)" = "$DUCK_VERSION" ]; then
		HAVE_DUCK=1
	elif ! command -v npm >/dev/null 2>&1; then
		WHY_duckdb="npm: not available (to install @duckdb/node-api)"
	else
		say "duckdb: installing @duckdb/node-api@$DUCK_VERSION into $BENCH_NODE_MODULES (log: $DIR/npm.log)"
		mkdir -p "$NODE_DIR"
		if npm install --prefix "$NODE_DIR" --no-audit --no-fund --no-save \
			"@duckdb/node-api@$DUCK_VERSION" >"$DIR/npm.log" 2>&1 &&
		   [ "$(duck_version)" = "$DUCK_VERSION" ]; then
			HAVE_DUCK=1
		else
			WHY_duckdb="cannot install @duckdb/node-api@$DUCK_VERSION (see $DIR/npm.log)"
		fi
	fi
fi
[ "$HAVE_DUCK" = 1 ] || say "duckdb: skipped: $WHY_duckdb"
HAVE_SUMMARY=$HAVE_AGING WHY_summary=$WHY_aging
HAVE_DUCKS=$HAVE_DUCK WHY_duckdb_summary=$WHY_duckdb

# ------------------------------------------------------------------ data --
GENSUM=$(cksum < "$ROOT/bench/gen.c" | cut -d' ' -f1)

ensure_items() { # FILE ROWS
	ei_f=$1
	ei_want="gen=$GENSUM rows=$2 customers=$CUSTOMERS"
	if [ -f "$ei_f" ] && [ -f "$ei_f.stamp" ]; then
		read -r ei_g ei_r ei_c ei_s ei_k < "$ei_f.stamp"
		if [ "$ei_g $ei_r $ei_c" = "$ei_want" ] &&
		   [ "$ei_s" = "size=$(wc -c < "$ei_f" | tr -d ' ')" ] &&
		   [ "$ei_k" = "cksum=$(cksum < "$ei_f" | cut -d' ' -f1)" ]; then
			say "== reusing $ei_f ($2 rows, ${ei_s#size=} bytes)"
			return 0
		fi
	fi
	say "== generating $ei_f ($2 rows)"
	rm -f "$ei_f.stamp"
	if ! "$BUILD/gen" "$2" "$CUSTOMERS" > "$ei_f.tmp"; then
		rm -f "$ei_f.tmp"
		say "bench: generator failed" >&2
		exit 1
	fi
	mv "$ei_f.tmp" "$ei_f" || exit 1
	printf '%s size=%s cksum=%s\n' "$ei_want" "$(wc -c < "$ei_f" | tr -d ' ')" \
		"$(cksum < "$ei_f" | cut -d' ' -f1)" > "$ei_f.stamp"
	say "   $(wc -c < "$ei_f" | tr -d ' ') bytes"
}

# ---------------------------------------------------------------- checks --
# Each contender on a small file; python's output is the reference.
CHECK=$DIR/check.csv
"$BUILD/gen" "$CHECK_ROWS" "$CUSTOMERS" > "$CHECK" || exit 1

run_to() { # OUT NAME CMD... : run, stdout to OUT; complain on failure
	rt_out=$1 rt_name=$2
	shift 2
	if ! "$@" > "$rt_out" 2> "$ERRF"; then
		fail "$rt_name failed on $CHECK:"
		sed -n '1,5s/^/    /p' "$ERRF" >&2
		return 1
	fi
	return 0
}

lines() { wc -l < "$1" | tr -d ' '; }

say "== checking outputs on $CHECK_ROWS rows"
run_to "$BUILD/check.passthrough" passthrough "$BUILD/passthrough" "$CHECK" &&
	if cmp -s "$BUILD/check.passthrough" "$CHECK"; then
		say "   passthrough  reproduces its input"
	else
		say "   WARNING: passthrough does not reproduce its input"
	fi
REF=
if [ "$HAVE_PY" = 1 ]; then
	if run_to "$BUILD/check.python" python "$PYTHON" "$PY" --as-of "$AS_OF" "$CHECK"; then
		REF=$BUILD/check.python
		say "   python       $(($(lines "$REF") - 1)) rows out (reference)"
	else
		HAVE_PY=0 WHY_python="failed (see above)"
	fi
fi
compare() { # NAME OUTFILE [REFERENCE REFNAME]
	cp_n=$(($(lines "$2") - 1))
	cp_ref=${3-$REF} cp_rn=${4:-python}
	if [ -z "$cp_ref" ]; then
		say "   $(printf '%-14s' "$1") $cp_n rows out (no reference to compare with)"
	elif cmp -s "$2" "$cp_ref"; then
		say "   $(printf '%-14s' "$1") $cp_n rows out, identical to $cp_rn"
	else
		say "   WARNING: $1 output differs from $cp_rn's ($cp_n rows vs $(($(lines "$cp_ref") - 1))):"
		diff "$cp_ref" "$2" | sed -n '1,6s/^/    /p'
	fi
}
if [ "$HAVE_AGING" = 1 ]; then
	if run_to "$BUILD/check.aging" aging "$AGING" --as-of "$AS_OF" "$CHECK"; then
		compare aging "$BUILD/check.aging"
	else
		HAVE_AGING=0 WHY_aging="failed (see above)"
	fi
fi
SREF=
if [ "$HAVE_SUMMARY" = 1 ]; then
	if run_to "$BUILD/check.summary" summary "$AGING" --as-of "$AS_OF" --summary "$CHECK"; then
		SREF=$BUILD/check.summary
		say "   summary        $(($(lines "$SREF") - 1)) rows out (reference of the summaries)"
	else
		HAVE_SUMMARY=0 WHY_summary="failed (see above)"
	fi
fi
if [ "$HAVE_DUCK" = 1 ]; then
	if run_to "$BUILD/check.duckdb" duckdb node "$DUCK" rows "$AS_OF" "$CHECK" /dev/stdout; then
		compare duckdb "$BUILD/check.duckdb"
	else
		HAVE_DUCK=0 WHY_duckdb="failed (see above)"
	fi
fi
if [ "$HAVE_DUCKS" = 1 ]; then
	if run_to "$BUILD/check.duckdb_summary" duckdb_summary node "$DUCK" summary "$AS_OF" "$CHECK" /dev/stdout; then
		compare duckdb_summary "$BUILD/check.duckdb_summary" "$SREF" "aging --summary"
	else
		HAVE_DUCKS=0 WHY_duckdb_summary="failed (see above)"
	fi
fi
if [ "$HAVE_MLR" = 1 ]; then
	if run_to "$BUILD/check.mlr" mlr mlr --icsv --ocsv put "$MLR_PROG" "$CHECK"; then
		compare mlr "$BUILD/check.mlr"
	else
		HAVE_MLR=0 WHY_mlr="failed (see above)"
	fi
fi

# ---------------------------------------------------------------- timing --
# measure KEY CMD... : one run under rss, stdout to /dev/null; keeps the best
# wall time in T_KEY, the least CPU time in C_KEY and the highest peak RSS
# (KiB) in R_KEY.
measure() {
	ms_key=$1
	shift
	: > "$RSSF"
	RSS_OUT=$RSSF "$BUILD/rss" "$@" > /dev/null 2> "$ERRF"
	ms_wall='' ms_kib='' ms_code='' ms_cpu=''
	read -r ms_wall ms_kib ms_code ms_cpu < "$RSSF"
	if [ -z "$ms_code" ] || [ "$ms_code" != 0 ]; then
		fail "$ms_key failed (exit ${ms_code:-?}): $*"
		sed -n '1,5s/^/    /p' "$ERRF" >&2
		eval "BAD_$ms_key=1"
		return 1
	fi
	if [ -s "$ERRF" ]; then
		say "   ($ms_key wrote on stderr:)"
		sed -n '1,3s/^/    /p' "$ERRF"
	fi
	eval "ms_t=\${T_$ms_key:-} ms_c=\${C_$ms_key:-} ms_r=\${R_$ms_key:-0}"
	ms_t=$(awk -v a="$ms_t" -v b="$ms_wall" 'BEGIN { print (a == "" || b + 0 < a + 0) ? b : a }')
	ms_c=$(awk -v a="$ms_c" -v b="$ms_cpu" 'BEGIN { print (a == "" || b + 0 < a + 0) ? b : a }')
	[ "$ms_kib" -gt "$ms_r" ] && ms_r=$ms_kib
	eval "T_$ms_key=\$ms_t C_$ms_key=\$ms_c R_$ms_key=\$ms_r"
	return 0
}

timed_round() { # FILE KEYSUFFIX : passthrough, aging, aging --summary, once
	measure "passthrough$2" "$BUILD/passthrough" "$1"
	[ "$HAVE_AGING" = 1 ] && measure "aging$2" "$AGING" --as-of "$AS_OF" "$1"
	[ "$HAVE_SUMMARY" = 1 ] && measure "summary$2" "$AGING" --as-of "$AS_OF" --summary "$1"
	return 0
}

ensure_items "$ITEMS" "$ROWS"
BYTES=$(wc -c < "$ITEMS" | tr -d ' ')
cat "$ITEMS" > /dev/null # warm the page cache: everybody reads from memory

say "== timing ($ROWS rows, $BYTES bytes; passthrough and aging best of $REPEAT, mlr, python and duckdb best of $SLOW_REPEAT)"
i=0
while [ "$i" -lt "$REPEAT" ]; do
	timed_round "$ITEMS" ""
	i=$((i + 1))
done
i=0
while [ "$i" -lt "$SLOW_REPEAT" ]; do
	[ "$HAVE_MLR" = 1 ] && measure mlr mlr --icsv --ocsv put "$MLR_PROG" "$ITEMS"
	[ "$HAVE_PY" = 1 ] && measure python "$PYTHON" "$PY" --as-of "$AS_OF" "$ITEMS"
	[ "$HAVE_DUCK" = 1 ] && measure duckdb node "$DUCK" rows "$AS_OF" "$ITEMS" /dev/stdout
	[ "$HAVE_DUCKS" = 1 ] && measure duckdb_summary node "$DUCK" summary "$AS_OF" "$ITEMS" /dev/stdout
	i=$((i + 1))
done

# --------------------------------------------------------------- report --
get() { eval "printf '%s' \"\${$1_$2:-}\""; } # get T|R KEY

say ""
say "$(uname -sm), $(getconf _NPROCESSORS_ONLN 2>/dev/null || echo '?') CPU(s); $($CC --version 2>/dev/null | sed -n 1p)"
[ "$HAVE_MLR" = 1 ] && say "$(mlr --version 2>/dev/null)"
[ "$HAVE_PY" = 1 ] && say "$("$PYTHON" --version 2>&1) ($PYTHON)"
[ "$HAVE_DUCK" = 1 ] && say "node $(node --version), @duckdb/node-api $DUCK_VERSION"
say ""
printf '%-15s %9s %9s %9s %12s %13s  %s\n' contender seconds "cpu s" MB/s rows/s "peak RSS MiB" "vs aging (wall)"
row() { # KEY
	rw_t=$(get T "$1")
	if [ -z "$rw_t" ]; then
		printf '%-15s %9s\n' "$1" "-"
		return
	fi
	# Each is set against aging doing the same job (row mode or summary).
	rw_vs=$(awk -v t="$rw_t" -v a="$(get T aging)" -v s="$(get T summary)" \
	    -v p="$(get T passthrough)" -v k="$1" 'BEGIN {
		if (k == "aging" || k == "passthrough") print "";
		else if (k == "summary") printf(p == "" ? "" : "summary/passthrough %.2fx", t / p);
		else if (k == "duckdb_summary") printf(s == "" ? "" : "duckdb_summary/summary %.1fx", t / s);
		else printf(a == "" ? "" : "%s/aging %.1fx", k, t / a) }')
	[ "$1" = passthrough ] && rw_vs=$(awk -v t="$rw_t" -v a="$(get T aging)" 'BEGIN {
		if (a != "") printf "aging/passthrough %.2fx", a / t }')
	awk -v k="$1" -v t="$rw_t" -v c="$(get C "$1")" -v r="$(get R "$1")" -v b="$BYTES" -v n="$ROWS" -v vs="$rw_vs" 'BEGIN {
		printf "%-15s %9.3f %9.3f %9.1f %12.0f %13.1f  %s\n", k, t, c, b / t / 1e6, n / t, r / 1024, vs }'
}
for k in passthrough aging summary mlr python duckdb duckdb_summary; do
	case $k in
	aging) h=$HAVE_AGING ;;
	summary) h=$HAVE_SUMMARY ;;
	mlr) h=$HAVE_MLR ;;
	python) h=$HAVE_PY ;;
	duckdb) h=$HAVE_DUCK ;;
	duckdb_summary) h=$HAVE_DUCKS ;;
	*) h=1 ;;
	esac
	if [ "$h" = 1 ] && [ -z "$(get BAD "$k")" ]; then
		row "$k"
	else
		printf '%-15s %9s  %s\n' "$k" - "$(get WHY "$k")"
	fi
done
say "(summary: aging --summary; duckdb_summary: the same summary in DuckDB)"

say ""
say "targets:"
verdict() { # VALUE OP LIMIT -> ok|MISSED
	awk -v v="$1" -v l="$3" -v op="$2" 'BEGIN {
		ok = (op == "<=") ? v <= l : (op == ">=") ? v >= l : v < l
		print ok ? "ok" : "MISSED" }'
}
# target LABEL VALUE UNIT OP LIMIT [CPU]: one line of the targets (VALUE -
# when not measured; LIMIT - when there is no target, only a figure; CPU: the
# same ratio in CPU seconds, shown after it).
target() {
	tg_cpu=
	[ -n "${6:-}" ] && [ "$6" != - ] && tg_cpu="   cpu time: ${6}x"
	if [ "$2" = - ]; then
		printf '  %-34s %9s\n' "$1" "-"
	elif [ "$5" = - ]; then
		printf '  %-34s %9s%s\n' "$1" "$2$3" "$tg_cpu"
	else
		tg_v=$(verdict "$2" "$4" "$5")
		[ -n "$tg_cpu" ] && tg_v=$(printf '%-6s' "$tg_v")
		printf '  %-34s %9s  (target %s %s%s)  %s%s\n' "$1" "$2$3" "$4" "$5" "$3" \
			"$tg_v" "$tg_cpu"
	fi
}
ratio() { # A B DIGITS -> A / B, or - when either is missing
	awk -v a="$1" -v b="$2" -v d="$3" 'BEGIN {
		if (a == "" || b == "") print "-"; else printf "%.*f\n", d, a / b }'
}
TA=$(get T aging) TP=$(get T passthrough) TS=$(get T summary)
CA=$(get C aging) CP=$(get C passthrough) CS=$(get C summary)
say "  (wall time; the CPU-time ratio after it is steadier on a busy machine)"
target "aging / passthrough (row mode)" "$(ratio "$TA" "$TP" 2)" x '<=' 1.25 "$(ratio "$CA" "$CP" 2)"
target "aging --summary / passthrough" "$(ratio "$TS" "$TP" 2)" x '<=' 1.2 "$(ratio "$CS" "$CP" 2)"
for k in mlr python; do
	target "$k / aging" "$(ratio "$(get T $k)" "$TA" 1)" x '>=' 6 "$(ratio "$(get C $k)" "$CA" 1)"
done
if [ -n "$(get R aging)" ]; then
	target "aging peak RSS" "$(awk -v r="$(get R aging)" 'BEGIN { printf "%.1f", r / 1024 }')" " MiB" '<' 8
else
	target "aging peak RSS" - "" '<' 8
fi
# Instructions: exact where times on a shared machine vary by a quarter
# (cachegrind counts work, not cache misses: the summary's memory stalls are
# only in the times).
IR=${BENCH_INSTR_ROWS:-$ROWS}
[ "$IR" -gt "$ROWS" ] && IR=$ROWS
if [ "$IR" -gt 0 ] && command -v valgrind >/dev/null 2>&1; then
	irefs() { # COMMAND... -> instructions it ran; nothing, and a note, when it failed
		if valgrind --tool=cachegrind --cache-sim=no --cachegrind-out-file=/dev/null \
			--log-file="$BUILD/cachegrind.log" "$@" >/dev/null 2>&1; then
			awk '/I +refs:/ { gsub(",", "", $NF); print $NF }' "$BUILD/cachegrind.log"
		else
			say "bench: under cachegrind, failed: $*" >&2
		fi
	}
	INSTR=$ITEMS
	if [ "$IR" -lt "$ROWS" ]; then
		INSTR=$BUILD/instr.csv
		head -n "$((IR + 1))" "$ITEMS" >"$INSTR"
	fi
	IP=$(irefs "$BUILD/passthrough" "$INSTR")
	IA=$(irefs "$AGING" --as-of "$AS_OF" "$INSTR")
	IS=$(irefs "$AGING" --as-of "$AS_OF" --summary "$INSTR")
	[ -n "$IP" ] && [ -n "$IA" ] && [ -n "$IS" ] || fail "an instruction count is missing"
	# The targets are times; instructions explain them (the pass-through's
	# writing runs at fewer instructions a cycle than aging's parsing).
	say "  instructions (cachegrind, $IR rows), no target:"
	target "aging / passthrough (row mode)" "$(ratio "$IA" "$IP" 2)" x '' -
	target "aging --summary / passthrough" "$(ratio "$IS" "$IP" 2)" x '' -
	rm -f "$BUILD/instr.csv"
else
	say "  (instructions: skipped, BENCH_INSTR_ROWS=0 or no valgrind)"
fi
say "  DuckDB, no target (above 1x, aging is faster):"
target "duckdb / aging (row mode)" "$(ratio "$(get T duckdb)" "$TA" 2)" x '' - \
	"$(ratio "$(get C duckdb)" "$CA" 2)"
target "duckdb_summary / aging --summary" "$(ratio "$(get T duckdb_summary)" "$TS" 2)" x '' - \
	"$(ratio "$(get C duckdb_summary)" "$CS" 2)"

# ----------------------------------------------------------- prioritize --
PRIO=${BENCH_PRIORITIZE:-$ROOT/bin/prioritize}
say ""
if [ -x "$PRIO" ] && measure prioritize "$PRIO" --as-of "$AS_OF" "$ITEMS"; then
	awk -v t="$(get T prioritize)" -v r="$(get R prioritize)" -v b="$BYTES" \
	    -v n="$ROWS" -v c="$CUSTOMERS" 'BEGIN {
		printf "prioritize  %9.3f s %9.1f MB/s %12.0f rows/s   peak RSS %.1f MiB (%d customers)\n", \
			t, b / t / 1e6, n / t, r / 1024, c }'
else
	say "prioritize: not measured ($PRIO missing or failed)"
fi

# -------------------------------------------------------------- classify --
# classify on a generated notes file (French and English phrases, one in
# eight matching nothing), against the libcsv pass-through of that file.
CLASSIFY=${BENCH_CLASSIFY:-$ROOT/bin/classify}
NOTES=$DIR/notes.csv
NOTES_ROWS=${BENCH_NOTES_ROWS:-$((ROWS / 4))}
say ""
if [ -x "$CLASSIFY" ]; then
	awk -v n="$NOTES_ROWS" 'BEGIN {
		split("Déjà payé le 12/11|\"Je conteste la facture, marchandise pas reçue\"|" \
		      "Je paierai le 30 sans faute|Au chômage depuis septembre|" \
		      "Payment sent yesterday ref 4471|I will pay on Friday|" \
		      "\"Not bankrupt, just late\"|Merci bien reçu votre relance", p, "|")
		print "date,customer,note"
		for (i = 1; i <= n; i++)
			printf "2026-11-%02d,C%06d,%s\n", i % 28 + 1, i % 50000, p[i % 8 + 1]
	}' > "$NOTES.tmp" && mv "$NOTES.tmp" "$NOTES"
	NBYTES=$(wc -c < "$NOTES" | tr -d ' ')
	i=0
	while [ "$i" -lt "$REPEAT" ]; do
		measure passthrough_notes "$BUILD/passthrough" "$NOTES"
		measure classify "$CLASSIFY" "$NOTES"
		i=$((i + 1))
	done
	if [ -n "$(get T classify)" ] && [ -n "$(get T passthrough_notes)" ]; then
		awk -v t="$(get T classify)" -v r="$(get R classify)" -v p="$(get T passthrough_notes)" \
		    -v b="$NBYTES" -v n="$NOTES_ROWS" 'BEGIN {
			printf "classify    %9.3f s %9.1f MB/s %12.0f rows/s   peak RSS %.1f MiB (%.1fx passthrough, %d notes)\n", \
				t, b / t / 1e6, n / t, r / 1024, t / p, n }'
	fi
else
	say "classify: not measured ($CLASSIFY missing)"
fi

# ------------------------------------------------------------ openitems --
OPENITEMS=${BENCH_OPENITEMS:-$ROOT/bin/openitems}
FEC_LINES=${BENCH_FEC_LINES:-2000000}
FEC=$DIR/ledger.fec
say ""
if [ -x "$OPENITEMS" ]; then
	FECSUM=$(cksum < "$ROOT/bench/genfec.c" | cut -d' ' -f1)
	fec_want="genfec=$FECSUM lines=$FEC_LINES customers=$CUSTOMERS"
	if [ -f "$FEC" ] && [ -f "$FEC.stamp" ] && [ "$(cat "$FEC.stamp")" = \
	    "$fec_want size=$(wc -c < "$FEC" | tr -d ' ')" ]; then
		say "== reusing $FEC ($FEC_LINES lines)"
	else
		say "== generating $FEC ($FEC_LINES lines)"
		"$BUILD/genfec" "$FEC_LINES" "$CUSTOMERS" > "$FEC" || { say "bench: genfec failed" >&2; exit 1; }
		printf '%s size=%s\n' "$fec_want" "$(wc -c < "$FEC" | tr -d ' ')" > "$FEC.stamp"
	fi
	FBYTES=$(wc -c < "$FEC" | tr -d ' ')
	printf '[ledger]\nterms = 30\n' > "$BUILD/openitems.ini"
	say "== timing openitems ($FEC_LINES lines, $FBYTES bytes; best of $REPEAT)"
	i=0
	while [ $i -lt "$REPEAT" ]; do
		measure passthrough_fec "$BUILD/passthrough" -t "$FEC"
		measure openitems "$OPENITEMS" -c "$BUILD/openitems.ini" "$FEC"
		i=$((i + 1))
	done
	if [ -n "$(get T openitems)" ] && [ -n "$(get T passthrough_fec)" ]; then
		awk -v t="$(get T openitems)" -v r="$(get R openitems)" -v p="$(get T passthrough_fec)" \
		    -v pr="$(get R passthrough_fec)" -v b="$FBYTES" -v n="$FEC_LINES" 'BEGIN {
			printf "passthrough -t %9.3f s %9.1f MB/s %12.0f lines/s   peak RSS %.1f MiB\n", \
				p, b / p / 1e6, n / p, pr / 1024
			printf "openitems      %9.3f s %9.1f MB/s %12.0f lines/s   peak RSS %.1f MiB\n", \
				t, b / t / 1e6, n / t, r / 1024
			printf "  openitems / passthrough -t  %.2fx    (target <= 2x)  %s\n", t / p, \
				t / p <= 2 ? "ok" : "MISSED"
		}'
	fi
else
	say "openitems: not measured ($OPENITEMS missing)"
fi

# -------------------------------------------------------------- journal --
# Appending 10,000 rows of remind's output (new refs) to a 1,000,000-row
# journal: the append reads the whole journal for its refs, under the lock.
# A fresh copy of the journal for each run (the copy is not timed).
JOURNAL_BIN=${BENCH_JOURNAL:-$ROOT/bin/journal}
JROWS=${BENCH_JOURNAL_ROWS:-1000000}
JBATCH=${BENCH_JOURNAL_BATCH:-10000}
JBASE=$DIR/journal-base.csv
JOUT=$DIR/journal-outbox.csv
JWORK=$DIR/journal-work.csv
say ""
if [ -x "$JOURNAL_BIN" ]; then
	jstamp="journal-gen=1 rows=$JROWS batch=$JBATCH customers=$CUSTOMERS"
	if [ ! -f "$JBASE" ] || [ ! -f "$JOUT" ] || [ "$(cat "$JBASE.stamp" 2>/dev/null)" != "$jstamp" ]; then
		say "== generating $JBASE ($JROWS events) and $JOUT ($JBATCH reminders)"
		awk -v n="$JROWS" -v c="$CUSTOMERS" 'BEGIN {
			print "date,customer,currency,event,invoices,level,channel,amount,fee,due_date,ref,note"
			for (i = 1; i <= n; i++) {
				d = sprintf("2026-%02d-%02d", 1 + i % 10, 1 + i % 28)
				k = i % 4
				if (k == 0)
					printf "%s,C%06d,EUR,reminder,F-%d:1,1,email,,0.00,,REM-%d,Reminder: invoice F-%d\n", d, i % c, i, i, i
				else if (k == 1)
					printf "%s,C%06d,EUR,payment,,,,%d.%02d,,,PAY-%d,\n", d, i % c, i % 900 + 10, i % 100, i
				else if (k == 2)
					printf "%s,C%06d,EUR,call,,,call,,,,,\"no answer, left a message\"\n", d, i % c
				else
					printf "%s,C%06d,EUR,promise,,,,%d.00,,2026-12-%02d,,promised on the phone\n", d, i % c, i % 500 + 50, 1 + i % 28
			}
		}' > "$JBASE" &&
		awk -v n="$JBATCH" -v c="$CUSTOMERS" 'BEGIN {
			print "date,customer,currency,level,level_name,channel,to,subject,body,overdue,fee,interest,invoices,ref"
			for (i = 1; i <= n; i++)
				printf "2026-11-23,C%06d,EUR,2,firm,email,c%d@example.com,Second reminder: invoice G-%d,\"Dear customer,\nplease pay.\",%d.00,5.00,0.00,G-%d:2,REM-N%d\n", i % c, i, i, i % 900 + 10, i, i
		}' > "$JOUT" && printf '%s\n' "$jstamp" > "$JBASE.stamp"
	else
		say "== reusing $JBASE ($JROWS events)"
	fi
	i=0
	while [ "$i" -lt "$REPEAT" ]; do
		cp "$JBASE" "$JWORK" && measure journal "$JOURNAL_BIN" -f "$JWORK" --as-of "$AS_OF" "$JOUT"
		i=$((i + 1))
	done
	if [ -n "$(get T journal)" ]; then
		jgot=$(($(wc -l < "$JWORK") - 1))
		awk -v t="$(get T journal)" -v r="$(get R journal)" -v n="$JBATCH" -v j="$JROWS" \
		    -v b="$(wc -c < "$JBASE")" -v got="$jgot" 'BEGIN {
			printf "journal     %9.3f s  appending %d rows to a %d-row journal (%.0f MB): %.0f rows/s, %.1f MB/s of journal scanned, peak RSS %.1f MiB; %d lines after\n", \
				t, n, j, b / 1e6, n / t, b / t / 1e6, r / 1024, got
		}'
		cp "$JBASE" "$JWORK" && "$JOURNAL_BIN" -f "$JWORK" --as-of "$AS_OF" "$JOUT" &&
			"$JOURNAL_BIN" -f "$JWORK" --as-of "$AS_OF" "$JOUT" 2> "$ERRF"
		say "  again: $(cat "$ERRF") ($(($(wc -l < "$JWORK") - 1)) lines: unchanged)"
	fi
	rm -f "$JWORK"
else
	say "journal: not measured ($JOURNAL_BIN missing)"
fi

# ------------------------------------------------------------------ kpi --
# kpi keeps a fixed set of sums per period and currency: its cost is the
# parse plus a few additions a row, so it is held to 1.5x the pass-through.
# A shard (--shard 0/4) still reads and parses every row: it only keeps a
# quarter of the customers, so sharding spreads customers over hosts, it
# does not make one host read less.
KPI=${BENCH_KPI:-$ROOT/bin/kpi}
say ""
if [ -x "$KPI" ]; then
	i=0
	while [ "$i" -lt "$REPEAT" ]; do
		measure kpi "$KPI" --as-of "$AS_OF" "$ITEMS"
		i=$((i + 1))
	done
	if "$KPI" --help 2>/dev/null | grep -q -- --shard; then
		measure kpi_shard "$KPI" --as-of "$AS_OF" --shard 0/4 --partial "$ITEMS"
	fi
	for k in kpi kpi_shard; do
		[ -n "$(get T $k)" ] || continue
		awk -v k="$k" -v t="$(get T $k)" -v r="$(get R $k)" -v p="$(get T passthrough)" \
		    -v b="$BYTES" -v n="$ROWS" 'BEGIN {
			label = k == "kpi" ? "kpi" : "kpi --shard 0/4 --partial"
			printf "%-26s %9.3f s %9.1f MB/s %12.0f rows/s   peak RSS %.1f MiB", \
				label, t, b / t / 1e6, n / t, r / 1024
			if (p != "")
				printf "   %.2fx passthrough%s", t / p, \
					k == "kpi" ? (t / p <= 1.5 ? " (target <= 1.5x: ok)" : \
					" (target <= 1.5x: MISSED)") : " (a shard still parses every row)"
			printf "\n" }'
	done
else
	say "kpi: not measured ($KPI missing)"
fi

# --------------------------------------------------------------- remind --
# remind on the large items file (with an email column, so every message is
# rendered) and a journal of 200,000 events of its customers, against the
# libcsv pass-through of the items (target: within 3x).  It keeps one
# record per customer and currency, and the journal's per-invoice levels;
# the overdue rows wait in temporary files (TMPDIR), so its peak RSS
# follows the customers, not the items.
REMIND_BIN=${BENCH_REMIND:-$ROOT/bin/remind}
RITEMS=$DIR/remind-items.csv
RJOURNAL=$DIR/remind-journal.csv
RJROWS=${BENCH_REMIND_JOURNAL_ROWS:-200000}
say ""
if [ -x "$REMIND_BIN" ] && [ -f "$ITEMS" ]; then
	rstamp="remind-gen=1 items=$(cat "$ITEMS.stamp" 2>/dev/null | cksum | cut -d' ' -f1) journal=$RJROWS"
	if [ ! -f "$RITEMS" ] || [ "$(cat "$RITEMS.stamp" 2>/dev/null)" != "$rstamp" ]; then
		say "== generating $RITEMS (items with an email) and $RJOURNAL ($RJROWS events)"
		awk -F, 'NR == 1 { print $0 ",email,language"; next }
			{ print $0 "," tolower($1) "@example.com," (NR % 3 ? "fr" : "en") }' "$ITEMS" > "$RITEMS" &&
		awk -v n="$RJROWS" -v c="$CUSTOMERS" 'BEGIN {
			print "date,customer,currency,event,invoices,level,channel,amount,fee,due_date,ref,note"
			for (i = 1; i <= n; i++) {
				d = sprintf("2026-%02d-%02d", 1 + i % 10, 1 + i % 28)
				if (i % 2)
					printf "%s,C%06d,EUR,reminder,INV-%07d:1,1,email,,0.00,,REMB-%d,\n", d, i % c, i, i
				else
					printf "%s,C%06d,EUR,payment,,,,%d.00,,,PAYB-%d,\n", d, i % c, i % 500 + 10, i
			}
		}' > "$RJOURNAL" && printf '%s\n' "$rstamp" > "$RITEMS.stamp"
	fi
	RBYTES=$(wc -c < "$RITEMS" | tr -d ' ')
	i=0
	while [ "$i" -lt "$REPEAT" ]; do
		measure passthrough_remind "$BUILD/passthrough" "$RITEMS"
		measure remind "$REMIND_BIN" -c "$ROOT/examples/dunning.ini" --as-of "$AS_OF" \
			--journal "$RJOURNAL" "$RITEMS"
		i=$((i + 1))
	done
	if [ -n "$(get T remind)" ] && [ -n "$(get T passthrough_remind)" ]; then
		awk -v t="$(get T remind)" -v r="$(get R remind)" -v p="$(get T passthrough_remind)" \
		    -v b="$RBYTES" -v j="$RJROWS" 'BEGIN {
			printf "remind      %9.3f s %9.1f MB/s   peak RSS %.1f MiB (journal of %d events)\n", \
				t, b / t / 1e6, r / 1024, j
			printf "  remind / passthrough  %.2fx    (target <= 3x)  %s\n", t / p, \
				t / p <= 3 ? "ok" : "MISSED"
		}'
	fi
else
	say "remind: not measured ($REMIND_BIN or $ITEMS missing)"
fi

# ---------------------------------------------------------------- large --
if [ "$LARGE" = 1 ]; then
	say ""
	if [ "$HAVE_AGING" != 1 ]; then
		say "BENCH_LARGE: skipped (aging: ${WHY_aging:-failed})"
	else
		LITEMS=$DIR/items-large.csv
		ensure_items "$LITEMS" "$LARGE_ROWS"
		LBYTES=$(wc -c < "$LITEMS" | tr -d ' ')
		say "== timing the large file ($LARGE_ROWS rows, $LBYTES bytes, one run each)"
		timed_round "$LITEMS" _large
		if [ -n "$(get T aging_large)" ]; then
			awk -v t="$(get T aging_large)" -v r="$(get R aging_large)" -v r0="$(get R aging)" \
			    -v p="$(get T passthrough_large)" -v pr="$(get R passthrough_large)" \
			    -v s="$(get T summary_large)" -v sr="$(get R summary_large)" \
			    -v b="$LBYTES" -v n="$LARGE_ROWS" -v n0="$ROWS" 'BEGIN {
				if (p != "")
					printf "  passthrough %9.3f s %9.1f MB/s   peak RSS %.1f MiB\n", p, b / p / 1e6, pr / 1024
				printf "  aging       %9.3f s %9.1f MB/s   peak RSS %.1f MiB", t, b / t / 1e6, r / 1024
				printf(p != "" ? sprintf("   %.2fx passthrough\n", t / p) : "\n")
				if (s != "") {
					printf "  --summary   %9.3f s %9.1f MB/s   peak RSS %.1f MiB", s, b / s / 1e6, sr / 1024
					printf(p != "" ? sprintf("   %.2fx passthrough\n", s / p) : "\n")
				}
				printf "  aging peak RSS: %.1f MiB at %d rows, %.1f MiB at %d rows (%+d KiB)\n", \
					r0 / 1024, n0, r / 1024, n, r - r0
				printf "  aging peak RSS < 8 MiB on the large file: %s\n", r / 1024 < 8 ? "ok" : "MISSED"
			}'
		fi
		# The soak: the pipeline a cron job runs, on ten times the rows.
		# Peak RSS of each side must not grow with rows (prioritize keeps
		# one total per customer and currency).
		if [ -x "$PRIO" ]; then
			say "== soak: aging | prioritize on the large file"
			: > "$BUILD/soak-aging.out"
			: > "$BUILD/soak-prio.out"
			RSS_OUT=$BUILD/soak-aging.out "$BUILD/rss" "$AGING" --as-of "$AS_OF" "$LITEMS" |
				RSS_OUT=$BUILD/soak-prio.out "$BUILD/rss" "$PRIO" --as-of "$AS_OF" > /dev/null
			read -r sa_wall sa_kib sa_code sa_cpu < "$BUILD/soak-aging.out"
			read -r sp_wall sp_kib sp_code sp_cpu < "$BUILD/soak-prio.out"
			if [ "${sa_code:-1}" = 0 ] && [ "${sp_code:-1}" = 0 ]; then
				awk -v aw="$sa_wall" -v ak="$sa_kib" -v pw="$sp_wall" -v pk="$sp_kib" \
				    -v p0="$(get R prioritize)" -v n="$LARGE_ROWS" 'BEGIN {
					printf "  aging      %9.3f s   peak RSS %.1f MiB\n", aw, ak / 1024
					printf "  prioritize %9.3f s   peak RSS %.1f MiB (%.1f MiB on the small file)\n", \
						pw, pk / 1024, p0 / 1024
					m = pw > aw ? pw : aw
					printf "  %d rows through the pipeline in %.1f s\n", n, m
				}'
			else
				fail "soak failed (aging exit ${sa_code:-?}, prioritize exit ${sp_code:-?})"
			fi
		fi
	fi
fi

exit "$FAILED"
