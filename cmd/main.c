/*
 * main.c: global options, the command table and dispatch.
 *
 *   docket [-C DIR] [--no-commit] [--color=WHEN] [-q] COMMAND [ARGS]
 *
 * Exit status: 0 success; 1 the command ran and found problems or
 * refused; 2 usage error, unreadable input, not in a backlog.
 */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "cmd/cmd.h"
#include "core/check.h"
#include "core/repo.h"
#include "formats/rule_help.h"

static const struct command commands[] = {
	{ "init", cmd_init, "init [--prefix P]",
	  "create a backlog in this git repository",
	  "  --prefix P     the letters of every id (default MKT)\n"
	  "Creates docket.yaml, backlog/ORDER and the .gitattributes line for\n"
	  "ORDER, registers the merge driver in .git/config, and commits.\n"
	  "In an existing backlog (a fresh clone) it only registers the merge\n"
	  "driver, which git does not clone.\n" },
	{ "list", cmd_list,
	  "list [--status S] [--type T] [--tag T] [--cycle C] [--campaign C] [--goal G]\n"
	  "            [--grep RE] [--where EXPR] [--format table|plain|json|csv|md] [--rev REV]",
	  "items in backlog order",
	  "  --status S     only items with this status (comma-separated list allowed)\n"
	  "  --type T       experiment, bau or improvement\n"
	  "  --tag T        items tagged T\n"
	  "  --cycle C      items planned into cycle C\n"
	  "  --campaign C   items of campaign C\n"
	  "  --goal G       items serving goal G\n"
	  "  --grep RE      title or body matches the PCRE2 regular expression RE\n"
	  "  --where EXPR   comparisons joined by 'and': 'effort<=3 and type=experiment'\n"
	  "                 (operators = != < <= > >= ~; ~ means contains)\n"
	  "  --format F     table (default), plain (tab-separated), json, csv, md\n"
	  "  --rev REV      read the backlog at a git revision, not the working tree\n"
	  "Ranked items come first in ORDER's order, then the unranked intake\n"
	  "(oldest created first). Columns: rank, id, status, type, effort,\n"
	  "customer value (cv), business value (bv), score, title.\n" },
	{ "show", cmd_show, "show ID [--format md|json] [--rev REV]",
	  "one item",
	  "  --format F     md (default: the file as written) or json\n"
	  "  --rev REV      read the item at a git revision\n" },
	{ "check", cmd_check,
	  "check [PATH...] [--rev REV] [--base REV]\n"
	  "             [--format text|json|github|sarif|junit|gitlab] [--strict]",
	  "validate the backlog (for CI and pre-commit)",
	  "  PATH...        report only findings on these files or folders (the whole\n"
	  "                 backlog is still read, so rules across files still work)\n"
	  "  --rev REV      check a git revision, not the working tree\n"
	  "  --base REV     list findings on files changed since REV first, and check\n"
	  "                 that every commit in REV..HEAD that changed ORDER is by an\n"
	  "                 owner (rule owner-order)\n"
	  "  --format F     text (default), json, github, sarif, junit or gitlab\n"
	  "  --strict       exit 1 on warnings too\n"
	  "Exit status: 0 no errors, 1 errors (or warnings with --strict), 2 usage\n"
	  "error, not a backlog, or an unknown revision.\n" },
	{ "import", cmd_import,
	  "import csv|jira|trello|asana|backlog-md SOURCE [--map FILE]",
	  "create items and ORDER from another tool's export, in one commit",
	  "  SOURCE         the export file (csv, jira, asana: CSV; trello: the board's\n"
	  "                 JSON) or, for backlog-md, the Backlog.md folder\n"
	  "  --map FILE     a YAML mapping of statuses, types and fields that overrides\n"
	  "                 the defaults for the tool (see docs/import.md)\n"
	  "Items keep the source's order: ready, planned, doing and blocked items are\n"
	  "appended to ORDER (Jira's Rank, Trello's lists and pos, Backlog.md's\n"
	  "ordinal, else the order of the rows); ideas stay unranked; done and\n"
	  "stopped items are not ranked. Assignees become notes in the body.\n"
	  "Every record that is not imported is named. Exit status: 0 all imported,\n"
	  "1 some records could not be imported (the rest was), 2 unreadable input.\n" },
	{ "new", cmd_new,
	  "new TITLE [--type T] [--set K=V]... [--top|--bottom|--before ID|--after ID] [--edit]",
	  "add an item with the next free id",
	  "  --type T       experiment (default), bau or improvement\n"
	  "  --set K=V      set a field (repeatable); values are typed by the schema\n"
	  "  --top, --bottom, --before ID, --after ID\n"
	  "                 also rank it in ORDER (by default a new idea is unranked)\n"
	  "  --edit         open the new file in $VISUAL/$EDITOR before committing\n"
	  "The file gets status idea, today's created date and the Definition of\n"
	  "Done boxes of docket.yaml. The id is one above the highest on any local\n"
	  "or remote-tracking branch. Prints the new id; commits 'Add ID: TITLE'.\n" },
	{ "set", cmd_set, "set ID KEY=VALUE... [--force]",
	  "change fields in place",
	  "  KEY=VALUE      a field; typed by the schema (numbers, dates, true/false,\n"
	  "                 lists as a,b or [a, b]); KEY= removes the field\n"
	  "  --force        with status=done: even with unchecked Definition-of-Done boxes\n"
	  "Only the field's own line changes: comments, order, quoting, CRLF and the\n"
	  "body stay as they are. status=... is a transition: started/finished dates,\n"
	  "required reasons and results, done and stopped items leave ORDER.\n" },
	{ "start", cmd_start, "start ID", "status doing (sets started)",
	  "Sets status: doing, and started: today unless the item has a date.\n" },
	{ "block", cmd_block, "block ID --reason R", "status blocked, with the reason",
	  "  --reason R     what it waits for (blocked_reason; required)\n" },
	{ "done", cmd_done, "done ID [--result won|lost|inconclusive] [--actual V] [--force]",
	  "status done; the item leaves ORDER",
	  "  --result R     how the experiment went (required for experiments)\n"
	  "  --actual V     the measured value of its metric\n"
	  "  --force        even with unchecked Definition-of-Done boxes\n"
	  "Sets finished: today and removes the id from ORDER.\n" },
	{ "stop", cmd_stop, "stop ID --reason R", "status stopped; the item leaves ORDER",
	  "  --reason R     why it is not worth finishing (stop_reason; required)\n"
	  "Sets finished: today and removes the id from ORDER.\n" },
	{ "move", cmd_move, "move ID --top|--bottom|--to N|--before ID|--after ID",
	  "reorder ORDER",
	  "  --top          the first id (below the header comment of its section)\n"
	  "  --bottom       right after the last id\n"
	  "  --to N         rank N (1 = top)\n"
	  "  --before ID, --after ID   next to another ranked item\n"
	  "Comment and blank lines stay where they are; an unranked item becomes\n"
	  "ranked. Commits 'Rank ID #old → #new (above OTHER)'.\n" },
	{ "followup", cmd_followup,
	  "followup ID TITLE [--set K=V]... [--top|--bottom|--before ID|--after ID] [--edit]",
	  "a new experiment following ID",
	  "  --set K=V      set a field (repeatable); values are typed by the schema\n"
	  "  --top, --bottom, --before ID, --after ID\n"
	  "                 also rank it in ORDER (by default it is unranked)\n"
	  "  --edit         open the new file in $VISUAL/$EDITOR before committing\n"
	  "The new experiment has follows: ID and inherits goal, campaign and tags.\n" },
	{ "edit", cmd_edit, "edit ID", "open an item in your editor, then validate and commit",
	  "Runs $VISUAL, else $EDITOR, else vi. On save the item is checked with\n"
	  "every rule; an invalid edit is kept on disk, reported with line and\n"
	  "column, and not committed (exit 1).\n" },
	{ "diff", cmd_diff, "diff [BASE [HEAD]] [--format text|md|json]",
	  "priority changes between two revisions",
	  "  BASE           a revision (default HEAD); BASE...HEAD in one argument\n"
	  "                 compares HEAD with the merge base, as a pull request does\n"
	  "  HEAD           a revision (default: the working tree)\n"
	  "  --format F     text (default), md (a pull-request comment) or json\n"
	  "Lists items moved (old -> new rank; only those out of their old relative\n"
	  "order), newly ranked, unranked, added, removed, closed (done or stopped),\n"
	  "other status changes and changes of effort, customer_value and\n"
	  "business_value. See docs/history.md.\n" },
	{ "log", cmd_log, "log ID [--format text|json] [--rev REV]",
	  "an item's history from git",
	  "  --format F     text (default) or json\n"
	  "  --rev REV      start from this revision instead of HEAD\n"
	  "Each commit on the first-parent history that changed the item's file or\n"
	  "its rank in ORDER, newest first: short id, author date, author, subject,\n"
	  "then the rank change (#7 -> #2) and every field change (effort: 3 -> 5).\n"
	  "Renumbered items are followed. See docs/history.md.\n" },
	{ "burnup", cmd_burnup,
	  "burnup CAMPAIGN [--format text|svg|json] [-o FILE] [--rev REV]",
	  "scope and completed effort of a campaign over time, from git history",
	  "  --format F     text (default: a chart for the terminal), svg (a\n"
	  "                 standalone chart) or json (the figures per day)\n"
	  "  -o FILE        write to FILE instead of standard output\n"
	  "  --rev REV      read the history of REV instead of HEAD\n"
	  "Scope is the effort of the campaign's items that are not stopped,\n"
	  "completed the effort of those done, each day from the first commit where\n"
	  "the campaign appears to today (DOCKET_TODAY). Items without effort count\n"
	  "0 and are named in the summary. See docs/history.md.\n" },
	{ "plan", cmd_plan, "plan [CYCLE] [--capacity N] [--start DATE] [--apply] [--rev REV]",
	  "propose the commitment of the next launch cycle",
	  "  CYCLE          the cycle to plan (default: the next one, named after the\n"
	  "                 previous cycle's scheme, e.g. 2026-12)\n"
	  "  --capacity N   effort the cycle can hold (default: the cycle file's\n"
	  "                 capacity, else the mean velocity of the last three closed\n"
	  "                 cycles, else cycle.capacity in docket.yaml)\n"
	  "  --start DATE   first day, YYYY-MM-DD (default: the day after the most\n"
	  "                 recent cycle ends; the cycle is cycle.length_days long)\n"
	  "  --apply        write backlog/cycles/CYCLE.md with the committed items, set\n"
	  "                 their cycle and status: planned, and commit\n"
	  "  --rev REV      propose from a git revision (not with --apply)\n"
	  "Walks ORDER from the top and takes ready items whose dependencies are\n"
	  "done or taken earlier, while their effort fits; every item walked is\n"
	  "shown with the reason it was taken or skipped.\n" },
	{ "huddle", cmd_huddle, "huddle [CYCLE] [--rev REV]",
	  "the Daily Huddle board of the current cycle",
	  "  CYCLE          the cycle to show (default: the current one)\n"
	  "  --rev REV      read the backlog at a git revision\n"
	  "Columns planned, doing, blocked and done with days in status; blocked\n"
	  "items first with their reasons; the WIP limit (rules: wip-limit: max,\n"
	  "default 5); items at risk: blocked, doing for more than half the cycle,\n"
	  "past the capacity left, or not done when the cycle has ended.\n"
	  "On a terminal the board is in columns; piped, it is a plain list.\n" },
	{ "showcase", cmd_showcase, "showcase [CYCLE] [--format md|html] [--rev REV]",
	  "the Team Showcase of a cycle",
	  "  CYCLE          the cycle to show (default: the current one)\n"
	  "  --format F     md (default) or html (one self-contained page)\n"
	  "  --rev REV      read the backlog at a git revision\n"
	  "What shipped, experiment results (hypothesis, metric, target, actual,\n"
	  "result), stopped items and why, follow-ups, committed vs completed, and\n"
	  "the cycle's improvements.\n" },
	{ "report", cmd_report, "report [--format text|md|json] [--rev REV]",
	  "cycle figures: say/do, velocity, cycle time, win rate, forecast",
	  "  --format F     text (default), md or json\n"
	  "  --rev REV      read the backlog at a git revision\n"
	  "Per cycle: committed and completed items and effort, say/do ratio,\n"
	  "velocity, items done. Then predictability, throughput, cycle time, the\n"
	  "experiment win rate, BAU share and the forecast of the open backlog in\n"
	  "cycles and as a date. Team figures only: nothing per person.\n"
	  "See docs/cycles.md for the definitions.\n" },
	{ "rank", cmd_rank, "rank [--by wsjf|rice|ice|value-per-effort] [--apply] [--format text|json]",
	  "propose an order by score (MVL first, dependencies first)",
	  "  --by KIND      the score to order by (default: score: in docket.yaml)\n"
	  "  --apply        write ORDER in the proposed order and commit it\n"
	  "  --format F     text (the changes) or json (the whole proposal)\n"
	  "Proposes an order of the open items ORDER lists and of the unranked\n"
	  "items past idea (ready, planned, doing, blocked): MVL items first, then\n"
	  "by score (no score last; ties keep their current order), with each\n"
	  "item's dependencies moved just above it. Shows what moves (#old → #new),\n"
	  "what gets ranked (new → #N) and what leaves ORDER (done or stopped).\n"
	  "Comment lines stay where they are. The score advises; the owner decides.\n" },
	{ "renumber", cmd_renumber, "renumber OLD NEW",
	  "change an item's id everywhere, in one commit",
	  "Renames the file (NEW.md, or NEW-slug.md keeping a slug), changes its\n"
	  "id:, its ORDER line, other items' depends_on and follows, and cycle\n"
	  "files' committed lists, editing only those values. Refuses when NEW is\n"
	  "in use in the work tree or on any local or remote-tracking branch, or\n"
	  "when a file that may refer to OLD does not parse.\n" },
	{ "merge-order", cmd_merge_order, "merge-order BASE OURS THEIRS",
	  "git's merge driver for ORDER: merge two branches' reorderings",
	  "  BASE OURS THEIRS  the three versions of ORDER (git passes %O %A %B)\n"
	  "The result is written to OURS. Both sides' moves, insertions and removals\n"
	  "are applied; comment and blank lines stay where ours has them. A removal\n"
	  "wins over a move. Only an id both sides moved to different places, or\n"
	  "whose line both changed differently, is a conflict: OURS then gets\n"
	  "<<<<<<< ours / ======= / >>>>>>> theirs markers around the stretch that\n"
	  "differs. `docket init` registers the driver (see docs/merge-order.md).\n"
	  "Exit status: 0 merged, 1 conflict, 2 unreadable or unwritable files.\n" },
	{ "export", cmd_export, "export html -o DIR [--title TEXT] [--rev REV]",
	  "write a static web site of the backlog for stakeholders",
	  "  -o, --output DIR  the folder to write (created; index.html and items/)\n"
	  "  --title TEXT      the site's name (default: the backlog folder's name)\n"
	  "  --rev REV         export the backlog at a git revision\n"
	  "The site has no external assets and works from file:// or any static\n"
	  "host (GitHub or GitLab Pages): the ordered backlog with filters, the\n"
	  "huddle board of the current cycle, committed vs completed per cycle,\n"
	  "experiment results, campaigns, and one page per item. Files are replaced\n"
	  "atomically; nothing is written outside DIR.\n" },
	{ "help", cmd_help, "help [COMMAND]", "show help for docket or a command",
	  "'docket help rules' lists the rules of docket check with their default\n"
	  "severity; 'docket help RULE' explains one.\n" },
};

