#!/bin/sh
# The load test of docket serve: 1,000 requests from 8 concurrent
# clients, reads and writes mixed, against one small item set, twice.
# No crash (every request answered, none 5xx), no lost update (every
# accepted write is a commit in git history, one commit each; every
# refused one got 409 or another 4xx and changed nothing), docket check
# clean at the end, and the server's resident memory after the second
# pass within 10% of the first.
. "$DOCKET_TESTS/cli/lib.sh"
. "$DOCKET_TESTS/cli/lib-serve.sh"

export DOCKET_TODAY=2026-12-04
new_repo b
docket -C b init -q 2>/dev/null
for i in 1 2 3 4 5; do
	printf -- "---\nid: MKT-%d\ntitle: Item %d\ntype: bau\nstatus: ready\neffort: 2\ncustomer_value: 5\nbusiness_value: 5\n---\nBody %d.\n" \
		"$i" "$i" "$i" >b/backlog/MKT-$i.md
done
printf 'MKT-1\nMKT-2\nMKT-3\nMKT-4\nMKT-5\n' >b/backlog/ORDER
git -C b add -A && git -C b commit -qm "Five items"
START=$(git -C b rev-parse HEAD)

serve_start b
J="$TRASH/jar"
serve_login "$J"

rss() {
	sed -n 's/^VmRSS:[[:space:]]*\([0-9]*\) kB$/\1/p' "/proc/$SERVE_PID/status"
}

python3 "$DOCKET_TESTS/serve/load.py" "$BASE" "$J" "$TRASH/b" pass1.jsonl --seed 1 >load1.out 2>&1
echo $? >load1.rc
RSS1=$(rss)
python3 "$DOCKET_TESTS/serve/load.py" "$BASE" "$J" "$TRASH/b" pass2.jsonl --seed 2 >load2.out 2>&1
echo $? >load2.rc
RSS2=$(rss)

test_expect 'two passes of 1,000 requests from 8 clients: every request answered, no 5xx' '
	cat load1.out load2.out &&
	test "$(cat load1.rc)" = 0 && test "$(cat load2.rc)" = 0 &&
	kill -0 "$SERVE_PID" && test "$(hq -j "$J" GET /)" = 200
'

test_expect 'writes raced: some accepted, some refused with 409; every refusal a 4xx' '
	cat pass1.jsonl pass2.jsonl >all.jsonl &&
	python3 - all.jsonl <<-\PY
	import json, sys
	recs = [json.loads(l) for l in open(sys.argv[1])]
	ok = [r for r in recs if r["answer"].get("ok")]
	refused = [r for r in recs if not r["answer"].get("ok")]
	c409 = [r for r in refused if r["status"] == 409]
	bad = [r for r in refused if not 400 <= r["status"] < 500]
	bad += [r for r in ok if r["status"] != 200]
	print("writes %d, accepted %d, refused %d (409: %d)" % (len(recs), len(ok), len(refused), len(c409)))
	assert len(recs) > 400 and len(ok) > 50 and len(c409) > 0, "too few writes or no race"
	assert not bad, bad[:3]
	PY
'

test_expect 'no lost update: each accepted write is one commit of the history, in order' '
	python3 - all.jsonl "$START" <<-\PY
	import json, subprocess, sys
	recs = [json.loads(l) for l in open(sys.argv[1])]
	commits = [r["answer"]["commit"] for r in recs if r["answer"].get("ok") and r["answer"].get("commit")]
	unchanged = [r for r in recs if r["answer"].get("ok") and not r["answer"].get("commit")]
	log = subprocess.run(["git", "-C", "b", "log", "--format=%h %H", sys.argv[2] + "..HEAD"],
	                     capture_output=True, text=True, check=True).stdout.split("\n")
	full = [l.split()[1] for l in log if l]
	for c in commits:
	    assert any(f.startswith(c) for f in full), "commit %s of an accepted write is not in history" % c
	assert len(full) == len(set(commits)), "history has %d commits for %d accepted writes" % (len(full), len(set(commits)))
	print("%d commits, all accepted writes; %d accepted with nothing to change" % (len(full), len(unchanged)))
	PY
'

test_expect 'the backlog checks clean and the work tree is clean' '
	docket -C b check && git_clean b
'

test_expect 'memory is flat: resident size after the second pass within 10% of the first' '
	echo "after pass 1: $RSS1 kB, after pass 2: $RSS2 kB" &&
	test -n "$RSS1" && test -n "$RSS2" &&
	test $((RSS2 * 10)) -le $((RSS1 * 11))
'

serve_stop
echo $? >stop.rc
test_expect 'then Ctrl-C stops it cleanly' '
	test "$(cat stop.rc)" = 0
'
test_done
