/*
 * history: the backlog's git history, read in one pass (docs/reference.md `log`,
 * `burnup`, and dates for cycle reports).
 *
 * The walk follows the FIRST-PARENT chain of a revision (HEAD by
 * default), newest first or oldest first, and compares each commit with
 * its first parent only.  That is the mainline as it happened: a branch
 * merged with a merge commit shows up as that merge commit, on the day
 * it landed; squash and rebase merges show every commit.  It is also
 * the only order in which changes compose into one state per day (what
 * burn-ups and dates need).  The walk is graft-aware: libgit2 1.5
 * ignores .git/shallow, so commits named there are treated as roots, and
 * a shallow clone gives the history it has instead of failing.
 *
 * Cost: per commit, one commit and root-tree read and one lookup of the
 * items folder's tree id.  When that id equals the parent's, the commit
 * is skipped at once (commits outside the backlog cost nothing more).
 * Otherwise the two folder trees are compared entry by entry by blob id
 * (blobs only: sub-folders such as cycles/ are not followed); blobs are
 * read only for files that changed, by the callers that need them.  What
 * is learnt per commit is cached in the repository's git folder
 * (core/history_cache.h), so a second walk reads no tree at all; on a
 * first walk of a long history a second thread reads the trees of the
 * far end of the chain (DOCKET_HISTORY_THREADS=1 turns it off).
 *
 * Dates: a commit's date is its AUTHOR date (when the change was made;
 * it survives rebases and cherry-picks), as a calendar day in the
 * author's own time zone.
 *
 * Ownership: a struct history_walk owns everything it hands out; a
 * commit's strings and the change list live until the next
 * history_walk_next.  Results (struct item_log, struct burnup) own their
 * memory and have _release functions.  Errors are DK_* codes with the
 * message appended to errs (for a walk: the errs given to
 * history_walk_new, which must outlive the walk).
 */
#ifndef DOCKET_HISTORY_H
#define DOCKET_HISTORY_H

#include <stddef.h>

#include "core/backlog.h"
#include "core/changes.h"
#include "core/diag.h"
#include "core/limits.h"
#include "core/repo.h"

struct git_oid;
struct history_walk;

enum history_flags {
	HISTORY_OLDEST_FIRST = 1 << 0,  /* default: newest first */
};

struct history_commit {
	char id[41];             /* hex */
	char short_id[8];        /* 7 hex digits */
	const char *author;      /* the author's name and email */
	const char *email;
	const char *subject;     /* the first paragraph of the message */
	long long time;          /* author time, seconds since the epoch */
	int offset;              /* author's UTC offset in minutes */
	long day;                /* author date: day number in the author's zone */
	int root;                /* no parent (first commit, or shallow boundary) */
	int grafted;             /* root only because the clone is shallow: the
				  * history before it is not in this clone */
};

enum history_change_kind {
	HC_ADDED = 'A',
	HC_DELETED = 'D',
	HC_MODIFIED = 'M',
};

/* One file of the items folder that differs from the first parent. */
struct history_change {
	const char *name;                  /* "MKT-4.md", "ORDER" */
	char kind;                         /* enum history_change_kind */
	const struct git_oid *old_id;      /* NULL when added */
	const struct git_oid *new_id;      /* NULL when deleted */
};

/* Start a walk of rev ("HEAD" when NULL) over the folder dir (relative
 * to the repository's top, with or without a trailing '/': "backlog/").
 * An unborn HEAD gives an empty walk.  DK_ENOTFOUND for an unknown
 * revision. */
int history_walk_new(struct history_walk **out, struct repo *r,
		     const char *rev, const char *dir, unsigned flags,
		     struct diag_list *errs);
void history_walk_free(struct history_walk *w);
/* Advance to the next commit whose folder differs from its parent's
 * (a root commit counts when it has the folder).  Returns 1 and sets
 * *c, 0 at the end, or a DK_* error. */
int history_walk_next(struct history_walk *w, const struct history_commit **c);
/* Every blob of the folder (not its sub-folders) that differs between
 * the current commit and its parent, sorted by name. */
int history_walk_changes(struct history_walk *w,
			 const struct history_change **v, size_t *n);
/* Did this file of the folder change in the current commit?  Returns 1
 * and its blob ids in the parent and the commit (NULL when absent), or 0
 * and NULL ids when it did not change. */
int history_walk_entry(struct history_walk *w, const char *name,
		       const struct git_oid **old_id,
		       const struct git_oid **new_id);
/* A blob's bytes (malloc'ed, NUL-terminated copy, at most the limit of
 * its kind: DK_EINVALID beyond, checked before it is inflated: see
 * repo_blob_read). */
