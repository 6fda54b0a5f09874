#!/bin/sh
# The actions of docket serve over plain HTTP, as the pages' forms and
# script send them: each is one commit made by the command's own code
# (same messages and commit text), carries the versions of the files it
# changes (409 with what changed, nothing written, when one changed),
# shows refusals next to their field (nothing written), writes only the
# bytes it must, never commits unrelated work, and commits as the
# token's person.
. "$DOCKET_TESTS/cli/lib.sh"
. "$DOCKET_TESTS/cli/lib-serve.sh"

export DOCKET_TODAY=2026-12-04
new_repo b
docket -C b init -q 2>/dev/null
sed -i "s/^definition_of_done: .*/definition_of_done: [Copy reviewed, Results recorded]/" b/docket.yaml
cat >b/backlog/MKT-1.md <<'MD'
---
id: MKT-1
title: Video teaser   # keep this comment
type: experiment
status: ready
effort: 3
customer_value: 5
business_value: 7
hypothesis: A video brings leads
metric: leads
target: 50
x_custom: { kept: as written }
---
Why: more leads.

## Definition of Done
- [ ] Copy reviewed
- [ ] Results recorded
MD
printf -- "---\r\nid: MKT-2\r\ntitle: Newsletter slot\r\ntype: bau\r\nstatus: ready\r\neffort: 2\r\ncustomer_value: 4\r\nbusiness_value: 4\r\n---\r\nA CRLF file.\r\n" >b/backlog/MKT-2.md
printf -- "---\nid: MKT-3\ntitle: Press kit\ntype: bau\nstatus: ready\neffort: 1\ncustomer_value: 3\nbusiness_value: 3\n---\n" >b/backlog/MKT-3.md
printf -- "---\nid: MKT-4\ntitle: Podcast slot\ntype: bau\nstatus: idea\n---\n" >b/backlog/MKT-4.md
printf 'MKT-1\nMKT-2\nMKT-3\n' >b/backlog/ORDER
git -C b add -A && git -C b commit -qm "Four items"

serve_start b
J="$TRASH/jar"
serve_login "$J"
hq -j "$J" -o page.html GET / >/dev/null

# post [httpc options] PATH: a form with the session's token (the page's)
post() {
	hq -j "$J" -t page.html "$@"
}
ver() {
	git -C b hash-object "backlog/$1.md"
}
subject() {
	git -C b log -1 --format=%s
}

test_expect 'the intake form: a new idea, one commit, the id shown at once' '
	head=$(git -C b rev-parse HEAD) &&
	test "$(post -o r.html -d "title=Shorter onboarding email" -d type=experiment \
		-d "body=Why: fewer drop-offs." -d "hypothesis=A shorter email is read" \
		-d metric=opens -d target=40 -d "requested_by=Retail banking" POST /new)" = 303 &&
	grep -qx "Location: /new?created=MKT-5" r.html.h &&
	test "$(subject)" = "Add MKT-5: Shorter onboarding email" &&
	test "$(git -C b rev-list --count "$head"..HEAD)" = 1 &&
	grep -qx "hypothesis: A shorter email is read" b/backlog/MKT-5.md &&
	grep -qx "requested_by: Retail banking" b/backlog/MKT-5.md &&
	grep -qx "Why: fewer drop-offs." b/backlog/MKT-5.md &&
	grep -qx -- "- \[ \] Copy reviewed" b/backlog/MKT-5.md &&
	hq -j "$J" -o n.html GET "/new?created=MKT-5" >/dev/null &&
	grep -q "Submitted as <a href=\"/items/MKT-5.html\"><strong class=\"newid\">MKT-5</strong></a>" n.html &&
	git_clean b
'

test_expect 'the intake answers JSON to the script: the id and its page' '
	test "$(post --json -o r.json -d "title=Retarget lapsed users" -d type=bau POST /new)" = 200 &&
	jq -e ".ok == true and .id == \"MKT-6\" and .location == \"/items/MKT-6.html\" and (.commit | length) >= 7" r.json &&
	test "$(subject)" = "Add MKT-6: Retarget lapsed users" &&
	! grep -q "hypothesis" b/backlog/MKT-6.md
'

test_expect 'a refused idea is shown again with the message, nothing written (400)' '
	head=$(git -C b rev-parse HEAD) &&
	test "$(post -o r.html -d "title=" -d type=bau -d "body=kept text" POST /new)" = 400 &&
	grep -q "the title must be one non-empty line" r.html &&
	grep -q ">kept text</textarea>" r.html &&
	test "$(git -C b rev-parse HEAD)" = "$head" && git_clean b
