/* import_run_int.h: what import_run.c, import_valid.c and import_batch.c
 * share. */
#ifndef DOCKET_IMPORT_RUN_INT_H
#define DOCKET_IMPORT_RUN_INT_H

#include "formats/import_run.h"
#include "core/strmap.h"

/*
 * Decide, for every record of l, what this import writes: the rendered
 * file of a new record; for an existing one, the three-way merge of the
 * item as it is in bl (its bytes, or when bl was loaded lean, its file
 * read again through src) with what the source now says, over its base
 * (bases: one per existing record of l, in list order; may be NULL or
 * hold fewer).  An existing item that does not parse is left and
 * counted in conflict (its diags go to diags).  A new record whose file
 * would be over limit bytes (0: no limit) is not planned: over[i] is
 * its size (the caller leaves it out).
 */
void import_plan_make_(struct import_plan *p, struct import_list *l,
		       const struct backlog *bl, struct source *src,
		       const struct import_bases *bases, size_t limit,
		       struct diag_list *diags);

/* Making one batch of records valid on arrival (import_valid.c), as
 * import_plan_validate runs it on each batch (import_batch.c). */
struct held {
	const struct import_item *it;
	char *why;
};

/* One batch, and what the batches share. */
struct run {
	struct import_plan *p;    /* the batch's plan */
	struct import_list *l;    /* the batch's records (borrowed from all) */
	struct import_list *all;  /* the whole list: skips go there */
	const struct backlog *bl;
	struct backlog *vbl;
	struct source *src;
	const struct import_bases *bases; /* the batch's existing records' */
	const char *order_old;
	size_t order_len;
	size_t limit;
	const char *limit_name;
	struct held *held;        /* existing records kept as they are here */
	size_t nheld, aheld;
	size_t dropped;           /* new records left out, this batch */
	/* shared by the batches */
	size_t held_total;
	struct import_item **gone;/* new records left out (freed at the end) */
	size_t ngone, agone;
	/* a record that came in as an idea, or with values moved to
	 * notes, says so itself (struct import_item's demoted, noted) */
};

/* Plan the batch r->l into r->p (the diags of existing items that do
 * not parse go to r->all->diags), validate it and repair its records
 * (import_valid.c's design notes): the errors no record explains go to
 * errors, the warnings of its last run to warnings. */
void import_valid_batch(struct run *r, struct diag_list *errors,
			struct diag_list *warnings);

#endif
