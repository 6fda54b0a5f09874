#!/bin/sh
# The example backlog (examples/banking-app) and the demo that tours it.
. "$DOCKET_TESTS/cli/lib.sh"

EXAMPLE="$DOCKET_TESTS/../examples/banking-app"
DEMO="$DOCKET_TESTS/../scripts/demo.sh"

# The ids of ORDER, comments and blank lines left out.
order_ids() {
	sed -e 's/#.*//' -e 's/[[:space:]]//g' -e '/^$/d' "$1"
}

# The committed ids of a cycle file, one a line.
committed_ids() {
	sed -n 's/^committed:[[:space:]]*\[\(.*\)\][[:space:]]*$/\1/p' "$1" |
		tr ',' '\n' | sed -e 's/[[:space:]]//g' -e '/^$/d'
}

# A cycle file's scalar field.
cycle_field() {
	sed -n "s/^$2:[[:space:]]*//p" "$1" | sed 's/[[:space:]]*$//'
}

test_expect 'setup: the example in a git repository' '
	example_repo ex &&
	docket -C ex list --all --format json >items.json &&
	jq -e "length > 0" items.json >/dev/null
'

test_expect 'check finds no errors and no warnings in the example' '
	docket -C ex check >out &&
	docket -C ex check --strict --format json >check.json &&
	jq -e ".errors == 0 and .warnings == 0" check.json >/dev/null
'

test_expect 'list --format json returns every item file, at least 45' '
	(cd ex/backlog && ls | sed -n "s/^\(MKT-[0-9]*\)\.md$/\1/p") | sort >files &&
	jq -r ".[].id" items.json | sort >listed &&
	test_cmp files listed &&
	test "$(wc -l <files)" -ge 45 &&
	jq -r ".[].file" items.json | while read -r f; do test -f "ex/$f"; done
'

