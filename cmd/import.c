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
#include <unistd.h>

#include "cmd/write.h"
#include "core/fm.h"
#include "core/fsutil.h"
#include "core/import_history.h"
#include "core/repo.h"
#include "core/sha256.h"
#include "core/strmap.h"
#include "core/text.h"
#include "core/xalloc.h"
#include "formats/import.h"

static const char *map_file;
static const char *id_column;
static int dry_run;

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

struct plan;
static void report(struct ctx *ctx, const struct import_list *l,
		   const struct plan *p, const char *first, const char *last,
		   size_t written);

static void
report_(struct ctx *ctx, const struct import_list *l, const char *first,
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
		/* names come from the source's files: escaped on a terminal */
		out_text(ctx, &sb, 1);
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

/* ---- importing again ------------------------------------------------ */

/* What a re-import does with each record (docs/import.md). */
struct plan {
	size_t added, updated, unchanged, conflicts;
	char **files;             /* per item: its new file, or NULL: not written */
	size_t *lens;
	char **why;               /* per item: the conflicting fields, or NULL */
	char **changed;           /* per item: the fields updated, or NULL */
	char *merged;             /* per item: written merged with edits here */
};

static void
plan_release(struct plan *p, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(p->files[i]);
		free(p->why[i]);
		free(p->changed[i]);
	}
	free(p->files);
	free(p->lens);
	free(p->why);
	free(p->changed);
	free(p->merged);
}

/* The source value the earlier format recorded in the body: "- Source:
 * Jira CAMP-2" (Backlog.md added " (path)"), as "TOOL ID", or NULL. */
static char *
old_source(const struct item *it, enum import_kind kind)
{
	const char *body = it->data && it->fm.body_off <= it->len ?
			   it->data + it->fm.body_off : NULL;
	char *mark = xasprintf("- Source: %s ", import_kind_title(kind));
	const char *p = body ? strstr(body, mark) : NULL;
	char *out = NULL;

	if (p && (p == body || p[-1] == '\n')) {
		const char *v = p + strlen(mark), *e = v;

		while (*e && *e != '\n' && *e != '\r' &&
		       !(kind == IMPORT_BACKLOG_MD && e[0] == ' ' && e[1] == '('))
			e++;
		if (e > v) {
			char *id = xmemdup0(v, (size_t)(e - v));

			out = import_source_value(kind, id);
			free(id);
		}
	}
	free(mark);
	return out;
}

/* Give each record that is already an item (by `source:`, or by the
 * earlier format's Source line) that item's id. */
static void
match_existing(struct import_list *l, const struct backlog *bl)
{
	struct strmap by;
	char **keys = NULL;
	size_t nkeys = 0, akeys = 0;

	strmap_init(&by);
	for (size_t i = 0; i < bl->nitems; i++) {
		const struct item *it = bl->items[i];
		const char *sv = it->id ? ynode_str(item_get(it, "source")) : NULL;
		char *k = sv ? xstrdup(sv) : old_source(it, l->kind);

		if (!k)
			continue;
		keys = xgrow(keys, &akeys, nkeys + 1, sizeof(*keys));
		keys[nkeys++] = k;
		if (!strmap_get(&by, k))
			strmap_put(&by, k, strlen(k), (void *)it);
	}
	for (size_t i = 0; i < l->n; i++) {
		struct import_item *x = l->items[i];
		char *k = import_source_value(l->kind, x->source_id);
		const struct item *it = k ? strmap_get(&by, k) : NULL;
		const struct ifield *card;

		free(k);
		/* Trello cards were named by their short link before */
		if (!it && l->kind == IMPORT_TRELLO &&
		    (card = ifields_get(&x->src, "Card")) && card->v.type == IVAL_STR) {
			k = import_source_value(l->kind, card->v.str);
			it = strmap_get(&by, k);
			free(k);
		}
		if (it && it->id) {
			x->id = xstrdup(it->id);
			x->existing = 1;
		}
	}
	for (size_t i = 0; i < nkeys; i++)
		free(keys[i]);
	free(keys);
	strmap_release(&by);
}

/* The digest of the export for the trailer: "sha256:HEX". */
static char *
export_digest(const char *data, size_t len, const struct files *fs)
{
	uint8_t d[32];
	struct sbuf sb = SBUF_INIT;

	if (fs && fs->n) {
		for (size_t i = 0; i < fs->n; i++) {
			sbuf_addf(&sb, "%s%c%zu%c", fs->v[i].rel, 0, fs->v[i].len, 0);
			sbuf_add(&sb, fs->v[i].data, fs->v[i].len);
		}
		sha256(d, sb.buf ? sb.buf : "", sb.len);
		sbuf_reset(&sb);
	} else {
		sha256(d, data ? data : "", len);
	}
	sbuf_adds(&sb, "sha256:");
	for (size_t i = 0; i < 32; i++)
		sbuf_addf(&sb, "%02x", d[i]);
	return sbuf_detach(&sb, NULL);
}

