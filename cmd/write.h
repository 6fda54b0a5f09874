/*
 * write: what the commands that change the backlog share (new, set and
 * its status shorthands, move, followup, edit, rank --apply, plan
 * --apply, renumber).
 *
 * A write session (NEED_WRITE in a command's descriptor: main begins it
 * before the command runs, as ctx->ws) takes the lock first (core/change.h: refusals during a
 * merge or rebase, with index.lock, ...), then loads docket.yaml and
 * ORDER only (never every item: single-item commands cost the same on a
 * backlog of 10 or 10 000 items), so that the read-modify-write of
 * ORDER and of the item happens under the lock.
 *
 * Ownership: ws_end releases everything (and the lock).
 */
#ifndef DOCKET_CMD_WRITE_H
#define DOCKET_CMD_WRITE_H

#include "cmd/cmd.h"
#include "core/change.h"
#include "core/edit.h"
#include "core/order.h"
#include "core/transition.h"

struct ws {
	struct session ss;
	struct repo repo;
	int have_repo;
	struct change ch;
	int order_changed;
	/* renumber: the file renamed_to replaces renamed_from (the
	 * findings of the one carry over to the other) */
	const char *renamed_from, *renamed_to;
};

/* Open the repository, take the lock, load config and ORDER.  Returns
 * EXIT_OK, or an exit status after printing why; ws_end in both cases. */
int ws_begin(struct ctx *ctx, struct ws *w);
void ws_end(struct ws *w);
/* The item, read on demand (NULL after printing an error).  Refuses
 * (NULL) an item that does not parse, naming the problem. */
struct item *ws_item(struct ctx *ctx, struct ws *w, const char *id);
/* Queue ORDER's current text when it changed. */
void ws_queue_order(struct ws *w);
/* Print findings as check does, each error followed by "fix: CMD". */
void ws_print_findings(struct ctx *ctx, const struct diag_list *l);
/* The ops target (core/ops.h) of the write session. */
struct ops_target;
struct ops_result;
void ws_target(struct ws *w, struct ops_target *t);
/* Print what an operation (core/ops.h) returned rc with: the WIP words,
 * the findings (a refusal with each error's fix), errs, or the summary
 * with the commit.  Empties errs; returns the exit status. */
int ws_report(struct ctx *ctx, const struct ops_result *r, int rc,
	      struct diag_list *errs);
/* Validate, then write and commit what was queued (ops_commit) and
 * report it as ws_report does. message is the full commit message. */
int ws_commit(struct ctx *ctx, struct ws *w, const char *message,
	      const char *summary);

/* After a commit that reordered ORDER: when the committer is not an
 * owner, say at once that CI's owner-order will ask an owner's approval,
 * and how (the one place of that message: move, rank --apply, check);
 * when docket.yaml lists no owners (and owner-order is on), that CI will
 * refuse the change until it does. */
void ws_owner_notice(struct ctx *ctx, struct repo *r, const struct config *c,
		     const char *order_path);

/* The placement options of new, followup and move: OPT_CALL rows whose
 * value is a struct ws_place and whose tag is one of WO_*. */
enum { WO_TOP = 1, WO_BOTTOM, WO_BEFORE, WO_AFTER, WO_TO };
struct ws_place {
	struct order_place place;
	int have;
};
/* Record a placement option in o->value (one allowed); 0 or EXIT_USAGE. */
int ws_place_opt(struct ctx *ctx, const struct opt *o, const char *arg);
#define OPT_PLACE(l, var, tag, a, h, fl) \
	OPT_CALL(l, 0, ws_place_opt, var, tag, a, h, fl)
/* Describe the outcome of a placement: "#7 → #2 (above MKT-3)". */
void ws_rank_change(struct sbuf *out, const struct order *o, const char *id,
		    long old_rank);

/* Split "K=V"; returns 0 with *key (malloc'ed) and *value (into s). */
int ws_split_pair(struct ctx *ctx, const char *s, char **key, const char **value);
/* ops_check_value (a likely typo of a field name, the text rules, can
 * value be written as key's type): 0, or EXIT_USAGE after printing why.
 * What check says of the value is ws_validate's, on the item as it
 * would be. */
int ws_check_value(struct ctx *ctx, const struct config *c, const char *key,
		   const char *value);
/* A short display of an item's current value of key ("" when absent). */
void ws_show_value(struct sbuf *out, const struct item *it, const char *key);

/* Run $VISUAL / $EDITOR (default vi) on path (fork and exec through
 * sh -c, as git does, so "code --wait" works).  0 or -1 (printed). */
int ws_run_editor(struct ctx *ctx, const char *path);
/* validate_files (core/validate.h) on bl, printing as ws_validate does:
 * EXIT_OK, or EXIT_PROBLEMS when the files would add an error. */
struct validate_file;
int ws_validate_files(struct ctx *ctx, struct backlog *bl, struct source *src,
		      const struct validate_file *vf, size_t n);

/* `set` and its status shorthands (start, block, done, stop), in the
 * write session ctx->ws. */
struct set_req {
	const char *id;
	char **pairs;             /* "KEY=VALUE" */
	int npairs;
	int has_status;           /* a shorthand's target status */
	enum item_status status;
	struct transition_opts topts;
	int over_wip;             /* --over-wip: a move into doing over the
				   * WIP limit is made and recorded */
};
int set_run(struct ctx *ctx, struct set_req *rq);
/* A status shorthand: `NAME ID` with its options in topts. */
int set_status(struct ctx *ctx, enum item_status status,
	       const struct transition_opts *topts);
/* The --over-wip option of start, set and unblock (docs/cycles.md). */
#define OPT_OVER_WIP(var) \
	OPT_FLAG("over-wip", 0, var, "go over the WIP limit on purpose when the " \
		 "wip-limit rule refuses (severity error); recorded in the item " \
		 "(over_wip: DATE) and in the commit")
/* set_status with --over-wip. */
int set_status_wip(struct ctx *ctx, enum item_status status,
		   const struct transition_opts *topts, int over_wip);

/* `new` and `followup` (new.c makes the item; followup takes new's
 * options from --set on, the parent's id first). */
struct new_req {
	const char *title;
	const char *type;         /* or NULL: experiment */
	const struct opt_list *sets;    /* "KEY=VALUE" */
	const struct ws_place *place;
	int edit;                 /* open the editor before committing */
	const char *follows;      /* followup: the parent id */
	const char *body;         /* --body: the description, or NULL */
	size_t body_len;
};
extern const struct opt new_opts[];
int new_prepare(struct ctx *ctx);
int new_cmd_run(struct ctx *ctx);

#endif
