/* import_run.c: matching records to items, the plan of a run and its
 * commit message (formats/import_run.h). */
#include "formats/import_run.h"
#include "formats/import_run_int.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/item.h"
#include "core/limits.h"
#include "core/sha256.h"
#include "core/strmap.h"
#include "core/xalloc.h"
#include "core/ynode.h"

void
import_plan_release(struct import_plan *p)
{
	for (size_t i = 0; i < p->n; i++) {
		if (p->files)
			free(p->files[i]);
		if (!p->why)
			continue;
		free(p->why[i]);
		free(p->refused[i]);
		free(p->changed[i]);
	}
	free(p->files);
	free(p->lens);
	free(p->why);
	free(p->refused);
	free(p->changed);
	free(p->merged);
	if (!p->writes_list)
		free(p->writes);
	free(p->over);
	memset(p, 0, sizeof(*p));
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

char *
import_item_key(const struct item *it, enum import_kind kind)
{
	const char *sv = it->id ? ynode_str(item_get(it, "source")) : NULL;

	return sv ? xstrdup(sv) : old_source(it, kind);
}

void
import_match_existing(struct import_list *l, const struct backlog *bl,
		      char *const *have)
{
	struct strmap by;
	char **keys = NULL;
	size_t nkeys = 0, akeys = 0;

	strmap_init(&by);
	for (size_t i = 0; i < bl->nitems; i++) {
		const struct item *it = bl->items[i];
		char *k = have ? (have[i] ? xstrdup(have[i]) : NULL) :
			  import_item_key(it, l->kind);

		if (!k)
			continue;
		keys = xgrow(keys, &akeys, nkeys + 1, sizeof(*keys));
		keys[nkeys++] = k;
		if (!strmap_get(&by, k))
			strmap_put(&by, k, strlen(k), (void *)it);
	}
	for (size_t i = 0; i < l->n; i++) {
		struct import_item *x = import_list_at(l, i);
		char *k = import_source_value(l->kind, x->source_id);
		const struct item *it = k ? strmap_get(&by, k) : NULL;

		free(k);
		/* Trello cards were named by their short link before */
		if (!it && x->ext && x->ext->alt_id) {
			k = import_source_value(l->kind, x->ext->alt_id);
			it = strmap_get(&by, k);
			free(k);
		}
		if (it && it->id) {
			x->id = import_list_str(l, it->id);
			x->existing = 1;
		}
	}
	for (size_t i = 0; i < nkeys; i++)
		free(keys[i]);
	free(keys);
	strmap_release(&by);
}

/* Order of record numbers a, b of l (import_msort): by source id, then
 * by position in the source (records without an id last). */
static int
cmp_by_source(const void *pa, const void *pb, void *arg)
{
	const struct import_list *l = arg;
	const struct import_item *x = import_list_at(l, *(const uint32_t *)pa);
	const struct import_item *y = import_list_at(l, *(const uint32_t *)pb);
	int c;

	if (!x->source_id != !y->source_id)
		return x->source_id ? -1 : 1;
	if (x->source_id && (c = strcmp(x->source_id, y->source_id)))
		return c;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static int
drop_marked(struct import_list *l, struct import_item *it, void *arg)
{
	(void)l;
	(void)arg;
	return it->repeated;
}

size_t
import_drop_repeated(struct import_list *l)
{
	size_t n = l->n, dropped = 0;
	uint32_t *ix, *tmp;

	if (n < 2)
		return 0;
	ix = import_list_scratch(l, n * sizeof(*ix));
	tmp = import_list_scratch(l, n * sizeof(*tmp));
	for (size_t i = 0; i < n; i++)
		ix[i] = (uint32_t)i;
	import_msort(ix, n, sizeof(*ix), tmp, cmp_by_source, l);
	/* in each run of one id, the first in the source stays */
	for (size_t s = 0, e; s < n; s = e) {
		struct import_item *first = import_list_at(l, ix[s]);

		for (e = s + 1; e < n && first->source_id; e++) {
			struct import_item *it = import_list_at(l, ix[e]);
			char where[64];

			if (!it->source_id || strcmp(it->source_id, first->source_id))
				break;
			it->repeated = 1;
			dropped++;
			/* (file names are the list's: one copy each) */
			if (first->file == it->file && first->line > 0)
				snprintf(where, sizeof(where), "the record on line %d",
					 first->line);
			else
				snprintf(where, sizeof(where), "another record");
			import_list_skip(l, 1, it->file, it->line,
					 "its id '%s' is also the id of %s%s%s: not imported "
					 "(each record needs an id of its own, or importing "
					 "again would mix them up)", it->source_id, where,
					 first->file == it->file ? "" : " in ",
					 first->file == it->file ? "" : first->file);
		}
	}
	import_list_scratch_free(l, ix);
	import_list_scratch_free(l, tmp);
	if (dropped)
		import_list_drop_if(l, drop_marked, NULL);
	return dropped;
}

size_t
import_unmatchable(const struct import_list *l)
{
	size_t noid = 0;

	for (size_t i = 0; i < l->n; i++)
		noid += !import_list_at(l, i)->source_id;
	return noid;
}

char *
import_item_file(const struct backlog *bl, const struct import_item *it)
{
	const struct item *cur = it->existing ? backlog_item(bl, it->id) : NULL;
	const char *base = cur ? strrchr(cur->path, '/') : NULL;

	if (cur)
		return xstrdup(base ? base + 1 : cur->path);
	return xasprintf("%s.md", it->id);
}

size_t
import_existing_names(char ***names, char ***alts, const struct import_list *l,
		      const struct backlog *bl)
{
	size_t n = 0, k = 0;

	for (size_t i = 0; i < l->n; i++)
		n += import_list_at(l, i)->existing;
	*names = xcalloc(n + 1, sizeof(**names));
	*alts = xcalloc(n + 1, sizeof(**alts));
	for (size_t i = 0; i < l->n && k < n; i++) {
		const struct import_item *it = import_list_at(l, i);
		char *f;

		if (!it->existing)
			continue;
		(*names)[k] = xasprintf("%s.md", it->id);
		f = import_item_file(bl, it);
		if (strcmp(f, (*names)[k]))
			(*alts)[k] = f;
		else
			free(f);
		k++;
	}
	return k;
}

void
import_names_free(char **names, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
}

/* The file of cur, record it, as it is here: its bytes when bl kept
 * them, else read through src (a backlog loaded lean); NULL when it
 * cannot be read (*owned: what the caller frees). */
static const char *
local_file(size_t *len, char **owned, const struct backlog *bl,
	   const struct item *cur, const struct import_item *it,
	   struct source *src)
{
	struct diag_list e = DIAG_LIST_INIT;
	char *name, *rel;
	int rc;

	*owned = NULL;
	*len = cur->len;
	if (cur->data || !src)
		return cur->data;
	name = import_item_file(bl, it);
	rel = xasprintf("%s/%s", bl->config.items, name);
	rc = src->read(src, rel, owned, len, LIMIT_FILE, &e);
	free(name);
	free(rel);
	diag_list_release(&e);
	return rc ? NULL : *owned;
}

/* The three-way result for existing record i (rendered in sb). */
static void
plan_existing(struct import_plan *p, struct import_list *l, size_t i,
	      const struct backlog *bl, struct source *src, const char *base,
	      size_t blen, const struct sbuf *sb, struct diag_list *diags)
{
	const struct import_item *it = import_list_at(l, i);
	const struct item *cur = backlog_item(bl, it->id);
	struct import_merge m;
	struct diag_list d = DIAG_LIST_INIT;
	const char *local;
	char *owned;
	size_t llen;

	if (!cur || !(local = local_file(&llen, &owned, bl, cur, it, src))) {
		p->unchanged++;
		return;
	}
	if (import_merge_item(&m, cur->path, base, blen, local, llen,
			      sb->buf, sb->len, &bl->config, &d)) {
		free(owned);
		/* the item here does not parse: leave it, say so */
		diag_list_move(diags, &d);
		p->conflicts++;
		p->why[i] = xstrdup("the file does not parse");
		import_merge_release(&m);
		return;
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
		p->merged[i] = m.out.len != sb->len ||
			       memcmp(m.out.buf, sb->buf, sb->len);
		p->files[i] = sbuf_detach(&m.out, &p->lens[i]);
		if (!m.nconflicts)
			p->changed[i] = xstrdup("");
	}
	import_merge_release(&m);
	free(owned);
}

void
import_plan_make_(struct import_plan *p, struct import_list *l,
		  const struct backlog *bl, struct source *src,
		  const struct import_bases *bases, size_t limit,
		  struct diag_list *diags)
{
	struct sbuf sb = SBUF_INIT;
	size_t slot = 0;

	memset(p, 0, sizeof(*p));
	p->n = l->n;
	p->files = xcalloc(l->n + 1, sizeof(*p->files));
	p->lens = xcalloc(l->n + 1, sizeof(*p->lens));
	p->why = xcalloc(l->n + 1, sizeof(*p->why));
	p->refused = xcalloc(l->n + 1, sizeof(*p->refused));
	p->changed = xcalloc(l->n + 1, sizeof(*p->changed));
	p->merged = xcalloc(l->n + 1, 1);
	p->writes = xcalloc(l->n + 1, 1);
	p->over = xcalloc(l->n + 1, sizeof(*p->over));
	p->first = p->last = "";
	for (size_t i = 0; i < l->n; i++) {
		struct import_item *it = import_list_at(l, i);

		sbuf_reset(&sb);
		import_render_item(&sb, it, &bl->config, l->kind);
		if (!it->existing && limit && sb.len > limit) {
			/* never an item docket itself would not read */
			p->over[i] = sb.len;
		} else if (!it->existing) {
			p->lens[i] = sb.len;
			p->files[i] = sbuf_detach(&sb, NULL);
			p->added++;
		} else {
			int have = bases && slot < bases->n;

			plan_existing(p, l, i, bl, src, have ? bases->data[slot] : NULL,
				      have ? bases->len[slot] : 0, &sb, diags);
			slot++;
		}
		if (!p->files[i])
			continue;
		p->writes[i] = 1;
		p->nfiles++;
		if (!it->existing) {
			if (!p->written++)
				p->first = it->id;
			p->last = it->id;
		}
	}
	sbuf_release(&sb);
}

void
import_subject(struct sbuf *out, const struct import_list *l,
	       const struct import_plan *p)
{
	if (p->updated || p->conflicts || p->unchanged)
		sbuf_addf(out, "Import from %s: %zu added, %zu updated",
			  import_kind_name(l->kind), p->added, p->updated);
	else
		sbuf_addf(out, "Import %zu item%s from %s", p->written,
			  p->written == 1 ? "" : "s", import_kind_name(l->kind));
}

void
import_commit_message(struct sbuf *sb, const char *subject,
		      const struct import_list *l, const struct import_plan *p,
		      const char *source, const char *digest)
{
	size_t failed = import_list_failed(l);

	sbuf_addf(sb, "%s\n\n", subject);
	sbuf_addf(sb, "Source: %s\n", source);
	sbuf_addf(sb, "%zu added, %zu updated, %zu unchanged, %zu in conflict (kept as they are here).\n",
		  p->added, p->updated, p->unchanged, p->conflicts);
	sbuf_addf(sb, "%zu ranked in ORDER (in the source's order), %zu read with repairs, %zu skipped as not items, %zu not imported.\n",
		  import_list_ranked(l), l->recovered,
		  l->nskips - failed, failed);
	for (size_t i = 0, shown = 0; i < l->nskips && shown < 50; i++)
		if (l->skips[i].failed) {
			sbuf_addf(sb, "Not imported: %s: %s\n", l->skips[i].file,
				  l->skips[i].reason);
			shown++;
		}
	for (size_t i = 0, shown = 0; p->why && i < l->n && shown < 50; i++)
		if (p->why[i] || p->refused[i]) {
			if (p->why[i])
				sbuf_addf(sb, "In conflict: %s (%s)\n", import_list_at(l, i)->id,
					  p->why[i]);
			if (p->refused[i])
				sbuf_addf(sb, "Not updated: %s (%s)\n", import_list_at(l, i)->id,
					  p->refused[i]);
			shown++;
		}
	sbuf_addf(sb, "\n%s: %s %s\n", IMPORT_TRAILER,
		  import_kind_name(l->kind), digest);
	for (size_t i = 0, line = 0; i < l->n; i++) {
		/* "Docket-Import-Merged: ID ID ..." lines of <= ~72 */
		if (!p->writes[i] || !p->merged || !p->merged[i])
			continue;
		if (line && sb->len - line + strlen(import_list_at(l, i)->id) > 72) {
			sbuf_addc(sb, '\n');
			line = 0;
		}
		if (!line) {
			line = sb->len;
			sbuf_adds(sb, IMPORT_MERGED ":");
		}
		sbuf_addf(sb, " %s", import_list_at(l, i)->id);
	}
	if (sb->len && sb->buf[sb->len - 1] != '\n')
		sbuf_addc(sb, '\n');
}

char *
import_digest_text(const uint8_t d[32])
{
	struct sbuf sb = SBUF_INIT;

	sbuf_adds(&sb, "sha256:");
	for (size_t i = 0; i < 32; i++)
		sbuf_addf(&sb, "%02x", d[i]);
	return sbuf_detach(&sb, NULL);
}

char *
import_export_digest(const char *data, size_t len,
		     const struct import_file *files, size_t n)
{
	struct sha256_stream h;
	uint8_t d[32];

	sha256_stream_init(&h);
	if (n) {
		/* each file as rel NUL length NUL bytes, in parts */
		for (size_t i = 0; i < n; i++) {
			char lenbuf[32];
			int k = snprintf(lenbuf, sizeof(lenbuf), "%zu", files[i].len);

			sha256_stream_add(&h, files[i].rel, strlen(files[i].rel) + 1);
			sha256_stream_add(&h, lenbuf, (size_t)k + 1);
			sha256_stream_add(&h, files[i].data, files[i].len);
		}
	} else {
		sha256_stream_add(&h, data ? data : "", len);
	}
	sha256_stream_end(d, &h);
	return import_digest_text(d);
}
