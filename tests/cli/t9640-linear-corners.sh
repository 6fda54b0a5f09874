#!/bin/sh
# Quadratic corners (issue 13, class 8): wide CSV exports and many
# KEY=VALUE pairs take time in proportion to their size.  Each command
# runs under a CPU-time limit (ulimit -t) far above what it needs
# (tenths of a second) and far below what the quadratic versions took
# (import csv with 40,000 columns: 10.8 s; set with 2,000 pairs: 45 s;
# these inputs are larger), so a quadratic pass fails the test instead
# of hanging it.  Speed itself is measured by `make bench`, not here.
. "$DOCKET_TESTS/cli/lib.sh"

# cpu SECONDS CMD...: CMD under a CPU-time limit (ten times that under
# valgrind or the sanitizers).
cpu() {
	_s=$1
	shift
	[ -z "${VALGRIND:-}${DOCKET_SAN:-}" ] || _s=$((_s * 10))
	(ulimit -t "$_s" && "$@")
}

test_expect 'setup' '
	new_repo b && docket -C b init >/dev/null 2>&1 &&
	printf -- "---\nid: MKT-1\ntitle: One\nstatus: idea\n---\n" >b/backlog/MKT-1.md &&
	git -C b add -A && git -C b commit -qm items
'

test_expect 'import csv with 100,000 columns: imported, every field named' '
	python3 -c "
n = 100000
print(\",\".join([\"title\"] + [\"c%d\" % i for i in range(n)]))
print(\",\".join([\"Wide\"] + [\"v\"] * n))" >wide.csv &&
	cpu 10 "$DOCKET" -C b import csv "$TRASH/wide.csv" >out 2>err &&
	grep -q "Imported 1 item" out && grep -q "c99999" out
'

test_expect 'import jira with 50,000 repeated Labels columns: one list, each value once' '
	python3 -c "
n = 50000
print(\",\".join([\"Summary\"] + [\"Labels\"] * n))
print(\",\".join([\"Labelled\"] + [\"l%d\" % (i % 25000) for i in range(n)]))" >labels.csv &&
	cpu 10 "$DOCKET" -C b import jira "$TRASH/labels.csv" >out 2>err &&
	grep -q "Imported 1 item" out &&
	f=$(git -C b show --name-only --format= HEAD | grep "MKT-") &&
	test "$(grep -o "\<l[0-9][0-9]*\>" "b/$f" | sort -u | wc -l)" = 25000
'

test_expect 'set with 20,000 KEY=VALUE pairs, then removing them: in place, one commit each' '
	pairs=$(python3 -c "print(\" \".join(\"x%d=v%d\" % (i, i) for i in range(20000)))") &&
	cpu 10 "$DOCKET" -C b set MKT-1 $pairs >out 2>err &&
	test "$(grep -c "^x[0-9]*: v[0-9]*$" b/backlog/MKT-1.md)" = 20000 &&
	head -n 5 b/backlog/MKT-1.md | tail -n 1 | grep -qx "x0: v0" &&
	git_clean b &&
	pairs=$(python3 -c "print(\" \".join(\"x%d=\" % i for i in range(20000)))") &&
	cpu 10 "$DOCKET" -C b set MKT-1 $pairs >out 2>err &&
	printf -- "---\nid: MKT-1\ntitle: One\nstatus: idea\n---\n" >want && cmp want b/backlog/MKT-1.md &&
	git_clean b
'

test_expect 'set: the last value of a key wins, new keys in the order given, as before' '
	docket -C b set MKT-1 a=1 b=2 a=3 c= title=Uno b= b=4 >out 2>err &&
	printf -- "---\nid: MKT-1\ntitle: Uno\nstatus: idea\na: \"3\"\nb: \"4\"\n---\n" >want &&
	cmp want b/backlog/MKT-1.md && git_clean b
'

test_expect 'an ORDER of 100,000 ids: move to the middle and back' '
	python3 -c "
print(\"MKT-1\")
for i in range(100000): print(\"MKT-%d\" % (i + 10))" >b/backlog/ORDER &&
	git -C b commit -qam long &&
	cpu 10 "$DOCKET" -C b move MKT-1 --to 50000 2>err &&
	sed -n 50000p b/backlog/ORDER | grep -qx MKT-1 &&
	cpu 10 "$DOCKET" -C b move MKT-1 --top 2>err &&
	head -n 1 b/backlog/ORDER | grep -qx MKT-1 && git_clean b
'

test_done
