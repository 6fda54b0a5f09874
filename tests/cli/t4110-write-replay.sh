#!/bin/sh
# Never commit what check rejects (issue 16), replayed: in a fresh
# backlog with no hooks, every command that writes runs with valid values
# (each commit it makes is then checked with `docket check --rev COMMIT`:
# no error but the ones the scenario plants by hand, committed with git)
# and with invalid ones (refused: exit 1, no commit, no file changed).
# The write commands come from the command descriptors (cmd/*.c): a new
# command fails this test until it is replayed here or named as one that
# does not write the backlog.  Every command the refusals suggest
# ("fix: docket ...", "(docket ...)") parses against the descriptors.
. "$DOCKET_TESTS/cli/lib.sh"
export DOCKET_TODAY=2026-11-20

SRC=$(cd "$DOCKET_TESTS/.." && pwd)

# The commands that write, replayed below, and those that do not write
# the backlog (merge-order is git's merge driver, serve writes through
# the commands themselves, export writes a web site elsewhere).
WRITES="init import new set start block unblock done tick stop move followup edit plan rank renumber sync approve"
READS="list show check diff log burnup huddle showcase report export merge-order serve help"

# name needs: each descriptor of cmd/*.c, NEED_WRITE or not
awk '/^const struct command cmd_/ { c = 1; w = 0; name = ""; next }
	c && /^	\.name = "/ { name = $0; sub(/^	\.name = "/, "", name); sub(/".*/, "", name) }
	c && /^	\.needs = .*NEED_WRITE/ { w = 1 }
	c && /^};/ { print name, (w ? "write" : "other"); c = 0 }' "$SRC"/cmd/*.c | sort >descriptors

: >planted
: >ran
: >refused.ran

# errors_at REV: "rule file" for each error check finds at REV
errors_at() {
	set +e
	docket -C b check --rev "$1" --format json >check.json 2>check.err
	_rc=$?
	set -e
	case $_rc in 0|1) ;; *) echo "check --rev $1 failed ($_rc)" >&2; cat check.err >&2; return 1 ;; esac
	jq -r '.findings[] | select(.severity == "error") | "\(.rule) \(.file)"' check.json | sort -u
}

# checked FROM: every commit after FROM ("" for all) has no error that
# is not planted
checked() {
	if [ -n "$1" ]; then range="$1..HEAD"; else range=HEAD; fi
	for c in $(git -C b rev-list "$range"); do
		errors_at "$c" >errs &&
		sort -u planted >want &&
		comm -23 errs want >extra &&
		if [ -s extra ]; then
			echo "commit $(git -C b log -1 --format=%s "$c") has errors it did not plant:" >&2
			cat extra >&2
			jq -r ".findings[] | select(.severity == \"error\") | .message" check.json >&2
			return 1
		fi
	done
}

# w CMD ARGS...: a write with valid values: exit 0, at least one commit,
# each commit checked, nothing left uncommitted
w() {
	prev=$(git -C b rev-parse -q --verify HEAD || true)
	docket -C b "$@" >out 2>err || { echo "refused: docket $*" >&2; cat err >&2; return 1; }
	echo "$1" >>ran
	test "$(git -C b rev-parse -q --verify HEAD)" != "$prev" || { echo "no commit: docket $*" >&2; return 1; }
	checked "$prev" && git_clean b
}

# r CMD ARGS...: a write with an invalid value: exit 1, refused, no byte
# of the backlog and nothing of git's changed
r() {
	rm -rf snap && cp -R b snap && prev=$(git -C b rev-parse HEAD) &&
	expect_code 1 docket -C b "$@" >out 2>err || { cat err >&2; return 1; }
	echo "$1" >>refused.ran
	cat err >>all-errors
	diff -r -x .git snap b &&
	test "$(git -C b rev-parse HEAD)" = "$prev" && git_clean b
}