test_expect 'the example has experiments with results, BAU, improvements, stopped and blocked items' '
	jq -e "[.[] | select(.type == \"experiment\")] | length > ([.[] | select(.type != \"experiment\")] | length)" items.json &&
	for r in won lost inconclusive; do
		jq -e --arg r "$r" "any(.[]; .result == \$r)" items.json >/dev/null || exit 1
	done &&
	for t in bau improvement; do
		jq -e --arg t "$t" "any(.[]; .type == \$t)" items.json >/dev/null || exit 1
	done &&
	jq -e "all(.[] | select(.status == \"stopped\"); .stop_reason != null) and
	       ([.[] | select(.status == \"stopped\")] | length >= 2)" items.json &&
	jq -e "any(.[]; .status == \"blocked\" and .blocked_reason != null)" items.json &&
	jq -e "any(.[]; .follows != null) and any(.[]; .depends_on != null) and any(.[]; .mvl == true)" items.json
'

test_expect 'dates follow the status: created <= started <= finished; only closed items are finished' '
	jq -e "all(.[]; .created != null)" items.json &&
	jq -e "all(.[] | select(.status == \"done\"); .started != null and .finished != null and
	           .created <= .started and .started <= .finished)" items.json &&
	jq -e "all(.[] | select(.status == \"doing\" or .status == \"blocked\"); .started != null and .finished == null)" items.json &&
	jq -e "all(.[] | select(.status == \"idea\" or .status == \"ready\" or .status == \"planned\");
	           .started == null and .finished == null)" items.json
'

test_expect 'ORDER lists only existing, open items, the minimally viable launch first' '
	order_ids ex/backlog/ORDER >order &&
	test -s order &&
	while read -r id; do
		jq -e --arg id "$id" "any(.[]; .id == \$id and .status != \"done\" and .status != \"stopped\")" \
			items.json >/dev/null || { echo "ORDER: $id is unknown or closed"; exit 1; }
	done <order &&
	test -z "$(sort order | uniq -d)" &&
	awk "/^# Minimally viable launch/ { seen = 1 } /^[^#]/ && NF { exit !seen }" ex/backlog/ORDER &&
	awk "/^# Minimally viable launch/ { on = 1; next } /^#/ { on = 0 } on && NF { print \$1 }" \
		ex/backlog/ORDER >mvl &&
	test -s mvl &&
	while read -r id; do
		jq -e --arg id "$id" "any(.[]; .id == \$id and .mvl == true)" items.json >/dev/null ||
			{ echo "$id is in the MVL section but not mvl: true"; exit 1; }
	done <mvl
'

test_expect 'cycles: committed ids exist, every item with cycle: is committed there, today is in one' '
	ls ex/backlog/cycles/*.md >cycles && test "$(wc -l <cycles)" -ge 3 &&
	while read -r c; do
		committed_ids "$c" >ids && test -s ids || { echo "$c commits nothing"; exit 1; }
		while read -r id; do
			jq -e --arg id "$id" "any(.[]; .id == \$id)" items.json >/dev/null ||
				{ echo "$c: $id does not exist"; exit 1; }
		done <ids
		name=$(cycle_field "$c" name)
		jq -r --arg n "$name" ".[] | select(.cycle == \$n) | .id" items.json >mine
		while read -r id; do
			grep -qx "$id" ids || { echo "$id has cycle: $name but $c does not commit it"; exit 1; }
		done <mine
		test -n "$(cycle_field "$c" capacity)" && test -n "$(cycle_field "$c" goal)" &&
		grep -q "^## Showcase notes" "$c" && grep -q "^## Improvements" "$c" || exit 1
	done <cycles &&
	for c in $(cat cycles); do
		s=$(cycle_field "$c" start); e=$(cycle_field "$c" end)
		if [ ! "$s" \> 2026-12-01 ] && [ ! "$e" \< 2026-12-01 ]; then echo "$c"; fi
	done >current &&
	test "$(wc -l <current)" -eq 1
'

test_expect 'the demo runs to exit 0 and leaves the example untouched' '
	snap() { (cd "$EXAMPLE" && find . -type f | LC_ALL=C sort | xargs cksum); } &&
	snap >before &&
	mkdir tmp &&
	TMPDIR="$TRASH/tmp" sh "$DEMO" "$DOCKET" >demo.out 2>demo.err &&
	snap >after && test_cmp before after &&
	grep -q "^== 1\. " demo.out &&
	grep -q "MKT-16" demo.out &&
	grep -q "order-closed" demo.out &&
	repo=$(sed -n "s/^Done. The demo repository is //p" demo.out) &&
	case $repo in "$TRASH"/tmp/*) ;; *) echo "demo repository outside TMPDIR: $repo"; exit 1 ;; esac &&
	docket -C "$repo" check &&
	test -z "$(git -C "$repo" status --porcelain)"
'

test_expect 'the demo skips exactly the commands this docket does not have' '
	for cmd in rank move diff log plan huddle showcase report burnup export; do
		if docket help "$cmd" >/dev/null 2>&1; then
			! grep -Eq "docket $cmd.? is not in this build" demo.out ||
				{ echo "demo skipped $cmd, which exists"; exit 1; }
		else
			grep -Eq "docket $cmd.? is not in this build" demo.out ||
				{ echo "demo did not skip $cmd"; exit 1; }
		fi
	done
'

test_expect 'the demo writes the burn-up SVG and the site when those commands exist' '
	if docket help burnup >/dev/null 2>&1; then
		svg=$(sed -n "s/^Chart written to //p" demo.out) &&
		test -s "$svg" && grep -q "<svg" "$svg"
	fi &&
	if docket help export >/dev/null 2>&1; then
		site=$(sed -n "s/^Site written to \([^ ]*\) .*/\1/p" demo.out) &&
		test -s "$site/index.html"
	fi
'

test_expect 'the demo refuses a missing binary with exit 2' '
	expect_code 2 sh "$DEMO" "$TRASH/no-such-docket" 2>err &&
	grep -q "no docket binary" err
'
test_done
