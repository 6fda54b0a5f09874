/*
 * import_run: what one `docket import` decides and says, as pure
 * functions over memory (docs/import.md, "Importing again").  After the
 * records are read and mapped (formats/import.h):
 *
 *   import_match_existing   records that are items already (by
 *                           `source:`, or the earlier "- Source:" line)
 *                           get their item's id
 *   import_unmatchable      records without a source id (a re-import
 *                           of those cannot tell old from new)
 *   import_existing_names   the item files whose bases the history
 *                           holds (core/import_history.h reads them)
 *   import_plan_validate    the plan, per record: the file to write (a
 *                           new item, or the three-way result on an
 *                           existing one) and the added/updated/
 *                           unchanged/conflict counts, made valid on
 *                           arrival: every file the plan writes, and
 *                           ORDER, through core/validate (check's rules,
 *                           as every write), in batches of records; a
 *                           record that cannot be valid as the source
 *                           has it comes in as an idea, a value check
 *                           rejects goes to a note, a record whose item
 *                           would be over the file limit is left out
 *                           (import_valid.c)
 *   import_subject,         the commit's subject and message (with the
 *   import_commit_message   Docket-Import trailers)
 *   import_export_digest    the export's digest for the trailer
 *
 * The report a run prints (text, JSON) is formats/import_report.h.
 * cmd/import.c reads the input, asks git for the bases, writes through
 * its write session, prints and sets the exit status.
 *
 * Ownership: struct import_plan owns its per-record arrays and files;
 * import_plan_release frees them.  The plan import_plan_validate makes
 * of the whole list holds no file: each is handed on (struct
 * import_put) and freed as soon as its batch is done, and writes[i]
 * says it is written (files and lens are the batches' own, and NULL
 * there).  first and last point into the
 * import_list's items (valid while the list is).  Strings returned
 * (char *) are malloc'ed for the caller.
 */
#ifndef DOCKET_IMPORT_RUN_H
#define DOCKET_IMPORT_RUN_H

#include <stddef.h>
#include <stdint.h>

#include "core/backlog.h"
#include "core/config.h"
#include "core/import_history.h"
#include "core/sbuf.h"
#include "core/source.h"
#include "formats/import.h"

/* What this import writes, per record of the list (index i of l). */
struct import_plan {
	size_t n;                 /* l->n when made */
	size_t added, updated, unchanged, conflicts;
	char **files;             /* per item: its new file, or NULL: not
				   * written (a batch's plan only; NULL in
				   * the whole list's: handed on) */
	unsigned char *writes;    /* per item: 1 when its file is written */
	int writes_list;          /* writes is the list's (import_list_room) */
	size_t *over;             /* per item, while planning: the size of a
				   * new item over the file limit */
	size_t *lens;
	/* why, refused, changed and merged are NULL (all empty) in the
	 * plan of import_plan_validate when no record is an item already:
	 * only an update has them */
	char **why;               /* per item: the conflicting fields, or NULL */
	char **refused;           /* per item: why its update is left out
				   * (import_plan_validate), or NULL; it
				   * counts in conflicts */
	char **changed;           /* per item: "" when updated, or NULL */
	char *merged;             /* per item: written merged with edits here */
	size_t nfiles;            /* files written (new and updated) */
	size_t written;           /* new items written */
	const char *first, *last; /* the first and last new ids ("" if none) */
	/* set by import_plan_validate */
	size_t demoted;           /* records that came in as ideas */
	size_t noted;             /* field values kept as notes instead */
	size_t held;              /* records left out: check would reject them */
};

void import_plan_release(struct import_plan *p);

/* Where import_plan_validate hands each file on, once the batch of its
 * record is done and the file is final: fn(arg, it, file, len), it the
 * record (its id names the file); the file is freed when fn returns.
 * fn returns 0, or nonzero to hand on no more files (the caller keeps
 * why: the run must then write nothing). */
struct import_put {
	int (*fn)(void *arg, const struct import_item *it, const char *file,
		  size_t len);
	void *arg;
	int failed;               /* set when fn returned nonzero */
};

/* Give each record that is already an item of bl (by `source:`, or by
 * the earlier format's "- Source: TOOL ID" body line) that item's id
 * and mark it existing.  keys (may be NULL: read from the items) holds
 * import_item_key of each of bl->items, in their order. */
void import_match_existing(struct import_list *l, const struct backlog *bl,
			   char *const *keys);
