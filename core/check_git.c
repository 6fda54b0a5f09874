/*
 * check_git.c: `check --base REV`: what changed since the base, and
 * owner-order.
 *
 * check_base_collect reads git through libgit2 (shared notes, section
 * 2): the changed files are a tree diff from the merge base of BASE and
 * HEAD (what a pull request shows) to HEAD and, when the working tree
 * is checked, on to the index and working tree, untracked files
 * included; the commits that changed ORDER are a revwalk of
 * BASE..HEAD comparing ORDER's blob id with each parent's (a merge
 * counts only when ORDER differs from every parent, as in git log).
 *
 * In a shallow clone the base, or the merge base, may be missing; the
 * error then says to fetch more history instead of guessing.
 *
 * check__owner_order is pure: it reads the collected commits and the
 * owners of docket.yaml.
 */
#include "core/check.h"

#include <git2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/repo.h"
#include "core/sbuf.h"
#include "core/xalloc.h"

#define SHALLOW_HINT \
	"fetch more history (git fetch --deepen=100, or git fetch --unshallow; " \
	"in GitHub Actions: actions/checkout with fetch-depth: 0)"

static int
git_fail(struct repo *r, int code, const char *fmt, const char *arg)
{
	const git_error *e = git_error_last();
	char what[512];

	snprintf(what, sizeof(what), fmt, arg);
	snprintf(r->err, sizeof(r->err), "%s%s%s", what,
		 e && e->message ? ": " : "", e && e->message ? e->message : "");
	git_error_clear();
	return code;
}