'

test_expect 'editing fields writes only those fields, in place; one commit as set makes it' '
	v=$(ver MKT-1) && cp b/backlog/MKT-1.md before &&
	test "$(post -o r.html -d version=$v -d "fm.title=Video teaser" -d fm.effort=5 \
		-d fm.customer_value=5 -d "fm.business_value=7" -d "fm.tags=video, social" \
		-d "body=Why: more leads.

## Definition of Done
- [ ] Copy reviewed
- [ ] Results recorded
" POST /items/MKT-1/edit)" = 303 &&
	grep -qx "Location: /items/MKT-1.html" r.html.h &&
	test "$(subject)" = "Set MKT-1 effort 3 → 5, tags [video, social]" &&
	diff before b/backlog/MKT-1.md >d || true &&
	test "$(grep -c "^[<>]" d)" = 3 &&
	grep -qx "title: Video teaser   # keep this comment" b/backlog/MKT-1.md &&
	grep -qx "x_custom: { kept: as written }" b/backlog/MKT-1.md &&
	grep -qx "tags: \[video, social\]" b/backlog/MKT-1.md && git_clean b
'

test_expect 'editing the body is an edit: the front matter and the line ends stay (CRLF)' '
	v=$(ver MKT-2) &&
	test "$(post -o r.html -d version=$v -d "body=A CRLF file.
Now with a second line.
" POST /items/MKT-2/edit)" = 303 &&
	test "$(subject)" = "Edit MKT-2" &&
	printf -- "---\r\nid: MKT-2\r\ntitle: Newsletter slot\r\ntype: bau\r\nstatus: ready\r\neffort: 2\r\ncustomer_value: 4\r\nbusiness_value: 4\r\n---\r\nA CRLF file.\r\nNow with a second line.\r\n" >want &&
	cmp want b/backlog/MKT-2.md && git_clean b
'

test_expect 'a form made from an old version is refused with 409 and what changed; nothing written' '
	old=$(ver MKT-3) &&
	docket -C b set MKT-3 effort=2 title="Press kit v2" 2>/dev/null &&
	head=$(git -C b rev-parse HEAD) &&
	test "$(post --json -o r.json -d version=$old -d fm.effort=8 POST /items/MKT-3/edit)" = 409 &&
	jq -e ".conflict == true and .version == \"$(ver MKT-3)\"" r.json &&
	jq -e "[.changed[] | .field] == [\"title\", \"effort\"]" r.json &&
	jq -e ".changed[1].from == \"1\" and .changed[1].to == \"2\"" r.json &&
	test "$(git -C b rev-parse HEAD)" = "$head" && git_clean b
'

test_expect 'without the script the form comes back: the conflict, and only what the person changed kept' '
	old=$(git -C b rev-parse HEAD~1:backlog/MKT-3.md) &&
	test "$(post -o r.html -d version=$old -d "fm.title=Press kit" -d fm.effort=8 POST /items/MKT-3/edit)" = 409 &&
	grep -q "Changed since you opened it" r.html &&
	grep -q "<td>title</td><td>Press kit</td><td>Press kit v2</td>" r.html &&
	grep -q "name=\"fm.effort\" value=\"8\"" r.html &&
	grep -q "name=\"fm.title\" value=\"Press kit v2\"" r.html &&
	grep -q "name=\"version\" value=\"$(ver MKT-3)\"" r.html
'

test_expect 'a write that would add an error is refused next to its field (422); nothing written' '
	v=$(ver MKT-3) && head=$(git -C b rev-parse HEAD) &&
	test "$(post -o r.html -d version=$v -d fm.depends_on=MKT-99 -d "body=x" POST /items/MKT-3/edit)" = 422 &&
	grep -q "<p class=\"ferr\" id=\"e-fm.depends_on\">depends_on names MKT-99, but there is no item MKT-99" r.html &&
	test "$(post --json -o r.json -d version=$v -d fm.follows=MKT-98 POST /items/MKT-3/edit)" = 422 &&
	jq -e ".findings[0].field == \"follows\" and .findings[0].rule == \"ref-unknown\"" r.json &&
	test "$(post --json -o r.json -d version=$v -d fm.customer_value=11 POST /items/MKT-3/edit)" = 422 &&
	jq -e ".findings[0].field == \"customer_value\"" r.json &&
	test "$(post --json -o r.json -d version=$v -d fm.effort=abc POST /items/MKT-3/edit)" = 400 &&
	jq -e ".findings[0].field == \"effort\" and (.error | test(\"not a number\"))" r.json &&
	test "$(git -C b rev-parse HEAD)" = "$head" && git_clean b
