/*
 * state.c: the served backlog, kept equal to the files by their status
 * (see state.h).
 */
#include "server/state.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/config.h"
#include "core/fm.h"
#include "core/history.h"
#include "core/xalloc.h"

/* a file modified this recently (ns) when it was read is read again */
#define RACY_NS (2LL * 1000000000LL)
/* the versions kept for 409 answers */
#define CACHE_MAX_BYTES ((size_t)16 * 1024 * 1024)

/*-----------------------------------------------------------------------
 * File status
 *----------------------------------------------------------------------*/

static long long
ts_ns(const struct timespec *t)
{
	return (long long)t->tv_sec * 1000000000LL + t->tv_nsec;
}

static void
sig_from(struct file_sig *s, const struct stat *st)
{
	memset(s, 0, sizeof(*s));
	s->dev = st->st_dev;
	s->ino = st->st_ino;
	s->size = st->st_size;
	s->mtime_ns = ts_ns(&st->st_mtim);
	s->ctime_ns = ts_ns(&st->st_ctim);
	s->exists = 1;
}

/* The status of dir/name (following links); exists = 0 when there is
 * none, or a folder.  Other files that are not regular (a FIFO, a
 * device) exist: reading them says what they are, as the loader does. */
static void
sig_at(struct file_sig *s, int dirfd, const char *name)
{
	struct stat st;

	memset(s, 0, sizeof(*s));
	if (fstatat(dirfd, name, &st, 0) == 0 && !S_ISDIR(st.st_mode))
		sig_from(s, &st);
}

/* The status of a folder (its times change when a name in it is added,
 * removed or renamed). */
static void
sig_dir(struct file_sig *s, const char *path)
{
	struct stat st;

	memset(s, 0, sizeof(*s));
	if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
		sig_from(s, &st);
}

static void
sig_path(struct file_sig *s, const char *path)
{
	sig_at(s, AT_FDCWD, path);
}

static int
sig_eq(const struct file_sig *a, const struct file_sig *b)
{
	return a->exists == b->exists && a->dev == b->dev && a->ino == b->ino &&
	       a->size == b->size && a->mtime_ns == b->mtime_ns &&
	       a->ctime_ns == b->ctime_ns;
}

static int
sig_racy(const struct file_sig *s)
{
	struct timespec now;

	if (!s->exists)
		return 0;
	clock_gettime(CLOCK_REALTIME, &now);
	return ts_ns(&now) - s->mtime_ns < RACY_NS ||
	       ts_ns(&now) - s->ctime_ns < RACY_NS;
}

/*-----------------------------------------------------------------------
 * Versions kept
 *----------------------------------------------------------------------*/

static struct vcache_entry *
cache_find(struct state *st, const char *blob)
{
	for (size_t i = 0; i < sizeof(st->cache) / sizeof(st->cache[0]); i++)
		if (st->cache[i].data && !strcmp(st->cache[i].blob, blob))
			return &st->cache[i];
	return NULL;
}

static void
cache_drop(struct state *st, struct vcache_entry *e)
{
	st->cache_bytes -= e->len;
	free(e->data);
	memset(e, 0, sizeof(*e));
}

void
state_keep_version(struct state *st, const char *blob, const char *data,
		   size_t len)
{
	const size_t n = sizeof(st->cache) / sizeof(st->cache[0]);
	struct vcache_entry *e;

	if (!*blob || !data || len > CACHE_MAX_BYTES / 4 || cache_find(st, blob))
		return;
	/* drop the oldest until it fits */
	for (size_t k = 0; k < n && st->cache_bytes + len > CACHE_MAX_BYTES; k++) {
		e = &st->cache[(st->cache_next + k) % n];
		if (e->data)
			cache_drop(st, e);
	}
	e = &st->cache[st->cache_next];
	if (e->data)
		cache_drop(st, e);
	snprintf(e->blob, sizeof(e->blob), "%s", blob);
	e->data = xmemdup0(data, len);
	e->len = len;
	st->cache_bytes += len;
	st->cache_next = (st->cache_next + 1) % n;
}

