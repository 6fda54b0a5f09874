/*
 * cmd: the command-line layer: argument parsing, one file per command,
 * terminal output and exit codes.  Only this layer prints or exits.
 *
 * Every command is `int cmd_NAME(struct ctx *, int argc, char **argv)`
 * returning an exit status (enum exit_code), listed once in main.c's
 * table with its usage and help text.
 */
#ifndef DOCKET_CMD_H
#define DOCKET_CMD_H

#include <stddef.h>
#include <stdio.h>

#include "core/backlog.h"
#include "core/repo.h"
#include "core/diag.h"
#include "core/sbuf.h"

enum exit_code {
	EXIT_OK = 0,        /* success */
	EXIT_PROBLEMS = 1,  /* ran and found problems, or refused */
	EXIT_USAGE = 2,     /* usage error, unreadable input, not in a backlog */
};

struct ctx {
	const char *dir;        /* -C DIR, or "." */
	int color;              /* colour on stdout */
	int color_err;          /* colour on stderr */
	int quiet;              /* -q */
	int no_commit;          /* --no-commit */
	int include_dirty;      /* --include-dirty */
	int out_tty;            /* stdout is a terminal */
	size_t width;           /* terminal width, 0 when not a terminal */
	const struct command *cmd;
};

struct command {
	const char *name;
	int (*run)(struct ctx *ctx, int argc, char **argv);
	const char *usage;      /* "list [--status S] ..." */
	const char *summary;    /* one line */
	const char *help;       /* the options, one per line */
};

const struct command *command_find(const char *name);
void command_usage(const struct command *c, FILE *f);
void command_help(const struct command *c, FILE *f);

/* ---- options ---------------------------------------------------- */

struct opt {
	const char *name;       /* long name without "--" */
	char short_name;        /* or 0 */
	int has_arg;
	int id;
};

struct opt_iter {
	int argc;
	char **argv;
	int i;
	char **pos;             /* positional arguments, in order */
	int npos;
	int done;               /* after "--" */
};

enum { OPT_HELP = -100, OPT_QUIET, OPT_NO_COMMIT, OPT_COLOR, OPT_INCLUDE_DIRTY };

void opt_init(struct opt_iter *it, int argc, char **argv);
void opt_release(struct opt_iter *it);
/* Next option: returns 1 and sets *id, *arg; 0 at the end (positional
 * arguments are in it->pos); -1 after printing a usage error.  The
 * common options (--help, -q, --no-commit, --color, --include-dirty)
 * are handled here and never returned. Returns 2 after --help was
 * printed. */
int opt_next(struct opt_iter *it, struct ctx *ctx, const struct opt *opts,
	     int *id, const char **arg);
/* Is format one of names (NULL-terminated)?  0 if so; otherwise a usage
 * error "unknown format 'F' (use a, b or c)" and EXIT_USAGE. */
int opt_format(struct ctx *ctx, const char *format, const char *const *names);

/* ---- output ----------------------------------------------------- */

void out_sbuf(struct ctx *ctx, const struct sbuf *sb);
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
 * flags are enum backlog_flags (BL_ALL for everything).  Returns
 * EXIT_OK, or EXIT_USAGE after printing why; release with
 * session_release in both cases. */
int session_load(struct ctx *ctx, struct session *s, const char *rev,
		 unsigned flags);
/* session_load with a visitor for each item as it is parsed (see
 * backlog_visit_fn in core/backlog.h); with BL_LEAN, commands that read
 * every item keep only the resolved fields of each. */
int session_load_visit(struct ctx *ctx, struct session *s, const char *rev,
		       unsigned flags, backlog_visit_fn visit, void *arg);
void session_release(struct session *s);
/* EXIT_OK when docket.yaml parsed as a mapping; else print its located
 * errors and return EXIT_USAGE (the prefix, folder and fields are
 * unknown, so nothing read with them can be trusted). */
int session_config_readable(struct ctx *ctx, struct session *s);
/* The item with this id, reading it on demand when items were not all
 * loaded; prints an error and returns NULL when there is none. */
struct item *session_item(struct ctx *ctx, struct session *s, const char *id);
/* Compatibility wrapper: load everything into bl (no source kept). */
int load_backlog(struct ctx *ctx, struct backlog *bl, const char *rev);
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

/* commands */
int cmd_init(struct ctx *ctx, int argc, char **argv);
int cmd_list(struct ctx *ctx, int argc, char **argv);
int cmd_show(struct ctx *ctx, int argc, char **argv);
int cmd_check(struct ctx *ctx, int argc, char **argv);
int cmd_import(struct ctx *ctx, int argc, char **argv);
int cmd_merge_order(struct ctx *ctx, int argc, char **argv);
int cmd_rank(struct ctx *ctx, int argc, char **argv);
int cmd_renumber(struct ctx *ctx, int argc, char **argv);
int cmd_export(struct ctx *ctx, int argc, char **argv);
int cmd_help(struct ctx *ctx, int argc, char **argv);
int cmd_new(struct ctx *ctx, int argc, char **argv);
int cmd_set(struct ctx *ctx, int argc, char **argv);
int cmd_start(struct ctx *ctx, int argc, char **argv);
int cmd_block(struct ctx *ctx, int argc, char **argv);
int cmd_done(struct ctx *ctx, int argc, char **argv);
int cmd_stop(struct ctx *ctx, int argc, char **argv);
int cmd_move(struct ctx *ctx, int argc, char **argv);
int cmd_followup(struct ctx *ctx, int argc, char **argv);
int cmd_edit(struct ctx *ctx, int argc, char **argv);
int cmd_diff(struct ctx *ctx, int argc, char **argv);
int cmd_log(struct ctx *ctx, int argc, char **argv);
int cmd_burnup(struct ctx *ctx, int argc, char **argv);
int cmd_plan(struct ctx *ctx, int argc, char **argv);
int cmd_huddle(struct ctx *ctx, int argc, char **argv);
int cmd_showcase(struct ctx *ctx, int argc, char **argv);
int cmd_report(struct ctx *ctx, int argc, char **argv);

#endif
