/*
 * cycle_scope.c: the commitment and scope changes of each cycle, from
 * the history of the cycle files (see cycle_scope.h).
 *
 * Each tracked file collects its versions newest first (the working
 * tree's, then one per commit that changed it) until a version dated on
 * or before the cycle's start is met, or the version that added the
 * file.  That version is the commitment; the newer ones, compared in
 * turn, are the changes.
 */
#include "core/cycle_scope.h"

#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "core/fm.h"
#include "core/history.h"
#include "core/strmap.h"
#include "core/xalloc.h"
#include "core/ynode.h"

struct version {
	long day;
	int uncommitted;
	const char **ids;          /* into the pool */
	size_t n;
};

struct track {
	struct scope_file *file;
	const char *name;          /* the file name in the folder */
	long start;
	struct version *v;         /* newest first */
	size_t nv, av;
	int resolved;              /* the commitment's version is in v */
};

static const char *
pool_add(struct scope_hist *h, const char *s, size_t len)
{
	h->pool = xgrow(h->pool, &h->apool, h->npool + 1, sizeof(*h->pool));
	h->pool[h->npool] = xstrndup(s, len);
	return h->pool[h->npool++];
}

/* The committed ids of a parsed front matter (scalars of the list). */
static void
ids_of(struct scope_hist *h, const struct ynode *root, struct version *out)
{
	const struct ynode *c = root ? ynode_get(root, "committed") : NULL;

	out->ids = NULL;
	out->n = 0;
	if (!c || c->type != YNODE_SEQ)
		return;
	out->ids = xcalloc(c->nkids + 1, sizeof(*out->ids));
	for (size_t k = 0; k < c->nkids; k++)
		if (c->kids[k]->type == YNODE_SCALAR && c->kids[k]->len)
			out->ids[out->n++] = pool_add(h, c->kids[k]->text,
						      c->kids[k]->len);
}

static struct version *
push(struct track *t, long day, int uncommitted)
{
	struct version *v;

	t->v = xgrow(t->v, &t->av, t->nv + 1, sizeof(*t->v));
	v = &t->v[t->nv++];
	memset(v, 0, sizeof(*v));
	v->day = day;
	v->uncommitted = uncommitted;
	return v;
}

/* A committed version of the file: its blob (NULL: deleted). */
static void
push_blob(struct scope_hist *h, struct track *t, struct history_walk *w,
	  const struct git_oid *id, long day, struct diag_list *d)
{
	struct version *v = push(t, day, 0);
	struct fm_opts fo = FM_OPTS_INIT;
	struct diag_list quiet = DIAG_LIST_INIT;
	struct fm fm;
	char *data = NULL;
	size_t len = 0;

	if (!id)
		return;
	if (history_walk_read(w, id, &data, &len, LIMIT_FILE)) {
		diag_add(d, SEV_WARNING, "history", t->file->path, 0, 0,
			 "an old version of %s cannot be read; its scope changes may be incomplete",
			 t->file->path);
		return;
	}
	fm_init(&fm);
	if (fm_parse(&fm, data, len, &fo, t->file->path, &quiet) == 0)
		ids_of(h, fm.root, v);
	fm_release(&fm);
	diag_list_release(&quiet);
	free(data);
}

static int
has(const char *const *ids, size_t n, const char *id)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(ids[i], id))
			return 1;
	return 0;
}

static void
event(struct scope_file *f, size_t *alloc, const char *id,
      const struct version *v, int added)
{
	struct scope_event *e;

	f->ev = xgrow(f->ev, alloc, f->nev + 1, sizeof(*f->ev));
	e = &f->ev[f->nev++];
	e->id = id;
	e->day = v->day;
	e->added = added;
	e->uncommitted = v->uncommitted;
}

/* The commitment and the changes after it, from the versions. */
static void
settle(struct track *t)
{
	struct scope_file *f = t->file;
	struct strmap seen = STRMAP_INIT;
	size_t b = t->nv - 1, alloc = 0;

	for (size_t k = 0; k < t->nv; k++)
		if (t->v[k].day <= t->start) {
			b = k;
			break;
		}
	f->from_history = t->nv > 1;
	f->baseline = xcalloc(t->v[b].n + 1, sizeof(*f->baseline));
	for (size_t i = 0; i < t->v[b].n; i++) {
		const char *id = t->v[b].ids[i];

		if (!strmap_put(&seen, id, strlen(id), (void *)1))
			f->baseline[f->nbaseline++] = id;
	}
	for (size_t k = b; k-- > 0;) {
		const struct version *old = &t->v[k + 1], *cur = &t->v[k];

		/* each id once, at its first listing */
		for (size_t i = 0; i < cur->n; i++)
			if (!has(old->ids, old->n, cur->ids[i]) &&
			    !has(cur->ids, i, cur->ids[i]))
				event(f, &alloc, cur->ids[i], cur, 1);
		for (size_t i = 0; i < old->n; i++)
			if (!has(cur->ids, cur->n, old->ids[i]) &&
			    !has(old->ids, i, old->ids[i]))
				event(f, &alloc, old->ids[i], cur, 0);
	}
	strmap_release(&seen);
}