int
state_old_bytes(struct state *st, const char *blob, char **data, size_t *len)
{
	struct vcache_entry *e = cache_find(st, blob);

	if (e) {
		*data = xmemdup0(e->data, e->len);
		*len = e->len;
		return 0;
	}
	for (size_t i = 0; i < st->items.n; i++) {
		const struct item *it = st->items.v[i].item;

		if (!strcmp(st->items.v[i].blob, blob) && it->data) {
			*data = xmemdup0(it->data, it->len);
			*len = it->len;
			return 0;
		}
	}
	if (st->order_data && !strcmp(st->order_blob, blob)) {
		*data = xmemdup0(st->order_data, st->order_len);
		*len = st->order_len;
		return 0;
	}
	if (st->repo && repo_blob_hex(st->repo, blob, LIMIT_ORDER, data, len, NULL) == 0)
		return 0;
	return DK_ENOTFOUND;
}

/*-----------------------------------------------------------------------
 * Reading
 *----------------------------------------------------------------------*/

static void
file_free(struct state_file *f)
{
	free(f->name);
	free(f->fid);
	item_free(f->item);
}

static void
files_release(struct state_files *f)
{
	for (size_t i = 0; i < f->n; i++)
		file_free(&f->v[i]);
	free(f->v);
	f->v = NULL;
	f->n = 0;
}

/* Parse the file rel (relative to root), shown as path. */
static struct item *
read_item(struct state *st, const char *rel, const char *path, char blob[41])
{
	struct fm_opts fo = FM_OPTS_INIT;
	struct source src = st->src;
	char *data = NULL;
	size_t len = 0;
	struct item *it;
	struct diag_list errs = DIAG_LIST_INIT;

	if (src.read(&src, rel, &data, &len, LIMIT_FILE, &errs)) {
		it = item_new(path, xstrdup(""), 0, &fo);
		diag_list_release(&it->diags);
		it->parsed = 0;
		diag_add(&it->diags, SEV_ERROR, "syntax", path, 0, 0, "%s",
			 errs.n ? diag_last_message(&errs) : "cannot read the file");
		diag_list_release(&errs);
		blob[0] = '\0';
		return it;
	}
	if (st->repo)
		repo_blob_id(st->repo, blob, data, len);
	else
		blob[0] = '\0';
	return item_new(path, data, len, &fo);
}

static int
cmp_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The *.md names of the folder (sorted); NULL with *n = 0 when it
 * cannot be read.  *dfd receives an open descriptor of it, or -1. */
static char **
list_md(const char *dir, size_t *n, int *dfd)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	char **v = NULL;
	size_t alloc = 0;

	*n = 0;
	*dfd = -1;
	if (!d)
		return NULL;
	while ((de = readdir(d))) {
		size_t l = strlen(de->d_name);

		if (de->d_name[0] == '.' || l <= 3 || strcmp(de->d_name + l - 3, ".md"))
			continue;
		v = xgrow(v, &alloc, *n + 1, sizeof(*v));
		v[(*n)++] = xstrdup(de->d_name);
	}
	*dfd = dup(dirfd(d));
	closedir(d);
	if (*n)
		qsort(v, *n, sizeof(*v), cmp_name);
	return v;
}

/* Is the folder (absolute) inside the work tree (no symbolic link
 * leading out of it)? */
static int
inside_top(const struct state *st, const char *dir)
{
	char real[PATH_MAX];
	size_t n = strlen(st->top);

	if (!realpath(dir, real))
		return 1;   /* missing: nothing is read from it */
	return !strncmp(real, st->top, n) && (real[n] == '/' || real[n] == '\0');
}

/* Bring the files of folder rel (relative to root) up to date; 1 when
 * one changed, appeared or went away. */
