/* burnup.c: `docket burnup CAMPAIGN`: scope and completed effort over
 * time, from git history (SPEC 7). */
#include <string.h>

#include "cmd/cmd.h"
#include "core/date.h"
#include "core/fsutil.h"
#include "core/history.h"
#include "core/strmap.h"
#include "formats/history_out.h"
#include "formats/svg.h"

enum { O_FORMAT = 1, O_OUTPUT, O_REV };

static const struct opt opts[] = {
	{ "format", 0, 1, O_FORMAT },
	{ "output", 'o', 1, O_OUTPUT },
	{ "rev", 0, 1, O_REV },
	{ NULL, 0, 0, 0 },
};

/* The campaigns of the loaded backlog, for an unknown name. */
static void
known_campaigns(struct ctx *ctx, struct session *ss)
{
	struct strmap seen;
	struct sbuf list = SBUF_INIT;
	size_t shown = 0;

	strmap_init(&seen);
	for (size_t i = 0; i < ss->bl.nitems; i++) {
		const char *c = ss->bl.items[i]->campaign;

		if (!c || strmap_find(&seen, c, strlen(c)))
			continue;
		strmap_put(&seen, c, strlen(c), (void *)c);
		if (shown++ < 12)
			sbuf_addf(&list, "%s%s", list.len ? ", " : "", c);
	}
	if (shown)
		out_note(ctx, "campaigns in the backlog: %s%s", list.buf,
			 shown > 12 ? ", ..." : "");
	strmap_release(&seen);
	sbuf_release(&list);
}

int
cmd_burnup(struct ctx *ctx, int argc, char **argv)
{
	struct opt_iter it;
	const char *format = "text", *rev = NULL, *output = NULL, *arg;
	struct session ss;
	struct repo repo;
	struct burnup b;
	struct sbuf out = SBUF_INIT;
	struct diag_list errs = DIAG_LIST_INIT;
	int id, r, rc;

	opt_init(&it, argc, argv);
	while ((r = opt_next(&it, ctx, opts, &id, &arg)) == 1) {
		if (id == O_FORMAT)
			format = arg;
		else if (id == O_OUTPUT)
			output = arg;
		else if (id == O_REV)
			rev = arg;
	}
	if (r) {
		opt_release(&it);
		return r == 2 ? EXIT_OK : EXIT_USAGE;
	}
	if (it.npos != 1) {
		rc = out_usage_error(ctx, it.npos ? "burnup takes one campaign" :
				     "which campaign? give its name (the items' campaign field)");
		opt_release(&it);
		return rc;
	}
	if ((rc = opt_format(ctx, format, (const char *const[]){ "text", "svg", "json", NULL }))) {
		opt_release(&it);
		return rc;
	}
	if ((rc = session_load(ctx, &ss, rev, 0))) {
		session_release(&ss);
		opt_release(&it);
		return rc;
	}
	if (repo_open(&repo, ss.bl.root, &errs)) {
		out_errs(ctx, &errs, "burnup reads git history");
		session_release(&ss);
		opt_release(&it);
		return EXIT_USAGE;
	}
	rc = history_burnup(&b, &repo, rev, ss.bl.items_rel, it.pos[0], date_today(),
			    &errs);
	if (rc) {
		out_errs(ctx, &errs, "cannot read the history");
		rc = EXIT_USAGE;
	} else if (!b.n) {
		out_error(ctx, "no item of campaign '%s' in the history of %s", it.pos[0],
			  rev ? rev : "HEAD");
		/* load again, with the items: release the whole session first
		 * (its source too), as session_load starts a new one */
		session_release(&ss);
		if (session_load(ctx, &ss, rev, BL_ITEMS) == EXIT_OK)
			known_campaigns(ctx, &ss);
		rc = EXIT_PROBLEMS;
	} else {
		struct hist_opts ho = { output ? 0 : ctx->color, ctx->width, NULL, NULL };

		if (!strcmp(format, "svg"))
			svg_burnup(&out, &b);
		else if (!strcmp(format, "json"))
			burnup_json(&out, &b);
		else
			burnup_text(&out, &b, &ho);
		rc = EXIT_OK;
		if (output) {
			if (fsutil_write_atomic(output, out.buf, out.len, &errs)) {
				out_errs(ctx, &errs, "cannot write '%s'", output);
				rc = EXIT_USAGE;
			}
		} else {
			out_sbuf(ctx, &out);
		}
	}
	sbuf_release(&out);
	burnup_release(&b);
	repo_close(&repo);
	session_release(&ss);
	opt_release(&it);
	return rc;
}
