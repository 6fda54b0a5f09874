#!/bin/sh
# Every write path validated like check (issue 13, class 4): docket.yaml
# is validated when it is read, with file, line and column (the prefix
# grammar, the items folder); a write never produces a file over the
# limit check holds it to.
. "$DOCKET_TESTS/cli/lib.sh"
. "$DOCKET_TESTS/cli/faults.sh"

test_expect 'setup' '
	new_repo b && docket -C b init >/dev/null 2>&1 &&
	printf -- "---\nid: MKT-1\ntitle: One\nstatus: idea\n---\n" >b/backlog/MKT-1.md &&
	git -C b add -A && git -C b commit -qm items && cp b/docket.yaml keep.yaml
'

# bad_config LINE:COL TEXT YAML...: docket.yaml made of the YAML lines is
# refused by check (exit 1) and every write (exit 2), at LINE:COL, with
# TEXT in the message; nothing changes.
bad_config() {
	_at=$1 _text=$2
	shift 2
	printf "%s\n" "$@" >b/docket.yaml && git -C b commit -qam "config: $*" &&
	snap b >before &&
	expect_code 1 docket -C b check >out &&
	grep -q "^docket.yaml:$_at: error: .*$_text" out ||
		{ echo "check: $*" >&2; cat out >&2; return 1; }
	for cmd in "new Idea" "set MKT-1 effort=2" "move MKT-1 --top"; do
		expect_code 2 docket -C b $cmd >out 2>err || { echo "$cmd: $*" >&2; return 1; }
		grep -q "^docket.yaml:$_at: error: .*$_text" err ||
			{ echo "$cmd: $*" >&2; cat err >&2; return 1; }
	done
	snap b >after && test_cmp before after
}

test_expect 'the prefix grammar: 1 to 10 capitals and digits, starting with a letter' '
	bad_config 1:9 "prefix must be 1 to 10 capital letters" "prefix: ABCDEFGHIJKLMNOPQRSTUVWXYZABCDEFGHIJKLMN" &&
	bad_config 1:9 "prefix must be" "prefix: ABCDEFGHIJK" &&
	bad_config 1:9 "prefix must be" "prefix: mkt" &&
	bad_config 1:9 "prefix must be" "prefix: 9LIVES" &&
	bad_config 1:9 "prefix must be" "prefix: MK_T" &&
	bad_config 2:9 "prefix must be" "# ids" "prefix: \"MKT-\"" &&
	for p in M MKT CAMP2026 ABCDEFGHIJ; do
		printf "prefix: %s\n" "$p" >b/docket.yaml && docket -C b check >out 2>&1
		! grep -q "^docket.yaml" out || { echo "refused: $p" >&2; cat out >&2; exit 1; }
	done &&
	expect_code 2 docket -C b init --prefix ABCDEFGHIJK 2>err && grep -q "is not a valid prefix" err &&
	new_repo i && expect_code 2 docket -C i init --prefix mkt 2>err &&
	test ! -e i/docket.yaml &&
	cp keep.yaml b/docket.yaml && git -C b commit -qam restored
'

test_expect 'the items folder: inside the work tree, plain names only' '
	bad_config 2:8 "items must be a folder inside the repository.*is inside .git" "prefix: MKT" "items: .git" &&
	bad_config 2:8 "is inside .git" "prefix: MKT" "items: .git/backlog" &&
	bad_config 2:8 "has a .\.. or .\.\.. segment" "prefix: MKT" "items: ." &&
	bad_config 2:8 "has a .\.. or .\.\.. segment" "prefix: MKT" "items: ../elsewhere" &&
	bad_config 2:8 "has a .\.. or .\.\.. segment" "prefix: MKT" "items: work/./backlog" &&
	bad_config 2:8 "an empty segment (a trailing or doubled ./.)" "prefix: MKT" "items: backlog/" &&
	bad_config 2:8 "an empty segment" "prefix: MKT" "items: work//backlog" &&
	bad_config 2:8 "is an absolute path" "prefix: MKT" "items: /tmp/backlog" &&
	cp keep.yaml b/docket.yaml && git -C b commit -qam restored &&
	docket -C b check >out
'

test_expect 'a write that would make a file over its limit is refused; nothing is written' '
	head -c 1048500 /dev/zero | tr "\000" x >body.txt &&
	snap b >before &&
	expect_code 1 docket -C b new Big --body - <body.txt 2>err &&
	grep -q "backlog/MKT-2.md would be 10485[0-9]* bytes, over the 1 MiB limit for item, cycle and config files: nothing is written" err &&
	snap b >after && test_cmp before after && no_temp b &&
	head -c 1040000 /dev/zero | tr "\000" x >body.txt &&
	docket -C b new Fits --body - <body.txt >/dev/null 2>err && docket -C b check >out && git_clean b
'

test_done
