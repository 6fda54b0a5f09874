/* showcase.c: `docket showcase`: the Team Showcase of a cycle. */
#include "cmd/cmd.h"
#include "core/cycle.h"
#include "core/date.h"
#include "core/metrics.h"
#include "formats/showcase.h"

static int
run(struct ctx *ctx)
{
	const struct showcase_format_row *sf =
		FORMAT_ROW(struct showcase_format_row, ctx->format);
	struct backlog *bl = &ctx->ses->bl;
	struct cycles cy;
	const struct cycle *c;
	struct metrics m;
	struct sbuf out = SBUF_INIT;
	int rc = EXIT_OK, bad;
	long today = date_today();

	/* an unreadable cycle file is named even when no cycle is left */
	bad = warn_unreadable(ctx, bl);
	cycles_from_backlog(&cy, bl);
	c = cycle_arg(ctx, &cy, ctx->npos ? ctx->pos[0] : NULL, today, &rc);
	if (c) {
		rc = bad ? EXIT_PROBLEMS : EXIT_OK;
		metrics_compute(&m, bl, &cy, today);
		showcase_render(&out, bl, &m, metrics_cycle(&m, c), sf->id);
		out_text(ctx, &out, sf->f.flags & FORMAT_RAW_TEXT);
		metrics_release(&m);
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

const struct command cmd_showcase = {
	.name = "showcase",
	.summary = "the Team Showcase of a cycle",
	.args = args,
	.extra = "showcase takes one cycle name",
	.opts = opts,
	.formats = &showcase_formats,
	.needs = NEED_BACKLOG | NEED_DATES,
	.load = BL_ALL,
	.details =
	"What shipped, experiment results (hypothesis, metric, target, actual,\n"
	"result), stopped items and why, follow-ups, committed vs completed, and\n"
	"the cycle's improvements.\n",
	.run = run,
};