static int
scan(struct state *st, const char *rel, struct state_files *f)
{
	char *dir = xasprintf("%s/%s", st->root, rel);
	char *shown_prefix = xasprintf("%s%s/", st->bl.relroot, rel);
	struct state_file *nv;
	char **names = NULL;
	size_t n = 0, k = 0, o = 0;
	int dfd = -1, changed = 0;

	struct file_sig dsig;

	sig_dir(&dsig, dir);
	if (dsig.exists && sig_eq(&dsig, &f->dir) && !f->dir_racy) {
		/* no name was added, removed or renamed: the names are known,
		 * only each file's status is read */
		names = xcalloc(f->n + 1, sizeof(*names));
		for (size_t i = 0; i < f->n; i++)
			names[i] = xstrdup(f->v[i].name);
		n = f->n;
		dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	} else if (inside_top(st, dir)) {
		names = list_md(dir, &n, &dfd);
	}
	/* (listed after its status was taken: a name added meanwhile makes
	 * the next status differ) */
	f->dir = dsig;
	f->dir_racy = sig_racy(&dsig);
	nv = xcalloc(n + 1, sizeof(*nv));
	for (size_t i = 0; i < n; i++) {
		struct state_file *old = NULL, *cur;
		struct file_sig sig;
		char blob[41], *frel, *path;
		int c;

		/* files gone since the last scan */
		while (o < f->n && (c = strcmp(f->v[o].name, names[i])) < 0) {
			state_keep_version(st, f->v[o].blob, f->v[o].item->data,
					   f->v[o].item->len);
			file_free(&f->v[o]);
			o++;
			changed = 1;
		}
		if (o < f->n && !strcmp(f->v[o].name, names[i]))
			old = &f->v[o++];
		sig_at(&sig, dfd, names[i]);
		if (!sig.exists) {
			/* a folder, or gone already */
			if (old) {
				state_keep_version(st, old->blob, old->item->data,
						   old->item->len);
				file_free(old);
				changed = 1;
			}
			free(names[i]);
			continue;
		}
		cur = &nv[k++];
		if (old && sig_eq(&old->sig, &sig) && !old->racy) {
			*cur = *old;
			free(names[i]);
			continue;
		}
		frel = xasprintf("%s/%s", rel, names[i]);
		path = xasprintf("%s%s", shown_prefix, names[i]);
		cur->name = names[i];
		cur->fid = item_id_from_filename(names[i]);
		cur->sig = sig;
		cur->racy = sig_racy(&sig);
		cur->item = read_item(st, frel, path, blob);
		snprintf(cur->blob, sizeof(cur->blob), "%s", blob);
		free(frel);
		free(path);
		if (old && *blob && !strcmp(old->blob, blob) && old->item->parsed) {
			/* the same bytes: keep what was parsed */
			item_free(cur->item);
			cur->item = old->item;
			free(old->name);
			free(old->fid);
			continue;
		}
		if (old) {
			state_keep_version(st, old->blob, old->item->data, old->item->len);
			file_free(old);
		}
		changed = 1;
	}
	for (; o < f->n; o++) {
		state_keep_version(st, f->v[o].blob, f->v[o].item->data,
				   f->v[o].item->len);
		file_free(&f->v[o]);
		changed = 1;
	}
	free(f->v);
	f->v = nv;
	f->n = k;
	free(names);
	if (dfd >= 0)
		close(dfd);
	free(dir);
	free(shown_prefix);
	return changed;
}

/* Read ORDER when its status changed; 1 when its bytes did. */
static int
load_order(struct state *st, int force)
{
	char *rel = xasprintf("%s/ORDER", st->bl.config.items);
	char *abs = xasprintf("%s/%s", st->root, rel);
	struct file_sig sig;
	struct source src = st->src;
	char *data = NULL, blob[41] = "";
	size_t len = 0;
	struct diag_list errs = DIAG_LIST_INIT;
	int rc, changed = 0;

	sig_path(&sig, abs);
	if (!force && sig_eq(&sig, &st->order_sig) && !st->order_racy)
		goto out;
	st->order_sig = sig;
	st->order_racy = sig_racy(&sig);
	rc = sig.exists ? src.read(&src, rel, &data, &len, LIMIT_ORDER, &errs) :
	     DK_ENOTFOUND;
	if (rc == 0 && st->repo)
		repo_blob_id(st->repo, blob, data, len);
	if (!force && rc == 0 && st->order_data && !strcmp(blob, st->order_blob)) {
		free(data);
		goto out;
	}
	if (!force && rc == DK_ENOTFOUND && !st->order_data && !st->bl.have_order)
		goto out;
	changed = 1;
	if (st->order_data)
		state_keep_version(st, st->order_blob, st->order_data, st->order_len);
	free(st->order_data);
	st->order_data = NULL;
	st->order_len = 0;
	order_release(&st->bl.order);
	order_init(&st->bl.order);
	diag_list_release(&st->order_diags);
	diag_list_init(&st->order_diags);
	st->bl.have_order = rc == 0;
	snprintf(st->order_blob, sizeof(st->order_blob), "%s", rc == 0 ? blob : "");
	if (rc == 0) {
		order_parse(&st->bl.order, st->bl.order_path, data, len, &st->order_diags);
		st->order_data = data;
		st->order_len = len;
	} else if (rc != DK_ENOTFOUND) {
		diag_add(&st->order_diags, SEV_ERROR, "syntax", st->bl.order_path, 0, 0,
			 "%s", errs.n ? diag_last_message(&errs) : "cannot read the file");
	}
out:
	diag_list_release(&errs);
	free(rel);
	free(abs);
	return changed;
}

