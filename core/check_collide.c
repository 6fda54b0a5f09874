/*
 * check_collide.c: id-collision, with --base REV: an id the branch adds
 * that the base added too since the two diverged.  Neither side sees a
 * duplicate, and `check` on either passes; the merge then either
 * conflicts on the file (same file name: an add/add conflict) or brings
 * two items with one id (different names).
 *
 * check__base_items collects the item files the base added (a tree
 * diff from the merge base to the base, only the items folder), with
 * the id of each (its front matter's id:, else its file name) and its
 * title; check_base_collect records what the branch added.  The rule
 * compares the two.
 *
 * order-merge, with --base REV: ORDER merged into REV as a git host's
 * merge button merges it (a line merge, core/order_hosted.h) would
 * conflict or list an id twice; the fix is `docket sync REV` (and a
 * push), which merges with docket's ORDER merge.
 */
#include "core/check_int.h"

#include <git2.h>
#include <stdlib.h>
#include <string.h>

#include "core/fm.h"
#include "core/fsutil.h"
#include "core/item.h"
#include "core/repo.h"
#include "core/sbuf.h"
#include "core/xalloc.h"

static void
add_base_item(struct check_base *b, size_t *alloc, struct repo *r,
	      const char *path, const git_oid *blob)
{
	static const struct fm_opts fo = FM_OPTS_INIT;
	struct check_base_item *bi;
	struct diag_list dl = DIAG_LIST_INIT;
	const char *slash = strrchr(path, '/');
	char *data = NULL, *id = NULL, *title = NULL;
	size_t len = 0;

	if (repo_blob_read(r->git, blob, LIMIT_FILE, path, &data, &len, &dl) == 0) {
		struct fm fm;

		if (fm_parse(&fm, data, len, &fo, path, &dl) == 0) {
			const char *s = ynode_str(ynode_get(fm.root, "id"));
			const char *t = ynode_str(ynode_get(fm.root, "title"));

			id = s && *s ? xstrdup(s) : NULL;
			title = t && *t ? xstrdup(t) : NULL;
		}
		fm_release(&fm);
	}
	git_error_clear();
	diag_list_release(&dl);
	free(data);
	if (!id)
		id = item_id_from_filename(slash ? slash + 1 : path);
	if (!id) {
		free(title);
		return;         /* not an item: nothing can collide with it */
	}
	b->base_items = xgrow(b->base_items, alloc, b->nbase_items + 1,
			      sizeof(*b->base_items));
	bi = &b->base_items[b->nbase_items++];
	bi->path = xstrdup(path);
	bi->id = id;
	bi->title = title;
	git_oid_tostr(bi->blob, sizeof(bi->blob), blob);
}

int
check__base_items(struct check_base *b, struct repo *r, git_tree *from,
		  git_tree *to, const char *items_dir, struct diag_list *errs)
{
	git_diff_options o = GIT_DIFF_OPTIONS_INIT;
	git_diff *diff = NULL;
	char *spec = (char *)items_dir;
	size_t alloc = 0, dl = strlen(items_dir), n;

	if (*items_dir) {
		o.pathspec.strings = &spec;
		o.pathspec.count = 1;
		o.flags |= GIT_DIFF_DISABLE_PATHSPEC_MATCH;
	}
	if (git_diff_tree_to_tree(&diff, r->git, from, to, &o) < 0) {
		const git_error *e = git_error_last();

		diag_error(errs, DK_EIO, "cannot compare the base '%s' with where the branch left it: %s",
			   b->base ? b->base : "", e && e->message ? e->message : "?");
		git_error_clear();
		return DK_EIO;
	}
	n = git_diff_num_deltas(diff);
	for (size_t i = 0; i < n; i++) {
		const git_diff_delta *d = git_diff_get_delta(diff, i);
		const char *p = d->new_file.path;
		size_t pl = p ? strlen(p) : 0;

		if (d->status != GIT_DELTA_ADDED && d->status != GIT_DELTA_RENAMED &&
		    d->status != GIT_DELTA_COPIED)
			continue;
		/* *.md directly in the items folder */
		if (!p || strncmp(p, items_dir, dl) || strchr(p + dl, '/') ||
		    pl < dl + 4 || strcmp(p + pl - 3, ".md"))
			continue;
		add_base_item(b, &alloc, r, p, &d->new_file.id);
	}
	git_diff_free(diff);
	return 0;
}

/* The index of path among the files the branch added, or -1. */
static long
added_index(const struct check_base *b, const char *path)
{
	for (size_t i = 0; i < b->nadded; i++)
		if (!strcmp(b->added[i], path))
			return (long)i;
	return -1;
}

/* The id after every id of the backlog and of the base's new items,
 * with id's own prefix ("MKT-12"), for the renumber command. */
static char *
next_free(const struct check__ctx *x, const char *id)
{
	const struct check_base *b = x->o->base;
	const char *dash = strrchr(id, '-');
	size_t pl = dash ? (size_t)(dash - id) + 1 : 0;
	long max = 0;

	for (size_t i = 0; i < x->bl->nitems; i++) {
		const struct item *it = x->bl->items[i];

		if (it->id && !strncmp(it->id, id, pl) && it->num > max)
			max = it->num;
	}
	for (size_t i = 0; i < b->nbase_items; i++) {
		const char *bid = b->base_items[i].id;
		char *end;
		long v;

		if (strncmp(bid, id, pl) || !bid[pl])
			continue;
		v = strtol(bid + pl, &end, 10);
		if (!*end && v > max)
			max = v;
	}
	return xasprintf("%.*s%ld", (int)pl, id, max + 1);
}

