# bash completion for docket(1)
#
# Install as $(datadir)/bash-completion/completions/docket (make install
# does), or source it from ~/.bashrc.
#
# Nothing here lists docket's commands or options: they are read from
# `docket help` and `docket help COMMAND` at completion time, so the
# completion always matches the docket being run.  Item ids come from
# `docket list --all --format plain` (honouring -C DIR).

# The parser of `docket help COMMAND`: prints one line per option,
#   opt NAME ARG CHOICES...   (ARG is "-" when the option takes no value)
# and one line per positional argument of the usage, in order,
#   pos PLACEHOLDER
_docket_spec_awk='
/^usage: docket / { u = 1; sub(/^usage: docket [^ ]+/, ""); usage = $0; next }
u && /^$/ { u = 0 }
u { usage = usage " " $0; next }
/^  -/ {
	line = substr($0, 3)
	n = index(line, "  ")
	if (n) line = substr(line, 1, n - 1)
	gsub(/,/, " ", line)
	k = split(line, f, " ")
	arg = "-"; names = ""
	for (j = 1; j <= k; j++)
		if (f[j] ~ /^-/) names = names " " f[j]; else arg = f[j]
	no++; onames[no] = names; oarg[no] = arg
}
END {
	rest = usage
	for (i = 1; i <= no; i++) {
		m = split(onames[i], nm, " ")
		for (j = 1; j <= m; j++) {
			ch = ""
			if (oarg[i] != "-" && match(usage, nm[j] "[ =][a-z0-9-]+(\\|[a-z0-9-]+)+")) {
				ch = substr(usage, RSTART + length(nm[j]) + 1, RLENGTH - length(nm[j]) - 1)
				gsub(/\|/, " ", ch)
			}
			print "opt", nm[j], oarg[i], ch
			if (ch != "")
				gsub(nm[j] "[ =][^] ]+", "", rest)
			else if (oarg[i] != "-")
				gsub(nm[j] "[ =][^] |]+", "", rest)
		}
	}
	gsub(/[][]/, " ", rest)
	k = split(rest, w, " ")
	for (j = 1; j <= k; j++) {
		m = split(w[j], alt, "|")
		p = ""
		for (a = 1; a <= m; a++)
			if (alt[a] !~ /^-/ && alt[a] ~ /[A-Za-z]/)
				p = p (p == "" ? "" : "|") alt[a]
		if (p != "")
			print "pos", p
	}
}'

# --status takes a comma-separated list, so its usage names no values
_docket_statuses="idea ready planned doing blocked done stopped"

# _docket_values KIND CUR: COMPREPLY for a value of kind KIND (an
# option's placeholder or a positional placeholder).
_docket_values() {
	local kind=$1 cur=$2
	case $kind in
	*'|'*|[a-z]*)
		COMPREPLY=($(compgen -W "${kind//|/ }" -- "$cur")) ;;
	ID|ID...|OLD)
		COMPREPLY=($(compgen -W "$("${_docket_bin[@]}" list --all --format plain 2>/dev/null |
			awk -F '\t' '{ print $2 }')" -- "$cur")) ;;
	COMMAND)
		COMPREPLY=($(compgen -W "$(_docket_commands)" -- "$cur")) ;;
	DIR)
		COMPREPLY=($(compgen -d -- "$cur")) ;;
	FILE|PATH|PATH...|SOURCE|BASE|OURS|THEIRS)
		COMPREPLY=($(compgen -f -- "$cur")) ;;
	REV)
		COMPREPLY=($(compgen -W "HEAD $(git "${_docket_gitdir[@]}" for-each-ref \
			--format='%(refname:short)' 2>/dev/null)" -- "$cur")) ;;
	*)
		COMPREPLY=() ;;
	esac
}

_docket_commands() {
	"${_docket_bin[@]}" help 2>/dev/null |
		awk '/^Commands:/ { c = 1; next } c && /^$/ { exit } c { print $1 }'
}

