#!/bin/sh
# options-doc.sh BINDIR - every option a tool's --help lists is documented
# in its man page (an ".It Fl name" or ".Fl name" line), and every option
# its man page lists with ".It Fl" is in its --help.
# Ends with "N passed, N failed".
set -u
bindir=$1
passed=0
failed=0
for page in man/*.1; do
	tool=$(basename "$page" .1)
	[ -x "$bindir/$tool" ] || continue
	help=$("$bindir/$tool" --help) || { echo "FAIL $tool --help exits non-zero"; failed=$((failed + 1)); continue; }
	# The option lines of --help: "  -c, --config FILE ..." or "      --all ...".
	for opt in $(printf '%s\n' "$help" | sed -n 's/^  \(-., \|    \)\(--[a-z][a-z-]*\).*/\2/p' | sort -u); do
		name=${opt#--}
		# mdoc: ".It Fl -name", ".Fl c , -name", ".Op Fl -name".
		if grep -E -q -- "^\..*Fl( .*)? -$name([^a-z-]|\$)" "$page"; then
			passed=$((passed + 1))
		else
			echo "FAIL $tool: $opt is in --help but not in $page"
			failed=$((failed + 1))
		fi
	done
	for name in $(grep -o '^\.It Fl -[a-z][a-z-]*' "$page" | sed 's/^\.It Fl -//' | sort -u); do
		if printf '%s\n' "$help" | grep -q -- "--$name\b"; then
			passed=$((passed + 1))
		else
			echo "FAIL $tool: --$name is in $page but not in --help"
			failed=$((failed + 1))
		fi
	done
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
