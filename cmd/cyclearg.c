/* cyclearg.c: the CYCLE argument shared by huddle and showcase. */
#include <string.h>

#include "cmd/cmd.h"
#include "core/cycle_scope.h"
#include "core/date.h"
#include "core/history.h"
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

/* The cycle files' commitments and scope changes (core/cycle_scope.h),
 * at rev (NULL: HEAD and the working tree). */
static void
read_scope(struct ctx *ctx, struct session *s, struct repo *r, const char *rev)
{
	struct diag_list d = DIAG_LIST_INIT, errs = DIAG_LIST_INIT;

	if (scope_hist_read(&s->bl.scope_hist, &s->bl, r, rev, date_today(), &d, &errs))
		out_warning(ctx, "cannot read the git history of the cycle files: %s (scope changes are not shown)",
			    errs.n ? diag_last_message(&errs) : "unknown error");
	diag_list_release(&errs);
	out_diags(ctx, &d, SEV_WARNING);
	diag_list_release(&d);
}

void
session_fill_dates(struct ctx *ctx, struct session *s)
{
	struct diag_list d = DIAG_LIST_INIT;
	struct repo r;
	int rc;

	/* --rev: the scope at that revision; the dates of the work tree's
	 * items only, as history_fill_dates walks HEAD, which is not the
	 * history of another revision */
	if (s->repo) {
		read_scope(ctx, s, s->repo, ctx->rev);
		return;
	}
	if (!s->bl.top)
		return;
	memset(&r, 0, sizeof(r));
	if ((rc = repo_open(&r, s->bl.root, &d))) {
		if (rc == DK_EREFUSED)
			out_warning(ctx, "started and finished dates are not read from git: %s",
				    diag_last_message(&d));
		diag_list_release(&d);
		return;
	}
	/* a history that cannot be read is a warning in d */
	history_fill_dates(&s->bl, &r, &d);
	out_diags(ctx, &d, SEV_WARNING);
	diag_list_release(&d);
	read_scope(ctx, s, &r, NULL);
	repo_close(&r);
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