static const char *
base_name(const char *path)
{
	const char *s = strrchr(path, '/');

	return s ? s + 1 : path;
}

int
scope_hist_read(struct scope_hist **out, const struct backlog *bl,
		struct repo *r, const char *rev, long today,
		struct diag_list *d, struct diag_list *errs)
{
	struct scope_hist *h;
	struct track *t;
	struct strmap byname = STRMAP_INIT;
	struct history_walk *w = NULL;
	const struct history_commit *c;
	size_t nt = 0, open = 0;
	struct diag_list why = DIAG_LIST_INIT;   /* the walk's errors */
	char *dir;
	int rc = 0;

	*out = NULL;
	if (!bl->ncycles)
		return 0;
	h = xcalloc(1, sizeof(*h));
	h->v = xcalloc(bl->ncycles + 1, sizeof(*h->v));
	t = xcalloc(bl->ncycles + 1, sizeof(*t));
	for (size_t i = 0; i < bl->ncycles; i++) {
		const struct item *cf = bl->cycles[i];
		struct track *tk;
		long start;

		if (!cf->parsed || date_parse(&start, ynode_str(item_get(cf, "start"))))
			continue;
		tk = &t[nt];
		tk->file = &h->v[h->n++];
		tk->file->path = xstrdup(cf->path);
		tk->name = base_name(tk->file->path);
		tk->start = start;
		/* the version read (at rev, the same as its commit's) */
		ids_of(h, cf->fm.root, push(tk, today, !rev));
		/* a cycle that has not started: that is its commitment */
		tk->resolved = today <= start;
		open += !tk->resolved;
		strmap_put(&byname, tk->name, strlen(tk->name), tk);
		nt++;
	}
	dir = xasprintf("%scycles", bl->items_rel ? bl->items_rel : "");
	if (open && (rc = history_walk_new(&w, r, rev, dir, 0, &why)))
		open = 0;
	while (open && (rc = history_walk_next(w, &c)) == 1) {
		const struct history_change *v;
		size_t n;

		history_walk_changes(w, &v, &n);
		for (size_t i = 0; i < n; i++) {
			struct track *tk = strmap_get(&byname, v[i].name);

			if (!tk || tk->resolved)
				continue;
			push_blob(h, tk, w, v[i].new_id, c->day, d);
			if (c->day <= tk->start || v[i].kind == HC_ADDED) {
				tk->resolved = 1;
				open--;
			}
		}
	}
	if (rc < 0)
		diag_add(d, SEV_WARNING, "history", NULL, 0, 0,
			 "the history of the cycle files could not be read to the end: %s",
			 why.n ? diag_last_message(&why) : "unknown error");
	for (size_t i = 0; i < nt; i++) {
		settle(&t[i]);
		for (size_t k = 0; k < t[i].nv; k++)
			free(t[i].v[k].ids);
		free(t[i].v);
	}
	free(t);
	free(dir);
	strmap_release(&byname);
	history_walk_free(w);
	if (rc < 0 && !h->n) {
		diag_error(errs, rc, "%s", why.n ? diag_last_message(&why) : "unknown error");
		diag_list_release(&why);
		scope_hist_free(h);
		return rc;
	}
	diag_list_release(&why);
	*out = h;
	return 0;
}

void
scope_hist_free(struct scope_hist *h)
{
	if (!h)
		return;
	for (size_t i = 0; i < h->n; i++) {
		free(h->v[i].path);
		free(h->v[i].baseline);
		free(h->v[i].ev);
	}
	free(h->v);
	for (size_t i = 0; i < h->npool; i++)
		free(h->pool[i]);
	free(h->pool);
	free(h);
}

const struct scope_file *
scope_hist_file(const struct scope_hist *h, const char *path)
{
	for (size_t i = 0; h && i < h->n; i++)
		if (!strcmp(h->v[i].path, path))
			return &h->v[i];
	return NULL;
}
