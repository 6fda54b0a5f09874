/* import_valid.c: valid on arrival (import_plan_validate in
 * formats/import_run.h; docs/import.md, "Valid on arrival").
 *
 * Design notes
 * (1) One validate_files call sees every file a batch of records writes
 *     and ORDER with the batch's ranked records (import_batch.c): the
 *     findings it adds are check's own (the same rules, the same code
 *     as every other write).
 * (2) A finding belongs to a record by its file (the item the record
 *     writes) or by its subject (an id, for ORDER's findings).  What it
 *     names decides the repair, never the rule's id: a field the
 *     import set goes to a note; anything else (a field the record
 *     lacks, a rule about the item as a whole) means the record cannot
 *     be an item of its status, and it comes in as an idea.  Nothing is
 *     invented to make a record pass.
 * (3) Repairs change the records (their fields, notes, status), then
 *     the plan is made again from them, so a re-import's three-way
 *     comparison sees the same repaired view of the source as the
 *     import before it wrote.  A few passes suffice (a repair can only
 *     take fields away or lower the status); a record still rejected
 *     after them is left out and named.
 */
#include "formats/import_run_int.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/strmap.h"
#include "core/validate.h"
#include "core/xalloc.h"

/* At most this many validations repair records (each can only take
 * fields away, lower a status or leave a record out). */
#define PASSES 6

/* The fields a repair never takes away: without them there is no item. */
static int
kept_field(const char *f)
{
	return !strcmp(f, "id") || !strcmp(f, "title") || !strcmp(f, "status") ||
	       !strcmp(f, "type") || !strcmp(f, "source");
}

/* What one pass found about one record. */
struct verdict {
	const struct diag **needs;/* for a demotion: the findings (borrowed) */
	size_t nneeds, aneeds;
	char **fields;            /* fields to move to notes */
	char **reasons;           /* and why (the finding's message) */
	size_t nfields, afields;
	const char *first;        /* the first finding's message (borrowed) */
	int demote, stuck;
};

static void
note(struct import_item *it, char *s)
{
	it->x->notes = xgrow(it->x->notes, &it->x->anotes, it->x->nnotes + 1, sizeof(*it->x->notes));
	it->x->notes[it->x->nnotes++] = s;
}

/* Run validate_files on what the plan writes. */
static size_t
validate(struct run *r, struct diag_list *errors, struct diag_list *warnings)
{
	struct import_list *l = r->l;
	struct validate_file *vf = xcalloc(l->n + 2, sizeof(*vf));
	char **paths = xcalloc(l->n + 1, sizeof(*paths));
	struct sbuf order = SBUF_INIT;
	size_t n = 0, added;

	for (size_t i = 0; i < l->n; i++) {
		char *f;

		if (!r->p->files[i])
			continue;
		f = import_item_file(r->bl, import_list_at(l, i));
		paths[i] = xasprintf("%s%s", r->vbl->items_rel, f);
		free(f);
		vf[n].path = paths[i];
		vf[n].have_before = !import_list_at(l, i)->existing;
		vf[n].after = r->p->files[i];
		vf[n].alen = r->p->lens[i];
		n++;
	}
	if (r->p->written && import_list_ranked(l) && r->vbl->order_path) {
		import_render_order(&order, r->order_old, r->order_len, l);
		vf[n].path = r->vbl->order_path;
		vf[n].before = r->order_old;
		vf[n].blen = r->order_len;
		vf[n].have_before = 1;
		vf[n].after = order.buf ? order.buf : "";
		vf[n].alen = order.len;
		n++;
	}
	added = n ? validate_files(errors, warnings, r->vbl, r->src, vf, n) : 0;
	for (size_t i = 0; i < l->n; i++)
		free(paths[i]);
	free(paths);
	free(vf);
	sbuf_release(&order);
	return added;
}

/* The record a finding is about, or -1. */
static long
record_of(const struct diag *d, const struct strmap *by_path,
	  const struct strmap *by_id)
{
	void *v = NULL;

	if (d->file)
		v = strmap_get(by_path, d->file);
	if (!v && d->subject)
		v = strmap_get(by_id, d->subject);
	return v ? (long)((uintptr_t)v - 1) : -1;
}

