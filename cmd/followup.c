/* followup.c: `docket followup ID TITLE`: a new experiment that follows
 * ID (follows: ID), inheriting its goal, campaign and tags.  Takes the
 * options of `new` (--set, --top, --bottom, --before, --after, --edit). */
#include "cmd/write.h"

int
cmd_followup(struct ctx *ctx, int argc, char **argv)
{
	return new_cmd(ctx, argc, argv, 1);
}