static int
lookup_commit(git_commit **out, struct repo *r, const char *spec, int shallow)
{
	git_object *obj = NULL;
	int rc;

	rc = git_revparse_single(&obj, r->git, spec);
	if (rc < 0) {
		if (shallow) {
			git_error_clear();
			snprintf(r->err, sizeof(r->err),
				 "revision '%s' is not in this shallow clone; " SHALLOW_HINT,
				 spec);
			return DK_ENOTFOUND;
		}
		return git_fail(r, DK_ENOTFOUND, "unknown revision '%s'", spec);
	}
	rc = git_object_peel((git_object **)out, obj, GIT_OBJECT_COMMIT);
	git_object_free(obj);
	if (rc < 0)
		return git_fail(r, DK_ENOTFOUND, "'%s' does not name a commit", spec);
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
changed_files(struct check_base *b, struct repo *r, git_tree *from,
	      git_tree *to)
{
	git_diff_options o = GIT_DIFF_OPTIONS_INIT;
	git_diff *diff = NULL;
	size_t alloc = 0, n;
	int rc;

	if (to) {
		rc = git_diff_tree_to_tree(&diff, r->git, from, to, &o);
	} else {
		o.flags = GIT_DIFF_INCLUDE_UNTRACKED | GIT_DIFF_RECURSE_UNTRACKED_DIRS;
		rc = git_diff_tree_to_workdir_with_index(&diff, r->git, from, &o);
	}
	if (rc < 0)
		return git_fail(r, DK_EIO, "cannot compare with the base%s", "");
	n = git_diff_num_deltas(diff);
	for (size_t i = 0; i < n; i++) {
		const git_diff_delta *d = git_diff_get_delta(diff, i);

		add_changed(b, &alloc, d->new_file.path);
		if (d->old_file.path && d->new_file.path &&
		    strcmp(d->old_file.path, d->new_file.path))
			add_changed(b, &alloc, d->old_file.path);
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

/* The first line (1-based) where two versions of ORDER differ. */
static int
first_changed_line(struct repo *r, const git_oid *now, const git_oid *before)
{
	git_blob *a = NULL, *b = NULL;
	const char *pa, *pb;
	size_t la, lb, i = 0;
	int line = 1;

	if (!before || git_blob_lookup(&a, r->git, now) < 0 ||
	    git_blob_lookup(&b, r->git, before) < 0) {
		git_error_clear();
		git_blob_free(a);
		return 1;
	}
	pa = git_blob_rawcontent(a);
	pb = git_blob_rawcontent(b);
	la = (size_t)git_blob_rawsize(a);
	lb = (size_t)git_blob_rawsize(b);
	while (i < la && i < lb && pa[i] == pb[i]) {
		if (pa[i] == '\n')
			line++;
		i++;
	}
	/* a deletion at the very end points at the last line */
	if (i == la && i > 0 && pa[i - 1] == '\n' && line > 1)
		line--;
	git_blob_free(a);
	git_blob_free(b);
	return line;
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
	oc->summary = xstrdup(sum ? sum : "");
	oc->name = xstrdup(au && au->name ? au->name : "");
	oc->email = xstrdup(au && au->email ? au->email : "");
	oc->line = line;
	(void)r;
}

/* Did commit c change path (relative to every parent)?  Sets *line. */
static int
commit_changed(struct repo *r, git_commit *c, const char *path, int *line)
{
	unsigned n = git_commit_parentcount(c);
	git_oid mine, theirs, first;
	int have_mine = order_entry(&mine, c, path) == 0, have_first = 0;

	if (n == 0) {
		*line = 1;
		return have_mine;
	}
	for (unsigned i = 0; i < n; i++) {
		git_commit *p = NULL;
		int have;

		if (git_commit_parent(&p, c, i) < 0) {
			git_error_clear();
			return 0;   /* cut off by a shallow clone */
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
	*line = have_mine ? first_changed_line(r, &mine, have_first ? &first : NULL) : 1;
	return 1;
}

static int
order_commits(struct check_base *b, struct repo *r, git_commit *head,
	      git_commit *base, const char *path)
{
	git_revwalk *walk = NULL;
	size_t alloc = 0;
	git_oid oid;
	int rc;

	if (git_revwalk_new(&walk, r->git) < 0 ||
	    git_revwalk_sorting(walk, GIT_SORT_TOPOLOGICAL | GIT_SORT_TIME |
				GIT_SORT_REVERSE) < 0 ||
	    git_revwalk_push(walk, git_commit_id(head)) < 0 ||
	    git_revwalk_hide(walk, git_commit_id(base)) < 0) {
		git_revwalk_free(walk);
		return git_fail(r, DK_EIO, "cannot walk the history since the base%s", "");
	}
	while ((rc = git_revwalk_next(&oid, walk)) == 0) {
		git_commit *c = NULL;
		int line = 1;

		if (git_commit_lookup(&c, r->git, &oid) < 0) {
			git_revwalk_free(walk);
			return git_fail(r, DK_EIO, "cannot read a commit since the base%s", "");
		}
		if (commit_changed(r, c, path, &line))
			add_commit(b, &alloc, r, c, line);
		git_commit_free(c);
	}
	git_revwalk_free(walk);
	if (rc != GIT_ITEROVER) {
		if (git_repository_is_shallow(r->git) == 1) {
			git_error_clear();
			snprintf(r->err, sizeof(r->err),
				 "the history since the base is not complete in this shallow clone; " SHALLOW_HINT);
			return DK_ENOTFOUND;
		}
		return git_fail(r, DK_EIO, "cannot walk the history since the base%s", "");
	}
	return 0;
}

int
check_base_collect(struct check_base *out, struct repo *r, const char *base,
		   const char *rev, const char *order_path)
{
	git_commit *head = NULL, *basec = NULL, *mbc = NULL;
	git_tree *from = NULL, *to = NULL;
	int shallow = git_repository_is_shallow(r->git) == 1;
	git_oid mb;
	int rc;

	memset(out, 0, sizeof(*out));
	if (!rev && git_repository_head_unborn(r->git) == 1) {
		snprintf(r->err, sizeof(r->err),
			 "--base needs at least one commit on this branch");
		return DK_ENOTFOUND;
	}
	if ((rc = lookup_commit(&head, r, rev ? rev : "HEAD", 0)) < 0 ||
	    (rc = lookup_commit(&basec, r, base, shallow)) < 0)
		goto done;
	rc = git_merge_base(&mb, r->git, git_commit_id(head), git_commit_id(basec));
	if (rc == GIT_ENOTFOUND && shallow) {
		git_error_clear();
		snprintf(r->err, sizeof(r->err),
			 "'%s' and %s have no common history in this shallow clone; " SHALLOW_HINT,
			 base, rev ? rev : "HEAD");
		rc = DK_ENOTFOUND;
		goto done;
	}
	if (rc == GIT_ENOTFOUND) {
		/* unrelated histories: compare with the base itself */
		git_error_clear();
		git_oid_cpy(&mb, git_commit_id(basec));
	} else if (rc < 0) {
		rc = git_fail(r, DK_EIO, "cannot find the merge base of '%s'", base);
		goto done;
	}
	if (git_commit_lookup(&mbc, r->git, &mb) < 0 ||
	    git_commit_tree(&from, mbc) < 0 ||
	    (rev && git_commit_tree(&to, head) < 0)) {
		rc = git_fail(r, DK_EIO, "cannot read the base '%s'", base);
		goto done;
	}
	if ((rc = changed_files(out, r, from, to)) < 0)
		goto done;
	rc = order_commits(out, r, head, basec, order_path);
done:
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
	for (size_t i = 0; i < b->ncommits; i++) {
		free(b->commits[i].summary);
		free(b->commits[i].name);
		free(b->commits[i].email);
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

	if (!b || !b->ncommits)
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

		if (config_is_owner(c, oc->name, oc->email))
			continue;
		check__emit(x, RULE_OWNER_ORDER, x->bl->order_path, oc->line, 1,
			    "commit %s (\"%s\") by %s <%s> changed ORDER, but only owners may (%s): ask an owner to make the change, or add the author under owners: in docket.yaml",
			    oc->id, oc->summary, oc->name, oc->email, owners.buf);
	}
	sbuf_release(&owners);
}
