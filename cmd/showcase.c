/* showcase.c: `docket showcase`: the Team Showcase of a cycle. */
#include <string.h>

#include "cmd/cmd.h"
#include "core/cycle.h"
#include "core/date.h"
#include "core/metrics.h"
#include "core/text.h"
#include "formats/showcase.h"

enum { O_FORMAT = 1, O_REV };

static const struct opt opts[] = {
	{ "format", 0, 1, O_FORMAT },
	{ "rev", 0, 1, O_REV },
	{ NULL, 0, 0, 0 },
};

/* Escape each line of sb for the terminal, keeping the line ends. */
static void
escape_lines(struct sbuf *out, const struct sbuf *sb)
{
	for (size_t i = 0, s = 0; i <= sb->len; i++) {
		if (i == sb->len || sb->buf[i] == '\n') {
			text_escape_term(out, sb->buf + s, i - s);
			if (i < sb->len)
				sbuf_addc(out, '\n');
			s = i + 1;
		}
	}
}

int
cmd_showcase(struct ctx *ctx, int argc, char **argv)
{
	struct opt_iter it;
	const char *rev = NULL, *format = "md", *arg;
	enum showcase_format f;
	struct session ss;
	struct cycles cy;
	const struct cycle *c;
	struct metrics m;
	struct sbuf out = SBUF_INIT;
	int id, r, rc = EXIT_OK;
	long today = date_today();

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
	if (it.npos > 1) {
		rc = out_usage_error(ctx, "showcase takes one cycle name");
		opt_release(&it);
		return rc;
	}
	if ((rc = opt_format(ctx, format, (const char *const[]){ "md", "html", NULL }))) {
		opt_release(&it);
		return rc;
	}
	showcase_format_parse(&f, format);
	if ((rc = session_load(ctx, &ss, rev, BL_ALL))) {
		session_release(&ss);
		opt_release(&it);
		return rc;
	}
	session_fill_dates(ctx, &ss);
	cycles_from_backlog(&cy, &ss.bl);
	c = cycle_arg(ctx, &cy, it.npos ? it.pos[0] : NULL, today, &rc);
	if (c) {
		rc = warn_unreadable(ctx, &ss.bl) ? EXIT_PROBLEMS : EXIT_OK;
		metrics_compute(&m, &ss.bl, &cy, today);
		showcase_render(&out, &ss.bl, &m, metrics_cycle(&m, c), f);
		if (ctx->out_tty && f == SHOWCASE_MD) {
			/* a terminal gets the Markdown escaped, line by line */
			struct sbuf safe = SBUF_INIT;

			escape_lines(&safe, &out);
			out_sbuf(ctx, &safe);
			sbuf_release(&safe);
		} else {
			out_sbuf(ctx, &out);
		}
		metrics_release(&m);
	}
	sbuf_release(&out);
	cycles_release(&cy);
	session_release(&ss);
	opt_release(&it);
	return rc;
}