const struct command *
command_find(const char *name)
{
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (!strcmp(commands[i].name, name))
			return &commands[i];
	return NULL;
}

void
command_usage(const struct command *c, FILE *f)
{
	fprintf(f, "usage: docket %s\n", c->usage);
}

void
command_help(const struct command *c, FILE *f)
{
	fprintf(f, "usage: docket %s\n\n%s\n", c->usage, c->summary);
	if (c->help && *c->help)
		fprintf(f, "\n%s", c->help);
	if (c->run == cmd_check) {
		struct sbuf sb = SBUF_INIT;

		rule_help_ids(&sb);
		fputs(sb.buf, f);
		sbuf_release(&sb);
	}
	fprintf(f, "\nGlobal options: -C DIR, --no-commit, --color=auto|always|never, -q\n");
}

static void
main_help(FILE *f)
{
	fprintf(f,
		"usage: docket [-C DIR] [--no-commit] [--color=WHEN] [-q] COMMAND [ARGS]\n"
		"\n"
		"docket keeps a marketing team's backlog as Markdown files in git.\n"
		"\n"
		"Commands:\n");
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		fprintf(f, "  %-10s %s\n", commands[i].name, commands[i].summary);
	fprintf(f,
		"\n"
		"Global options:\n"
		"  -C DIR          run as if started in DIR\n"
		"  --no-commit     write files but do not commit\n"
		"  --color=WHEN    auto (default), always or never; NO_COLOR disables auto\n"
		"  -q, --quiet     print less\n"
		"  --version       print the version\n"
		"\n"
		"Exit status: 0 success, 1 problems found or refused, 2 usage error,\n"
		"unreadable input or not in a backlog.\n"
		"See 'docket help COMMAND' for one command, 'docket help rules' for the\n"
		"rules of docket check.\n");
}