/* Read docket.yaml into a fresh backlog (as backlog_load_flags does);
 * the items and cycles are read again when the items folder moved. */
static int
load_config(struct state *st)
{
	struct backlog *bl = &st->bl;
	char *path = xasprintf("%s/docket.yaml", st->root);
	char *old_items = st->loaded ? xstrdup(bl->config.items) : NULL;
	char *data = NULL, *cpath;
	size_t len = 0;
	struct diag_list errs = DIAG_LIST_INIT;
	int rc;

	sig_path(&st->cfg_sig, path);
	st->cfg_racy = sig_racy(&st->cfg_sig);
	free(path);
	/* the lists are views of the state's files: detach them first */
	bl->nitems = 0;
	bl->ncycles = 0;
	backlog_release(bl);
	bl->root = xstrdup(st->root);
	bl->top = xstrdup(st->top);
	if (!strncmp(st->root, st->top, strlen(st->top)) &&
	    st->root[strlen(st->top)] == '/')
		bl->relroot = xasprintf("%s/", st->root + strlen(st->top) + 1);
	else
		bl->relroot = xstrdup("");
	rc = st->src.read(&st->src, "docket.yaml", &data, &len, LIMIT_FILE, &errs);
	if (rc) {
		const char *why = errs.n ? diag_last_message(&errs) : "cannot read the file";

		snprintf(st->err, sizeof(st->err), "cannot read docket.yaml: %.400s", why);
		diag_add(&bl->diags, SEV_ERROR, "config", "docket.yaml", 0, 0, "%s", why);
		diag_list_release(&errs);
		free(old_items);
		return rc == DK_ENOTFOUND ? DK_ENOTFOUND : DK_EIO;
	}
	cpath = xasprintf("%sdocket.yaml", bl->relroot);
	bl->config_ok = config_parse(&bl->config, cpath, data, len, &bl->diags) == 0;
	free(cpath);
	free(data);
	bl->items_rel = xasprintf("%s%s/", bl->relroot, bl->config.items);
	bl->order_path = xasprintf("%sORDER", bl->items_rel);
	if (old_items && strcmp(old_items, bl->config.items)) {
		files_release(&st->items);
		files_release(&st->cycles);
	}
	free(old_items);
	load_order(st, 1);
	return 0;
}

static void
rebuild(struct state *st)
{
	struct backlog *bl = &st->bl;

	free(bl->items);
	bl->items = xcalloc(st->items.n + 1, sizeof(*bl->items));
	bl->nitems = st->items.n;
	strmap_release(&bl->by_id);
	strmap_init(&bl->by_id);
	for (size_t i = 0; i < st->items.n; i++) {
		struct item *it = st->items.v[i].item;

		bl->items[i] = it;
		if (!it->id)
			continue;
		if (!strmap_find(&bl->by_id, it->id, strlen(it->id)))
			strmap_put(&bl->by_id, it->id, strlen(it->id), it);
		it->rank = order_rank(&bl->order, it->id);
	}
	/* a file that does not parse is found by the id its name implies
	 * (as backlog_load_item finds it) */
	for (size_t i = 0; i < st->items.n; i++) {
		const char *fid = st->items.v[i].fid;

		if (fid && !st->items.v[i].item->id && !strmap_find(&bl->by_id, fid, strlen(fid)))
			strmap_put(&bl->by_id, fid, strlen(fid), st->items.v[i].item);
	}
	backlog_score(bl, -1);
	free(bl->cycles);
	bl->cycles = xcalloc(st->cycles.n + 1, sizeof(*bl->cycles));
	bl->ncycles = st->cycles.n;
	for (size_t i = 0; i < st->cycles.n; i++)
		bl->cycles[i] = st->cycles.v[i].item;
}

