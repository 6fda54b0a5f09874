/* unblock.c: `docket unblock ID [--over-wip]`: the item no longer waits:
 * back to the status it had before `block` (its blocked_from; doing when
 * it had started, else ready), under the WIP limit as `start` is. */
#include "cmd/write.h"

static int over_wip;

static int
run(struct ctx *ctx)
{
	static const struct transition_opts none;
	struct item *it = ws_item(ctx, ctx->ws, ctx->pos[0]);

	if (!it)
		return EXIT_PROBLEMS;
	if (it->status != ST_BLOCKED) {
		out_error(ctx, "%s is not blocked (it is %s): nothing to unblock",
			  ctx->pos[0], item_status_name(it->status));
		return EXIT_PROBLEMS;
	}
	return set_status_wip(ctx, transition_unblock_to(it), &none, over_wip);
}

static const struct opt opts[] = {
	OPT_OVER_WIP(&over_wip),
	OPT_END,
};

const struct command cmd_unblock = {
	.name = "unblock",
	.summary = "back to the status the item had before it was blocked",
	.args = arg_id,
	.extra = "unblock takes one id",
	.opts = opts,
	.needs = NEED_WRITE,
	.details =
	"Returns a blocked item to the status recorded when it was blocked\n"
	"(blocked_from: doing, planned, ready or idea); without one, doing when it\n"
	"has started, else ready. blocked_reason and blocked_from are removed.\n"
	"Back to doing, the WIP limit applies as for start.\n",
	.run = run,
};