int
cmd_help(struct ctx *ctx, int argc, char **argv)
{
	const struct command *c;

	(void)ctx;
	if (argc < 2) {
		main_help(stdout);
		return EXIT_OK;
	}
	c = command_find(argv[1]);
	if (!c) {
		struct sbuf sb = SBUF_INIT;
		int r = check_rule_find(argv[1]);

		if (!strcmp(argv[1], "rules")) {
			rule_help_list(&sb);
		} else if (r >= 0) {
			rule_help_one(&sb, &check_rules[r]);
		} else {
			fprintf(stderr, "docket: '%s' is neither a docket command nor a rule; see 'docket help' and 'docket help rules'\n",
				argv[1]);
			return EXIT_USAGE;
		}
		fputs(sb.buf, stdout);
		sbuf_release(&sb);
		return EXIT_OK;
	}
	command_help(c, stdout);
	return EXIT_OK;
}

static size_t
term_width(void)
{
	struct winsize ws;
	const char *cols = getenv("COLUMNS");

	if (ioctl(1, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col;
	if (cols && atoi(cols) > 0)
		return (size_t)atoi(cols);
	return 80;
}

static int
finish(int rc)
{
	/* a full disk or closed pipe must not look like success */
	if (fflush(stdout) || ferror(stdout)) {
		if (errno != EPIPE)
			fprintf(stderr, "docket: error: cannot write output: %s\n",
				strerror(errno));
		return EXIT_USAGE;
	}
	return rc;
}

int
main(int argc, char **argv)
{
	struct ctx ctx;
	const struct command *c;
	int i = 1, rc;

	/* a file-size limit (ulimit -f) makes write() fail with EFBIG, which
	 * docket reports, instead of killing it halfway through a change */
	signal(SIGXFSZ, SIG_IGN);
	memset(&ctx, 0, sizeof(ctx));
	ctx.dir = ".";
	ctx_set_color(&ctx, "auto");
	for (; i < argc && argv[i][0] == '-'; i++) {
		const char *a = argv[i];

		if (!strcmp(a, "-C")) {
			if (++i >= argc) {
				fprintf(stderr, "docket: error: -C needs a directory\n");
				return EXIT_USAGE;
			}
			ctx.dir = argv[i];
		} else if (!strncmp(a, "-C", 2)) {
			ctx.dir = a + 2;
		} else if (!strcmp(a, "--no-commit")) {
			ctx.no_commit = 1;
		} else if (!strcmp(a, "--include-dirty")) {
			ctx.include_dirty = 1;
		} else if (!strcmp(a, "-q") || !strcmp(a, "--quiet")) {
			ctx.quiet = 1;
		} else if (!strncmp(a, "--color", 7) || !strncmp(a, "--colour", 8)) {
			const char *eq = strchr(a, '=');

			if (ctx_set_color(&ctx, eq ? eq + 1 : "always") < 0) {
				fprintf(stderr, "docket: error: --color takes auto, always or never\n");
				return EXIT_USAGE;
			}
		} else if (!strcmp(a, "--version")) {
			printf("docket %s\n", DOCKET_VERSION);
			return finish(EXIT_OK);
		} else if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
			main_help(stdout);
			return finish(EXIT_OK);
		} else {
			fprintf(stderr, "docket: error: unknown option '%s'\n", a);
			main_help(stderr);
			return EXIT_USAGE;
		}
	}
	if (i >= argc) {
		main_help(stderr);
		return EXIT_USAGE;
	}
	c = command_find(argv[i]);
	if (!c) {
		fprintf(stderr, "docket: error: '%s' is not a docket command; see 'docket help'\n",
			argv[i]);
		return EXIT_USAGE;
	}
	if (chdir(ctx.dir) != 0) {
		fprintf(stderr, "docket: error: cannot change to '%s': %s\n", ctx.dir,
			strerror(errno));
		return EXIT_USAGE;
	}
	ctx.dir = ".";
	ctx.cmd = c;
	ctx.out_tty = isatty(1);
	ctx.width = ctx.out_tty ? term_width() : 0;
	repo_global_init();
	rc = c->run(&ctx, argc - i, argv + i);
	rc = finish(rc);
	repo_global_shutdown();
	return rc;
}
