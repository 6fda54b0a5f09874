/* start.c: `docket start ID`: the item is being worked on (status doing;
 * started is set to today unless it has a date). */
#include <string.h>

#include "cmd/write.h"

static const struct opt opts[] = {
	{ NULL, 0, 0, 0 },
};

int
cmd_start(struct ctx *ctx, int argc, char **argv)
{
	struct opt_iter it;
	struct set_req rq;
	const char *arg;
	int id, r, rc;

	memset(&rq, 0, sizeof(rq));
	opt_init(&it, argc, argv);
	while ((r = opt_next(&it, ctx, opts, &id, &arg)) == 1)
		;
	if (r || it.npos != 1) {
		rc = r ? (r == 2 ? EXIT_OK : EXIT_USAGE) :
		     out_usage_error(ctx, it.npos ? "start takes one id" : "which item? give its id");
		opt_release(&it);
		return rc;
	}
	rq.id = it.pos[0];
	rq.has_status = 1;
	rq.status = ST_DOING;
	rc = set_run(ctx, &rq);
	opt_release(&it);
	return rc;
}
