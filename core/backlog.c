/*
 * backlog.c: load docket.yaml, items, ORDER and cycles.
 *
 * Items are independent, so they are read and parsed by a small pool of
 * threads (one per online core, at most 8) that take the next file index
 * from an atomic counter; each item collects its own diags, merged in
 * file order afterwards so output does not depend on scheduling.
 */
#include "core/backlog.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/cycle_scope.h"
#include "core/fsutil.h"
#include "core/score.h"
#include "core/xalloc.h"
#include "core/utf8.h"

/* ---------------------------------------------------------------------
 * Discovery
 * ------------------------------------------------------------------- */

static int
is_ceiling(const char *dir)
{
	const char *env = getenv("GIT_CEILING_DIRECTORIES");
	const char *p;

	if (!env || !*env)
		return 0;
	p = env;
	while (*p) {
		const char *e = strchr(p, ':');
		size_t n = e ? (size_t)(e - p) : strlen(p);
		char tmp[PATH_MAX], real[PATH_MAX];

		if (n && n < sizeof(tmp)) {
			memcpy(tmp, p, n);
			tmp[n] = '\0';
			while (n > 1 && tmp[n - 1] == '/')
				tmp[--n] = '\0';
			if (!strcmp(tmp, dir))
				return 1;
			if (realpath(tmp, real) && !strcmp(real, dir))
				return 1;
		}
		if (!e)
			break;
		p = e + 1;
	}
	return 0;
}

static int
exists(const char *dir, const char *name)
{
	char path[PATH_MAX];
	struct stat st;

	if ((size_t)snprintf(path, sizeof(path), "%s/%s", dir, name) >= sizeof(path))
		return 0;
	return stat(path, &st) == 0;
}

/* Walk upward from start looking for name; stop below a ceiling. */
static char *
find_upward(const char *start, const char *name)
{
	char real[PATH_MAX];
	char *slash;

	if (!realpath(start, real))
		return NULL;
	for (;;) {
		if (exists(real, name))
			return xstrdup(real);
		if (!strcmp(real, "/"))
			return NULL;
		slash = strrchr(real, '/');
		if (slash == real)
			real[1] = '\0';
		else
			*slash = '\0';
		if (is_ceiling(real))
			return NULL;
	}
}

int
backlog_find_root(char **out, const char *start)
{
	*out = find_upward(start, "docket.yaml");
	return *out ? 0 : DK_ENOTFOUND;
}

char *
backlog_find_top(const char *dir)
{
	return find_upward(dir, ".git");
}

/* ---------------------------------------------------------------------
 * The working-tree source
 * ------------------------------------------------------------------- */

struct wt {
	char *root;
	char *top;
	char *okdir;    /* a folder found inside top by wt_list (no threads then) */
};

/* Is rel absolute, or has it a ".." segment?  Paths come from ids and
 * file names checked before; this is the last line of defence. */
static int
rel_escapes(const char *rel)
{
	const char *p = rel;

	if (*rel == '/')
		return 1;
	while (*p) {
		size_t n = strcspn(p, "/");

		if (n == 2 && p[0] == '.' && p[1] == '.')
			return 1;
		p += n;
		if (*p == '/')
			p++;
	}
	return 0;
}

static int
wt_path(struct wt *w, const char *rel, char *buf, size_t n)
{
	if (rel_escapes(rel))
		return -1;
	return (size_t)snprintf(buf, n, "%s/%s", w->root, rel) < n ? 0 : -1;
}

/* Is path (a symlink) resolving inside top? */
static int
link_inside(struct wt *w, const char *path)
{
	char real[PATH_MAX];
	size_t n = strlen(w->top);

	if (!realpath(path, real))
		return 0;
	return !strncmp(real, w->top, n) && (real[n] == '/' || real[n] == '\0');
}

/* Does folder dir (absolute) resolve inside top?  A folder that is, or
 * passes through, a symbolic link leading out of the repository is not
 * followed (docs/robustness.md). */
static int
dir_inside(struct wt *w, const char *dir)
{
	char real[PATH_MAX];
	size_t n = strlen(w->top);

	if (w->okdir && !strcmp(dir, w->okdir))
		return 1;
	if (!realpath(dir, real))
		return errno == ENOENT;   /* reported as missing by the caller */
	return !strncmp(real, w->top, n) && (real[n] == '/' || real[n] == '\0');
}

