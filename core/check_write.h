/*
 * check_write: what a write may leave in an item's file, by check's own
 * rules (the part of "validate on write" that docket edit, docket new
 * and docket serve share): the errors check finds on the file with the
 * text a write leaves that it does not find with the text the file had.
 * An error already there never blocks a write (a team fixes one thing
 * at a time); warnings never do.
 *
 * Pure core: nothing is read from disk and nothing is printed.  The
 * backlog is changed during the call (the file's item is swapped for
 * one parsed from each text) and is as it was when the call returns.
 *
 * Ownership: the findings are appended to the caller's diag_list; the
 * texts are copied.
 */
#ifndef DOCKET_CHECK_WRITE_H
#define DOCKET_CHECK_WRITE_H

#include <stddef.h>

#include "core/backlog.h"
#include "core/diag.h"

/*
 * Append to added the errors check_backlog finds on path (an item file,
 * relative to the repository's top as bl's items are) when it holds
 * after, and not when it holds before; before == NULL: the file is new,
 * every error on it is added.  The errors of a text that does not parse
 * are added too.  Returns how many were appended.
 */
size_t check_write_item(struct diag_list *added, struct backlog *bl,
			const char *path, const char *before, size_t blen,
			const char *after, size_t alen);

#endif
