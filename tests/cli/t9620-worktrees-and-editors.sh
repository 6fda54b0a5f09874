#!/bin/sh
# Concurrency across work trees and editors (issue 13, class 5): the lock
# lives in the git folder every work tree of a repository shares, so two
# work trees never allocate the same id; `docket edit` holds no lock
# while the editor is open, works on a draft in the git folder, and
# refuses (keeping the user's text) when the item or HEAD moved
# meanwhile, so it never reverts another change.
. "$DOCKET_TESTS/cli/lib.sh"
. "$DOCKET_TESTS/cli/faults.sh"

# valid_backlog DIR: two valid items (edit validates what it commits).
valid_backlog() {
	new_repo "$1" && docket -C "$1" init >/dev/null 2>&1 &&
	printf -- "---\nid: MKT-1\ntitle: One\nstatus: idea\neffort: 3   # a guess\n---\nNotes.\n" >"$1/backlog/MKT-1.md" &&
	printf -- "---\nid: MKT-2\ntitle: Two\nstatus: idea\n---\n" >"$1/backlog/MKT-2.md" &&
	printf "MKT-1\nMKT-2\n" >"$1/backlog/ORDER" &&
	git -C "$1" add -A && git -C "$1" commit -qm items
}

test_expect 'two work trees of one repository never allocate the same id (30 rounds)' '
	fault_backlog m && git -C m worktree add -q ../w2 -b side 2>/dev/null &&
	round=0 &&
	while [ $round -lt 30 ]; do
		{ "$DOCKET" -C m new "Main $round" >out.m 2>err.m & } && a=$!
		{ "$DOCKET" -C w2 new "Side $round" >out.s 2>err.s & } && b=$!
		wait $a; ra=$?; wait $b; rb=$?
		# one may be refused by the lock (exit 1, "another docket"); an
		# id is never made twice
		for r in "$ra:m" "$rb:s"; do
			case $r in
			0:*) ;;
			1:*) grep -q "another docket process" err.${r#*:} || { cat err.${r#*:} >&2; exit 1; } ;;
			*) echo "exit $r" >&2; cat err.m err.s >&2; exit 1 ;;
			esac
		done
		round=$((round + 1))
	done &&
	{ git -C m ls-tree --name-only main backlog/; git -C m ls-tree --name-only side backlog/; } |
		grep "MKT-" | sort | uniq -c | sort -rn >counts &&
	ids_main=$(git -C m ls-tree --name-only main backlog/ | grep -c "MKT-") &&
	ids_side=$(git -C m ls-tree --name-only side backlog/ | grep -c "MKT-") &&
	test $ids_main -gt 3 && test $ids_side -gt 3 &&
	# the three shared items are on both branches; no other id is
	test "$(awk "\$1 > 1" counts | wc -l)" = 3
'

test_expect 'the lock is in the common git folder: a live lock there stops a linked work tree' '
	echo "$$ $(hostname)" >m/.git/docket.lock &&
	snap w2 >before &&
	expect_code 1 docket -C w2 new "Blocked" 2>err &&
	grep -q "another docket process (pid $$)" err &&
	grep -q "m/.git/docket.lock" err &&
	rm m/.git/docket.lock && snap w2 >after && test_cmp before after
'

# The editor: save an edit of its own, and meanwhile let something else
# change the repository ($CHANGE, run with the item path as $1).
cat >concurrent.sh <<'EOF'
printf 'Edited in the editor.\n' >>"$1"
eval "$CHANGE"
EOF