/* The front-matter key whose value holds line `line` of text (a finding
 * without a field names where it is: "depends_on names MKT-1..."), or
 * NULL.  The key is the nearest line above, inside the front matter,
 * that starts with a key. */
static char *
field_at_line(const char *text, size_t len, int line)
{
	const char **starts;
	const char *p = text, *end = text + len;
	int n = 0;
	char *key = NULL;

	if (line < 2 || len < 4 || strncmp(text, "---\n", 4))
		return NULL;
	starts = xcalloc((size_t)line + 1, sizeof(*starts));
	for (n = 0; n < line && p < end; n++) {
		const char *e = memchr(p, '\n', (size_t)(end - p));

		starts[n] = p;
		if (n > 0 && e && e - p == 3 && !strncmp(p, "---", 3))
			break;  /* the end of the front matter */
		p = e ? e + 1 : end;
	}
	if (n == line) {
		for (int k = line - 1; k > 0 && !key; k--) {
			const char *q = starts[k];
			size_t m = 0;

			while (q + m < end && (q[m] == '_' || (q[m] >= 'a' && q[m] <= 'z') ||
					       (q[m] >= 'A' && q[m] <= 'Z') ||
					       (m && q[m] >= '0' && q[m] <= '9')))
				m++;
			if (m && q + m < end && q[m] == ':')
				key = xstrndup(q, m);
			else if (q < end && *q != ' ' && *q != '-')
				break;  /* a line that is no key nor inside one */
		}
	}
	free(starts);
	return key;
}

static void
verdict_field(struct verdict *v, const char *field, const char *why)
{
	for (size_t k = 0; k < v->nfields; k++)
		if (!strcmp(v->fields[k], field))
			return;
	v->fields = xgrow(v->fields, &v->afields, v->nfields + 1, sizeof(*v->fields));
	v->reasons = xrealloc(v->reasons, v->afields * sizeof(*v->reasons));
	v->fields[v->nfields] = xstrdup(field);
	v->reasons[v->nfields++] = xstrdup(why);
}

static void
verdict_release(struct verdict *v)
{
	for (size_t k = 0; k < v->nfields; k++) {
		free(v->fields[k]);
		free(v->reasons[k]);
	}
	free(v->fields);
	free(v->reasons);
	free(v->needs);
}

/* What check needs first, from the findings: "required: effort,
 * customer_value; experiment is 'ready' but has no hypothesis, metric
 * or target" (the rules that name fields, each with its fields, in
 * order; a finding that names none by its message without the advice
 * after its first ": "). */
static void
needs_text(struct sbuf *out, const struct verdict *v)
{
	for (size_t k = 0; k < v->nneeds; k++) {
		const struct diag *d = v->needs[k];
		const char *rule = d->rule && *d->rule ? d->rule : "";
		size_t nf = 0;
		int seen = 0;

		if (!d->field) {
			const char *m = d->message, *e = strstr(m, ": ");
			size_t n = e ? (size_t)(e - m) : strlen(m);

			sbuf_addf(out, "%s%.*s", out->len ? "; " : "", (int)n, m);
			continue;
		}
		for (size_t j = 0; j < k && !seen; j++)
			seen = v->needs[j]->field && v->needs[j]->rule &&
			       !strcmp(rule, v->needs[j]->rule);
		if (seen)
			continue;
		sbuf_addf(out, "%s%s", out->len ? "; " : "", *rule ? rule : "check");
		for (size_t j = k; j < v->nneeds; j++) {
			const struct diag *e = v->needs[j];

			if (!e->field || strcmp(e->rule ? e->rule : "", rule))
				continue;
			sbuf_addf(out, "%s%s", nf++ ? ", " : ": ", e->field);
		}
	}
}

