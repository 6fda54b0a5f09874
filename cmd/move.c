/* move.c: `docket move ID --top|--bottom|--to N|--before ID|--after ID`:
 * reorder ORDER; commit "Rank MKT-12 #7 → #2 (above MKT-3)". */
#include <string.h>

#include "cmd/write.h"
#include "core/ops.h"

static struct ws_place place;

static int
prepare(struct ctx *ctx)
{
	if (!place.have)
		return out_usage_error(ctx, "where to? give --top, --bottom, --to N, --before ID or --after ID");
	return EXIT_OK;
}

static int
run(struct ctx *ctx)
{
	struct diag_list errs = DIAG_LIST_INIT;
	struct ops_target t;
	struct ops_result r;
	int rc;

	ws_target(ctx->ws, &t);
	ops_result_init(&r);
	rc = ops_move(&t, ctx->pos[0], &place.place, &r, &errs);
	rc = rc == DK_EUSAGE ? out_usage_error(ctx, "%s", diag_last_message(&errs)) :
	     ws_report(ctx, &r, rc, &errs);
	if (rc == EXIT_OK && r.committed)
		ws_owner_notice(ctx, t.repo, &t.bl->config, t.bl->order_path);
	diag_list_release(&errs);
	ops_result_release(&r);
	return rc;
}

static const struct arg args[] = {
	{ "ID", ARG_ID, "move takes one id", NULL },
	ARG_END,
};

static const struct opt opts[] = {
	OPT_PLACE("top", &place, WO_TOP, NULL,
		  "the first id (below the header comment of its section)",
		  OPT_JOIN | OPT_REQUIRED),
	OPT_PLACE("bottom", &place, WO_BOTTOM, NULL, "right after the last id", OPT_JOIN),
	OPT_PLACE("to", &place, WO_TO, "N", "rank N (1 = top)", OPT_JOIN),
	OPT_PLACE("before", &place, WO_BEFORE, "ID", "just above another ranked item", OPT_JOIN),
	OPT_PLACE("after", &place, WO_AFTER, "ID", "just below another ranked item", 0),
	OPT_END,
};

const struct command cmd_move = {
	.name = "move",
	.summary = "reorder ORDER",
	.args = args,
	.extra = "move takes one id",
	.opts = opts,
	.needs = NEED_WRITE,
	.details =
	"Comment and blank lines stay where they are; an unranked item becomes\n"
	"ranked. Commits 'Rank ID #old → #new (above OTHER)'.\n",
	.prepare = prepare,
	.run = run,
};
