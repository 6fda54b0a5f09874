/*
 * history.c: the first-parent walk over the items folder (see
 * history.h), and the small pieces the history readers share.
 *
 * The chain is collected first (commit ids and root tree ids, following
 * parent 0 and stopping at roots and at commits named in .git/shallow),
 * then visited in the order asked for.  Each visited commit's folder
 * tree id is memoised by position in the chain, so that the parent's id
 * (the next or previous position) is looked up once.  The folder trees
 * are read and compared raw by core/history_scan.h, which keeps the two
 * last used, since consecutive commits share one of them.
 *
 * Reading folder trees is most of a cold walk (libgit2 1.5 re-inflates a
 * pack's delta chain for every version; docs/history.md has figures), so
 * a second thread (core/history_scan.h) works out the far end of the
 * chain while this one reads the near end, and what a walk learns per
 * commit (parent, folder ids, changed files) is kept in
 * core/history_cache.h's file: later walks read no tree for the commits
 * recorded there.
 */
#include "core/history.h"

#include <git2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "core/history_cache.h"
#include "core/history_scan.h"
#include "core/xalloc.h"

struct history_walk {
	struct repo *r;
	struct diag_list *errs;    /* borrowed from history_walk_new's caller */
	char *dir;                 /* "backlog" (no trailing slash) */
	unsigned flags;
	struct hcache cache;
	git_oid *chain;            /* tip first, following parent 0 */
	size_t nchain;
	int last_grafted;          /* the chain ends at a shallow boundary */
	struct hc_record **rec;    /* per chain position, once known */
	git_oid *folder;           /* folder tree id per chain position */
	unsigned char *fstate;     /* 0 unknown, 1 known, 2 absent */
	size_t step;               /* how many positions visited */
	size_t pos;                /* current position */
	git_commit *commit;
	struct history_commit hc;
	git_oid *root;             /* root tree id per position, when read */
	git_odb *odb;
	struct hscan scan;         /* the walk's own folder trees */
	struct hprefetch *pf;      /* the second thread, while it runs */
	struct history_change *changes;
	size_t nchanges, achanges;
};

static int
walk_fail(struct diag_list *errs, int code, const char *what)
{
	const git_error *e = git_error_last();

	diag_error(errs, code, "%s%s%s", what, e && e->message ? ": " : "",
		   e && e->message ? e->message : "");
	git_error_clear();
	return code;
}

/* Commits named in .git/shallow (sorted), for a graft-aware walk. */
static int
cmp_oid(const void *a, const void *b)
{
	return git_oid_cmp(a, b);
}

static int
collect_chain(struct history_walk *w, const git_oid *tip)
{
	size_t nshallow, alloc = 0, ralloc = 0;
	git_oid *shallow = repo_shallow_commits(w->r, &nshallow);
	git_oid id = *tip;
	int rc = 0;

	for (;;) {
		struct hc_record *rec = hcache_get(&w->cache, &id);
		int grafted = shallow && bsearch(&id, shallow, nshallow,
						 sizeof(*shallow), cmp_oid);
		git_commit *c = NULL;

		if (!rec && git_commit_lookup(&c, w->r->git, &id) < 0) {
			if (w->nchain && shallow) {
				git_error_clear();   /* the end of what was fetched */
				w->last_grafted = 1;
				break;
			}
			rc = walk_fail(w->errs, DK_EIO, "cannot read a commit of the history");
			break;
		}
		w->chain = xgrow(w->chain, &alloc, w->nchain + 1, sizeof(*w->chain));
		w->root = xgrow(w->root, &ralloc, w->nchain + 1, sizeof(*w->root));
		if (c)
			w->root[w->nchain] = *git_commit_tree_id(c);
		else
			memset(&w->root[w->nchain], 0, sizeof(*w->root));
		w->chain[w->nchain++] = id;
		if (grafted || (rec ? rec->root : git_commit_parentcount(c) == 0)) {
			w->last_grafted = grafted;
			git_commit_free(c);
			break;
		}
		id = rec ? rec->parent : *git_commit_parent_id(c, 0);
		git_commit_free(c);
	}
	free(shallow);
	return rc;
}

static void free_walk_record(struct history_walk *w, size_t i);

