/* block.c: `docket block ID --reason R`: the item waits for something
 * (status blocked, blocked_reason R). */
#include "cmd/write.h"

static const struct opt opts[] = {
	{ "reason", 'r', 1, SH_REASON },
	{ NULL, 0, 0, 0 },
};

int
cmd_block(struct ctx *ctx, int argc, char **argv)
{
	return set_shorthand(ctx, argc, argv, "block", ST_BLOCKED, opts);
}