int
state_refresh(struct state *st)
{
	struct file_sig sig;
	char *path = xasprintf("%s/docket.yaml", st->root), *cyc;
	int changed = 0;

	sig_path(&sig, path);
	free(path);
	if (!sig_eq(&sig, &st->cfg_sig) || st->cfg_racy) {
		load_config(st);
		changed = 1;
	} else {
		changed |= load_order(st, 0);
	}
	if (st->bl.config.items) {
		changed |= scan(st, st->bl.config.items, &st->items);
		cyc = xasprintf("%s/cycles", st->bl.config.items);
		changed |= scan(st, cyc, &st->cycles);
		free(cyc);
	}
	if (changed) {
		rebuild(st);
		st->gen++;
	}
	return changed;
}

void
state_refresh_config(struct state *st)
{
	struct file_sig sig;
	char *path = xasprintf("%s/docket.yaml", st->root);

	sig_path(&sig, path);
	free(path);
	if (!sig_eq(&sig, &st->cfg_sig) || st->cfg_racy)
		state_refresh(st);
}

int
state_config_errors(const struct state *st, struct sbuf *msg)
{
	const struct diag_list *l = &st->bl.diags;
	size_t n = 0;

	if (st->bl.config_ok)
		return 0;
	for (size_t i = 0; i < l->n; i++) {
		const struct diag *d = &l->v[i];

		if (d->severity != SEV_ERROR || !d->rule || strcmp(d->rule, "config"))
			continue;
		sbuf_addf(msg, "%s%s", n++ ? "; " : "", d->file ? d->file : "docket.yaml");
		if (d->line > 0)
			sbuf_addf(msg, ":%d", d->line);
		if (d->line > 0 && d->column > 0)
			sbuf_addf(msg, ":%d", d->column);
		sbuf_addf(msg, ": %s", d->message);
	}
	if (!n)
		sbuf_adds(msg, "docket.yaml cannot be read");
	return 1;
}

int
state_open(struct state *st, const char *dir, struct repo *repo)
{
	char *top;

	memset(st, 0, sizeof(*st));
	backlog_init(&st->bl);
	diag_list_init(&st->order_diags);
	st->repo = repo;
	if (backlog_find_root(&st->root, dir)) {
		snprintf(st->err, sizeof(st->err),
			 "not in a backlog (no docket.yaml here or in any parent folder); run 'docket init'");
		return DK_ENOTFOUND;
	}
	top = repo && repo->workdir ? xstrdup(repo->workdir) : backlog_find_top(st->root);
	st->top = top ? top : xstrdup(st->root);
	source_worktree(&st->src, st->root, st->top);
	if (load_config(st))
		return DK_EIO;
	st->loaded = 1;
	state_refresh(st);
	rebuild(st);
	return 0;
}

void
state_close(struct state *st)
{
	st->bl.nitems = 0;
	st->bl.ncycles = 0;
	backlog_release(&st->bl);
	files_release(&st->items);
	files_release(&st->cycles);
	diag_list_release(&st->order_diags);
	free(st->order_data);
	for (size_t i = 0; i < sizeof(st->cache) / sizeof(st->cache[0]); i++)
		free(st->cache[i].data);
	if (st->src.release)
		st->src.release(&st->src);
	free(st->root);
	free(st->top);
	memset(st, 0, sizeof(*st));
}

const char *
state_version(const struct state *st, const struct item *it)
{
	const char *slash = strrchr(it->path, '/');
	const char *name = slash ? slash + 1 : it->path;
	const struct state_files *f = &st->items;
	size_t lo = 0, hi = f->n;

	/* items are sorted by name; a cycle file is looked up among cycles */
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = strcmp(f->v[mid].name, name);

		if (!c)
			return f->v[mid].item == it ? f->v[mid].blob : "";
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (size_t i = 0; i < st->cycles.n; i++)
		if (st->cycles.v[i].item == it)
			return st->cycles.v[i].blob;
	return "";
}

struct item *
state_item(const struct state *st, const char *id)
{
	return backlog_item(&st->bl, id);
}

void
state_fill_dates(struct state *st)
{
	struct diag_list d = DIAG_LIST_INIT;

	if (st->dates_gen == st->gen || !st->repo)
		return;
	history_fill_dates(&st->bl, st->repo, &d);
	diag_list_release(&d);
	st->dates_gen = st->gen;
}