/* Repair the records of v (one per record); returns how many changed. */
static size_t
repair(struct run *r, struct verdict *v)
{
	struct import_list *l = r->l;
	size_t changed = 0;

	for (size_t i = 0; i < l->n; i++) {
		struct import_item *it = import_list_at(l, i);
		int did = 0;

		for (size_t k = 0; k < v[i].nfields; k++) {
			struct ifield *f = ifields_get(&it->x->out, v[i].fields[k]);
			struct sbuf val = SBUF_INIT;

			if (!f)
				continue;
			ival_text(&val, &f->v);
			note(it, xasprintf("%s: %s (not kept as a field: %s)",
					   v[i].fields[k], val.buf ? val.buf : "",
					   v[i].reasons[k]));
			sbuf_release(&val);
			ifields_remove(&it->x->out, v[i].fields[k]);
			if (it->noted < IMPORT_NOTED_MAX)
				it->noted++;
			did = 1;
		}
		if (v[i].demote && strcmp(it->status, "idea")) {
			struct sbuf needs = SBUF_INIT;

			needs_text(&needs, &v[i]);
			note(it, xasprintf("Came in as idea, not %s: docket check needs "
					   "more first (%s)", it->status,
					   needs.buf ? needs.buf : ""));
			sbuf_release(&needs);
			it->status = import_list_name(r->all, "idea");
			/* it keeps its place in the source's order */
			ifields_set_str(&it->x->out, "status", "idea");
			it->demoted = 1;
			did = 1;
		}
		changed += did;
	}
	return changed;
}

/* Take record i out of the batch (it leaves the whole list at the
 * end, freed). */
static void
sub_drop(struct run *r, size_t i)
{
	struct import_list *l = r->l;

	r->gone = xgrow(r->gone, &r->agone, r->ngone + 1, sizeof(*r->gone));
	r->gone[r->ngone++] = import_list_at(l, i);
	memmove(l->items + i, l->items + i + 1, (l->n - i - 1) * sizeof(*l->items));
	l->n--;
}

/* Plan the batch (diags: where the diags of existing items that do not
 * parse go); a new record whose item would be over the limit is a
 * failed skip and leaves the batch. */
static void
make(struct run *r, struct diag_list *diags)
{
	struct diag_list scratch = DIAG_LIST_INIT;
	char wb[32];

	for (;;) {
		struct import_list *l = r->l;
		size_t over = 0;

		import_plan_make_(r->p, l, r->bl, r->src, r->bases, r->limit, diags);
		for (size_t i = 0; i < l->n; i++)
			if (r->p->over[i]) {
				import_list_skip(r->all, 1, import_list_at(l, i)->file,
						 import_list_at(l, i)->line,
						 "%s would be an item of %zu bytes, over %s",
						 import_item_what(import_list_at(l, i), wb, "the record"), r->p->over[i], r->limit_name);
				over++;
			}
		if (!over)
			break;
		for (size_t i = l->n; i-- > 0;)
			if (r->p->over[i]) {
				sub_drop(r, i);
				r->dropped++;
			}
		import_plan_release(r->p);
		/* reported once */
		diags = &scratch;
	}
	diag_list_release(&scratch);
}

/* Make the plan again from the repaired records. */
static void
replan(struct run *r)
{
	struct diag_list scratch = DIAG_LIST_INIT;
	struct import_plan *p = r->p;

	import_plan_release(p);
	/* the diags of items that do not parse were reported by the
	 * first plan already */
	make(r, &scratch);
	diag_list_release(&scratch);
	for (size_t h = 0; h < r->nheld; h++)
		for (size_t i = 0; i < r->l->n; i++) {
			if (import_list_at(r->l, i) != r->held[h].it || !p->files[i])
				continue;
			free(p->files[i]);
			p->files[i] = NULL;
			p->writes[i] = 0;
			p->nfiles--;
			if (!p->why[i]) {
				p->updated--;
				p->conflicts++;
				free(p->changed[i]);
				p->changed[i] = NULL;
			}
			free(p->refused[i]);
			p->refused[i] = xstrdup(r->held[h].why);
			p->merged[i] = 0;
		}
}

/* Leave out the records still rejected (v[i].first set): named in the
 * source's order, dropped from the end.  Returns how many. */