static const struct item *
find_item(const struct backlog *bl, const char *id)
{
	return backlog_item(bl, id);
}

/* Decide, for every record, what this import writes: new files for new
 * records, the three-way result for records that are items already. */
static int
make_plan(struct ctx *ctx, struct plan *p, struct ws *w,
	  struct import_list *l)
{
	struct backlog *bl = &ctx->ses->bl;
	struct import_bases bases;
	const char **names = xcalloc(l->n + 1, sizeof(*names));
	char **own = xcalloc(l->n + 1, sizeof(*own));
	size_t *slot = xcalloc(l->n + 1, sizeof(*slot)), nn = 0;
	struct diag_list errs = DIAG_LIST_INIT;
	struct sbuf sb = SBUF_INIT;
	int rc = EXIT_OK;

	memset(p, 0, sizeof(*p));
	p->files = xcalloc(l->n + 1, sizeof(*p->files));
	p->lens = xcalloc(l->n + 1, sizeof(*p->lens));
	p->why = xcalloc(l->n + 1, sizeof(*p->why));
	p->changed = xcalloc(l->n + 1, sizeof(*p->changed));
	p->merged = xcalloc(l->n + 1, 1);
	for (size_t i = 0; i < l->n; i++)
		if (l->items[i]->existing) {
			own[nn] = xasprintf("%s.md", l->items[i]->id);
			names[nn] = own[nn];
			slot[i] = nn++;
		}
	memset(&bases, 0, sizeof(bases));
	if (nn && w->have_repo &&
	    import_history_bases(&bases, &w->repo, bl->items_rel,
				 import_kind_name(l->kind), names, nn, 0, &errs)) {
		out_errs(ctx, &errs, NULL);
		rc = EXIT_USAGE;
		goto out;
	}
	for (size_t i = 0; i < l->n; i++) {
		struct import_item *it = l->items[i];
		const struct item *cur;
		struct import_merge m;
		struct diag_list d = DIAG_LIST_INIT;

		sbuf_reset(&sb);
		import_render_item(&sb, it, &bl->config, l->kind);
		if (!it->existing) {
			p->lens[i] = sb.len;
			p->files[i] = sbuf_detach(&sb, NULL);
			p->added++;
			continue;
		}
		cur = find_item(bl, it->id);
		if (!cur || !cur->data) {
			p->unchanged++;
			continue;
		}
		if (import_merge_item(&m, cur->path,
				      slot[i] < bases.n ? bases.data[slot[i]] : NULL,
				      slot[i] < bases.n ? bases.len[slot[i]] : 0,
				      cur->data, cur->len, sb.buf, sb.len,
				      &bl->config, &d)) {
			/* the item here does not parse: leave it, say so */
			diag_list_move(&l->diags, &d);
			p->conflicts++;
			p->why[i] = xstrdup("the file does not parse");
			import_merge_release(&m);
			continue;
		}
		diag_list_release(&d);
		if (m.nconflicts) {
			struct sbuf c = SBUF_INIT;

			for (size_t k = 0; k < m.nconflicts; k++)
				sbuf_addf(&c, "%s%s", k ? ", " : "", m.conflicts[k]);
			p->why[i] = sbuf_detach(&c, NULL);
			p->conflicts++;
		} else if (m.changed) {
			p->updated++;
		} else {
			p->unchanged++;
		}
		if (m.changed) {
			p->merged[i] = m.out.len != sb.len ||
				       memcmp(m.out.buf, sb.buf, sb.len);
			p->files[i] = sbuf_detach(&m.out, &p->lens[i]);
			if (!m.nconflicts)
				p->changed[i] = xstrdup("");
		}
		import_merge_release(&m);
	}
out:
	import_bases_release(&bases);
	for (size_t i = 0; i < nn; i++)
		free(own[i]);
	free(own);
	free(names);
	free(slot);
	sbuf_release(&sb);
	return rc;
}

/* A re-import of records without ids cannot tell old from new: refuse
 * when an import of this tool is in the history already. */
