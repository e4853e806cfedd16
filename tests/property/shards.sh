#!/bin/sh
# shards.sh BINDIR - SPEC "Sharding": the N shards of a run (--shard I/N,
# run in parallel with GNU parallel when it is installed) together give
# exactly the single run's rows: every row in exactly one shard, the same
# header in each.  Per-customer tools are merged by concatenation (the
# rows compared in byte order, since each shard sorts its own rows).
# Prints one line per failure, then "N passed, N failed".
set -u
bindir=$(cd "$1" && pwd) || exit 2
root=$(cd "$(dirname "$0")/../.." && pwd)
scratch=$(mktemp -d "${TMPDIR:-/tmp}/dunning-shards.XXXXXX") || exit 2
trap 'rm -rf "$scratch"' EXIT INT TERM
PATH="$bindir:$PATH"
export PATH LC_ALL=C DUNNING_CONFIG= DUNNING_AS_OF=2026-11-23
passed=0
failed=0

run_shards() { # n, tool command, file: shard outputs into $scratch/shard.I
	n=$1 cmd=$2 file=$3
	if command -v parallel >/dev/null 2>&1; then
		seq 0 $((n - 1)) | parallel -j "$n" "$cmd --shard {}/$n '$file' > '$scratch/shard.{}' 2>/dev/null"
	else
		i=0
		while [ $i -lt "$n" ]; do
			$cmd --shard "$i/$n" "$file" >"$scratch/shard.$i" 2>/dev/null || return 1
			i=$((i + 1))
		done
	fi
}

check() { # name, status
	if [ "$2" -eq 0 ]; then
		passed=$((passed + 1))
	else
		failed=$((failed + 1))
		echo "FAIL $1"
	fi
}

for file in "$root/examples/items.csv" "$root/tests/e2e/prioritize/basic/items.csv" \
	"$root/tests/e2e/aging/multi-currency/items.csv"; do
	[ -f "$file" ] || continue
	for cmd in "aging" "aging --summary" "aging --summary --by currency" "prioritize"; do
		for n in 1 2 4 7; do
			$cmd "$file" >"$scratch/single" 2>/dev/null || { check "$cmd $file: single run" 1; continue; }
			rm -f "$scratch"/shard.*
			if ! run_shards "$n" "$cmd" "$file"; then
				check "$cmd --shard ?/$n $file: a shard failed" 1
				continue
			fi
			ok=0
			for s in "$scratch"/shard.*; do
				head -n 1 "$s" | cmp -s - "$scratch/single" -n "$(head -n 1 "$scratch/single" | wc -c)" || ok=1
			done
			for s in "$scratch"/shard.*; do tail -n +2 "$s"; done | sort >"$scratch/merged"
			tail -n +2 "$scratch/single" | sort >"$scratch/want"
			# By currency, a currency's row is split over the shards: only
			# the per-customer forms merge by concatenation.
			case $cmd in
			*"--by currency"*) [ "$n" -eq 1 ] || { cmp -s "$scratch/merged" "$scratch/want" && ok=1; true; } ;;
			*) cmp -s "$scratch/merged" "$scratch/want" || ok=1 ;;
			esac
			check "$cmd --shard ?/$n $(basename "$(dirname "$file")")/$(basename "$file")" $ok
		done
	done
done
# kpi: the shards' partial sums, merged, print exactly the single run's
# bytes (stdout and the notes on stderr).
for file in "$root/examples/items.csv" "$root/tests/e2e/kpi/by-segment/items.csv"; do
	[ -f "$file" ] || continue
	for n in 1 2 4 7; do
		opts="--every month --from 2026-01-01 --roll-rates"
		kpi $opts "$file" >"$scratch/single" 2>"$scratch/single.err" ||
			{ check "kpi $file: single run" 1; continue; }
		rm -f "$scratch"/shard.*
		if ! run_shards "$n" "kpi --every month --from 2026-01-01 --partial" "$file"; then
			check "kpi --shard ?/$n --partial $file: a shard failed" 1
			continue
		fi
		ok=0
		kpi --merge --roll-rates "$scratch"/shard.* >"$scratch/merged" 2>"$scratch/merged.err" &&
			cmp -s "$scratch/single" "$scratch/merged" &&
			cmp -s "$scratch/single.err" "$scratch/merged.err" || ok=1
		check "kpi --shard ?/$n --partial | kpi --merge $(basename "$(dirname "$file")")/$(basename "$file")" $ok
	done
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