/* What matches item it of the backlog to a record of a source of kind:
 * its `source:` value, or the earlier format's "- Source: TOOL ID" body
 * line as "TOOL ID" (malloc'ed); NULL when it has neither.  It reads the
 * item's tree and bytes, so a caller that loads the backlog lean (BL_LEAN)
 * takes it in a visitor and gives import_match_existing the keys. */
char *import_item_key(const struct item *it, enum import_kind kind);

/* Leave out each record whose source id an earlier record of the
 * export has (a failed skip naming both): an import again could not
 * tell them apart, and each would overwrite the other's item.  (A
 * Backlog.md folder whose archive reuses a task's id gives the archived
 * task an id of its own as it is read: formats/import_backlog_md.c.)  Found by
 * sorting the records' numbers by id in the list's arena, so that memory
 * does not grow with the records.  Returns the number left out. */
size_t import_drop_repeated(struct import_list *l);

/* Number of records without a source id. */
size_t import_unmatchable(const struct import_list *l);

/* The item file names ("MKT-4.md") of the existing records, in list
 * order, the names an import writes new items under; and in alts, for an
 * item someone renamed since, its file now ("MKT-4-launch.md":
 * import_item_file), else NULL (for core/import_history.h's bases).
 * Both arrays have the count returned (each malloc'ed with its names;
 * import_names_free each). */
size_t import_existing_names(char ***names, char ***alts,
			     const struct import_list *l, const struct backlog *bl);
/* The file in the items folder that record it writes: the file of the
 * item it is already (a re-import: "MKT-4-launch.md" when someone named
 * it so), else "ID.md" (malloc'ed). */
char *import_item_file(const struct backlog *bl, const struct import_item *it);
void import_names_free(char **names, size_t n);

/*
 * The plan of what this import writes, valid on arrival (docs/import.md):
 * per record, the rendered file of a new record, or for an existing one
 * the three-way merge of the item as it is in bl with what the source
 * now says, over its base (bases: one per name of import_existing_names,
 * in that order; may be NULL or hold fewer; an existing item that does
 * not parse is left and counted in conflict, its diags in l->diags).
 * Each record is rendered once per pass; a new record whose file would
 * be over limit bytes is a failed skip naming limit_name.
 *
 * The files are validated in batches of records (records that name each
 * other through depends_on or follows are in the same batch), each with
 * validate_files on vbl and src (docket.yaml and ORDER loaded, items
 * read on demand) and, when the batch has ranked records, ORDER after
 * the import of the batch's records (order_old is its text now).  For
 * each record the findings would reject: a field value check names is
 * moved to a note; a record that cannot be valid in its status comes in
 * as an idea (unranked) with a note saying what check needs first; then
 * the batch is planned again and validated again.  A record still
 * rejected is left out: a new one becomes a failed skip (and leaves l),
 * an existing one is kept as it is here (in conflict).  Once its batch
 * is done each file is handed to put and freed, or with put NULL (a dry
 * run) only freed: writes[] says which are (or would be) written, and
 * the plan's memory does not grow with the files.  Returns the errors
 * left that no record explains (in errors: the import must be refused,
 * and the files handed on must not be written); the warnings of each
 * batch's last run are in warnings.
 */
size_t import_plan_validate(struct import_plan *p, struct import_list *l,
			    const struct backlog *bl, struct backlog *vbl,
			    struct source *src, const struct import_bases *bases,
			    const char *order_old, size_t order_len,
			    size_t limit, const char *limit_name,
			    struct import_put *put, struct diag_list *errors,
			    struct diag_list *warnings);

/* The commit subject: "Import N items from TOOL", or on a re-import
 * "Import from TOOL: N added, N updated". */
void import_subject(struct sbuf *out, const struct import_list *l,
		    const struct import_plan *p);
/* The whole commit message: subject, the counts, what was not imported
 * and what is in conflict (50 of each at most), the Docket-Import
 * trailer and the Docket-Import-Merged lines. */
void import_commit_message(struct sbuf *out, const char *subject,
			   const struct import_list *l,
			   const struct import_plan *p, const char *source,
			   const char *digest);

/* "sha256:HEX" of a digest. */
char *import_digest_text(const uint8_t d[32]);
/* "sha256:HEX" of the export: data[0..len), or, for a folder, files
 * (each as rel NUL length NUL bytes) when n > 0.  (The CSV sources
 * digest the export as it streams in: import_list's digest.) */
char *import_export_digest(const char *data, size_t len,
			   const struct import_file *files, size_t n);

#endif
