#!/bin/sh
# Only regular files, never a blocking open (issue 13, class 3): a FIFO,
# a socket or a folder where docket expects a file (an item, ORDER,
# docket.yaml, a cycle file, or a link to one of them) is reported, not
# read, never skipped silently, and nothing hangs.  Every command runs
# under a timeout far above what it needs: a blocking open fails the
# test instead of hanging it.
. "$DOCKET_TESTS/cli/lib.sh"
. "$DOCKET_TESTS/cli/faults.sh"

# t CMD...: docket within 20 seconds (ten times that under valgrind or
# the sanitizers); returns its status.
t() {
	_s=20
	[ -z "${VALGRIND:-}${DOCKET_SAN:-}" ] || _s=200
	set +e
	timeout "$_s" ${VALGRIND:-} "$DOCKET" "$@"
	_rc=$?
	set -e
	[ "$_rc" -ne 124 ] || { echo "hung: docket $*" >&2; return 1; }
	return "$_rc"
}

socket_at() {
	python3 -c "import socket, sys; s = socket.socket(socket.AF_UNIX); s.bind(sys.argv[1])" "$1"
}

test_expect 'an item that is a FIFO: list reports it (exit 1), show and set refuse it, check names it' '
	fault_backlog a && mkfifo a/backlog/MKT-7.md && snap a >before &&
	expect_code 1 t -C a list >out 2>err &&
	grep -q "MKT-1" out && grep -q "backlog/MKT-7.md: error: the file is a FIFO (named pipe), not a regular file" err &&
	grep -q "1 file could not be read" err &&
	expect_code 1 t -C a show MKT-7 >out 2>err && grep -q "FIFO" err &&
	expect_code 1 t -C a set MKT-7 effort=2 2>err && grep -q "FIFO" err &&
	expect_code 1 t -C a check >out && grep -q "^backlog/MKT-7.md: error: the file is a FIFO" out &&
	expect_code 1 t -C a list --format json >out 2>err && jq -e "length == 3" out >/dev/null &&
	snap a >after && test_cmp before after && test -p a/backlog/MKT-7.md
'

test_expect 'a socket, a folder named like an item, a link to a FIFO: each reported' '
	socket_at a/backlog/MKT-8.md && mkdir a/backlog/MKT-9.md &&
	mkfifo a/elsewhere.fifo && ln -s ../elsewhere.fifo a/backlog/MKT-10.md &&
	expect_code 1 t -C a check >out &&
	grep -q "^backlog/MKT-8.md: error: the file is a socket, not a regular file" out &&
	grep -q "^backlog/MKT-9.md: error: the file is a folder, not a regular file" out &&
	grep -q "^backlog/MKT-10.md: error: the file is a FIFO" out &&
	expect_code 1 t -C a show MKT-10 2>err && grep -q "FIFO" err &&
	rm -r a/backlog/MKT-7.md a/backlog/MKT-8.md a/backlog/MKT-9.md a/backlog/MKT-10.md
'

test_expect 'docket.yaml a FIFO (or a link to one): every command reports it and stops' '
	fault_backlog y && mv y/docket.yaml keep.yaml && mkfifo y/docket.yaml &&
	for cmd in "list" "show MKT-1" "check" "set MKT-1 effort=2" "new X" "move MKT-2 --top"; do
		expect_code 2 t -C y $cmd >out 2>err || { echo "in: $cmd" >&2; return 1; }
		grep -q "docket.yaml: error: the file is a FIFO (named pipe), not a regular file" err ||
			{ echo "not named by $cmd" >&2; cat err >&2; return 1; }
	done &&
	rm y/docket.yaml && mkfifo y/conf.fifo && ln -s conf.fifo y/docket.yaml &&
	expect_code 2 t -C y list 2>err && grep -q "FIFO" err &&
	rm y/docket.yaml && mv keep.yaml y/docket.yaml
'

test_expect 'a cycle file that is a FIFO: plan, report, huddle report it; plan --apply refuses' '
	fault_backlog c && mkdir -p c/backlog/cycles &&
	printf -- "---\nname: 2026-10\nstart: 2026-10-01\nend: 2026-10-14\ncapacity: 10\ncommitted: []\n---\n" >c/backlog/cycles/2026-10.md &&
	git -C c add -A && git -C c commit -qm cycle &&
	mkfifo c/backlog/cycles/2026-11.md && snap c >before &&
	expect_code 1 t -C c check >out && grep -q "^backlog/cycles/2026-11.md: error: the file is a FIFO" out &&
	t -C c report >out 2>err || true &&
	grep -q "backlog/cycles/2026-11.md.*FIFO" err &&
	expect_code 1 t -C c plan --apply >out 2>err &&
	grep -q "backlog/cycles/2026-11.md.*FIFO" err &&
	expect_code 1 t -C c huddle 2026-10 >out 2>err && grep -q "backlog/cycles/2026-11.md.*FIFO" err &&
	expect_code 1 t -C c showcase 2026-10 >out 2>err && grep -q "backlog/cycles/2026-11.md.*FIFO" err &&
	snap c >after && test_cmp before after
'

test_expect 'the only cycle file a FIFO: huddle and showcase name it, not "no cycle files yet" alone' '
	fault_backlog d && mkdir -p d/backlog/cycles && mkfifo d/backlog/cycles/2026-11.md &&
	for cmd in huddle showcase; do
		expect_code 1 t -C d $cmd >out 2>err || { echo "in: $cmd" >&2; return 1; }
		grep -q "^backlog/cycles/2026-11.md: error: the file is a FIFO" err ||
			{ echo "not named by $cmd" >&2; cat err >&2; return 1; }
	done
'

test_expect 'ORDER a socket: reads report it, writes refuse' '
	fault_backlog o && rm o/backlog/ORDER && socket_at o/backlog/ORDER && snap o >before &&
	expect_code 1 t -C o list >out 2>err && grep -q "backlog/ORDER: error: the file is a socket" err &&
	expect_code 1 t -C o move MKT-2 --top 2>err && grep -q "backlog/ORDER" err &&
	expect_code 1 t -C o new X 2>err && grep -q "backlog/ORDER" err &&
	snap o >after && test_cmp before after
'

test_done
