#!/bin/sh
# Global options, help, version, exit codes and init.
. "$DOCKET_TESTS/cli/lib.sh"

test_expect 'version prints the version' '
	docket --version >out &&
	grep -q "^docket [0-9]" out
'

test_expect 'help lists commands and help CMD shows usage' '
	docket help >out &&
	grep -q "^  list " out &&
	docket help list >out &&
	grep -q "^usage: docket list" out &&
	docket list --help >out2 &&
	cmp out out2
'

test_expect 'unknown command and unknown option exit 2' '
	expect_code 2 docket frobnicate 2>err &&
	grep -q "not a docket command" err &&
	expect_code 2 docket --bogus 2>err &&
	expect_code 2 docket help frobnicate 2>err
'

test_expect 'outside a backlog: exit 2 with a clear message' '
	mkdir empty &&
	expect_code 2 docket -C empty list 2>err &&
	grep -q "not in a docket backlog" err
'

test_expect '-C to a missing folder is a usage error' '
	expect_code 2 docket -C does-not-exist list 2>err &&
	grep -q "does-not-exist" err
'

test_expect 'init creates files, registers the driver and commits' '
	new_repo r1 &&
	docket -C r1 init --prefix CAMP 2>err &&
	test -f r1/docket.yaml && test -f r1/backlog/ORDER &&
	grep -q "^prefix: CAMP" r1/docket.yaml &&
	grep -qx "backlog/ORDER merge=docket-order" r1/.gitattributes &&
	test "$(git -C r1 config merge.docket-order.driver)" = "docket merge-order %O %A %B" &&
	test "$(git -C r1 log --format=%s)" = "Set up the docket backlog" &&
	git -C r1 ls-files >files &&
	printf ".gitattributes\nbacklog/ORDER\ndocket.yaml\n" >expect &&
	test_cmp expect files &&
	test -z "$(git -C r1 status --porcelain)"
'

test_expect 'init keeps staged work out of its commit' '
	new_repo r2 &&
	echo draft >r2/notes.txt &&
	git -C r2 add notes.txt &&
	docket -C r2 init 2>/dev/null &&
	git -C r2 show --name-only --format= HEAD >files &&
	! grep -q notes.txt files &&
	git -C r2 status --porcelain >st &&
	grep -q "^A  notes.txt" st
'

test_expect 'init in an existing backlog only registers the merge driver' '
	cp r1/docket.yaml yaml.before &&
	head_before=$(git -C r1 rev-parse HEAD) &&
	git -C r1 config --unset merge.docket-order.driver &&
	docket -C r1 init 2>err &&
	grep -q "exists already" err &&
	test "$(git -C r1 config merge.docket-order.driver)" = "docket merge-order %O %A %B" &&
	test_cmp yaml.before r1/docket.yaml &&
	test "$(git -C r1 rev-parse HEAD)" = "$head_before" &&
	test -z "$(git -C r1 status --porcelain)"
'

test_expect 'init in a fresh clone registers the merge driver' '
	git clone -q r1 clone1 &&
	test -z "$(git -C clone1 config merge.docket-order.driver)" &&
	docket -C clone1 init 2>err &&
	test "$(git -C clone1 config merge.docket-order.driver)" = "docket merge-order %O %A %B"
'

test_expect 'init warns when git could not run the driver (no docket on PATH)' '
	mkdir -p nobin onbin && ln -sf "$DOCKET" onbin/docket &&
	if [ ! -e /usr/bin/docket ] && [ ! -e /bin/docket ]; then
		PATH="$PWD/nobin:/usr/bin:/bin" docket -C r1 init 2>err &&
		grep -q "warning: git runs the ORDER merge driver as .docket., which is not on your PATH" err
	fi &&
	PATH="$PWD/onbin:/usr/bin:/bin" docket -C r1 init 2>err &&
	! grep -q "not on your PATH" err
'

test_expect 'init without git identity says how to set it' '
	new_repo r3 &&
	(HOME=$TRASH/nohome; mkdir -p $HOME; export HOME; unset GIT_AUTHOR_NAME GIT_AUTHOR_EMAIL GIT_COMMITTER_NAME GIT_COMMITTER_EMAIL;
	 expect_code 1 "$DOCKET" -C r3 init 2>err; grep -q "git config --global user.name" err)
'

test_expect 'init --no-commit writes files only' '
	new_repo r4 &&
	docket -C r4 --no-commit init 2>/dev/null &&
	test -f r4/docket.yaml &&
	expect_code 128 git -C r4 rev-parse HEAD 2>/dev/null
'

test_expect 'init outside git creates the repository' '
	mkdir r5 &&
	docket -C r5 init 2>/dev/null &&
	test -d r5/.git &&
	test "$(git -C r5 rev-list --count HEAD)" = 1
'

test_expect 'a bad invalid --prefix is a usage error' '
	new_repo r6 &&
	expect_code 2 docket -C r6 init --prefix "1X" 2>err &&
	! test -f r6/docket.yaml
'

test_expect 'writing to a full device fails instead of reporting success' '
	if test -w /dev/full; then
		expect_code 2 docket help >/dev/full 2>err
	fi
'
test_done
