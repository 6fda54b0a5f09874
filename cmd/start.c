/* start.c: `docket start ID`: the item is being worked on (status doing;
 * started is set to today unless it has a date). */
#include "cmd/write.h"

static int
run(struct ctx *ctx)
{
	static const struct transition_opts none;

	return set_status(ctx, ST_DOING, &none);
}

const struct command cmd_start = {
	.name = "start",
	.summary = "status doing (sets started)",
	.args = arg_id,
	.extra = "start takes one id",
	.needs = NEED_WRITE,
	.details = "Sets status: doing, and started: today unless the item has a date.\n",
	.run = run,
};
