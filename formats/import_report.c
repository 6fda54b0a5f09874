/* import_report.c: what an import says it did (formats/import_report.h). */
#include "formats/import_report.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"
#include "formats/json.h"

/* Where field j of it went, as the item is now: a value validation
 * moved from its field to a note (import_plan_validate), or a
 * reference to no record of the import, went there. */
static const char *
final_where(const struct import_list *l, const struct import_item *it,
	    size_t j)
{
	const char *w = import_where(l, it, j);
	const char *name = !strncmp(w, "field:", 6) ? w + 6 : NULL;

	if (name && strcmp(name, "status") && strcmp(name, "type") &&
	    !it->spilled && !ifields_get(&it->x->out, name))
		return "note";
	return w;
}

/* Count one value of source field key that went to where, seen first
 * at field j of record i, in l->tally. */
static void
tally_add(struct import_list *l, unsigned key, unsigned where, size_t i,
	  size_t j)
{
	char k[32];
	size_t n = (size_t)snprintf(k, sizeof(k), "%u:%u", key, where);
	struct strmap_entry *e = strmap_find(&l->tally_idx, k, n);
	struct import_tally *t;

	if (e) {
		t = &l->tally[(uintptr_t)e->value - 1];
		t->records++;
		if (i < t->first_i || (i == t->first_i && j < t->first_j)) {
			t->first_i = i;
			t->first_j = j;
		}
		return;
	}
	l->tally = xgrow(l->tally, &l->atally, l->ntally + 1, sizeof(*l->tally));
	l->tally_keys = xgrow(l->tally_keys, &l->atally_keys, l->ntally + 1,
			      sizeof(*l->tally_keys));
	l->tally_keys[l->ntally] = xstrdup(k);
	t = &l->tally[l->ntally++];
	t->key = key;
	t->where = where;
	t->records = 1;
	t->first_i = i;
	t->first_j = j;
	strmap_put(&l->tally_idx, l->tally_keys[l->ntally - 1], n,
		   (void *)(uintptr_t)l->ntally);
}

void
import_report_settle(struct import_list *l, struct import_item *it, size_t i)
{
	struct import_rec *x = it->x;
	unsigned note = 0;

	if (it->spilled || !x)
		return;
	for (size_t j = 0; j < x->nwhere; j++) {
		unsigned w = x->where ? x->where[j] : 0;

		if (!strcmp(final_where(l, it, j), "note") &&
		    strcmp(import_where(l, it, j), "note")) {
			if (!note)
				note = import_where_intern(l, "note");
			w = note;
		}
		if (w && w < l->nwheres && x->keys && x->keys[j] < l->nwheres)
			tally_add(l, x->keys[j], w, i, j);
	}
	free(x->where);
	free(x->keys);
	x->where = x->keys = NULL;
	x->nwhere = 0;
}

static void
count(struct import_report *r, const char *key, const char *to,
      size_t records, size_t fi, size_t fj)
{
	struct strmap_entry *e = strmap_find(&r->idx, key, strlen(key));
	struct import_report_field *f;
	size_t k;

	if (e) {
		f = &r->fields[(uintptr_t)e->value - 1];
	} else {
		r->fields = xgrow(r->fields, &r->afields, r->nfields + 1,
				  sizeof(*r->fields));
		f = &r->fields[r->nfields++];
		memset(f, 0, sizeof(*f));
		f->key = key;
		f->first_i = fi;
		f->first_j = fj;
		strmap_put(&r->idx, key, strlen(key), (void *)(uintptr_t)r->nfields);
	}
	f->records += records;
	if (fi < f->first_i || (fi == f->first_i && fj < f->first_j)) {
		f->first_i = fi;
		f->first_j = fj;
	}
	for (k = 0; k < f->nto && strcmp(f->to[k].to, to); k++)
		;
	if (k == f->nto) {
		f->to = xgrow(f->to, &f->ato, f->nto + 1, sizeof(*f->to));
		f->to[f->nto].to = to;
		f->to[f->nto].first_i = fi;
		f->to[f->nto].first_j = fj;
		f->to[f->nto++].records = 0;
	}
	f->to[k].records += records;
	if (fi < f->to[k].first_i || (fi == f->to[k].first_i && fj < f->to[k].first_j)) {
		f->to[k].first_i = fi;
		f->to[k].first_j = fj;
	}
}