static int
wt_read(struct source *s, const char *rel, char **data, size_t *len,
	enum limit_kind lim, struct diag_list *errs)
{
	struct wt *w = s->ctx;
	char path[PATH_MAX], real[PATH_MAX];
	const char *open_path = path;
	struct stat st;
	int fd, rc;

	if (wt_path(w, rel, path, sizeof(path)))
		return diag_error(errs, DK_EINVALID,
				  "path leads outside the backlog, or is too long; not read");
	{
		char *slash = strrchr(path, '/');
		int in;

		*slash = '\0';
		in = dir_inside(w, path);
		*slash = '/';
		if (!in) {
			return diag_error(errs, DK_EINVALID, "its folder is a symbolic link leading outside the repository; not followed");
		}
	}
	/* a link is followed only when it resolves inside the repository;
	 * its target is then opened like any file (not following links,
	 * without blocking, regular files only) */
	if (lstat(path, &st) == 0 && S_ISLNK(st.st_mode)) {
		if (!link_inside(w, path) || !realpath(path, real))
			return diag_error(errs, DK_EINVALID,
					  "symbolic link leads outside the repository; not followed");
		open_path = real;
	}
	rc = fsutil_open_regular(open_path, "the file", 0, &fd, &st, errs);
	if (rc == 0) {
		rc = fsutil_read_fd(fd, &st, lim, "the file", data, len, errs);
		close(fd);
	}
	return rc;
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Named like a backlog file (X.md)? */
static int
md_name(const char *name)
{
	size_t l = strlen(name);

	return l > 3 && !strcmp(name + l - 3, ".md");
}

static int
wt_list(struct source *s, const char *rel, char ***names, size_t *n,
	struct diag_list *errs)
{
	struct wt *w = s->ctx;
	char path[PATH_MAX], sub[PATH_MAX];
	struct dirent *de;
	size_t alloc = 0;
	DIR *d;

