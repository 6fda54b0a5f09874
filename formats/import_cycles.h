/*
 * import_cycles: the cycles a source puts its records in (Jira's
 * sprints) as cycle files (docs/import.md, jira, "Sprints").
 *
 * A Jira CSV export names an issue's sprints in its Sprint columns, one
 * per sprint the issue was in, oldest first, and nothing else about
 * them: no dates, no goal.  The mapping sends Sprint to the target
 * "cycle": each record then has its cycles (import_item.cycles).  Each
 * cycle becomes a file named after it (import_cycle_name) that commits
 * every imported item it held; the items themselves get no cycle:
 * field (an import's items are validated before its cycle files
 * exist).  A new cycle's capacity: is set only when the effort it
 * committed is over cycle.capacity, so that check accepts it.
 *
 * Dates are inferred, as docs/import.md says:
 *   - a cycle in which items were finished (the items whose last cycle
 *     it is with a finished date, or Jira's Resolved when the item came
 *     in as an idea)
 *     ends on the last of those dates and starts 13 days before (Jira's
 *     default sprint is two weeks), or on the first of them when that
 *     is earlier;
 *   - the others (the active sprint, future ones), in the order the
 *     export first names them, follow the latest end inferred so far,
 *     two weeks each; with no dated cycle at all, the first starts on
 *     the latest created date of its items.
 * Importing again never moves an existing cycle's dates: a cycle file
 * of that name only gains the imported ids its committed list lacks.
 *
 * Ownership: struct import_cycles owns everything it holds but the
 * ids of its cycles' items, the import list's (valid while it is);
 * import_cycles_release frees it.
 */
#ifndef DOCKET_IMPORT_CYCLES_H
#define DOCKET_IMPORT_CYCLES_H

#include <stddef.h>

#include "core/backlog.h"
#include "core/diag.h"
#include "formats/import.h"

struct import_cycle {
	char *name;               /* the cycle's name and file stem */
	char *source;             /* the cycle as the export names it */
	char start[11], end[11];  /* inferred; "" for an existing cycle */
	const char **ids;         /* the items it held: their docket ids,
				   * the import list's (import_list_str) */
	size_t n, alloc;
	int exists;               /* the backlog has a cycle of that name */
	char *path;               /* the file, relative to the repository */
	char *file;               /* what to write; NULL: nothing changes */
	size_t len;
};

struct import_cycles {
	struct import_cycle *v;
	size_t n, alloc;
};

/* A cycle name for a source's cycle name: "TES Sprint 1" ->
 * "tes-sprint-1" (letters, digits and '-' only); a name with none of
 * those gets "cycle-" and a digest of it.  Malloc'ed. */
char *import_cycle_name(const char *source_name);

/* The cycle files for the cycles of l's items (ids assigned): new files
 * under bl's cycles folder, or existing ones with the ids they lack
 * added.  Returns 0, or DK_EINVALID when an existing cycle file cannot
 * be edited (a diag in diags says why; out is then still valid). */
int import_cycles_plan(struct import_cycles *out, struct import_list *l,
		       const struct backlog *bl, struct diag_list *diags);
/* Number of cycle files to write (new or changed). */
size_t import_cycles_changed(const struct import_cycles *c);
void import_cycles_release(struct import_cycles *c);

#endif