'

test_expect 'status changes: start, block with its reason, done with a result, stop' '
	test "$(post -o r.html -d version=$(ver MKT-3) POST /items/MKT-3/start)" = 303 &&
	test "$(subject)" = "MKT-3: ready → doing" &&
	test "$(post --json -o r.json -d version=$(ver MKT-3) -d to=blocked POST /items/MKT-3/status)" = 422 &&
	jq -e ".error | test(\"reason\")" r.json &&
	test "$(post -o r.html -d version=$(ver MKT-3) -d to=blocked -d "reason=waits for legal" -d back=/board POST /items/MKT-3/status)" = 303 &&
	grep -qx "Location: /board" r.html.h &&
	grep -qx "blocked_reason: waits for legal" b/backlog/MKT-3.md &&
	test "$(post -o r.html -d version=$(ver MKT-3) -d "reason=not worth it" POST /items/MKT-3/stop)" = 303 &&
	test "$(subject)" = "MKT-3: blocked → stopped" &&
	! grep -qx MKT-3 b/backlog/ORDER && git_clean b
'

test_expect 'done needs the boxes: ticked one by one (a byte each), then done with its result' '
	v=$(ver MKT-1) &&
	test "$(post --json -o r.json -d version=$v -d result=won -d actual=61 POST /items/MKT-1/done)" = 422 &&
	jq -e ".error | test(\"docket tick MKT-1\")" r.json &&
	test "$(post -o r.html -d version=$(ver MKT-1) -d box=1 -d check=1 POST /items/MKT-1/dod)" = 303 &&
	test "$(subject)" = "Tick MKT-1: Copy reviewed" &&
	test "$(post -o r.html -d version=$(ver MKT-1) -d box=2 -d check=1 POST /items/MKT-1/dod)" = 303 &&
	test "$(post -o r.html -d version=$(ver MKT-1) -d result=won -d actual=61 POST /items/MKT-1/done)" = 303 &&
	grep -qx "result: won" b/backlog/MKT-1.md && grep -qx "status: done" b/backlog/MKT-1.md &&
	test "$(post -o r.html -d version=$(ver MKT-1) -d "title=Longer teaser" POST /items/MKT-1/followup)" = 303 &&
	grep -qx "Location: /items/MKT-7.html" r.html.h && grep -qx "follows: MKT-1" b/backlog/MKT-7.md
'

test_expect 'a reorder: to the top, below another; one commit each, as move writes it' '
	hq -j "$J" -o page.html GET / >/dev/null &&
	o=$(git -C b hash-object b/backlog/ORDER 2>/dev/null || git -C b hash-object backlog/ORDER) &&
	test "$(post --json -o r.json -d id=MKT-4 -d where=top -d order=$o POST /move)" = 200 &&
	jq -e ".ok and (.message | startswith(\"Rank MKT-4 unranked → #1 (above MKT-2)\"))" r.json &&
	test "$(subject)" = "Rank MKT-4 unranked → #1 (above MKT-2)" &&
	test "$(post -o r.html -d id=MKT-4 -d where=below -d ref=MKT-2 -d order=$(git -C b hash-object backlog/ORDER) POST /move)" = 303 &&
	grep -qx "Location: /" r.html.h &&
	test "$(tr "\n" " " <b/backlog/ORDER)" = "MKT-2 MKT-4 " && git_clean b
'

test_expect 'a reorder from an old ORDER: refused only when its item or neighbour moved since' '
	printf "MKT-2\nMKT-4\nMKT-5\nMKT-6\n" >b/backlog/ORDER && git -C b commit -qam "Rank two more" &&
	stale=$(git -C b hash-object backlog/ORDER) &&
	docket -C b move MKT-6 --top 2>/dev/null &&
	head=$(git -C b rev-parse HEAD) &&
	test "$(post --json -o r.json -d id=MKT-6 -d where=bottom -d order=$stale POST /move)" = 409 &&
	jq -e ".changed == [{\"field\": \"rank of MKT-6\", \"from\": \"#4\", \"to\": \"#1\"}]" r.json &&
	test "$(post --json -o r.json -d id=MKT-2 -d where=below -d ref=MKT-6 -d order=$stale POST /move)" = 409 &&
	test "$(git -C b rev-parse HEAD)" = "$head" &&
	test "$(post --json -o r.json -d id=MKT-2 -d where=below -d ref=MKT-5 -d order=$stale POST /move)" = 200 &&
	test "$(tr "\n" " " <b/backlog/ORDER)" = "MKT-6 MKT-4 MKT-5 MKT-2 " && git_clean b
