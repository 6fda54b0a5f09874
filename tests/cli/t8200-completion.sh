#!/bin/sh
# Shell completion: completions/docket.bash run through bash's
# COMP_WORDS/COMP_CWORD/COMPREPLY, and completions/_docket (zsh, when
# zsh is installed) with compadd and _files replaced by stubs that print
# what they are given.  Expected candidates are computed from docket
# itself (`docket help`, `docket list`), never written here.
. "$DOCKET_TESTS/cli/lib.sh"

SRC=$(cd "$DOCKET_TESTS/.." && pwd)
export DOCKET_TODAY=2026-12-04
mkdir -p bin
ln -s "$DOCKET" bin/docket
PATH="$TRASH/bin:$PATH"
cp -R "$DOCKET_TESTS/fixtures/html" r
(cd r && git init -q && git add -A && git commit -qm "Backlog")

cat >bcomp.bash <<'SH'
# bcomp.bash WORD...: the candidates bash completion offers for the last
# word, one per line, sorted
. "$COMPLETION"
COMP_WORDS=("$@")
COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
COMPREPLY=()
_docket
[ ${#COMPREPLY[@]} -gt 0 ] && printf '%s\n' "${COMPREPLY[@]}" | sort
exit 0
SH
bcomp() {
	COMPLETION="$SRC/completions/docket.bash" bash "$TRASH/bcomp.bash" "$@"
}

cat >zcomp.zsh <<'SH'
# zcomp.zsh WORD...: the candidates zsh completion offers for the last
# word (compadd's arguments, or "_files ARGS"), one per line, sorted
compadd() {
	local -a out
	while (( $# )); do
		case $1 in
		-a) shift; out+=(${(P)1}) ;;
		--) ;;
		-*) ;;
		*) out+=($1) ;;
		esac
		shift
	done
	print -rl -- $out
}
_files() { print -r -- "_files $*" }
compset() { : }
autoload -Uz is-at-least
source "$COMPLETION" >/dev/null 2>&1 </dev/null
words=("$@")
CURRENT=$#words
_docket | sort
SH
zcomp() {
	COMPLETION="$SRC/completions/_docket" zsh -f "$TRASH/zcomp.zsh" "$@"
}

# expected values, from docket itself
commands() {
	docket help | awk '/^Commands:/ { c = 1; next } c && /^$/ { exit } c { print $1 }' | sort
}
options() {
	{ docket help "$1" | grep '^  -' | sed 's/^  //; s/  .*//' |
		grep -o -- '--\?[a-zA-Z][a-z-]*'; echo --help; } | sort -u
}
ids() {
	docket -C r list --all --format plain | cut -f2 | grep "^$1" | sort
}
# formats CMD: the --format values of the usage line, sorted
formats() {
	docket help "$1" | sed -n "/^usage: /,/^\$/p" | grep -o -- "--format [a-z|-]*" |
		sed "s/^--format //" | tr "|" "\n" | sort
}

test_expect 'bash: the completion registers for docket' '
	bash -c ". \"$SRC/completions/docket.bash\" && complete -p docket" >out &&
	grep -q -- "-F _docket docket" out
'

test_expect 'bash: commands are those docket help lists' '
	commands >want && test "$(wc -l <want)" -ge 7 &&
	bcomp docket "" >got && test_cmp want got &&
	commands | grep "^ex" >want && bcomp docket ex >got && test_cmp want got &&
	commands | grep "^sh" >want && test "$(wc -l <want)" -ge 1 &&
	bcomp docket -C r --no-commit sh >got && test_cmp want got
'

test_expect 'bash: options per command are those of docket help CMD' '
	for c in list show check import export init; do
		options "$c" >want &&
		bcomp docket "$c" - >got &&
		test_cmp want got || return 1
	done &&
	test "$(bcomp docket list --gr)" = --grep &&
	bcomp docket -- >got && grep -qx -- --no-commit got && grep -qx -- --version got
'

test_expect 'bash: option values: formats from the usage line, statuses, folders' '
	formats list >want && test "$(wc -l <want)" -ge 5 &&
	bcomp docket list --format "" >got && test_cmp want got &&
	test "$(bcomp docket check --format g | tr "\n" " ")" = "github gitlab " &&
	test "$(bcomp docket list --status d | tr "\n" " ")" = "doing done " &&
	test "$(bcomp docket list --type b)" = bau &&
	mkdir -p outdir && test "$(bcomp docket export html -o outd)" = outdir &&
	test "$(bcomp docket --color = al)" = always
'

test_expect 'bash: item ids where a command takes an id, honouring -C' '
	ids MKT-1 >want && test "$(wc -l <want)" -ge 2 &&
	bcomp docket -C r show MKT-1 >got && test_cmp want got &&
	bcomp docket -C r show --format json MKT-1 >got && test_cmp want got &&
	(cd r/backlog && bcomp docket show MKT-1) >got && test_cmp want got &&
	ids "" >want && bcomp docket -C r show "" >got && test_cmp want got &&
	test -z "$(bcomp docket -C r show MKT-1 "")" &&
	if docket help move >/dev/null 2>&1; then
		ids MKT-1 >want && bcomp docket -C r move MKT-7 --before MKT-1 >got && test_cmp want got
	fi
'

test_expect 'bash: positional words from the usage line: import sources, export format, help topics' '
	printf "asana\nbacklog-md\ncsv\njira\ntrello\n" >want &&
	bcomp docket import "" >got && test_cmp want got &&
	test "$(bcomp docket export "")" = html &&
	commands >want && bcomp docket help "" >got && test_cmp want got
'

test_expect 'bash: a new option in docket help is offered at once (nothing to regenerate)' '
	mkdir -p fake &&
	cat >fake/docket <<-EOF &&
	#!/bin/sh
	if [ "\$1 \$2" = "help list" ]; then
		"$DOCKET" help list | sed "s/^  --tag T /  --sparkle X|Y\\n  --tag T /"
		exit 0
	fi
	exec "$DOCKET" "\$@"
	EOF
	chmod +x fake/docket &&
	PATH="$TRASH/fake:$PATH" bcomp docket list --sp >got &&
	test "$(cat got)" = --sparkle
'

if command -v zsh >/dev/null; then
	test_expect 'zsh: commands, options, values and ids as for bash' '
		commands >want && zcomp docket "" >got && test_cmp want got &&
		for c in list check export; do
			options "$c" >want && zcomp docket "$c" - >got && test_cmp want got || return 1
		done &&
		formats list >want && test "$(wc -l <want)" -ge 5 &&
		zcomp docket list --format "" >got && test_cmp want got &&
		zcomp docket list --format=j >got && test_cmp want got &&
		ids "" >want && zcomp docket -C r show "" >got && test_cmp want got &&
		zcomp docket -C r show --rev HEAD "" >got && test_cmp want got &&
		printf "asana\nbacklog-md\ncsv\njira\ntrello\n" >want &&
		zcomp docket import "" >got && test_cmp want got &&
		test "$(zcomp docket export html -o "")" = "_files -/" &&
		test "$(zcomp docket import csv "")" = "_files "
	'
else
	test_count=$((test_count + 1))
	echo "ok $test_count - zsh completion # SKIP zsh is not installed"
fi
test_done
