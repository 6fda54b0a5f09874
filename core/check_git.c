/*
 * check_git.c: `check --base REV`: what changed since the base, and
 * owner-order.
 *
 * check_base_collect reads git through libgit2 (shared notes, section
 * 2): the changed files are a tree diff from the merge base of BASE and
 * HEAD (what a pull request shows) to HEAD and, when the working tree
 * is checked, on to the index and working tree, untracked files
 * included; the commits that changed ORDER are those reachable from
 * HEAD and not from BASE, each comparing ORDER's blob id with its
 * parents' (a merge counts only when ORDER differs from every parent,
 * as in git log).  Removing done or stopped items from ORDER is what
 * `docket done` does for anyone, so such a commit needs no owner.
 *
 * In a shallow clone the base, or the merge base, may be missing; the
 * error then says to fetch more history instead of guessing.  The walk
 * is graft-aware (see below).
 *
 * check__owner_order is pure: it reads the collected commits and the
 * owners of docket.yaml.
 */
#include "core/check_int.h"

#include <git2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/fm.h"
#include "core/order.h"
#include "core/repo.h"
#include "core/sbuf.h"
#include "core/xalloc.h"

#define SHALLOW_HINT \
	"fetch more history (git fetch --deepen=100, or git fetch --unshallow; " \
	"in GitHub Actions: actions/checkout with fetch-depth: 0)"

static int
git_fail(struct diag_list *errs, int code, const char *fmt, const char *arg)
{
	const git_error *e = git_error_last();
	char what[512];

	snprintf(what, sizeof(what), fmt, arg);
	diag_error(errs, code, "%s%s%s", what, e && e->message ? ": " : "",
		   e && e->message ? e->message : "");
	git_error_clear();
	return code;
}

static int
lookup_commit(git_commit **out, struct repo *r, const char *spec, int shallow,
	      struct diag_list *errs)
{
	git_object *obj = NULL;
	int rc;

	rc = git_revparse_single(&obj, r->git, spec);
	if (rc < 0) {
		if (shallow) {
			git_error_clear();
			return diag_error(errs, DK_ENOTFOUND,
					  "revision '%s' not found, and this is a shallow clone: it may be in the history not fetched; " SHALLOW_HINT,
					  spec);
		}
		return git_fail(errs, DK_ENOTFOUND, "unknown revision '%s'", spec);
	}
	rc = git_object_peel((git_object **)out, obj, GIT_OBJECT_COMMIT);
	git_object_free(obj);
	if (rc < 0)
		return git_fail(errs, DK_ENOTFOUND, "'%s' does not name a commit", spec);
	return 0;
}

static void
add_changed(struct check_base *b, size_t *alloc, const char *path)
{
	if (!path)
		return;
	if (b->nchanged && !strcmp(b->changed[b->nchanged - 1], path))
		return;
	b->changed = xgrow(b->changed, alloc, b->nchanged + 1, sizeof(*b->changed));
	b->changed[b->nchanged++] = xstrdup(path);
}

static int
changed_files(struct check_base *b, struct repo *r, struct diag_list *errs,
	      git_tree *from,
	      git_tree *to)
{
	git_diff_options o = GIT_DIFF_OPTIONS_INIT;
	git_diff *diff = NULL;
	size_t alloc = 0, aalloc = 0, balloc = 0, n;
	int rc;

	if (to) {
		rc = git_diff_tree_to_tree(&diff, r->git, from, to, &o);
	} else {
		o.flags = GIT_DIFF_INCLUDE_UNTRACKED | GIT_DIFF_RECURSE_UNTRACKED_DIRS;
		rc = git_diff_tree_to_workdir_with_index(&diff, r->git, from, &o);
	}
	if (rc < 0)
		return git_fail(errs, DK_EIO, "cannot compare with the base%s", "");
	n = git_diff_num_deltas(diff);
	for (size_t i = 0; i < n; i++) {
		const git_diff_delta *d = git_diff_get_delta(diff, i);

		add_changed(b, &alloc, d->new_file.path);
		if (d->old_file.path && d->new_file.path &&
		    strcmp(d->old_file.path, d->new_file.path))
			add_changed(b, &alloc, d->old_file.path);
		if (d->new_file.path && (d->status == GIT_DELTA_ADDED ||
		    d->status == GIT_DELTA_UNTRACKED || d->status == GIT_DELTA_RENAMED ||
		    d->status == GIT_DELTA_COPIED)) {
			b->added = xgrow(b->added, &aalloc, b->nadded + 1, sizeof(*b->added));
			b->added_blob = xgrow(b->added_blob, &balloc, b->nadded + 1,
					      sizeof(*b->added_blob));
			b->added[b->nadded] = xstrdup(d->new_file.path);
			b->added_blob[b->nadded][0] = '\0';
			if (d->new_file.flags & GIT_DIFF_FLAG_VALID_ID)
				git_oid_tostr(b->added_blob[b->nadded], 41, &d->new_file.id);
			b->nadded++;
		}
	}
	git_diff_free(diff);
	return 0;
}