	*names = NULL;
	*n = 0;
	if (wt_path(w, rel, path, sizeof(path)))
		return diag_error(errs, DK_EIO, "path too long; not read");
	if (!dir_inside(w, path)) {
		return diag_error(errs, DK_EINVALID, "symbolic link leading outside the repository; not followed");
	}
	free(w->okdir);
	w->okdir = xstrdup(path);
	d = opendir(path);
	if (!d) {
		return diag_error(errs, errno == ENOENT ? DK_ENOTFOUND : DK_EIO, "cannot open folder: %s",
			 strerror(errno));
	}
	while ((de = readdir(d))) {
		struct stat st;

		if (de->d_name[0] == '.')
			continue;
		/* folders are left out (cycles/), but for one named like a
		 * file (MKT-9.md); everything else is listed, FIFOs, sockets,
		 * devices and links too, so that read reports what is not a
		 * regular file instead of it vanishing from the backlog.
		 * Reading the type never opens the file. */
		if (de->d_type == DT_DIR && !md_name(de->d_name))
			continue;
		if (de->d_type == DT_UNKNOWN || de->d_type == DT_LNK) {
			if ((size_t)snprintf(sub, sizeof(sub), "%s/%s", path,
					     de->d_name) >= sizeof(sub))
				continue;
			if (de->d_type == DT_UNKNOWN && lstat(sub, &st) == 0 &&
			    S_ISDIR(st.st_mode) && !md_name(de->d_name))
				continue;
			/* a link to a folder inside the repository is a folder */
			if (de->d_type == DT_LNK && link_inside(w, sub) &&
			    stat(sub, &st) == 0 && S_ISDIR(st.st_mode) &&
			    !md_name(de->d_name))
				continue;
		}
		*names = xgrow(*names, &alloc, *n + 1, sizeof(**names));
		(*names)[(*n)++] = xstrdup(de->d_name);
	}
	closedir(d);
	if (*n)   /* qsort(NULL, 0, ...) is undefined */
		qsort(*names, *n, sizeof(**names), cmp_str);
	return 0;
}

static void
wt_release(struct source *s)
{
	struct wt *w = s->ctx;

	if (!w)
		return;
	free(w->root);
	free(w->top);
	free(w->okdir);
	free(w);
	s->ctx = NULL;
}

void
source_worktree(struct source *s, const char *root, const char *top)
{
	struct wt *w = xcalloc(1, sizeof(*w));

	memset(s, 0, sizeof(*s));
	w->root = xstrdup(root);
	w->top = xstrdup(top ? top : root);
	s->ctx = w;
	s->read = wt_read;
	s->list = wt_list;
	s->release = wt_release;
	s->threadsafe = 1;
}

void
source_names_free(char **names, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
}

/* ---------------------------------------------------------------------
 * Loading
 * ------------------------------------------------------------------- */

void
backlog_init(struct backlog *bl)
{
	memset(bl, 0, sizeof(*bl));
	config_init(&bl->config);
	order_init(&bl->order);
	strmap_init(&bl->by_id);
	diag_list_init(&bl->diags);
}

void
backlog_release(struct backlog *bl)
{
	for (size_t i = 0; i < bl->nitems; i++)
		item_free(bl->items[i]);
	free(bl->items);
	for (size_t i = 0; i < bl->ncycles; i++)
		item_free(bl->cycles[i]);
	free(bl->cycles);
	config_release(&bl->config);
	order_release(&bl->order);
	strmap_release(&bl->by_id);
	diag_list_release(&bl->diags);
	free(bl->root);
	free(bl->top);
	free(bl->relroot);
	free(bl->items_rel);
	free(bl->order_path);
	free(bl->order_data);
	scope_hist_free(bl->scope_hist);
	backlog_init(bl);
}

struct job {
	struct source *src;
	const char *dir;          /* items folder relative to root */
	const char *relprefix;    /* prefix for item paths (repo-relative) */
	char **names;
	struct item **out;
	size_t n;
	atomic_size_t next;
	struct fm_opts opts;
	const struct backlog *bl;
	backlog_visit_fn visit;   /* items only: NULL for cycles */
	backlog_pick_fn pick;     /* items only: NULL for cycles */
	void *arg;
	int lean;
};

static void
load_one(struct job *j, size_t i)
{
	char rel[PATH_MAX], shown[PATH_MAX];
	struct diag_list errs = DIAG_LIST_INIT;   /* this thread's */
	char *data = NULL;
	size_t len = 0;
	int rc;

	snprintf(rel, sizeof(rel), "%s/%s", j->dir, j->names[i]);
	snprintf(shown, sizeof(shown), "%s%s", j->relprefix, j->names[i]);
	/* the name is not needed any more: free it now, not after the
	 * whole folder, so a large folder's names do not add to the peak */
	free(j->names[i]);
	j->names[i] = NULL;
	rc = j->src->read(j->src, rel, &data, &len, LIMIT_FILE, &errs);
	if (rc) {
		struct item *it = item_new(shown, xstrdup(""), 0, &j->opts);

		diag_list_release(&it->diags);
		it->parsed = 0;
		diag_add(&it->diags, SEV_ERROR, "syntax", shown, 0, 0, "%s",
			 errs.n ? diag_last_message(&errs) : "cannot read the file");
		diag_list_release(&errs);
		j->out[i] = it;
		return;
	}
	if (j->pick && !j->pick(data, len, j->arg)) {
		free(data);     /* passed over: no item, no findings */
		return;
	}
	j->out[i] = item_new(shown, data, len, &j->opts);
	if (j->visit || j->lean) {
		struct item *it = j->out[i];

		if (it->id)
			it->rank = order_rank(&j->bl->order, it->id);
		it->score = score_item(it, j->bl->config.score);
		if (j->visit)
			j->visit(it, i, j->n, j->arg);
		/* (a visitor may have made it lean itself, keeping a part of
		 * the tree: see check_run_visit) */
		if (j->lean && it->data)
			item_lean(it);
	}
}

static void *
worker(void *arg)
{
	struct job *j = arg;
	size_t i;

	while ((i = atomic_fetch_add(&j->next, 1)) < j->n)
		load_one(j, i);
	return NULL;
}

static int
ncores(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);

	return n < 1 ? 1 : n > 8 ? 8 : (int)n;
}

/* What a load of the items folder calls (backlog_load_pick). */
struct hooks {
	backlog_visit_fn visit;
	backlog_pick_fn pick;
	void *arg;
};

