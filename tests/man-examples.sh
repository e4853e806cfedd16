#!/bin/sh
# man-examples.sh BINDIR [PAGE...] - run the EXAMPLES of the man pages as tests.
#
# For each page (default: man/*.1 man/*.5 man/*.7), the `.Bd -literal`
# blocks of its EXAMPLES section are read in order:
#   - a line starting with `$ ` is a command; it goes on over the next line
#     when it ends in ` \e` (kept: the shell joins the lines), `|`, `&&` or
#     `||`;
#   - the lines after a command, up to the next `$ ` or `.Ed`, are its
#     expected standard output; an output line ending in `\e` is folded: it
#     is joined with the next line, the `\e` removed (pages fold long lines
#     that way); a line `\&...` stands for any number of lines (the page
#     leaves out the middle of a long output);
#   - a block without any `$ ` line (a configuration file, a crontab) is
#     text, not a test;
#   - `$ cat NAME` (a bare file name) with expected lines shows the reader
#     a file the example needs: the lines are written to NAME first, then
#     the command runs like any other.  To check a file made by an earlier
#     command, write `$ cat ./NAME`.
# mdoc escapes are undone: \e and \\ -> \, \- -> -, \& -> nothing, \  -> a
# space, \(aq ' \(dq " \(ga ` \(ti ~ \(ha ^ \(ba | \(rs \, accented letters
# (\('e é, \(`e è, \(^e ê, \(,c ç, \(:u ü...; and the \[xx] forms); another
# escape makes the block fail, so that a new one is noticed.
#
# A block that cannot run here (it needs a network, sendmail, files the page
# does not show...) is marked by a comment line before its `.Bd`:
#     .\" no-test
# (anywhere after the previous block; say why on the same line).  A command
# that is to fail, as the page says, is preceded by a comment line giving its
# exit status (mandoc does not show comments, even inside a display):
#     .\" status 65
#
# All the commands of a page run in order, in one shell and one scratch
# folder, like a reader typing them into a terminal: a file made by one block
# is there for the next, and `export`, `unset` and `cd` carry over.  The
# folder starts with a copy of the source tree's examples/; BINDIR is first
# on PATH, DUNNING_CONFIG is empty, DUNNING_AS_OF is unset, HOME is the
# scratch folder, LC_ALL=C.UTF-8, stdin is /dev/null.  A command passes when
# it exits 0 (or the status given) and, if the page gives its output, prints
# exactly that on stdout (stderr is not compared; it is shown when the
# command fails).
# Prints one line per failure and, last, "N passed, N failed" (N commands).
set -u
[ $# -ge 1 ] || {
	echo "usage: man-examples.sh BINDIR [PAGE...]" >&2
	exit 2
}
bindir=$(cd "$1" && pwd) || exit 2
shift
root=$(cd "$(dirname "$0")/.." && pwd)
scratch=$(mktemp -d "${TMPDIR:-/tmp}/dunning-man.XXXXXX") || exit 2
trap 'rm -rf "$scratch"' EXIT INT TERM
[ $# -gt 0 ] || set -- "$root"/man/*.1 "$root"/man/*.5 "$root"/man/*.7
passed=0
failed=0
skipped=0

# extract PAGE DIR: write DIR/K.cmd, DIR/K.want (when the page gives output)
# and a line "K LINE STATUS CATFILE" in DIR/list for each command K; problems with
# the page go to DIR/errors as "LINE: message"; DIR/skipped counts the
# commands of no-test blocks.
extract() {
	awk -v dir="$2" '
	function unesc(s,   out, i, c, name, j) {
		out = ""
		while ((i = index(s, "\\")) > 0) {
			out = out substr(s, 1, i - 1)
			c = substr(s, i + 1, 1)
			s = substr(s, i + 2)
			if (c == "e" || c == "\\") out = out "\\"
			else if (c == "-") out = out "-"
			else if (c == "&") out = out ""
			else if (c == " ") out = out " "
			else if (c == "(" || c == "[") {
				if (c == "(") { name = substr(s, 1, 2); s = substr(s, 3) }
				else {
					j = index(s, "]")
					if (j == 0) { problem("unterminated \\[ escape"); return out s }
					name = substr(s, 1, j - 1); s = substr(s, j + 1)
				}
				if (name in glyph) out = out glyph[name]
				else { problem("unknown escape \\" c name); out = out "\\" c name }
			} else { problem("unknown escape \\" c); out = out "\\" c }
		}
		return out s
	}
	function problem(msg) { print NR ": " msg > (dir "/errors") }
	function flush(   f, i) {
		if (cmd == "") return
		k++
		f = dir "/" k
		printf "%s\n", cmd > (f ".cmd"); close(f ".cmd")
		for (i = 1; i <= nwant; i++) print want[i] > (f ".want")
		if (nwant > 0) close(f ".want")
		catfile = "-"
		if (nwant > 0 && cmd ~ /^cat [A-Za-z0-9._-]+$/) catfile = substr(cmd, 5)
		print k, cmdline, status, catfile > (dir "/list")
		cmd = ""; nwant = 0; fold = 0; cont = 0
	}
	function continues(s) { return s ~ / \\$/ || s ~ /\|$/ || s ~ /&&$/ }
	BEGIN {
		glyph["aq"] = "\047"; glyph["dq"] = "\""; glyph["ga"] = "`"
		glyph["ti"] = "~"; glyph["ha"] = "^"; glyph["ba"] = "|"
		glyph["rs"] = "\\"
		# accented letters: \(\047e is é, and so on
		glyph["\047e"] = "é"; glyph["`e"] = "è"; glyph["^e"] = "ê"
		glyph["\047E"] = "É"; glyph["`a"] = "à"; glyph["^a"] = "â"
		glyph[",c"] = "ç"; glyph["^o"] = "ô"; glyph["^i"] = "î"
		glyph["`u"] = "ù"; glyph["^u"] = "û"; glyph[":e"] = "ë"
		glyph[":i"] = "ï"; glyph[":u"] = "ü"; glyph[":o"] = "ö"
		glyph[":a"] = "ä"; glyph["ss"] = "ß"
		k = 0; skipped = 0; cmd = ""; nextstatus = 0
	}
	/^\.Sh / { inex = ($0 ~ /^\.Sh +EXAMPLES *$/); notest = 0; next }
	!inex { next }
	/^\.\\" *status [0-9]+/ { s = $0; sub(/^[^s]*status +/, "", s); nextstatus = s + 0; next }
	!inblock && /^\.\\" *no-test/ { notest = 1; next }
	!inblock && /^\.Bd +-literal/ {
		inblock = 1; skip = notest; notest = 0; ncmds = 0; pre = 0
		cmd = ""; nwant = 0; fold = 0; cont = 0
		next
	}
	!inblock { next }
	/^\.Ed/ {
		if (skip) skipped += ncmds
		else {
			flush()
			if (ncmds > 0 && pre > 0) problem("text before the first command of the block at line " preline)
		}
		inblock = 0
		next
	}
	/^\.\\"/ { next }
	/^\./ { if (!skip) problem("macro in a literal block: " $0); next }
	{
		u = unesc($0)
		if (cmd != "" && cont) { cmd = cmd "\n" u; cont = continues(u); next }
		if (u ~ /^\$ /) {
			if (!skip) flush()
			ncmds++
			if (skip) next
			cmd = substr(u, 3); cmdline = NR; cont = continues(cmd)
			status = nextstatus; nextstatus = 0
			next
		}
		if (skip) next
		if (cmd == "") { if (!pre) preline = NR; pre++; next }
		if (fold) want[nwant] = want[nwant] u
		else want[++nwant] = u
		fold = (want[nwant] ~ /\\$/)
		if (fold) want[nwant] = substr(want[nwant], 1, length(want[nwant]) - 1)
	}
	END { print skipped > (dir "/skipped") }
	' "$1"
}

# matches WANT GOT: GOT is WANT, where a line "..." of WANT stands for any
# number of lines (first and last pieces anchored, the others in order).
matches() {
	grep -qx '\.\.\.' "$1" || {
		cmp -s "$1" "$2"
		return
	}
	awk -v wf="$1" -v gf="$2" '
	function at(s, p,   i) {
		for (i = 1; i <= len[s]; i++) if (g[p + i - 1] != seg[s, i]) return 0
		return 1
	}
	BEGIN {
		while ((getline l < wf) > 0) w[++nw] = l
		while ((getline l < gf) > 0) g[++ng] = l
		ns = 1; len[1] = 0
		for (i = 1; i <= nw; i++)
			if (w[i] == "...") len[++ns] = 0
			else seg[ns, ++len[ns]] = w[i]
		if (len[1] > ng || !at(1, 1)) exit 1
		pos = 1 + len[1]
		last = ng - len[ns] + 1
		if (last < pos || !at(ns, last)) exit 1
		for (s = 2; s < ns; s++) {
			for (p = pos; p + len[s] <= last; p++) if (at(s, p)) break
			if (p + len[s] > last) exit 1
			pos = p + len[s]
		}
		exit 0
	}'
}

fail() { # NAME LINE MESSAGE
	failed=$((failed + 1))
	echo "FAIL $1:$2: $3"
}

for page in "$@"; do
	name=man/$(basename "$page")
	d="$scratch/$(basename "$page").d"
	work="$scratch/$(basename "$page").work"
	mkdir -p "$d" "$work"
	: >"$d/list"
	extract "$page" "$d"
	skipped=$((skipped + $(cat "$d/skipped")))
	if [ -s "$d/errors" ]; then
		while IFS= read -r e; do fail "$name" "${e%%:*}" "${e#*: }"; done <"$d/errors"
	fi
	[ -s "$d/list" ] || continue
	cp -R "$root/examples" "$work/examples"
	# The runner: every command of the page in one shell, each one's
	# stdout, stderr and status in files of its own.
	while read -r k line status catfile; do
		[ "$catfile" = - ] || printf 'cp "%s/%s.want" "%s"\n' "$d" "$k" "$catfile"
		printf '{ . "%s/%s.cmd"\n} >"%s/%s.out" 2>"%s/%s.err" </dev/null\n' "$d" "$k" "$d" "$k" "$d" "$k"
		printf 'echo $? >"%s/%s.status"\n' "$d" "$k"
	done <"$d/list" >"$d/runner.sh"
	to=
	command -v timeout >/dev/null 2>&1 && to="timeout 120"
	(cd "$work" && unset DUNNING_AS_OF XDG_CONFIG_HOME &&
		PATH="$bindir:$PATH" DUNNING_CONFIG= HOME="$work" LC_ALL=C.UTF-8 \
			$to sh "$d/runner.sh" </dev/null >"$d/runner.out" 2>&1)
	while read -r k line status catfile; do
		if [ ! -f "$d/$k.status" ]; then
			fail "$name" "$line" "did not run (the shell stopped before it)"
			sed -n '1,5s/^/    /p' "$d/runner.out"
			continue
		fi
		st=$(cat "$d/$k.status")
		if [ "$st" != "$status" ]; then
			fail "$name" "$line" "exit status $st, expected $status: $(sed -n 1p "$d/$k.cmd")"
			sed -n '1,5s/^/    /p' "$d/$k.err"
		elif [ -f "$d/$k.want" ] && ! matches "$d/$k.want" "$d/$k.out"; then
			fail "$name" "$line" "stdout differs: $(sed -n 1p "$d/$k.cmd")"
			diff "$d/$k.want" "$d/$k.out" | head -20
		else
			passed=$((passed + 1))
		fi
	done <"$d/list"
done
[ "$skipped" -eq 0 ] || echo "$skipped commands in blocks marked no-test not run"
echo "$passed passed, $failed failed"
[ $failed -eq 0 ]
