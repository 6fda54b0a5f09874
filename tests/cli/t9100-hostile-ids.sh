#!/bin/sh
# Ids shaped like paths are refused before any path is built from them,
# and symbolic links that lead out of the repository are not followed
# (docs/robustness.md).  A file outside the backlog that such an id or link would
# reach holds a marker that must never be printed.
. "$DOCKET_TESTS/cli/lib.sh"

test_expect 'setup: a backlog, and secrets next to and outside it' '
	new_repo b && docket -C b init 2>/dev/null &&
	printf -- "---\nid: MKT-1\ntitle: Good\nstatus: idea\n---\n" >b/backlog/MKT-1.md &&
	printf "MKT-1\n" >b/backlog/ORDER &&
	mkdir -p b/backlog/MKT-1 &&
	printf -- "---\nid: MKT-9\ntitle: SECRET-INSIDE\nstatus: idea\n---\n" >b/secret.md &&
	printf -- "---\nid: MKT-9\ntitle: SECRET-OUTSIDE\nstatus: idea\n---\n" >outside.md &&
	cp outside.md b/backlog/MKT-1/x.md &&
	git -C b add -A && git -C b commit -qm setup
'

test_expect 'show refuses every id shaped like a path, with or without --rev' '
	printf -- "---\nid: MKT-9\ntitle: SECRET-DASHED\nstatus: idea\n---\n" >secret-1.md &&
	cp secret-1.md b/secret-1.md && mkdir -p b/backlog/MKT- &&
	for id in "MKT-/../../secret-1" "MKT-/../../../secret-1" "MKT-1/../../secret-1" \
		../secret ../../outside MKT-1/../../secret "MKT-1/../x" /etc/passwd \
		"$TRASH/outside" .. . "" MKT-1/x "MKT-1\\x" "MKT-1 " " MKT-1" MKT-1.md \
		"MKT-1$(printf "\n")../x" "MKT-01" "MKT-" "MKT-1/" "MKT-1%2f.." "MKT-1\0"; do
		for rev in "" HEAD; do
			set -- show "$id"
			[ -z "$rev" ] || set -- show --rev "$rev" "$id"
			expect_code 2 docket -C b "$@" >out 2>err || { echo "id: [$id]"; exit 1; }
			grep -q "is not an item id (ids look like MKT-12)" err || { cat err; exit 1; }
			! grep -q SECRET out err || { echo "leaked for [$id]"; exit 1; }
		done
	done
'

test_expect 'every command taking an id refuses them before touching a file' '
	before=$(git -C b rev-parse HEAD) &&
	git -C b status --porcelain >status.before &&
	for form in "set %s title=x" "start %s" "block %s --reason r" "done %s --result won" \
		"stop %s --reason r" "move %s --top" "move MKT-1 --before %s" \
		"move MKT-1 --after %s" "followup %s Next" "edit %s" "log %s" \
		"new Title --before %s" "new Title --after %s" "renumber %s MKT-77" \
		"renumber MKT-1 %s"; do
		cmd=${form%% *}
		docket help "$cmd" >/dev/null 2>&1 || continue
		for id in "MKT-/../../secret-1" ../secret /etc/passwd "MKT-1/../x"; do
			args=$(printf "$form" "$id")
			# shellcheck disable=SC2086
			EDITOR=false expect_code 2 "$DOCKET" -C b $args >out 2>err ||
				{ echo "[$args]"; cat err; exit 1; }
			grep -q "is not an item id" err || { echo "[$args]"; cat err; exit 1; }
			! grep -q SECRET out err || exit 1
		done
	done &&
	test "$(git -C b rev-parse HEAD)" = "$before" &&
	git -C b status --porcelain >status.after &&
	test_cmp status.before status.after &&
	cmp secret-1.md b/secret-1.md
'

test_expect 'show --format json refuses them too, and ids after --' '
	expect_code 2 docket -C b show --format json ../secret >out 2>err &&
	! grep -q SECRET out && grep -q "not an item id" err &&
	expect_code 2 docket -C b show -- -1 2>err && grep -q "not an item id" err &&
	expect_code 2 docket -C b show -- ../secret >out 2>err &&
	! grep -q SECRET out && grep -q "not an item id" err
'

test_expect 'a well-formed id that is not there is a clean "no item"' '
	expect_code 1 docket -C b show MKT-9 >out 2>err &&
	grep -F "no item MKT-9 in backlog/" err && ! grep -q SECRET out err
'

