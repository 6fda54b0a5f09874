/*
 * history_scan.c: raw folder trees and the second thread of the history
 * walk (see history_scan.h).
 *
 * A raw tree is a run of entries "<octal mode> <name>\0<20-byte id>",
 * sorted by name (a sub-tree sorts as "name/"; among files that is plain
 * byte order, which is all the comparison needs).
 */
#include "core/history_scan.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/history.h"
#include "core/xalloc.h"

#define THREAD_MIN 256   /* commits to work out before a thread pays */

void
hscan_init(struct hscan *s, git_odb *odb, const char *dir,
	   struct diag_list *errs)
{
	memset(s, 0, sizeof(*s));
	s->odb = odb;
	s->dir = dir;
	s->errs = errs;
}

void
hscan_release(struct hscan *s)
{
	git_odb_object_free(s->cur);
	git_odb_object_free(s->par);
	memset(s, 0, sizeof(*s));
}

static int
scan_fail(struct hscan *s, const char *what)
{
	const git_error *e = git_error_last();

	diag_error(s->errs, DK_EIO, "%s%s%s", what, e && e->message ? ": " : "",
		   e && e->message ? e->message : "");
	git_error_clear();
	return -1;
}

static int
read_tree(struct hscan *s, const git_oid *id, git_odb_object **out)
{
	if (git_odb_read(out, s->odb, id) < 0)
		return scan_fail(s, "cannot read a tree of the history");
	if (git_odb_object_type(*out) != GIT_OBJECT_TREE) {
		git_odb_object_free(*out);
		*out = NULL;
		diag_error(s->errs, DK_EIO, "an object of the history is not a tree");
		return -1;
	}
	return 0;
}

struct raw_entry {
	const char *name;          /* NUL-terminated inside the tree */
	size_t namelen;
	unsigned mode;
	const unsigned char *id;
};

/* The size of the entry at pos, or 0 when it is malformed. */
static size_t
raw_size(const unsigned char *t, size_t len, size_t pos)
{
	const unsigned char *nul = memchr(t + pos, '\0', len - pos);

	if (!nul || (size_t)(nul - t) + 1 + GIT_OID_RAWSZ > len)
		return 0;
	return (size_t)(nul - t) + 1 + GIT_OID_RAWSZ - pos;
}

/* The entry at *pos (then past it): 1, 0 at the end, -1 malformed. */
static int
raw_next(const unsigned char *t, size_t len, size_t *pos, struct raw_entry *e)
{
	size_t size, k = *pos;
	unsigned mode = 0;

	if (*pos >= len)
		return 0;
	if (!(size = raw_size(t, len, *pos)))
		return -1;
	while (t[k] >= '0' && t[k] <= '7' && mode <= 07777777)
		mode = mode << 3 | (unsigned)(t[k++] - '0');
	if (k == *pos || t[k] != ' ' || mode > 07777777)
		return -1;
	e->name = (const char *)t + k + 1;
	e->namelen = *pos + size - GIT_OID_RAWSZ - 1 - (k + 1);
	e->mode = mode;
	e->id = t + *pos + size - GIT_OID_RAWSZ;
	*pos += size;
	return e->namelen ? 1 : -1;
}

/* A file, as git_tree_entry_filemode normalises modes: not a tree, a
 * submodule or a symbolic link. */
static int
raw_is_blob(unsigned mode)
{
	unsigned type = mode & 0170000;

	if (type == 0040000)
		return 0;
	if (mode & 0111)
		return 1;
	return type != 0160000 && type != 0120000;
}

static int
raw_next_blob(const unsigned char *t, size_t len, size_t *pos, struct raw_entry *e)
{
	int rc;

	while ((rc = raw_next(t, len, pos, e)) == 1 && !raw_is_blob(e->mode))
		;
	return rc;
}

int
hscan_folder(struct hscan *s, const git_oid *root, git_oid *out)
{
	const char *p = s->dir;
	git_oid id = *root;

	while (*p) {
		size_t want = strcspn(p, "/"), pos = 0;
		git_odb_object *t = NULL;
		struct raw_entry e;
		int rc, found = 0;

		if (read_tree(s, &id, &t) < 0)
			return -1;
		while ((rc = raw_next(git_odb_object_data(t), git_odb_object_size(t), &pos, &e)) == 1)
			if (e.namelen == want && !memcmp(e.name, p, want)) {
				found = (e.mode & 0170000) == 0040000;
				git_oid_fromraw(&id, e.id);
				break;
			}
		git_odb_object_free(t);
		if (rc < 0) {
			diag_error(s->errs, DK_EIO, "a tree of the history is damaged");
			return -1;
		}
		if (!found)
			return 1;
		p += want;
		while (*p == '/')
			p++;
	}
	*out = id;
	return 0;
}

