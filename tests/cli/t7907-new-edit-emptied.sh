#!/bin/sh
# docket new --edit: emptying the file in the editor abandons the item,
# as an empty message aborts git commit; nothing is left behind.  A file
# saved with an error says how to commit it once fixed, and that works.
. "$DOCKET_TESTS/cli/lib.sh"

test_expect 'an emptied file: exit 1, no file, no commit, ORDER as it was' '
	new_repo r && docket -C r init >/dev/null 2>&1 &&
	docket -C r -q new "Teaser" --top >/dev/null &&
	cp r/backlog/ORDER order.before &&
	git -C r rev-parse HEAD >head.before &&
	(VISUAL="truncate -s 0" && export VISUAL &&
	 expect_code 1 docket -C r new "Press" --edit --top >out 2>err) &&
	grep -q "^docket: error: MKT-2 is not added: you emptied the file in the editor (it is removed, and ORDER is as it was)\$" err &&
	! test -s out &&
	! test -e r/backlog/MKT-2.md &&
	cmp order.before r/backlog/ORDER &&
	git -C r rev-parse HEAD | cmp - head.before &&
	git_clean r
'

test_expect 'blank lines only count as empty; without a rank ORDER is not named' '
	printf "#!/bin/sh\nprintf \"\\\\n  \\\\n\" >\"\$1\"\n" >blank.sh && chmod +x blank.sh &&
	(VISUAL="$TRASH/blank.sh" && export VISUAL &&
	 expect_code 1 docket -C r new "Radio" --edit 2>err) &&
	grep -q "^docket: error: MKT-2 is not added: you emptied the file in the editor (it is removed)\$" err &&
	git_clean r &&
	docket -C r check >/dev/null
'

test_expect 'a file saved with an error: the advice given commits it once fixed' '
	printf "#!/bin/sh\nprintf \"id: MKT-2\\\\n\" >\"\$1\"\n" >bad.sh && chmod +x bad.sh &&
	(VISUAL="$TRASH/bad.sh" && export VISUAL &&
	 expect_code 1 docket -C r new "Radio" --edit 2>err) &&
	grep -q "fix it, then docket edit MKT-2 --include-dirty commits it" err &&
	printf "#!/bin/sh\nprintf -- \"---\\\\nid: MKT-2\\\\ntitle: Radio\\\\nstatus: idea\\\\n---\\\\n\" >\"\$1\"\n" >good.sh &&
	chmod +x good.sh &&
	(VISUAL="$TRASH/good.sh" && export VISUAL &&
	 docket -C r edit MKT-2 --include-dirty 2>err) &&
	git -C r log -1 --format=%s | grep -qx "Add MKT-2: Radio" &&
	git_clean r
'

test_done
