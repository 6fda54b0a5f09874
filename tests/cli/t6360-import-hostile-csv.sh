#!/bin/sh
# import csv on hostile input (issue 18, point 5): NUL bytes, invalid
# UTF-8, a record over the limit, a quote never closed, a file of zeros,
# /dev/zero, binary noise, an empty file. Each is a clear error naming
# the file and line (and column), exit 2, and writes nothing: HEAD and
# the work tree stay as they were; so is a row with a value past the
# header's last column (it would be lost). Short rows are padded, and
# huge numbers are imported with a warning at their line. The memory cases run under
# limit_memory (lib.sh), so an unbounded read fails the test.
. "$DOCKET_TESTS/cli/lib.sh"
. "$DOCKET_TESTS/cli/lib-hostile.sh"

test_expect 'setup: a backlog' 'hostile_backlog'

test_expect 'a NUL byte: refused at its line and column' '
	gen nul.csv "b\"title,status\nOne,ready\nT\xc3\xa9o\x00x,ready\n\"" &&
	expect_code 2 docket -C b import csv "$TRASH/nul.csv" >out 2>err &&
	grep -q "nul.csv:3:4: error: a NUL byte: this is not a CSV text file" err &&
	unchanged
'

test_expect 'invalid UTF-8 (a Latin-1 export): refused at its line and column' '
	gen latin1.csv "b\"title,status\nOne,ready\n\\\"Caf\xe9\\\",ready\n\"" &&
	expect_code 2 docket -C b import csv "$TRASH/latin1.csv" >out 2>err &&
	grep -q "latin1.csv:3:5: error: not valid UTF-8: save the export as UTF-8" err &&
	# an overlong form and a surrogate are not UTF-8 either
	gen overlong.csv "b\"title\n\xc0\xaf\n\"" &&
	expect_code 2 docket -C b import csv "$TRASH/overlong.csv" 2>err &&
	grep -q "overlong.csv:2:1: error: not valid UTF-8" err &&
	gen surrogate.csv "b\"title\nA\xed\xa0\x80\n\"" &&
	expect_code 2 docket -C b import csv "$TRASH/surrogate.csv" 2>err &&
	grep -q "surrogate.csv:2:2: error: not valid UTF-8" err &&
	unchanged
'

test_expect 'a record over 1 MiB, quoted or not: refused at its line, in bounded memory' '
	gen long.csv "b\"title,notes\nA,b\n\" + b\"x\" * 3000000 + b\"\n\"" &&
	expect_code 2 limit_memory 100 "$DOCKET" -C b import csv "$TRASH/long.csv" 2>err &&
	grep -q "long.csv:3: error: a record is over the 1 MiB limit for one CSV record" err &&
	gen open.csv "b\"title,notes\nA,\\\"open\n\" + b\"more text\n\" * 200000" &&
	expect_code 2 limit_memory 100 "$DOCKET" -C b import csv "$TRASH/open.csv" 2>err &&
	grep -q "open.csv:2: error: a record is over the 1 MiB limit" err &&
	unchanged
'

test_expect 'a quote never closed at the end of the file: refused at its record' '
	gen quote.csv "b\"title,status\nOne,ready\nTwo,\\\"never closed\nat all\n\"" &&
	expect_code 2 docket -C b import csv "$TRASH/quote.csv" 2>err &&
	grep -q "quote.csv:3: error: a quoted cell is not closed" err &&
	unchanged
'

test_expect 'zeros, /dev/zero, binary noise: refused at once, in bounded memory' '
	head -c 50000000 /dev/zero >zeros.csv &&
	expect_code 2 limit_memory 100 "$DOCKET" -C b import csv "$TRASH/zeros.csv" 2>err &&
	grep -q "zeros.csv:1:1: error: a NUL byte" err &&
	expect_code 2 limit_memory 100 timeout 20 "$DOCKET" -C b import csv /dev/zero 2>err &&
	grep -q "/dev/zero is a character device, not a regular file" err &&
	python3 -c "import random; r = random.Random(6360); open(\"noise.csv\", \"wb\").write(bytes(r.randrange(256) for _ in range(300000)))" &&
	expect_code 2 limit_memory 100 "$DOCKET" -C b import csv "$TRASH/noise.csv" 2>err &&
	grep -q "noise.csv:[0-9]*:[0-9]*: error: \(not valid UTF-8\|a NUL byte\)" err &&
	gzip -c nul.csv >packed.csv &&
	expect_code 2 docket -C b import csv "$TRASH/packed.csv" 2>err &&
	grep -q "packed.csv:1:[0-9]*: error: " err &&
	unchanged
'

test_expect 'an empty file, a BOM alone: no header row' '
	: >empty.csv &&
	expect_code 2 docket -C b import csv "$TRASH/empty.csv" 2>err &&
	grep -q "empty.csv:1: error: the file is empty: a CSV export starts with a header row" err &&
	gen bom.csv "b\"\xef\xbb\xbf\"" &&
	expect_code 2 docket -C b import csv "$TRASH/bom.csv" 2>err &&
	grep -q "bom.csv:1: error: the file is empty" err &&
	unchanged
'

test_expect 'ragged rows: short rows are padded; a value past the last column is refused at its line' '
	gen ragged.csv "b\"title,status,effort\nShort\nLong,ready,3,surplus,more\nPlain,ready,2\n\"" &&
	expect_code 2 docket -C b import csv "$TRASH/ragged.csv" >out 2>err &&
	grep -q "ragged.csv:3: error: this row has a value in cell 4, but the header has 3 columns: it has no column to go to" err &&
	unchanged &&
	gen padded.csv "b\"title,status,effort\nShort\nTrailing,ready,3,,\nPlain,ready,2\n\"" &&
	docket -C b import csv "$TRASH/padded.csv" >out 2>err &&
	grep -q "^Imported 3 items from CSV" out &&
	grep -qx "effort: 3" b/backlog/MKT-2.md &&
	git -C b reset -q --hard "$(cat head0)" && git -C b clean -qfd
'

test_expect 'huge and malformed numbers: kept as notes with a warning' '
	gen nums.csv "b\"title,status,effort\nA,ready,1e999999\nB,ready,\" + b\"9\" * 400 + b\"\nC,ready,-0\nD,ready,0x1F\nE,ready,NaN\n\"" &&
	docket -C b import csv "$TRASH/nums.csv" >out 2>err &&
	grep -q "^Imported 5 items from CSV" out &&
	grep -q "nums.csv:2: warning: row 2: effort .1e999999. is not a number; kept as a note" err &&
	grep -q "nums.csv:5: warning: row 5: effort .0x1F. is not a number" err &&
	grep -q "nums.csv:6: warning: row 6: effort .NaN. is not a number" err &&
	! grep -q "^effort:" b/backlog/MKT-4.md &&
	grep -q "^- Effort: 1e999999" b/backlog/MKT-1.md &&
	readable &&
	git -C b reset -q --hard "$(cat head0)" && git -C b clean -qfd
'

test_done