int history_walk_read(struct history_walk *w, const struct git_oid *id,
		      char **data, size_t *len, enum limit_kind lim);
/* Number of commits visited so far (changed or not). */
size_t history_walk_visited(const struct history_walk *w);
/* The merge base of revisions a and b as a hex id in out (41 bytes), as
 * `git merge-base a b`.  DK_ENOTFOUND when a revision is unknown or the
 * two have no common commit (in a shallow clone, fetch more history). */
int history_merge_base(struct repo *r, const char *a, const char *b,
		       char out[41], struct diag_list *errs);

/* ---- dates ------------------------------------------------------- */

/*
 * For items of bl whose `started` or `finished` field is missing, take
 * the date from the first-parent history of HEAD, in memory only (the
 * files are never written; item->started/finished then point into
 * item->hist_started/hist_finished, which are non-empty only for dates
 * taken from history):
 *   started  = the first commit where the status became `doing`, for an
 *              item that is now doing, blocked, done or stopped;
 *   finished = the last commit where the status became `done` or
 *              `stopped`, for an item that is now done or stopped.
 * An item followed across `docket renumber` (a file deleted and one
 * added with the same title in one commit) keeps its history.  Problems
 * reading history are warnings in d (rule "history"); returns 0, or a
 * DK_* code when the history cannot be read at all.
 */
int history_fill_dates(struct backlog *bl, struct repo *r,
		       struct diag_list *d);

/* ---- one item's log ---------------------------------------------- */

enum log_event {
	LOG_CHANGED,             /* the file or its rank changed */
	LOG_ADDED,               /* the file appeared */
	LOG_DELETED,             /* the file went away */
	LOG_RENAMED,             /* renumbered: from old_id */
};

struct log_entry {
	char commit[41], short_id[8];
	char *author, *email, *subject;
	long long time;
	int offset;
	long day;
	enum log_event event;
	char *old_name;          /* LOG_RENAMED: the previous id */
	int rank_changed;
	long rank_from, rank_to; /* when rank_changed; 0 = unranked */
	struct field_changes changes;
};

struct item_log {
	struct log_entry *v;     /* newest first */
	size_t n, alloc;
	size_t visited;          /* commits walked */
	/* the oldest entry is a shallow clone's boundary, where the file
	 * shows as added: its history before that is not in this clone */
	int cut;
	char cut_at[8];          /* that commit's short id */
};

void item_log_release(struct item_log *l);
/* Every commit on the first-parent chain of rev (HEAD when NULL) that
 * changed the item's file or its rank in ORDER, newest first.  dir is
 * the items folder relative to the repository top ("backlog/"), id the
 * item's id and file its file name in the folder at rev ("<ID>.md" when
 * NULL); renumbers are followed (see history_fill_dates). */
int history_item_log(struct item_log *out, struct repo *r, const char *rev,
		     const char *dir, const char *id, const char *file,
		     struct diag_list *errs);

/* ---- campaign burn-up -------------------------------------------- */

struct burnup_point {
	long day;
	double scope;            /* effort of the campaign's items, not stopped */
	double done;             /* effort of those that are done */
	int items;               /* items counted in scope */
	int unestimated;         /* of which without an effort (counted 0) */
};

struct burnup {
	char *campaign;
	struct burnup_point *v;  /* one per day, first..last, consecutive */
	size_t n;
	size_t visited;          /* commits walked */
};

void burnup_release(struct burnup *b);
/*
 * The campaign's scope and completed effort per day, from the first
 * commit (author day) where an item of the campaign appears, to
 * max(until, the last commit's day).  A day's figures are the state
 * after the last commit of that day on the first-parent chain of rev
 * (HEAD when NULL); days are made monotonic along the chain (a commit
 * dated before its parent counts on its parent's day).  An item counts
 * from the day its file has `campaign: CAMPAIGN` until it leaves the
 * campaign or is deleted; stopped items leave the scope.  out->n == 0
 * when the campaign never appears.
 */
int history_burnup(struct burnup *out, struct repo *r, const char *rev,
		   const char *dir, const char *campaign, long until,
		   struct diag_list *errs);

/*
 * When path (relative to the work tree's top) was added on HEAD's
 * first-parent history: the commit time of the oldest commit of the run
 * of first parents, from HEAD back, whose trees have it (at most
 * HISTORY_ADDED_MAX_COMMITS are read).  Returns 1 with *when set; 0 with
 * *when LLONG_MAX when HEAD does not have the path (not committed) or
 * there is no history.  For duplicate-id: the later file is renumbered.
 */
#define HISTORY_ADDED_MAX_COMMITS 100000
int history_path_added(struct repo *r, const char *path, long long *when);

#endif
