/*
 * edit.c: `docket edit ID`: open the item in $VISUAL / $EDITOR; on save,
 * validate that item and commit.  An invalid edit is kept on disk,
 * reported with line and column, and not committed (exit 1).
 *
 * In a git repository the editor works on a draft in docket's folder of
 * the git folder (<git folder>/docket/drafts/ID.md), not on the work
 * tree's file, and no lock is held while it is open.  When it closes,
 * docket takes the lock and checks that neither the file nor its
 * version in HEAD (nor the branch) moved meanwhile: if one did (another
 * docket or git commit changed the item), the draft is kept and nothing
 * is written, so the other change is never reverted, and `docket edit
 * ID` offers the draft again.  Otherwise the draft replaces the file and
 * is validated and committed as before.  Without git, the file itself
 * is edited.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmd/write.h"
#include "core/fsutil.h"
#include "core/validate.h"
#include "core/xalloc.h"

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

/* What the file was when the editor opened: its bytes, its blob in
 * HEAD, the ref HEAD named. */
struct base {
	char *data;
	size_t len;
	git_oid blob;
	int in_head;
	char *ref;
};

static void
base_release(struct base *b)
{
	free(b->data);
	free(b->ref);
	memset(b, 0, sizeof(*b));
}

static int
base_read(struct ctx *ctx, struct base *b, struct repo *repo, const char *full,
	  const char *path)
{
	struct diag_list errs = DIAG_LIST_INIT;

	memset(b, 0, sizeof(*b));
	if (fsutil_read(full, LIMIT_FILE, 0, &b->data, &b->len, &errs)) {
		out_errs(ctx, &errs, "cannot edit %s", path);
		return -1;
	}
	if (repo) {
		b->in_head = repo_head_blob(repo, path, &b->blob);
		b->ref = repo_head_ref(repo);
	}
	return 0;
}

/* What moved since a was taken ("" when nothing did). */
static const char *
base_moved(struct ctx *ctx, const struct base *a, struct repo *repo,
	   const char *full, const char *path)
{
	struct base b;
	const char *why = "";

	if (base_read(ctx, &b, repo, full, path))
		return "the file cannot be read any more";
	if (b.len != a->len || memcmp(b.data, a->data, a->len))
		why = "the file changed";
	else if (b.in_head != a->in_head ||
		 (b.in_head && !git_oid_equal(&b.blob, &a->blob)))
		why = "a commit changed it";
	else if ((!a->ref) != (!b.ref) || (a->ref && strcmp(a->ref, b.ref)))
		why = "another branch was checked out";
	base_release(&b);
	return why;
}

/* After the edit: keep the draft when asked and it holds text of the
 * user's (it differs from the file it started from, or is too large to
 * compare), saying where; remove it otherwise (an unchanged copy, or
 * something that is not a regular file, reported when it was read). */
static void
settle_draft(struct ctx *ctx, const char *draft, const char *shown,
	     const char *iid, const struct base *b, int keep)
{
	char *d = NULL;
	size_t dl = 0;
	struct stat st;
	int r = fsutil_read(draft, LIMIT_FILE, 0, &d, &dl, NULL);

	if (keep && ((r == 0 && (dl != b->len || memcmp(d, b->data, dl))) ||
		     (r == DK_EINVALID && lstat(draft, &st) == 0 && S_ISREG(st.st_mode))))
		out_error(ctx, "your text is kept in %s; docket edit %s opens it again",
			  shown, iid);
	else if (r != DK_ENOTFOUND)
		unlink(draft);
	free(d);
}

/* Validate on write (core/validate.h): the errors the saved text adds
 * to what the file is in HEAD, so that an error of uncommitted work
 * (--include-dirty) is never committed; a file HEAD does not have is
 * new; without git, to the file as the editor opened it.  EXIT_OK, or
 * EXIT_PROBLEMS after printing the findings. */