/* Wait for the second thread and put what it learnt in the cache. */
static void
prefetch_merge(struct history_walk *w)
{
	struct hc_record **out = xcalloc(w->nchain + 1, sizeof(*out));

	hprefetch_finish(w->pf, out);
	w->pf = NULL;
	for (size_t i = 0; i < w->nchain; i++) {
		if (!out[i])
			continue;
		if (!hcache_get(&w->cache, &w->chain[i]))
			hcache_add(&w->cache, out[i]);
		hscan_record_free(out[i]);
	}
	free(out);
}

/* Start the second thread on the far end of the chain, for the commits
 * the cache does not know. */
static void
prefetch_start(struct history_walk *w)
{
	struct hp_pos *pos = xcalloc(w->nchain + 1, sizeof(*pos));

	for (size_t i = 0; i < w->nchain; i++) {
		struct hc_record *rec = hcache_get(&w->cache, &w->chain[i]);

		pos[i].commit = w->chain[i];
		pos[i].root = w->root[i];
		if (rec) {
			pos[i].known = 1;
			pos[i].has_folder = rec->has_folder;
			pos[i].folder = rec->folder;
		}
		/* a shallow boundary is never recorded: the walk does it */
		pos[i].need = !rec && !(i + 1 >= w->nchain && w->last_grafted);
	}
	w->pf = hprefetch_start(w->r->git, w->dir, pos, w->nchain,
				!!(w->flags & HISTORY_OLDEST_FIRST));
}

int
history_walk_new(struct history_walk **out, struct repo *r, const char *rev,
		 const char *dir, unsigned flags, struct diag_list *errs)
{
	struct history_walk *w = xcalloc(1, sizeof(*w));
	git_object *obj = NULL, *peeled = NULL;
	size_t n;
	int rc = 0;

	*out = NULL;
	w->r = r;
	w->errs = errs;
	w->flags = flags;
	w->dir = xstrdup(dir ? dir : "");
	n = strlen(w->dir);
	while (n && w->dir[n - 1] == '/')
		w->dir[--n] = '\0';
	hcache_open(&w->cache, r->git, w->dir);
	if (git_repository_odb(&w->odb, r->git) < 0) {
		rc = walk_fail(errs, DK_EIO, "cannot open the object database");
		goto fail;
	}
	hscan_init(&w->scan, w->odb, w->dir, errs);
	if (!rev && git_repository_head_unborn(r->git) == 1) {
		git_error_clear();
		*out = w;
		return 0;
	}
	if (git_revparse_single(&obj, r->git, rev ? rev : "HEAD") < 0) {
		rc = walk_fail(errs, DK_ENOTFOUND, "unknown revision");
		goto fail;
	}
	if (git_object_peel(&peeled, obj, GIT_OBJECT_COMMIT) < 0) {
		rc = walk_fail(errs, DK_ENOTFOUND, "the revision does not name a commit");
		goto fail;
	}
	rc = collect_chain(w, git_object_id(peeled));
	if (rc)
		goto fail;
	w->rec = xcalloc(w->nchain + 1, sizeof(*w->rec));
	w->folder = xcalloc(w->nchain + 1, sizeof(*w->folder));
	w->fstate = xcalloc(w->nchain + 1, 1);
	prefetch_start(w);
	git_object_free(peeled);
	git_object_free(obj);
	*out = w;
	return 0;
fail:
	git_object_free(peeled);
	git_object_free(obj);
	history_walk_free(w);
	return rc;
}

void
history_walk_free(struct history_walk *w)
{
	if (!w)
		return;
	if (w->pf)
		prefetch_merge(w);
	if (w->rec)
		free_walk_record(w, w->pos);
	hcache_close(&w->cache);
	git_commit_free(w->commit);
	hscan_release(&w->scan);
	git_odb_free(w->odb);
	free(w->chain);
	free(w->root);
	free(w->rec);
	free(w->folder);
	free(w->fstate);
	free(w->changes);
	free(w->dir);
	free(w);
}

size_t
history_walk_visited(const struct history_walk *w)
{
	return w->step;
}

/* The folder's tree id at chain position i: 0 found, 1 absent, < 0. */
static int
folder_at(struct history_walk *w, size_t i)
{
	struct hc_record *rec = hcache_get(&w->cache, &w->chain[i]);
	int rc;

	if (!w->fstate[i] && rec) {
		w->fstate[i] = rec->has_folder ? 1 : 2;
		w->folder[i] = rec->folder;
	}
	if (w->fstate[i])
		return w->fstate[i] == 1 ? 0 : 1;
	/* no record: collect_chain read the commit and kept its root tree */
	if ((rc = hscan_folder(&w->scan, &w->root[i], &w->folder[i])) < 0)
		return DK_EIO;
	w->fstate[i] = rc == 0 ? 1 : 2;
	return rc;
}