/* ORDER's blob id in commit c: 0 found, 1 absent, < 0 error. */
static int
order_entry(git_oid *out, git_commit *c, const char *path)
{
	git_tree *t = NULL;
	git_tree_entry *e = NULL;
	int rc;

	if (git_commit_tree(&t, c) < 0)
		return -1;
	rc = git_tree_entry_bypath(&e, t, path);
	if (rc == 0)
		git_oid_cpy(out, git_tree_entry_id(e));
	else
		git_error_clear();
	git_tree_entry_free(e);
	git_tree_free(t);
	return rc == 0 ? 0 : 1;
}

/* Is item id done or stopped (or gone) in tree?  dir is the items
 * folder, "backlog/". */
static int
closed_in(struct repo *r, git_tree *tree, const char *dir, const char *id)
{
	static const struct fm_opts fo = FM_OPTS_INIT;
	git_tree_entry *e = NULL, *de = NULL;
	git_tree *sub = NULL;
	char *path = xasprintf("%s%s.md", dir, id), *data = NULL;
	const git_oid *blob_id = NULL;
	size_t len = 0;
	int closed = 1;

	if (git_tree_entry_bypath(&e, tree, path) == 0) {
		blob_id = git_tree_entry_id(e);
	} else if (*dir && git_tree_entry_bypath(&de, tree, dir) == 0 &&
		   git_tree_lookup(&sub, r->git, git_tree_entry_id(de)) == 0) {
		/* MKT-4-some-slug.md */
		size_t idl = strlen(id), cnt = git_tree_entrycount(sub);

		for (size_t i = 0; i < cnt && !blob_id; i++) {
			const git_tree_entry *te = git_tree_entry_byindex(sub, i);
			char *fid = item_id_from_filename(git_tree_entry_name(te));

			if (fid && !strncmp(fid, id, idl) && !fid[idl])
				blob_id = git_tree_entry_id(te);
			free(fid);
		}
	}
	git_error_clear();
	if (blob_id && repo_blob_read(r->git, blob_id, LIMIT_FILE, path, &data,
				      &len, NULL) == 0) {
		struct diag_list dl = DIAG_LIST_INIT;
		struct fm fm;
		const char *st;

		closed = 0;
		if (fm_parse(&fm, data, len, &fo, path, &dl) == 0) {
			st = ynode_str(ynode_get(fm.root, "status"));
			closed = st && (!strcmp(st, "done") || !strcmp(st, "stopped"));
		}
		fm_release(&fm);
		diag_list_release(&dl);
		free(data);
	}
	git_error_clear();
	git_tree_free(sub);
	git_tree_entry_free(de);
	git_tree_entry_free(e);
	free(path);
	return closed;
}

/*
 * Does this change of ORDER need an owner?  Not when the new file is
 * the old one with lines removed, each naming an item that is done or
 * stopped (or deleted) in the commit: that is what `docket done` and
 * `docket stop` do for whoever finishes the work.  *line is the first
 * line that differs (in the new file).
 */
