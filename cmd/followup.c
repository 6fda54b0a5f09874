/* followup.c: `docket followup ID TITLE`: a new experiment that follows
 * ID (follows: ID), inheriting its goal, campaign and tags.  Takes the
 * options of `new` (--set, --top, --bottom, --before, --after, --edit). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/write.h"
#include "core/xalloc.h"

enum { O_SET = 1, O_EDIT };

static const struct opt opts[] = {
	{ "set", 's', 1, O_SET },
	{ "edit", 'e', 0, O_EDIT },
	{ "top", 0, 0, WO_TOP },
	{ "bottom", 0, 0, WO_BOTTOM },
	{ "before", 0, 1, WO_BEFORE },
	{ "after", 0, 1, WO_AFTER },
	{ NULL, 0, 0, 0 },
};

int
cmd_followup(struct ctx *ctx, int argc, char **argv)
{
	struct opt_iter it;
	struct new_req rq;
	const char *arg;
	char **sets;
	int id, r, rc;

	memset(&rq, 0, sizeof(rq));
	sets = xcalloc((size_t)argc + 1, sizeof(*sets));
	rq.sets = sets;
	opt_init(&it, argc, argv);
	while ((r = opt_next(&it, ctx, opts, &id, &arg)) == 1) {
		if (id == O_SET)
			sets[rq.nsets++] = (char *)(uintptr_t)arg;
		else if (id == O_EDIT)
			rq.edit = 1;
		else if ((rc = ws_place_opt(ctx, &rq.place, &rq.have_place, id, arg))) {
			free(sets);
			opt_release(&it);
			return rc;
		}
	}
	if (r || it.npos != 2) {
		rc = r ? (r == 2 ? EXIT_OK : EXIT_USAGE) :
		     out_usage_error(ctx, "give the item it follows and the new title: followup ID TITLE");
		free(sets);
		opt_release(&it);
		return rc;
	}
	rq.follows = it.pos[0];
	rq.title = it.pos[1];
	rq.type = "experiment";
	rc = new_run(ctx, &rq);
	free(sets);
	opt_release(&it);
	return rc;
}