_docket() {
	local cur=${COMP_WORDS[COMP_CWORD]} prev=
	local i cmd= cmdi=0 spec opt arg choices kind npos=0 w
	local -a _docket_bin=("${COMP_WORDS[0]}") _docket_gitdir=()

	((COMP_CWORD > 0)) && prev=${COMP_WORDS[COMP_CWORD - 1]}
	# global options before the command; -C DIR applies to what we run
	for ((i = 1; i < COMP_CWORD; i++)); do
		w=${COMP_WORDS[i]}
		case $w in
		-C)
			((i + 1 < COMP_CWORD)) && _docket_bin+=(-C "${COMP_WORDS[i + 1]}") &&
				_docket_gitdir=(-C "${COMP_WORDS[i + 1]}")
			((i++)) ;;
		-C?*)
			_docket_bin+=("$w"); _docket_gitdir=(-C "${w#-C}") ;;
		--color|--colour)
			[[ ${COMP_WORDS[i + 1]} == = ]] && ((i += 2)) ;;
		-*) ;;
		*)
			cmd=$w; cmdi=$i; break ;;
		esac
	done

	if [[ -z $cmd ]]; then
		if [[ $prev == -C ]]; then
			COMPREPLY=($(compgen -d -- "$cur"))
		elif [[ $prev == = && ${COMP_WORDS[COMP_CWORD - 2]} == --colo* ]]; then
			COMPREPLY=($(compgen -W "auto always never" -- "$cur"))
		elif [[ $cur == -* ]]; then
			COMPREPLY=($(compgen -W "-C --no-commit --include-dirty --color= -q --quiet --help --version" -- "$cur"))
			[[ ${COMPREPLY[*]} == --color= ]] && compopt -o nospace 2>/dev/null
		else
			COMPREPLY=($(compgen -W "$(_docket_commands)" -- "$cur"))
		fi
		return 0
	fi

	spec=$("${_docket_bin[@]}" help "$cmd" 2>/dev/null | awk "$_docket_spec_awk")
	[[ -z $spec ]] && return 0

	# the value of an option: "--format json", or "--format=json"
	if [[ $prev == = && $COMP_CWORD -ge 2 ]]; then
		prev=${COMP_WORDS[COMP_CWORD - 2]}
	elif [[ $prev == -* && $cur == = ]]; then
		cur=
	fi
	if [[ $prev == -* ]]; then
		while read -r kind opt arg choices; do
			[[ $kind == opt && $opt == "$prev" && $arg != - ]] || continue
			if [[ -n $choices ]]; then
				COMPREPLY=($(compgen -W "$choices" -- "$cur"))
			elif [[ $opt == --status ]]; then
				COMPREPLY=($(compgen -W "$_docket_statuses" -- "$cur"))
			else
				_docket_values "$arg" "$cur"
			fi
			return 0
		done <<<"$spec"
	fi

	if [[ $cur == -* ]]; then
		COMPREPLY=($(compgen -W "$(awk '$1 == "opt" { print $2 }' <<<"$spec") --help" -- "$cur"))
		return 0
	fi

	# a positional argument: count the ones before, skipping options
	# and their values
	for ((i = cmdi + 1; i < COMP_CWORD; i++)); do
		w=${COMP_WORDS[i]}
		if [[ $w == -* ]]; then
			arg=$(awk -v o="$w" '$1 == "opt" && $2 == o { print $3 }' <<<"$spec")
			[[ -n $arg && $arg != - ]] && ((i++))
		elif [[ $w != = ]]; then
			((npos++))
		fi
	done
	kind=$(awk -v n=$((npos + 1)) '$1 == "pos" { p[++k] = $2 }
		END { if (n <= k) print p[n]; else if (k && p[k] ~ /\.\.\.$/) print p[k] }' <<<"$spec")
	_docket_values "$kind" "$cur"
	return 0
}

complete -F _docket docket