static int
needs_owner(struct repo *r, git_commit *c, const char *order_path,
	    const git_oid *now, const git_oid *before, int *line)
{
	struct order nw, old;
	struct diag_list dl = DIAG_LIST_INIT;
	git_tree *tree = NULL;
	char *a = NULL, *b = NULL;
	size_t i = 0, j = 0, k = 0, alen = 0, blen = 0;
	int needs = 0;
	char *dir;

	*line = 1;
	if (!before ||
	    repo_blob_read(r->git, now, LIMIT_ORDER, order_path, &a, &alen, NULL) ||
	    repo_blob_read(r->git, before, LIMIT_ORDER, order_path, &b, &blen, NULL) ||
	    git_commit_tree(&tree, c) < 0) {
		git_error_clear();
		free(a);
		free(b);
		return 1;
	}
	/* parse errors are check's business, not this comparison's */
	order_parse(&nw, order_path, a, alen, &dl);
	order_parse(&old, order_path, b, blen, &dl);
	while (k < nw.nlines && k < old.nlines &&
	       !strcmp(nw.lines[k].text, old.lines[k].text))
		k++;
	*line = k < nw.nlines ? nw.lines[k].lineno :
		nw.nlines ? nw.lines[nw.nlines - 1].lineno : 1;
	dir = xstrdup(order_path);
	dir[strlen(dir) - strlen(check__basename(dir))] = '\0';
	for (; !needs && i < old.nlines; i++) {
		const char *id = old.lines[i].id;

		if (j < nw.nlines && !strcmp(old.lines[i].text, nw.lines[j].text)) {
			j++;
			continue;
		}
		/* a removed line: only the id of a closed item may go */
		if (!id || !item_id_valid(id) || !closed_in(r, tree, dir, id))
			needs = 1;
	}
	if (j < nw.nlines)
		needs = 1;   /* something was added or moved */
	free(dir);
	order_release(&nw);
	order_release(&old);
	diag_list_release(&dl);
	git_tree_free(tree);
	free(a);
	free(b);
	return needs;
}

static void
add_commit(struct check_base *b, size_t *alloc, struct repo *r,
	   git_commit *c, int line)
{
	const git_signature *au = git_commit_author(c);
	const char *sum = git_commit_summary(c);
	struct check_order_commit *oc;

	b->commits = xgrow(b->commits, alloc, b->ncommits + 1, sizeof(*b->commits));
	oc = &b->commits[b->ncommits++];
	memset(oc, 0, sizeof(*oc));
	git_oid_tostr(oc->id, 8, git_commit_id(c));
	memcpy(oc->oid, git_commit_id(c)->id, sizeof(oc->oid));
	oc->summary = xstrdup(sum ? sum : "");
	oc->name = xstrdup(au && au->name ? au->name : "");
	oc->email = xstrdup(au && au->email ? au->email : "");
	oc->line = line;
	(void)r;
}

/* Did commit c change path (relative to every parent) in a way that
 * needs an owner (see needs_owner)?  Sets *line.  A parent that cannot
 * be read (a shallow boundary) means no. */
static int
owner_change(struct repo *r, git_commit *c, const char *path, int *line)
{
	unsigned n = git_commit_parentcount(c);
	git_oid mine, theirs, first;
	int have_mine = order_entry(&mine, c, path) == 0, have_first = 0;

	*line = 1;
	if (n == 0)
		return have_mine;
	for (unsigned i = 0; i < n; i++) {
		git_commit *p = NULL;
		int have;

		if (git_commit_parent(&p, c, i) < 0) {
			git_error_clear();
			return 0;
		}
		have = order_entry(&theirs, p, path) == 0;
		git_commit_free(p);
		if (have == have_mine && (!have || git_oid_equal(&mine, &theirs)))
			return 0;   /* same as this parent */
		if (i == 0 && have) {
			first = theirs;
			have_first = 1;
		}
	}
	if (!have_mine)
		return 1;   /* ORDER deleted */
	return needs_owner(r, c, path, &mine, have_first ? &first : NULL, line);
}

