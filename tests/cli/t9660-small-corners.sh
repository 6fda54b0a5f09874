#!/bin/sh
# The smaller hardening cases (issue 13, class 9): NUL in one-line
# fields, CSV formula neutralisation, a BOM in docket.yaml, a shallow
# clone's cut history in log, export of an unreadable backlog, a
# conflicted item, a duplicate ORDER line's comment.
. "$DOCKET_TESTS/cli/lib.sh"
. "$DOCKET_TESTS/cli/faults.sh"

test_expect 'setup' '
	new_repo b && docket -C b init >/dev/null 2>&1 &&
	printf -- "---\nid: MKT-1\ntitle: One\nstatus: idea\n---\n" >b/backlog/MKT-1.md &&
	git -C b add -A && git -C b commit -qm items
'

test_expect 'NUL in an id, a title, a goal or a list entry: check refuses each, at its place' '
	printf -- "---\nid: \"MKT-9\\\\0/../x\"\ntitle: t\nstatus: idea\n---\n" >b/backlog/MKT-9.md &&
	printf -- "---\nid: MKT-8\ntitle: \"nul \\\\0 title\"\nstatus: idea\ngoal: \"a\\\\0\"\ntags: [ok, \"b\\\\0c\"]\ndepends_on: [\"MKT-1\\\\0\"]\n---\n" >b/backlog/MKT-8.md &&
	expect_code 1 docket -C b check >out &&
	grep -q "^backlog/MKT-9.md:2:5: error: .id. holds a NUL byte \[type\]" out &&
	grep -q "^backlog/MKT-8.md:3:8: error: .title. holds a NUL byte \[type\]" out &&
	grep -q "^backlog/MKT-8.md:5:7: error: .goal. holds a NUL byte \[type\]" out &&
	grep -q "^backlog/MKT-8.md:6:12: error: an entry of .tags. holds a NUL byte \[type\]" out &&
	grep -q "^backlog/MKT-8.md:7:14: error: an entry of .depends_on. holds a NUL byte \[type\]" out &&
	rm b/backlog/MKT-8.md b/backlog/MKT-9.md
'

test_expect 'titles and values docket would then reject are refused before anything is written' '
	snap b >before &&
	expect_code 2 docket -C b new "$(printf "one\342\200\250two")" 2>err &&
	grep -q "the title must be one line (it holds a line separator, U+2028)" err &&
	expect_code 2 docket -C b new "$(printf "para\342\200\251graph")" 2>err &&
	grep -q "paragraph separator, U+2029" err &&
	expect_code 2 docket -C b new "$(printf "latin1 caf\351")" 2>err &&
	grep -q "the title is not valid UTF-8" err &&
	expect_code 2 docket -C b followup MKT-1 "$(printf "x\342\200\250y")" 2>err &&
	grep -q "U+2028" err &&
	expect_code 2 docket -C b set MKT-1 "title=$(printf "a\342\200\250b")" 2>err &&
	expect_code 2 docket -C b set MKT-1 "status=$(printf "idea\342\200\250")" 2>err &&
	expect_code 2 docket -C b set MKT-1 "outcome=$(printf "\377")" 2>err &&
	grep -q "outcome is not valid UTF-8" err &&
	snap b >after && test_cmp before after &&
	docket -C b set MKT-1 "outcome=$(printf "two\342\200\250lines")" 2>err &&
	grep -q "^outcome: \"two\\\\u2028lines\"$" b/backlog/MKT-1.md &&
	docket -C b check >out && git_clean b
'

test_expect 'CSV: formula cells get a quote before them; numbers and plain text do not; --csv-raw keeps bytes' '
	for t in "=HYPERLINK(\"http://evil.example\",\"x\")" "+cmd" "@SUM(A1)" "-rm -rf" "-5" "+1.5e3" "Plain"; do
		docket -C b new -- "$t" >/dev/null 2>&1 || { echo "new $t" >&2; exit 1; }
	done &&
	printf -- "---\nid: MKT-20\ntitle: \"\\\\tTabbed\"\nstatus: idea\n---\n" >b/backlog/MKT-20.md &&
	docket -C b list --format csv >out &&
	grep -qF "\"'"'"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\"" out &&
	grep -qF "\"'"'"'+cmd\"" out && grep -qF "\"'"'"'@SUM(A1)\"" out &&
	grep -qF "\"'"'"'-rm -rf\"" out && grep -qF "\"'"'"'	Tabbed\"" out &&
	grep -qF ",\"-5\"," out && grep -qF ",\"+1.5e3\"," out && grep -qF ",\"Plain\"," out &&
	docket -C b list --format csv --fields id,title >cols &&
	grep -qF ",\"'"'"'+cmd\"" cols && grep -qF ",\"-5\"" cols &&
	docket -C b list --format csv --csv-raw >raw &&
	grep -qF ",\"=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\"," raw &&
	grep -qF ",\"-rm -rf\"," raw && ! grep -q "'"'"'" raw &&
	rm b/backlog/MKT-20.md
