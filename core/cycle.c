#include "core/cycle.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/date.h"
#include "core/xalloc.h"

void
cycles_init(struct cycles *c)
{
	c->v = NULL;
	c->n = 0;
}

void
cycles_release(struct cycles *c)
{
	for (size_t i = 0; i < c->n; i++) {
		if (c->v[i].baseline != c->v[i].committed)
			free(c->v[i].baseline);
		free(c->v[i].committed);
	}
	free(c->v);
	cycles_init(c);
}

static int
cmp_cycle(const void *pa, const void *pb)
{
	const struct cycle *a = pa, *b = pb;

	if ((a->start < 0) != (b->start < 0))
		return a->start < 0 ? 1 : -1;
	if (a->start != b->start)
		return a->start < b->start ? -1 : 1;
	return strcmp(a->name, b->name);
}

/* The file name of a path ("backlog/cycles/2026-12.md" -> "2026-12.md"). */
static const char *
stem(const char *path)
{
	const char *s = strrchr(path, '/');

	return s ? s + 1 : path;
}

/* The commitment and changes the scope history has for c's file. */
static void
scope_of(struct cycle *c, const struct scope_hist *h)
{
	const struct scope_file *f = scope_hist_file(h, c->file->path);

	if (!f) {
		c->baseline = c->committed;
		c->nbaseline = c->ncommitted;
		return;
	}
	c->baseline = xcalloc(f->nbaseline + 1, sizeof(*c->baseline));
	memcpy(c->baseline, f->baseline, f->nbaseline * sizeof(*c->baseline));
	c->nbaseline = f->nbaseline;
	c->events = f->ev;
	c->nevents = f->nev;
	c->scope_known = f->from_history;
}

void
cycles_from_backlog(struct cycles *out, const struct backlog *bl)
{
	cycles_init(out);
	out->v = xcalloc(bl->ncycles + 1, sizeof(*out->v));
	for (size_t i = 0; i < bl->ncycles; i++) {
		const struct item *f = bl->cycles[i];
		struct cycle *c = &out->v[out->n];
		const struct ynode *n;
		double d;

		if (!f->parsed)
			continue;
		c->file = f;
		n = item_get(f, "name");
		c->name = n && n->type == YNODE_SCALAR && n->len ? n->text : stem(f->path);
		if (date_parse(&c->start, ynode_str(item_get(f, "start"))))
			c->start = -1;
		if (date_parse(&c->end, ynode_str(item_get(f, "end"))))
			c->end = -1;
		n = item_get(f, "capacity");
		c->capacity = n && ynode_number(n, &d) == 0 ? d : NAN;
		c->goal = ynode_str(item_get(f, "goal"));
		n = item_get(f, "committed");
		if (n && n->type == YNODE_SEQ) {
			c->committed = xcalloc(n->nkids + 1, sizeof(*c->committed));
			for (size_t k = 0; k < n->nkids; k++)
				if (n->kids[k]->type == YNODE_SCALAR)
					c->committed[c->ncommitted++] = n->kids[k]->text;
		}
		scope_of(c, bl->scope_hist);
		out->n++;
	}
	qsort(out->v, out->n, sizeof(*out->v), cmp_cycle);
}

const struct cycle *
cycles_find(const struct cycles *c, const char *name)
{
	for (size_t i = 0; name && i < c->n; i++) {
		const char *s = stem(c->v[i].file->path);
		size_t sl = strlen(s);

		if (!strcmp(c->v[i].name, name) ||
		    (sl > 3 && strlen(name) == sl - 3 && !strncmp(s, name, sl - 3)))
			return &c->v[i];
	}
	return NULL;
}

const struct cycle *
cycles_current(const struct cycles *c, long today)
{
	const struct cycle *best = NULL;

	for (size_t i = 0; i < c->n; i++) {
		const struct cycle *y = &c->v[i];

		if (y->start < 0 || y->start > today)
			continue;
		if (y->end >= 0 && today <= y->end)
			return y;
		if (!best || y->start > best->start)
			best = y;
	}
	return best;
}

int
cycle_has(const struct cycle *c, const char *id)
{
	for (size_t i = 0; i < c->ncommitted; i++)
		if (!strcmp(c->committed[i], id))
			return 1;
	return 0;
}

int
cycle_in_baseline(const struct cycle *c, const char *id)
{
	for (size_t i = 0; i < c->nbaseline; i++)
		if (!strcmp(c->baseline[i], id))
			return 1;
	return 0;
}

const struct scope_event *
cycle_last_event(const struct cycle *c, const char *id)
{
	for (size_t i = c->nevents; i-- > 0;)
		if (!strcmp(c->events[i].id, id))
			return &c->events[i];
	return NULL;
}

const struct cycle *
cycles_previous(const struct cycles *cy, const struct cycle *c)
{
	const struct cycle *best = NULL;

	for (size_t i = 0; i < cy->n; i++) {
		const struct cycle *y = &cy->v[i];

		if (y == c || y->start < 0 || y->end < 0)
			continue;
		if (c->start >= 0 && y->start >= c->start)
			continue;
		if (!best || y->start > best->start)
			best = y;
	}
	return best;
}

static int
blank(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
			return 0;
	return 1;
}

const char *
cycle_section(const struct cycle *c, const char *name, size_t *len)
{
	const struct item *f = c->file;
	const char *p, *end, *start = NULL, *stop = NULL;
	size_t nl = strlen(name);
	int fence = 0;

	if (!f || !f->parsed)
		return NULL;
	p = f->data + f->fm.body_off;
	end = f->data + f->len;
	while (p < end) {
		const char *eol = memchr(p, '\n', (size_t)(end - p));
		size_t n = eol ? (size_t)(eol - p) : (size_t)(end - p);
		const char *t;
		size_t tl;
		int lv;

		if (n >= 3 && (!strncmp(p, "```", 3) || !strncmp(p, "~~~", 3)))
			fence = !fence;
		lv = fence ? 0 : fm_heading(p, n, &t, &tl);
		if (lv > 2)
			lv = 0;      /* sections end at levels 1 and 2 */
		if (start && lv) {
			stop = p;
			break;
		}
		if (!start && lv == 2 && tl == nl && !strncasecmp(t, name, nl))
			start = eol ? eol + 1 : end;
		p = eol ? eol + 1 : end;
	}
	if (!start)
		return NULL;
	if (!stop)
		stop = end;
	/* drop blank lines at both ends */
	while (start < stop) {
		const char *eol = memchr(start, '\n', (size_t)(stop - start));
		size_t n = eol ? (size_t)(eol - start) : (size_t)(stop - start);

		if (!blank(start, n))
			break;
		start = eol ? eol + 1 : stop;
	}
	while (stop > start && (stop[-1] == '\n' || stop[-1] == '\r' ||
				stop[-1] == ' ' || stop[-1] == '\t'))
		stop--;
	*len = (size_t)(stop - start);
	return start;
}
