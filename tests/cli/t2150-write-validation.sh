#!/bin/sh
# Validate on write (issue 16): every write command runs check's rules on
# what it changes before anything is written.  A write that would add an
# error is refused with exit 1, the finding as check prints it and the
# command that fixes it; the files and git status stay as they were.
# Errors already there never block an unrelated write; warnings print
# and the write goes on.  Every command an error suggests exists, with
# the options it names.
. "$DOCKET_TESTS/cli/lib.sh"
export DOCKET_TODAY=2026-11-20

test_expect 'setup: goals, a cycle, an idea, a ready bau item with a box, a done item' '
	new_repo b && docket -C b init >/dev/null 2>&1 &&
	printf "goals:\n  pipeline: qualified leads\n" >>b/docket.yaml &&
	mkdir -p b/backlog/cycles &&
	printf -- "---\nname: 2026-12\nstart: 2026-11-30\nend: 2026-12-11\ncapacity: 10\ncommitted: []\n---\n" >b/backlog/cycles/2026-12.md &&
	printf -- "---\nid: MKT-1\ntitle: An idea\ntype: experiment\nstatus: idea\n---\n" >b/backlog/MKT-1.md &&
	printf -- "---\nid: MKT-2\ntitle: Newsletter\ntype: bau\nstatus: ready\neffort: 2\ncustomer_value: 3\nbusiness_value: 4\n---\n## Definition of Done\n- [ ] Sent\n" >b/backlog/MKT-2.md &&
	printf -- "---\nid: MKT-3\ntitle: Shipped\ntype: bau\nstatus: done\neffort: 1\ncustomer_value: 3\nbusiness_value: 4\nfinished: 2026-11-01\n---\n" >b/backlog/MKT-3.md &&
	printf "MKT-2\nMKT-1\n" >b/backlog/ORDER &&
	printf "#!/bin/sh\n# args: \$*\nsed -i \"\$1\" \"\$2\"\n" >ed && chmod +x ed &&
	git -C b add -A && git -C b commit -qm setup &&
	docket -C b check >out 2>&1
'

# refused RULE CMD...: exit 1, RULE named on stderr as check prints it
# (path:line:col: error: ... [RULE]) with a fix line, or the refusal
# message RULE; no byte of the backlog and nothing of git's changed.
n=0
refused() {
	rule=$1
	shift
	n=$((n + 1))
	rm -rf snap && cp -R b snap && git -C b rev-parse HEAD >head.before &&
	expect_code 1 "$@" 2>err.$n &&
	cat err.$n >>all-errors &&
	if grep -q "^\[" err.$n; then :; fi &&
	case $rule in
	*" "*) grep -qF "$rule" err.$n ;;
	*) grep -qE "^backlog/[^ ]*:[0-9]+:[0-9]+: error: .*\[$rule\]$" err.$n &&
	   grep -qE "^  fix: docket " err.$n &&
	   grep -q "refused: this change would add" err.$n ;;
	esac &&
	diff -r -x .git snap b &&
	test "$(git -C b rev-parse HEAD)" = "$(cat head.before)" &&
	test -z "$(git -C b status --porcelain)" ||
	{ echo "row $n: $rule: $*" >&2; cat err.$n >&2; return 1; }
}

test_expect 'new: each kind of invalid value is refused, nothing written' '
	refused no-direct-assignment docket -C b new "Idea" --set assignee=Jonas &&
	refused goal-unknown docket -C b new "Idea" --set goal=revenue &&
	refused ref-unknown docket -C b new "Idea" --set depends_on=MKT-99 &&
	refused ref-unknown docket -C b new "Idea" --set cycle=nope &&
	refused range docket -C b new "Idea" --set customer_value=11 &&
	refused range docket -C b new "Idea" --set effort=-2 &&
	refused experiment-incomplete docket -C b new "Idea" --set status=ready \
		--set effort=1 --set customer_value=2 --set business_value=3 &&
	refused dod-unchecked docket -C b new "Idea" --type bau --body "## Definition of Done
- [ ] Sent" --set status=done --set effort=1 --set customer_value=2 --set business_value=3 &&
	refused enum docket -C b new "Idea" --set status=finished
'

test_expect 'followup: the same, inherited values included' '
	refused no-direct-assignment docket -C b followup MKT-3 "Next" --set owner=Jonas &&
	refused ref-unknown docket -C b followup MKT-3 "Next" --set depends_on=MKT-42 &&
	refused range docket -C b followup MKT-3 "Next" --set business_value=0
'

