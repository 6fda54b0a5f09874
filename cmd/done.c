/* done.c: `docket done ID [--result R] [--actual V] [--force]`: the item
 * is finished (status done, finished today; it leaves ORDER).  An
 * experiment needs a result; open Definition-of-Done boxes refuse unless
 * --force. */
#include "cmd/write.h"

static const struct opt opts[] = {
	{ "result", 0, 1, SH_RESULT },
	{ "actual", 0, 1, SH_ACTUAL },
	{ "force", 'f', 0, SH_FORCE },
	{ NULL, 0, 0, 0 },
};

int
cmd_done(struct ctx *ctx, int argc, char **argv)
{
	return set_shorthand(ctx, argc, argv, "done", ST_DONE, opts);
}
