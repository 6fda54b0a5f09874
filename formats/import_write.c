/*
 * import_write.c: the last stage of an import: docket ids, references
 * between imported items, the item files and the new ORDER.
 *
 * Ids are given in the order of the sorted list (so MKT-1 is the first
 * item of the source's order) from one past the highest number in use:
 * by the backlog's items (declared ids and file names), ORDER, and any
 * file the caller says is taken.  Gaps are never filled: a number that
 * was used once may still be named in history or on another branch.
 */
#include "formats/import.h"
#include "formats/import_idx.h"
#include "formats/import_spill.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/item.h"
#include "core/schema.h"
#include "core/strmap.h"
#include "core/xalloc.h"
#include "core/yaml_scalar.h"

static int
is_ranked_status(const char *st)
{
	return st && (!strcmp(st, "ready") || !strcmp(st, "planned") ||
		      !strcmp(st, "doing") || !strcmp(st, "blocked"));
}

size_t
import_list_ranked(const struct import_list *l)
{
	size_t n = 0;

	for (size_t i = 0; i < l->n; i++)
		n += import_list_at(l, i)->ranked != 0;
	return n;
}

/* The highest N of PREFIX-N in use. */
static long
max_used(const struct backlog *bl, const char *prefix)
{
	long max = 0, n;

	for (size_t i = 0; i < bl->nitems; i++) {
		const struct item *it = bl->items[i];
		const char *base = strrchr(it->path, '/');
		char *fid = item_id_from_filename(base ? base + 1 : it->path);

		if (it->id && (n = item_id_number(it->id, prefix)) > max)
			max = n;
		if (fid && (n = item_id_number(fid, prefix)) > max)
			max = n;
		free(fid);
	}
	for (size_t i = 0; bl->have_order && i < bl->order.nlines; i++) {
		const char *id = bl->order.lines[i].id;

		if (id && (n = item_id_number(id, prefix)) > max)
			max = n;
	}
	return max;
}

/* Is id taken: by an item or an ORDER line of the backlog, by an item
 * of this import (mine: the ids given so far, a set, so that giving n
 * ids stays linear), or by a file the caller knows of? */
static int
id_in_use(const struct backlog *bl, const struct strmap *mine, const char *id,
	  int (*taken)(void *, const char *), void *arg)
{
	if (backlog_item(bl, id) || (bl->have_order && order_rank(&bl->order, id)))
		return 1;
	if (strmap_find(mine, id, strlen(id)))
		return 1;
	return taken && taken(arg, id);
}

/* Give it the id (freed: l keeps a copy; the set, when given, borrows
 * that). */
static void
give_id(struct import_list *l, struct import_item *it, struct strmap *mine,
	char *id)
{
	it->id = import_list_str(l, id);
	free(id);
	if (mine)
		strmap_put(mine, it->id, strlen(it->id), it);
}

/* "task-24.01" -> "24.1"; NULL when the id has no number after its
 * prefix. */
static char *
number_form(const char *id)
{
	const char *p = id;
	struct sbuf sb = SBUF_INIT;

	while ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || *p == '_')
		p++;
	if (p > id && (*p == '-' || *p == ' '))
		p++;
	if (!(*p >= '0' && *p <= '9'))
		return NULL;
	while (*p) {
		while (*p == '0' && p[1] >= '0' && p[1] <= '9')
			p++;
		while (*p >= '0' && *p <= '9')
			sbuf_addc(&sb, *p++);
		if (*p == '.' && p[1] >= '0' && p[1] <= '9') {
			sbuf_addc(&sb, *p++);
			continue;
		}
		if (*p) {
			sbuf_release(&sb);
			return NULL;
		}
	}
	return sbuf_detach(&sb, NULL);
}

