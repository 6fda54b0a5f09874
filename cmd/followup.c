/* followup.c: `docket followup ID TITLE`: a new experiment that follows
 * ID (follows: ID), inheriting its goal, campaign and tags.  Takes the
 * options of `new` but --type; new.c makes the item. */
#include "cmd/write.h"

#define USE "give the item it follows and the new title: followup ID TITLE"

static const struct arg args[] = {
	{ "ID", ARG_ID, USE, NULL },
	{ "TITLE", 0, USE, NULL },
	ARG_END,
};

const struct command cmd_followup = {
	.name = "followup",
	.summary = "a new experiment following ID",
	.args = args,
	.extra = USE,
	.opts = new_opts + 1,
	.needs = NEED_WRITE,
	.details = "The new experiment has follows: ID and inherits goal, campaign and tags.\n",
	.prepare = new_prepare,
	.run = new_cmd_run,
};
