/* log.c: `docket log ID`: the item's history from git (docs/reference.md). */
#include <string.h>

#include "cmd/cmd.h"
#include "core/history.h"
#include "formats/history_out.h"

static int
run(struct ctx *ctx)
{
	const struct log_format *lf = FORMAT_ROW(struct log_format, ctx->format);
	const char *id = ctx->pos[0], *file = NULL;
	struct session *ss = ctx->ses;
	struct item_log log;
	struct item *item;
	struct sbuf out = SBUF_INIT;
	struct diag_list errs = DIAG_LIST_INIT;
	int rc;

	/* the file name at the tip (it may be <ID>-slug.md) */
	item = backlog_load_item(&ss->bl, &ss->src, id);
	if (item && strlen(item->path) > strlen(ss->bl.items_rel))
		file = item->path + strlen(ss->bl.items_rel);
	rc = history_item_log(&log, ctx->repo, ctx->rev, ss->bl.items_rel, id, file,
			      &errs);
	if (rc) {
		out_errs(ctx, &errs, "cannot read the history");
		rc = EXIT_USAGE;
	} else if (!item && !log.n) {
		out_error(ctx, "no item %s in %s, and none in its history", id,
			  ss->bl.items_rel);
		rc = EXIT_PROBLEMS;
	} else {
		struct hist_opts ho = { ctx->color, ctx->width, NULL, NULL };

		lf->render(&out, &log, id, &ho);
		out_sbuf(ctx, &out);
		rc = EXIT_OK;
	}
	sbuf_release(&out);
	item_log_release(&log);
	diag_list_release(&errs);       /* what was skipped (a blob over its limit) */
	return rc;
}

static const struct opt opts[] = {
	OPT_FORMAT(),
	OPT_REV("start from this revision instead of HEAD"),
	OPT_END,
};

const struct command cmd_log = {
	.name = "log",
	.summary = "an item's history from git",
	.args = arg_id,
	.extra = "log takes one id",
	.opts = opts,
	.formats = &log_formats,
	.needs = NEED_BACKLOG | NEED_REPO,
	.details =
	"Each commit on the first-parent history that changed the item's file or\n"
	"its rank in ORDER, newest first: short id, author date, author, subject,\n"
	"then the rank change (#7 -> #2) and every field change (effort: 3 -> 5).\n"
	"Renumbered items are followed. See docs/history.md.\n",
	.run = run,
};
