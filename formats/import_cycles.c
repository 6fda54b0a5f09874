/*
 * import_cycles.c: the source's cycles (Jira sprints) as cycle files;
 * see import_cycles.h for the names, the dates and what a re-import
 * does.
 */
#include "formats/import_cycles.h"
#include "formats/import_spill.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/cycle.h"
#include "core/date.h"
#include "core/edit.h"
#include "core/strmap.h"
#include "core/item.h"
#include "core/xalloc.h"
#include "core/yaml_scalar.h"

#define SPRINT_DAYS 14

char *
import_cycle_name(const char *source_name)
{
	char *slug = import_slug(source_name), *o = slug;

	/* import_slug keeps letters of every script; a cycle name is
	 * ASCII letters, digits and '-' */
	for (const char *p = slug; *p; p++)
		if ((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
		    (*p == '-' && o > slug && o[-1] != '-'))
			*o++ = *p;
	while (o > slug && o[-1] == '-')
		o--;
	*o = '\0';
	if (!*slug) {
		free(slug);
		return xasprintf("cycle-%08lx", (unsigned long)(strmap_hash(
			source_name, strlen(source_name)) & 0xffffffffUL));
	}
	return slug;
}

struct span {
	long first, last;         /* finished dates of its items; -1: none */
	long created;             /* the latest created date of its items */
	double effort;            /* the effort of its open items */
};

/* The cycle of that source name (idx: name -> index + 1). */
static size_t
find_or_add(struct import_cycles *c, struct strmap *idx, const char *source)
{
	char *name = import_cycle_name(source);
	uintptr_t at = (uintptr_t)strmap_get(idx, name);
	struct import_cycle *x;

	if (at) {
		free(name);
		return at - 1;
	}
	c->v = xgrow(c->v, &c->alloc, c->n + 1, sizeof(*c->v));
	x = &c->v[c->n++];
	memset(x, 0, sizeof(*x));
	x->name = name;
	x->source = xstrdup(source);
	strmap_put(idx, x->name, strlen(x->name), (void *)(uintptr_t)c->n);
	return c->n - 1;
}

static void
add_id(struct import_cycle *x, const char *id)
{
	x->ids = xgrow(x->ids, &x->alloc, x->n + 1, sizeof(*x->ids));
	x->ids[x->n++] = id;
}

/* The date of the docket field, else of the source field src as the
 * source wrote it (Jira's Resolved: an item that came in as an idea
 * has no finished, yet was finished in its sprint); -1 when none. */
static long
day_of(const struct import_item *it, const char *field, const char *src)
{
	const struct ifield *f = ifields_get(&it->x->out, field);
	char ymd[11];
	long d;

	if (f && f->v.type != IVAL_LIST && f->v.str && date_parse(&d, f->v.str) == 0)
		return d;
	f = ifields_get(&it->x->src, src);
	if (f && f->v.type == IVAL_STR && f->v.str &&
	    import_date_parse(ymd, f->v.str, IMPORT_DATE_AUTO) == 0 &&
	    date_parse(&d, ymd) == 0)
		return d;
	return -1;
}

/* Is it an item in a cycle of the source (its cycles in memory, or in
 * the spill file: has_cycles)? */
static int
in_cycle(const struct import_item *it)
{
	return it->id && (it->x ? it->x->ncycles != 0 : it->has_cycles);
}

static void
infer_dates(struct import_cycles *c, const struct span *sp)
{
	long latest = -1, next;

	for (size_t i = 0; i < c->n; i++) {
		long start;

		if (c->v[i].exists || sp[i].last < 0)
			continue;
		start = sp[i].last - (SPRINT_DAYS - 1);
		if (sp[i].first < start)
			start = sp[i].first;
		date_format(c->v[i].start, sizeof(c->v[i].start), start);
		date_format(c->v[i].end, sizeof(c->v[i].end), sp[i].last);
		if (sp[i].last > latest)
			latest = sp[i].last;
	}
	next = latest >= 0 ? latest + 1 : -1;
	for (size_t i = 0; i < c->n; i++) {
		if (c->v[i].exists || sp[i].last >= 0)
			continue;
		if (next < 0)
			next = sp[i].created >= 0 ? sp[i].created : date_today();
		date_format(c->v[i].start, sizeof(c->v[i].start), next);
		date_format(c->v[i].end, sizeof(c->v[i].end), next + SPRINT_DAYS - 1);
		next += SPRINT_DAYS;
	}
}

/* capacity: only when what the sprint committed is over docket.yaml's
 * cycle.capacity (the source has no capacity; check must pass). */
static void
render_new(struct import_cycle *x, enum import_kind kind, double effort,
	   double capacity)
{
	struct sbuf sb = SBUF_INIT;

	sbuf_adds(&sb, "---\nname: ");
	yaml_scalar_str(&sb, x->name, strlen(x->name), 0, YSTYLE_PLAIN);
	sbuf_addf(&sb, "\nstart: %s\nend: %s\n", x->start, x->end);
	if (effort > capacity) {
		sbuf_adds(&sb, "capacity: ");
		yaml_scalar_number(&sb, effort);
		sbuf_addc(&sb, '\n');
	}
	sbuf_adds(&sb, "committed: ");
	yaml_scalar_list(&sb, x->ids, x->n);
	sbuf_addf(&sb, "\n---\n<!-- docket:import notes -->\n## Imported from %s\n\n",
		  import_kind_title(kind));
	sbuf_addf(&sb, "- Source: %s sprint \"%s\"\n", import_kind_title(kind),
		  x->source);
	sbuf_adds(&sb, "- Dates: inferred from its items' dates (see docs/import.md); set them as they were\n");
	if (effort > capacity)
		sbuf_adds(&sb, "- Capacity: the effort it committed (over cycle.capacity in docket.yaml)\n");
	sbuf_adds(&sb, "<!-- /docket:import -->\n");
	x->file = sbuf_detach(&sb, &x->len);
}

/* An existing cycle: the ids its committed list lacks, added. */
static int
update_existing(struct import_cycle *x, const struct cycle *cy,
		struct diag_list *diags)
{
	const char **all;
	size_t n = 0, add = 0;
	struct sbuf sb = SBUF_INIT;
	int r;

	struct strmap in = STRMAP_INIT;

	for (size_t i = 0; i < cy->ncommitted; i++)
		strmap_put(&in, cy->committed[i], strlen(cy->committed[i]), &in);
	for (size_t i = 0; i < x->n; i++)
		if (!strmap_get(&in, x->ids[i]))
			add++;
	if (!add) {
		strmap_release(&in);
		return 0;
	}
	all = xcalloc(cy->ncommitted + x->n + 1, sizeof(*all));
	for (size_t i = 0; i < cy->ncommitted; i++)
		all[n++] = cy->committed[i];
	for (size_t i = 0; i < x->n; i++)
		if (!strmap_get(&in, x->ids[i]))
			all[n++] = x->ids[i];
	strmap_release(&in);
	r = edit_set_list(&sb, cy->file->data, cy->file->len, cy->file->path,
			  "committed", all, n, diags);
	free(all);
	if (r) {
		sbuf_release(&sb);
		return r;
	}
	x->file = sbuf_detach(&sb, &x->len);
	return 0;
}

int
import_cycles_plan(struct import_cycles *out, struct import_list *l,
		   const struct backlog *bl, struct diag_list *diags)
{
	struct strmap idx = STRMAP_INIT;
	struct cycles have;
	struct span *sp = NULL;
	size_t asp = 0;
	int rc = 0;

	memset(out, 0, sizeof(*out));
	/* the cycles, in the order the export first names them, each with
	 * the items it held (an item once, however often its row names the
	 * cycle) */
	for (size_t i = 0; i < l->n; i++) {
		struct import_item *it = import_list_at(l, i);
		struct strmap seen = STRMAP_INIT;

		if (!in_cycle(it))
			continue;
		/* its cycles in from the spill file */
		import_spill_in(l, it);
		for (size_t j = 0; j < it->x->ncycles; j++) {
			size_t k = find_or_add(out, &idx, it->x->cycles[j]);

			if (strmap_get(&seen, out->v[k].name))
				continue;
			strmap_put(&seen, out->v[k].name, strlen(out->v[k].name), &seen);
			add_id(&out->v[k], it->id);
		}
		strmap_release(&seen);
		import_spill_drop(l, it);
	}
	sp = xgrow(sp, &asp, out->n + 1, sizeof(*sp));
	for (size_t k = 0; k < out->n; k++)
		sp[k] = (struct span){ -1, -1, -1, 0 };
	for (size_t i = 0; i < l->n; i++) {
		struct import_item *it = import_list_at(l, i);
		long fin, cr;
		int closed, open;

		if (!in_cycle(it))
			continue;
		/* a record in a cycle: its fields in from the spill file */
		import_spill_in(l, it);
		fin = day_of(it, "finished", "Resolved");
		cr = day_of(it, "created", "Created");
		closed = fin >= 0;
		/* what counts against the capacity is what check counts: the
		 * effort of the items open here (one done in the source may
		 * have come in as an idea: valid on arrival) */
		open = item_status_open(item_status_parse(it->status ? it->status : ""));

		for (size_t j = 0; j < it->x->ncycles && it->id; j++) {
			char *name = import_cycle_name(it->x->cycles[j]);
			size_t k = (uintptr_t)strmap_get(&idx, name) - 1;

			free(name);
			if (cr > sp[k].created)
				sp[k].created = cr;
			if (open) {
				const struct ifield *e = ifields_get(&it->x->out, "remaining");

				if (!e)
					e = ifields_get(&it->x->out, "effort");
				if (e && e->v.type == IVAL_NUM && e->v.num > 0)
					sp[k].effort += e->v.num;
			}
			/* finished in its last cycle */
			if (j + 1 == it->x->ncycles && fin >= 0 && closed) {
				if (sp[k].first < 0 || fin < sp[k].first)
					sp[k].first = fin;
				if (fin > sp[k].last)
					sp[k].last = fin;
			}
		}
		import_spill_drop(l, it);
	}
	strmap_release(&idx);
	cycles_init(&have);
	cycles_from_backlog(&have, bl);
	for (size_t k = 0; k < out->n; k++) {
		const struct cycle *cy = cycles_find(&have, out->v[k].name);

		if (cy) {
			out->v[k].exists = 1;
			out->v[k].path = xstrdup(cy->file->path);
			if (update_existing(&out->v[k], cy, diags))
				rc = DK_EINVALID;
		} else {
			out->v[k].path = xasprintf("%scycles/%s.md", bl->items_rel,
						   out->v[k].name);
			/* a file of that name that is no cycle of that name
			 * (it does not parse, or names another): never
			 * written over */
			for (size_t i = 0; i < bl->ncycles; i++)
				if (!strcmp(bl->cycles[i]->path, out->v[k].path)) {
					diag_add(diags, SEV_ERROR, "import", out->v[k].path, 0, 0,
						 "sprint '%s' would be cycle %s, but this file is not a readable cycle of that name: it is left as it is; fix it and import again (its committed list then gains the sprint's items)",
						 out->v[k].source, out->v[k].name);
					out->v[k].exists = 1;
					rc = DK_EINVALID;
				}
		}
	}
	infer_dates(out, sp);
	for (size_t k = 0; k < out->n; k++)
		if (!out->v[k].exists)
			render_new(&out->v[k], l->kind, sp[k].effort,
				   bl->config.cycle_capacity);
	cycles_release(&have);
	free(sp);
	return rc;
}

size_t
import_cycles_changed(const struct import_cycles *c)
{
	size_t n = 0;

	for (size_t k = 0; k < c->n; k++)
		n += c->v[k].file != NULL;
	return n;
}

void
import_cycles_release(struct import_cycles *c)
{
	for (size_t k = 0; k < c->n; k++) {
		struct import_cycle *x = &c->v[k];

		free(x->name);
		free(x->source);
		free(x->ids);
		free(x->path);
		free(x->file);
	}
	free(c->v);
	memset(c, 0, sizeof(*c));
}