/* Read every *.md of dir into *out (h: items only, else NULL). */
static void
load_dir(struct backlog *bl, struct source *src, const char *dir,
	 struct item ***out, size_t *nout, int required,
	 const struct hooks *h, int lean)
{
	struct job j;
	char **names = NULL;
	size_t n = 0, k = 0;
	pthread_t th[8];
	int nth = 0, rc;
	char *relprefix;
	struct diag_list errs = DIAG_LIST_INIT;

	*out = NULL;
	*nout = 0;
	rc = src->list(src, dir, &names, &n, &errs);
	if (rc) {
		if (rc != DK_ENOTFOUND || required) {
			diag_add(&bl->diags, SEV_ERROR, "syntax", bl->config.path, 0, 0,
				 "cannot read the items folder '%s': %s", dir,
				 diag_last_message(&errs));
			bl->items_bad = 1;
		}
		diag_list_release(&errs);
		return;
	}
	for (size_t i = 0; i < n; i++) {
		size_t l = strlen(names[i]);

		if (l > 3 && !strcmp(names[i] + l - 3, ".md"))
			names[k++] = names[i];
		else
			free(names[i]);
	}
	n = k;
	relprefix = xasprintf("%s%s/", bl->relroot, dir);
	memset(&j, 0, sizeof(j));
	j.src = src;
	j.dir = dir;
	j.relprefix = relprefix;
	j.names = names;
	j.n = n;
	j.out = xcalloc(n + 1, sizeof(*j.out));
	atomic_init(&j.next, 0);
	j.opts = (struct fm_opts)FM_OPTS_INIT;
	j.bl = bl;
	if (h) {
		j.visit = h->visit;
		j.pick = h->pick;
		j.arg = h->arg;
	}
	j.lean = lean;
	if (src->threadsafe && n >= 64)
		nth = ncores();
	if (nth > 1) {
		int started = 0;

		for (int t = 0; t < nth; t++)
			if (pthread_create(&th[started], NULL, worker, &j) == 0)
				started++;
		worker(&j);
		for (int t = 0; t < started; t++)
			pthread_join(th[t], NULL);
	} else {
		worker(&j);
	}
	k = 0;
	for (size_t i = 0; i < n; i++) {
		if (!j.out[i])
			continue;       /* passed over by the pick */
		diag_list_move(&bl->diags, &j.out[i]->diags);
		j.out[k++] = j.out[i];
	}
	j.out[k] = NULL;
	source_names_free(names, n);
	free(relprefix);
	*out = j.out;
	*nout = k;
}

int
backlog_load(struct backlog *bl, const char *root, const char *top,
	     struct source *src)
{
	return backlog_load_flags(bl, root, top, src, BL_ALL);
}

static void
index_item(struct backlog *bl, struct item *it)
{
	if (it->id && !strmap_find(&bl->by_id, it->id, strlen(it->id)))
		strmap_put(&bl->by_id, it->id, strlen(it->id), it);
	if (it->id)
		it->rank = bl->order_data ?
			   order_scan_rank(bl->order_data, bl->order_len, it->id) :
			   order_rank(&bl->order, it->id);
}