'

test_expect 'bad action requests: 400 or 404 with a clear message, nothing written' '
	head=$(git -C b rev-parse HEAD) &&
	test "$(post -o r.html -d id=MKT-2 -d where=sideways POST /move)" = 400 && grep -q "Where to?" r.html &&
	test "$(post -o r.html -d "id=../../x" -d where=top POST /move)" = 400 &&
	test "$(post -o r.html -d id=MKT-2 -d where=above -d ref=MKT-2 POST /move)" = 400 &&
	test "$(post -o r.html -d version=x -d box=9 -d check=1 POST /items/MKT-5/dod)" = 409 &&
	test "$(post -o r.html -d version=$(ver MKT-5) -d box=9 -d check=1 POST /items/MKT-5/dod)" = 422 &&
	test "$(post -o r.html -d version=$(ver MKT-5) -d box=x -d check=1 POST /items/MKT-5/dod)" = 400 &&
	test "$(post -o r.html -d version=x -d to=doing POST /items/MKT-99/status)" = 404 &&
	test "$(post -o r.html -d version=$(ver MKT-5) -d to=sideways POST /items/MKT-5/status)" = 400 &&
	test "$(post -o r.html POST /items/MKT-5/nothing)" = 404 &&
	test "$(git -C b rev-parse HEAD)" = "$head" && git_clean b
'

test_expect 'a commit holds only what docket changed: staged and unstaged work stays out' '
	echo "draft notes" >b/notes.txt && git -C b add notes.txt &&
	echo "unrelated" >>b/README-team.txt &&
	test "$(post -o r.html -d version=$(ver MKT-5) -d fm.effort=2 POST /items/MKT-5/edit)" = 303 &&
	test "$(git -C b show --name-only --format= HEAD)" = backlog/MKT-5.md &&
	git -C b diff --cached --name-only | grep -qx notes.txt &&
	test -f b/README-team.txt && git -C b reset -q notes.txt && rm b/notes.txt b/README-team.txt
'

test_expect 'the cycle plan: applied as plan --apply makes it, from the versions the page showed' '
	hq -j "$J" -o c.html GET "/cycle?plan=next" >/dev/null &&
	name=$(sed -n "s/.*name=\"name\" value=\"\([^\"]*\)\".*/\1/p" c.html) &&
	versions=$(sed -n "s/.*name=\"versions\" value=\"\([^\"]*\)\".*/\1/p" c.html) &&
	test -n "$name" && test -n "$versions" &&
	echo "$versions" | grep -q "^MKT-2=$(ver MKT-2)" &&
	docket -C b set MKT-2 business_value=6 2>/dev/null &&
	test "$(post --json -o r.json -d name=$name -d "versions=$versions" POST /cycle/plan)" = 409 &&
	hq -j "$J" -o c.html GET "/cycle?plan=next" >/dev/null &&
	versions=$(sed -n "s/.*name=\"versions\" value=\"\([^\"]*\)\".*/\1/p" c.html) &&
	test "$(post -o r.html -d name=$name -d "versions=$versions" POST /cycle/plan)" = 303 &&
	grep -qx "Location: /cycle?name=$name" r.html.h &&
	test "$(subject | cut -d: -f1)" = "Plan cycle $name" && test -f b/backlog/cycles/$name.md
'

test_expect 'over the WIP limit a start is refused with the override offered; taken, it is recorded' '
	printf "rules:\n  wip-limit: { severity: error, max: 1 }\n" >>b/docket.yaml &&
	git -C b commit -qam "WIP limit 1" &&
	# doing needs effort and values (validate on write, issue 16)
	docket -C b set MKT-6 effort=2 customer_value=3 business_value=4 2>/dev/null &&
	docket -C b set MKT-4 effort=1 customer_value=2 business_value=3 2>/dev/null &&
	test "$(post -o r.html -d version=$(ver MKT-6) -d to=doing POST /items/MKT-6/status)" = 303 &&
	test "$(post --json -o r.json -d version=$(ver MKT-4) -d to=doing POST /items/MKT-4/status)" = 422 &&
	jq -e ".override == true and (.error | test(\"over the WIP limit of 1\"))" r.json &&
	grep -qx "status: idea" b/backlog/MKT-4.md &&
	test "$(post --json -o r.json -d version=$(ver MKT-4) -d to=doing -d over_wip=1 POST /items/MKT-4/status)" = 200 &&
	grep -q "^over_wip: " b/backlog/MKT-4.md && git_clean b