/* ---------------------------------------------------------------------
 * A graft-aware history walk
 *
 * libgit2 1.5 ignores .git/shallow: a commit at the boundary of a
 * shallow clone still lists its parents, which are missing, so
 * git_merge_base and revwalks fail there even when the base itself was
 * fetched (GitLab fetches 20 commits by default).  So the walk is done
 * here: commits named in .git/shallow have no parents.
 * ------------------------------------------------------------------- */

/* A set of object ids; ids live in blocks that never move, so the map
 * can borrow them as keys. */
struct oidset {
	struct strmap m;
	git_oid **blocks;
	size_t nblocks, ablocks, used;
};

#define OIDSET_BLOCK 1024

static void
oidset_init(struct oidset *s)
{
	memset(s, 0, sizeof(*s));
	strmap_init(&s->m);
	s->used = OIDSET_BLOCK;
}

static void
oidset_release(struct oidset *s)
{
	for (size_t i = 0; i < s->nblocks; i++)
		free(s->blocks[i]);
	free(s->blocks);
	strmap_release(&s->m);
}

static int
oidset_has(const struct oidset *s, const git_oid *id)
{
	return strmap_find(&s->m, (const char *)id->id, GIT_OID_RAWSZ) != NULL;
}

/* Add id; 1 when it was new. */
static int
oidset_add(struct oidset *s, const git_oid *id)
{
	git_oid *slot;

	if (oidset_has(s, id))
		return 0;
	if (s->used == OIDSET_BLOCK) {
		s->blocks = xgrow(s->blocks, &s->ablocks, s->nblocks + 1,
				  sizeof(*s->blocks));
		s->blocks[s->nblocks++] = xmalloc(OIDSET_BLOCK * sizeof(git_oid));
		s->used = 0;
	}
	slot = &s->blocks[s->nblocks - 1][s->used++];
	git_oid_cpy(slot, id);
	strmap_put(&s->m, (const char *)slot->id, GIT_OID_RAWSZ, slot);
	return 1;
}

struct walker {
	struct repo *r;
	struct diag_list *errs;
	struct oidset shallow;       /* grafted commits: no parents */
	int is_shallow;
};

static void
walker_init(struct walker *w, struct repo *r, struct diag_list *errs)
{
	size_t n = 0;
	git_oid *v;

	memset(w, 0, sizeof(*w));
	w->r = r;
	w->errs = errs;
	oidset_init(&w->shallow);
	w->is_shallow = git_repository_is_shallow(r->git) == 1;
	v = w->is_shallow ? repo_shallow_commits(r, &n) : NULL;
	for (size_t i = 0; i < n; i++)
		oidset_add(&w->shallow, &v[i]);
	free(v);
}

static void
walker_release(struct walker *w)
{
	oidset_release(&w->shallow);
}

static int
missing(struct walker *w, const git_oid *id)
{
	char hex[GIT_OID_HEXSZ + 1];

	git_oid_tostr(hex, sizeof(hex), id);
	git_error_clear();
	if (w->is_shallow)
		return diag_error(w->errs, DK_ENOTFOUND,
				  "the history since the base is not complete in this shallow clone (commit %.7s is missing); " SHALLOW_HINT,
				  hex);
	return diag_error(w->errs, DK_EIO, "commit %.7s is missing from the repository", hex);
}

/*
 * Breadth-first from start over parents.  Commits in stop are neither
 * expanded nor listed; the first one met is stored in *met (when met is
 * not NULL).  Every other commit reached goes into seen and, when list
 * is not NULL, onto *list.
 */
