/* start.c: `docket start ID`: the item is being worked on (status doing;
 * started is set to today unless it has a date). */
#include "cmd/write.h"

static const struct opt opts[] = {
	{ NULL, 0, 0, 0 },
};

int
cmd_start(struct ctx *ctx, int argc, char **argv)
{
	return set_shorthand(ctx, argc, argv, "start", ST_DOING, opts);
}
