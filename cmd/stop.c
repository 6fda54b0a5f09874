/* stop.c: `docket stop ID --reason R`: the item will not be finished
 * (status stopped, stop_reason R, finished today; it leaves ORDER). */
#include "cmd/write.h"

static struct transition_opts topts;

static int
run(struct ctx *ctx)
{
	return set_status(ctx, ST_STOPPED, &topts);
}

static const struct opt opts[] = {
	OPT_STRING_F("reason", 'r', &topts.reason, "R",
		     "why it is not worth finishing (stop_reason; required)", OPT_REQUIRED),
	OPT_CHOICE("result", 0, &topts.result, "R", "lost|inconclusive",
		   "what the stopped experiment showed: a stopped experiment with a "
		   "result is learning delivered, and say/do counts it as finished"),
	OPT_END,
};

const struct command cmd_stop = {
	.name = "stop",
	.summary = "status stopped; the item leaves ORDER",
	.args = arg_id,
	.extra = "stop takes one id",
	.opts = opts,
	.needs = NEED_WRITE,
	.details =
	"Sets finished: today and removes the id from ORDER. A done item is not\n"
	"stopped.\n",
	.run = run,
};
