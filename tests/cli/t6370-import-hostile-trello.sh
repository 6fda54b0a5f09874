#!/bin/sh
# import trello on hostile input (issue 18, point 5): JSON nested deeper
# than any board, numbers too large for a double or an integer, NUL
# bytes (raw and escaped), invalid UTF-8, a truncated export, JSON that
# is not a board, /dev/zero. Each is a clear error naming the file with
# the line and column where there is one, exit 2, and writes nothing.
. "$DOCKET_TESTS/cli/lib.sh"
. "$DOCKET_TESTS/cli/lib-hostile.sh"

# board FILE CARD-JSON: a small board whose one card is CARD-JSON
board() {
	printf '{"id":"b1","name":"Board","lists":[{"id":"l1","name":"To Do","pos":1,"closed":false}],"cards":[%s],"actions":[],"checklists":[],"members":[],"labels":[]}\n' "$2" >"$1"
}

test_expect 'setup: a backlog' 'hostile_backlog'

test_expect 'nesting deeper than any board: refused, in bounded memory' '
	gen deep.json "b\"{\\\"cards\\\": \" + b\"[\" * 200000 + b\"]\" * 200000 + b\"}\"" &&
	expect_code 2 limit_memory 100 "$DOCKET" -C b import trello "$TRASH/deep.json" 2>err &&
	grep -q "deep.json:1:[0-9]*: error: not valid JSON: maximum parsing depth reached" err &&
	gen deepobj.json "b\"{\\\"cards\\\": [\" + b\"{\\\"a\\\":\" * 100000 + b\"1\" + b\"}\" * 100000 + b\"]}\"" &&
	expect_code 2 limit_memory 100 "$DOCKET" -C b import trello "$TRASH/deepobj.json" 2>err &&
	grep -q "deepobj.json:1:[0-9]*: error: not valid JSON: maximum parsing depth reached" err &&
	unchanged
'

test_expect 'numbers too large: refused at their column' '
	board big.json "{\"id\":\"c1\",\"name\":\"A\",\"idList\":\"l1\",\"pos\":1e400}" &&
	expect_code 2 docket -C b import trello "$TRASH/big.json" 2>err &&
	grep -q "big.json:1:[0-9]*: error: not valid JSON: real number overflow" err &&
	board int.json "{\"id\":\"c1\",\"name\":\"A\",\"idList\":\"l1\",\"pos\":123456789012345678901234567890}" &&
	expect_code 2 docket -C b import trello "$TRASH/int.json" 2>err &&
	grep -q "int.json:1:[0-9]*: error: not valid JSON: too big integer" err &&
	unchanged
'

test_expect 'NUL bytes, raw or escaped, and invalid UTF-8: refused' '
	board esc.json "{\"id\":\"c1\",\"name\":\"A\\u0000B\",\"idList\":\"l1\",\"pos\":1}" &&
	grep -q "u0000" esc.json &&
	expect_code 2 docket -C b import trello "$TRASH/esc.json" 2>err &&
	grep -q "esc.json:1:[0-9]*: error: not valid JSON for docket: \\\\u0000 (a NUL character) in a string; an item file cannot hold it" err &&
	! grep -q JSON_ALLOW_NUL err &&
	gen raw.json "b\"{\\\"cards\\\": [{\\\"name\\\": \\\"A\x00B\\\"}]}\"" &&
	expect_code 2 docket -C b import trello "$TRASH/raw.json" 2>err &&
	grep -q "raw.json:1:[0-9]*: error: not valid JSON" err &&
	gen latin1.json "b\"{\\\"cards\\\": [{\\\"name\\\": \\\"Caf\xe9\\\"}]}\"" &&
	expect_code 2 docket -C b import trello "$TRASH/latin1.json" 2>err &&
	grep -q "latin1.json:1:[0-9]*: error: not valid JSON: unable to decode byte 0xe9" err &&
	unchanged
'

test_expect 'a truncated export, JSON that is not a board: refused' '
	board whole.json "{\"id\":\"c1\",\"name\":\"A\",\"idList\":\"l1\",\"pos\":1}" &&
	head -c 100 whole.json >cut.json &&
	expect_code 2 docket -C b import trello "$TRASH/cut.json" 2>err &&
	grep -q "cut.json:1:[0-9]*: error: not valid JSON" err &&
	echo "[1, 2, 3]" >array.json &&
	expect_code 2 docket -C b import trello "$TRASH/array.json" 2>err &&
	grep -q "array.json:1:1: error: this is not a Trello board export" err &&
	echo "{\"cards\": 12}" >notarray.json &&
	expect_code 2 docket -C b import trello "$TRASH/notarray.json" 2>err &&
	grep -q "notarray.json:1:1: error: this is not a Trello board export" err &&
	: >empty.json &&
	expect_code 2 docket -C b import trello "$TRASH/empty.json" 2>err &&
	grep -q "empty.json:1: error: not valid JSON" err &&
	unchanged
'

test_expect '/dev/zero and a file of zeros: refused at once, in bounded memory' '
	expect_code 2 limit_memory 100 timeout 20 "$DOCKET" -C b import trello /dev/zero 2>err &&
	grep -q "/dev/zero is a character device, not a regular file" err &&
	head -c 30000000 /dev/zero >zeros.json &&
	expect_code 2 limit_memory 200 "$DOCKET" -C b import trello "$TRASH/zeros.json" 2>err &&
	grep -q "zeros.json:[0-9]*:[0-9]*: error: not valid JSON" err &&
	unchanged
'

test_expect 'cards of the wrong shape: imported with what can be read, a warning for the rest' '
	board shapes.json "{\"id\":\"c1\",\"name\":[1,2],\"idList\":7,\"pos\":\"x\",\"labels\":{\"a\":1},\"due\":12,\"closed\":\"yes\"}, {\"id\":\"c2\",\"name\":\"Fine\",\"idList\":\"l1\",\"pos\":-1e300}" &&
	docket -C b import trello "$TRASH/shapes.json" >out 2>err &&
	grep -q "^Imported 2 items from Trello" out &&
	grep -q "shapes.json: warning: card .. has no title; it is imported as .Trello c1." err &&
	grep -qx "title: Fine" b/backlog/MKT-1.md &&
	readable &&
	git -C b reset -q --hard "$(cat head0)" && git -C b clean -qfd
'

test_done