void
check__id_collision(struct check__ctx *x)
{
	const struct check_base *b = x->o->base;

	if (!b || !b->nbase_items || !b->nadded)
		return;
	for (size_t i = 0; i < x->bl->nitems; i++) {
		const struct item *it = x->bl->items[i];
		long ai;

		if (!it->parsed || !it->id || (ai = added_index(b, it->path)) < 0)
			continue;
		for (size_t k = 0; k < b->nbase_items; k++) {
			const struct check_base_item *bi = &b->base_items[k];
			int line, col;
			char *fix;
			struct diag *d;

			if (strcmp(bi->id, it->id))
				continue;
			/* the same file with the same bytes on both sides (a
			 * cherry-pick): the merge takes it once */
			if (!strcmp(bi->path, it->path) && b->added_blob[ai][0] &&
			    !strcmp(bi->blob, b->added_blob[ai]))
				continue;
			fix = next_free(x, it->id);
			check__id_pos(x, i, &line, &col);
			d = check__emit(x, RULE_ID_COLLISION, it->path, line, col,
					"%s is added on this branch (%s) and on %s since they diverged (%s%s%s%s): merged, two items would have one id; give this branch's item a new id: docket renumber %s %s",
					it->id, it->path, b->base, bi->path,
					bi->title ? ", \"" : "", bi->title ? bi->title : "",
					bi->title ? "\"" : "", it->id, fix);
			if (d) {
				diag_set_subject(d, it->id);
				diag_set_field(d, "id");
			}
			if (d)
				diag_set_fix(d, "docket renumber %s %s", it->id, fix);
			free(fix);
		}
	}
}

/* ---------------------------------------------------------------------
 * order-merge: ORDER as the host's merge button would merge it
 * ------------------------------------------------------------------- */

/* ORDER's bytes in tree (0), or 1 when it has none. */
static int
tree_order(struct repo *r, git_tree *tree, const char *path, char **data,
	   size_t *len)
{
	git_tree_entry *e = NULL;
	int rc = 1;

	if (git_tree_entry_bypath(&e, tree, path) == 0 &&
	    repo_blob_read(r->git, git_tree_entry_id(e), LIMIT_ORDER, path, data,
			   len, NULL) == 0)
		rc = 0;
	git_error_clear();
	git_tree_entry_free(e);
	return rc;
}

void
check__hosted_order(struct check_base *b, struct repo *r, git_tree *from,
		    git_tree *base, git_tree *head, const char *order_path)
{
	char *mb = NULL, *theirs = NULL, *ours = NULL;
	size_t ml = 0, tl = 0, ol = 0;
	int have;

	if (tree_order(r, from, order_path, &mb, &ml) ||
	    tree_order(r, base, order_path, &ours, &ol))
		goto done;
	if (head) {
		have = tree_order(r, head, order_path, &theirs, &tl) == 0;
	} else {
		char *full = xasprintf("%s/%s", r->workdir ? r->workdir : ".", order_path);
		struct diag_list quiet = DIAG_LIST_INIT;

		have = fsutil_read(full, LIMIT_ORDER, 0, &theirs, &tl, &quiet) == 0;
		diag_list_release(&quiet);
		free(full);
	}
	/* a side that did not change ORDER: the host takes the other */
	if (!have || (ml == ol && !memcmp(mb, ours, ml)) ||
	    (ml == tl && !memcmp(mb, theirs, ml)) ||
	    (ol == tl && !memcmp(ours, theirs, ol)))
		goto done;
	b->have_hosted = order_hosted_predict(&b->hosted, mb, ml, ours, ol,
					      theirs, tl) == 0;
done:
	free(mb);
	free(theirs);
	free(ours);
}

void
check__order_merge(struct check__ctx *x)
{
	const struct check_base *b = x->o->base;
	const struct order_hosted *h;
	struct diag *d = NULL;

	if (!b || !b->have_hosted)
		return;
	h = &b->hosted;
	if (h->line_conflict)
		d = check__emit(x, RULE_ORDER_MERGE, x->bl->order_path, 1, 1,
				"merged into %s by the git host (a line merge: GitHub's and GitLab's merge buttons do not run docket's ORDER driver), ORDER would conflict%s%s; %s: merge %s here and push: docket sync %s",
				b->base, h->conflict_ids.len ? " on " : "",
				h->conflict_ids.buf,
				h->driver_conflict ?
				"docket's merge conflicts too (both sides moved an id to different places), so resolve it" :
				"docket's merge is clean",
				b->base, b->base);
	else if (h->dup_ids.len)
		d = check__emit(x, RULE_ORDER_MERGE, x->bl->order_path, 1, 1,
				"merged into %s by the git host (a line merge: GitHub's and GitLab's merge buttons do not run docket's ORDER driver), ORDER would list %s twice (both sides moved it)%s; merge %s here and push: docket sync %s",
				b->base, h->dup_ids.buf,
				h->driver_conflict ?
				"; docket's merge asks which place to keep" : "",
				b->base, b->base);
	if (d)
		diag_set_fix(d, "docket sync %s", b->base);
}
