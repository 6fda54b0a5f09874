#!/bin/sh
# The project stands alone: the test data is in tests/corpus, each folder
# with its license and a manifest of unmodified files, under 5 MB; no file
# of the project reads or names a folder outside the tree.
. "$DOCKET_TESTS/cli/lib.sh"
TOP=$(cd "$DOCKET_TESTS/.." && pwd)
CORPUS="$DOCKET_TESTS/corpus"

test_expect 'every corpus folder has a license, a manifest and a README line' '
	for d in "$CORPUS"/real/* "$CORPUS/yaml-suite"; do
		rel=${d#"$CORPUS"/} &&
		test -s "$d/LICENSE.txt" && test -s "$d/MANIFEST.tsv" &&
		grep -q "^| \`$rel\` | .* | \`*[0-9a-f]\{40\}\`* \| .*[0-9]" "$CORPUS/README.md" ||
		{ echo "$rel: no license, manifest or README line"; return 1; }
	done &&
	test "$(ls -d "$CORPUS"/real/* | wc -l)" = 7
'

# every file of a folder but the manifest, the license and INDEX.tsv,
# as "path<TAB>sha256", sorted
files_of() {
	(cd "$1" && find . -type f ! -path ./MANIFEST.tsv ! -path ./LICENSE.txt \
		! -path ./INDEX.tsv -print0 | xargs -0 sha256sum) |
	sed "s|^\([0-9a-f]*\)  \./\(.*\)|\2	\1|" | LC_ALL=C sort
}

test_expect 'each folder holds exactly the files its manifest lists, unmodified' '
	for d in "$CORPUS"/real/* "$CORPUS/yaml-suite"; do
		files_of "$d" >have &&
		grep -v "^#" "$d/MANIFEST.tsv" | cut -f1,2 | LC_ALL=C sort >want &&
		test -s want &&
		test_cmp want have || { echo "in $d"; return 1; }
	done
'

test_expect 'the corpus stays under 5 MB' '
	bytes=$(find "$CORPUS" -type f -print0 | xargs -0 cat | wc -c) &&
	echo "corpus: $bytes bytes" &&
	test "$bytes" -gt 1000000 && test "$bytes" -le 5000000
'

test_expect 'no file names a folder beside the tree' '
	dots="\\.\\." w=work &&
	(cd "$TOP" && grep -rnI -e "$dots/shared" -e "/$w/shared" \
		--exclude=.git --exclude-dir=.git --exclude-dir="build*" . ) >hits || true &&
	# t9540 makes a folder "shared" of its own inside its repository
	grep -v "^\./tests/cli/t9540-fault-symlinks\.sh:[0-9]*:.*\(n/shared\|ln -s \.\./shared/MKT-2\.md n/backlog/\)" hits >left || true &&
	{ test ! -s left || { cat left; false; }; }
'

test_expect 'the build and the test driver take nothing from outside' '
	! grep -n "SHARED" "$TOP/Makefile" "$TOP/tests/run.sh" "$TOP/tests/cli/lib.sh" &&
	# CI also runs make check on an exported copy, alone in a folder
	grep -q "^git archive --format=tar HEAD | tar -x -C " "$TOP/.ci/run" &&
	grep -q "^make -C \"\$tmp/docket\" check" "$TOP/.ci/run"
'
test_done
