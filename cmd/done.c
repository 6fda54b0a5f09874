/* done.c: `docket done ID [--result R] [--actual V] [--force]`: the item
 * is finished (status done, finished today; it leaves ORDER).  An
 * experiment needs a result; open Definition-of-Done boxes refuse unless
 * --force. */
#include <string.h>

#include "cmd/write.h"

enum { O_RESULT = 1, O_ACTUAL, O_FORCE };

static const struct opt opts[] = {
	{ "result", 0, 1, O_RESULT },
	{ "actual", 0, 1, O_ACTUAL },
	{ "force", 'f', 0, O_FORCE },
	{ NULL, 0, 0, 0 },
};

int
cmd_done(struct ctx *ctx, int argc, char **argv)
{
	struct opt_iter it;
	struct set_req rq;
	const char *arg;
	int id, r, rc;

	memset(&rq, 0, sizeof(rq));
	opt_init(&it, argc, argv);
	while ((r = opt_next(&it, ctx, opts, &id, &arg)) == 1) {
		if (id == O_RESULT)
			rq.topts.result = arg;
		else if (id == O_ACTUAL)
			rq.topts.actual = arg;
		else if (id == O_FORCE)
			rq.topts.force = 1;
	}
	if (r || it.npos != 1) {
		rc = r ? (r == 2 ? EXIT_OK : EXIT_USAGE) :
		     out_usage_error(ctx, it.npos ? "done takes one id" : "which item? give its id");
		opt_release(&it);
		return rc;
	}
	rq.id = it.pos[0];
	rq.has_status = 1;
	rq.status = ST_DONE;
	rc = set_run(ctx, &rq);
	opt_release(&it);
	return rc;
}
