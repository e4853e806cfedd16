#!/bin/sh
# man-lint.sh - every man page clean under mandoc -Tlint at warning level
# (style notes, such as a cross-reference to a page not installed yet, are
# not counted).  One check per page; ends with "N passed, N failed".
set -u
cd "$(dirname "$0")/.." || exit 2
passed=0
failed=0
if ! command -v mandoc >/dev/null 2>&1; then
	echo "man lint: mandoc not found (apt-get install mandoc)"
	echo "0 passed, 1 failed"
	exit 1
fi
for page in man/*.[157]; do
	out=$(mandoc -Tlint -Wwarning "$page" 2>&1)
	if [ $? -eq 0 ] && [ -z "$out" ]; then
		passed=$((passed + 1))
	else
		echo "FAIL $page:"
		echo "$out" | sed 's/^/  /'
		failed=$((failed + 1))
	fi
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
