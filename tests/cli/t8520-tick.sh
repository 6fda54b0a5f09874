#!/bin/sh
# tick ID BOX... [--undo]: Definition-of-Done boxes ticked (the item page
# of docket serve ticks them through the same code): one byte per box,
# boxes by number or text, one commit; unknown or ambiguous boxes are
# refused with the list; done's refusal names the command.
. "$DOCKET_TESTS/cli/lib.sh"

export DOCKET_TODAY=2026-12-04
new_repo b
docket -C b init -q 2>/dev/null
cat >b/backlog/MKT-1.md <<'MD'
---
id: MKT-1
title: Boxes   # a comment stays
status: doing
type: bau
---
- [ ] Not in the section
## Definition of Done
- [ ] Copy reviewed
- [ ] Copy sent
* [X] Tracking links
```
- [ ] In a fence
```
## Notes
MD
git -C b add -A && git -C b commit -qm "An item with boxes"

test_expect 'tick by number and by the start of the text: one byte each, one commit' '
	cp b/backlog/MKT-1.md before &&
	docket -C b tick MKT-1 1 "copy s" 2>err &&
	grep -q "^Tick MKT-1: Copy reviewed, Copy sent \[[0-9a-f]*\]$" err &&
	test "$(git -C b log -1 --format=%s)" = "Tick MKT-1: Copy reviewed, Copy sent" &&
	test "$(cmp -l before b/backlog/MKT-1.md | wc -l)" = 2 &&
	grep -qx -- "- \[x\] Copy reviewed" b/backlog/MKT-1.md &&
	grep -qx -- "- \[ \] Not in the section" b/backlog/MKT-1.md &&
	grep -qx -- "- \[ \] In a fence" b/backlog/MKT-1.md &&
	grep -qx "title: Boxes   # a comment stays" b/backlog/MKT-1.md &&
	git_clean b
'

test_expect 'a box ticked already changes nothing; --undo unticks' '
	head=$(git -C b rev-parse HEAD) &&
	docket -C b tick MKT-1 "Tracking" 2>err && grep -q "ticked already: nothing to change" err &&
	test "$(git -C b rev-parse HEAD)" = "$head" &&
	docket -C b tick MKT-1 --undo 3 2>/dev/null &&
	test "$(git -C b log -1 --format=%s)" = "Untick MKT-1: Tracking links" &&
	grep -qx -- "\* \[ \] Tracking links" b/backlog/MKT-1.md
'

test_expect 'an unknown or ambiguous box is refused with the boxes listed; nothing written' '
	head=$(git -C b rev-parse HEAD) &&
	expect_code 1 docket -C b tick MKT-1 nope 2>err &&
	grep -q "MKT-1 has no box .nope. (its boxes: 1. Copy reviewed, 2. Copy sent, 3. Tracking links)" err &&
	expect_code 1 docket -C b tick MKT-1 copy 2>err && grep -q "start of several boxes of MKT-1: give its number" err &&
	expect_code 1 docket -C b tick MKT-1 9 2>err &&
	expect_code 2 docket -C b tick MKT-1 2>err &&
	expect_code 1 docket -C b tick MKT-9 1 2>err &&
	test "$(git -C b rev-parse HEAD)" = "$head" && git_clean b
'

test_expect 'done refuses open boxes and names tick' '
	expect_code 1 docket -C b done MKT-1 2>err &&
	grep -q "Definition-of-Done box is unchecked (first: .Tracking links.): tick it (docket tick MKT-1 BOX) or waive it (docket done MKT-1 --force --reason TEXT)" err &&
	docket -C b tick MKT-1 3 2>/dev/null && docket -C b done MKT-1 2>/dev/null &&
	grep -qx "status: done" b/backlog/MKT-1.md
'
test_done
