/*
 * import_report: what an import says it did (docs/import.md, "The
 * report"), as text or JSON (`import --format json`):
 *
 *   - the items: written, ranked, ideas, done or stopped; read with
 *     repairs; came in as ideas or with values as notes (valid on
 *     arrival); records skipped by design and not imported, named;
 *   - the source's fields: for each field as the source names it, the
 *     number of records with a value and where those values went (a
 *     front-matter field, a note, the body, the record's source id, its
 *     rank) or that they were not carried and why.  Built from each
 *     record's src fields and where import_map_apply saw them go
 *     (import_where), so a reader that adds source fields (comments,
 *     attachments...) is counted without more code; the counts add up
 *     to every value the reader found;
 *   - a run with a plan: added / updated / unchanged / conflict counts
 *     and the items updated or in conflict; the commit, when made.
 *
 * Pure: rendered into a buffer (text is raw: names come from the
 * source's files; cmd/import.c escapes them on a terminal).
 *
 * Ownership: struct import_report borrows the list and the plan it was
 * made from (valid while they are) and owns its field table;
 * import_report_release frees it.
 */
#ifndef DOCKET_IMPORT_REPORT_H
#define DOCKET_IMPORT_REPORT_H

#include <stddef.h>

#include "core/sbuf.h"
#include "core/strmap.h"
#include "formats/format.h"
#include "formats/import.h"
#include "formats/import_run.h"

/* One source field: the records with a value, by where it went. */
struct import_report_field {
	const char *key;              /* as the source names it (borrowed) */
	size_t records;
	struct import_report_to {
		const char *to;       /* "field:NAME", "note", ... (import_where) */
		size_t records;
		size_t first_i, first_j;  /* first seen: record, field */
	} *to;
	size_t nto, ato;
	size_t first_i, first_j;      /* first seen: record, field */
};

struct import_report {
	const struct import_list *l;
	const struct import_plan *p;  /* or NULL: nothing was planned */
	const char *source;           /* the export as given */
	size_t written;               /* new items */
	const char *first, *last;     /* their first and last ids */
	size_t ranked, ideas, closed; /* closed: done or stopped */
	size_t skipped, failed, recovered;
	struct import_report_field *fields;   /* in the order first seen */
	size_t nfields, afields;
	struct strmap idx;            /* key -> index + 1 in fields */
	/* the outcome, set by the caller before rendering */
	int dry_run;
	const char *commit;           /* the commit made, or NULL */
};

/* The report of l and p (p may be NULL) for source; bl (may be NULL)
 * is the backlog imported into: a record that is an item already counts
 * as ranked when its item is in ORDER there. */
void import_report_make(struct import_report *r, const struct import_list *l,
			const struct import_plan *p, const char *source,
			const struct backlog *bl);
void import_report_release(struct import_report *r);
/* Once a record is validated (import_plan_validate), before its parts
 * leave memory for the spill file (import_spill.h): where each of its
 * source fields went as the item is now (a value validation moved to a
 * note, a reference to no record) is counted in l->tally (i: its index
 * in l, for the order of first sight) and its where[] and keys[] are
 * freed: the report reads the tally, so that what it needs does not
 * grow with the records. */
void import_report_settle(struct import_list *l, struct import_item *it,
			  size_t i);
/* What goes to standard output as text: the summary, the skips by
 * design, the unmapped fields, the fields and where they went, the
 * counts of a plan and its updated or conflicting items. */
void import_report_text(struct sbuf *out, const struct import_report *r);
/* The same as one JSON object (docs/import.md lists its members). */
void import_report_json(struct sbuf *out, const struct import_report *r);
/* "path:line: reason" of a skip (no newline). */
void import_report_skip(struct sbuf *out, const struct import_skip *s);

/* The --format table of import: text, json. */
struct import_report_format {
	struct format f;
	void (*render)(struct sbuf *out, const struct import_report *r);
};
extern const struct format_table import_report_formats;

#endif
