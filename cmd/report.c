/* report.c: `docket report`: the Launch Cycle's figures (core/metrics.h). */
#include <string.h>

#include "cmd/cmd.h"
#include "core/cycle.h"
#include "core/date.h"
#include "core/metrics.h"
#include "formats/metrics_out.h"

enum { O_FORMAT = 1, O_REV };

static const struct opt opts[] = {
	{ "format", 0, 1, O_FORMAT },
	{ "rev", 0, 1, O_REV },
	{ NULL, 0, 0, 0 },
};

int
cmd_report(struct ctx *ctx, int argc, char **argv)
{
	struct opt_iter it;
	const char *format = "text", *rev = NULL, *arg;
	enum metrics_format f;
	struct session ss;
	struct cycles cy;
	struct metrics m;
	struct sbuf out = SBUF_INIT;
	int id, r, rc;

	opt_init(&it, argc, argv);
	while ((r = opt_next(&it, ctx, opts, &id, &arg)) == 1) {
		if (id == O_FORMAT)
			format = arg;
		else if (id == O_REV)
			rev = arg;
	}
	if (r) {
		opt_release(&it);
		return r == 2 ? EXIT_OK : EXIT_USAGE;
	}
	if (it.npos) {
		rc = out_usage_error(ctx, "unexpected argument '%s'", it.pos[0]);
		opt_release(&it);
		return rc;
	}
	opt_release(&it);
	if ((rc = opt_format(ctx, format, (const char *const[]){ "text", "md", "json", NULL })))
		return rc;
	metrics_format_parse(&f, format);
	if ((rc = session_load(ctx, &ss, rev, BL_ALL))) {
		session_release(&ss);
		return rc;
	}
	session_fill_dates(ctx, &ss);
	rc = warn_unreadable(ctx, &ss.bl) ? EXIT_PROBLEMS : EXIT_OK;
	cycles_from_backlog(&cy, &ss.bl);
	metrics_compute(&m, &ss.bl, &cy, date_today());
	metrics_render(&out, &m, f);
	out_sbuf(ctx, &out);
	sbuf_release(&out);
	metrics_release(&m);
	cycles_release(&cy);
	session_release(&ss);
	return rc;
}
