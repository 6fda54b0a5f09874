/*
 * help.c: everything `docket help` prints, made from the descriptors
 * (cmd.h): the usage line, one command's help, the list of commands,
 * and the help topics.  `docket help NAME` shows the command NAME, else
 * the topic that answers to NAME.
 */
#include <stdlib.h>
#include <string.h>

#include "cmd/cmd.h"
#include "core/check.h"
#include "core/xalloc.h"
#include "formats/rule_help.h"

#define HELP_WIDTH 79   /* columns of the help */
#define HELP_COL 17     /* where an option's help starts, at least */
#define HELP_HEAD 18    /* longer heads push their help on */

/*
 * Topics other than commands, for `docket help NAME`.  show prints the
 * topic and returns 0, or returns -1 when NAME is not its topic: a row
 * whose name is NULL answers to names of its own (one rule by its id).
 * main's help lists the rows that have a name.
 */
struct help_topic {
	const char *name;
	const char *summary;
	int (*show)(struct ctx *ctx, const char *name, FILE *f);
};

static int
show_rules(struct ctx *ctx, const char *name, FILE *f)
{
	struct sbuf sb = SBUF_INIT;

	(void)ctx;
	(void)name;
	rule_help_list(&sb);
	fputs(sb.buf, f);
	sbuf_release(&sb);
	return 0;
}

static int
show_rule(struct ctx *ctx, const char *name, FILE *f)
{
	struct sbuf sb = SBUF_INIT;
	int r = check_rule_find(name);

	(void)ctx;
	if (r < 0)
		return -1;
	rule_help_one(&sb, &check_rules[r]);
	fputs(sb.buf, f);
	sbuf_release(&sb);
	return 0;
}

static const struct help_topic topics[] = {
	{ "rules", "the rules of docket check, with their default severity", show_rules },
	{ NULL, NULL, show_rule },      /* docket help RULE */
};

/* Append text from column col (the line holds that much), its words
 * wrapped at HELP_WIDTH (a newline in text is a space), never inside
 * [brackets]; later lines start at column indent. */
static void
add_wrapped(struct sbuf *sb, const char *text, size_t col, size_t indent)
{
	const char *p = text;
	int first = 1;

	while (*p) {
		size_t n = 0;

		for (int depth = 0; p[n] && ((p[n] != ' ' && p[n] != '\n') || depth); n++)
			depth += (p[n] == '[') - (p[n] == ']');
		if (n && !first && col + 1 + n > HELP_WIDTH) {
			sbuf_addf(sb, "\n%*s", (int)indent, "");
			col = indent;
		} else if (n && !first) {
			sbuf_addc(sb, ' ');
			col++;
		}
		sbuf_add(sb, p, n);
		col += n;
		first &= !n;
		p += n + !!p[n];
	}
	sbuf_addc(sb, '\n');
}

void
add_names(struct sbuf *sb, const struct format_table *t, const char *sep,
	  const char *last)
{
	const struct format *f;
	size_t n = 0;

	while (format_at(t, n))
		n++;
	for (size_t i = 0; (f = format_at(t, i)); i++)
		sbuf_addf(sb, "%s%s", i == 0 ? "" : i + 1 == n ? last : sep, f->name);
}

/* "--name V" as the usage shows an option. */
static void
add_usage_opt(struct sbuf *sb, const struct command *c, const struct opt *o)
{
	if ((o->flags & OPT_SHORT) && o->short_name)
		sbuf_addf(sb, "-%c", o->short_name);
	else
		sbuf_addf(sb, "--%s", o->name);
	if (o->kind == OPTK_FORMAT && c->formats) {
		sbuf_addc(sb, ' ');
		add_names(sb, c->formats, "|", "|");
	} else if (o->values || o->arg) {
		sbuf_addf(sb, " %s", o->values ? o->values : o->arg);
	}
}

