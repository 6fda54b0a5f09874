/* block.c: `docket block ID --reason R`: the item waits for something
 * (status blocked, blocked_reason R). */
#include <string.h>

#include "cmd/write.h"

enum { O_REASON = 1 };

static const struct opt opts[] = {
	{ "reason", 'r', 1, O_REASON },
	{ NULL, 0, 0, 0 },
};

int
cmd_block(struct ctx *ctx, int argc, char **argv)
{
	struct opt_iter it;
	struct set_req rq;
	const char *arg;
	int id, r, rc;

	memset(&rq, 0, sizeof(rq));
	opt_init(&it, argc, argv);
	while ((r = opt_next(&it, ctx, opts, &id, &arg)) == 1)
		if (id == O_REASON)
			rq.topts.reason = arg;
	if (r || it.npos != 1) {
		rc = r ? (r == 2 ? EXIT_OK : EXIT_USAGE) :
		     out_usage_error(ctx, it.npos ? "block takes one id" : "which item? give its id");
		opt_release(&it);
		return rc;
	}
	rq.id = it.pos[0];
	rq.has_status = 1;
	rq.status = ST_BLOCKED;
	rc = set_run(ctx, &rq);
	opt_release(&it);
	return rc;
}
