/*
 * renumber.c: `docket renumber OLD|FILE NEW`: change an item's id
 * everywhere (its file name, `id:`, ORDER, other items' depends_on and
 * follows, cycle files' committed) in one commit.  Refuses when NEW is
 * in use in the work tree or on any local or remote-tracking branch,
 * and when a file that might refer to OLD does not parse (a renumbering
 * is all or nothing).
 *
 * Given a FILE, the item of that file is renumbered.  When its id is
 * claimed by other files too (a copied file), only that file changes
 * (its id and name): the references mean the item that had the id
 * first.  An OLD id that two files claim is refused, naming them.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd/write.h"
#include "core/renumber.h"
#include "core/xalloc.h"

/* The work tree has a file or an item for id. */
static const char *
in_work_tree(const struct backlog *bl, const char *id)
{
	const struct item *it = backlog_item(bl, id);

	if (it)
		return it->path;
	for (size_t i = 0; i < bl->nitems; i++) {
		const char *p = bl->items[i]->path, *slash = strrchr(p, '/');
		char *fid = item_id_from_filename(slash ? slash + 1 : p);
		int same = fid && !strcmp(fid, id);

		free(fid);
		if (same)
			return p;
	}
	return NULL;
}

/* Queue the references to old in one file; 0 or an exit status. */
static int
queue_refs(struct ctx *ctx, struct ws *w, const struct item *f,
	   const char *const *keys, size_t nkeys, const char *old_id,
	   const char *new_id, const char *path, size_t *nfiles)
{
	struct sbuf out = SBUF_INIT;
	struct diag_list d = DIAG_LIST_INIT;
	int n = renumber_refs(&out, f->data, f->len, f->path, keys, nkeys,
			      old_id, new_id, &d);

	if (n < 0) {
		out_diags(ctx, &d, SEV_ERROR);
		out_error(ctx, "not renumbered: %s cannot be edited safely", f->path);
		sbuf_release(&out);
		diag_list_release(&d);
		return EXIT_PROBLEMS;
	}
	if (n > 0 || strcmp(path, f->path)) {
		change_write(&w->ch, path, out.buf, out.len);
		(*nfiles)++;
	}
	sbuf_release(&out);
	diag_list_release(&d);
	return 0;
}

/* Is the first argument a file rather than an id?  Item files end in
 * .md; anything else is checked as an id (before any path is built). */
static int
is_file_arg(const char *a)
{
	size_t n = strlen(a);

	return n > 3 && !strcmp(a + n - 3, ".md");
}

static int
prepare(struct ctx *ctx)
{
	if (!is_file_arg(ctx->pos[0]) && check_id_arg(ctx, ctx->pos[0]))
		return EXIT_USAGE;
	if (!strcmp(ctx->pos[0], ctx->pos[1]))
		return out_usage_error(ctx, "%s is already %s", ctx->pos[0], ctx->pos[1]);
	return EXIT_OK;
}

/* The item whose file is arg: as check prints it (relative to the
 * repository's top), or a path from here or from -C's folder. */
static const struct item *
item_of_file(struct ctx *ctx, const struct backlog *bl, const char *arg)
{
	const char *top = bl->top ? bl->top : bl->root;
	char want[PATH_MAX], got[PATH_MAX];
	char *alt;
	int have = 0;

	for (size_t i = 0; i < bl->nitems; i++)
		if (!strcmp(bl->items[i]->path, arg))
			return bl->items[i];
	alt = xasprintf("%s/%s", ctx->dir, arg);
	if (realpath(arg, want) || (arg[0] != '/' && realpath(alt, want)))
		have = 1;
	free(alt);
	for (size_t i = 0; have && i < bl->nitems; i++) {
		char *full = xasprintf("%s/%s", top, bl->items[i]->path);
		int same = realpath(full, got) && !strcmp(got, want);

		free(full);
		if (same)
			return bl->items[i];
	}
	return NULL;
}

