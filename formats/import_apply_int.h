/* import_apply_int.h: the value helpers of the mapping
 * (import_values.c), for import_apply.c. */
#ifndef DOCKET_IMPORT_APPLY_INT_H
#define DOCKET_IMPORT_APPLY_INT_H

#include "formats/import.h"

/* A note "Key: text"; the key is shown as a label ("parent_task_id" ->
 * "Parent task id"). */
void import_value_note(struct import_item *it, const char *key,
		       const char *text);
/* A value kept as a note: dates normalised when the field is a date; a
 * list of long or multi-line values one note per value, a list of short
 * ones joined with ", ". */
void import_value_noted(struct import_item *it, const char *key,
			const struct ival *v);
/* The value as one line of text (malloc'ed): every run of blanks and
 * line breaks is one space. */
char *import_value_line(const struct ival *v);
/* A number as exported ("3", "2.5", "2,5", "1e3"; decimal only), a
 * boolean ("yes", "x", "0"...): 0, or -1 when s is none. */
int import_value_number(const char *s, double *out);
int import_value_bool(const char *s, int *out);
/* Values into the managed block name ("comments": "## Comments"), one
 * list entry per value. */
void import_value_section(struct import_item *it, const char *name,
			  const struct ival *v);

#endif
