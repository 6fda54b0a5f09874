#!/bin/sh
# docket log, burnup and report on a generated backlog with a long
# history: the same output from one thread and two, with the history
# cache off, cold and warm; nothing written but the cache, which stays
# small.
. "$DOCKET_TESTS/cli/lib.sh"
export DOCKET_TODAY=2026-06-01

# run NAME: every history reader's output into out-NAME/
run() {
	mkdir "out-$1" &&
	for id in MKT-1 MKT-7 MKT-40 MKT-79; do
		docket -C b log "$id" >"out-$1/log-$id" &&
		docket -C b log "$id" --format json >"out-$1/log-$id.json" || return 1
	done &&
	docket -C b burnup "$(cat campaign)" --format json >"out-$1/burnup.json" &&
	docket -C b report --format json >"out-$1/report.json"
}

test_expect 'setup: 80 items, 700 commits, dates left out of the files' '
	python3 "$DOCKET_TESTS/../bench/make-backlog.py" b --items 80 --commits 700 --seed 5 >/dev/null &&
	test "$(git -C b rev-list --count HEAD)" -ge 700 &&
	sed -n "s/^campaign: //p" b/backlog/*.md | sort | uniq -c | sort -rn | sed -n "1s/.* //p" >campaign &&
	test -s campaign &&
	grep -l "^started:\|^finished:" b/backlog/*.md >dated &&
	test -s dated &&
	sed -i "/^started:/d;/^finished:/d" b/backlog/*.md &&
	git -C b status --porcelain >status-before
'

test_expect 'one thread, no cache: the reference' '
	DOCKET_HISTORY_CACHE=0 DOCKET_HISTORY_THREADS=1 run one &&
	test "$(jq ".commits | length" out-one/log-MKT-1.json)" -gt 0 &&
	test "$(jq ".points | length" out-one/burnup.json)" -gt 0 &&
	! test -e b/.git/docket
'

test_expect 'dates come from history when the files lack them' '
	jq -e ".cycle_time.items > 0" out-one/report.json >/dev/null &&
	mkdir n && cp -R b/backlog b/docket.yaml n/ &&
	(cd n && git init -q && git add -A && git commit -qm "One commit") &&
	docket -C n report --format json >n.json &&
	jq -e ".cycle_time.items == 0" n.json >/dev/null
'

test_expect 'two threads, no cache: the same output' '
	DOCKET_HISTORY_CACHE=0 DOCKET_HISTORY_THREADS=2 run two &&
	diff -r out-one out-two &&
	! test -e b/.git/docket
'

test_expect 'two threads filling the cache, then the warm cache: the same output' '
	DOCKET_HISTORY_THREADS=2 run cold &&
	diff -r out-one out-cold &&
	ls b/.git/docket/history-* >/dev/null &&
	DOCKET_HISTORY_THREADS=1 run warm &&
	diff -r out-one out-warm &&
	DOCKET_HISTORY_THREADS=2 run warm2 &&
	diff -r out-one out-warm2
'

test_expect 'the cache stays small: under 200 bytes a commit, per folder walked' '
	commits=$(git -C b rev-list --count HEAD) &&
	for f in b/.git/docket/history-*; do
		test "$(wc -c <"$f")" -lt $((commits * 200)) || exit 1
	done
'

test_expect 'history readers write nothing else; the repository stays sound' '
	git -C b status --porcelain >status-after &&
	test_cmp status-before status-after &&
	git -C b fsck --no-progress 2>&1 | { ! grep -v "^Checking\|^dangling" ; }
'

test_done
