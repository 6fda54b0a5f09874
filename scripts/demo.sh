#!/bin/sh
# A short tour of docket on the example backlog (examples/banking-app).
#
#   sh scripts/demo.sh [DOCKET]      (what `make demo` runs)
#
# DOCKET is the binary: the first argument, else $DOCKET, else build/docket.
# The example is copied into a throwaway git repository (mktemp -d under
# $TMPDIR) with a replayed history (scripts/demo-history.py), and every
# step runs there: the project's own files are never touched.  The directory is kept so that you can look at
# the charts and the site the tour writes; its path is printed at the end.
#
# Steps for commands that are not in this docket yet are skipped with a
# note, so the tour grows as commands land.  Any step that fails stops the
# tour with a non-zero exit status.
set -eu

here=$(cd "$(dirname "$0")/.." && pwd)
DOCKET=${1:-${DOCKET:-$here/build/docket}}
case $DOCKET in
/*) ;;
*) DOCKET=$(pwd)/$DOCKET ;;
esac
if [ ! -x "$DOCKET" ]; then
	echo "demo: no docket binary at $DOCKET; run 'make' first (or 'make demo')" >&2
	exit 2
fi

# "Today" for the example: day 2 of cycle 2026-11-30.  The tour's own
# commits (the move of step 8) are made on that day too, so that log,
# diff and burnup tell one story whatever the date of the machine.
export DOCKET_TODAY=2026-12-01
export GIT_AUTHOR_DATE="${DOCKET_TODAY}T10:00:00+0000"
export GIT_COMMITTER_DATE="$GIT_AUTHOR_DATE"
export PAGER=cat
unset GIT_DIR GIT_WORK_TREE GIT_INDEX_FILE || true

demo=$(mktemp -d "${TMPDIR:-/tmp}/docket-demo.XXXXXX")
repo="$demo/banking-app"
export GIT_CEILING_DIRECTORIES="$demo"

step=0
heading() {
	step=$((step + 1))
	printf '\n== %d. %s ==\n' "$step" "$1"
}

note() {
	printf '%s\n' "$*"
}

# show_cmd ARGS...: print "$ docket ARGS" quoted as one would type it.
show_cmd() {
	printf '$ docket'
	for a in "$@"; do
		case $a in
		*[!A-Za-z0-9_./=:,@%+~-]* | '') printf " '%s'" "$a" ;;
		*) printf ' %s' "$a" ;;
		esac
	done
	printf '\n'
}

# run ARGS...: show the command, then run docket with ARGS in the repository.
run() {
	show_cmd "$@"
	(cd "$repo" && "$DOCKET" "$@") || {
		echo "demo: 'docket $*' failed" >&2
		exit 1
	}
}

# have CMD: is CMD a command of this docket?
have() {
	"$DOCKET" help "$1" >/dev/null 2>&1
}

# skip CMD WHAT: the note for a step whose command has not landed yet.
skip() {
	note "(skipped: 'docket $1' is not in this build yet; it will $2)"
}

# --- the repository -------------------------------------------------------
cp -R "$here/examples/banking-app" "$repo"
(
	cd "$repo"
	git init -q
	git config user.name "Dana Reyes"
	git config user.email "dana@example.com"
	git config merge.docket-order.name "docket: merge reorderings of ORDER"
	git config merge.docket-order.driver "docket merge-order %O %A %B"
	# One commit per day on which the backlog changed, ending with the
	# example as it is today: log, diff, burnup and report read it.
	python3 "$here/scripts/demo-history.py" .
)

printf 'docket demo: the Nova Bank marketing backlog (examples/banking-app)\n'
printf 'A copy in a fresh git repository: %s\n' "$repo"
printf "Today is %s, day 2 of launch cycle 2026-11-30.\n" "$DOCKET_TODAY"

# --- reading the backlog --------------------------------------------------
heading "The backlog in order: ranked items first, then the unranked intake and closed work"
note "A * before the title marks the minimally viable launch (mvl: true)."
run list

heading "Small experiments only"
run list --where "effort<=3 and type=experiment"

heading "The same backlog as a Markdown table, for a wiki page or a pull request"
printf '$ docket list --status ready --format md | head -n 8\n'
(cd "$repo" && "$DOCKET" list --status ready --format md) | head -n 8

heading "One item: a won experiment with its hypothesis, target and result"
run show MKT-16

# --- checking --------------------------------------------------------------
heading "Validate the backlog, as CI does on every pull request"
run check

heading "check catches mistakes: put a finished item back into ORDER"
printf 'MKT-2\n' >>"$repo/backlog/ORDER"
printf '$ echo MKT-2 >> backlog/ORDER && docket check\n'
set +e
(cd "$repo" && "$DOCKET" check)
rc=$?
set -e
note "(exit status $rc: errors fail the CI job)"
if [ "$rc" -ne 1 ]; then
	echo "demo: docket check should have exited 1 on a done item in ORDER" >&2
	exit 1
fi
(cd "$repo" && git checkout -q -- backlog/ORDER)

# --- prioritising ----------------------------------------------------------
heading "What the scores suggest (the Marketing Owner decides)"
if have rank; then
	run rank
else
	skip rank "propose an order by score, shown as a diff against ORDER"
fi

heading "Dana moves the reminder email (MKT-30) above the year-end recap (MKT-48)"
if have move; then
	run move MKT-30 --before MKT-48
else
	note "(docket move is not in this build yet: editing ORDER by hand and committing with git)"
	awk '/^MKT-30([ \t#]|$)/ { next }
	     /^MKT-48([ \t#]|$)/ { print "MKT-30" }
	     { print }' "$repo/backlog/ORDER" >"$repo/backlog/ORDER.new"
	mv "$repo/backlog/ORDER.new" "$repo/backlog/ORDER"
	(cd "$repo" && git commit -q -m "Rank MKT-30 above MKT-48" -- backlog/ORDER)
	printf '$ git log --oneline\n'
	(cd "$repo" && git log --oneline)
fi

heading "The priority change, as a pull-request reviewer sees it"
if have diff; then
	run diff HEAD~1 HEAD
else
	skip diff "list moved, added and closed items between two revisions"
fi

heading "An item's history from git"
if have log; then
	run log MKT-30
else
	skip log "show each commit that changed MKT-30 or its rank"
fi

heading "The top ten before the move: every command that reads takes --rev"
run list --rev HEAD~1 --status ready --where "rank<=10"

# --- the launch cycle ------------------------------------------------------
heading "Cycle Planning: propose the next cycle's commitment"
if have plan; then
	run plan
else
	skip plan "fill a cycle from the top of ORDER up to its capacity"
fi

heading "Daily Huddle: the board of the current cycle"
if have huddle; then
	run huddle
else
	skip huddle "show planned / doing / blocked / done with blockers first"
	note "Meanwhile: the current cycle's items with list:"
	run list --cycle 2026-11-30
fi

heading "Team Showcase of the launch cycle"
if have showcase; then
	run showcase 2026-11-16
else
	skip showcase "show what shipped, experiment results and committed vs completed"
fi

heading "Report: predictability, velocity, win rate and a forecast"
if have report; then
	run report
else
	skip report "compute committed vs completed per cycle and forecast the backlog"
fi

heading "Burn-up of the app-launch campaign"
if have burnup; then
	run burnup app-launch
	svg="$demo/burnup-app-launch.svg"
	printf '$ docket burnup app-launch --format svg > %s\n' "$svg"
	(cd "$repo" && "$DOCKET" burnup app-launch --format svg) >"$svg" || {
		echo "demo: 'docket burnup app-launch --format svg' failed" >&2
		exit 1
	}
	note "Chart written to $svg"
else
	skip burnup "chart scope and completed effort of a campaign (text or SVG)"
fi

heading "A static site for stakeholders"
if have export; then
	run export html -q -o "$demo/site" --title "Nova Bank app launch"
	note "Site written to $demo/site (open $demo/site/index.html)"
else
	skip export "write a self-contained HTML site: backlog, board, cycles, charts"
fi

printf '\nDone. The demo repository is %s\n' "$repo"
printf 'Try more there, e.g.: cd %s && %s list --campaign savings-push\n' "$repo" "$DOCKET"
printf 'Remove it with: rm -rf %s\n' "$demo"
