/* cyclearg.c: the CYCLE argument shared by huddle and showcase. */
#include "cmd/cmd.h"
#include "core/plan.h"

const struct cycle *
cycle_arg(struct ctx *ctx, const struct cycles *cy, const char *name,
	  long today, int *rc)
{
	const struct cycle *c;

	if (name) {
		if (!plan_name_valid(name)) {
			*rc = out_usage_error(ctx, "'%s' is not a cycle name", name);
			return NULL;
		}
		c = cycles_find(cy, name);
		if (!c) {
			out_error(ctx, "no cycle %s (cycle files are in the cycles folder of the backlog; 'docket report' lists them)",
				  name);
			*rc = EXIT_USAGE;
		}
		return c;
	}
	c = cycles_current(cy, today);
	if (!c) {
		out_error(ctx, cy->n ? "no cycle has started yet; name one, or wait for its start date" :
			  "no cycle files yet; run 'docket plan' to plan the first cycle");
		*rc = EXIT_PROBLEMS;
	}
	return c;
}

void
session_fill_dates(struct ctx *ctx, struct session *s)
{
	(void)ctx;
	(void)s;
	/* started/finished from git history: core/history.h (to come) */
}

int
warn_unreadable(struct ctx *ctx, const struct backlog *bl)
{
	size_t bad = 0;

	for (size_t i = 0; i < bl->nitems; i++)
		if (!bl->items[i]->parsed)
			bad++;
	for (size_t i = 0; i < bl->ncycles; i++)
		if (!bl->cycles[i]->parsed)
			bad++;
	if (!bad)
		return 0;
	out_diags(ctx, &bl->diags, SEV_ERROR);
	out_warning(ctx, "%zu file%s could not be read and %s left out; run 'docket check'",
		    bad, bad == 1 ? "" : "s", bad == 1 ? "is" : "are");
	return 1;
}