static char *
lower(const char *s)
{
	char *d = xstrdup(s);

	for (char *p = d; *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
	return d;
}

/* The records by the forms of their source ids (import_idx.h): a
 * number is a record's index times 2, plus 1 for the number form. */
static const char *
ref_key(void *arg, uint32_t v, struct sbuf *sb)
{
	const struct import_list *l = arg;
	const char *sid = import_list_at(l, v / 2)->source_id;
	char *k;

	if (!sid)
		return NULL;
	k = v % 2 ? number_form(sid) : lower(sid);
	if (!k)
		return NULL;
	if (v % 2)
		sbuf_addc(sb, '#');
	sbuf_adds(sb, k);
	free(k);
	return sb->buf;
}

/* Add record i under key (freed), unless a record has that key. */
static void
refs_put(struct import_idx *r, char *key, size_t i, int num)
{
	if (!key)
		return;
	import_idx_add(r, (uint32_t)(2 * i + (num != 0)), key);
	free(key);
}

static struct import_item *
refs_get(struct import_idx *r, const struct import_list *l, const char *src)
{
	char *k = lower(src), *num;
	int64_t v = import_idx_get(r, k);

	free(k);
	if (v < 0 && (num = number_form(src))) {
		k = xasprintf("#%s", num);
		v = import_idx_get(r, k);
		free(k);
		free(num);
	}
	return v < 0 ? NULL : import_list_at(l, v / 2);
}

static void
note(struct import_item *it, const char *fmt, const char *a)
{
	it->x->notes = xgrow(it->x->notes, &it->x->anotes, it->x->nnotes + 1, sizeof(*it->x->notes));
	it->x->notes[it->x->nnotes++] = xasprintf(fmt, a);
}

/* Does it name other records (depends_on, follows as source ids)? */
static int
names_others(const struct import_item *it)
{
	if (it->spilled || !it->x)
		return it->has_refs;
	return it->x->ndeps || it->x->follows;
}

static void
resolve(struct import_list *l)
{
	struct import_idx r;
	char wb[32];
	size_t any = 0;

	/* the maps of source ids only when a record names another */
	for (size_t i = 0; i < l->n && !any; i++)
		any = names_others(import_list_at(l, i));
	if (!any)
		return;
	import_idx_init(&r, ref_key, l);
	for (size_t i = 0; i < l->n; i++)
		if (import_list_at(l, i)->source_id)
			refs_put(&r, lower(import_list_at(l, i)->source_id), i, 0);
	/* then the bare numbers ("task-7" names BACK-7); Backlog.md's drafts
	 * have a number space of their own, so they come last */
	for (int pass = 0; pass < 2; pass++)
		for (size_t i = 0; i < l->n; i++) {
			const char *sid = import_list_at(l, i)->source_id;
			char *num;

			if (!sid || (!strncasecmp(sid, "draft", 5)) != pass)
				continue;
			if ((num = number_form(sid))) {
				refs_put(&r, xasprintf("#%s", num), i, 1);
				free(num);
			}
		}
	for (size_t i = 0; i < l->n; i++) {
		struct import_item *it = import_list_at(l, i), *to;

		if (!names_others(it))
			continue;
		/* its fields and notes, in from the spill file and back */
		import_spill_in(l, it);
		for (size_t d = 0; d < it->x->ndeps; d++) {
			to = refs_get(&r, l, it->x->deps[d]);
			if (to == it)
				continue;
			if (to) {
				ifields_push(&it->x->out, "depends_on", to->id, 1);
			} else {
				note(it, "Depends on: %s (not in this import)", it->x->deps[d]);
				diag_add(&l->diags, SEV_WARNING, "import", it->file, it->line, 0,
					 "%s (now %s) depends on '%s', which is not in this import; kept as a note",
					 it->source_id ? it->source_id : import_item_what(it, wb, "a record"),
					 it->id, it->x->deps[d]);
			}
		}
		if (it->x->follows) {
			to = refs_get(&r, l, it->x->follows);
			if (to && to != it)
				ifields_set_str(&it->x->out, "follows", to->id);
			else
				note(it, "Follows: %s (not in this import)", it->x->follows);
		}
		import_spill_out(l, it);
	}
	import_idx_release(&r);
}

void
import_assign_ids(struct import_list *l, const struct import_map *m,
		  const struct backlog *bl,
		  int (*taken)(void *arg, const char *id), void *arg)
{
	const char *prefix = bl->config.prefix ? bl->config.prefix : "MKT";
	long next = max_used(bl, prefix);
	struct strmap mine = STRMAP_INIT;
	char wb[32];

	/* the ids of records that are items already (a re-import) */
	for (size_t i = 0; i < l->n; i++) {
		struct import_item *it = import_list_at(l, i);

		if (it->id)
			strmap_put(&mine, it->id, strlen(it->id), it);
	}

	if (m->keep_ids) {
		for (size_t i = 0; i < l->n; i++) {
			struct import_item *it = import_list_at(l, i);
			const char *sid = it->source_id;

			if (it->id || !sid || !item_id_valid(sid) || item_id_number(sid, prefix) < 0)
				continue;
			if (id_in_use(bl, &mine, sid, taken, arg)) {
				diag_add(&l->diags, SEV_WARNING, "import", it->file, it->line, 0,
					 "%s: id %s is already used in this backlog; the item gets a new id",
					 import_item_what(it, wb, "a record"), sid);
				continue;
			}
			give_id(l, it, &mine, xstrdup(sid));
			if (item_id_number(sid, prefix) > next)
				next = item_id_number(sid, prefix);
		}
	}
	for (size_t i = 0; i < l->n; i++) {
		struct import_item *it = import_list_at(l, i);

		if (it->id)
			continue;
		if (m->keep_ids && it->source_id)
			diag_add(&l->diags, SEV_WARNING, "import", it->file, it->line, 0,
				 "%s: '%s' is not an id of the form %s-N; the item gets a new id",
				 import_item_what(it, wb, "a record"), it->source_id, prefix);
		for (;;) {
			char *cand = xasprintf("%s-%ld", prefix, ++next);

			/* past every number given so far: not in mine as a
			 * new id, so the set keeps only the ids of records
			 * that are items already or kept their source's */
			if (!id_in_use(bl, &mine, cand, taken, arg)) {
				give_id(l, it, NULL, cand);
				break;
			}
			free(cand);
		}
	}
	/* existing ids never move; new items are ranked only into an
	 * ORDER that ranks nothing yet, else they enter the intake */
	{
		int empty = 1;

		for (size_t i = 0; bl->have_order && i < bl->order.nlines; i++)
			if (bl->order.lines[i].id)
				empty = 0;
		for (size_t i = 0; i < l->n; i++) {
			struct import_item *it = import_list_at(l, i);

			it->ranked = empty && !it->existing && is_ranked_status(it->status);
		}
	}
	strmap_release(&mine);
	resolve(l);
}

/* ---- item files ------------------------------------------------------ */

static void
render_value(struct sbuf *out, const struct ival *v)
{
	switch (v->type) {
	case IVAL_NUM:
		yaml_scalar_number(out, v->num);
		break;
	case IVAL_BOOL:
		sbuf_adds(out, v->num ? "true" : "false");
		break;
	case IVAL_DATE:
		sbuf_adds(out, v->str);
		break;
	case IVAL_LIST:
		yaml_scalar_list(out, (const char *const *)v->list, v->n);
		break;
	default:
		yaml_scalar_str(out, v->str, strlen(v->str), 0, YSTYLE_PLAIN);
	}
}

static void
render_field(struct sbuf *out, const struct ifield *f)
{
	sbuf_addf(out, "%s: ", f->key);
	render_value(out, &f->v);
	sbuf_addc(out, '\n');
}

/* Does body have a "Definition of Done" heading? */
static int
has_dod(const char *body)
{
	for (const char *p = body; p && *p;) {
		const char *e = strchr(p, '\n');
		size_t n = e ? (size_t)(e - p) : strlen(p);
		const char *q = p;

		while (q < p + n && *q == ' ')
			q++;
		if (q < p + n && *q == '#') {
			while (q < p + n && (*q == '#' || *q == ' '))
				q++;
			if ((size_t)(p + n - q) >= 18 && !strncasecmp(q, "definition of done", 18))
				return 1;
		}
		p = e ? e + 1 : p + n;
	}
	return 0;
}

/* Append text without its leading blank lines and trailing blanks. */
static void
add_trimmed(struct sbuf *out, const char *s)
{
	const char *e;

	if (!s)
		return;
	for (;;) {
		const char *q = s;

		while (*q == ' ' || *q == '\t' || *q == '\r')
			q++;
		if (*q != '\n')
			break;
		s = q + 1;
	}
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\n' || e[-1] == '\r'))
		e--;
	sbuf_add(out, s, (size_t)(e - s));
}

void
import_render_item(struct sbuf *out, const struct import_item *it,
		   const struct config *cfg, enum import_kind kind)
{
	size_t body_start;

	sbuf_adds(out, "---\n");
	sbuf_adds(out, "id: ");
	yaml_scalar_str(out, it->id, strlen(it->id), 0, YSTYLE_PLAIN);
	sbuf_addc(out, '\n');
	for (size_t i = 0; i < schema_nfields; i++) {
		const struct ifield *f = ifields_get(&it->x->out, schema_fields[i].name);

		if (f && strcmp(f->key, "id"))
			render_field(out, f);
	}
	for (size_t i = 0; i < it->x->out.n; i++)
		if (!schema_builtin(it->x->out.v[i].key))
			render_field(out, &it->x->out.v[i]);
	sbuf_adds(out, "---\n");
	body_start = out->len;
	add_trimmed(out, it->x->body);
	for (size_t i = 0; i < it->x->nsections; i++) {
		if (out->len > body_start)
			sbuf_adds(out, "\n\n");
		sbuf_addf(out, "<!-- docket:import %s -->\n%s\n<!-- /docket:import -->",
			  it->x->sections[i].name, it->x->sections[i].text);
	}
	if (it->x->nnotes) {
		if (out->len > body_start)
			sbuf_adds(out, "\n\n");
		sbuf_addf(out, "<!-- docket:import notes -->\n## Imported from %s\n\n",
			  import_kind_title(kind));
		for (size_t i = 0; i < it->x->nnotes; i++) {
			const char *s = it->x->notes[i];

			sbuf_adds(out, "- ");
			/* continuation lines stay inside the list item */
			for (; *s; s++) {
				if (*s == '\r')
					continue;
				sbuf_addc(out, *s);
				if (*s == '\n' && s[1])
					sbuf_adds(out, "  ");
			}
			sbuf_addc(out, '\n');
		}
		sbuf_adds(out, "<!-- /docket:import -->");
	}
	if (cfg && strcmp(it->status, "done") && strcmp(it->status, "stopped") &&
	    !has_dod(it->x->body)) {
		/* the Definition of Done of the item's type */
		const struct ifield *tf = ifields_get(&it->x->out, "type");
		size_t ndod;
		const char *const *dod = config_dod(cfg, tf && tf->v.type == IVAL_STR ?
						    item_type_parse(tf->v.str) : TYPE_EXPERIMENT,
						    &ndod);

		if (ndod) {
			if (out->len > body_start)
				sbuf_adds(out, "\n\n");
			sbuf_adds(out, "## Definition of Done\n");
			for (size_t i = 0; i < ndod; i++)
				sbuf_addf(out, "- [ ] %s\n", dod[i]);
			sbuf_setlen(out, out->len - 1);
		}
	}
	if (out->len > body_start)
		sbuf_addc(out, '\n');
}

char *
import_source_value(enum import_kind kind, const char *source_id)
{
	if (!source_id || !*source_id)
		return NULL;
	return xasprintf("%s %s", import_kind_name(kind), source_id);
}

/* ---- ORDER ------------------------------------------------------------ */

void
import_render_order(struct sbuf *out, const char *old, size_t len,
		    const struct import_list *l)
{
	int crlf = len >= 2 && memchr(old, '\n', len) &&
		   ((const char *)memchr(old, '\n', len))[-1] == '\r';
	const char *nl = crlf ? "\r\n" : "\n";

	sbuf_add(out, old, len);
	if (!import_list_ranked(l))
		return;
	if (len && old[len - 1] != '\n')
		sbuf_adds(out, nl);
	sbuf_addf(out, "# Imported from %s%s", import_kind_title(l->kind), nl);
	for (size_t i = 0; i < l->n; i++)
		if (import_list_at(l, i)->ranked)
			sbuf_addf(out, "%s%s", import_list_at(l, i)->id, nl);
}