test_expect 'an item that is a symbolic link out of the repository is not followed' '
	ln -s "$TRASH/outside.md" b/backlog/MKT-5.md &&
	expect_code 1 docket -C b show MKT-5 >out 2>err &&
	! grep -q SECRET out err &&
	grep -F "backlog/MKT-5.md: error: symbolic link leads outside the repository; not followed" err &&
	expect_code 1 docket -C b list --format json >out 2>err &&
	! grep -q SECRET out err && grep -F "backlog/MKT-5.md: error: symbolic link leads outside" err &&
	expect_code 1 docket -C b check >out &&
	grep -F "backlog/MKT-5.md: error: symbolic link leads outside the repository; not followed [syntax]" out &&
	! grep -q SECRET out
'

test_expect 'a link through a linked folder or via .. is judged by where it leads' '
	rm b/backlog/MKT-5.md &&
	ln -s ../../outside.md b/backlog/MKT-6.md &&
	ln -s "$TRASH" b/escape &&
	ln -s ../escape/outside.md b/backlog/MKT-7.md &&
	expect_code 1 docket -C b list --format plain >out 2>err &&
	! grep -q SECRET out err &&
	grep -F "backlog/MKT-6.md: error: symbolic link leads outside" err &&
	grep -F "backlog/MKT-7.md: error: symbolic link leads outside" err &&
	rm b/backlog/MKT-6.md b/backlog/MKT-7.md b/escape
'

test_expect 'a link that stays inside the repository is followed' '
	cp b/backlog/MKT-1.md b/MKT-2-real.md && sed -i "s/MKT-1/MKT-2/; s/Good/Linked/" b/MKT-2-real.md &&
	ln -s ../MKT-2-real.md b/backlog/MKT-2.md &&
	docket -C b show MKT-2 | grep -q "title: Linked" &&
	docket -C b list --format plain | grep -q "MKT-2" &&
	rm b/backlog/MKT-2.md b/MKT-2-real.md
'

test_expect 'an items folder that is a symbolic link out of the repository is not followed' '
	mv b/backlog saved-backlog && mkdir ext &&
	cp outside.md ext/MKT-1.md && printf "MKT-1\n" >ext/ORDER &&
	ln -s "$TRASH/ext" b/backlog &&
	expect_code 1 docket -C b list >out 2>err && ! grep -q SECRET out err &&
	grep -F "cannot read the items folder '\''backlog'\''" err &&
	grep -F "symbolic link leading outside the repository; not followed" err &&
	expect_code 1 docket -C b show MKT-1 >out 2>err && ! grep -q SECRET out err &&
	grep -F "backlog/MKT-1.md: error: its folder is a symbolic link leading outside the repository" err &&
	expect_code 1 docket -C b check >out && ! grep -q SECRET out &&
	rm b/backlog && mv saved-backlog b/backlog
'

test_expect 'a symbolic link as ORDER or docket.yaml out of the repository is not followed' '
	mv b/backlog/ORDER saved.order &&
	printf "MKT-1\nSECRET-ORDER\n" >outside-order &&
	ln -s "$TRASH/outside-order" b/backlog/ORDER &&
	expect_code 1 docket -C b check >out &&
	grep -F "backlog/ORDER: error: symbolic link leads outside the repository; not followed" out &&
	! grep -q SECRET out &&
	rm b/backlog/ORDER && mv saved.order b/backlog/ORDER &&
	mv b/docket.yaml saved.yaml && printf "prefix: SECRET\n" >outside.yaml &&
	ln -s "$TRASH/outside.yaml" b/docket.yaml &&
	expect_code 2 docket -C b list >out 2>err &&
	grep -F "symbolic link leads outside the repository" err && ! grep -q SECRET out &&
	rm b/docket.yaml && mv saved.yaml b/docket.yaml
'

test_expect 'ORDER lines and depends_on values shaped like paths are only reported' '
	printf "MKT-1\n../secret\n/etc/passwd\n" >b/backlog/ORDER &&
	printf -- "---\nid: MKT-3\ntitle: t\nstatus: idea\ndepends_on: [../secret, /etc/passwd]\n---\n" >b/backlog/MKT-3.md &&
	expect_code 1 docket -C b check >out &&
	grep -F "backlog/ORDER:2:1: error:" out && grep -F "backlog/ORDER:3:1: error:" out &&
	grep -F "backlog/MKT-3.md:5:" out &&
	! grep -q SECRET out &&
	docket -C b list --format json >out && ! grep -q SECRET out
'
test_done