/* Compare the folder trees of position i and its parent and record the
 * result in the cache. */
static int
compute_record(struct history_walk *w, size_t i, int has, int parent_has)
{
	struct hc_record rec;
	struct hc_change *v = NULL;
	size_t n = 0, alloc = 0;

	if (hscan_diff(&w->scan, parent_has ? &w->folder[i + 1] : NULL,
		       has ? &w->folder[i] : NULL, &v, &n, &alloc) < 0) {
		free(v);
		return DK_EIO;
	}
	memset(&rec, 0, sizeof(rec));
	rec.commit = w->chain[i];
	rec.root = i + 1 >= w->nchain;
	if (!rec.root)
		rec.parent = w->chain[i + 1];
	rec.has_folder = has;
	rec.parent_has_folder = parent_has;
	rec.folder = w->folder[i];
	if (!rec.root)
		rec.parent_folder = w->folder[i + 1];
	rec.changes = v;
	rec.nchanges = n;
	if (rec.root && w->last_grafted) {
		/* a shallow boundary: not cached, its parent may come later */
		for (size_t k = 0; k < n; k++)
			v[k].name = xstrdup(v[k].name);
		w->rec[i] = xcalloc(1, sizeof(**w->rec));
		*w->rec[i] = rec;
		w->rec[i]->fresh = 2;   /* owned by the walk, names too */
		return 0;
	}
	w->rec[i] = hcache_add(&w->cache, &rec);
	free(v);
	return 0;
}

/* A record without changes for a commit whose folder did not change. */
static void
record_unchanged(struct history_walk *w, size_t i, int has, int parent_has)
{
	struct hc_record rec;

	if (hcache_get(&w->cache, &w->chain[i]) || (i + 1 >= w->nchain && w->last_grafted))
		return;
	memset(&rec, 0, sizeof(rec));
	rec.commit = w->chain[i];
	rec.root = i + 1 >= w->nchain;
	if (!rec.root) {
		rec.parent = w->chain[i + 1];
		rec.parent_folder = w->folder[i + 1];
	}
	rec.has_folder = has;
	rec.parent_has_folder = parent_has;
	rec.folder = w->folder[i];
	hcache_add(&w->cache, &rec);
}

static void
fill_commit(struct history_walk *w, size_t i)
{
	const git_signature *a = git_commit_author(w->commit);
	const char *s = git_commit_summary(w->commit);
	long long t = a->when.time;

	git_oid_tostr(w->hc.id, sizeof(w->hc.id), &w->chain[i]);
	snprintf(w->hc.short_id, sizeof(w->hc.short_id), "%.7s", w->hc.id);
	w->hc.author = a->name ? a->name : "";
	w->hc.email = a->email ? a->email : "";
	w->hc.subject = s ? s : "";
	w->hc.time = t;
	w->hc.offset = a->when.offset;
	w->hc.day = date_from_time(t + (long long)a->when.offset * 60);
	w->hc.root = i + 1 >= w->nchain;
	w->hc.grafted = w->hc.root && w->last_grafted;
}

static void
free_walk_record(struct history_walk *w, size_t i)
{
	if (w->rec[i] && w->rec[i]->fresh == 2) {
		for (size_t k = 0; k < w->rec[i]->nchanges; k++)
			free((char *)w->rec[i]->changes[k].name);
		free(w->rec[i]->changes);
		free(w->rec[i]);
		w->rec[i] = NULL;
	}
}

