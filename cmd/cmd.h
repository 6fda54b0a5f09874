/*
 * cmd: the command-line layer: one descriptor per command, the option
 * parser, terminal output and exit codes.  Only this layer prints or
 * exits.
 *
 * A command is one `const struct command cmd_NAME` in its own
 * cmd/NAME.c, listed once in main.c's table.  The descriptor declares
 * what main does around the command's own code (command_run):
 *
 *   1. parse the options into the variables the rows of .opts point to
 *      (-q, --no-commit, --color, --include-dirty and --help are
 *      accepted after every command); --help prints the help made from
 *      the descriptor, as `docket help NAME` does;
 *   2. check the positional arguments against .args (how many, item
 *      ids) and --format against .formats, a table in formats/
 *      (formats/format.h) whose first row is the default;
 *   3. .prepare, when there is one: the checks that need no backlog;
 *   4. what .needs asks for: a write session (ctx->ws: the lock, then
 *      docket.yaml and ORDER; cmd/write.h), the backlog read with the
 *      .load flags at --rev (ctx->ses), dates from history, the git
 *      repository (ctx->repo);
 *   5. .run, which returns the exit status;
 *   6. .finish (whenever .prepare succeeded), then the release of
 *      everything main set up.
 *
 * To add a command: write cmd/NAME.c with its descriptor, declare it at
 * the end of this file, add it to main.c's table, and give it a section
 * in docs/docket.1.scd.  To add an option: one row in the command's
 * options (the OPT_* macros below) pointing at a variable of the
 * command, and its definition in the manual's section.  To add an
 * output format: a row and its render function in the command's table
 * in formats/, and one line in the manual.  The help, the usage line
 * and the completions (completions/, which read `docket help NAME`)
 * follow from the descriptor; make check compares the manual, the
 * README and the completions with it (tests/cli/t8100, t8150, t8200).
 */
#ifndef DOCKET_CMD_H
#define DOCKET_CMD_H

#include <stddef.h>
#include <stdio.h>

#include "core/backlog.h"
#include "core/repo.h"
#include "core/diag.h"
#include "core/sbuf.h"
#include "formats/format.h"

enum exit_code {
	EXIT_OK = 0,        /* success */
	EXIT_PROBLEMS = 1,  /* ran and found problems, or refused */
	EXIT_USAGE = 2,     /* usage error, unreadable input, not in a backlog */
};

struct command;
struct session;
struct ws;

/* What one run of docket knows: the global options, the terminal, and
 * what main set up for the command (owned by main; commands borrow). */
struct ctx {
	const char *dir;        /* -C DIR, or "." */
	int color;              /* colour on stdout */
	int color_err;          /* colour on stderr */
	int quiet;              /* -q */
	int no_commit;          /* --no-commit */
	int include_dirty;      /* --include-dirty */
	int no_verify;          /* --no-verify: skip pre-commit, commit-msg */
	int out_tty;            /* stdout is a terminal */
	size_t width;           /* terminal width, 0 when not a terminal */
	const struct command *cmd;

	char **pos;             /* the positional arguments, in order */
	int npos;
	const char *rev;        /* --rev REV, or NULL: the working tree */
	const char *format_name;        /* --format F as given, or NULL */
	const struct format *format;    /* its row of cmd->formats */
	/* set by .prepare: run for each item as the backlog is read */
	backlog_visit_fn visit;
	void *visit_arg;
	/* NEED_BACKLOG: the backlog, loaded before .run (set before
	 * .prepare, so that a visitor can point into it) */
	struct session *ses;
	struct ws *ws;          /* NEED_WRITE: the write session */
	struct repo *repo;      /* NEED_REPO: the backlog's repository */
};

/* ---- command descriptors ---------------------------------------- */

/* What main sets up before .run (struct command's needs). */
enum cmd_needs {
	NEED_BACKLOG = 1 << 0,  /* ctx->ses: read with .load at ctx->rev */
	/* ...even when docket.yaml has errors (check reports them); without
	 * it session_load refuses such a backlog (exit 2) */
	NEED_BAD_CONFIG = 1 << 1,
	NEED_DATES = 1 << 2,    /* ...started/finished dates filled from git */
	NEED_REPO = 1 << 3,     /* ctx->repo at the backlog's root */
	NEED_WRITE = 1 << 4,    /* ctx->ws, before the backlog (write.h) */
};

/* How an option's value is taken (struct opt's kind). */
enum opt_kind {
	OPTK_FLAG,      /* *(int *)value = 1 */
	OPTK_STRING,    /* *(const char **)value = the value (the last given) */
	OPTK_LIST,      /* appended to *(struct opt_list *)value (repeatable) */
	OPTK_CALL,      /* fn(ctx, opt, value) takes it: 0 or EXIT_USAGE */
	OPTK_FORMAT,    /* --format F: ctx->format, from the command's table */
	OPTK_REV,       /* --rev REV: ctx->rev, where the backlog is read */
};