/* "usage: docket NAME", the positional arguments, then the options. */
static void
add_usage(struct sbuf *sb, const struct command *c)
{
	struct sbuf u = SBUF_INIT;
	size_t opened = 0, col = strlen("usage: docket ") + strlen(c->name);

	for (const struct arg *a = c->args; a && a->name; a++) {
		opened += !!(a->flags & ARG_OPTIONAL);
		sbuf_addf(&u, " %s", a->flags & ARG_OPTIONAL ? "[" : "");
		if (a->values)
			add_names(&u, a->values, "|", "|");
		else
			sbuf_adds(&u, a->name);
	}
	while (opened--)
		sbuf_addc(&u, ']');
	for (const struct opt *o = c->opts; o && o->name; o++) {
		const struct opt *first = o;
		int req = !!(o->flags & OPT_REQUIRED);

		sbuf_adds(&u, req ? " " : " [");
		add_usage_opt(&u, c, o);
		while (o->flags & OPT_JOIN && o[1].name) {
			sbuf_addc(&u, '|');
			add_usage_opt(&u, c, ++o);
		}
		sbuf_adds(&u, req ? "" : "]");
		sbuf_adds(&u, first->kind == OPTK_LIST ? "..." : "");
	}
	sbuf_addf(sb, "usage: docket %s", c->name);
	if (u.len)
		sbuf_addc(sb, ' ');
	add_wrapped(sb, u.len ? u.buf + 1 : "", col + !!u.len, col + 1);
	sbuf_release(&u);
}

/* "  -s, --status S" padded to column col, then the help, wrapped. */
static void
add_item(struct sbuf *sb, const char *head, const char *help, size_t col)
{
	size_t n = 2 + strlen(head);

	sbuf_addf(sb, "  %s", head);
	if (n + 2 > col) {
		sbuf_adds(sb, "  ");
		n += 2;
	} else {
		sbuf_addf(sb, "%*s", (int)(col - n), "");
		n = col;
	}
	add_wrapped(sb, help, n, col);
}

/* "-s, --status S" */
static void
add_head(struct sbuf *sb, const struct opt *o)
{
	sbuf_reset(sb);
	if (o->short_name)
		sbuf_addf(sb, "-%c, ", o->short_name);
	sbuf_addf(sb, "--%s", o->name);
	if (o->arg)
		sbuf_addf(sb, " %s", o->arg);
}

/* The help of --format: "text (default), md (a pull-request comment) or json". */
static void
add_format_help(struct sbuf *sb, const struct format_table *t)
{
	const struct format *f;
	size_t n = 0;

	while (format_at(t, n))
		n++;
	for (size_t i = 0; (f = format_at(t, i)); i++) {
		sbuf_addf(sb, "%s%s", i == 0 ? "" : i + 1 == n ? " or " : ", ", f->name);
		if (i == 0)
			sbuf_addf(sb, " (default%s%s)", f->help ? ": " : "", f->help ? f->help : "");
		else if (f->help)
			sbuf_addf(sb, " (%s)", f->help);
	}
}

void
command_usage(const struct command *c, FILE *f)
{
	struct sbuf sb = SBUF_INIT;

	add_usage(&sb, c);
	fputs(sb.buf, f);
	sbuf_release(&sb);
}

void
command_help(const struct command *c, FILE *f)
{
	struct sbuf sb = SBUF_INIT, head = SBUF_INIT, fh = SBUF_INIT;
	size_t col = HELP_COL;
	int items = 0;

	/* one column for the help of every option and argument */
	for (const struct arg *a = c->args; a && a->name; a++) {
		items |= !!a->help;
		if (a->help && strlen(a->name) <= HELP_HEAD && 4 + strlen(a->name) > col)
			col = 4 + strlen(a->name);
	}
	for (const struct opt *o = c->opts; o && o->name; o++) {
		add_head(&head, o);
		items = 1;
		if (head.len <= HELP_HEAD && 4 + head.len > col)
			col = 4 + head.len;
	}
	add_usage(&sb, c);
	sbuf_addf(&sb, "\n%s\n", c->summary);
	if (items || c->details || c->more_help)
		sbuf_addc(&sb, '\n');
	for (const struct arg *a = c->args; a && a->name; a++)
		if (a->help)
			add_item(&sb, a->name, a->help, col);
	for (const struct opt *o = c->opts; o && o->name; o++) {
		add_head(&head, o);
		if (o->kind == OPTK_FORMAT && c->formats) {
			sbuf_reset(&fh);
			add_format_help(&fh, c->formats);
		}
		add_item(&sb, head.buf, o->kind == OPTK_FORMAT ? fh.buf : o->help, col);
	}
	if (c->details) {
		if (items)
			sbuf_addc(&sb, '\n');
		sbuf_adds(&sb, c->details);
	}
	if (c->more_help)
		c->more_help(&sb);
	sbuf_adds(&sb, "\nGlobal options: -C DIR, --no-commit, --no-verify, --include-dirty,\n"
		  "--color=auto|always|never, -q\n");
	fputs(sb.buf, f);
	sbuf_release(&sb);
	sbuf_release(&head);
	sbuf_release(&fh);
}