static int
walk(struct walker *w, const git_oid *start, const struct oidset *stop,
     struct oidset *seen, git_oid **list, size_t *nlist, git_oid *met,
     int *have_met)
{
	git_oid *queue = NULL;
	size_t qh = 0, qt = 0, qalloc = 0, lalloc = 0;
	int rc = 0;

	if (have_met)
		*have_met = 0;
	queue = xgrow(queue, &qalloc, 1, sizeof(*queue));
	git_oid_cpy(&queue[qt++], start);
	oidset_add(seen, start);
	while (qh < qt) {
		git_oid id = queue[qh++];
		git_commit *c = NULL;
		unsigned n;

		if (stop && oidset_has(stop, &id)) {
			if (have_met && !*have_met) {
				git_oid_cpy(met, &id);
				*have_met = 1;
			}
			continue;
		}
		if (list) {
			*list = xgrow(*list, &lalloc, *nlist + 1, sizeof(**list));
			git_oid_cpy(&(*list)[(*nlist)++], &id);
		}
		if (oidset_has(&w->shallow, &id))
			continue;
		if (git_commit_lookup(&c, w->r->git, &id) < 0) {
			rc = missing(w, &id);
			break;
		}
		n = git_commit_parentcount(c);
		for (unsigned i = 0; i < n; i++) {
			const git_oid *p = git_commit_parent_id(c, i);

			if (p && oidset_add(seen, p)) {
				queue = xgrow(queue, &qalloc, qt + 1, sizeof(*queue));
				git_oid_cpy(&queue[qt++], p);
			}
		}
		git_commit_free(c);
	}
	free(queue);
	return rc;
}

/*
 * The commits of base..head that changed path, and the merge base (the
 * first common commit met walking back from head).  *have_mb is 0 when
 * the histories do not meet.
 */
static int
range(struct walker *w, struct check_base *b, git_commit *head,
      git_commit *base, const char *path, git_oid *mb, int *have_mb)
{
	struct oidset anc, seen;
	git_oid *list = NULL;
	size_t nlist = 0, alloc = 0;
	int rc;

	oidset_init(&anc);
	oidset_init(&seen);
	rc = walk(w, git_commit_id(base), NULL, &anc, NULL, NULL, NULL, NULL);
	if (rc == 0)
		rc = walk(w, git_commit_id(head), &anc, &seen, &list, &nlist, mb,
			  have_mb);
	/* oldest first, roughly: the walk went from head backwards */
	for (size_t i = nlist; rc == 0 && i-- > 0;) {
		git_commit *c = NULL;
		int line = 1;

		if (git_commit_lookup(&c, w->r->git, &list[i]) < 0) {
			rc = missing(w, &list[i]);
			break;
		}
		if (!oidset_has(&w->shallow, &list[i]) &&
		    owner_change(w->r, c, path, &line))
			add_commit(b, &alloc, w->r, c, line);
		git_commit_free(c);
	}
	if (rc == 0 && b->ncommits)
		check__approvals(b, w->r, list, nlist, path);
	free(list);
	oidset_release(&anc);
	oidset_release(&seen);
	return rc;
}

int
check_base_collect(struct check_base *out, struct repo *r, const char *base,
		   const char *rev, const char *order_path, struct diag_list *errs)
{
	git_commit *head = NULL, *basec = NULL, *mbc = NULL;
	git_tree *from = NULL, *to = NULL;
	struct walker w;
	git_oid mb;
	int rc, have_mb = 0;

	memset(out, 0, sizeof(*out));
	walker_init(&w, r, errs);
	if (!rev && git_repository_head_unborn(r->git) == 1) {
		rc = diag_error(errs, DK_ENOTFOUND,
				"--base needs at least one commit on this branch");
		goto done;
	}
	if ((rc = lookup_commit(&head, r, rev ? rev : "HEAD", 0, errs)) < 0 ||
	    (rc = lookup_commit(&basec, r, base, w.is_shallow, errs)) < 0)
		goto done;
	if ((rc = range(&w, out, head, basec, order_path, &mb, &have_mb)) < 0)
		goto done;
	if (!have_mb && w.is_shallow) {
		rc = diag_error(errs, DK_ENOTFOUND,
				"'%s' and %s have no common history in this shallow clone; " SHALLOW_HINT,
				base, rev ? rev : "HEAD");
		goto done;
	}
	if (!have_mb)   /* unrelated histories: compare with the base itself */
		git_oid_cpy(&mb, git_commit_id(basec));
	git_oid_tostr(out->merge_base, sizeof(out->merge_base), &mb);
	if (git_commit_lookup(&mbc, r->git, &mb) < 0 ||
	    git_commit_tree(&from, mbc) < 0 ||
	    (rev && git_commit_tree(&to, head) < 0)) {
		rc = git_fail(errs, DK_EIO, "cannot read the base '%s'", base);
		goto done;
	}
	rc = changed_files(out, r, errs, from, to);
	if (!rc && have_mb) {
		git_tree *bt = NULL;
		char *dir = xstrdup(order_path), *slash = strrchr(dir, '/');

		out->base = xstrdup(base);
		if (slash)
			slash[1] = '\0';
		else
			*dir = '\0';
		if (git_commit_tree(&bt, basec) < 0)
			rc = git_fail(errs, DK_EIO, "cannot read the base '%s'", base);
		else
			rc = check__base_items(out, r, from, bt, dir, errs);
		if (!rc && bt)
			check__hosted_order(out, r, from, bt, to, order_path);
		git_tree_free(bt);
		free(dir);
	}
done:
	walker_release(&w);
	git_tree_free(from);
	git_tree_free(to);
	git_commit_free(mbc);
	git_commit_free(basec);
	git_commit_free(head);
	if (rc < 0)
		check_base_release(out);
	return rc < 0 ? rc : 0;
}

