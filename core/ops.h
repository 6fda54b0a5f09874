/*
 * ops: the write operations as functions (issue 16, for the command
 * line and for `docket serve`): inputs in, the outcome out; nothing is
 * printed, nothing exits.
 *
 * A write works on a struct ops_target that the caller set up: the
 * backlog with docket.yaml and ORDER loaded (items are read on demand
 * through src), and a change that holds the lock (core/change.h:
 * change_begin).  Each operation computes the new bytes, validates them
 * with check's rules (core/validate.h) and commits them (ops_commit):
 *
 *   0           done: r->committed (r->commit is the short id), or
 *               r->unchanged (the files equal HEAD's), or r->nothing
 *               (the operation changes no byte), or written without a
 *               commit (t->ch->commit off)
 *   0 and r->refused
 *               validation refused it: r->findings holds the errors
 *               (each with its file, field and fix) and warnings; no
 *               file was touched
 *   DK_EUSAGE   a bad input (a key, a value that cannot be written)
 *   DK_EREFUSED a rule of the operation refused (a reason or result
 *               missing, open Definition-of-Done boxes, the WIP limit)
 *   DK_ENOTFOUND the item (or the placement's reference) is not there
 *   DK_EIO ...  writing or committing failed (core/change.h)
 *   with the reason in errs.  Warnings of a write that went through are
 *   in r->findings too.
 *
 * After a commit r->files lists each file the write changed with the
 * git blob id of its new bytes (a deleted file: deleted set), which is
 * the version `docket serve` hands out.
 *
 * Ownership: a ops_result owns everything in it (ops_result_release);
 * the target is borrowed.  bl->order is changed in place by ORDER
 * changes.
 */
#ifndef DOCKET_OPS_H
#define DOCKET_OPS_H

#include <stddef.h>

#include "core/backlog.h"
#include "core/change.h"
#include "core/diag.h"
#include "core/order.h"
#include "core/repo.h"
#include "core/sbuf.h"
#include "core/transition.h"

struct ops_target {
	struct backlog *bl;
	struct source *src;
	struct change *ch;
	struct repo *repo;       /* for blob ids; NULL outside git */
	/* renumber: the file renamed_to replaces renamed_from */
	const char *renamed_from, *renamed_to;
};

struct ops_version {
	char *path;              /* relative to the repository's top */
	char blob[41];           /* git blob id of the new bytes ("" deleted) */
	int deleted;
};

struct ops_result {
	int refused;             /* validation refused (see above) */
	struct diag_list findings;
	char *summary;           /* one line: "Set MKT-1 effort 2 → 3" */
	char *message;           /* the commit message as committed */
	int committed, unchanged, nothing;
	char commit[16];
	struct ops_version *files;
	size_t nfiles;
	char *wip_warning;       /* set: over the WIP limit (a warning), or NULL */
	char *wip_note;          /* set: --over-wip within the limit, or NULL */
};

void ops_result_init(struct ops_result *r);
void ops_result_release(struct ops_result *r);

/* Validate what t->ch holds (CHANGE_ONDISK files excepted), and when
 * nothing refuses, write and commit it with message (its subject cut
 * to OPS_SUBJECT_MAX code points at a word, the whole line then in
 * the body).  Fills r as above. */
#define OPS_SUBJECT_MAX 72
int ops_commit(struct ops_target *t, const char *message,
		 const char *summary, struct ops_result *r,
		 struct diag_list *errs);
/* Validate what t->ch holds as ops_commit does, without writing: the
 * findings go to r (r->refused set when an error is added). */
void ops_validate(struct ops_target *t, struct ops_result *r);
/* The commit message for message: its subject cut as ops_commit does. */
void ops_message(struct sbuf *out, const char *message);

/* The one check of a value a write is given for key (set, new --set,
 * followup --set; the browser's forms run set), before anything is
 * written: the text rules (NUL, line breaks, UTF-8), whether it can be
 * written as the field's type, and a key that is neither built in nor
 * declared but a likely typo of a field (schema_suggest) is refused,
 * unless the item has that key already (has_key: an update of a field
 * someone wrote by hand, or an import kept, not a new name).
 * What check says of the item then is validation's (core/validate.h).
 * 0, or DK_EUSAGE with the message added to errs (no file, no line). */
int ops_check_value(struct diag_list *errs, const struct config *c,
		    const char *key, const char *value, int has_key);

/* `set ID K=V...` and the status shorthands. */
struct ops_set_req {
	const char *id;
	const char *const *keys;      /* field names (edit_key_valid) */
	const char *const *values;    /* "" removes the field */
	size_t n;
	int has_status;               /* a status change to status */
	enum item_status status;
	struct transition_opts topts;
	int over_wip;                 /* go over the WIP limit on purpose */
};
int ops_set(struct ops_target *t, const struct ops_set_req *rq,
	      struct ops_result *r, struct diag_list *errs);

/* A short display of an item's current value of key ("" when absent;
 * lists as "[a, b]", at most 40 bytes). */
void ops_show_value(struct sbuf *out, const struct item *it, const char *key);
/* The outcome of a placement: "#7 → #2 (above MKT-3)". */
void ops_rank_change(struct sbuf *out, const struct order *o, const char *id,
		     long old_rank);

/* `move ID` to a place in ORDER. */
int ops_move(struct ops_target *t, const char *id,
	       const struct order_place *place, struct ops_result *r,
	       struct diag_list *errs);

#endif
