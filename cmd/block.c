/* block.c: `docket block ID --reason R`: the item waits for something
 * (status blocked, blocked_reason R). */
#include "cmd/write.h"

static struct transition_opts topts;

static int
run(struct ctx *ctx)
{
	return set_status(ctx, ST_BLOCKED, &topts);
}

static const struct opt opts[] = {
	OPT_STRING_F("reason", 'r', &topts.reason, "R",
		     "what it waits for (blocked_reason; required)", OPT_REQUIRED),
	OPT_END,
};

const struct command cmd_block = {
	.name = "block",
	.summary = "status blocked, with the reason",
	.args = arg_id,
	.extra = "block takes one id",
	.opts = opts,
	.needs = NEED_WRITE,
	.run = run,
};
