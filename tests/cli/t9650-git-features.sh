#!/bin/sh
# Git features docket cannot honour are refused, never bypassed (issue
# 13, class 7): submodules and nested repositories on the way of a file
# docket writes, files git runs through an external filter command
# (libgit2 does not run them), repository extensions and index formats
# libgit2 1.5 cannot read.  Each is refused with docket's own message,
# and nothing changes.
. "$DOCKET_TESTS/cli/lib.sh"
. "$DOCKET_TESTS/cli/faults.sh"

item() {
	printf -- "---\nid: MKT-%d\ntitle: Item %d\nstatus: idea\n---\n" "$2" "$2" >"$1/MKT-$2.md"
}

test_expect 'an items folder that is a submodule: every write refuses, the gitlink stays' '
	new_repo sub && item sub 1 && item sub 2 && printf "MKT-1\nMKT-2\n" >sub/ORDER &&
	git -C sub add -A && git -C sub commit -qm items &&
	new_repo s && printf "prefix: MKT\nitems: backlog\n" >s/docket.yaml &&
	git -C s add -A && git -C s commit -qm config &&
	git -C s -c protocol.file.allow=always submodule add -q ../sub backlog >/dev/null 2>&1 &&
	git -C s commit -qm "the backlog as a submodule" &&
	docket -C s list >out && grep -q "MKT-1" out &&
	snap s >before && git -C s/backlog rev-parse HEAD >subhead &&
	for cmd in "new Idea" "set MKT-1 effort=3" "move MKT-2 --top" "stop MKT-1 --reason r" "renumber MKT-1 MKT-9"; do
		expect_code 1 docket -C s $cmd >out 2>err || { echo "in: $cmd" >&2; return 1; }
		grep -q "^docket: error: backlog is a submodule (a repository of its own)" err ||
			{ echo "not refused as a submodule: $cmd" >&2; cat err >&2; return 1; }
	done &&
	expect_code 1 env VISUAL=true "$DOCKET" -C s edit MKT-1 2>err &&
	grep -q "backlog is a submodule" err &&
	snap s >after && test_cmp before after &&
	test "$(git -C s ls-tree HEAD backlog | cut -c1-6)" = 160000 &&
	test "$(git -C s/backlog rev-parse HEAD)" = "$(cat subhead)"
'

test_expect 'a submodule that is not checked out, or a nested repository: refused the same' '
	git -C s submodule deinit -q -f backlog && test ! -e s/backlog/.git &&
	snap s >before &&
	expect_code 1 docket -C s --no-commit new Idea 2>err &&
	grep -q "backlog is a submodule" err &&
	snap s >after && test_cmp before after &&
	new_repo n && docket -C n init >/dev/null 2>&1 && item n/backlog 1 &&
	git -C n add -A && git -C n commit -qm items &&
	git init -q n/backlog/cycles && snap n >before &&
	expect_code 1 docket -C n plan --apply >out 2>err &&
	grep -q "backlog/cycles is a submodule (a repository of its own)" err &&
	snap n >after && test_cmp before after
'

test_expect 'a file under an external filter: refused for writes, for --rev reads; read from the work tree' '
	new_repo f && docket -C f init >/dev/null 2>&1 &&
	printf "backlog/*.md filter=crypt\n" >>f/.gitattributes &&
	git -C f config filter.crypt.clean "tr a-z n-za-m" &&
	git -C f config filter.crypt.smudge "tr a-z n-za-m" &&
	item f/backlog 1 && git -C f add -A && git -C f commit -qm encrypted &&
	git -C f show HEAD:backlog/MKT-1.md | grep -q "^vq: MKT-1" &&
	snap f >before &&
	for cmd in "set MKT-1 effort=3" "--include-dirty set MKT-1 effort=3" "new Two" "stop MKT-1 --reason r"; do
		expect_code 1 docket -C f $cmd >out 2>err || { echo "in: $cmd" >&2; return 1; }
		grep -q "goes through the git filter .crypt. (.gitattributes), an external command" err ||
			{ echo "not refused for the filter: $cmd" >&2; cat err >&2; return 1; }
	done &&
	expect_code 1 env VISUAL=true "$DOCKET" -C f edit MKT-1 2>err &&
	grep -q "git filter .crypt." err && ! grep -q "uncommitted changes" err &&
	snap f >after && test_cmp before after &&
	docket -C f list >out && grep -q "Item 1" out &&
	expect_code 1 docket -C f list --rev HEAD >out 2>err &&
	grep -q "cannot read it from history" err &&
	expect_code 1 docket -C f show MKT-1 --rev HEAD 2>err &&
	grep -q "git filter .crypt." err
