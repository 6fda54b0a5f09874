/*
 * import.c: `docket import csv|jira|trello|asana|backlog-md SOURCE
 * [--map FILE]`: create items and ORDER from another tool's export, in
 * one commit.
 *
 * The reading, mapping, plan, validation and report are formats/
 * import*.c (import_run.h, import_report.h); this file reads the input
 * (a file, or a Backlog.md folder walked without following symbolic
 * links), asks git for the bases of a re-import, writes every item file
 * and ORDER through the write session (which refuses when ORDER has
 * uncommitted edits), commits exactly those paths, and prints the
 * report: imported items, records skipped by design (readmes, epics...),
 * and records that could not be imported, each named.
 *
 * Exit status: 0 everything that is an item was imported; 1 some
 * records could not be imported (the rest was), or the commit failed;
 * 2 usage error or unreadable input (nothing written).
 */
#include <dirent.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmd/write.h"
#include "core/fsutil.h"
#include "core/import_history.h"
#include "core/repo.h"
#include "core/text.h"
#include "core/xalloc.h"
#include "formats/import.h"
#include "formats/import_cycles.h"
#include "formats/import_report.h"
#include "formats/import_run.h"
#include "formats/import_spill.h"

static const char *map_file;
static const char *id_column;
static int dry_run;

/* What matches each item of the backlog to a record (import_item_key),
 * taken as the backlog is read: it is read lean (its items' trees and
 * bytes dropped as soon as they are parsed), so that importing again
 * into a large backlog does not hold every item file in memory; the
 * merge reads the files of the records it updates again, batch by
 * batch. */
static struct keys {
	enum import_kind kind;
	char **v;                 /* per item of the backlog, or NULL */
	size_t n;
	pthread_mutex_t lock;     /* items are read by several threads */
} keys = { .lock = PTHREAD_MUTEX_INITIALIZER };

static void
key_visit(struct item *it, size_t index, size_t count, void *arg)
{
	struct keys *k = arg;
	char *key = import_item_key(it, k->kind);

	pthread_mutex_lock(&k->lock);
	if (!k->v) {
		k->v = xcalloc(count + 1, sizeof(*k->v));
		k->n = count;
	}
	pthread_mutex_unlock(&k->lock);
	if (index < k->n)
		k->v[index] = key;
	else
		free(key);
}

static int
prepare(struct ctx *ctx)
{
	import_kind_parse(&keys.kind, ctx->pos[0]);
	ctx->visit = key_visit;
	ctx->visit_arg = &keys;
	return EXIT_OK;
}

