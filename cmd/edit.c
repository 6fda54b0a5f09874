/* edit.c: `docket edit ID`: open the item in $VISUAL / $EDITOR; on save,
 * validate that item and commit.  An invalid edit is kept on disk,
 * reported with line and column, and not committed (exit 1). */
#include <stdlib.h>
#include <string.h>

#include "cmd/write.h"
#include "core/fsutil.h"
#include "core/xalloc.h"

static const struct opt opts[] = {
	{ NULL, 0, 0, 0 },
};

/* The fields whose value differs between a and b, one line each. */
static void
field_changes(struct sbuf *out, const struct item *a, const struct item *b)
{
	const struct item *its[2] = { a, b };

	for (int s = 0; s < 2; s++) {
		const struct ynode *r = its[s]->fm.root;

		for (size_t i = 0; r && i < r->nkids; i += 2) {
			const char *k = r->kids[i]->text;
			struct sbuf va = SBUF_INIT, vb = SBUF_INIT;

			if (s == 1 && item_get(a, k))
				continue;       /* seen from a */
			ws_show_value(&va, a, k);
			ws_show_value(&vb, b, k);
			if (!item_get(b, k))
				sbuf_addf(out, "%s removed (was %s)\n", k, va.buf);
			else if (!item_get(a, k))
				sbuf_addf(out, "%s %s\n", k, vb.buf);
			else if (strcmp(va.buf, vb.buf))
				sbuf_addf(out, "%s %s → %s\n", k, va.buf, vb.buf);
			sbuf_release(&va);
			sbuf_release(&vb);
		}
	}
}

int
cmd_edit(struct ctx *ctx, int argc, char **argv)
{
	struct opt_iter it;
	struct session ss;
	struct repo repo;
	struct change ch;
	struct item *item, *after = NULL;
	struct fm_opts fo = FM_OPTS_INIT;
	struct sbuf msg = SBUF_INIT, sum = SBUF_INIT;
	struct diag_list errs = DIAG_LIST_INIT;
	char *full = NULL, *data = NULL;
	const char *arg, *iid;
	size_t len = 0;
	int id, r, rc, have_repo;

	opt_init(&it, argc, argv);
	while ((r = opt_next(&it, ctx, opts, &id, &arg)) == 1)
		;
	if (r || it.npos != 1) {
		rc = r ? (r == 2 ? EXIT_OK : EXIT_USAGE) :
		     out_usage_error(ctx, it.npos ? "edit takes one id" : "which item? give its id");
		opt_release(&it);
		return rc;
	}
	iid = it.pos[0];
	if ((rc = check_id_arg(ctx, iid))) {
		opt_release(&it);
		return rc;
	}
	memset(&repo, 0, sizeof(repo));
	have_repo = repo_open(&repo, ctx->dir, NULL) == 0;
	change_init(&ch, have_repo ? &repo : NULL, have_repo ? repo.workdir : NULL);
	if ((rc = session_load(ctx, &ss, NULL, 0)))
		goto done;
	item = session_item(ctx, &ss, iid);
	if (!item) {
		rc = EXIT_PROBLEMS;
		goto done;
	}
	ch.commit = !ctx->no_commit && ss.bl.config.commit && have_repo;
	ch.include_dirty = ctx->include_dirty;
	if (!have_repo) {
		free(ch.top);
		ch.top = xstrdup(ss.bl.top ? ss.bl.top : ss.bl.root);
	}
	full = xasprintf("%s/%s", ch.top, item->path);
	/* never open an editor through a link out of the repository */
	if (fsutil_check_inside(ch.top, full, item->path, &errs)) {
		out_errs(ctx, &errs, NULL);
		rc = EXIT_PROBLEMS;
		goto done;
	}
	change_ondisk(&ch, item->path);
	/* the edit must not sweep someone's uncommitted work into a commit */
	if (ch.commit && change_check_dirty(&ch, &errs)) {
		out_errs(ctx, &errs, NULL);
		rc = EXIT_PROBLEMS;
		goto done;
	}
	if (ws_run_editor(ctx, full)) {
		rc = EXIT_PROBLEMS;
		goto done;
	}
	if (fsutil_read(full, &data, &len, &errs)) {
		out_errs(ctx, &errs, "%s", item->path);
		rc = EXIT_PROBLEMS;
		goto done;
	}
	if (len == item->len && !memcmp(data, item->data, len)) {
		out_note(ctx, "%s: no changes", iid);
		rc = EXIT_OK;
		goto done;
	}
	if (ws_validate_item(ctx, item->path)) {
		out_error(ctx, "%s is kept as you saved it, but not committed: fix it and run docket edit %s again",
			  item->path, iid);
		rc = EXIT_PROBLEMS;
		goto done;
	}
	after = item_new(item->path, data, len, &fo);
	data = NULL;
	sbuf_addf(&sum, "Edit %s", iid);
	sbuf_addf(&msg, "%s\n", sum.buf);
	{
		struct sbuf body = SBUF_INIT;

		field_changes(&body, item, after);
		if (body.len)
			sbuf_addf(&msg, "\n%s", body.buf);
		sbuf_release(&body);
	}
	if (!ch.commit) {
		out_note(ctx, "%s (not committed)", sum.buf);
		rc = EXIT_OK;
		goto done;
	}
	if (change_begin(&ch, ss.bl.order_path, &errs) ||
	    (ch.include_dirty = 1, change_commit(&ch, msg.buf, &errs))) {
		out_errs(ctx, &errs, NULL);
		out_error(ctx, "your edit of %s is kept on disk, not committed", item->path);
		rc = EXIT_PROBLEMS;
		goto done;
	}
	if (ch.unchanged)
		out_note(ctx, "%s: back to the committed version, nothing to commit", iid);
	else
		out_note(ctx, "%s [%s]", sum.buf, ch.commit_id);
	rc = EXIT_OK;
done:
	item_free(after);
	free(data);
	free(full);
	sbuf_release(&msg);
	sbuf_release(&sum);
	change_release(&ch);
	session_release(&ss);
	if (have_repo)
		repo_close(&repo);
	opt_release(&it);
	return rc;
}