'

test_expect 'docket.yaml with a byte-order mark is read as items are' '
	cp b/docket.yaml keep.yaml &&
	for c in "---\nprefix: MKT\n" "prefix: MKT   # ids\nitems: backlog\n" "# the backlog\nprefix: MKT\n"; do
		printf "\357\273\277$c" >b/docket.yaml &&
		docket -C b list >out 2>err || { cat err >&2; exit 1; }
		grep -q "MKT-1" out || exit 1
	done &&
	printf "\357\273\277prefix: mkt\n" >b/docket.yaml &&
	expect_code 1 docket -C b check >out && grep -q "^docket.yaml:1:9: error: prefix must be" out &&
	cp keep.yaml b/docket.yaml
'

test_expect 'log in a shallow clone says the history is cut instead of "added"' '
	git -C b add -A && git -C b commit -q --allow-empty -m more &&
	docket -C b set MKT-1 effort=2 >/dev/null 2>&1 && docket -C b set MKT-1 effort=3 >/dev/null 2>&1 &&
	git clone -q --depth 2 "file://$TRASH/b" shallow &&
	docket -C shallow log MKT-1 >out &&
	grep -q "present here: the history before this commit is not in this shallow clone" out &&
	grep -q "^The history is cut at [0-9a-f]\{7\} (a shallow clone)" out && ! grep -qx "    added" out &&
	docket -C shallow log MKT-1 --format json | jq -e ".history_cut == true" >/dev/null &&
	docket -C b log MKT-1 --format json | jq -e ".history_cut == false" >/dev/null &&
	docket -C b log MKT-1 >out && grep -qx "    added" out && ! grep -q "history is cut" out
'

test_expect 'export html of an items folder linked out of the repository fails as list does; the old site stays' '
	fault_backlog x && docket -C x export html -o "$TRASH/site" >/dev/null 2>&1 &&
	test -e site/index.html && (cd site && find . -type f | sort | xargs cksum) >site.before &&
	mkdir elsewhere && mv x/backlog elsewhere/backlog && ln -s ../elsewhere/backlog x/backlog &&
	expect_code 1 docket -C x list >/dev/null 2>err &&
	expect_code 1 docket -C x export html -o "$TRASH/site" 2>err &&
	grep -q "symbolic link leading outside the repository" err &&
	grep -q "the backlog cannot be read (above): no page written" err &&
	(cd site && find . -type f | sort | xargs cksum) >site.after && test_cmp site.before site.after
'

test_expect 'a conflicted item is named as a merge conflict at its marker line' '
	printf -- "---\nid: MKT-30\ntitle: Base\nstatus: idea\n---\n" >b/backlog/MKT-30.md &&
	git -C b add -A && git -C b commit -qm base && git -C b checkout -q -b other &&
	sed -i "s/title: Base/title: Theirs/" b/backlog/MKT-30.md && git -C b commit -qam theirs &&
	git -C b checkout -q main && sed -i "s/title: Base/title: Ours/" b/backlog/MKT-30.md &&
	git -C b commit -qam ours && ! git -C b merge -q other >/dev/null 2>&1 &&
	expect_code 1 docket -C b check >out &&
	grep -q "^backlog/MKT-30.md:3:1: error: the file has git.s merge-conflict markers (<<<<<<< to >>>>>>>): resolve the conflict" out &&
	! grep -q "MKT-30.md.*did not find\|mapping values" out &&
	expect_code 1 docket -C b show MKT-30 2>err && grep -q "merge-conflict markers" err &&
	git -C b merge --abort
'

test_expect 'moving an id listed twice keeps the comment of the second listing' '
	printf "MKT-1\nMKT-2   # two\nMKT-1   # why it is here again\nMKT-3\n" >b/backlog/ORDER &&
	git -C b commit -qam duplicate &&
	docket -C b move MKT-1 --bottom 2>err &&
	printf "MKT-2   # two\n# why it is here again\nMKT-3\nMKT-1\n" >want &&
	test_cmp want b/backlog/ORDER && git_clean b
'

test_done