static int
cmp_first(size_t ai, size_t aj, size_t bi, size_t bj)
{
	if (ai != bi)
		return ai < bi ? -1 : 1;
	return aj < bj ? -1 : aj > bj;
}

static int
cmp_field(const void *a, const void *b)
{
	const struct import_report_field *x = a, *y = b;

	return cmp_first(x->first_i, x->first_j, y->first_i, y->first_j);
}

static int
cmp_to(const void *a, const void *b)
{
	const struct import_report_to *x = a, *y = b;

	return cmp_first(x->first_i, x->first_j, y->first_i, y->first_j);
}

void
import_report_make(struct import_report *r, const struct import_list *l,
		   const struct import_plan *p, const char *source,
		   const struct backlog *bl)
{
	memset(r, 0, sizeof(*r));
	strmap_init(&r->idx);
	r->l = l;
	r->p = p;
	r->source = source;
	r->written = p ? p->written : 0;
	r->first = p ? p->first : "";
	r->last = p ? p->last : "";
	r->ranked = import_list_ranked(l);
	for (size_t i = 0; bl && bl->have_order && i < l->n; i++) {
		const struct import_item *it = import_list_at(l, i);

		if (it->existing && !it->ranked && it->id && order_rank(&bl->order, it->id))
			r->ranked++;
	}
	r->failed = import_list_failed(l);
	r->skipped = l->nskips - r->failed;
	r->recovered = l->recovered;
	/* the records settled (import_report_settle), counted already */
	for (size_t t = 0; t < l->ntally; t++) {
		const struct import_tally *x = &l->tally[t];

		count(r, l->wheres[x->key], l->wheres[x->where], x->records,
		      x->first_i, x->first_j);
	}
	for (size_t i = 0; i < l->n; i++) {
		const struct import_item *it = import_list_at(l, i);
		const char *st = it->status;

		r->ideas += !strcmp(st, "idea");
		r->closed += !strcmp(st, "done") || !strcmp(st, "stopped");
		for (size_t j = 0; it->x && j < it->x->nwhere; j++) {
			const char *w = final_where(l, it, j);

			if (*w)
				count(r, import_where_key(l, it, j), w, 1, i, j);
		}
	}
	/* in the order the list first has them */
	if (r->nfields > 1)
		qsort(r->fields, r->nfields, sizeof(*r->fields), cmp_field);
	for (size_t k = 0; k < r->nfields; k++)
		if (r->fields[k].nto > 1)
			qsort(r->fields[k].to, r->fields[k].nto, sizeof(*r->fields[k].to),
			      cmp_to);
	strmap_release(&r->idx);
	strmap_init(&r->idx);
	for (size_t k = 0; k < r->nfields; k++)
		strmap_put(&r->idx, r->fields[k].key, strlen(r->fields[k].key),
			   (void *)(uintptr_t)(k + 1));
}

void
import_report_release(struct import_report *r)
{
	for (size_t i = 0; i < r->nfields; i++)
		free(r->fields[i].to);
	free(r->fields);
	strmap_release(&r->idx);
	memset(r, 0, sizeof(*r));
}

void
import_report_skip(struct sbuf *out, const struct import_skip *s)
{
	if (s->line)
		sbuf_addf(out, "%s:%d: %s", s->file, s->line, s->reason);
	else
		sbuf_addf(out, "%s: %s", s->file, s->reason);
}

/* "field:effort" -> "effort", "none:no mapping" -> "not carried (no
 * mapping)" */
static void
where_text(struct sbuf *out, const char *to)
{
	if (!strncmp(to, "field:", 6))
		sbuf_adds(out, to + 6);
	else if (!strcmp(to, "note"))
		sbuf_adds(out, "a note");
	else if (!strcmp(to, "body"))
		sbuf_adds(out, "the body");
	else if (!strncmp(to, "section:", 8))
		sbuf_addf(out, "the %s section", to + 8);
	else if (!strcmp(to, "source"))
		sbuf_adds(out, "source");
	else if (!strcmp(to, "order"))
		sbuf_adds(out, "the order");
	else if (!strncmp(to, "none:", 5))
		sbuf_addf(out, "not carried (%s)", to + 5);
	else
		sbuf_adds(out, to);
}

