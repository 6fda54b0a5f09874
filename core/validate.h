/*
 * validate: validate on write (issue 16).  Before a write touches a
 * file, the rules of the registry (core/check_rules.def) run, from
 * check's own code (check_backlog), on a small view of the backlog as
 * it is and as the write would leave it; a finding of the second whose
 * fingerprint (diag_fingerprint) the first lacks is one the write adds.
 *
 * The view holds what the write changes and what that refers to, never
 * the whole backlog: the item files it writes (before and after), the
 * items they name (depends_on, followed transitively, and follows), the
 * cycle files they name (cycle:) or the write changes, with the items
 * those commit, and the lines of ORDER about those ids (with the ids
 * whose line the write adds, drops or moves).  The rules whose scope is
 * the whole backlog (bau-share, wip-limit) or history (owner-order) are
 * check's alone; docket.yaml is not a write's to check.
 *
 * Pure core: nothing is printed.  The backlog given is only added to:
 * the referenced items are loaded into it (backlog_load_item).
 *
 * Ownership: the findings are appended to the caller's lists (which own
 * them); the files' texts are borrowed for the call.
 */
#ifndef DOCKET_VALIDATE_H
#define DOCKET_VALIDATE_H

#include <stddef.h>

#include "core/backlog.h"
#include "core/diag.h"
#include "core/source.h"

/* One file a write changes, relative to the repository's top as item
 * paths are.  before is read from src when NULL and have_before is 0;
 * after NULL: the write deletes the file. */
struct validate_file {
	const char *path;
	const char *before;       /* or NULL */
	size_t blen;
	int have_before;          /* before is given (NULL: a new file) */
	const char *after;        /* or NULL: deleted */
	size_t alen;
	const char *renamed_from; /* the file this one replaces, or NULL
				   * (renumber: its findings carry over) */
};

/*
 * The findings the write of files[0..n) adds, in bl (docket.yaml and
 * ORDER loaded; other items are read on demand through src): errors to
 * errors, warnings to warnings, each with a command that fixes it
 * (diag->fix) where there is one.  Returns the number of errors added:
 * a write with any must be refused.
 */
size_t validate_files(struct diag_list *errors, struct diag_list *warnings,
		      struct backlog *bl, struct source *src,
		      const struct validate_file *files, size_t n);

/* Give d a command that fixes it, when it has none (a write's refusal
 * names one). */
void validate_suggest_fix(struct diag *d, const struct config *c);

#endif
