/*
 * cycle_scope: how each cycle's `committed` list changed over time, read
 * from the git history of the cycle files (docs/cycles.md
 * "Scope").  Hand edits of a cycle file count as much as `docket plan
 * --add` / `--remove`: only the file's versions are read.
 *
 *   commitment   the committed list as it stood at the end of the
 *                cycle's start day: the newest committed version of the
 *                file whose commit (author day) is on or before the start;
 *                when the file was first committed after the start, its
 *                first version.
 *   changes      every later version's difference with the one before:
 *                an id that entered `committed` (added) or left it
 *                (removed), dated by the commit's author day; the working
 *                tree's difference with the last commit is a change of
 *                today that is not committed yet.
 *
 * A cycle file git does not know (no repository, an untracked file) has
 * its current list as its commitment and no change.  The start day is
 * the one the current file gives.
 *
 * The walk is over the first-parent history of the cycles folder
 * (core/history.h: a commit outside it costs one tree lookup, and what
 * is learnt is cached), newest first, and stops as soon as every cycle
 * file's commitment is known.
 *
 * Ownership: a scope_hist owns every string and array it holds;
 * scope_hist_free frees it.  struct cycle (core/cycle.h) borrows from it
 * through the backlog that keeps it (bl->scope_hist).
 */
#ifndef DOCKET_CYCLE_SCOPE_H
#define DOCKET_CYCLE_SCOPE_H

#include <stddef.h>

#include "core/backlog.h"
#include "core/diag.h"

struct repo;

struct scope_event {
	const char *id;
	long day;                  /* the commit's author day (today when
				    * uncommitted) */
	int added;                 /* 1: entered committed; 0: left it */
	int uncommitted;           /* a difference of the working tree */
};

struct scope_file {
	char *path;                /* the cycle file, as bl->cycles[i]->path */
	const char **baseline;     /* the commitment */
	size_t nbaseline;
	struct scope_event *ev;    /* oldest first */
	size_t nev;
	int from_history;          /* the commitment was read from git */
};

struct scope_hist {
	struct scope_file *v;
	size_t n;
	char **pool;               /* strings the files point into */
	size_t npool, apool;
};

/*
 * Read the history of bl's cycle files (parsed, with a start date) on
 * the first-parent chain of rev (HEAD when NULL; then the working tree's
 * files are the newest versions).  bl->items_rel names the folder.
 * Returns 0 with *out set (NULL when bl has no cycle file), or a DK_*
 * code with the reason in errs; problems reading single versions are
 * warnings in d (rule "history").
 */
int scope_hist_read(struct scope_hist **out, const struct backlog *bl,
		    struct repo *r, const char *rev, long today,
		    struct diag_list *d, struct diag_list *errs);
void scope_hist_free(struct scope_hist *h);
/* The record of the cycle file at path, or NULL. */
const struct scope_file *scope_hist_file(const struct scope_hist *h,
					 const char *path);

#endif