test_expect 'another docket changes the item while the editor is open: refused, the draft kept' '
	valid_backlog e && git -C e rev-parse HEAD >head0 &&
	CHANGE="\"$DOCKET\" -C \"$TRASH/e\" set MKT-1 effort=9 >/dev/null 2>&1" \
		VISUAL="sh $TRASH/concurrent.sh" expect_code 1 "$DOCKET" -C e edit MKT-1 2>err &&
	grep -q "backlog/MKT-1.md changed while you were editing it (the file changed)" err &&
	grep -q "nothing is written" err &&
	grep -q "your text is kept in .git/docket/drafts/MKT-1.md; docket edit MKT-1 opens it again" err &&
	grep -qx "effort: 9   # a guess" e/backlog/MKT-1.md &&
	! grep -q "Edited in the editor" e/backlog/MKT-1.md &&
	git -C e show HEAD:backlog/MKT-1.md | grep -qx "effort: 9   # a guess" &&
	test -z "$(git -C e status --porcelain)" &&
	grep -qx "Edited in the editor." e/.git/docket/drafts/MKT-1.md &&
	test ! -e e/.git/docket.lock
'

test_expect 'docket edit offers the draft again; saving it commits it' '
	VISUAL="sed -i s/effort:.3/effort:\\ 9/" docket -C e edit MKT-1 2>err &&
	grep -q "editing your draft of MKT-1" err &&
	grep -q "git diff --no-index backlog/MKT-1.md .git/docket/drafts/MKT-1.md" err &&
	git -C e show HEAD:backlog/MKT-1.md >now &&
	grep -qx "Edited in the editor." now && grep -qx "effort: 9   # a guess" now &&
	test ! -e e/.git/docket/drafts/MKT-1.md && test -z "$(git -C e status --porcelain)"
'

test_expect 'a git commit of the item, or a checkout, while the editor is open: refused' '
	valid_backlog g &&
	CHANGE="printf \"more\\n\" >>\"$TRASH/g/backlog/MKT-1.md\" && git -C \"$TRASH/g\" commit -qam hand" \
		VISUAL="sh $TRASH/concurrent.sh" expect_code 1 "$DOCKET" -C g edit MKT-1 2>err &&
	grep -q "changed while you were editing it" err &&
	test "$(git -C g log -1 --format=%s)" = hand && test -z "$(git -C g status --porcelain)" &&
	rm g/.git/docket/drafts/MKT-1.md &&
	CHANGE="git -C \"$TRASH/g\" checkout -q -b other" \
		VISUAL="sh $TRASH/concurrent.sh" expect_code 1 "$DOCKET" -C g edit MKT-1 2>err &&
	grep -q "another branch was checked out" err &&
	test "$(git -C g log -1 --format=%s)" = hand && test -e g/.git/docket/drafts/MKT-1.md
'

test_expect 'another item changing while the editor is open does not stop the edit' '
	valid_backlog o &&
	CHANGE="\"$DOCKET\" -C \"$TRASH/o\" set MKT-2 effort=5 >/dev/null 2>&1" \
		VISUAL="sh $TRASH/concurrent.sh" docket -C o edit MKT-1 2>err &&
	git -C o show HEAD:backlog/MKT-1.md | grep -qx "Edited in the editor." &&
	git -C o show HEAD:backlog/MKT-2.md | grep -qx "effort: 5" &&
	test -z "$(git -C o status --porcelain)" && test ! -e o/.git/docket/drafts/MKT-1.md
'

test_expect 'an editor that leaves a FIFO, or fails after saving: no hang, nothing lost' '
	valid_backlog f &&
	printf "rm \"\$1\" && mkfifo \"\$1\"\n" >fifo.sh &&
	VISUAL="sh $TRASH/fifo.sh" expect_code 1 timeout 10 "$DOCKET" -C f edit MKT-1 2>err &&
	grep -q "FIFO (named pipe), not a regular file" err &&
	test ! -e f/.git/docket/drafts/MKT-1.md && test -z "$(git -C f status --porcelain)" &&
	printf "printf \"half\\\\n\" >>\"\$1\"; exit 3\n" >fail.sh &&
	VISUAL="sh $TRASH/fail.sh" expect_code 1 "$DOCKET" -C f edit MKT-1 2>err &&
	grep -q "failed (exit 3)" err && grep -q "your text is kept in .git/docket/drafts/MKT-1.md" err &&
	grep -qx half f/.git/docket/drafts/MKT-1.md && test -z "$(git -C f status --porcelain)"
'

test_done
