/* start.c: `docket start ID`: the item is being worked on (status doing;
 * started is set to today unless it has a date). */
#include "cmd/write.h"

static int over_wip;

static int
run(struct ctx *ctx)
{
	static const struct transition_opts none;

	return set_status_wip(ctx, ST_DOING, &none, over_wip);
}

static const struct opt opts[] = {
	OPT_OVER_WIP(&over_wip),
	OPT_END,
};

const struct command cmd_start = {
	.name = "start",
	.summary = "status doing (sets started)",
	.args = arg_id,
	.extra = "start takes one id",
	.opts = opts,
	.needs = NEED_WRITE,
	.details =
	"Sets status: doing, and started: today unless the item has a date.\n"
	"Over the WIP limit (rules: wip-limit: max) it warns and names the items\n"
	"in progress; with the rule at severity error it refuses unless\n"
	"--over-wip is given.\n",
	.run = run,
};