static size_t
leave_out(struct run *r, struct verdict *v)
{
	struct import_list *l = r->l;
	size_t n = l->n, gone = 0;
	char wb[32];

	for (size_t i = 0; i < n; i++) {
		struct import_item *it = import_list_at(l, i);

		if (!v[i].first)
			continue;
		gone++;
		if (it->existing) {
			r->held = xgrow(r->held, &r->aheld, r->nheld + 1, sizeof(*r->held));
			r->held[r->nheld].it = it;
			r->held[r->nheld++].why = xasprintf("it would not pass docket check: %s",
							    v[i].first);
			continue;
		}
		import_list_skip(r->all, 1, it->file, it->line,
				 "%s would not pass docket check: %s",
				 import_item_what(it, wb, "the record"), v[i].first);
	}
	for (size_t i = n; i-- > 0;)
		if (v[i].first && !import_list_at(l, i)->existing) {
			sub_drop(r, i);
			r->dropped++;
		}
	return gone;
}

void
import_valid_batch(struct run *r, struct diag_list *errors,
		   struct diag_list *warnings)
{
	struct import_list *l = r->l;

	make(r, &r->all->diags);
	for (int pass = 0;; pass++) {
		struct diag_list errs = DIAG_LIST_INIT, warns = DIAG_LIST_INIT;
		struct strmap by_path, by_id;
		struct verdict *v;
		char **paths;
		size_t fixed, gone = 0, n0 = l->n;
		int last = pass + 1 >= PASSES;

		if (!validate(r, &errs, &warns)) {
			diag_list_move(warnings, &warns);
			diag_list_release(&errs);
			break;
		}
		/* the records by the path they write and by id */
		strmap_init(&by_path);
		strmap_init(&by_id);
		paths = xcalloc(l->n + 1, sizeof(*paths));
		v = xcalloc(l->n + 1, sizeof(*v));
		for (size_t i = 0; i < l->n; i++) {
			const char *id = import_list_at(l, i)->id;
			char *f = import_item_file(r->bl, import_list_at(l, i));

			paths[i] = xasprintf("%s%s", r->vbl->items_rel, f);
			free(f);
			strmap_put(&by_path, paths[i], strlen(paths[i]), (void *)(uintptr_t)(i + 1));
			strmap_put(&by_id, id, strlen(id), (void *)(uintptr_t)(i + 1));
		}
		for (size_t k = 0; k < errs.n; k++) {
			const struct diag *d = &errs.v[k];
			long i = d->severity == SEV_ERROR ?
				 record_of(d, &by_path, &by_id) : -1;
			struct import_item *it;
			char *field;

			if (d->severity != SEV_ERROR)
				continue;
			if (i < 0)
				continue;     /* no record explains it: refused below */
			it = import_list_at(l, i);
			if (!v[i].first)
				v[i].first = d->message;
			field = d->field ? xstrdup(d->field) :
				d->file && r->p->files[i] && !strcmp(d->file, paths[i]) ?
				field_at_line(r->p->files[i], r->p->lens[i], d->line) : NULL;
			if (field && !kept_field(field) && ifields_get(&it->x->out, field))
				verdict_field(&v[i], field, d->message);
			else if (strcmp(it->status, "idea")) {
				v[i].demote = 1;
				v[i].needs = xgrow(v[i].needs, &v[i].aneeds,
						   v[i].nneeds + 1, sizeof(*v[i].needs));
				v[i].needs[v[i].nneeds++] = d;
			} else {
				v[i].stuck = 1;
			}
			free(field);
		}
		fixed = last ? 0 : repair(r, v);
		/* what no repair helps is left out (another pass may then
		 * repair what named it); what no record explains refuses
		 * the import */
		if (!fixed)
			gone = leave_out(r, v);
		for (size_t i = 0; i < n0; i++) {
			verdict_release(&v[i]);
			free(paths[i]);
		}
		free(paths);
		free(v);
		strmap_release(&by_path);
		strmap_release(&by_id);
		replan(r);
		if (!fixed && (!gone || last)) {
			/* the last word: what is left as it will be written */
			diag_list_release(&errs);
			diag_list_release(&warns);
			validate(r, errors, warnings);
			break;
		}
		diag_list_release(&errs);
		diag_list_release(&warns);
	}
}
