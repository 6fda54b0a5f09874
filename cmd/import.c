/*
 * import.c: `docket import csv|jira|trello|asana|backlog-md SOURCE
 * [--map FILE]`: create items and ORDER from another tool's export, in
 * one commit.
 *
 * The reading and mapping are formats/import*.c; this file reads the
 * input (a file, or a Backlog.md folder walked without following
 * symbolic links), refuses when ORDER has uncommitted edits, writes
 * every item file and ORDER atomically, commits exactly those paths,
 * and reports: imported items, records skipped by design (readmes,
 * epics...), and records that could not be imported, each named.
 *
 * Exit status: 0 everything that is an item was imported; 1 some
 * records could not be imported (the rest was), or the commit failed;
 * 2 usage error or unreadable input (nothing written).
 */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cmd/cmd.h"
#include "core/fm.h"
#include "core/fsutil.h"
#include "core/repo.h"
#include "core/text.h"
#include "core/xalloc.h"
#include "formats/import.h"

enum { O_MAP = 1 };

static const struct opt opts[] = {
	{ "map", 'm', 1, O_MAP },
	{ NULL, 0, 0, 0 },
};

/* ---- reading a Backlog.md folder ---------------------------------- */

struct files {
	struct import_file *v;
	size_t n, alloc;
	char **own;               /* strings and buffers to free */
	size_t nown, aown;
};

static const char *
keep(struct files *fs, char *s)
{
	fs->own = xgrow(fs->own, &fs->aown, fs->nown + 1, sizeof(*fs->own));
	fs->own[fs->nown++] = s;
	return s;
}

