/* import_run_int.h: what import_run.c and import_valid.c share. */
#ifndef DOCKET_IMPORT_RUN_INT_H
#define DOCKET_IMPORT_RUN_INT_H

#include "formats/import_run.h"

/* import_plan_make, with the diags of existing items that do not parse
 * going to diags. */
void import_plan_make_(struct import_plan *p, struct import_list *l,
		       const struct backlog *bl, const struct import_bases *bases,
		       struct diag_list *diags);

#endif
