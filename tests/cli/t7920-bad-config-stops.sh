#!/bin/sh
# A docket.yaml with an error (a bad value, invalid YAML) stops every
# command but check with its located errors and exit 2, before anything
# is shown or changed (docs/reference.md, "docket.yaml"): the prefix,
# folder, fields and rules it sets are unknown.  check reports the errors
# as findings; help and --version read no backlog; merge-order (git's
# driver) reads none either.  The commands are those `docket help` lists,
# so a new command is tested (or this script fails until it is).
. "$DOCKET_TESTS/cli/lib.sh"

# the arguments each command runs with here (valid but for docket.yaml)
args_of() {
	case $1 in
	init|list|check|diff|plan|huddle|showcase|report|rank|sync|approve) echo "" ;;
	show|start|unblock|edit|log) echo "MKT-1" ;;
	import) echo "csv $TRASH/in.csv" ;;
	new) echo "Another" ;;
	set) echo "MKT-1 effort=3" ;;
	block|stop) echo "MKT-1 --reason waiting" ;;
	done) echo "MKT-1 --force" ;;
	tick) echo "MKT-1 1" ;;
	move) echo "MKT-1 --bottom" ;;
	followup) echo "MKT-1 Next" ;;
	burnup) echo "spring" ;;
	renumber) echo "MKT-1 MKT-9" ;;
	export) echo "html -o $TRASH/site" ;;
	serve) echo "--port 0" ;;
	*) return 1 ;;
	esac
}

test_expect 'setup: a backlog, then a bad value in docket.yaml' '
	new_repo r && docket -C r init >/dev/null 2>&1 &&
	docket -C r -q new "First" --set campaign=spring >/dev/null &&
	docket -C r -q new "Second" >/dev/null &&
	printf "title\nFrom CSV\n" >in.csv &&
	docket help | awk "/^Commands:/ { c = 1; next } c && /^\$/ { exit } c { print \$1 }" >commands &&
	test "$(wc -l <commands)" -gt 25 &&
	sed -i "s/capacity: 20/capacity: abc/" r/docket.yaml &&
	grep -n "capacity: abc" r/docket.yaml &&
	git -C r rev-parse HEAD >head
'

test_expect 'every command but check, help and merge-order stops: exit 2, file:line:col, nothing done' '
	bad=0
	for c in $(cat commands); do
		case $c in check|help|merge-order) continue ;; esac
		if ! a=$(args_of "$c"); then
			echo "$c: no arguments for it in args_of of this script: add them"; bad=1; continue
		fi
		set +e
		# serve would listen: timeout stops it if it does not stop itself
		timeout 20 "$DOCKET" -C r $c $a >out 2>err
		got=$?
		set -e
		if [ "$got" != 2 ] ||
		   ! grep -q "^docket.yaml:7:[0-9]*: error: cycle capacity must be a number above 0 \[config\]" err ||
		   ! grep -q "^docket: error: fix docket.yaml first" err ||
		   test -s out; then
			echo "$c $a: exit $got"; cat out err; bad=1
		fi
		if ! git -C r rev-parse HEAD | cmp -s - head ||
		   test "$(git -C r status --porcelain)" != " M docket.yaml" ||
		   test -e site; then
			echo "$c $a changed something"; git -C r status --porcelain; bad=1
		fi
	done
	test $bad = 0
'

test_expect 'check reports the error as a finding (exit 1); help and --version answer' '
	expect_code 1 docket -C r check >out 2>err &&
	grep -q "^docket.yaml:7:[0-9]*: error: cycle capacity must be a number above 0 \[config\]" out &&
	docket -C r help >out && grep -q "^Commands:" out &&
	docket -C r help list >out && grep -q "^usage: docket list" out &&
	docket -C r --version >out && grep -q "^docket " out &&
	docket -C r list --help >out && grep -q "^usage: docket list" out
'

test_expect 'merge-order reads no docket.yaml: it merges as git asks' '
	printf "MKT-1\nMKT-2\n" >base && printf "MKT-2\nMKT-1\n" >ours && cp base theirs &&
	(cd r && docket merge-order ../base ../ours ../theirs) &&
	printf "MKT-2\nMKT-1\n" | test_cmp - ours
'

test_expect 'invalid YAML stops a read as a bad value does' '
	printf "prefix: MKT\nitems: [backlog\n" >r/docket.yaml &&
	expect_code 2 docket -C r list >out 2>err &&
	grep -q "^docket.yaml:[0-9]*:[0-9]*: error: " err &&
	grep -q "^docket: error: fix docket.yaml first" err && ! test -s out
'

test_expect 'a warning in docket.yaml (an unknown key) stops nothing' '
	git -C r checkout -q docket.yaml &&
	echo "wip_limt: 3" >>r/docket.yaml &&
	docket -C r list >out 2>err && grep -q "MKT-1" out &&
	docket -C r -q set MKT-2 effort=2 --no-commit &&
	git -C r checkout -q .
'

test_expect 'a bad docket.yaml in a revision stops --rev there, not the working tree' '
	sed -i "s/capacity: 20/capacity: abc/" r/docket.yaml &&
	git -C r commit -qam "Break docket.yaml" &&
	git -C r revert --no-edit HEAD >/dev/null &&
	docket -C r list >out && grep -q MKT-1 out &&
	expect_code 2 docket -C r list --rev HEAD~1 >out 2>err &&
	grep -q "^docket: error: docket.yaml at HEAD~1 has errors (above)" err && ! test -s out &&
	expect_code 1 docket -C r check --rev HEAD~1 >out &&
	grep -q "cycle capacity must be a number above 0" out
'

test_done
