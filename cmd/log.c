/* log.c: `docket log ID`: the item's history from git (SPEC 7). */
#include <string.h>

#include "cmd/cmd.h"
#include "core/history.h"
#include "formats/history_out.h"

enum { O_FORMAT = 1, O_REV };

static const struct opt opts[] = {
	{ "format", 0, 1, O_FORMAT },
	{ "rev", 0, 1, O_REV },
	{ NULL, 0, 0, 0 },
};

int
cmd_log(struct ctx *ctx, int argc, char **argv)
{
	struct opt_iter it;
	const char *format = "text", *rev = NULL, *arg, *id, *file = NULL;
	struct session ss;
	struct repo repo;
	struct item_log log;
	struct item *item;
	struct sbuf out = SBUF_INIT;
	struct diag_list errs = DIAG_LIST_INIT;
	int oid, r, rc;

	opt_init(&it, argc, argv);
	while ((r = opt_next(&it, ctx, opts, &oid, &arg)) == 1) {
		if (oid == O_FORMAT)
			format = arg;
		else if (oid == O_REV)
			rev = arg;
	}
	if (r) {
		opt_release(&it);
		return r == 2 ? EXIT_OK : EXIT_USAGE;
	}
	if (it.npos != 1) {
		rc = out_usage_error(ctx, it.npos ? "log takes one id" : "which item? give its id");
		opt_release(&it);
		return rc;
	}
	id = it.pos[0];
	if ((rc = opt_format(ctx, format, (const char *const[]){ "text", "json", NULL }))) {
		opt_release(&it);
		return rc;
	}
	if ((rc = check_id_arg(ctx, id))) {
		opt_release(&it);
		return rc;
	}
	if ((rc = session_load(ctx, &ss, rev, 0))) {
		session_release(&ss);
		opt_release(&it);
		return rc;
	}
	if (repo_open(&repo, ss.bl.root, &errs)) {
		out_errs(ctx, &errs, "log reads git history");
		session_release(&ss);
		opt_release(&it);
		return EXIT_USAGE;
	}
	/* the file name at the tip (it may be <ID>-slug.md) */
	item = backlog_load_item(&ss.bl, &ss.src, id);
	if (item && strlen(item->path) > strlen(ss.bl.items_rel))
		file = item->path + strlen(ss.bl.items_rel);
	rc = history_item_log(&log, &repo, rev, ss.bl.items_rel, id, file, &errs);
	if (rc) {
		out_errs(ctx, &errs, "cannot read the history");
		rc = EXIT_USAGE;
	} else if (!item && !log.n) {
		out_error(ctx, "no item %s in %s, and none in its history", id,
			  ss.bl.items_rel);
		rc = EXIT_PROBLEMS;
	} else {
		struct hist_opts ho = { ctx->color, ctx->width, NULL, NULL };

		if (!strcmp(format, "json"))
			log_json(&out, &log, id);
		else
			log_text(&out, &log, id, &ho);
		out_sbuf(ctx, &out);
		rc = EXIT_OK;
	}
	sbuf_release(&out);
	item_log_release(&log);
	repo_close(&repo);
	session_release(&ss);
	opt_release(&it);
	return rc;
}
