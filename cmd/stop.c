/* stop.c: `docket stop ID --reason R`: the item will not be finished
 * (status stopped, stop_reason R, finished today; it leaves ORDER). */
#include "cmd/write.h"

static const struct opt opts[] = {
	{ "reason", 'r', 1, SH_REASON },
	{ NULL, 0, 0, 0 },
};

int
cmd_stop(struct ctx *ctx, int argc, char **argv)
{
	return set_shorthand(ctx, argc, argv, "stop", ST_STOPPED, opts);
}
