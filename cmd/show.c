/* show.c: `docket show ID`: one item. */
#include "cmd/cmd.h"
#include "formats/listing.h"

static int
run(struct ctx *ctx)
{
	const struct show_format *sf = FORMAT_ROW(struct show_format, ctx->format);
	struct session *ss = ctx->ses;
	struct item *item = session_item(ctx, ss, ctx->pos[0]);
	struct sbuf out = SBUF_INIT;
	int rc = EXIT_OK;

	if (!item)
		return EXIT_PROBLEMS;
	/* a file that could not be read or parsed: say why (stderr) */
	if (!item->parsed) {
		out_diags(ctx, &ss->bl.diags, SEV_ERROR);
		rc = EXIT_PROBLEMS;
	}
	sf->render(&out, item, &ss->bl.config);
	out_text(ctx, &out, ctx->format->flags & FORMAT_RAW_TEXT);
	sbuf_release(&out);
	return rc;
}

static const struct opt opts[] = {
	OPT_FORMAT(),
	OPT_REV("read the item at a git revision"),
	OPT_END,
};

const struct command cmd_show = {
	.name = "show",
	.summary = "one item",
	.args = arg_id,
	.extra = "show takes one id",
	.opts = opts,
	.formats = &show_formats,
	.needs = NEED_BACKLOG,
	.load = BL_ORDER_SCAN,
	.run = run,
};