static void
fields_text(struct sbuf *sb, const struct import_report *r)
{
	if (!r->nfields)
		return;
	sbuf_adds(sb, "Source fields (records with a value: where the values went):\n");
	for (size_t i = 0; i < r->nfields; i++) {
		const struct import_report_field *f = &r->fields[i];

		sbuf_addf(sb, "  %s: %zu →", f->key, f->records);
		for (size_t k = 0; k < f->nto; k++) {
			sbuf_adds(sb, k ? ", " : " ");
			where_text(sb, f->to[k].to);
			if (f->nto > 1)
				sbuf_addf(sb, " %zu", f->to[k].records);
		}
		sbuf_addc(sb, '\n');
	}
}

void
import_report_text(struct sbuf *sb, const struct import_report *r)
{
	const struct import_list *l = r->l;
	const struct import_plan *p = r->p;

	int dry = r->dry_run;

	/* a dry run says what would happen, never that it happened */
	sbuf_addf(sb, "%s %zu item%s from %s", dry ? "Would import" : "Imported",
		  r->written, r->written == 1 ? "" : "s", import_kind_title(l->kind));
	if (r->written)
		sbuf_addf(sb, ": %s%s%s", r->first, r->written > 1 ? " to " : "",
			  r->written > 1 ? r->last : "");
	sbuf_addc(sb, '\n');
	/* two splits of the same records, each adding up to their number: a
	 * record that came in as an idea keeps its place in ORDER, so the
	 * ranked and the ideas may be the same records */
	if (l->n) {
		size_t other = l->n - r->ideas - r->closed;

		sbuf_addf(sb, "Records: %zu (%zu ranked in ORDER, %zu not ranked)\n",
			  l->n, r->ranked, l->n - r->ranked);
		sbuf_addf(sb, "By status: %zu idea, %zu ready to blocked, %zu done or stopped\n",
			  r->ideas, other, r->closed);
	}
	if (r->recovered)
		sbuf_addf(sb, "%zu of the records %s read with repairs (see the warnings)\n",
			  r->recovered, r->recovered == 1 ? "was" : "were");
	if (p && p->demoted)
		sbuf_addf(sb, "%zu %s in as idea%s: docket check would reject %s with the source's status (%s says what it needs first)\n",
			  p->demoted, dry ? "would come" : "came",
			  p->demoted == 1 ? "" : "s",
			  p->demoted == 1 ? "it" : "them",
			  p->demoted == 1 ? "its note" : "a note in each");
	if (p && p->noted)
		sbuf_addf(sb, "%zu value%s %s to notes instead of fields: docket check rejects %s (see the notes)\n",
			  p->noted, p->noted == 1 ? "" : "s", dry ? "would go" : "went",
			  p->noted == 1 ? "it" : "them");
	if (r->skipped) {
		sbuf_addf(sb, "Skipped %zu that %s not %s:\n", r->skipped,
			  r->skipped == 1 ? "is" : "are",
			  r->skipped == 1 ? "an item" : "items");
		for (size_t i = 0; i < l->nskips; i++) {
			if (l->skips[i].failed)
				continue;
			sbuf_adds(sb, "  ");
			import_report_skip(sb, &l->skips[i]);
			sbuf_addc(sb, '\n');
		}
	}
	if (l->nunmapped) {
		sbuf_adds(sb, "Fields no mapping names were not imported:");
		for (size_t i = 0; i < l->nunmapped; i++)
			sbuf_addf(sb, "%s '%s'", i ? "," : "", l->unmapped[i]);
		sbuf_adds(sb, " (map them under fields: in a --map file; see docs/import.md)\n");
	}
	fields_text(sb, r);
	if (!p)
		return;
	sbuf_addf(sb, "%zu added, %zu updated, %zu unchanged, %zu in conflict\n",
		  p->added, p->updated, p->unchanged, p->conflicts);
	for (size_t i = 0; p->why && i < l->n && i < p->n; i++) {
		if (p->refused[i])
			sbuf_addf(sb, "  %s: not updated from %s: %s\n",
				  import_list_at(l, i)->id, import_kind_title(l->kind), p->refused[i]);
		else if (p->why[i])
			sbuf_addf(sb, "  %s: %s changed here and in %s: kept as it is here\n",
				  import_list_at(l, i)->id, p->why[i], import_kind_title(l->kind));
		else if (p->changed[i])
			sbuf_addf(sb, "  %s: updated from %s\n", import_list_at(l, i)->id,
				  import_kind_title(l->kind));
	}
}