# plant "RULE FILE" TEXT: a hand edit that check rejects, committed with git
plant() {
	echo "$1" >>planted
	f=${1#* }
	printf -- "$2" >"b/$f"
	git -C b add -A && git -C b commit -qm "Hand edit: $1"
}

test_expect 'every command of the descriptors is replayed here or does not write' '
	test "$(wc -l <descriptors)" -ge 20 &&
	while read -r c kind; do
		case " $WRITES " in
		*" $c "*) ;;
		*) case " $READS " in
		   *" $c "*) test "$kind" != write ||
			{ echo "$c writes (NEED_WRITE) but is not replayed" >&2; exit 1; } ;;
		   *) echo "$c: a new command; replay it here or name it as one that does not write" >&2; exit 1 ;;
		   esac ;;
		esac
	done <descriptors &&
	docket help | awk "/^Commands:/ { c = 1; next } c && /^\$/ { exit } c { print \$1 }" | sort >listed &&
	cut -d" " -f1 descriptors >table && test_cmp table listed
'

test_expect 'setup: init in a fresh repository with no hooks, an import' '
	new_repo b && rm -rf b/.git/hooks && git -C b config core.hooksPath "$TRASH/no-hooks" &&
	w init &&
	git -C b rev-list HEAD >all && test "$(wc -l <all)" = 1 &&
	checked "" &&
	printf "goals:\n  pipeline: qualified leads\n" >>b/docket.yaml &&
	sed -i "s/^definition_of_done: .*/definition_of_done: [Copy reviewed]/" b/docket.yaml &&
	sed -i "s/^# owners:.*/owners:/; s/^#   - name: Dana Reyes/  - name: Dana Reyes/; s/^#     email: dana@example.com/    email: dana@example.com/" b/docket.yaml &&
	git -C b commit -qam "Goals, a Definition of Done, an owner" &&
	checked HEAD~1 &&
	cat >in.csv <<-EOF &&
	title,status,type,effort,customer_value,business_value,owner,description
	Partner webinar,idea,,,,,Sam,Ask two partners.
	Refresh the email footer,ready,bau,1,2,3,,The legal line changed.
	Landing page test,idea,experiment,3,7,8,Jonas,Hypothesis in the body only.
	EOF
	w import csv "$TRASH/in.csv" &&
	test -f b/backlog/MKT-3.md
'

test_expect 'new and followup: valid values commit clean, invalid ones are refused' '
	w new "Shorter onboarding email" --type experiment --set hypothesis="A shorter email is read" \
		--set metric=opens --set target=40 --set effort=2 --set customer_value=5 \
		--set business_value=6 --set goal=pipeline &&
	w new "Podcast slot" --type bau --set requested_by="Retail banking" --top &&
	r new "Idea" --set assignee=Jonas &&
	r new "Idea" --set goal=revenue &&
	r new "Idea" --set depends_on=MKT-99 &&
	r new "Idea" --set cycle=nope &&
	r new "Idea" --set customer_value=11 &&
	r new "Idea" --set status=finished &&
	w followup MKT-4 "Shorter email, second round" --set effort=1 &&
	r followup MKT-4 "Next" --set owner=Jonas &&
	r followup MKT-4 "Next" --set business_value=0
'

test_expect 'a planted error: later writes go on, and check still names only it' '
	plant "ref-unknown backlog/MKT-20.md" "---\nid: MKT-20\ntitle: Legacy\ntype: bau\nstatus: idea\ndepends_on: [MKT-99]\n---\n" &&
	checked HEAD~1 &&
	w set MKT-20 title="Legacy, renamed" &&
	r set MKT-20 goal=revenue
'