test_expect 'set and its status shorthands: each kind refused, nothing written' '
	refused no-direct-assignment docket -C b set MKT-1 assignee=Jonas &&
	refused experiment-incomplete docket -C b set MKT-1 status=ready effort=1 customer_value=2 business_value=3 &&
	refused goal-unknown docket -C b set MKT-1 goal=revenue &&
	refused ref-unknown docket -C b set MKT-1 depends_on=MKT-99 &&
	refused ref-unknown docket -C b set MKT-1 cycle=nope &&
	refused range docket -C b set MKT-2 customer_value=11 &&
	refused range docket -C b set MKT-2 effort=0 &&
	refused "status must be one of" docket -C b set MKT-1 status=finished &&
	refused required docket -C b start MKT-1 &&
	refused required docket -C b block MKT-1 --reason "waits for legal" &&
	refused "Definition-of-Done box is unchecked" docket -C b done MKT-2 &&
	refused "Definition-of-Done box is unchecked" docket -C b set MKT-2 status=done &&
	refused dependency-cycle docket -C b set MKT-2 depends_on=MKT-2
'

test_expect 'move, edit and renumber are validated the same way' '
	refused "closed items leave ORDER" docket -C b move MKT-3 --top &&
	refused no-direct-assignment env VISUAL="$PWD/ed s/^type:.experiment/owner:\\ Jonas/" "$DOCKET" -C b edit MKT-1 &&
	rm -f b/.git/docket/drafts/MKT-1.md &&
	refused range env VISUAL="$PWD/ed s/^effort:.2/effort:\\ -1/" "$DOCKET" -C b edit MKT-2 &&
	rm -f b/.git/docket/drafts/MKT-2.md &&
	refused "is in use already" docket -C b renumber MKT-1 MKT-2
'

test_expect 'plan --apply: a cycle over its capacity is refused' '
	git -C b rev-parse HEAD >h &&
	printf -- "---\nid: MKT-4\ntitle: Big\ntype: bau\nstatus: doing\neffort: 8\ncustomer_value: 3\nbusiness_value: 4\n---\n" >b/backlog/MKT-4.md &&
	printf "MKT-4\nMKT-2\nMKT-1\n" >b/backlog/ORDER &&
	git -C b add -A && git -C b commit -qm "Big one" &&
	refused cycle-capacity docket -C b plan 2027-01 --start 2027-01-04 --capacity 3 --apply &&
	git -C b reset -q --hard "$(cat h)"
'

test_expect 'an error already in the file does not block an unrelated valid set' '
	printf -- "---\nid: MKT-5\ntitle: Legacy\nstatus: idea\nassignee: Jonas\n---\n" >b/backlog/MKT-5.md &&
	git -C b add -A && git -C b commit -qm legacy &&
	docket -C b set MKT-5 title="Legacy, renamed" 2>err &&
	grep -qx "title: Legacy, renamed" b/backlog/MKT-5.md && git_clean b &&
	test "$(git -C b log -1 --format=%s)" != legacy &&
	expect_code 1 docket -C b check >out 2>&1 && grep -q "no-direct-assignment" out &&
	refused goal-unknown docket -C b set MKT-5 goal=revenue
'

test_expect 'a warning prints and the write goes on' '
	docket -C b set MKT-1 colour=red 2>err &&
	grep -q "warning: .*\[unknown-field\]" err &&
	grep -qx "colour: red" b/backlog/MKT-1.md && git_clean b
'

test_expect 'the issue'\''s scenario: the writes that would add errors are refused, check finds none' '
	git -C b rev-parse HEAD >h &&
	expect_code 1 docket -C b new "Idea" --set assignee=Jonas 2>>all-errors &&
	expect_code 1 docket -C b set MKT-1 status=ready 2>>all-errors &&
	expect_code 1 docket -C b set MKT-1 goal=revenue depends_on=MKT-99 cycle=nope 2>>all-errors &&
	test "$(git -C b rev-parse HEAD)" = "$(cat h)" && git_clean b &&
	{ docket -C b check >out 2>&1 || true; } &&
	test "$(grep "error:" out | grep -vc "MKT-5.md")" = 0
'

test_expect 'every command an error suggests exists, with the options it names' '
	grep -hoE "(fix: |\()docket [a-z-]+[^)]*" all-errors | sed -E "s/^(fix: |\()//" | sort -u >suggested &&
	test -s suggested && cat suggested &&
	while read -r _d cmd rest; do
		docket help "$cmd" >help.txt 2>&1 || { echo "no command $cmd" >&2; exit 1; }
		for w in $rest; do
			case $w in
			--*) grep -qE -- "(^|[ [])$w([ ,=]|$)" help.txt ||
				{ echo "docket $cmd has no $w" >&2; exit 1; } ;;
			esac
		done
	done <suggested
'

test_done