struct item *
backlog_load_item(struct backlog *bl, struct source *src, const char *id)
{
	struct fm_opts fo = FM_OPTS_INIT;
	struct item *it = backlog_item(bl, id);
	char *rel, *shown, *data = NULL, *name = NULL;
	size_t len = 0;
	int rc;
	struct diag_list errs = DIAG_LIST_INIT;

	if (it)
		return it;
	name = xasprintf("%s.md", id);
	rel = xasprintf("%s/%s", bl->config.items, name);
	rc = src->read(src, rel, &data, &len, LIMIT_FILE, &errs);
	if (rc == DK_ENOTFOUND) {
		/* <ID>-slug.md: scan names only */
		char **names = NULL;
		size_t n = 0, idl = strlen(id);

		free(rel);
		rel = NULL;
		diag_list_release(&errs);
		if (src->list(src, bl->config.items, &names, &n, &errs) == 0) {
			for (size_t i = 0; i < n && !rel; i++) {
				char *fid = item_id_from_filename(names[i]);

				if (fid && strlen(fid) == idl && !strcmp(fid, id)) {
					free(name);
					name = xstrdup(names[i]);
					rel = xasprintf("%s/%s", bl->config.items, name);
				}
				free(fid);
			}
			source_names_free(names, n);
		}
		if (!rel) {
			diag_list_release(&errs);
			free(name);
			return NULL;
		}
		rc = src->read(src, rel, &data, &len, LIMIT_FILE, &errs);
	}
	shown = xasprintf("%s%s", bl->items_rel, name);
	if (rc) {
		it = item_new(shown, xstrdup(""), 0, &fo);
		diag_list_release(&it->diags);
		it->parsed = 0;
		diag_add(&it->diags, SEV_ERROR, "syntax", shown, 0, 0, "%s",
			 diag_last_message(&errs));
	} else {
		it = item_new(shown, data, len, &fo);
		if (it->parsed)
			it->score = score_item(it, bl->config.score);
	}
	diag_list_release(&errs);
	diag_list_move(&bl->diags, &it->diags);
	if (!it->id && it->parsed == 0) {
		/* keep it findable by the id its name implies */
		it->id = NULL;
	}
	bl->items = xrealloc(bl->items, (bl->nitems + 1) * sizeof(*bl->items));
	bl->items[bl->nitems++] = it;
	index_item(bl, it);
	if (!backlog_item(bl, id))
		strmap_put(&bl->by_id, it->path + strlen(bl->items_rel),
			   strlen(id), it);
	free(shown);
	free(rel);
	free(name);
	return it;
}

int
backlog_load_flags(struct backlog *bl, const char *root, const char *top,
		   struct source *src, unsigned flags)
{
	return backlog_load_visit(bl, root, top, src, flags, NULL, NULL);
}

static int
load_hooked(struct backlog *bl, const char *root, const char *top,
	    struct source *src, unsigned flags, const struct hooks *h)
{
	struct diag_list order_diags = DIAG_LIST_INIT, cycle_diags = DIAG_LIST_INIT;
	char *data = NULL, *cycles_dir;
	size_t len = 0;
	int rc;
	struct diag_list errs = DIAG_LIST_INIT;

	bl->root = xstrdup(root);
	bl->top = top ? xstrdup(top) : NULL;
	if (top && !strncmp(root, top, strlen(top)) && root[strlen(top)] == '/')
		bl->relroot = xasprintf("%s/", root + strlen(top) + 1);
	else
		bl->relroot = xstrdup("");

	rc = src->read(src, "docket.yaml", &data, &len, LIMIT_FILE, &errs);
	if (rc) {
		diag_add(&bl->diags, SEV_ERROR, "config", "docket.yaml", 0, 0,
			 "%s", diag_last_message(&errs));
		diag_list_release(&errs);
		return rc == DK_ENOTFOUND ? DK_ENOTFOUND : DK_EIO;
	}
	{
		char *cpath = xasprintf("%sdocket.yaml", bl->relroot);

		bl->config_ok = config_parse(&bl->config, cpath, data, len,
					     &bl->diags) == 0;
		free(cpath);
	}
	free(data);
	bl->items_rel = xasprintf("%s%s/", bl->relroot, bl->config.items);
	bl->order_path = xasprintf("%sORDER", bl->items_rel);

	/* ORDER first, so that items know their rank while they load (a
	 * visitor may need it); its diags still follow the items' */
	{
		char *opath = xasprintf("%s/ORDER", bl->config.items);

		rc = src->read(src, opath, &data, &len, LIMIT_ORDER, &errs);
		free(opath);
	}
	if (rc == 0 && (flags & BL_ORDER_SCAN)) {
		int l, c;

		bl->have_order = 1;
		/* order_parse ranks nothing in a file that is not text */
		if (utf8_check(data, len, &l, &c) || memchr(data, '\0', len)) {
			bl->order_bad = 1;
			free(data);
		} else {
			bl->order_data = data;
			bl->order_len = len;
		}
	} else if (rc == 0) {
		bl->have_order = 1;
		if (order_parse(&bl->order, bl->order_path, data, len, &order_diags) ||
		    bl->order.conflict_line)
			bl->order_bad = 1;
		free(data);
	} else if (rc != DK_ENOTFOUND) {
		bl->order_bad = 1;
		diag_add(&order_diags, SEV_ERROR, "syntax", bl->order_path, 0, 0,
			 "%s", diag_last_message(&errs));
	}
	diag_list_release(&errs);

