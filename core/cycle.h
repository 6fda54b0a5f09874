/*
 * cycle: launch cycles (SPEC 5): the cycle files of a backlog as dated,
 * ordered records, and which one is current.
 *
 * A struct cycles borrows from the backlog's cycle items (names, goal
 * and committed ids point into their YAML trees): keep the backlog alive
 * while using it.  cycles_release frees the arrays only.
 */
#ifndef DOCKET_CYCLE_H
#define DOCKET_CYCLE_H

#include <stddef.h>

#include "core/backlog.h"

struct cycle {
	const struct item *file;    /* the cycle file */
	const char *name;           /* `name:`, or the file's stem */
	long start, end;            /* day numbers; -1 when missing */
	double capacity;            /* NAN when missing */
	const char *goal;
	const char **committed;     /* ids */
	size_t ncommitted;
};

struct cycles {
	struct cycle *v;            /* sorted by start (undated last), then name */
	size_t n;
};

void cycles_init(struct cycles *c);
void cycles_release(struct cycles *c);
/* Collect the backlog's parsed cycle files. */
void cycles_from_backlog(struct cycles *out, const struct backlog *bl);
/* The cycle named name, or NULL. */
const struct cycle *cycles_find(const struct cycles *c, const char *name);
/* The current cycle: start <= today <= end; else the most recent one
 * that has started; NULL when none has. */
const struct cycle *cycles_current(const struct cycles *c, long today);
/* The text of the body section under the heading "## <heading>" (case
 * and surrounding blanks ignored) of the cycle file, up to the next
 * heading of level 1 or 2, without leading and trailing blank lines;
 * points into the file's bytes.  NULL when there is no such section. */
const char *cycle_section(const struct cycle *c, const char *heading,
			  size_t *len);

#endif
