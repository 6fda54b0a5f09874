/*
 * cycle: launch cycles (docs/cycles.md): the cycle files of a backlog as dated,
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
#include "core/cycle_scope.h"

struct scope_event;

struct cycle {
	const struct item *file;    /* the cycle file */
	const char *name;           /* `name:`, or the file's stem */
	long start, end;            /* day numbers; -1 when missing */
	double capacity;            /* NAN when missing */
	const char *goal;
	const char **committed;     /* ids, as the file lists them now */
	size_t ncommitted;
	/* The commitment (committed at the end of the start day) and the
	 * scope changes since, when the backlog's scope history was read
	 * (bl->scope_hist, core/cycle_scope.h); else the commitment is
	 * committed and there is no change. */
	const char **baseline;
	size_t nbaseline;
	const struct scope_event *events;   /* oldest first */
	size_t nevents;
	int scope_known;            /* baseline and events read from git */
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
/* Is id committed to cycle c (in its committed list now)? */
int cycle_has(const struct cycle *c, const char *id);
/* Was id part of c's commitment (committed at its start)? */
int cycle_in_baseline(const struct cycle *c, const char *id);
/* The last scope change of id in c (added or removed), or NULL. */
const struct scope_event *cycle_last_event(const struct cycle *c,
					   const char *id);
/* The cycle before c: the latest dated cycle that starts before c's
 * start (or, for an undated c, the latest dated one); NULL when none. */
const struct cycle *cycles_previous(const struct cycles *cy,
				    const struct cycle *c);
/* The text of the body section under the heading "## <heading>" (case
 * and surrounding blanks ignored) of the cycle file, up to the next
 * heading of level 1 or 2, without leading and trailing blank lines;
 * points into the file's bytes.  NULL when there is no such section. */
const char *cycle_section(const struct cycle *c, const char *heading,
			  size_t *len);

#endif