'

test_expect 'unblock returns an item to the status it had before block' '
	test "$(post -o r.html -d version=$(ver MKT-6) -d "reason=waits for the printer" POST /items/MKT-6/block)" = 303 &&
	hq -j "$J" -o i.html GET /items/MKT-6.html >/dev/null &&
	grep -q "action=\"/items/MKT-6/unblock\"" i.html &&
	test "$(post -o r.html -d version=$(ver MKT-6) -d over_wip=1 POST /items/MKT-6/unblock)" = 303 &&
	grep -qx "status: doing" b/backlog/MKT-6.md && ! grep -q "blocked_reason" b/backlog/MKT-6.md
'

test_expect 'an error that was there before never blocks an edit of the item; nothing else is refused' '
	printf -- "---\nid: MKT-9\ntitle: Old error\ntype: bau\nstatus: idea\ndepends_on: [MKT-99]\n---\nOld text.\n" >b/backlog/MKT-9.md &&
	git -C b add backlog/MKT-9.md && git -C b commit -qm "MKT-9, which names no item" &&
	test "$(post -o r.html -d version=$(ver MKT-9) -d "body=New text." POST /items/MKT-9/edit)" = 303 &&
	test "$(subject)" = "Edit MKT-9" && grep -qx "New text." b/backlog/MKT-9.md &&
	test "$(post -o r.html -d version=$(ver MKT-9) -d "fm.title=Old error, new title" POST /items/MKT-9/edit)" = 303 &&
	grep -qx "title: Old error, new title" b/backlog/MKT-9.md &&
	v=$(ver MKT-9) && head=$(git -C b rev-parse HEAD) &&
	test "$(post --json -o r.json -d version=$v -d fm.follows=MKT-98 -d "body=Newer." POST /items/MKT-9/edit)" = 422 &&
	jq -e ".findings | length == 1 and .[0].field == \"follows\"" r.json &&
	test "$(git -C b rev-parse HEAD)" = "$head" && test "$(ver MKT-9)" = "$v" && git_clean b &&
	! test -e b/.git/docket/drafts/MKT-9.md
'

test_expect 'a draft kept from an unsaved docket edit is never overwritten from the page' '
	mkdir -p b/.git/docket/drafts &&
	{ cat b/backlog/MKT-9.md && echo "My unsaved words."; } >b/.git/docket/drafts/MKT-9.md &&
	cp b/.git/docket/drafts/MKT-9.md draft.want && cp b/backlog/MKT-9.md file.want &&
	head=$(git -C b rev-parse HEAD) &&
	test "$(post --json -o r.json -d version=$(ver MKT-9) -d "body=From the page." POST /items/MKT-9/edit)" = 409 &&
	jq -e ".error | test(\"docket edit MKT-9\")" r.json &&
	cmp draft.want b/.git/docket/drafts/MKT-9.md && cmp file.want b/backlog/MKT-9.md &&
	test "$(git -C b rev-parse HEAD)" = "$head" && git_clean b &&
	rm b/.git/docket/drafts/MKT-9.md
'

serve_stop

cat >tokens <<'EOF'
0123456789abcdef0123 Sam Okafor <sam@example.com>
EOF
sed -i "s/^# owners:.*/owners:/; s/^#   - name: Dana Reyes/  - name: Dana Reyes/; s/^#     email: dana@example.com/    email: dana@example.com/" b/docket.yaml
git -C b commit -qam "Dana owns ORDER"
serve_start b --token-file "$TRASH/tokens"
K="$TRASH/tjar"

test_expect 'with a token file, changes are committed as the token'"'"'s person' '
	test "$(hq -j "$K" -d token=0123456789abcdef0123 POST /login)" = 200 &&
	hq -j "$K" -o page.html GET / >/dev/null &&
	grep -q "You are not a Marketing Owner of this backlog" page.html &&
	test "$(hq -j "$K" -t page.html -o r.html -d version=$(ver MKT-5) -d fm.effort=5 POST /items/MKT-5/edit)" = 303 &&
	test "$(git -C b log -1 --format="%an <%ae>|%cn <%ce>")" = "Sam Okafor <sam@example.com>|Sam Okafor <sam@example.com>"
'
test_done
