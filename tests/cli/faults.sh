# Helpers for the fault tests (t95xx), sourced after lib.sh.
#
#   fault_backlog DIR     a committed backlog: MKT-1 (ranked, small),
#                         MKT-2 (ranked), MKT-3 (unranked, a 200 KB body)
#   snap DIR              every work-tree file (hash or link target), the
#                         porcelain status, HEAD and the number of commits:
#                         compare two snaps to prove nothing changed
#   no_temp DIR           no temporary file of docket's is left
#   as_user CMD...        run CMD where file permissions apply: as is for
#                         a normal user; as root, without the capabilities
#                         that ignore them (setpriv); RO_HOW says how, and
#                         is "" when there is no way (the test is skipped)

fault_backlog() {
	new_repo "$1" && docket -C "$1" init >/dev/null 2>&1 &&
	printf -- "---\nid: MKT-1\ntitle: One\nstatus: ready\neffort: 3   # a guess\n---\nNotes.\n" >"$1/backlog/MKT-1.md" &&
	printf -- "---\nid: MKT-2\ntitle: Two\nstatus: idea\n---\n" >"$1/backlog/MKT-2.md" &&
	{ printf -- "---\nid: MKT-3\ntitle: Big\nstatus: idea\neffort: 2\n---\n"
	  i=0; while [ $i -lt 2000 ]; do
		echo "line $i of a long body, written to exceed a small file-size limit ........................"
		i=$((i + 1)); done; } >"$1/backlog/MKT-3.md" &&
	printf "# Now\nMKT-1\nMKT-2\n" >"$1/backlog/ORDER" &&
	git -C "$1" add -A && git -C "$1" commit -qm items
}

snap() {
	(cd "$1" &&
	 find . -path ./.git -prune -o \( -type f -o -type l \) -print | LC_ALL=C sort |
	 while read -r f; do
		if [ -L "$f" ]; then echo "link $f -> $(readlink "$f")"
		else echo "file $f $(cksum <"$f")"; fi
	 done &&
	 git status --porcelain --untracked-files=all &&
	 git rev-parse HEAD && git rev-list --count HEAD)
}

no_temp() {
	test -z "$(find "$1" -name '*.docket-tmp-*')"
}

# as_user: see above.  Probe that a read-only file really refuses.
RO_HOW=""
RO_PREFIX=""
_ro_probe="$TRASH/.ro-probe"
: >"$_ro_probe" && chmod a-w "$_ro_probe"
if [ "$(id -u)" != 0 ]; then
	RO_HOW="chmod (not root)"
elif command -v setpriv >/dev/null 2>&1 &&
     ! setpriv --bounding-set=-dac_override,-dac_read_search,-fowner,-linux_immutable \
	sh -c ": >>'$_ro_probe'" 2>/dev/null; then
	RO_HOW="chmod, run without CAP_DAC_OVERRIDE (setpriv, as root)"
	RO_PREFIX="setpriv --bounding-set=-dac_override,-dac_read_search,-fowner,-linux_immutable"
fi
if [ "$(id -u)" != 0 ] && (: >>"$_ro_probe") 2>/dev/null; then
	RO_HOW=""       # permissions are not enforced here
fi
rm -f "$_ro_probe"

as_user() {
	$RO_PREFIX "$@"
}

docket_as_user() {
	as_user ${VALGRIND:-} "$DOCKET" "$@"
}

# test_skip TITLE WHY: report a test that cannot run here.
test_skip() {
	test_count=$((test_count + 1))
	echo "ok $test_count # skip $1 ($2)"
}
