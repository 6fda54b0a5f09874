#!/bin/sh
# A real import (no --dry-run) hands each item file to git as soon as
# its batch is validated and keeps none of them in memory
# (core/change.h, change_put): an export of 2,000 rows whose items are
# 18 KB each (36 MB of files) imports and commits under a 60 MB
# address-space limit; before, every file was held until the commit
# (about 80 MB of memory for this export), which the limit stops.  The
# files, the commit and git's index are as before, and a hook that
# refuses the commit leaves the backlog as it was.  (A re-import reads
# the backlog and the bases of its items whole: not bounded here.)
. "$DOCKET_TESTS/cli/lib.sh"

test_expect 'setup: a backlog and an export of 2,000 rows of 18 KB' '
	new_repo b && docket -C b init >/dev/null 2>&1 &&
	python3 -c "
words = \"social page press banner retargeting pricing post onboarding nurture landing copy\".split()
def row(i, title):
    desc = \" \".join(words[(i * 7 + k * 3) % 11] + (\".\" if k % 12 == 11 else \"\") for k in range(2400))
    return \"R%d,%s,idea,bau,%d,\\\"%s\\\"\\n\" % (i, title, i % 8 + 1, desc)
with open(\"rows.csv\", \"w\") as f, open(\"changed.csv\", \"w\") as g:
    f.write(\"id,title,status,type,effort,description\\n\")
    g.write(\"id,title,status,type,effort,description\\n\")
    for i in range(1, 2001):
        f.write(row(i, \"Row %d %s\" % (i, words[i % 11])))
        g.write(row(i, \"Row %d %s%s\" % (i, words[i % 11], \" again\" if i % 3 == 0 else \"\")))
" &&
	test $(wc -c <rows.csv) -gt 36000000
'

test_expect 'the real import commits every file within 60 MB' '
	export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}quarantine_size_mb=16" &&
	limit_memory 60 "$DOCKET" -C b import csv "$TRASH/rows.csv" --id-column id >out 2>err &&
	grep -q "^2000 added, 0 updated, 0 unchanged, 0 in conflict$" out &&
	grep -q "^Committed [0-9a-f]*: Import 2000 items from csv$" out &&
	test $(git -C b show --name-only --format= HEAD | grep -c "^backlog/MKT-[0-9]*\.md$") -eq 2000 &&
	f=b/backlog/MKT-1999.md &&
	grep -q "^title: Row 1999 nurture$" $f &&
	grep -q "^effort: 8$" $f &&
	test $(wc -c <$f) -gt 18000 &&
	git -C b diff --quiet HEAD -- backlog &&
	git -C b diff-files --quiet &&
	git_clean b &&
	! find b -name "*.docket-tmp-*" | grep -q .
'

test_expect 'importing it again changes nothing' '
	git -C b rev-parse HEAD >before &&
	"$DOCKET" -C b import csv "$TRASH/rows.csv" --id-column id >again 2>err &&
	grep -q "^0 added, 0 updated, 2000 unchanged, 0 in conflict$" again &&
	grep -q "^Nothing changed: no commit$" again &&
	git -C b rev-parse HEAD >after &&
	test_cmp before after
'

test_expect 'a hook that refuses the re-import leaves every file as it was' '
	printf "#!/bin/sh\necho refused by the hook >&2\nexit 1\n" >b/.git/hooks/pre-commit &&
	chmod +x b/.git/hooks/pre-commit &&
	expect_code 1 "$DOCKET" -C b import csv "$TRASH/changed.csv" --id-column id >out 2>err &&
	grep -q "refused by the hook" err &&
	grep -q "nothing is committed, and the files docket wrote are as they were" err &&
	git -C b rev-parse HEAD >after &&
	test_cmp before after &&
	git_clean b &&
	! find b -name "*.docket-tmp-*" | grep -q .
'

test_expect 'accepted, the re-import commits exactly the changed items' '
	rm b/.git/hooks/pre-commit &&
	"$DOCKET" -C b import csv "$TRASH/changed.csv" --id-column id >out 2>err &&
	grep -q "^0 added, 666 updated, 1334 unchanged, 0 in conflict$" out &&
	test $(git -C b show --name-only --format= HEAD | wc -l) -eq 666 &&
	grep -q "^title: Row 1998 onboarding again$" b/backlog/MKT-1998.md &&
	git_clean b
'

test_done
