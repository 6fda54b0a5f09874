/* move.c: `docket move ID --top|--bottom|--to N|--before ID|--after ID`:
 * reorder ORDER; commit "Rank MKT-12 #7 → #2 (above MKT-3)". */
#include <string.h>

#include "cmd/write.h"

static const struct opt opts[] = {
	{ "top", 0, 0, WO_TOP },
	{ "bottom", 0, 0, WO_BOTTOM },
	{ "to", 0, 1, WO_TO },
	{ "before", 0, 1, WO_BEFORE },
	{ "after", 0, 1, WO_AFTER },
	{ NULL, 0, 0, 0 },
};

int
cmd_move(struct ctx *ctx, int argc, char **argv)
{
	struct opt_iter it;
	struct order_place place;
	struct ws w;
	struct item *item;
	struct sbuf before = SBUF_INIT, after = SBUF_INIT, sum = SBUF_INIT;
	const char *arg, *iid;
	int id, r, rc, have = 0;
	long old;

	opt_init(&it, argc, argv);
	while ((r = opt_next(&it, ctx, opts, &id, &arg)) == 1)
		if ((rc = ws_place_opt(ctx, &place, &have, id, arg))) {
			opt_release(&it);
			return rc;
		}
	if (r || it.npos != 1 || !have) {
		rc = r ? (r == 2 ? EXIT_OK : EXIT_USAGE) :
		     out_usage_error(ctx, it.npos != 1 ? "move takes one id" :
				     "where to? give --top, --bottom, --to N, --before ID or --after ID");
		opt_release(&it);
		return rc;
	}
	iid = it.pos[0];
	if ((rc = check_id_arg(ctx, iid))) {
		opt_release(&it);
		return rc;
	}
	if ((rc = ws_begin(ctx, &w)))
		goto done;
	item = ws_item(ctx, &w, iid);
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
	order_render(&w.ss.bl.order, &before);
	old = order_rank(&w.ss.bl.order, iid);
	r = order_move(&w.ss.bl.order, iid, &place);
	if (r == DK_ENOTFOUND) {
		out_error(ctx, "%s is not in %s; rank it first", place.ref, w.ss.bl.order_path);
		rc = EXIT_PROBLEMS;
		goto done;
	}
	if (r) {
		rc = out_usage_error(ctx, "cannot place %s relative to itself", iid);
		goto done;
	}
	order_render(&w.ss.bl.order, &after);
	if (before.len == after.len && !memcmp(before.buf, after.buf, after.len)) {
		out_note(ctx, "%s is already #%ld: nothing to change", iid, old);
		rc = EXIT_OK;
		goto done;
	}
	w.order_changed = 1;
	sbuf_addf(&sum, "Rank %s ", iid);
	ws_rank_change(&sum, &w.ss.bl.order, iid, old);
	ws_queue_order(&w);
	sbuf_reset(&before);
	sbuf_addf(&before, "%s\n", sum.buf);
	rc = ws_commit(ctx, &w, before.buf, sum.buf);
done:
	sbuf_release(&before);
	sbuf_release(&after);
	sbuf_release(&sum);
	ws_end(&w);
	opt_release(&it);
	return rc;
}
