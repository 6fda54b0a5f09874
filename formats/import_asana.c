/*
 * import_asana.c: Asana's CSV export (project menu > Export > CSV).
 *
 * Columns: Task ID, Created At, Completed At, Last Modified, Name,
 * Section/Column, Assignee, Assignee Email, Start Date, Due Date, Tags,
 * Notes, Projects, Parent task, Blocked By (Dependencies), Blocking
 * (Dependencies), and one column per custom field.  Each row is an item
 * in the order of the rows (the project's order).  A task with a
 * Completed At date is done whatever its section; everything else is
 * the mapping's (the section is the status).
 */
#include "formats/import.h"
#include "formats/import_spill.h"

#include <string.h>

#include "core/xalloc.h"

static int
asana_header(struct import_list *l, const char *file,
	     const struct csv_record *header)
{
	if (csv_header_col(header, "Name") >= 0)
		return 0;
	diag_add(&l->diags, SEV_ERROR, "import", file, 1, 0,
		 "this is not an Asana CSV export: it has no Name column (use 'docket import csv' for other CSV files)");
	return DK_EINVALID;
}

int
import_read_asana(struct import_list *l, FILE *in,
		  const char *file)
{
	int rc = import_read_rows(l, in, file, asana_header);

	if (rc)
		return rc;
	for (size_t i = 0; i < l->n; i++) {
		struct import_item *it = import_list_at(l, i);
		const struct ifield *done;

		import_spill_in(l, it);
		done = ifields_get(&it->x->src, "Completed At");
		if (done && done->v.type == IVAL_STR && *done->v.str)
			it->x->forced_status = "done";
		import_spill_out(l, it);
	}
	return 0;
}