static int
refuse_unmatchable(struct ctx *ctx, struct ws *w, const struct import_list *l)
{
	struct import_bases b;
	struct diag_list errs = DIAG_LIST_INIT;
	size_t noid = 0;
	int seen;

	for (size_t i = 0; i < l->n; i++)
		noid += !l->items[i]->source_id;
	if (!noid || !w->have_repo)
		return 0;
	if (import_history_bases(&b, &w->repo, w->ss.bl.items_rel,
				 import_kind_name(l->kind), NULL, 0, 1, &errs)) {
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

/* Write every item and ORDER through the write session (the lock, the
 * safety checks, staged writes, docket's commit sequence) and report. */
static void
report(struct ctx *ctx, const struct import_list *l, const struct plan *p,
       const char *first, const char *last, size_t written)
{
	report_(ctx, l, first, last, written);
	if (ctx->quiet || !p)
		return;
	printf("%zu added, %zu updated, %zu unchanged, %zu in conflict\n",
	       p->added, p->updated, p->unchanged, p->conflicts);
	for (size_t i = 0; i < l->n; i++) {
		struct sbuf sb = SBUF_INIT;

		if (p->why[i])
			sbuf_addf(&sb, "  %s: %s changed here and in %s: kept as it is here\n",
				  l->items[i]->id, p->why[i], import_kind_title(l->kind));
		else if (p->changed[i])
			sbuf_addf(&sb, "  %s: updated from %s\n", l->items[i]->id,
				  import_kind_title(l->kind));
		if (sb.len)
			out_text(ctx, &sb, 1);
		sbuf_release(&sb);
	}
}

static int
write_all(struct ctx *ctx, struct ws *w, struct session *ss,
	  struct import_list *l, const char *source, const char *digest)
{
	struct backlog *bl = &ss->bl;
	struct sbuf sb = SBUF_INIT, old = SBUF_INIT, subject = SBUF_INIT;
	struct diag_list errs = DIAG_LIST_INIT;
	struct plan p;
	size_t written = 0, nfiles = 0;
	const char *first = "", *last = "";
	int rc = EXIT_OK;

	/* never write an item that docket itself would not read */
	for (size_t i = 0; i < l->n; i++) {
		sbuf_reset(&sb);
		import_render_item(&sb, l->items[i], &bl->config, l->kind);
		if (sb.len > limit_bytes(LIMIT_FILE)) {
			import_list_skip(l, 1, l->items[i]->file, l->items[i]->line,
					 "%s would be an item of %zu bytes, over %s",
					 l->items[i]->what ? l->items[i]->what : "the record",
					 sb.len, limit_name(LIMIT_FILE));
			import_list_drop(l, i--);
		}
	}
	if ((rc = make_plan(ctx, &p, w, l))) {
		plan_release(&p, l->n);
		sbuf_release(&sb);
		return rc;
	}
	diag_list_sort(&l->diags);
	out_diags(ctx, &l->diags, SEV_WARNING);
	for (size_t i = 0; i < l->n; i++) {
		char *path;

		if (!p.files[i])
			continue;
		nfiles++;
		if (!l->items[i]->existing) {
			if (!written++)
				first = l->items[i]->id;
			last = l->items[i]->id;
		}
		if (dry_run)
			continue;
		path = xasprintf("%s%s.md", bl->items_rel, l->items[i]->id);
		change_write(&w->ch, path, p.files[i], p.lens[i]);
		free(path);
	}
	if (!dry_run && written && import_list_ranked(l)) {
		/* ORDER parsed when the session began (ws_begin refuses one
		 * that does not): its text is the file's */
		order_render(&w->ss.bl.order, &old);
		sbuf_reset(&sb);
		import_render_order(&sb, w->ss.bl.have_order ? old.buf : "",
				    w->ss.bl.have_order ? old.len : 0, l);
		change_write(&w->ch, bl->order_path, sb.buf, sb.len);
	}
	if (p.updated || p.conflicts || p.unchanged)
		sbuf_addf(&subject, "Import from %s: %zu added, %zu updated",
			  import_kind_name(l->kind), p.added, p.updated);
	else
		sbuf_addf(&subject, "Import %zu item%s from %s", written,
			  written == 1 ? "" : "s", import_kind_name(l->kind));
	if (!dry_run && nfiles) {
		size_t failed = import_list_failed(l);

		sbuf_reset(&sb);
		sbuf_addf(&sb, "%s\n\n", subject.buf);
		sbuf_addf(&sb, "Source: %s\n", source);
		sbuf_addf(&sb, "%zu added, %zu updated, %zu unchanged, %zu in conflict (kept as they are here).\n",
			  p.added, p.updated, p.unchanged, p.conflicts);
		sbuf_addf(&sb, "%zu ranked in ORDER (in the source's order), %zu read with repairs, %zu skipped as not items, %zu not imported.\n",
			  import_list_ranked(l), l->recovered,
			  l->nskips - failed, failed);
		for (size_t i = 0, shown = 0; i < l->nskips && shown < 50; i++)
			if (l->skips[i].failed) {
				sbuf_addf(&sb, "Not imported: %s: %s\n", l->skips[i].file,
					  l->skips[i].reason);
				shown++;
			}
		for (size_t i = 0, shown = 0; i < l->n && shown < 50; i++)
			if (p.why[i]) {
				sbuf_addf(&sb, "In conflict: %s (%s)\n", l->items[i]->id,
					  p.why[i]);
				shown++;
			}
		sbuf_addf(&sb, "\n%s: %s %s\n", IMPORT_TRAILER,
			  import_kind_name(l->kind), digest);
		for (size_t i = 0, line = 0; i < l->n; i++) {
			/* "Docket-Import-Merged: ID ID ..." lines of <= ~72 */
			if (!p.files[i] || !p.merged[i])
				continue;
			if (line && sb.len - line + strlen(l->items[i]->id) > 72) {
				sbuf_addc(&sb, '\n');
				line = 0;
			}
			if (!line) {
				line = sb.len;
				sbuf_adds(&sb, IMPORT_MERGED ":");
			}
			sbuf_addf(&sb, " %s", l->items[i]->id);
		}
		if (sb.len && sb.buf[sb.len - 1] != '\n')
			sbuf_addc(&sb, '\n');
		if (change_commit(&w->ch, sb.buf, &errs)) {
			out_errs(ctx, &errs, NULL);
			rc = EXIT_PROBLEMS;
			goto out;
		}
	}
	report(ctx, l, &p, first, last, written);
	if (dry_run) {
		if (!ctx->quiet)
			printf("Dry run: nothing written (%zu file%s would be)\n", nfiles,
			       nfiles == 1 ? "" : "s");
	} else if (w->ch.committed && !ctx->quiet) {
		printf("Committed %s: %s\n", w->ch.commit_id, subject.buf);
	} else if (nfiles && !w->ch.commit && !ctx->quiet) {
		printf("Not committed (%s): %zu files written\n",
		       ctx->no_commit ? "--no-commit" : "commit: false in docket.yaml",
		       w->ch.nfiles);
	} else if (!nfiles && !ctx->quiet) {
		printf("Nothing changed: no commit\n");
	}
	if (import_list_failed(l))
		rc = EXIT_PROBLEMS;
out:
	plan_release(&p, l->n);
	sbuf_release(&subject);
	sbuf_release(&sb);
	sbuf_release(&old);
	return rc;
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
	char *data = NULL, *digest = NULL;
	struct diag_list errs = DIAG_LIST_INIT;
	size_t len = 0;
	int r, rc;

	if (!ss->bl.config_ok) {
		out_diags(ctx, &ss->bl.diags, SEV_ERROR);
		return EXIT_USAGE;
	}
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
		r = import_read_trello(&l, data, len, source);
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
		default: r = import_read_csv(&l, in, source); break;
		}
		fclose(in);
	}
	if (r) {
		out_diags(ctx, &l.diags, SEV_WARNING);
		rc = EXIT_USAGE;
		goto out;
	}
	if (id_column) {
		int found = 0;

		for (size_t i = 0; i < l.n && !found; i++)
			found = ifields_get(&l.items[i]->src, id_column) != NULL;
		if (!found && l.n) {
			out_error(ctx, "--id-column '%s': no record has a value in a column of that name",
				  id_column);
			rc = EXIT_USAGE;
			goto out;
		}
	}
	import_map_apply(&l, &map, &ss->bl.config);
	import_list_sort(&l);
	match_existing(&l, &ss->bl);
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
	if (!l.n) {
		diag_list_sort(&l.diags);
		out_diags(ctx, &l.diags, SEV_WARNING);
		report(ctx, &l, NULL, "", "", 0);
		if (!ctx->quiet)
			printf("Nothing to import.\n");
		rc = import_list_failed(&l) ? EXIT_PROBLEMS : EXIT_OK;
		goto out;
	}
	/* the CSV sources digest the export as it streams in */
	digest = l.digest ? xstrdup(l.digest) :
		 export_digest(data, len, kind == IMPORT_BACKLOG_MD ? &fs : NULL);
	rc = write_all(ctx, w, ss, &l, source, digest);
out:
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
	OPT_END,
};

const struct command cmd_import = {
	.name = "import",
	.summary = "create items and ORDER from another tool's export, in one commit",
	.args = args,
	.extra = "import takes one source",
	.opts = opts,
	.needs = NEED_WRITE | NEED_BACKLOG,
	.load = BL_ITEMS,
	.details =
	"Items keep the source's order: ready, planned, doing and blocked items are\n"
	"appended to ORDER (Jira's Rank, Trello's lists and pos, Backlog.md's\n"
	"ordinal, else the order of the rows); ideas stay unranked; done and\n"
	"stopped items are not ranked. Assignees become notes in the body.\n"
	"Every record that is not imported is named. Exit status: 0 all imported,\n"
	"1 some records could not be imported (the rest was), 2 unreadable input.\n",
	.run = run,
};
