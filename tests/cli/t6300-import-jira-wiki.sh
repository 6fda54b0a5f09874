#!/bin/sh
# docket import jira: descriptions and comments written in Jira's wiki
# markup come in as Markdown (formats/jira_wiki.h; the converter's own
# cases are in tests/unit/test_jira_wiki.c): headings, emphasis, lists,
# links, code left alone, quotes, tables; on the real exports every
# mention and link of the raw file is still there, converted.
. "$DOCKET_TESTS/cli/lib.sh"

REAL="$DOCKET_TESTS/fixtures/import/real"

fresh() {
	new_repo "$1" &&
	docket -C "$1" init --prefix "${2:-MKT}" 2>/dev/null
}

cat >wiki.csv <<'CSV'
Summary,Issue key,Issue id,Issue Type,Status,Description,Comment,Comment
Spring brief,CAMP-1,10001,Task,To Do,"h2. Goals
* Reach *new* buyers
** in two markets
# First step
See [the brief|https://ex.com/brief] and {{utm_source}}.
{code:sql}
select *bold* from [x|y];
{code}
{quote}
Said by the client
{quote}
||Channel||Budget||
|Email|500|","01/Dec/26 9:00 AM;acc-1;*ship* it by [~accountid:abc]","02/Dec/26 9:00 AM;acc-2;-old plan-"
CSV

test_expect 'a description in wiki markup becomes a Markdown body' '
	fresh w CAMP &&
	docket -C w import jira "$TRASH/wiki.csv" >out 2>err &&
	f=$(grep -lx "source: jira CAMP-1" w/backlog/*.md) &&
	sed -n "/^---$/,/^---$/!p" "$f" >body &&
	cat >want <<-\EOF &&
	## Goals
	- Reach **new** buyers
	  - in two markets
	1. First step
	See [the brief](https://ex.com/brief) and `utm_source`.
	```sql
	select *bold* from [x|y];
	```
	> Said by the client

	| Channel | Budget |
	| --- | --- |
	| Email | 500 |
	EOF
	head -n "$(wc -l <want)" body >got &&
	test_cmp want got
'

test_expect 'comments keep their date and author; their text is Markdown' '
	f=$(grep -lx "source: jira CAMP-1" w/backlog/*.md) &&
	sed -n "/^<!-- docket:import comments -->$/,/^<!-- \/docket:import -->$/p" "$f" >got &&
	cat >want <<-\EOF &&
	<!-- docket:import comments -->
	## Comments

	- acc-1 (2026-12-01 9:00 AM):
	  **ship** it by @accountid:abc
	- acc-2 (2026-12-02 9:00 AM):
	  ~~old plan~~
	<!-- /docket:import -->
	EOF
	test_cmp want got
'

test_expect 'check finds nothing in the converted body' '
	docket -C w check >check.out 2>&1 || :
	grep -q "^backlog/CAMP-1.md:" check.out || grep -q "^0 errors" check.out &&
	! grep "^backlog/CAMP-1.md:" check.out | grep -v "\[required\]$"
'

cat >marks.py <<'PY'
import csv, glob, re, sys
path, backlog = sys.argv[1:3]
with open(path, newline="", encoding="utf-8-sig") as fh:
    rows = list(csv.reader(fh))
head, rows = rows[0], rows[1:]
cols = [i for i, h in enumerate(head) if h in ("Description", "Comment")]
raw = "\n".join(r[i] for r in rows for i in cols)
items = "\n".join(open(p, encoding="utf-8").read() for p in glob.glob(backlog + "/*.md"))
mentions = re.findall(r"\[~([^\]|\[]+)\]", raw)
links = re.findall(r"\[([^\]|\[]+)\|([^\]|\[]+)\]", raw)
bad = [m for m in mentions if "@" + m not in items]
bad += [t for t, u in links if "[%s](" % t.strip() not in items]
left = len(re.findall(r"\[~[^\]]+\]", items))
print("ok" if not bad and not left and (mentions or links) else (bad, left))
PY

for x in planeso-tes clearcorrect-cccsg; do
	test_expect "jira $x: every mention and link of the raw file, converted" '
		fresh '$x' &&
		docket -C '$x' import jira "$REAL/jira/'$x'/Jira.csv" >out 2>err &&
		python3 marks.py "$REAL/jira/'$x'/Jira.csv" '$x'/backlog >got &&
		cat got && test "$(cat got)" = ok
	'
done

test_done