static int
validate(struct ctx *ctx, struct session *ss, struct repo *repo,
	 const struct base *b, const char *path, const char *data, size_t len)
{
	struct diag_list errs = DIAG_LIST_INIT;
	struct validate_file vf;
	char *head = NULL;
	size_t hlen = 0;
	int rc;

	memset(&vf, 0, sizeof(vf));
	vf.path = path;
	vf.have_before = 1;
	vf.after = data;
	vf.alen = len;
	if (!repo) {
		vf.before = b->data;
		vf.blen = b->len;
	} else if (b->in_head) {
		if (repo_blob_read(repo->git, &b->blob, LIMIT_FILE, path, &head,
				   &hlen, &errs)) {
			out_errs(ctx, &errs, NULL);
			return EXIT_PROBLEMS;
		}
		vf.before = head;
		vf.blen = hlen;
	}
	rc = ws_validate_files(ctx, &ss->bl, &ss->src, &vf, 1);
	free(head);
	return rc;
}

static int
run(struct ctx *ctx)
{
	struct session *ss = ctx->ses;
	struct repo repo;
	struct change ch;
	struct item *item, *before = NULL, *after = NULL;
	struct fm_opts fo = FM_OPTS_INIT;
	struct sbuf msg = SBUF_INIT, sum = SBUF_INIT;
	struct base base;
	char *full = NULL, *draft = NULL, *data = NULL, *shown_draft = NULL;
	struct diag_list errs = DIAG_LIST_INIT;
	const char *iid = ctx->pos[0], *edited, *moved;
	size_t len = 0;
	int r, rc, have_repo, keep_draft = 0;

	memset(&base, 0, sizeof(base));
	memset(&repo, 0, sizeof(repo));
	rc = repo_open(&repo, ctx->dir, &errs);
	if (rc == DK_EREFUSED) {
		out_errs(ctx, &errs, NULL);
		return EXIT_USAGE;
	}
	diag_list_release(&errs);
	have_repo = rc == 0 && repo.workdir;
	change_init(&ch, have_repo ? &repo : NULL, have_repo ? repo.workdir : NULL);
	item = session_item(ctx, ss, iid);
	if (!item) {
		rc = EXIT_PROBLEMS;
		goto done;
	}
	ch.commit = !ctx->no_commit && ss->bl.config.commit && have_repo;
	ch.include_dirty = ctx->include_dirty;
	ch.no_verify = ctx->no_verify;
	if (!have_repo) {
		free(ch.top);
		ch.top = xstrdup(ss->bl.top ? ss->bl.top : ss->bl.root);
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
	rc = EXIT_PROBLEMS;
	if (base_read(ctx, &base, have_repo ? &repo : NULL, full, item->path))
		goto done;
	before = item_new(item->path, xmemdup0(base.data, base.len), base.len, &fo);
	edited = full;
	if (have_repo) {
		char *name, *dir;

		draft = repo_draft_path(&repo, iid);
		/* relative to the work tree when it is inside (.git/...) */
		name = ch.top;
		shown_draft = xstrdup(!strncmp(draft, name, strlen(name)) &&
				      draft[strlen(name)] == '/' ?
				      draft + strlen(name) + 1 : draft);
		dir = xstrdup(draft);
		*strrchr(dir, '/') = '\0';
		r = fsutil_mkdirs(dir, &errs);
		free(dir);
		if (r) {
			out_errs(ctx, &errs, NULL);
			goto done;
		}
		if (fsutil_exists(draft)) {
			/* a draft kept from an edit that could not be saved */
			out_note(ctx, "editing your draft of %s (%s), kept from an earlier edit that could not be saved; the item may have changed since: git diff --no-index %s %s shows how they differ",
				 iid, shown_draft, item->path, shown_draft);
		} else if (fsutil_write_atomic(draft, base.data, base.len, &errs)) {
			out_errs(ctx, &errs, NULL);
			goto done;
		}
		edited = draft;
	}
	if (ws_run_editor(ctx, edited)) {
		keep_draft = 1;
		goto done;
	}
	if (fsutil_read(edited, LIMIT_FILE, 0, &data, &len, &errs)) {
		out_errs(ctx, &errs, "%s", item->path);
		keep_draft = 1;
		goto done;
	}
	if (len == base.len && !memcmp(data, base.data, len)) {
		out_note(ctx, "%s: no changes", iid);
		rc = EXIT_OK;
		goto done;
	}
	keep_draft = 1;
	/* validate on write: what the saved text would add (nothing is
	 * written when it adds an error: the draft keeps the text) */
	if (validate(ctx, ss, have_repo ? &repo : NULL, &base, item->path, data, len)) {
		if (!have_repo)
			out_error(ctx, "%s is kept as you saved it, but not committed: fix it and run docket edit %s again",
				  item->path, iid);
		goto done;
	}
	if (have_repo) {
		/* under the lock: nothing of git's moves from here on */
		if (change_begin(&ch, ss->bl.order_path, &errs)) {
			out_errs(ctx, &errs, NULL);
			goto done;
		}
		if (ch.note[0])
			out_warning(ctx, "%s", ch.note);
		moved = base_moved(ctx, &base, &repo, full, item->path);
		if (*moved) {
			out_error(ctx, "%s changed while you were editing it (%s): nothing is written, so that change is not undone",
				  item->path, moved);
			goto done;
		}
		/* the draft replaces the file (written, not yet committed) */
		ch.files[0].op = CHANGE_WRITE;
		ch.files[0].data = xmemdup0(data, len);
		ch.files[0].len = len;
		{
			int commit = ch.commit;

			ch.commit = 0;
			if (change_commit(&ch, "", &errs)) {
				out_errs(ctx, &errs, NULL);
				goto done;
			}
			ch.commit = commit;
			ch.files[0].op = CHANGE_ONDISK;
			ch.include_dirty = 1;
		}
		keep_draft = 0;
	}
	after = item_new(item->path, data, len, &fo);
	data = NULL;
	/* a file git does not have yet is added, not edited */
	if (have_repo && !base.in_head)
		sbuf_addf(&sum, "Add %s: %s", iid,
			  after->title ? after->title : item->path);
	else
		sbuf_addf(&sum, "Edit %s", iid);
	sbuf_addf(&msg, "%s\n", sum.buf);
	{
		struct sbuf body = SBUF_INIT;

		field_changes(&body, before, after);
		if (body.len)
			sbuf_addf(&msg, "\n%s", body.buf);
		sbuf_release(&body);
	}
	if (!ch.commit) {
		out_note(ctx, "%s (not committed)", sum.buf);
		rc = EXIT_OK;
		goto done;
	}
	if (change_commit(&ch, msg.buf, &errs)) {
		out_errs(ctx, &errs, NULL);
		out_error(ctx, "your edit of %s is kept on disk, not committed", item->path);
		goto done;
	}
	if (ch.unchanged)
		out_note(ctx, "%s: back to the committed version, nothing to commit", iid);
	else
		out_note(ctx, "%s [%s]", sum.buf, ch.commit_id);
	rc = EXIT_OK;
done:
	if (draft)
		settle_draft(ctx, draft, shown_draft, iid, &base, keep_draft);
	item_free(before);
	item_free(after);
	base_release(&base);
	free(data);
	free(full);
	free(draft);
	free(shown_draft);
	sbuf_release(&msg);
	sbuf_release(&sum);
	change_release(&ch);
	if (have_repo || repo.git)
		repo_close(&repo);
	return rc;
}

const struct command cmd_edit = {
	.name = "edit",
	.summary = "open an item in your editor, then validate and commit",
	.args = arg_id,
	.extra = "edit takes one id",
	.needs = NEED_BACKLOG,
	.details =
	"Runs $VISUAL, else $EDITOR, else vi. On save the item is checked with\n"
	"every rule; an invalid edit is kept on disk, reported with line and\n"
	"column, and not committed (exit 1).  In a git repository the editor\n"
	"works on a draft in .git/docket/drafts/ and no lock is held meanwhile;\n"
	"when the item or its committed version changed in the meantime, nothing\n"
	"is written and the draft is kept: docket edit ID opens it again.\n",
	.run = run,
};
