#!/bin/sh
# import backlog-md on hostile input (issue 18, point 5): task files
# with NUL bytes, invalid UTF-8, YAML nested 100,000 deep, huge numbers,
# over 1 MiB; a FIFO, a link to /dev/zero and folders nested too deep.
# Each file that cannot be read is named with the reason (exit 1, the
# others imported); a folder of nothing but such files writes nothing;
# /dev/zero as the source is refused (exit 2). Nothing blocks, and
# memory stays bounded.
. "$DOCKET_TESTS/cli/lib.sh"
. "$DOCKET_TESTS/cli/lib-hostile.sh"

test_expect 'setup: a backlog' 'hostile_backlog'

test_expect 'a folder of hostile task files only: each named, nothing written' '
	mkdir -p bad/tasks &&
	printf "backlog_name: x\n" >bad/config.yml &&
	gen "bad/tasks/task-1 - Nul.md" "b\"---\nid: task-1\ntitle: A\x00B\nstatus: To Do\n---\n\"" &&
	gen "bad/tasks/task-2 - Latin.md" "b\"---\nid: task-2\ntitle: Caf\xe9\nstatus: To Do\n---\n\"" &&
	gen "bad/tasks/task-3 - Big.md" "b\"---\nid: task-3\ntitle: Big\nstatus: To Do\n---\n\" + b\"x\" * 1100000" &&
	mkfifo "bad/tasks/task-4 - Fifo.md" &&
	ln -s /dev/zero "bad/tasks/task-5 - Zero.md" &&
	expect_code 1 limit_memory 100 timeout 20 "$DOCKET" -C b import backlog-md "$TRASH/bad" >out 2>err &&
	grep -q "task-1 - Nul.md:3: a NUL byte: this is not a text file" err &&
	grep -q "task-2 - Latin.md:3: not valid UTF-8 (column 11)" err &&
	grep -q "task-3 - Big.md: .*over the 1 MiB limit" err &&
	grep -q "task-4 - Fifo.md: .*FIFO" err &&
	grep -q "task-5 - Zero.md: a symbolic link: not followed" err &&
	grep -q "Nothing to import" out &&
	unchanged
'

test_expect 'deep YAML, huge numbers, folders nested too deep: the good tasks come in' '
	mkdir -p mixed/tasks &&
	printf "backlog_name: x\n" >mixed/config.yml &&
	printf -- "---\nid: task-1\ntitle: Good one\nstatus: To Do\n---\n\nFine.\n" >"mixed/tasks/task-1 - Good.md" &&
	gen "mixed/tasks/task-2 - Deep.md" "b\"---\nid: task-2\ntitle: Deep\nstatus: To Do\nlabels: \" + b\"[\" * 100000 + b\"]\" * 100000 + b\"\n---\n\"" &&
	gen "mixed/tasks/task-3 - Numbers.md" "b\"---\nid: task-3\ntitle: Numbers\nstatus: To Do\nordinal: 1e999999\npriority: \" + b\"9\" * 400 + b\"\n---\n\"" &&
	mkdir -p mixed/tasks/a/b/c/d/e/f/g/h/i/j &&
	printf -- "---\nid: task-9\ntitle: Buried\nstatus: To Do\n---\n" >mixed/tasks/a/b/c/d/e/f/g/h/i/j/task-9.md &&
	expect_code 1 limit_memory 100 timeout 60 "$DOCKET" -C b import backlog-md "$TRASH/mixed" >out 2>err &&
	grep -q "^Imported 3 items from Backlog.md" out &&
	grep -q "task-2 - Deep.md:5:[0-9]*: warning: front matter is not valid YAML (nesting deeper than 64 levels)" err &&
	grep -q "mixed/tasks/a/b/c/d/e/f/g/h: folders nested too deep" err &&
	grep -qx "title: Good one" b/backlog/MKT-*.md &&
	readable &&
	git -C b reset -q --hard "$(cat head0)" && git -C b clean -qfd
'

test_expect '/dev/zero, a file, a missing path as the source: refused, nothing written' '
	expect_code 2 timeout 20 "$DOCKET" -C b import backlog-md /dev/zero 2>err &&
	grep -q "/dev/zero. is not a folder" err &&
	printf "x\n" >plain.md &&
	expect_code 2 "$DOCKET" -C b import backlog-md "$TRASH/plain.md" 2>err &&
	grep -q "is not a folder" err &&
	expect_code 2 "$DOCKET" -C b import backlog-md "$TRASH/missing" 2>err &&
	grep -q "is not a folder" err &&
	unchanged
'

test_done