test_expect 'set and the status commands: valid values commit clean, invalid ones are refused' '
	w set MKT-5 effort=3 customer_value=4 business_value=5 tags=audio &&
	w set MKT-6 depends_on=MKT-5 &&
	r set MKT-1 assignee=Jonas &&
	r set MKT-3 status=ready &&
	r set MKT-1 depends_on=MKT-99 &&
	r set MKT-5 customer_value=11 &&
	r set MKT-5 effort=0 &&
	r set MKT-5 depends_on=MKT-6 &&
	r set MKT-1 status=finished &&
	w set MKT-5 status=ready &&
	w start MKT-5 &&
	r start MKT-1 &&
	w block MKT-5 --reason "waits for legal" &&
	r block MKT-1 --reason "waits for legal" &&
	w unblock MKT-5 &&
	r unblock MKT-1 &&
	r done MKT-5 &&
	w tick MKT-5 1 &&
	r tick MKT-5 9 &&
	w done MKT-5 &&
	w stop MKT-3 --reason "no budget" &&
	r stop MKT-1 --reason "" &&
	w start MKT-2 &&
	r done MKT-2 &&
	w done MKT-2 --force --reason "no review this week" &&
	grep -q "^dod_waived:" b/backlog/MKT-2.md
'

test_expect 'move, rank --apply, edit and renumber: valid commit clean, invalid refused' '
	w set MKT-4 status=ready &&
	w set MKT-6 customer_value=9 business_value=9 hypothesis="Two mails beat one" metric=opens target=45 status=ready &&
	w move MKT-6 --top &&
	w move MKT-4 --top &&
	r move MKT-5 --top &&
	w rank --apply &&
	printf "#!/bin/sh\nsed -i \"\$1\" \"\$2\"\n" >ed && chmod +x ed &&
	export VISUAL="$PWD/ed s/^title:.*/title:\\ Shorter\\ onboarding\\ mail/" &&
	w edit MKT-4 &&
	export VISUAL="$PWD/ed s/^effort:.2/effort:\\ -1/" &&
	r edit MKT-4 &&
	test -f b/.git/docket/drafts/MKT-4.md &&
	export VISUAL="$PWD/ed s/^effort:.-1/effort:\\ 3/" &&
	w edit MKT-4 && export VISUAL=: &&
	! test -e b/.git/docket/drafts/MKT-4.md &&
	w renumber MKT-6 MKT-30 &&
	test -f b/backlog/MKT-30.md &&
	r renumber MKT-1 MKT-4
'

test_expect 'plan --apply: a cycle that fits commits clean, one over capacity is refused' '
	w plan 2026-12 --start 2026-11-30 --capacity 20 --apply &&
	test -f b/backlog/cycles/2026-12.md &&
	w start MKT-4 &&
	r plan 2027-01 --start 2026-12-14 --capacity 1 --apply
'

test_expect 'sync and approve: a merge and an approval commit clean; a non-owner is refused' '
	git -C b checkout -q -b side &&
	w set MKT-1 title="An idea, from a branch" &&
	git -C b checkout -q main &&
	w move MKT-20 --top &&
	w sync side &&
	test "$(git -C b rev-list --count --merges HEAD~1..HEAD)" = 1 &&
	GIT_AUTHOR_NAME=Sam GIT_AUTHOR_EMAIL=sam@example.com GIT_COMMITTER_NAME=Sam \
		GIT_COMMITTER_EMAIL=sam@example.com r approve &&
	w approve
'

test_expect 'every write command ran, and each that takes values was refused one' '
	for c in $WRITES; do
		grep -qx "$c" ran || { echo "$c was not replayed" >&2; exit 1; }
	done &&
	for c in new followup set start block unblock done tick stop move edit renumber plan approve; do
		grep -qx "$c" refused.ran || { echo "$c was never refused" >&2; exit 1; }
	done &&
	checked ""
'

# parses CMD ARGS...: docket's parser takes the command line as its
# descriptor says (it gets as far as looking for the backlog, in a folder
# that holds none), with the placeholders of a suggestion filled in
parses() {
	mkdir -p nowhere &&
	set -- $(printf "%s\n" "$@" | awk -F= '{
		v = NF > 1 ? $2 : $1
		m["ID"] = "MKT-1"; m["NEW-ID"] = "MKT-77"; m["N"] = "3"; m["BOX"] = "1"
		m["TEXT"] = "x"; m["R"] = "x"; m["NAME"] = "Sam"; m["VALUE"] = "1"
		m["V"] = "1"; m["RESULT"] = "won"; m["KEY"] = "title"; m["DATE"] = "2026-12-01"
		if (v ~ /^[A-Z][A-Z-]*$/) { if (!(v in m)) { print "UNKNOWN-PLACEHOLDER-" v; next } v = m[v] }
		print (NF > 1 ? $1 "=" v : v) }') &&
	set +e
	docket -C nowhere "$@" >parse.out 2>parse.err
	_rc=$?
	set -e
	test "$_rc" = 2 && grep -q "not in a docket backlog" parse.err && ! grep -q "^usage:" parse.err
}

