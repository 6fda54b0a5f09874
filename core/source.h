/*
 * source: where backlog files are read from: the working tree, or a
 * revision in git's object database (core/git.h provides that one).
 *
 * Paths given to a source are relative to the folder holding docket.yaml.
 * read returns a malloc'ed, NUL-terminated copy the caller frees, of a
 * regular file only (anything else is an error saying what it is, never
 * a blocking open); list returns malloc'ed names (sorted) freed with
 * source_names_free: every entry but folders, so that read reports what
 * is not a regular file instead of it being skipped silently.  A
 * source's read must be safe to call from several threads at once when
 * its `threadsafe` flag is set.  Both return 0 or a DK_* code after
 * appending the reason to errs (which may be NULL).
 */
#ifndef DOCKET_SOURCE_H
#define DOCKET_SOURCE_H

#include <stddef.h>

#include "core/diag.h"
#include "core/limits.h"

struct source {
	/* at most limit_bytes(lim) bytes; a file over it is not read */
	int (*read)(struct source *s, const char *path, char **data, size_t *len,
		    enum limit_kind lim, struct diag_list *errs);
	int (*list)(struct source *s, const char *dir, char ***names, size_t *n,
		    struct diag_list *errs);
	void (*release)(struct source *s);
	int threadsafe;
	void *ctx;
};

/* The working tree rooted at root (an absolute path); symbolic links
 * that lead outside top (the repository's work tree, or root) are not
 * followed. */
void source_worktree(struct source *s, const char *root, const char *top);
void source_names_free(char **names, size_t n);
/* read: DK_ENOTFOUND when the file does not exist, DK_EINVALID when it
 * is not a regular file or is over its limit (the message says so),
 * DK_EIO on other errors. */

#endif