/* Keep folder tree id in s->cur, reusing s->par when it holds it. */
static int
hold(struct hscan *s, const git_oid *id, git_odb_object **slot,
     git_odb_object **other)
{
	git_odb_object *t;

	if (!id) {
		git_odb_object_free(*slot);
		*slot = NULL;
		return 0;
	}
	if (*slot && git_oid_equal(git_odb_object_id(*slot), id))
		return 0;
	if (*other && git_oid_equal(git_odb_object_id(*other), id)) {
		t = *slot;
		*slot = *other;
		*other = t;
		return 0;
	}
	git_odb_object_free(*slot);
	*slot = NULL;
	return read_tree(s, id, slot);
}

static void
add_change(struct hc_change **v, size_t *n, size_t *alloc, const char *name,
	   char kind, const unsigned char *old_id, const unsigned char *new_id)
{
	struct hc_change *c;

	*v = xgrow(*v, alloc, *n + 1, sizeof(**v));
	c = &(*v)[(*n)++];
	memset(c, 0, sizeof(*c));
	c->name = name;
	c->kind = kind;
	if (old_id)
		git_oid_fromraw(&c->old_id, old_id);
	if (new_id)
		git_oid_fromraw(&c->new_id, new_id);
}

int
hscan_diff(struct hscan *s, const git_oid *par, const git_oid *cur,
	   struct hc_change **v, size_t *n, size_t *alloc)
{
	const unsigned char *a, *b;
	size_t la, lb, pa = 0, pb = 0;
	struct raw_entry ea, eb;
	int ha = 0, hb = 0;

	if (hold(s, cur, &s->cur, &s->par) < 0 || hold(s, par, &s->par, &s->cur) < 0)
		return -1;
	a = s->par ? git_odb_object_data(s->par) : NULL;
	la = s->par ? git_odb_object_size(s->par) : 0;
	b = s->cur ? git_odb_object_data(s->cur) : NULL;
	lb = s->cur ? git_odb_object_size(s->cur) : 0;
	for (;;) {
		int c;

		if (!ha && !hb && pa < la && pb < lb) {
			size_t sa = raw_size(a, la, pa);

			/* the same bytes: the same file, unchanged */
			if (sa && sa == raw_size(b, lb, pb) && !memcmp(a + pa, b + pb, sa)) {
				pa += sa;
				pb += sa;
				continue;
			}
		}
		if ((!ha && (ha = raw_next_blob(a, la, &pa, &ea)) < 0) ||
		    (!hb && (hb = raw_next_blob(b, lb, &pb, &eb)) < 0)) {
			diag_error(s->errs, DK_EIO, "the items folder's tree is damaged");
			return -1;
		}
		if (!ha && !hb)
			return 0;
		c = !ha ? 1 : !hb ? -1 : strcmp(ea.name, eb.name);
		if (c < 0) {
			add_change(v, n, alloc, ea.name, HC_DELETED, ea.id, NULL);
			ha = 0;
		} else if (c > 0) {
			add_change(v, n, alloc, eb.name, HC_ADDED, NULL, eb.id);
			hb = 0;
		} else {
			if (memcmp(ea.id, eb.id, GIT_OID_RAWSZ))
				add_change(v, n, alloc, eb.name, HC_MODIFIED, ea.id, eb.id);
			ha = hb = 0;
		}
	}
}

/* ---------------------------------------------------------------------
 * The second thread
 * ------------------------------------------------------------------- */

struct hprefetch {
	pthread_t thread;
	pthread_mutex_t lock;
	size_t front, back;        /* steps: the walk's [0, front), the thread's [back, n) */
	int stop;
	struct hp_pos *pos;
	size_t n;
	int oldest_first;
	git_repository *git;       /* the thread's own */
	git_odb *odb;
	char *dir;
	struct hc_record **out;
	/* the thread's memo of the last folders it found */
	size_t memo_pos[2];
	int memo_has[2];
	git_oid memo_folder[2];
	int memo_next;
};

static void
record_free(struct hc_record *r)
{
	if (!r)
		return;
	for (size_t k = 0; k < r->nchanges; k++)
		free((char *)r->changes[k].name);
	free(r->changes);
	free(r);
}

/* The folder at position i: 0 (has or not in *has), < 0 on errors. */
static int
pos_folder(struct hprefetch *p, struct hscan *s, size_t i, int *has, git_oid *f)
{
	int rc;

	*has = 0;
	if (i >= p->n)
		return 0;
	if (p->pos[i].known) {
		*has = p->pos[i].has_folder;
		*f = p->pos[i].folder;
		return 0;
	}
	for (int k = 0; k < 2; k++)
		if (p->memo_pos[k] == i + 1) {
			*has = p->memo_has[k];
			*f = p->memo_folder[k];
			return 0;
		}
	if ((rc = hscan_folder(s, &p->pos[i].root, f)) < 0)
		return rc;
	*has = rc == 0;
	p->memo_pos[p->memo_next] = i + 1;
	p->memo_has[p->memo_next] = *has;
	p->memo_folder[p->memo_next] = *f;
	p->memo_next ^= 1;
	return 0;
}

