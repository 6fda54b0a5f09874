/* move.c: `docket move ID --top|--bottom|--to N|--before ID|--after ID`:
 * reorder ORDER; commit "Rank MKT-12 #7 → #2 (above MKT-3)". */
#include <string.h>

#include "cmd/write.h"

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
	struct ws *w = ctx->ws;
	struct item *item;
	struct sbuf before = SBUF_INIT, after = SBUF_INIT, sum = SBUF_INIT;
	const char *iid = ctx->pos[0];
	int r, rc;
	long old;

	item = ws_item(ctx, w, iid);
	if (!item) {
		rc = EXIT_PROBLEMS;
		goto done;
	}
	if (!item_status_open(item->status)) {
		out_error(ctx, "%s is %s: closed items leave ORDER (reopen it first: docket set %s status=ready)",
			  iid, item_status_name(item->status), iid);
		rc = EXIT_PROBLEMS;
		goto done;
	}
	order_render(&w->ss.bl.order, &before);
	old = order_rank(&w->ss.bl.order, iid);
	r = order_move(&w->ss.bl.order, iid, &place.place);
	if (r == DK_ENOTFOUND) {
		out_error(ctx, "%s is not in %s; rank it first", place.place.ref,
			  w->ss.bl.order_path);
		rc = EXIT_PROBLEMS;
		goto done;
	}
	if (r) {
		rc = out_usage_error(ctx, "cannot place %s relative to itself", iid);
		goto done;
	}
	order_render(&w->ss.bl.order, &after);
	if (before.len == after.len && !memcmp(before.buf, after.buf, after.len)) {
		out_note(ctx, "%s is already #%ld: nothing to change", iid, old);
		rc = EXIT_OK;
		goto done;
	}
	w->order_changed = 1;
	sbuf_addf(&sum, "Rank %s ", iid);
	ws_rank_change(&sum, &w->ss.bl.order, iid, old);
	ws_queue_order(w);
	sbuf_reset(&before);
	sbuf_addf(&before, "%s\n", sum.buf);
	rc = ws_commit(ctx, w, before.buf, sum.buf);
	if (rc == EXIT_OK && w->ch.committed)
		ws_owner_notice(ctx, &w->repo, &w->ss.bl.config, w->ss.bl.order_path);
done:
	sbuf_release(&before);
	sbuf_release(&after);
	sbuf_release(&sum);
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