/* The files claiming id, as "a and b" in names; their number. */
static size_t
claimants(const struct backlog *bl, const char *id, struct sbuf *names)
{
	size_t n = 0;

	for (size_t i = 0; i < bl->nitems; i++)
		if (bl->items[i]->id && !strcmp(bl->items[i]->id, id))
			sbuf_addf(names, "%s%s", n++ ? " and " : "", bl->items[i]->path);
	return n;
}

static int
run(struct ctx *ctx)
{
	static const char *const item_keys[] = { "id", "depends_on", "follows" };
	static const char *const ref_keys[] = { "depends_on", "follows" };
	static const char *const cycle_keys[] = { "committed" };
	struct ws *w = ctx->ws;
	struct session *ss = ctx->ses;
	const struct item *item;
	const char *old_id = ctx->pos[0], *new_id = ctx->pos[1], *where, *slash;
	struct sbuf sb = SBUF_INIT, msg = SBUF_INIT;
	struct diag_list errs = DIAG_LIST_INIT;
	char branch[256], *newname = NULL, *newpath = NULL;
	size_t nfiles = 0;
	int r, rc = EXIT_PROBLEMS, shared = 0;

	if (item_id_number(new_id, ss->bl.config.prefix) < 0) {
		rc = out_usage_error(ctx, "%s does not use this backlog's prefix (%s-N)",
				     new_id, ss->bl.config.prefix);
		goto done;
	}
	if (is_file_arg(ctx->pos[0])) {
		item = item_of_file(ctx, &ss->bl, ctx->pos[0]);
		if (!item) {
			out_error(ctx, "%s is not an item file of this backlog (items are in %s)",
				  ctx->pos[0], ss->bl.items_rel);
			goto done;
		}
		if (!item->parsed || !item->id) {
			out_diags(ctx, &item->diags, SEV_ERROR);
			out_error(ctx, "%s has no id docket can read: fix it first (docket check %s)",
				  item->path, item->path);
			goto done;
		}
		old_id = item->id;
		shared = claimants(&ss->bl, old_id, &sb) > 1;
		sbuf_reset(&sb);
	} else {
		item = backlog_item(&ss->bl, old_id);
		if (!item) {
			out_error(ctx, "no item %s in %s", old_id, ss->bl.items_rel);
			goto done;
		}
		if (claimants(&ss->bl, old_id, &sb) > 1) {
			out_error(ctx, "%s is the id of %s: say which file to renumber (docket renumber FILE %s), the one added last",
				  old_id, sb.buf, new_id);
			goto done;
		}
		sbuf_reset(&sb);
	}
	if (!strcmp(old_id, new_id)) {
		out_error(ctx, "%s is already %s", item->path, new_id);
		goto done;
	}
	if ((where = in_work_tree(&ss->bl, new_id))) {
		out_error(ctx, "%s is in use already: %s", new_id, where);
		goto done;
	}
	if (w->have_repo) {
		r = renumber_id_on_branches(&w->repo, ss->bl.items_rel, new_id,
					    branch, sizeof(branch), &errs);
		if (r < 0) {
			out_errs(ctx, &errs, NULL);
			goto done;
		}
		if (r) {
			out_error(ctx, "%s is in use on branch %s: ids are never reused", new_id,
				  branch);
			goto done;
		}
	}
	/* all or nothing: every file that may name old_id must parse */
	for (size_t i = 0; i < ss->bl.nitems; i++)
		if (!ss->bl.items[i]->parsed) {
			out_diags(ctx, &ss->bl.items[i]->diags, SEV_ERROR);
			out_error(ctx, "not renumbered: %s does not parse, so its references cannot be changed; fix it first",
				  ss->bl.items[i]->path);
			goto done;
		}
	for (size_t i = 0; i < ss->bl.ncycles; i++)
		if (!ss->bl.cycles[i]->parsed) {
			out_diags(ctx, &ss->bl.cycles[i]->diags, SEV_ERROR);
			out_error(ctx, "not renumbered: %s does not parse; fix it first",
				  ss->bl.cycles[i]->path);
			goto done;
		}

	/* the item itself: new name (keeping a slug), new id */
	slash = strrchr(item->path, '/');
	newname = renumber_filename(slash ? slash + 1 : item->path, old_id, new_id);
	if (!newname)
		newname = xasprintf("%s.md", new_id);
	newpath = xasprintf("%.*s%s", slash ? (int)(slash - item->path + 1) : 0,
			    item->path, newname);
	if ((rc = queue_refs(ctx, w, item, item_keys, ARRAY_SIZE(item_keys),
			     old_id, new_id, newpath, &nfiles)))
		goto done;
	rc = EXIT_PROBLEMS;
	change_delete(&w->ch, item->path);
	/* a copy that claims the id of another file: the references are
	 * the other's */
	for (size_t i = 0; !shared && i < ss->bl.nitems; i++) {
		const struct item *o = ss->bl.items[i];

		if (o == item)
			continue;
		if ((rc = queue_refs(ctx, w, o, ref_keys, ARRAY_SIZE(ref_keys),
				     old_id, new_id, o->path, &nfiles)))
			goto done;
	}
	for (size_t i = 0; !shared && i < ss->bl.ncycles; i++)
		if ((rc = queue_refs(ctx, w, ss->bl.cycles[i], cycle_keys,
				     ARRAY_SIZE(cycle_keys), old_id, new_id,
				     ss->bl.cycles[i]->path, &nfiles)))
			goto done;
	/* ORDER */
	if (!shared && ss->bl.have_order &&
	    renumber_order(&sb, &ss->bl.order, old_id, new_id)) {
		change_write(&w->ch, ss->bl.order_path, sb.buf, sb.len);
		nfiles++;
	}
	if (shared)
		sbuf_addf(&msg, "Renumber %s (%s) to %s", old_id, item->path, new_id);
	else
		sbuf_addf(&msg, "Renumber %s to %s", old_id, new_id);
	sbuf_addf(&msg, "\n\n%s is now %s", item->path, newpath);
	if (nfiles > 1)
		sbuf_addf(&msg, "; references changed in %zu other file%s", nfiles - 1,
			  nfiles == 2 ? "" : "s");
	sbuf_adds(&msg, ".\n");
	if (shared)
		sbuf_addf(&msg, "\nIt claimed %s, the id of another file; references to %s\nstay with that file.\n",
			  old_id, old_id);
	sbuf_reset(&sb);
	sbuf_addf(&sb, "Renumbered %s to %s (%s)", old_id, new_id, newpath);
	/* the item's own findings go with it to its new file */
	w->renamed_from = item->path;
	w->renamed_to = newpath;
	rc = ws_commit(ctx, w, msg.buf, sb.buf);
done:
	free(newname);
	free(newpath);
	sbuf_release(&sb);
	sbuf_release(&msg);
	return rc;
}

#define USE "renumber takes an id or a file, then the new id: OLD|FILE NEW"

static const struct arg args[] = {
	{ "OLD|FILE", 0, USE, "the id, or the item's file (backlog/MKT-2.md)" },
	{ "NEW", ARG_ID, USE, NULL },
	ARG_END,
};

const struct command cmd_renumber = {
	.name = "renumber",
	.summary = "change an item's id everywhere, in one commit",
	.args = args,
	.extra = USE,
	.needs = NEED_WRITE | NEED_BACKLOG,
	.load = BL_ALL,
	.details =
	"Renames the file (NEW.md, or NEW-slug.md keeping a slug), changes its\n"
	"id:, its ORDER line, other items' depends_on and follows, and cycle\n"
	"files' committed lists, editing only those values. Refuses when NEW is\n"
	"in use in the work tree or on any local or remote-tracking branch, or\n"
	"when a file that may refer to OLD does not parse. Given a FILE, renumbers\n"
	"that file's item; when other files claim its id too (a copied file), only\n"
	"that file changes. An id that two files claim is refused: give the file.\n",
	.prepare = prepare,
	.run = run,
};
