/* burnup.c: `docket burnup CAMPAIGN`: scope and completed effort over
 * time, from git history (SPEC 7). */
#include <string.h>

#include "cmd/cmd.h"
#include "core/date.h"
#include "core/fsutil.h"
#include "core/history.h"
#include "core/projection.h"
#include "core/strmap.h"
#include "formats/history_out.h"

static const char *output;

/* The campaigns of the loaded backlog, for an unknown name. */
static void
known_campaigns(struct ctx *ctx, struct session *ss)
{
	struct strmap seen;
	struct sbuf list = SBUF_INIT;
	size_t shown = 0;

	strmap_init(&seen);
	for (size_t i = 0; i < ss->bl.nitems; i++) {
		const char *c = ss->bl.items[i]->campaign;

		if (!c || strmap_find(&seen, c, strlen(c)))
			continue;
		strmap_put(&seen, c, strlen(c), (void *)c);
		if (shown++ < 12)
			sbuf_addf(&list, "%s%s", list.len ? ", " : "", c);
	}
	if (shown)
		out_note(ctx, "campaigns in the backlog: %s%s", list.buf,
			 shown > 12 ? ", ..." : "");
	strmap_release(&seen);
	sbuf_release(&list);
}

static int
run(struct ctx *ctx)
{
	const struct burnup_format *bf = FORMAT_ROW(struct burnup_format, ctx->format);
	const char *campaign = ctx->pos[0];
	struct session *ss = ctx->ses;
	struct burnup b;
	struct projection proj;
	struct sbuf out = SBUF_INIT;
	struct diag_list errs = DIAG_LIST_INIT;
	int rc;

	rc = history_burnup(&b, ctx->repo, ctx->rev, ss->bl.items_rel, campaign,
			    date_today(), &errs);
	if (rc) {
		out_errs(ctx, &errs, "cannot read the history");
		rc = EXIT_USAGE;
	} else if (!b.n) {
		out_error(ctx, "no item of campaign '%s' in the history of %s", campaign,
			  ctx->rev ? ctx->rev : "HEAD");
		/* load again, with the items: release the whole session first
		 * (its source too), as session_load starts a new one */
		session_release(ss);
		if (session_load(ctx, ss, ctx->rev, BL_ITEMS, NULL, NULL) == EXIT_OK)
			known_campaigns(ctx, ss);
		rc = EXIT_PROBLEMS;
	} else {
		const struct campaign *cp = config_campaign(&ss->bl.config, campaign);
		struct hist_opts ho = { output ? 0 : ctx->color, ctx->width, NULL, NULL, &proj };

		projection_make(&proj, &b, cp ? cp->due : -1, ss->bl.config.cycle_length_days);
		bf->render(&out, &b, &ho);
		rc = EXIT_OK;
		if (output) {
			if (fsutil_write_atomic(output, out.buf, out.len, &errs)) {
				out_errs(ctx, &errs, "cannot write '%s'", output);
				rc = EXIT_USAGE;
			}
		} else {
			out_sbuf(ctx, &out);
		}
	}
	sbuf_release(&out);
	burnup_release(&b);
	return rc;
}

static const struct arg args[] = {
	{ "CAMPAIGN", 0, "which campaign? give its name (the items' campaign field)", NULL },
	ARG_END,
};

static const struct opt opts[] = {
	OPT_FORMAT(),
	OPT_STRING("output", 'o', &output, "FILE", "write to FILE instead of standard output"),
	OPT_REV("read the history of REV instead of HEAD"),
	OPT_END,
};

const struct command cmd_burnup = {
	.name = "burnup",
	.summary = "scope and completed effort of a campaign over time, from git history",
	.args = args,
	.extra = "burnup takes one campaign",
	.opts = opts,
	.formats = &burnup_formats,
	.needs = NEED_BACKLOG | NEED_REPO,
	.details =
	"Scope is the effort of the campaign's items that are not stopped,\n"
	"completed the effort of those done, each day from the first commit where\n"
	"the campaign appears to today (DOCKET_TODAY). Items without effort count\n"
	"0 and are named in the summary. With a due date (campaigns: in\n"
	"docket.yaml), it draws the date, projects the recent pace (the last three\n"
	"cycles) with its range, and says whether the scope is reachable by then.\n"
	"See docs/history.md.\n",
	.run = run,
};
