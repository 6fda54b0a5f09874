# Helpers of the hostile-input import tests (t6360-t6380), sourced
# after lib.sh.  Each test's setup (hostile_backlog) makes the
# repository b and writes its first HEAD to head0.

# hostile_backlog [INIT-OPTION...]: the repository b with a backlog and
# a first commit, whose id goes to head0 (what unchanged compares with)
hostile_backlog() {
	new_repo b && docket -C b init "$@" >/dev/null 2>&1 &&
	git -C b commit -qm init --allow-empty &&
	git -C b rev-parse HEAD >head0
}

# gen FILE PYTHON-BYTES: write the bytes a Python expression makes
gen() {
	python3 -c "import sys; open(sys.argv[1], 'wb').write($2)" "$1"
}

# unchanged: HEAD and the work tree are as the setup left them
unchanged() {
	test "$(git -C b rev-parse HEAD)" = "$(cat head0)" && git_clean b
}

# readable: every file the import wrote reads back (no syntax error);
# whether the items are complete for their status is check's own matter
readable() {
	docket -C b check >chk 2>&1 || true
	grep -q "errors\?, " chk && ! grep -q "\[syntax\]" chk
}