'

test_expect 'filter.NAME.process, and lfs, are external too; a filter with no driver is not' '
	git -C f config --unset filter.crypt.clean && git -C f config --unset filter.crypt.smudge &&
	git -C f config filter.crypt.process "some-daemon" &&
	expect_code 1 docket -C f set MKT-1 effort=3 2>err && grep -q "git filter .crypt." err &&
	git -C f config --unset filter.crypt.process &&
	# without a driver the file is stored as it is: stage it again, or
	# a racily clean index entry still holds the filtered (rot13) blob
	git -C f rm -q --cached backlog/MKT-1.md && git -C f add backlog/MKT-1.md &&
	printf "backlog/ORDER filter=lfs\n" >>f/.gitattributes && git -C f commit -qam lfs &&
	git -C f config filter.lfs.clean "git-lfs clean -- %f" &&
	expect_code 1 docket -C f move MKT-1 --top 2>err && grep -q "backlog/ORDER goes through the git filter .lfs." err &&
	git -C f config --unset filter.lfs.clean &&
	git -C f config filter.crypt.required false &&
	docket -C f set MKT-1 effort=3 2>err && git_clean f
'

test_expect 'per-work-tree config, sha256 objects: refused with docket'"'"'s own message' '
	new_repo w && docket -C w init >/dev/null 2>&1 && item w/backlog 1 &&
	git -C w add -A && git -C w commit -qm items &&
	git -C w config extensions.worktreeConfig true && snap w >before &&
	expect_code 2 docket -C w set MKT-1 effort=3 2>err &&
	grep -q "docket cannot work in this repository: it uses per-work-tree config (extensions.worktreeConfig" err &&
	expect_code 2 docket -C w list --rev HEAD 2>err && grep -q "extensions.worktreeConfig" err &&
	expect_code 2 env VISUAL=true "$DOCKET" -C w edit MKT-1 2>err && grep -q "extensions.worktreeConfig" err &&
	expect_code 2 docket -C w log MKT-1 2>err && grep -q "extensions.worktreeConfig" err &&
	docket -C w list >out && grep -q "Item 1" out &&
	snap w >after && test_cmp before after &&
	if git init -q -b main --object-format=sha256 h 2>/dev/null; then
		expect_code 2 docket -C h init 2>err &&
		grep -q "docket cannot work in this repository: it uses the git extension .extensions.objectformat." err &&
		test ! -e h/docket.yaml
	fi
'

test_expect 'a split index or a sparse index: refused, naming it and how to turn it off' '
	new_repo x && docket -C x init >/dev/null 2>&1 && item x/backlog 1 &&
	git -C x add -A && git -C x commit -qm items &&
	git -C x update-index --split-index && snap x >before &&
	expect_code 1 docket -C x set MKT-1 effort=3 2>err &&
	grep -q "git.s index is a split index, which libgit2 1.5 .* cannot read.*git update-index --no-split-index" err &&
	git -C x config core.splitIndex true &&
	expect_code 2 docket -C x set MKT-1 effort=3 2>err &&
	grep -q "it uses a split index (core.splitIndex)" err &&
	snap x >after && test_cmp before after &&
	git -C x config core.splitIndex false && git -C x update-index --no-split-index &&
	git -C x config index.sparse true &&
	expect_code 2 docket -C x set MKT-1 effort=3 2>err && grep -q "a sparse index (index.sparse)" err
'

test_done