static int
compute(struct hprefetch *p, struct hscan *s, size_t i)
{
	struct hc_record *r = xcalloc(1, sizeof(*r));
	size_t alloc = 0;

	r->commit = p->pos[i].commit;
	r->root = i + 1 >= p->n;
	if (!r->root)
		r->parent = p->pos[i + 1].commit;
	if (pos_folder(p, s, i, &r->has_folder, &r->folder) < 0 ||
	    pos_folder(p, s, i + 1, &r->parent_has_folder, &r->parent_folder) < 0)
		goto fail;
	if (r->has_folder != r->parent_has_folder ||
	    (r->has_folder && !git_oid_equal(&r->folder, &r->parent_folder))) {
		if (hscan_diff(s, r->parent_has_folder ? &r->parent_folder : NULL,
			       r->has_folder ? &r->folder : NULL,
			       &r->changes, &r->nchanges, &alloc) < 0)
			goto fail;
		for (size_t k = 0; k < r->nchanges; k++)
			r->changes[k].name = xstrdup(r->changes[k].name);
	}
	r->fresh = 3;
	p->out[i] = r;
	return 0;
fail:
	free(r->changes);
	free(r);
	return -1;
}

static void *
run(void *arg)
{
	struct hprefetch *p = arg;
	struct hscan s;

	hscan_init(&s, p->odb, p->dir, NULL);   /* the walk redoes what fails */
	for (;;) {
		size_t step, i;

		pthread_mutex_lock(&p->lock);
		if (p->stop || p->back <= p->front) {
			pthread_mutex_unlock(&p->lock);
			break;
		}
		step = --p->back;
		pthread_mutex_unlock(&p->lock);
		i = p->oldest_first ? p->n - 1 - step : step;
		if (p->pos[i].need && compute(p, &s, i) < 0)
			break;   /* the walk will do the rest, and say why */
	}
	git_error_clear();
	hscan_release(&s);
	return NULL;
}

static void
prefetch_free(struct hprefetch *p)
{
	git_odb_free(p->odb);
	git_repository_free(p->git);
	free(p->pos);
	free(p->dir);
	free(p->out);
	free(p);
}

struct hprefetch *
hprefetch_start(git_repository *git, const char *dir, struct hp_pos *pos,
		size_t n, int oldest_first)
{
	const char *env = getenv("DOCKET_HISTORY_THREADS");
	size_t need = 0, min = THREAD_MIN;
	struct hprefetch *p;

	for (size_t i = 0; i < n; i++)
		need += pos[i].need;
	if (env && (!strcmp(env, "0") || !strcmp(env, "1")))
		need = 0;
	else if (env && !strcmp(env, "2"))
		min = 2;
	if (need < min || !(git_libgit2_features() & GIT_FEATURE_THREADS)) {
		free(pos);
		return NULL;
	}
	p = xcalloc(1, sizeof(*p));
	p->pos = pos;
	p->n = n;
	p->oldest_first = oldest_first;
	p->dir = xstrdup(dir);
	p->out = xcalloc(n + 1, sizeof(*p->out));
	p->front = 0;
	p->back = n;
	p->memo_pos[0] = p->memo_pos[1] = 0;   /* 0: empty (positions are stored + 1) */
	if (git_repository_open_bare(&p->git, git_repository_path(git)) < 0 ||
	    git_repository_odb(&p->odb, p->git) < 0) {
		git_error_clear();
		prefetch_free(p);
		return NULL;
	}
	if (pthread_mutex_init(&p->lock, NULL)) {
		prefetch_free(p);
		return NULL;
	}
	if (pthread_create(&p->thread, NULL, run, p)) {
		pthread_mutex_destroy(&p->lock);
		prefetch_free(p);
		return NULL;
	}
	return p;
}

int
hprefetch_claim(struct hprefetch *p, size_t step)
{
	int mine;

	pthread_mutex_lock(&p->lock);
	mine = step < p->back;
	if (mine && step + 1 > p->front)
		p->front = step + 1;
	pthread_mutex_unlock(&p->lock);
	return mine;
}

void
hprefetch_finish(struct hprefetch *p, struct hc_record **out)
{
	pthread_mutex_lock(&p->lock);
	p->stop = 1;
	pthread_mutex_unlock(&p->lock);
	pthread_join(p->thread, NULL);
	pthread_mutex_destroy(&p->lock);
	memcpy(out, p->out, p->n * sizeof(*out));
	prefetch_free(p);
}

void
hscan_record_free(struct hc_record *r)
{
	record_free(r);
}
