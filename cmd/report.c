/* report.c: `docket report`: the Launch Cycle's figures (core/metrics.h). */
#include "cmd/cmd.h"
#include "core/cycle.h"
#include "core/date.h"
#include "core/metrics.h"
#include "formats/metrics_out.h"

static int explain;

static int
run(struct ctx *ctx)
{
	const struct metrics_format_row *mf =
		FORMAT_ROW(struct metrics_format_row, ctx->format);
	struct backlog *bl = &ctx->ses->bl;
	struct cycles cy;
	struct metrics m;
	struct sbuf out = SBUF_INIT;
	int rc = warn_unreadable(ctx, bl) ? EXIT_PROBLEMS : EXIT_OK;

	cycles_from_backlog(&cy, bl);
	metrics_compute(&m, bl, &cy, date_today());
	metrics_render_explained(&out, &m, mf->id, explain);
	out_sbuf(ctx, &out);
	sbuf_release(&out);
	metrics_release(&m);
	cycles_release(&cy);
	return rc;
}

static const struct opt opts[] = {
	OPT_FORMAT(),
	OPT_FLAG("explain", 0, &explain,
		 "after the figures, the formula of each (as docs/cycles.md gives them)"),
	OPT_REV("read the backlog at a git revision"),
	OPT_END,
};

const struct command cmd_report = {
	.name = "report",
	.summary = "cycle figures: say/do, velocity, cycle time, win rate, forecast",
	.opts = opts,
	.formats = &metrics_formats,
	.needs = NEED_BACKLOG | NEED_DATES,
	.load = BL_ALL,
	.details =
	"Per cycle: committed (at the start), added, completed, learned (stopped\n"
	"with a result), stopped, carried over and unplanned items and effort,\n"
	"say/do ratio, velocity, items done. Then predictability, throughput,\n"
	"cycle time, the experiment win rate, BAU share, the forecast of the open\n"
	"backlog in cycles and as a date, and the capacity suggested for the next\n"
	"cycle. Team figures only: nothing per person. --explain, or\n"
	"docs/cycles.md, gives every formula.\n",
	.run = run,
};