	/* cycles before items too (a visitor may check cycle names), their
	 * diags still last */
	if (flags & BL_CYCLES) {
		struct diag_list keep = bl->diags;

		diag_list_init(&bl->diags);
		cycles_dir = xasprintf("%s/cycles", bl->config.items);
		load_dir(bl, src, cycles_dir, &bl->cycles, &bl->ncycles, 0,
			 NULL, 0);
		free(cycles_dir);
		cycle_diags = bl->diags;
		bl->diags = keep;
	}
	if (flags & BL_ITEMS)
		load_dir(bl, src, bl->config.items, &bl->items, &bl->nitems, 1,
			 h, (flags & BL_LEAN) != 0);
	diag_list_move(&bl->diags, &order_diags);
	for (size_t i = 0; i < bl->nitems; i++)
		index_item(bl, bl->items[i]);
	diag_list_move(&bl->diags, &cycle_diags);
	if (!(flags & BL_LEAN))
		backlog_score(bl, -1);
	return 0;
}

int
backlog_load_visit(struct backlog *bl, const char *root, const char *top,
		   struct source *src, unsigned flags, backlog_visit_fn visit,
		   void *arg)
{
	struct hooks h = { visit, NULL, arg };

	return load_hooked(bl, root, top, src, flags, &h);
}

int
backlog_load_pick(struct backlog *bl, const char *root, const char *top,
		  struct source *src, unsigned flags, backlog_pick_fn pick,
		  void *arg)
{
	struct hooks h = { NULL, pick, arg };

	return load_hooked(bl, root, top, src, flags | BL_ITEMS, &h);
}

struct item *
backlog_item(const struct backlog *bl, const char *id)
{
	struct strmap_entry *e = strmap_find(&bl->by_id, id, strlen(id));

	return e ? e->value : NULL;
}

static int
cmp_order(const void *pa, const void *pb)
{
	const struct item *a = *(const struct item *const *)pa;
	const struct item *b = *(const struct item *const *)pb;
	int c;

	if (a->rank && b->rank)
		return a->rank < b->rank ? -1 : a->rank > b->rank;
	if (a->rank || b->rank)
		return a->rank ? -1 : 1;
	/* unranked: oldest created first (no date last), then id */
	if (a->created && b->created) {
		c = strcmp(a->created, b->created);
		if (c)
			return c;
	} else if (a->created || b->created) {
		return a->created ? -1 : 1;
	}
	if (a->id && b->id)
		return item_id_cmp(a->id, b->id);
	return strcmp(a->path, b->path);
}

struct ranked {
	const struct item *it;
	size_t index;
};

static int
cmp_order_ranked(const void *pa, const void *pb)
{
	const struct item *const *a = &((const struct ranked *)pa)->it;
	const struct item *const *b = &((const struct ranked *)pb)->it;

	return cmp_order(a, b);
}

struct item **
backlog_sorted(const struct backlog *bl, size_t *n)
{
	struct item **v = xmalloc((bl->nitems + 1) * sizeof(*v));

	if (bl->nitems) {   /* memcpy from NULL (no items) is undefined */
		memcpy(v, bl->items, bl->nitems * sizeof(*v));
		qsort(v, bl->nitems, sizeof(*v), cmp_order);
	}
	*n = bl->nitems;
	return v;
}

size_t *
backlog_sorted_index(const struct backlog *bl, size_t *n)
{
	struct ranked *r = xmalloc((bl->nitems + 1) * sizeof(*r));
	size_t *v = xmalloc((bl->nitems + 1) * sizeof(*v));

	for (size_t i = 0; i < bl->nitems; i++) {
		r[i].it = bl->items[i];
		r[i].index = i;
	}
	if (bl->nitems)
		qsort(r, bl->nitems, sizeof(*r), cmp_order_ranked);
	for (size_t i = 0; i < bl->nitems; i++)
		v[i] = r[i].index;
	free(r);
	*n = bl->nitems;
	return v;
}

void
backlog_score(struct backlog *bl, int kind)
{
	enum score_kind k = kind < 0 ? bl->config.score : (enum score_kind)kind;

	for (size_t i = 0; i < bl->nitems; i++)
		bl->items[i]->score = score_item(bl->items[i], k);
}
