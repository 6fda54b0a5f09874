/* show.c: `docket show ID`: one item. */
#include <string.h>

#include "cmd/cmd.h"
#include "core/text.h"
#include "formats/listing.h"

enum { O_FORMAT = 1, O_REV };

static const struct opt opts[] = {
	{ "format", 0, 1, O_FORMAT },
	{ "rev", 0, 1, O_REV },
	{ NULL, 0, 0, 0 },
};

int
cmd_show(struct ctx *ctx, int argc, char **argv)
{
	struct opt_iter it;
	const char *format = "md", *rev = NULL, *arg;
	struct session ss;
	struct item *item;
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
	if (it.npos != 1) {
		rc = out_usage_error(ctx, it.npos ? "show takes one id" : "which item? give its id");
		opt_release(&it);
		return rc;
	}
	if ((rc = opt_format(ctx, format, (const char *const[]){ "md", "json", NULL }))) {
		opt_release(&it);
		return rc;
	}
	if ((rc = check_id_arg(ctx, it.pos[0]))) {
		opt_release(&it);
		return rc;
	}
	if ((rc = session_load(ctx, &ss, rev, BL_ORDER_SCAN)) ||
	    (rc = session_config_readable(ctx, &ss))) {
		session_release(&ss);
		opt_release(&it);
		return rc;
	}
	item = session_item(ctx, &ss, it.pos[0]);
	if (!item) {
		rc = EXIT_PROBLEMS;
	} else if (!strcmp(format, "json")) {
		if (!item->parsed) {
			out_diags(ctx, &ss.bl.diags, SEV_ERROR);
			rc = EXIT_PROBLEMS;
		}
		listing_item_json(&out, item, &ss.bl.config);
		sbuf_addc(&out, '\n');
		out_sbuf(ctx, &out);
	} else {
		/* a file that could not be read or parsed: say why (stderr) */
		if (!item->parsed) {
			out_diags(ctx, &ss.bl.diags, SEV_ERROR);
			rc = EXIT_PROBLEMS;
		}
		/* the file as written; escaped when shown on a terminal */
		if (ctx->out_tty)
			for (size_t i = 0, s = 0; i <= item->len; i++) {
				if (i == item->len || item->data[i] == '\n') {
					text_escape_term(&out, item->data + s, i - s);
					if (i < item->len)
						sbuf_addc(&out, '\n');
					s = i + 1;
				}
			}
		else
			sbuf_add(&out, item->data, item->len);
		out_sbuf(ctx, &out);
		if (item->len && item->data[item->len - 1] != '\n')
			fputc('\n', stdout);
	}
	sbuf_release(&out);
	session_release(&ss);
	opt_release(&it);
	return rc;
}