static void
files_release(struct files *fs)
{
	for (size_t i = 0; i < fs->nown; i++)
		free(fs->own[i]);
	free(fs->own);
	free(fs->v);
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every regular file under dir/rel, in name order; hidden entries and
 * symbolic links are left out (links are reported). */
static void
walk(struct files *fs, struct import_list *l, const char *dir,
     const char *rel, int depth)
{
	char *path = *rel ? xasprintf("%s/%s", dir, rel) : xstrdup(dir);
	DIR *d = opendir(path);
	struct dirent *e;
	char **names = NULL;
	size_t n = 0, alloc = 0;

	if (!d) {
		import_list_skip(l, 1, path, 0, "cannot read this folder");
		free(path);
		return;
	}
	while ((e = readdir(d)))
		if (e->d_name[0] != '.') {
			names = xgrow(names, &alloc, n + 1, sizeof(*names));
			names[n++] = xstrdup(e->d_name);
		}
	closedir(d);
	qsort(names, n, sizeof(*names), cmp_str);
	for (size_t i = 0; i < n; i++) {
		char *r = *rel ? xasprintf("%s/%s", rel, names[i]) : xstrdup(names[i]);
		char *full = xasprintf("%s/%s", dir, r);
		struct stat st;
		struct diag_list err = DIAG_LIST_INIT;

		if (lstat(full, &st) != 0) {
			import_list_skip(l, 1, full, 0, "cannot read it");
		} else if (S_ISLNK(st.st_mode)) {
			import_list_skip(l, 1, full, 0, "a symbolic link: not followed");
		} else if (S_ISDIR(st.st_mode)) {
			if (depth < 8)
				walk(fs, l, dir, r, depth + 1);
			else
				import_list_skip(l, 1, full, 0, "folders nested too deep");
		} else if (S_ISREG(st.st_mode)) {
			if ((size_t)st.st_size > FM_MAX_SIZE_DEFAULT) {
				import_list_skip(l, 1, full, 0,
						 "larger than %d bytes: not a task file docket can read",
						 FM_MAX_SIZE_DEFAULT);
			} else {
				char *data = NULL;
				size_t len = 0;

				if (fsutil_read(full, &data, &len, &err)) {
					import_list_skip(l, 1, full, 0, "%s",
							 diag_last_message(&err));
					diag_list_release(&err);
				} else {
					struct import_file *f;

					fs->v = xgrow(fs->v, &fs->alloc, fs->n + 1, sizeof(*fs->v));
					f = &fs->v[fs->n++];
					f->path = keep(fs, xstrdup(full));
					f->rel = keep(fs, xstrdup(r));
					f->data = keep(fs, data);
					f->len = len;
				}
			}
		}
		free(full);
		free(r);
		free(names[i]);
	}
	free(names);
	free(path);
}

/* The Backlog.md folder: SOURCE itself, or its backlog/ or .backlog/
 * when SOURCE has no config.yml or task folder of its own. */
static char *
backlog_md_dir(const char *source)
{
	static const char *const marks[] = { "config.yml", "tasks", "completed", "drafts" };
	static const char *const subs[] = { "backlog", ".backlog" };
	char *p;

	for (size_t i = 0; i < ARRAY_SIZE(marks); i++) {
		p = xasprintf("%s/%s", source, marks[i]);
		if (fsutil_exists(p)) {
			free(p);
			return xstrdup(source);
		}
		free(p);
	}
	for (size_t i = 0; i < ARRAY_SIZE(subs); i++) {
		struct stat st;

		p = xasprintf("%s/%s", source, subs[i]);
		if (stat(p, &st) == 0 && S_ISDIR(st.st_mode))
			return p;
		free(p);
	}
	return xstrdup(source);
}

/* ---- writing ---------------------------------------------------------- */

struct taken_arg {
	const char *items_abs;
};

static int
file_taken(void *arg, const char *id)
{
	const struct taken_arg *t = arg;
	char *p = xasprintf("%s/%s.md", t->items_abs, id);
	int e = fsutil_exists(p);

	free(p);
	return e;
}

/* 1 when the work tree's ORDER differs from HEAD's. */
static int
order_dirty(struct repo *repo, const struct backlog *bl, const char *old,
	    size_t oldlen)
{
	struct source head;
	char *data = NULL, *rel;
	size_t len = 0;
	int dirty;

	if (repo_source_rev(repo, &head, "HEAD", bl->relroot, NULL))
		return 0;     /* no commit yet */
	rel = xasprintf("%s/ORDER", bl->config.items);
	if (head.read(&head, rel, &data, &len, 64 * FM_MAX_SIZE_DEFAULT, NULL))
		dirty = oldlen != 0;   /* untracked ORDER with content */
	else
		dirty = len != oldlen || memcmp(data, old, len);
	free(data);
	free(rel);
	head.release(&head);
	return dirty;
}

/* "  path:line: reason", escaped for a terminal when asked: names and
 * reasons come from the source's files. */
static void
skip_line(struct sbuf *sb, const struct import_skip *s, int escape)
{
	struct sbuf raw = SBUF_INIT;

	if (s->line)
		sbuf_addf(&raw, "%s:%d: %s", s->file, s->line, s->reason);
	else
		sbuf_addf(&raw, "%s: %s", s->file, s->reason);
	sbuf_adds(sb, "  ");
	if (escape)
		text_escape_term(sb, raw.buf, raw.len);
	else
		sbuf_add(sb, raw.buf, raw.len);
	sbuf_addc(sb, '\n');
	sbuf_release(&raw);
}

static void
report(struct ctx *ctx, const struct import_list *l, const char *first,
       const char *last, size_t written)
{
	size_t ranked = import_list_ranked(l), ideas = 0, closed = 0;
	size_t skipped = l->nskips - import_list_failed(l);
	struct sbuf sb = SBUF_INIT;

	for (size_t i = 0; i < l->n; i++) {
		const char *st = l->items[i]->status;

		ideas += !strcmp(st, "idea");
		closed += !strcmp(st, "done") || !strcmp(st, "stopped");
	}
	if (!ctx->quiet) {
		sbuf_addf(&sb, "Imported %zu item%s from %s", written,
			  written == 1 ? "" : "s", import_kind_title(l->kind));
		if (written)
			sbuf_addf(&sb, ": %s%s%s", first, written > 1 ? " to " : "",
				  written > 1 ? last : "");
		sbuf_addf(&sb, " (%zu ranked in ORDER, %zu idea%s, %zu done or stopped)\n",
			  ranked, ideas, ideas == 1 ? "" : "s", closed);
		if (l->recovered)
			sbuf_addf(&sb, "%zu of them were read with repairs (see the warnings)\n",
				  l->recovered);
		if (skipped) {
			sbuf_addf(&sb, "Skipped %zu that %s not %s:\n", skipped,
				  skipped == 1 ? "is" : "are", skipped == 1 ? "an item" : "items");
			for (size_t i = 0; i < l->nskips; i++) {
				const struct import_skip *s = &l->skips[i];

				if (s->failed)
					continue;
				skip_line(&sb, s, 0);
			}
		}
		if (l->nunmapped) {
			sbuf_adds(&sb, "Fields no mapping names were not imported:");
			for (size_t i = 0; i < l->nunmapped; i++)
				sbuf_addf(&sb, "%s '%s'", i ? "," : "", l->unmapped[i]);
			sbuf_adds(&sb, " (map them under fields: in a --map file; see docs/import.md)\n");
		}
		if (ctx->out_tty) {
			/* names come from the source's files: escape them */
			struct sbuf safe = SBUF_INIT;

			for (size_t i = 0, start = 0; i < sb.len; i++)
				if (sb.buf[i] == '\n') {
					text_escape_term(&safe, sb.buf + start, i - start);
					sbuf_addc(&safe, '\n');
					start = i + 1;
				}
			out_sbuf(ctx, &safe);
			sbuf_release(&safe);
		} else {
			out_sbuf(ctx, &sb);
		}
	}
	if (import_list_failed(l)) {
		out_error(ctx, "%zu could not be imported:", import_list_failed(l));
		for (size_t i = 0; i < l->nskips; i++) {
			const struct import_skip *s = &l->skips[i];

			if (!s->failed)
				continue;
			sbuf_reset(&sb);
			skip_line(&sb, s, 1);
			fputs(sb.buf, stderr);
		}
	}
	sbuf_release(&sb);
}

static int
write_all(struct ctx *ctx, struct session *ss, struct import_list *l,
	  const char *source)
{
	struct backlog *bl = &ss->bl;
	char *items_abs = xasprintf("%s/%s", bl->root, bl->config.items);
	char *order_abs = xasprintf("%s/ORDER", items_abs);
	char **paths = xcalloc(l->n + 2, sizeof(*paths));
	size_t np = 0, written = 0;
	char *old = NULL;
	struct diag_list errs = DIAG_LIST_INIT;
	size_t oldlen = 0;
	struct repo repo;
	int have_repo = 0, rc = EXIT_OK, commit;
	struct sbuf sb = SBUF_INIT;

	memset(&repo, 0, sizeof(repo));
	commit = !ctx->no_commit && bl->config.commit;
	if (fsutil_read(order_abs, &old, &oldlen, &errs) == DK_EIO) {
		out_errs(ctx, &errs, NULL);
		rc = EXIT_USAGE;
		goto out;
	}
	diag_list_release(&errs);    /* no ORDER yet */
	if (commit) {
		if (repo_open(&repo, bl->root, &errs)) {
			out_error(ctx, "%s (use --no-commit to only write the files)",
				  diag_last_message(&errs));
			diag_list_release(&errs);
			rc = EXIT_USAGE;
			goto out;
		}
		have_repo = 1;
		if (import_list_ranked(l) && !ctx->include_dirty &&
		    order_dirty(&repo, bl, old ? old : "", oldlen)) {
			out_error(ctx, "%s has uncommitted changes: commit them first, or use --include-dirty to commit them with the import",
				  bl->order_path);
			rc = EXIT_PROBLEMS;
			goto out;
		}
	}
	if (fsutil_mkdirs(items_abs, &errs)) {
		out_errs(ctx, &errs, NULL);
		rc = EXIT_USAGE;
		goto out;
	}
	for (size_t i = 0; i < l->n; i++) {
		struct import_item *it = l->items[i];
		char *abs = xasprintf("%s/%s.md", items_abs, it->id);

		sbuf_reset(&sb);
		import_render_item(&sb, it, &bl->config, l->kind);
		if (fsutil_write_atomic(abs, sb.buf, sb.len, &errs)) {
			out_errs(ctx, &errs, NULL);
			if (written)
				out_error(ctx, "%zu item files were written before this and are not committed",
					  written);
			free(abs);
			rc = EXIT_USAGE;
			goto out;
		}
		free(abs);
		paths[np++] = xasprintf("%s%s.md", bl->items_rel, it->id);
		written++;
	}
	if (import_list_ranked(l)) {
		sbuf_reset(&sb);
		import_render_order(&sb, old ? old : "", oldlen, l);
		if (fsutil_write_atomic(order_abs, sb.buf, sb.len, &errs)) {
			out_error(ctx, "%s; the %zu item files are written, ORDER is not",
				  diag_last_message(&errs), written);
			diag_list_release(&errs);
			rc = EXIT_USAGE;
			goto out;
		}
		paths[np++] = xstrdup(bl->order_path);
	}
	report(ctx, l, l->n ? l->items[0]->id : "", l->n ? l->items[l->n - 1]->id : "",
	       written);
	if (commit && np) {
		char cid[16] = "";
		size_t failed = import_list_failed(l);

		sbuf_reset(&sb);
		sbuf_addf(&sb, "Import %zu item%s from %s\n\n", written,
			  written == 1 ? "" : "s", import_kind_name(l->kind));
		sbuf_addf(&sb, "Source: %s\n", source);
		sbuf_addf(&sb, "%zu ranked in ORDER (in the source's order), %zu read with repairs, %zu skipped as not items, %zu not imported.\n",
			  import_list_ranked(l), l->recovered,
			  l->nskips - failed, failed);
		for (size_t i = 0, shown = 0; i < l->nskips && shown < 50; i++)
			if (l->skips[i].failed) {
				sbuf_addf(&sb, "Not imported: %s: %s\n", l->skips[i].file,
					  l->skips[i].reason);
				shown++;
			}
		if (repo_commit(&repo, (const char *const *)paths, np, sb.buf, cid,
				sizeof(cid), &errs)) {
			out_errs(ctx, &errs, "the files are written but not committed");
			rc = EXIT_PROBLEMS;
			goto out;
		}
		if (!ctx->quiet)
			printf("Committed %s: Import %zu item%s from %s\n", cid, written,
			       written == 1 ? "" : "s", import_kind_name(l->kind));
	} else if (np && !ctx->quiet) {
		printf("Not committed (%s): %zu files written\n",
		       ctx->no_commit ? "--no-commit" : "commit: false in docket.yaml", np);
	}
	if (import_list_failed(l))
		rc = EXIT_PROBLEMS;
out:
	for (size_t i = 0; i < np; i++)
		free(paths[i]);
	free(paths);
	free(old);
	free(items_abs);
	free(order_abs);
	sbuf_release(&sb);
	if (have_repo)
		repo_close(&repo);
	return rc;
}

int
cmd_import(struct ctx *ctx, int argc, char **argv)
{
	struct opt_iter it;
	const char *map_file = NULL, *arg, *source;
	enum import_kind kind;
	struct import_map map;
	struct import_list l;
	struct session ss;
	struct files fs;
	struct diag_list errs = DIAG_LIST_INIT;
	char *data = NULL;
	size_t len = 0;
	int id, r, rc;

	opt_init(&it, argc, argv);
	while ((r = opt_next(&it, ctx, opts, &id, &arg)) == 1)
		if (id == O_MAP)
			map_file = arg;
	if (r) {
		opt_release(&it);
		return r == 2 ? EXIT_OK : EXIT_USAGE;
	}
	if (it.npos != 2) {
		rc = out_usage_error(ctx, it.npos < 2 ?
				     "import needs the kind of export and its file or folder" :
				     "import takes one source");
		opt_release(&it);
		return rc;
	}
	if (import_kind_parse(&kind, it.pos[0])) {
		rc = out_usage_error(ctx, "unknown source '%s' (use csv, jira, trello, asana or backlog-md)",
				     it.pos[0]);
		opt_release(&it);
		return rc;
	}
	source = it.pos[1];
	opt_release(&it);

	if ((rc = session_load(ctx, &ss, NULL, BL_ITEMS))) {
		session_release(&ss);
		return rc;
	}
	if (!ss.bl.config_ok) {
		out_diags(ctx, &ss.bl.diags, SEV_ERROR);
		session_release(&ss);
		return EXIT_USAGE;
	}
	import_map_init(&map, kind);
	import_list_init(&l, kind);
	memset(&fs, 0, sizeof(fs));
	rc = EXIT_OK;
	if (map_file) {
		struct diag_list d = DIAG_LIST_INIT;

		if (fsutil_read(map_file, &data, &len, &errs)) {
			out_errs(ctx, &errs, NULL);
			rc = EXIT_USAGE;
		} else if (import_map_parse(&map, map_file, data, len, &ss.bl.config, &d)) {
			out_diags(ctx, &d, SEV_WARNING);
			rc = EXIT_USAGE;
		}
		diag_list_release(&d);
		free(data);
		data = NULL;
		if (rc)
			goto out;
	}

	if (kind == IMPORT_BACKLOG_MD) {
		struct stat st;
		char *dir;

		if (stat(source, &st) != 0 || !S_ISDIR(st.st_mode)) {
			out_error(ctx, "'%s' is not a folder: give the Backlog.md folder (the one with config.yml and tasks/)",
				  source);
			rc = EXIT_USAGE;
			goto out;
		}
		dir = backlog_md_dir(source);
		walk(&fs, &l, dir, "", 0);
		free(dir);
		r = import_read_backlog_md(&l, fs.v, fs.n);
	} else {
		if (fsutil_read(source, &data, &len, &errs)) {
			out_errs(ctx, &errs, NULL);
			rc = EXIT_USAGE;
			goto out;
		}
		switch (kind) {
		case IMPORT_JIRA: r = import_read_jira(&l, data, len, source); break;
		case IMPORT_TRELLO: r = import_read_trello(&l, data, len, source); break;
		case IMPORT_ASANA: r = import_read_asana(&l, data, len, source); break;
		default: r = import_read_csv(&l, data, len, source); break;
		}
	}
	if (r) {
		out_diags(ctx, &l.diags, SEV_WARNING);
		rc = EXIT_USAGE;
		goto out;
	}
	import_map_apply(&l, &map, &ss.bl.config);
	import_list_sort(&l);
	/* the ids need the mapping (id: keep): give it through l */
	{
		struct backlog *bl = &ss.bl;
		char *items_abs = xasprintf("%s/%s", bl->root, bl->config.items);
		struct taken_arg ta = { items_abs };

		import_assign_ids(&l, &map, bl, file_taken, &ta);
		free(items_abs);
	}
	diag_list_sort(&l.diags);
	out_diags(ctx, &l.diags, SEV_WARNING);
	if (!l.n) {
		report(ctx, &l, "", "", 0);
		if (!ctx->quiet)
			printf("Nothing to import.\n");
		rc = import_list_failed(&l) ? EXIT_PROBLEMS : EXIT_OK;
		goto out;
	}
	rc = write_all(ctx, &ss, &l, source);
out:
	free(data);
	files_release(&fs);
	import_list_release(&l);
	import_map_release(&map);
	session_release(&ss);
	return rc;
}