enum opt_flags {
	OPT_JOIN = 1 << 0,      /* usage: an alternative to the next row */
	OPT_REQUIRED = 1 << 1,  /* usage: not in brackets (.run checks it) */
	OPT_SHORT = 1 << 2,     /* usage: by its short name ("-o DIR") */
};

struct ctx;
struct opt;
typedef int opt_fn(struct ctx *ctx, const struct opt *o, const char *arg);

/* One option of a command; arrays of them end with OPT_END. */
struct opt {
	const char *name;       /* the long name, without "--" */
	char short_name;        /* or 0 */
	enum opt_kind kind;
	const char *arg;        /* the value's placeholder ("S"); NULL: none */
	void *value;            /* where the value goes (enum opt_kind) */
	opt_fn *fn;             /* OPTK_CALL */
	int tag;                /* for fn: which of its options this is */
	const char *values;     /* shown in the usage: "won|lost|inconclusive" */
	const char *help;       /* wrapped by `docket help` (as one paragraph) */
	unsigned flags;         /* enum opt_flags */
};

/* A repeatable option's values (OPTK_LIST); main frees v. */
struct opt_list {
	const char **v;
	size_t n;
};

#define OPT_FLAG(l, s, var, h) \
	{ .name = (l), .short_name = (s), .kind = OPTK_FLAG, .value = (var), .help = (h) }
#define OPT_STRING(l, s, var, a, h) OPT_STRING_F(l, s, var, a, h, 0)
#define OPT_STRING_F(l, s, var, a, h, fl) \
	{ .name = (l), .short_name = (s), .kind = OPTK_STRING, .arg = (a), \
	  .value = (var), .help = (h), .flags = (fl) }
#define OPT_CHOICE(l, s, var, a, vals, h) \
	{ .name = (l), .short_name = (s), .kind = OPTK_STRING, .arg = (a), \
	  .value = (var), .values = (vals), .help = (h) }
#define OPT_LIST(l, s, var, a, h) \
	{ .name = (l), .short_name = (s), .kind = OPTK_LIST, .arg = (a), \
	  .value = (var), .help = (h) }
#define OPT_CALL(l, s, f, var, t, a, h, fl) \
	{ .name = (l), .short_name = (s), .kind = OPTK_CALL, .arg = (a), \
	  .value = (var), .fn = (f), .tag = (t), .help = (h), .flags = (fl) }
/* --format F: its help is made from the command's format table */
#define OPT_FORMAT() { .name = "format", .kind = OPTK_FORMAT, .arg = "F" }
#define OPT_REV(h) { .name = "rev", .kind = OPTK_REV, .arg = "REV", .help = (h) }
#define OPT_END { .name = NULL }

enum arg_flags {
	ARG_OPTIONAL = 1 << 0,  /* may be left out (and so every later one) */
	ARG_MANY = 1 << 1,      /* takes all the remaining arguments (last) */
	ARG_ID = 1 << 2,        /* an item id, checked before anything is read */
};

/* One positional argument; arrays of them end with ARG_END. */
struct arg {
	const char *name;       /* the placeholder: "ID", "PATH..." */
	unsigned flags;         /* enum arg_flags */
	const char *missing;    /* the usage error when it is not given */
	const char *help;       /* a line in `docket help`, or NULL */
	/* the values it takes, a table in formats/ shown in the usage
	 * ("csv|jira|..."), and what an unknown one is called */
	const struct format_table *values;
	const char *noun;
};
#define ARG_END { NULL, 0, NULL, NULL, NULL, NULL }
/* One item id, the argument of most single-item commands */
extern const struct arg arg_id[];

struct command {
	const char *name;
	const char *summary;            /* one line for `docket help` */
	const struct opt *opts;         /* ends with OPT_END, or NULL */
	const struct arg *args;         /* ends with ARG_END, or NULL */
	/* the usage error for an argument past .args ("%s" is it); NULL:
	 * "unexpected argument '%s'" */
	const char *extra;
	const struct format_table *formats;     /* with OPT_FORMAT() */
	unsigned needs;                 /* enum cmd_needs */
	unsigned load;                  /* enum backlog_flags (NEED_BACKLOG) */
	const int *write_if;            /* NEED_WRITE only when *write_if */
	const char *details;            /* help text after the options */
	void (*more_help)(struct sbuf *sb);     /* generated help after it */
	int (*prepare)(struct ctx *ctx);
	int (*run)(struct ctx *ctx);
	void (*finish)(struct ctx *ctx);
};

/* Every command, in the order `docket help` lists them; NULL-ended. */
extern const struct command *const commands[];
const struct command *command_find(const char *name);
/* The command name is a likely typo of ("lsit": "list"), or NULL. */
const char *command_suggest(const char *name);
/* Parse argv (argv[0] is the command's name) and run the command as its
 * descriptor says (see the top of this file); the exit status. */
int command_run(struct ctx *ctx, const struct command *c, int argc,
		char **argv);

/* help.c: the usage line, one command's help, and `docket help`. */
void command_usage(const struct command *c, FILE *f);
void command_help(const struct command *c, FILE *f);
/* The names of t's rows: add_names(sb, t, ", ", " or ") for "a, b or c". */
void add_names(struct sbuf *sb, const struct format_table *t,
	       const char *sep, const char *last);
