#!/bin/sh
# readme.sh BINDIR - the pipeline of README.md ("## A pipeline") runs as
# written: in a scratch folder holding a copy of examples/, with BINDIR as
# bin/, under bash (it uses pipefail); it must exit 0 and write each file
# it names.  Prints "N passed, N failed".
set -u
bindir=$(cd "$1" && pwd) || exit 2
root=$(cd "$(dirname "$0")/.." && pwd)
scratch=$(mktemp -d "${TMPDIR:-/tmp}/dunning-readme.XXXXXX") || exit 2
trap 'rm -rf "$scratch"' EXIT INT TERM
cp -R "$root/examples" "$scratch/examples" && ln -s "$bindir" "$scratch/bin" || exit 2
awk '/^## A pipeline/ { on = 1 } on && /^```sh$/ { code = 1; next } code && /^```$/ { exit } code' \
	"$root/README.md" >"$scratch/pipeline.sh"
passed=0
failed=0
if [ ! -s "$scratch/pipeline.sh" ]; then
	echo "FAIL README.md: no pipeline block found"
	failed=1
elif (cd "$scratch" && env -u DUNNING_CONFIG bash -e ./pipeline.sh >out.txt 2>err.txt); then
	passed=1
	for f in ledger-items.csv aged.csv by-segment.csv plans.csv outbox.csv journal.csv dso.svg; do
		if [ -s "$scratch/$f" ]; then
			passed=$((passed + 1))
		else
			failed=$((failed + 1))
			echo "FAIL README.md pipeline: $f not written"
		fi
	done
else
	failed=1
	echo "FAIL README.md pipeline: exit status $?"
	tail -5 "$scratch/err.txt"
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