void
help_main(FILE *f)
{
	int w = 0;

	fprintf(f,
		"usage: docket [-C DIR] [--no-commit] [--no-verify] [--color=WHEN] [-q] COMMAND [ARGS]\n"
		"\n"
		"docket keeps a marketing team's backlog as Markdown files in git.\n"
		"\n"
		"Commands:\n");
	/* one column for every name, as wide as the longest */
	for (size_t i = 0; commands[i]; i++)
		if ((int)strlen(commands[i]->name) > w)
			w = (int)strlen(commands[i]->name);
	for (size_t i = 0; i < sizeof(topics) / sizeof(topics[0]); i++)
		if (topics[i].name && (int)strlen(topics[i].name) > w)
			w = (int)strlen(topics[i].name);
	for (size_t i = 0; commands[i]; i++)
		fprintf(f, "  %-*s %s\n", w, commands[i]->name, commands[i]->summary);
	if (topics[0].name) {
		fprintf(f, "\nHelp topics (docket help TOPIC):\n");
		for (size_t i = 0; i < sizeof(topics) / sizeof(topics[0]); i++)
			if (topics[i].name)
				fprintf(f, "  %-*s %s\n", w, topics[i].name, topics[i].summary);
	}
	fprintf(f,
		"\n"
		"Global options:\n"
		"  -C DIR          run as if started in DIR\n"
		"  --no-commit     write files but do not commit\n"
		"  --no-verify     commit without the pre-commit and commit-msg hooks\n"
		"  --include-dirty include a file's uncommitted edits in docket's commit\n"
		"  --color=WHEN    auto (default), always or never; NO_COLOR disables auto\n"
		"  -q, --quiet     print less\n"
		"  --version       print the version\n"
		"\n"
		"Exit status: 0 success, 1 problems found or refused, 2 usage error,\n"
		"unreadable input, not in a backlog, or an error in docket.yaml (which\n"
		"stops every command but check, help and merge-order).\n"
		"See 'docket help COMMAND' for one command.\n");
}

/* What NAME, unknown to `docket help`, is a likely typo of: a command,
 * a topic or a rule ("max-efort": "max-effort"), in one check_suggest
 * (core/check.h: the suggestion of command names and field names too),
 * or NULL. */
static const char *
help_suggest(const char *name)
{
	size_t nc = 0, n = 0;
	const char **names, *best;

	while (commands[nc])
		nc++;
	names = xcalloc(nc + sizeof(topics) / sizeof(topics[0]) + RULE_COUNT,
			sizeof(*names));
	for (size_t i = 0; i < nc; i++)
		names[n++] = commands[i]->name;
	for (size_t i = 0; i < sizeof(topics) / sizeof(topics[0]); i++)
		if (topics[i].name)
			names[n++] = topics[i].name;
	for (size_t r = 0; r < RULE_COUNT; r++)
		names[n++] = check_rules[r].id;
	best = check_suggest(name, names, n);
	free(names);
	return best;
}

static int
run(struct ctx *ctx)
{
	const char *name = ctx->npos ? ctx->pos[0] : NULL, *best;
	const struct command *c;

	if (!name) {
		help_main(stdout);
		return EXIT_OK;
	}
	if ((c = command_find(name))) {
		command_help(c, stdout);
		return EXIT_OK;
	}
	for (size_t i = 0; i < sizeof(topics) / sizeof(topics[0]); i++)
		if (topics[i].show && (!topics[i].name || !strcmp(topics[i].name, name)) &&
		    topics[i].show(ctx, name, stdout) == 0)
			return EXIT_OK;
	best = help_suggest(name);
	fprintf(stderr, "docket: error: '%s' is neither a docket command nor a rule; %s%s%s'docket help' and 'docket help rules'\n",
		name, best ? "did you mean '" : "see ", best ? best : "",
		best ? "'? See " : "");
	return EXIT_USAGE;
}

static const struct arg args[] = {
	{ "COMMAND", ARG_OPTIONAL, NULL, NULL },
	ARG_END,
};

const struct command cmd_help = {
	.name = "help",
	.summary = "show help for docket or a command",
	.args = args,
	.run = run,
};