void help_main(FILE *f);

/* ---- options (opt.c) ---------------------------------------------- */

enum { OPT_HELP_SHOWN = 1 };
/* Parse argv against c's options and the common ones into the rows'
 * variables and ctx (pos, rev, format_name).  Returns 0; OPT_HELP_SHOWN
 * after printing the help for --help; EXIT_USAGE after printing why. */
int opt_parse(struct ctx *ctx, const struct command *c, int argc,
	      char **argv);
/* A common option given before the command (a whole argument: -q,
 * --color=always): 0 when taken, EXIT_USAGE after printing why its value
 * is wrong, -1 when a is none (or --help, which main answers). */
int opt_common(struct ctx *ctx, const char *a);
/* Free what opt_parse allocated (positional array, list values). */
void opt_release(struct ctx *ctx, const struct command *c);


/* ---- output ----------------------------------------------------- */

void out_sbuf(struct ctx *ctx, const struct sbuf *sb);
/* out_sbuf, but on a terminal each line is escaped (text_escape_term)
 * when escape is set: text from files shown as it is (Markdown). */
void out_text(struct ctx *ctx, const struct sbuf *sb, int escape);
void out_error(struct ctx *ctx, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void out_warning(struct ctx *ctx, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void out_note(struct ctx *ctx, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Print the last error of errs (what a core function that failed
 * appended) as "docket: error: PREFIX: message", the prefix made from
 * fmt when not NULL, and empty errs. */
void out_errs(struct ctx *ctx, struct diag_list *errs, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Print diags as "path:line:col: severity: message [rule]" on stderr,
 * escaped for the terminal. */
void out_diags(struct ctx *ctx, const struct diag_list *l, enum severity min);
/* out_diags for the errors about one file only. */
void out_file_diags(struct ctx *ctx, const struct diag_list *l,
		    const char *file);
/* Usage error for the current command: message, then the usage line. */
int out_usage_error(struct ctx *ctx, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Parse --color's value: sets ctx colours; -1 when invalid. */
int ctx_set_color(struct ctx *ctx, const char *when);

/* ---- loading ---------------------------------------------------- */

/* A loaded backlog with the source it came from (kept open so that
 * single items can be read later) and, when needed, the repository. */
struct session {
	struct backlog bl;
	struct source src;
	int have_src;
	struct repo *repo;      /* opened for --rev, or by session_repo */
};

/* Find and load the backlog (the working tree, or rev when not NULL);
 * flags are enum backlog_flags (BL_ALL for everything); visit, when not
 * NULL, runs for each item as it is parsed (backlog_visit_fn in
 * core/backlog.h; with BL_LEAN, commands that read every item keep only
 * the resolved fields of each).  Returns EXIT_OK, or EXIT_USAGE after
 * printing why; release with session_release in both cases.
 *
 * The one place of the rule for a bad docket.yaml: an error in it
 * (rule config: invalid YAML, a bad value) stops every command but
 * those whose descriptor has NEED_BAD_CONFIG (check) with its located
 * errors and exit 2, before anything is shown or changed: the prefix,
 * folder, fields and rules are unknown, so nothing read with them can
 * be trusted.  Warnings (an unknown key) never stop a command. */
int session_load(struct ctx *ctx, struct session *s, const char *rev,
		 unsigned flags, backlog_visit_fn visit, void *arg);
void session_release(struct session *s);
/* The item with this id, reading it on demand when items were not all
 * loaded; prints an error and returns NULL when there is none. */
struct item *session_item(struct ctx *ctx, struct session *s, const char *id);
/* Check an id from the command line before any path is built from it. */
int check_id_arg(struct ctx *ctx, const char *id);

/* The cycle named name (checked first), or the current one when name is
 * NULL (cycles_current); prints why and sets *rc when there is none. */
struct cycles;
const struct cycle *cycle_arg(struct ctx *ctx, const struct cycles *cy,
			      const char *name, long today, int *rc);
/* Fill missing started/finished dates of the loaded items from git
 * history, when the backlog is in a repository. */
void session_fill_dates(struct ctx *ctx, struct session *s);
/* Print the loader's errors and a warning when item or cycle files
 * could not be read; returns 1 then, else 0. */
int warn_unreadable(struct ctx *ctx, const struct backlog *bl);

/* the commands, one file each */
extern const struct command cmd_init, cmd_new, cmd_list, cmd_show, cmd_edit,
	cmd_set, cmd_start, cmd_block, cmd_unblock, cmd_done, cmd_stop, cmd_move, cmd_rank,
	cmd_followup, cmd_check, cmd_diff, cmd_log, cmd_burnup, cmd_plan,
	cmd_huddle, cmd_showcase, cmd_report, cmd_export, cmd_import,
	cmd_renumber, cmd_merge_order, cmd_sync, cmd_approve, cmd_serve, cmd_tick, cmd_help;

#endif