static void
finish(struct ctx *ctx)
{
	(void)ctx;
	for (size_t i = 0; i < keys.n; i++)
		free(keys.v[i]);
	free(keys.v);
	keys.v = NULL;
	keys.n = 0;
}

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
		struct diag_list errs = DIAG_LIST_INIT;

		if (lstat(full, &st) != 0) {
			import_list_skip(l, 1, full, 0, "cannot read it");
		} else if (S_ISLNK(st.st_mode)) {
			import_list_skip(l, 1, full, 0, "a symbolic link: not followed");
		} else if (S_ISDIR(st.st_mode)) {
			if (depth < 8)
				walk(fs, l, dir, r, depth + 1);
			else
				import_list_skip(l, 1, full, 0, "folders nested too deep");
		} else {
			/* a regular file, bounded; anything else (a FIFO, a
			 * device) is reported by the read, never skipped
			 * silently, and never blocks */
			char *data = NULL;
			size_t len = 0;

			if (fsutil_read(full, LIMIT_FILE, 0, &data, &len, &errs)) {
				import_list_skip(l, 1, full, 0, "%s",
						 diag_last_message(&errs));
				diag_list_release(&errs);
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

/* Print the report: as --format asks to standard output (text, also
 * the line on the commit, or JSON), the records that could not be
 * imported to standard error (names come from the source's files:
 * escaped on a terminal). */
static void
report(struct ctx *ctx, const struct import_list *l, const struct import_plan *p,
       const char *source, const char *commit, const char *outcome)
{
	const struct import_report_format *rf =
		FORMAT_ROW(struct import_report_format, ctx->format);
	struct import_report r;
	struct sbuf sb = SBUF_INIT;

	import_report_make(&r, l, p, source, &ctx->ses->bl);
	r.dry_run = dry_run;
	r.commit = commit;
	if (rf->render != import_report_text || !ctx->quiet) {
		rf->render(&sb, &r);
		if (rf->render == import_report_text && outcome)
			sbuf_addf(&sb, "%s\n", outcome);
		out_text(ctx, &sb, rf->render == import_report_text);
	}
	if (r.failed) {
		out_error(ctx, "%zu could not be imported:", r.failed);
		for (size_t i = 0; i < l->nskips; i++) {
			struct sbuf raw = SBUF_INIT;

			if (!l->skips[i].failed)
				continue;
			sbuf_reset(&sb);
			import_report_skip(&raw, &l->skips[i]);
			sbuf_adds(&sb, "  ");
			text_escape_term(&sb, raw.buf, raw.len);
			sbuf_addc(&sb, '\n');
			fputs(sb.buf, stderr);
			sbuf_release(&raw);
		}
	}
	import_report_release(&r);
	sbuf_release(&sb);
}

/* EXIT_OK, or EXIT_PROBLEMS after saying so when the spill file could
 * not be written or read (formats/import_spill.h): the records are then
 * incomplete and nothing may be written. */
static int
spill_failed(struct ctx *ctx, const struct import_list *l)
{
	const char *why = import_spill_error(l);

	if (!why)
		return EXIT_OK;
	out_error(ctx, "%s; nothing was written", why);
	return EXIT_PROBLEMS;
}

/* A re-import of records without ids cannot tell old from new: refuse
 * when an import of this tool is in the history already. */
static int
refuse_unmatchable(struct ctx *ctx, struct ws *w, const struct import_list *l)
{
	struct import_bases b;
	struct diag_list errs = DIAG_LIST_INIT;
	size_t noid = import_unmatchable(l);
	int seen;

	if (!noid || !w->have_repo)
		return 0;
	if (import_history_bases(&b, &w->repo, w->ss.bl.items_rel,
				 import_kind_name(l->kind), NULL, NULL, 0, 1, &errs)) {
		out_errs(ctx, &errs, NULL);
		return EXIT_USAGE;
	}
	seen = b.seen;
	import_bases_release(&b);
	if (!seen)
		return 0;
	out_error(ctx, "cannot match %zu record%s to the items an earlier %s import made: "
		  "they have no id; give --id-column COLUMN (a column whose values "
		  "identify the records); nothing was written",
		  noid, noid == 1 ? "" : "s", import_kind_name(l->kind));
	return EXIT_USAGE;
}

/* The plan, with the bases of the records that are items already from
 * the history of earlier imports, made valid on arrival: what check
 * would reject is repaired (a note, an idea) or left out, as every
 * write validates (core/validate.h).  Each file, once final, goes to
 * put (NULL: a dry run). */
static int
plan(struct ctx *ctx, struct import_plan *p, struct ws *w,
     struct import_list *l, struct import_put *put)
{
	struct import_bases bases;
	struct diag_list errs = DIAG_LIST_INIT, warns = DIAG_LIST_INIT;
	struct sbuf order = SBUF_INIT;
	char **names, **alts;
	size_t nn = import_existing_names(&names, &alts, l, &ctx->ses->bl), left;

	memset(&bases, 0, sizeof(bases));
	if (nn && w->have_repo &&
	    import_history_bases(&bases, &w->repo, ctx->ses->bl.items_rel,
				 import_kind_name(l->kind),
				 (const char *const *)names, (const char *const *)alts,
				 nn, 0, &errs)) {
		out_errs(ctx, &errs, NULL);
		import_names_free(names, nn);
		import_names_free(alts, nn);
		import_bases_release(&bases);
		return EXIT_USAGE;
	}
	import_names_free(names, nn);
	import_names_free(alts, nn);
	/* ORDER as the write session read it, under the lock */
	if (w->ss.bl.have_order)
		order_render(&w->ss.bl.order, &order);
	left = import_plan_validate(p, l, &ctx->ses->bl, &w->ss.bl, &w->ss.src,
				    &bases, order.buf ? order.buf : "", order.len,
				    limit_bytes(LIMIT_FILE), limit_name(LIMIT_FILE),
				    put, &errs, &warns);
	import_bases_release(&bases);
	sbuf_release(&order);
	ws_print_findings(ctx, &warns);
	diag_list_release(&warns);
	if (left) {
		ws_print_findings(ctx, &errs);
		out_error(ctx, "refused: this import would add %zu error%s that docket check reports (above); nothing is written",
			  left, left == 1 ? "" : "s");
		diag_list_release(&errs);
		return EXIT_PROBLEMS;
	}
	diag_list_release(&errs);
	return EXIT_OK;
}

/* The item files go to the write session's change as each batch of
 * the plan is done, none kept in memory (core/change.h, change_put). */
struct put_items {
	struct ws *w;
	const struct backlog *bl; /* the items as they are (import_item_file) */
	const char *items_rel;
	struct diag_list errs;    /* why a file could not be queued */
};

static int
put_item(void *arg, const struct import_item *it, const char *file, size_t len)
{
	struct put_items *pi = arg;
	char *f = import_item_file(pi->bl, it);
	char *path = xasprintf("%s%s", pi->items_rel, f);
	int rc = change_put(&pi->w->ch, path, file, len, &pi->errs);

	free(f);
	free(path);
	return rc;
}

/* Write every item and ORDER through the write session (the lock, the
 * safety checks, staged writes, docket's commit sequence) and report. */
static int
write_all(struct ctx *ctx, struct ws *w, struct import_list *l,
	  const char *source, const char *digest)
{
	/* the items are the command's session's; ORDER is the write
	 * session's, read under the lock */
	struct backlog *bl = &ctx->ses->bl, *wbl = &w->ss.bl;
	struct sbuf sb = SBUF_INIT, old = SBUF_INIT, subject = SBUF_INIT;
	struct diag_list errs = DIAG_LIST_INIT;
	struct import_plan p;
	struct import_cycles cy;
	struct put_items pi = { w, &ctx->ses->bl, bl->items_rel, DIAG_LIST_INIT };
	struct import_put put = { put_item, &pi, 0 };
	int rc;

	memset(&p, 0, sizeof(p));
	memset(&cy, 0, sizeof(cy));
	if ((rc = plan(ctx, &p, w, l, dry_run ? NULL : &put))) {
		spill_failed(ctx, l);
		goto out;
	}
	if (put.failed) {
		/* a full disk: nothing is written (blobs no commit names) */
		out_errs(ctx, &pi.errs, NULL);
		rc = EXIT_PROBLEMS;
		goto out;
	}
	/* the source's cycles (Jira sprints): new cycle files, or ids
	 * added to the committed list of existing ones */
	if (import_cycles_plan(&cy, l, bl, &l->diags))
		rc = EXIT_PROBLEMS;
	p.nfiles += import_cycles_changed(&cy);
	/* nothing is written from records the spill file lost */
	{
		int sr = spill_failed(ctx, l);

		if (sr) {
			rc = sr;
			goto out;
		}
	}
	diag_list_sort(&l->diags);
	out_diags(ctx, &l->diags, SEV_WARNING);
	/* (the item files are in the change already: put_item) */
	for (size_t k = 0; k < cy.n && !dry_run; k++)
		if (cy.v[k].file)
			change_write(&w->ch, cy.v[k].path, cy.v[k].file, cy.v[k].len);
	if (!dry_run && p.written && import_list_ranked(l)) {
		/* ORDER parsed when the session began (ws_begin refuses one
		 * that does not): its text is the file's */
		order_render(&wbl->order, &old);
		import_render_order(&sb, wbl->have_order ? old.buf : "",
				    wbl->have_order ? old.len : 0, l);
		change_write(&w->ch, bl->order_path, sb.buf, sb.len);
	}
	import_subject(&subject, l, &p);
	if (!dry_run && p.nfiles) {
		sbuf_reset(&sb);
		import_commit_message(&sb, subject.buf, l, &p, source, digest);
		if (change_commit(&w->ch, sb.buf, &errs)) {
			out_errs(ctx, &errs, NULL);
			rc = EXIT_PROBLEMS;
			goto out;
		}
	}
	{
		struct sbuf outcome = SBUF_INIT;

		if (dry_run)
			sbuf_addf(&outcome, "Dry run: nothing written (%zu file%s would be)",
				  p.nfiles, p.nfiles == 1 ? "" : "s");
		else if (w->ch.committed)
			sbuf_addf(&outcome, "Committed %s: %s", w->ch.commit_id, subject.buf);
		else if (p.nfiles && !w->ch.commit)
			sbuf_addf(&outcome, "Not committed (%s): %zu files written",
				  ctx->no_commit ? "--no-commit" : "commit: false in docket.yaml",
				  w->ch.nfiles);
		else if (!p.nfiles)
			sbuf_adds(&outcome, "Nothing changed: no commit");
		report(ctx, l, &p, source, w->ch.committed ? w->ch.commit_id : NULL,
		       outcome.buf);
		sbuf_release(&outcome);
	}
	if (import_list_failed(l))
		rc = EXIT_PROBLEMS;
out:
	diag_list_release(&pi.errs);
	import_cycles_release(&cy);
	import_plan_release(&p);
	sbuf_release(&subject);
	sbuf_release(&sb);
	sbuf_release(&old);
	return rc;
}

/* A CSV record as it is read: mapped at once (its source fields go). */
struct as_read {
	struct import_mapper *x;
	int found;                /* a record has a value in --id-column */
};

static void
map_as_read(void *arg, struct import_item *it)
{
	struct as_read *a = arg;

	if (id_column && ifields_get(&it->x->src, id_column))
		a->found = 1;
	import_mapper_one(a->x, it);
}

static int
run(struct ctx *ctx)
{
	const char *source = ctx->pos[1];
	enum import_kind kind;
	struct session *ss = ctx->ses;
	struct import_map map;
	struct import_list l;
	struct ws *w = ctx->ws;
	struct files fs;
	struct as_read ar = { NULL, 0 };
	char *data = NULL, *digest = NULL;
	struct diag_list errs = DIAG_LIST_INIT;
	size_t len = 0;
	int r, rc;

	import_kind_parse(&kind, ctx->pos[0]);
	import_map_init(&map, kind);
	import_list_init(&l, kind);
	memset(&fs, 0, sizeof(fs));
	rc = EXIT_OK;
	if (id_column && (kind == IMPORT_TRELLO || kind == IMPORT_BACKLOG_MD)) {
		out_error(ctx, "--id-column is for CSV exports (csv, jira, asana); %s records have ids of their own",
			  import_kind_name(kind));
		rc = EXIT_USAGE;
		goto out;
	}
	/* docket.yaml's import: rules, then --id-column, then a --map file */
	import_map_overlay(&map, ss->bl.config.import);
	if (id_column)
		import_map_set_field(&map, id_column, "id");
	if (map_file) {
		struct diag_list d = DIAG_LIST_INIT;

		if (fsutil_read(map_file, LIMIT_MAP, FSUTIL_FOLLOW, &data, &len, &errs)) {
			out_errs(ctx, &errs, NULL);
			rc = EXIT_USAGE;
		} else if (import_map_parse(&map, map_file, data, len, &ss->bl.config, &d)) {
			out_diags(ctx, &d, SEV_WARNING);
			rc = EXIT_USAGE;
		}
		diag_list_release(&d);
		free(data);
		data = NULL;
		if (rc)
			goto out;
	}
	/* each record's fields, body and notes wait in a temporary file
	 * from when it is mapped (formats/import_spill.h) */
	{
		char *why;

		if (import_spill_open(&l, &why)) {
			out_error(ctx, "%s; nothing was written", why);
			free(why);
			rc = EXIT_USAGE;
			goto out;
		}
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
	} else if (kind == IMPORT_TRELLO) {
		/* JSON is parsed whole: the file is bounded as a whole */
		if (fsutil_read(source, LIMIT_JSON_EXPORT, FSUTIL_FOLLOW, &data, &len,
				&errs)) {
			out_errs(ctx, &errs, NULL);
			rc = EXIT_USAGE;
			goto out;
		}
		/* the export's bytes go as soon as they are parsed, before
		 * the records are made (peak memory): digested first */
		digest = import_export_digest(data, len, NULL, 0);
		r = import_read_trello_owned(&l, &data, len, source);
	} else {
		/* CSV streams in, bounded per record (csv_read) */
		struct stat st;
		FILE *in;
		int fd;

		if (fsutil_open_regular(source, NULL, FSUTIL_FOLLOW, &fd, &st, &errs)) {
			out_errs(ctx, &errs, NULL);
			rc = EXIT_USAGE;
			goto out;
		}
		in = fdopen(fd, "r");
		if (!in) {
			out_error(ctx, "cannot read %s", source);
			close(fd);
			rc = EXIT_USAGE;
			goto out;
		}
		switch (kind) {
		case IMPORT_JIRA: r = import_read_jira(&l, in, source); break;
		case IMPORT_ASANA: r = import_read_asana(&l, in, source); break;
		default:
			/* mapped as read: what the source said is mapped,
			 * only where it went is kept */
			l.forget_sources = 1;
			ar.x = import_mapper_new(&l, &map, &ss->bl.config);
			r = import_read_csv_each(&l, in, source, map_as_read, &ar);
			break;
		}
		fclose(in);
	}
	if (r) {
		out_diags(ctx, &l.diags, SEV_WARNING);
		rc = EXIT_USAGE;
		goto out;
	}
	if (id_column) {
		int found = ar.found;

		for (size_t i = 0; i < l.n && !found && !ar.x; i++) {
			struct import_item *it = import_list_at(&l, i);

			import_spill_in(&l, it);
			found = ifields_get(&it->x->src, id_column) != NULL;
			import_spill_drop(&l, it);
		}
		if (!found && l.n) {
			out_error(ctx, "--id-column '%s': no record has a value in a column of that name",
				  id_column);
			rc = EXIT_USAGE;
			goto out;
		}
	}
	if (ar.x) {
		/* the mapping's warnings after the reader's */
		import_mapper_free(ar.x);
		ar.x = NULL;
	} else {
		/* what the source said is mapped: only where it went is kept */
		l.forget_sources = 1;
		import_map_apply(&l, &map, &ss->bl.config);
	}
	import_list_sort(&l);
	import_drop_repeated(&l);
	/* (an empty backlog calls no visitor: no keys, no items) */
	import_match_existing(&l, &ss->bl, keys.v && keys.n == ss->bl.nitems ? keys.v : NULL);
	if ((rc = refuse_unmatchable(ctx, w, &l)))
		goto out;
	/* the ids need the mapping (id: keep): give it through l */
	{
		struct backlog *bl = &ss->bl;
		char *items_abs = xasprintf("%s/%s", bl->root, bl->config.items);
		struct taken_arg ta = { items_abs };

		import_assign_ids(&l, &map, bl, file_taken, &ta);
		free(items_abs);
	}
	if ((rc = spill_failed(ctx, &l)))
		goto out;
	if (!l.n) {
		diag_list_sort(&l.diags);
		out_diags(ctx, &l.diags, SEV_WARNING);
		report(ctx, &l, NULL, source, NULL, "Nothing to import.");
		rc = import_list_failed(&l) ? EXIT_PROBLEMS : EXIT_OK;
		goto out;
	}
	/* the CSV sources digest the export as it streams in */
	if (!digest)
		digest = l.digest ? xstrdup(l.digest) :
			 kind == IMPORT_BACKLOG_MD ?
			 import_export_digest(NULL, 0, fs.v, fs.n) :
			 import_export_digest(data, len, NULL, 0);
	rc = write_all(ctx, w, &l, source, digest);
out:
	import_mapper_free(ar.x);
	free(digest);
	free(data);
	files_release(&fs);
	import_list_release(&l);
	import_map_release(&map);
	return rc;
}

#define USE "import needs the kind of export and its file or folder"

static const struct arg args[] = {
	{ "KIND", 0, USE, NULL, &import_kinds, "source" },
	{ "SOURCE", 0, USE,
	  "the export file (csv, jira, asana: CSV; trello: the board's JSON) or, "
	  "for backlog-md, the Backlog.md folder", NULL, NULL },
	ARG_END,
};

static const struct opt opts[] = {
	OPT_STRING("map", 'm', &map_file, "FILE",
		   "a YAML mapping of statuses, types and fields that overrides the "
		   "defaults for the tool (see docs/import.md)"),
	OPT_STRING("id-column", 0, &id_column, "COLUMN",
		   "the CSV column whose values identify the records, so that "
		   "importing again updates the items made before instead of "
		   "adding them twice (Jira's Issue key and Asana's Task ID are "
		   "used without it)"),
	OPT_FLAG("dry-run", 'n', &dry_run,
		 "show what the import would add, update and leave, and write "
		 "nothing"),
	OPT_FORMAT(),
	OPT_END,
};

const struct command cmd_import = {
	.name = "import",
	.summary = "create items and ORDER from another tool's export, in one commit",
	.args = args,
	.extra = "import takes one source",
	.opts = opts,
	.formats = &import_report_formats,
	.needs = NEED_WRITE | NEED_BACKLOG,
	.load = BL_ITEMS | BL_CYCLES | BL_LEAN,
	.details =
	"Items keep the source's order: ready, planned, doing and blocked items are\n"
	"appended to ORDER (Jira's Rank, Trello's lists and pos, Backlog.md's\n"
	"ordinal, else the order of the rows); ideas stay unranked; done and\n"
	"stopped items are not ranked. Assignees become notes in the body.\n"
	"Every item is validated as every write is: a record that check would\n"
	"reject with its status comes in as an idea with a note saying why.\n"
	"Every record that is not imported is named. Exit status: 0 all imported,\n"
	"1 some records could not be imported (the rest was), 2 unreadable input.\n",
	.prepare = prepare,
	.run = run,
	.finish = finish,
};
