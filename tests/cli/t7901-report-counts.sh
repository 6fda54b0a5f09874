#!/bin/sh
# docket report's and plan's sentences count one item as "1 item", not
# "1 items", and one cycle as "the last closed cycle".
. "$DOCKET_TESTS/cli/lib.sh"

# One closed cycle with one done item; open: one estimated item and one
# without effort.
setup() {
	new_repo r && docket -C r init >/dev/null 2>&1 &&
	mkdir -p r/backlog/cycles &&
	cat >r/backlog/cycles/c1.md <<-EOT &&
	---
	name: c1
	start: 2026-11-02
	end: 2026-11-13
	capacity: 10
	committed: [MKT-1]
	---
	EOT
	cat >r/backlog/MKT-1.md <<-EOT &&
	---
	id: MKT-1
	title: Press release
	type: bau
	status: done
	effort: 3
	customer_value: 4
	business_value: 5
	cycle: c1
	created: 2026-11-01
	started: 2026-11-03
	finished: 2026-11-10
	---
	EOT
	cat >r/backlog/MKT-2.md <<-EOT &&
	---
	id: MKT-2
	title: Newsletter
	type: bau
	status: ready
	effort: 2
	customer_value: 3
	business_value: 4
	created: 2026-11-01
	---
	EOT
	cat >r/backlog/MKT-3.md <<-EOT &&
	---
	id: MKT-3
	title: Podcast idea
	status: idea
	created: 2026-11-01
	---
	EOT
	git -C r add -A && GIT_AUTHOR_DATE=2026-11-01T10:00:00Z \
		GIT_COMMITTER_DATE=2026-11-01T10:00:00Z git -C r commit -qm items
}

test_expect 'report: one item is "1 item" in throughput and forecast' '
	setup &&
	DOCKET_TODAY=2026-11-20 docket -C r report >out &&
	grep -x "Throughput      1 item done per cycle, 0.6 per week (1 item in 1 closed cycle)" out &&
	grep "^Forecast" out | grep -q "open effort 2 in 1 item / velocity" &&
	grep "^Forecast" out | grep -q "; 1 more item has no effort and is not counted)" &&
	! grep -q "1 items\|1 more items" out
'

test_expect 'report and plan: one closed cycle is "the last closed cycle"' '
	grep "^Forecast" out | grep -q "velocity 3, the velocity of the last closed cycle;" &&
	grep -x "Capacity        3 suggested for the next cycle: the velocity of the last closed cycle (3)" out &&
	DOCKET_TODAY=2026-11-20 docket -C r plan >plan &&
	grep -x "Capacity 3: the velocity of the last closed cycle (3)" plan &&
	! grep -q "last 1 closed" out plan
'

test_expect 'report --format md says it the same way' '
	DOCKET_TODAY=2026-11-20 docket -C r report --format md >out &&
	grep -q "open effort 2 in 1 item / velocity" out &&
	! grep -q "1 items\|1 more items" out
'

test_done