static void
skips_json(struct jw *w, const struct import_list *l, int failed)
{
	jw_array_lines(w);
	for (size_t i = 0; i < l->nskips; i++) {
		const struct import_skip *s = &l->skips[i];

		if (!s->failed != !failed)
			continue;
		jw_object(w);
		jw_kstr(w, "file", s->file);
		jw_key(w, "line");
		if (s->line)
			jw_int(w, s->line);
		else
			jw_null(w);
		jw_kstr(w, "reason", s->reason);
		jw_end(w);
	}
	jw_end(w);
}

void
import_report_json(struct sbuf *out, const struct import_report *r)
{
	const struct import_list *l = r->l;
	const struct import_plan *p = r->p;
	struct jw w;

	jw_init(&w, out, 1, 0);
	jw_object_lines(&w);
	jw_kstr(&w, "tool", import_kind_name(l->kind));
	jw_kstr(&w, "source", r->source);
	jw_kbool(&w, "dry_run", r->dry_run);
	jw_kstr(&w, "commit", r->commit);
	jw_key(&w, "items");
	jw_object(&w);
	jw_kint(&w, "added", p ? (long long)p->added : 0);
	jw_kint(&w, "updated", p ? (long long)p->updated : 0);
	jw_kint(&w, "unchanged", p ? (long long)p->unchanged : 0);
	jw_kint(&w, "conflicts", p ? (long long)p->conflicts : 0);
	jw_break(&w);
	jw_kstr(&w, "first", r->written ? r->first : NULL);
	jw_kstr(&w, "last", r->written ? r->last : NULL);
	jw_kint(&w, "ranked", (long long)r->ranked);
	jw_kint(&w, "ideas", (long long)r->ideas);
	jw_kint(&w, "done_or_stopped", (long long)r->closed);
	jw_break(&w);
	jw_kint(&w, "recovered", (long long)r->recovered);
	jw_kint(&w, "came_in_as_idea", p ? (long long)p->demoted : 0);
	jw_kint(&w, "values_to_notes", p ? (long long)p->noted : 0);
	jw_kint(&w, "skipped", (long long)r->skipped);
	jw_kint(&w, "not_imported", (long long)r->failed);
	jw_end(&w);
	jw_key(&w, "fields");
	jw_array_lines(&w);
	for (size_t i = 0; i < r->nfields; i++) {
		const struct import_report_field *f = &r->fields[i];

		jw_object(&w);
		jw_kstr(&w, "field", f->key);
		jw_kint(&w, "records", (long long)f->records);
		jw_key(&w, "to");
		jw_array(&w);
		for (size_t k = 0; k < f->nto; k++) {
			const char *to = f->to[k].to;
			const char *colon = strchr(to, ':');

			jw_object(&w);
			if (colon) {
				jw_key(&w, "to");
				jw_strn(&w, to, (size_t)(colon - to));
				jw_kstr(&w, !strncmp(to, "none:", 5) ? "why" : "name",
					colon + 1);
			} else {
				jw_kstr(&w, "to", to);
			}
			jw_kint(&w, "records", (long long)f->to[k].records);
			jw_end(&w);
		}
		jw_end(&w);
		jw_end(&w);
	}
	jw_end(&w);
	jw_key(&w, "unmapped");
	jw_array(&w);
	for (size_t i = 0; i < l->nunmapped; i++)
		jw_str(&w, l->unmapped[i]);
	jw_end(&w);
	jw_key(&w, "skipped");
	skips_json(&w, l, 0);
	jw_key(&w, "not_imported");
	skips_json(&w, l, 1);
	jw_key(&w, "changed");
	jw_array_lines(&w);
	for (size_t i = 0; p && p->why && i < l->n && i < p->n; i++) {
		if (!p->why[i] && !p->changed[i] && !p->refused[i])
			continue;
		jw_object(&w);
		jw_kstr(&w, "id", import_list_at(l, i)->id);
		jw_kstr(&w, "outcome", p->refused[i] ? "refused" :
				       p->why[i] ? "conflict" : "updated");
		jw_kstr(&w, "conflict", p->why[i]);
		jw_kstr(&w, "refused", p->refused[i]);
		jw_end(&w);
	}
	jw_end(&w);
	jw_end(&w);
	sbuf_addc(out, '\n');
}

static const struct import_report_format rows[] = {
	{ { "text", "the report, as lines", 0 }, import_report_text },
	{ { "json", "the same report as one JSON object", 0 }, import_report_json },
	{ { NULL, NULL, 0 }, NULL },
};

const struct format_table import_report_formats = FORMAT_TABLE(rows);