int
history_walk_next(struct history_walk *w, const struct history_commit **c)
{
	while (w->step < w->nchain) {
		size_t i = w->flags & HISTORY_OLDEST_FIRST ?
			   w->nchain - 1 - w->step : w->step;
		struct hc_record *rec;
		int rc, prc = 1;

		if (w->pf && !hprefetch_claim(w->pf, w->step))
			prefetch_merge(w);   /* the thread's end of the chain */
		rec = hcache_get(&w->cache, &w->chain[i]);
		w->step++;
		if (!rec || (i + 1 >= w->nchain && w->last_grafted)) {
			if ((rc = folder_at(w, i)) < 0)
				return rc;
			if (i + 1 < w->nchain && (prc = folder_at(w, i + 1)) < 0)
				return prc;
			if ((rc == 1 && prc == 1) ||
			    (rc == 0 && prc == 0 &&
			     git_oid_equal(&w->folder[i], &w->folder[i + 1]))) {
				record_unchanged(w, i, rc == 0, prc == 0);
				continue;
			}
			if ((rc = compute_record(w, i, rc == 0, prc == 0)) < 0)
				return rc;
			rec = w->rec[i];
		} else {
			w->fstate[i] = rec->has_folder ? 1 : 2;
			w->folder[i] = rec->folder;
			if (rec->has_folder == rec->parent_has_folder &&
			    (!rec->has_folder || git_oid_equal(&rec->folder, &rec->parent_folder)))
				continue;
			w->rec[i] = rec;
		}
		if (w->pos != i)
			free_walk_record(w, w->pos);
		w->pos = i;
		w->nchanges = 0;
		for (size_t k = 0; k < rec->nchanges; k++) {
			struct history_change *hc;
			const struct hc_change *src = &rec->changes[k];

			w->changes = xgrow(w->changes, &w->achanges, w->nchanges + 1,
					   sizeof(*w->changes));
			hc = &w->changes[w->nchanges++];
			hc->name = src->name;
			hc->kind = src->kind;
			hc->old_id = src->kind == HC_ADDED ? NULL : &src->old_id;
			hc->new_id = src->kind == HC_DELETED ? NULL : &src->new_id;
		}
		git_commit_free(w->commit);
		w->commit = NULL;
		if (git_commit_lookup(&w->commit, w->r->git, &w->chain[i]) < 0)
			return walk_fail(w->errs, DK_EIO, "cannot read a commit of the history");
		fill_commit(w, i);
		*c = &w->hc;
		return 1;
	}
	return 0;
}

int
history_walk_changes(struct history_walk *w,
		     const struct history_change **v, size_t *n)
{
	*v = w->changes;
	*n = w->nchanges;
	return 0;
}

static int
cmp_change(const void *key, const void *elem)
{
	return strcmp(key, ((const struct history_change *)elem)->name);
}

int
history_walk_entry(struct history_walk *w, const char *name,
		   const struct git_oid **old_id, const struct git_oid **new_id)
{
	const struct history_change *c = w->nchanges ?
		bsearch(name, w->changes, w->nchanges, sizeof(*w->changes), cmp_change) :
		NULL;

	*old_id = c ? c->old_id : NULL;
	*new_id = c ? c->new_id : NULL;
	return c != NULL;
}

int
history_walk_read(struct history_walk *w, const struct git_oid *id,
		  char **data, size_t *len, enum limit_kind lim)
{
	return repo_blob_read(w->r->git, id, lim, "a version of a file", data, len,
			      w->errs);
}

static int
rev_commit(struct repo *r, const char *rev, git_oid *out, struct diag_list *errs)
{
	git_object *obj = NULL, *c = NULL;
	int rc = 0;

	if (git_revparse_single(&obj, r->git, rev) < 0 ||
	    git_object_peel(&c, obj, GIT_OBJECT_COMMIT) < 0) {
		rc = diag_error(errs, DK_ENOTFOUND, "unknown revision '%s'", rev);
		git_error_clear();
	} else {
		git_oid_cpy(out, git_object_id(c));
	}
	git_object_free(c);
	git_object_free(obj);
	return rc;
}

int
history_merge_base(struct repo *r, const char *a, const char *b, char out[41],
		   struct diag_list *errs)
{
	git_oid x, y, mb;
	int rc;

	if ((rc = rev_commit(r, a, &x, errs)) || (rc = rev_commit(r, b, &y, errs)))
		return rc;
	if (git_merge_base(&mb, r->git, &x, &y) < 0) {
		git_error_clear();
		return diag_error(errs, DK_ENOTFOUND,
				  git_repository_is_shallow(r->git) == 1 ?
				  "'%s' and '%s' have no common commit in this shallow clone; fetch more history (git fetch --unshallow)" :
				  "'%s' and '%s' have no common commit", a, b);
	}
	git_oid_tostr(out, 41, &mb);
	return 0;
}
