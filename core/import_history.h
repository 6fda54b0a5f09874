/*
 * import_history: what earlier imports left in git, for importing again
 * (docs/import.md, "Importing again").
 *
 * Every commit of `docket import` carries the trailer
 * "Docket-Import: TOOL sha256:HEX" (the export's digest), and lists the
 * items it wrote merged with edits made here (not as the source had
 * them) in "Docket-Import-Merged: MKT-4 MKT-9" lines.  The base of an
 * item for the three-way comparison of a re-import is the file as the
 * last such commit of that tool wrote it as the source had it (commits
 * that wrote it merged are passed over: their file is not the source's
 * view); an item no such commit wrote (one imported before the trailer
 * existed) has as base the file as the commit that added it wrote it.
 *
 * Ownership: struct import_bases owns data[i] and the arrays;
 * import_bases_release frees them.
 */
#ifndef DOCKET_IMPORT_HISTORY_H
#define DOCKET_IMPORT_HISTORY_H

#include <stddef.h>

#include "core/diag.h"
#include "core/repo.h"

#define IMPORT_TRAILER "Docket-Import"
#define IMPORT_MERGED "Docket-Import-Merged"

struct import_bases {
	size_t n;
	char **data;              /* per name: the base file, or NULL */
	size_t *len;
	int seen;                 /* a commit of HEAD's first-parent chain
	                           * carries the trailer for this tool */
};

/*
 * Find the bases of names (file names in the items folder, "MKT-4.md")
 * on HEAD's first-parent history of the folder items_rel.  The walk
 * stops once every name has a trailer base (and, with want_seen, an
 * import of tool was seen).  alts (may be NULL, or hold NULLs) gives an
 * item's file under another name, when someone renamed it since
 * ("MKT-4-launch.md" for "MKT-4.md"): an import commit that wrote that
 * file (it writes an item where it is) is a base as one that wrote
 * names[i] is, whichever is the later; a commit without the trailer
 * that added it is not (the rename itself, with the edits made here).
 * Returns 0 (an unborn HEAD: no bases), or a DK_* error with errs.
 */
int import_history_bases(struct import_bases *out, struct repo *r,
			 const char *items_rel, const char *tool,
			 const char *const *names, const char *const *alts,
			 size_t n, int want_seen, struct diag_list *errs);
void import_bases_release(struct import_bases *b);

/* Does message name id on a "Docket-Import-Merged:" line? */
int import_history_merged(const char *message, const char *id);
/* Does message carry "Docket-Import: TOOL ..." on a line of its own? */
int import_history_is_import(const char *message, const char *tool);

#endif
