/* done.c: `docket done ID [--result R] [--actual V] [--force]`: the item
 * is finished (status done, finished today; it leaves ORDER).  An
 * experiment needs a result; open Definition-of-Done boxes refuse unless
 * --force --reason TEXT, which records them in dod_waived:. */
#include "cmd/write.h"

static struct transition_opts topts;

static int
run(struct ctx *ctx)
{
	return set_status(ctx, ST_DONE, &topts);
}

static const struct opt opts[] = {
	OPT_CHOICE("result", 0, &topts.result, "R", "won|lost|inconclusive",
		   "how the experiment went (required for experiments)"),
	OPT_STRING("actual", 0, &topts.actual, "V", "the measured value of its metric"),
	OPT_FLAG("force", 'f', &topts.force, "even with unchecked Definition-of-Done boxes: "
		 "they are recorded as waived in dod_waived:, with --reason"),
	OPT_STRING("reason", 0, &topts.waive_reason, "TEXT",
		   "with --force: why the open boxes are waived (required then)"),
	OPT_END,
};

const struct command cmd_done = {
	.name = "done",
	.summary = "status done; the item leaves ORDER",
	.args = arg_id,
	.extra = "done takes one id",
	.opts = opts,
	.needs = NEED_WRITE,
	.details = "Sets finished: today and removes the id from ORDER.\n",
	.run = run,
};
