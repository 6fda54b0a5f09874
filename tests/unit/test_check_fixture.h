/*
 * Shared by the test_check*.c unit tests: a backlog held in memory (a
 * struct source over a table of files), and findings rendered one per
 * line as "severity rule file:line:col" for exact comparison.
 *
 * Include after cmocka.h.  Everything here is static: each test binary
 * gets its own copy.
 */
#ifndef TEST_CHECK_FIXTURE_H
#define TEST_CHECK_FIXTURE_H

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/backlog.h"
#include "core/check.h"
#include "core/sbuf.h"
#include "core/strmap.h"
#include "core/xalloc.h"

struct memfile {
	const char *path;     /* relative to the backlog root */
	const char *data;     /* NULL: the file does not exist */
};

struct memfs {
	struct memfile *v;
	size_t n, alloc;
	struct strmap index;  /* path -> index + 1 */
};

/* Add or replace a file (data NULL removes it).  Paths are borrowed. */
static void
memfs_put(struct memfs *fs, const char *path, const char *data)
{
	struct strmap_entry *e = strmap_find(&fs->index, path, strlen(path));

	if (e) {
		fs->v[(uintptr_t)e->value - 1].data = data;
		return;
	}
	fs->v = xgrow(fs->v, &fs->alloc, fs->n + 1, sizeof(*fs->v));
	fs->v[fs->n].path = path;
	fs->v[fs->n++].data = data;
	strmap_put(&fs->index, path, strlen(path), (void *)(uintptr_t)fs->n);
}

static void
memfs_release(struct memfs *fs)
{
	free(fs->v);
	strmap_release(&fs->index);
	memset(fs, 0, sizeof(*fs));
}

/* Read only, so safe from the loader's threads. */
static int
mem_read(struct source *s, const char *path, char **data, size_t *len,
	 enum limit_kind lim, struct diag_list *errs)
{
	struct memfs *fs = s->ctx;
	struct strmap_entry *e = strmap_find(&fs->index, path, strlen(path));
	const struct memfile *f = e ? &fs->v[(uintptr_t)e->value - 1] : NULL;

	if (!f || !f->data)
		return diag_error(errs, DK_ENOTFOUND, "no such file");
	*len = strlen(f->data);
	if (*len > limit_bytes(lim))
		return diag_error(errs, DK_EINVALID, "%s is over its limit", path);
	*data = xmemdup0(f->data, *len);
	return 0;
}

static int
cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The files directly inside dir. */
static int
mem_list(struct source *s, const char *dir, char ***names, size_t *n,
	 struct diag_list *errs)
{
	struct memfs *fs = s->ctx;
	size_t dl = strlen(dir), alloc = 0;
	int found = 0;

	*names = NULL;
	*n = 0;
	for (size_t i = 0; i < fs->n; i++) {
		const char *p = fs->v[i].path;

		if (!fs->v[i].data || strncmp(p, dir, dl) || p[dl] != '/')
			continue;
		found = 1;
		if (strchr(p + dl + 1, '/'))
			continue;
		*names = xgrow(*names, &alloc, *n + 1, sizeof(**names));
		(*names)[(*n)++] = xstrdup(p + dl + 1);
	}
	if (!found)
		return diag_error(errs, DK_ENOTFOUND, "no such folder");
	if (*n)
		qsort(*names, *n, sizeof(**names), cmp_names);
	return 0;
}

static void
mem_release(struct source *s)
{
	(void)s;
}

/* Load the backlog held in fs; the load must succeed. */
static void
load_mem(struct backlog *bl, struct memfs *fs)
{
	struct source src;

	memset(&src, 0, sizeof(src));
	src.read = mem_read;
	src.list = mem_list;
	src.release = mem_release;
	src.threadsafe = 1;
	src.ctx = fs;
	backlog_init(bl);
	assert_int_equal(backlog_load(bl, "/mem", NULL, &src), 0);
}

/* "severity rule file:line:col\n" per finding (malloc'ed). */
static char *
render_findings(const struct diag_list *l)
{
	struct sbuf sb = SBUF_INIT;

	for (size_t i = 0; i < l->n; i++) {
		const struct diag *d = &l->v[i];

		sbuf_addf(&sb, "%s %s %s:%d:%d\n", severity_name(d->severity),
			  d->rule, d->file ? d->file : "-", d->line, d->column);
	}
	return sbuf_detach(&sb, NULL);
}

/* Check fs (with base, may be NULL) and return the rendered findings;
 * *msgs, when not NULL, receives the messages, one per line. */
static char *
check_mem(struct memfs *fs, const struct check_base *base, char **msgs)
{
	struct backlog bl;
	struct diag_list l = DIAG_LIST_INIT;
	struct check_opts o = CHECK_OPTS_INIT;
	char *s;

	o.base = base;
	load_mem(&bl, fs);
	assert_int_equal(check_backlog(&l, &bl, &o), 0);
	s = render_findings(&l);
	if (msgs) {
		struct sbuf sb = SBUF_INIT;

		for (size_t i = 0; i < l.n; i++)
			sbuf_addf(&sb, "%s\n", l.v[i].message);
		*msgs = sbuf_detach(&sb, NULL);
	}
	diag_list_release(&l);
	backlog_release(&bl);
	return s;
}

#endif