void
check_base_release(struct check_base *b)
{
	for (size_t i = 0; i < b->nchanged; i++)
		free(b->changed[i]);
	free(b->changed);
	for (size_t i = 0; i < b->nadded; i++)
		free(b->added[i]);
	free(b->added);
	free(b->added_blob);
	for (size_t i = 0; i < b->nbase_items; i++) {
		free(b->base_items[i].path);
		free(b->base_items[i].id);
		free(b->base_items[i].title);
	}
	free(b->base_items);
	free(b->base);
	order_hosted_release(&b->hosted);
	for (size_t i = 0; i < b->ncommits; i++) {
		free(b->commits[i].summary);
		free(b->commits[i].name);
		free(b->commits[i].email);
		for (size_t k = 0; k < b->commits[i].napprovers; k++) {
			free(b->commits[i].approvers[k].name);
			free(b->commits[i].approvers[k].email);
		}
		free(b->commits[i].approvers);
	}
	free(b->commits);
	memset(b, 0, sizeof(*b));
}

/* ---------------------------------------------------------------------
 * owner-order
 * ------------------------------------------------------------------- */

void
check__owner_order(struct check__ctx *x)
{
	const struct check_base *b = x->o->base;
	const struct config *c = x->cfg;
	struct sbuf owners = SBUF_INIT;

	if (!b || !b->ncommits || x->cfg_unread)
		return;
	if (!c->nowners) {
		check__emit(x, RULE_OWNER_ORDER, c->path, 1, 1,
			    "%zu commit%s since the base changed ORDER, but docket.yaml lists no owners, so nobody may: add the Marketing Owner under owners:, or set 'owner-order: off' under rules:",
			    b->ncommits, b->ncommits == 1 ? "" : "s");
		return;
	}
	for (size_t i = 0; i < c->nowners && i < 3; i++)
		sbuf_addf(&owners, "%s%s", i ? ", " : "",
			  c->owners[i].name ? c->owners[i].name : c->owners[i].email);
	if (c->nowners > 3)
		sbuf_adds(&owners, ", ...");
	for (size_t i = 0; i < b->ncommits; i++) {
		const struct check_order_commit *oc = &b->commits[i];
		int approved = 0;
		struct diag *d;

		if (config_is_owner(c, oc->name, oc->email))
			continue;
		/* an owner's later approval of the ORDER it led to, or an
		 * owner's merge commit that brought it in */
		for (size_t k = 0; k < oc->napprovers && !approved; k++)
			approved = config_is_owner(c, oc->approvers[k].name,
						   oc->approvers[k].email);
		if (approved)
			continue;
		d = check__emit(x, RULE_OWNER_ORDER, x->bl->order_path, oc->line, 1,
				"commit %s (\"%s\") by %s <%s> changed ORDER, but only owners may (%s): ask an owner to review the order and approve it on this branch with docket approve (or to make the change), or add the author under owners: in docket.yaml",
				oc->id, oc->summary, oc->name, oc->email, owners.buf);
		if (d)
			diag_set_fix(d, "docket approve");
	}
	sbuf_release(&owners);
}
