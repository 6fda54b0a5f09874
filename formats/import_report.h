/*
 * import_report: what an import says it did (docs/import.md, "The
 * report"): items written, ranked, ideas, done or stopped; records read
 * with repairs, skipped by design and not imported; source fields
 * nothing maps; and, for a run with a plan, the added / updated /
 * unchanged / conflict counts with the items updated or in conflict.
 *
 * Pure: the report is rendered into a buffer as text (raw: names come
 * from the source's files; cmd/import.c escapes them on a terminal).
 *
 * Ownership: struct import_report borrows the list and the plan it was
 * made from (valid while they are); it owns nothing.
 */
#ifndef DOCKET_IMPORT_REPORT_H
#define DOCKET_IMPORT_REPORT_H

#include <stddef.h>

#include "core/sbuf.h"
#include "formats/import.h"
#include "formats/import_run.h"

struct import_report {
	const struct import_list *l;
	const struct import_plan *p;  /* or NULL: nothing was planned */
	size_t written;               /* new items */
	const char *first, *last;     /* their first and last ids */
	size_t ranked, ideas, closed; /* closed: done or stopped */
	size_t skipped, failed, recovered;
};

/* The report of l and p (p may be NULL). */
void import_report_make(struct import_report *r, const struct import_list *l,
			const struct import_plan *p);
/* What goes to standard output: the summary, the skips by design, the
 * unmapped fields, the counts of a plan and its updated or conflicting
 * items. */
void import_report_text(struct sbuf *out, const struct import_report *r);
/* "path:line: reason" of a skip (no newline). */
void import_report_skip(struct sbuf *out, const struct import_skip *s);

#endif
