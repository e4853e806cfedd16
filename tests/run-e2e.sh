#!/bin/sh
# run-e2e.sh BINDIR [CASE...] - run end-to-end cases against the tools in BINDIR.
#
# A case is a folder tests/e2e/<tool>/<case>/ (or tests/bad/<case>/, the
# catalogue of hostile inputs) holding:
#   cmd      a shell command line, run in a scratch copy of the folder with
#            BINDIR first on PATH (so `aging ...` runs the built binary)
#   out      expected stdout (absent: expected empty)
#   err      expected stderr (absent: expected empty)
#   status   expected exit status (absent: 0)
#   novalgrind  why the case cannot run under VALGRIND (it is left out then)
# Any other file is input.  $DUNNING_TOP names the repository (for a case
# that checks files shipped in examples/).  Prints one line per failure and, last,
# "N passed, N failed".  VALGRIND="valgrind ..." runs each tool under it.
set -u
bindir=$(cd "$1" && pwd) || exit 2
shift
here=$(cd "$(dirname "$0")" && pwd)
scratch=$(mktemp -d "${TMPDIR:-/tmp}/dunning-e2e.XXXXXX") || exit 2
trap 'rm -rf "$scratch"' EXIT INT TERM
passed=0
failed=0

# Under valgrind, each tool is wrapped by a small script of the same name.
if [ -n "${VALGRIND:-}" ]; then
	mkdir "$scratch/wrap"
	for t in "$bindir"/*; do
		n=$(basename "$t")
		printf '#!/bin/sh\nexec %s "%s" "$@"\n' "$VALGRIND" "$t" >"$scratch/wrap/$n"
		chmod +x "$scratch/wrap/$n"
	done
	bindir="$scratch/wrap"
fi

if [ $# -eq 0 ]; then
	set -- $(find "$here/e2e" "$here/bad" -name cmd -type f 2>/dev/null | sort | sed 's|/cmd$||')
fi

for case in "$@"; do
	name=${case#"$here"/}
	[ -n "${VALGRIND:-}" ] && [ -f "$case/novalgrind" ] && continue
	work="$scratch/case"
	rm -rf "$work"
	cp -R "$case" "$work"
	want_status=0
	[ -f "$case/status" ] && want_status=$(cat "$case/status")
	(cd "$work" && PATH="$bindir:$PATH" DUNNING_AS_OF=${DUNNING_AS_OF:-2026-11-23} \
		DUNNING_CONFIG= DUNNING_TOP="$(dirname "$here")" LC_ALL=C.UTF-8 sh ./cmd >"$scratch/out" 2>"$scratch/err")
	got_status=$?
	ok=1
	want_out=/dev/null
	[ -f "$case/out" ] && want_out="$case/out"
	if ! cmp -s "$scratch/out" "$want_out"; then
		ok=0
		echo "FAIL $name: stdout differs"
		diff "$want_out" "$scratch/out" | head -20
	fi
	if [ -f "$case/err" ]; then
		if ! cmp -s "$scratch/err" "$case/err"; then
			ok=0
			echo "FAIL $name: stderr differs"
			diff "$case/err" "$scratch/err" | head -10
		fi
	elif [ -s "$scratch/err" ]; then
		ok=0
		echo "FAIL $name: unexpected stderr"
		head -5 "$scratch/err"
	fi
	if [ "$got_status" != "$want_status" ]; then
		ok=0
		echo "FAIL $name: exit status $got_status, expected $want_status"
	fi
	if [ $ok -eq 1 ]; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
done
echo "$passed passed, $failed failed"
[ $failed -eq 0 ]