test_expect 'every command the refusals suggest parses against the command descriptors' '
	{ sed -n "s/^  fix: docket //p" all-errors &&
	  grep -o "[(:] *docket [a-z][a-z-]*[^)]*)" all-errors | sed "s/^[(:] *docket //; s/)\$//"; } |
		sort -u >suggested &&
	cat suggested &&
	grep -q "^set MKT-3 hypothesis=TEXT metric=TEXT target=TEXT\$" suggested &&
	grep -q "^done MKT-5 --force --reason TEXT\$" suggested &&
	grep -q "^tick MKT-5 BOX\$" suggested &&
	grep -q "^plan 2027-01 --capacity N\$" suggested &&
	while read -r line; do
		parses $line || { echo "does not parse: docket $line" >&2; cat parse.err >&2; exit 1; }
	done <suggested &&
	# ...and the test tells a command line that does not parse
	! parses set MKT-1 && ! parses stop MKT-1 --reason && ! parses done MKT-1 --waive &&
	! parses plan 2027-01 --capacity NAME
'

# The suggestions in the string literals of the source: "(docket CMD
# ...)", "'docket CMD ...'", "run docket CMD ...", "with/use docket CMD
# ...": CMD a command (or help topic), each --option one of its own.
source_suggestions() {
	grep -ohE '"([^"\\]|\\.)*"' "$SRC"/cmd/*.c "$SRC"/core/*.c "$SRC"/formats/*.c "$SRC"/server/*.c |
		grep -oE "(\(|'|\`|run |with |use )docket [a-z][a-z-]*[^)'\`\"]*" |
		sed -E "s/^(\(|'|\`|run |with |use )docket //" | sort -u >in-source &&
	test "$(wc -l <in-source)" -ge 20 &&
	grep -q "^done %s --force --reason TEXT" in-source &&
	while read -r cmd rest; do
		cmd=${cmd%,}
		case $cmd in again|inside) continue ;; esac  # "run docket again"
		docket help "$cmd" >h.txt 2>&1 || { echo "no command $cmd: docket $cmd $rest" >&2; return 1; }
		for wd in $rest; do
			case $wd in --*)
				o=$(printf %s "$wd" | grep -oE -- "^--[a-z][a-z-]*")
				grep -qE -- "(^|[ [|])$o([] ,=|]|\$)" h.txt ||
					{ echo "docket $cmd has no $o: docket $cmd $rest" >&2; return 1; } ;;
			esac
		done
	done <in-source
}

test_expect 'every command a message of the source suggests exists, with the options it names' '
	source_suggestions
'

test_expect 'every fix the source gives a finding (diag_set_fix) parses against the descriptors' '
	grep -ohE "set_fix\([^\"]*\"docket [^\"]*\"" "$SRC"/cmd/*.c "$SRC"/core/*.c \
		"$SRC"/formats/*.c "$SRC"/server/*.c |
		sed -E "s/^[^\"]*\"docket //; s/\"\$//" |
		sed -e "s/%s=/title=/g" -e "s/=%s/=x/g" -e "s/%\.\*s/2027-01/g" -e "s/%s/MKT-1/" -e "s/%s/MKT-2/g" |
		sort -u >fixes &&
	cat fixes && test "$(wc -l <fixes)" -ge 12 &&
	while read -r line; do
		parses $line || { echo "does not parse: docket $line" >&2; cat parse.err >&2; exit 1; }
	done <fixes
'

test_done
