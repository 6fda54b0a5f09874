/* huddle.c: `docket huddle`: the Daily Huddle board (core/huddle.h). */
#include "cmd/cmd.h"
#include "core/cycle.h"
#include "core/date.h"
#include "core/huddle.h"
#include "formats/board.h"

static int
run(struct ctx *ctx)
{
	struct backlog *bl = &ctx->ses->bl;
	struct cycles cy;
	const struct cycle *c;
	struct huddle h;
	struct sbuf out = SBUF_INIT;
	int rc = EXIT_OK, bad;
	long today = date_today();

	/* an unreadable cycle file is named even when no cycle is left */
	bad = warn_unreadable(ctx, bl);
	cycles_from_backlog(&cy, bl);
	c = cycle_arg(ctx, &cy, ctx->npos ? ctx->pos[0] : NULL, today, &rc);
	if (c) {
		const struct board_format *bf = FORMAT_ROW(struct board_format, ctx->format);
		struct board_opts bo = { ctx->width, ctx->color };

		rc = bad ? EXIT_PROBLEMS : EXIT_OK;
		huddle_make(&h, bl, c, today);
		bf->render(&out, &h, &bo);
		out_sbuf(ctx, &out);
		huddle_release(&h);
	}
	sbuf_release(&out);
	cycles_release(&cy);
	return rc;
}

static const struct arg args[] = {
	{ "CYCLE", ARG_OPTIONAL, NULL, "the cycle to show (default: the current one)" },
	ARG_END,
};

static const struct opt opts[] = {
	OPT_FORMAT(),
	OPT_REV("read the backlog at a git revision"),
	OPT_END,
};

const struct command cmd_huddle = {
	.name = "huddle",
	.summary = "the Daily Huddle board of the current cycle",
	.args = args,
	.extra = "huddle takes one cycle name",
	.opts = opts,
	.formats = &board_formats,
	.needs = NEED_BACKLOG | NEED_DATES,
	.load = BL_ALL,
	.details =
	"Columns planned, doing, blocked and done with days in status, each card\n"
	"marked when added after the start, carried over or unplanned; blocked\n"
	"items first with their reasons; the WIP limit (rules: wip-limit: max,\n"
	"default 5); items at risk: beyond what the team's pace delivers in the\n"
	"working days left (from the third working day and a fifth of the cycle\n"
	"on), doing for more than half the cycle, or not done when the cycle has\n"
	"ended. On a terminal the board is in columns; piped, a plain list.\n",
	.run = run,
};
