#!/bin/sh
# docket import backlog-md on the real Backlog.md folder of the corpus
# (tests/corpus/real/backlog-md; its MANIFEST.tsv marks the front matters
# that are not valid YAML): every file is imported or named, and docket
# check finds no syntax error.
. "$DOCKET_TESTS/cli/lib.sh"

CORPUS="$DOCKET_TESTS/corpus/real/backlog-md"
# the files the manifest lists as yaml-invalid (`assignee: @name`)
INVALID=$(awk -F'\t' '$4 ~ /(^|,)yaml-invalid(,|$)/' "$CORPUS/MANIFEST.tsv" | wc -l)

test_expect 'setup: import the corpus into a fresh backlog' '
	test -d "$CORPUS" &&
	new_repo r &&
	docket -C r init 2>/dev/null &&
	relax_required r &&
	docket -C r import backlog-md "$CORPUS" >out 2>err
'

test_expect 'every task file is imported, as one commit' '
	(cd "$CORPUS" && find tasks drafts completed archive/tasks archive/drafts \
		-type f -name "*.md" ! -name readme.md) >tasks &&
	n=$(wc -l <tasks) &&
	grep -q "^Imported $n items from Backlog.md: MKT-1 to MKT-$n\$" out &&
	test "$(ls r/backlog/MKT-*.md | wc -l)" = "$n" &&
	test "$(git -C r rev-list --count HEAD)" = 2 &&
	test "$(git -C r log -1 --format=%s)" = "Import $n items from backlog-md" &&
	test "$(git -C r show --name-only --format= HEAD | wc -l)" = $((n + 1)) &&
	test -z "$(git -C r status --porcelain)" &&
	docket -C r list --all --format json >list.json &&
	test "$(grep -c "^{\"id\":" list.json)" = "$n"
'

test_expect 'every file of the folder is named: imported or skipped with a reason' '
	(cd "$CORPUS" && find . -type f | sed "s|^\./||" | sort) >all &&
	{ sed -n "s|^  $CORPUS/\([^:]*\): .*|\1|p" out &&
	  sed -n "s|^- Source: Backlog.md .* (\(.*\))\$|\1|p" r/backlog/*.md; } | sort >named &&
	test_cmp all named &&
	! grep -q "could not be imported" err
'

test_expect 'the front matters that are not valid YAML are reported and recovered' '
	test "$INVALID" -gt 0 &&
	grep -q "^$INVALID of the records were read with repairs" out &&
	test "$(grep -c ":[0-9]*:[0-9]*: warning: front matter is not valid YAML" err)" = "$INVALID" &&
	grep -q "completed/back-1 - cli-setup-core-project.md:5:11: warning: front matter is not valid YAML" err &&
	f=$(grep -l "(completed/back-1 - cli-setup-core-project.md)" r/backlog/*.md) &&
	grep -qx "title: \"CLI: Setup Core Project (Bun, TypeScript, Git, Linters)\"" "$f" &&
	grep -qx "status: done" "$f" &&
	grep -qx "requested_by: \"@MrLesk\"" "$f" &&
	grep -qx -- "- Assignee: @MrLesk" "$f"
'

test_expect 'docket check: no syntax error, no broken id, reference or ORDER line' '
	docket -C r check --format json >check.json || true &&
	grep -q "^{\"errors\": " check.json &&
	for rule in syntax type enum id-format id-filename duplicate-id ref-unknown \
		    order-unknown order-duplicate order-closed no-direct-assignment \
		    unknown-field dependency-cycle; do
		if grep -q "\"rule\": \"$rule\"" check.json; then
			echo "unexpected $rule finding"; grep "\"rule\": \"$rule\"" check.json | head -3
			return 1
		fi
	done
'

test_expect 'ORDER holds the open items that are not ideas, in board order' '
	grep -v "^#" r/backlog/ORDER >ranked &&
	grep -lE "^status: (ready|planned|doing|blocked)$" r/backlog/MKT-*.md |
		sed "s|.*/||; s|\.md$||" | sort >open &&
	sort ranked >ranked.sorted &&
	test_cmp open ranked.sorted &&
	test "$(head -1 ranked)" = MKT-1
'
test_expect 'importing the folder again changes nothing, archived tasks whose id was reused included' '
	grep -q "^source: backlog-md BACK-168 (archive/tasks/back-168 - " r/backlog/*.md &&
	test "$(grep -l "^source: backlog-md BACK-168\$" r/backlog/*.md | wc -l)" = 1 &&
	head=$(git -C r rev-parse HEAD) &&
	docket -C r import backlog-md "$CORPUS" >out2 2>err2 &&
	grep -q "^0 added, 0 updated, $(ls r/backlog/MKT-*.md | wc -l) unchanged, 0 in conflict" out2 &&
	test "$(git -C r rev-parse HEAD)" = "$head"
'

test_done
