/* huddle.c: `docket huddle`: the Daily Huddle board (core/huddle.h). */
#include <string.h>

#include "cmd/cmd.h"
#include "core/cycle.h"
#include "core/date.h"
#include "core/huddle.h"
#include "formats/board.h"

enum { O_REV = 1 };

static const struct opt opts[] = {
	{ "rev", 0, 1, O_REV },
	{ NULL, 0, 0, 0 },
};

int
cmd_huddle(struct ctx *ctx, int argc, char **argv)
{
	struct opt_iter it;
	const char *rev = NULL, *arg;
	struct session ss;
	struct cycles cy;
	const struct cycle *c;
	struct huddle h;
	struct sbuf out = SBUF_INIT;
	int id, r, rc = EXIT_OK;
	long today = date_today();

	opt_init(&it, argc, argv);
	while ((r = opt_next(&it, ctx, opts, &id, &arg)) == 1)
		if (id == O_REV)
			rev = arg;
	if (r) {
		opt_release(&it);
		return r == 2 ? EXIT_OK : EXIT_USAGE;
	}
	if (it.npos > 1) {
		rc = out_usage_error(ctx, "huddle takes one cycle name");
		opt_release(&it);
		return rc;
	}
	if ((rc = session_load(ctx, &ss, rev, BL_ALL))) {
		session_release(&ss);
		opt_release(&it);
		return rc;
	}
	session_fill_dates(ctx, &ss);
	cycles_from_backlog(&cy, &ss.bl);
	c = cycle_arg(ctx, &cy, it.npos ? it.pos[0] : NULL, today, &rc);
	if (c) {
		struct board_opts bo = { ctx->width, ctx->color };

		rc = warn_unreadable(ctx, &ss.bl) ? EXIT_PROBLEMS : EXIT_OK;
		huddle_make(&h, &ss.bl, c, today);
		board_render(&out, &h, &bo);
		out_sbuf(ctx, &out);
		huddle_release(&h);
	}
	sbuf_release(&out);
	cycles_release(&cy);
	session_release(&ss);
	opt_release(&it);
	return rc;
}
