/*
 * check_deps.c: references between items: ref-unknown (depends_on and
 * follows naming nothing), dependency-cycle and dependency-order.
 *
 * The depends_on graph is stored as arrays (compressed rows: the edges
 * of item i are dst[off[i] .. off[i+1])), and its strongly connected
 * components are found with Tarjan's algorithm written with an explicit
 * stack, so a chain of 100,000 dependencies needs no deep recursion.
 * A component of two or more items, or an item depending on itself, is
 * one cycle finding: at the depends_on entry of its smallest id, with
 * one concrete cycle through it (a breadth-first search inside the
 * component).  Everything is linear in items plus edges.
 */
#include "core/check_int.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/sbuf.h"
#include "core/xalloc.h"

struct graph {
	size_t n;
	size_t *off;                 /* n + 1 */
	size_t *dst;                 /* item index of each edge's target */
	const struct ynode **at;     /* the depends_on entry of each edge */
	long *comp;                  /* component of each item */
	size_t *members;             /* items grouped by component */
	size_t *comp_start;          /* component c: members[comp_start[c] ..] */
	size_t ncomp;
};

static long
index_of(const struct check__ctx *x, const char *id)
{
	struct strmap_entry *e = strmap_find(&x->ids, id, strlen(id));

	return e ? (long)(intptr_t)e->value - 1 : -1;
}

static const struct ynode *
deps_of(const struct item *it)
{
	const struct ynode *d;

	if (!it->parsed || !it->fm.root)
		return NULL;
	d = item_get(it, "depends_on");
	return d && d->type == YNODE_SEQ ? d : NULL;
}

static int
usable_id(const struct ynode *e)
{
	return e->type == YNODE_SCALAR && item_id_valid(e->text);
}

static void
ref_unknown(struct check__ctx *x, const struct item *it, const char *key,
	    const struct ynode *e)
{
	check__emit(x, RULE_REF_UNKNOWN, it->path, e->line, e->col,
		    "%s names %s, but there is no item %s: fix the id, or remove it",
		    key, e->text, e->text);
}

/* Edges from depends_on; unknown ids (and follows) reported here. */
static void
build(struct check__ctx *x, struct graph *g)
{
	const struct backlog *bl = x->bl;
	size_t m = 0;

	g->n = bl->nitems;
	g->off = xcalloc(g->n + 1, sizeof(*g->off));
	for (size_t i = 0; i < g->n; i++) {
		const struct item *it = bl->items[i];
		const struct ynode *d = deps_of(it), *f;

		for (size_t k = 0; d && k < d->nkids; k++) {
			const struct ynode *e = d->kids[k];

			if (!usable_id(e))
				continue;
			if (index_of(x, e->text) >= 0)
				m++;
			else if (!check__id_known(x, e->text))
				ref_unknown(x, it, "depends_on", e);
		}
		f = it->parsed ? item_get(it, "follows") : NULL;
		if (f && usable_id(f) && !check__id_known(x, f->text))
			ref_unknown(x, it, "follows", f);
	}
	g->dst = xmalloc((m + 1) * sizeof(*g->dst));
	g->at = xmalloc((m + 1) * sizeof(*g->at));
	m = 0;
	for (size_t i = 0; i < g->n; i++) {
		const struct ynode *d = deps_of(bl->items[i]);

		g->off[i] = m;
		for (size_t k = 0; d && k < d->nkids; k++) {
			const struct ynode *e = d->kids[k];
			long j;

			if (!usable_id(e) || (j = index_of(x, e->text)) < 0)
				continue;
			g->dst[m] = (size_t)j;
			g->at[m++] = e;
		}
	}
	g->off[g->n] = m;
}

/* Tarjan's strongly connected components, iteratively. */
static void
tarjan(struct graph *g)
{
	size_t n = g->n, counter = 0, sp = 0, cp = 0, placed = 0;
	size_t *idx = xmalloc((n + 1) * sizeof(*idx));
	size_t *low = xmalloc((n + 1) * sizeof(*low));
	size_t *pos = xmalloc((n + 1) * sizeof(*pos));
	size_t *stack = xmalloc((n + 1) * sizeof(*stack));
	size_t *calls = xmalloc((n + 1) * sizeof(*calls));
	unsigned char *on = xcalloc(n + 1, 1);
	const size_t none = (size_t)-1;

	g->comp = xmalloc((n + 1) * sizeof(*g->comp));
	g->members = xmalloc((n + 1) * sizeof(*g->members));
	g->comp_start = xmalloc((n + 2) * sizeof(*g->comp_start));
	g->ncomp = 0;
	for (size_t i = 0; i < n; i++)
		idx[i] = none;
	for (size_t s = 0; s < n; s++) {
		if (idx[s] != none)
			continue;
		idx[s] = low[s] = counter++;
		pos[s] = g->off[s];
		stack[sp++] = s;
		on[s] = 1;
		calls[cp++] = s;
		while (cp) {
			size_t v = calls[cp - 1];

			if (pos[v] < g->off[v + 1]) {
				size_t w = g->dst[pos[v]++];

				if (idx[w] == none) {
					idx[w] = low[w] = counter++;
					pos[w] = g->off[w];
					stack[sp++] = w;
					on[w] = 1;
					calls[cp++] = w;
				} else if (on[w] && idx[w] < low[v]) {
					low[v] = idx[w];
				}
				continue;
			}
			if (low[v] == idx[v]) {
				size_t w;

				g->comp_start[g->ncomp] = placed;
				do {
					w = stack[--sp];
					on[w] = 0;
					g->comp[w] = (long)g->ncomp;
					g->members[placed++] = w;
				} while (w != v);
				g->ncomp++;
			}
			cp--;
			if (cp && low[v] < low[calls[cp - 1]])
				low[calls[cp - 1]] = low[v];
		}
	}
	g->comp_start[g->ncomp] = placed;
	free(idx);
	free(low);
	free(pos);
	free(stack);
	free(calls);
	free(on);
}

static int
self_loop(const struct graph *g, size_t v)
{
	for (size_t e = g->off[v]; e < g->off[v + 1]; e++)
		if (g->dst[e] == v)
			return 1;
	return 0;
}

static int
cyclic(const struct graph *g, long c)
{
	size_t a = g->comp_start[c], b = g->comp_start[c + 1];

	return b - a > 1 || self_loop(g, g->members[a]);
}

/*
 * One finding for component c: the shortest cycle through its smallest
 * id, found breadth-first inside the component.  parent and seen are
 * scratch arrays of n entries (seen is stamped with c + 1, so it never
 * needs clearing).
 */
static void
report_cycle(struct check__ctx *x, const struct graph *g, long c,
	     size_t *parent, size_t *parent_edge, long *seen, size_t *queue)
{
	const struct backlog *bl = x->bl;
	size_t a = g->comp_start[c], b = g->comp_start[c + 1];
	size_t start = g->members[a], qh = 0, qt = 0, last = 0, last_edge = 0;
	size_t len = 0, *path;
	struct sbuf sb = SBUF_INIT;
	int found = 0;

	for (size_t k = a + 1; k < b; k++)
		if (item_id_cmp(bl->items[g->members[k]]->id, bl->items[start]->id) < 0)
			start = g->members[k];
	if (self_loop(g, start)) {
		for (size_t e = g->off[start]; e < g->off[start + 1]; e++)
			if (g->dst[e] == start) {
				check__emit(x, RULE_DEPENDENCY_CYCLE, bl->items[start]->path,
					    g->at[e]->line, g->at[e]->col,
					    "%s depends on itself: remove %s from its depends_on",
					    bl->items[start]->id, bl->items[start]->id);
				return;
			}
	}
	seen[start] = c + 1;
	queue[qt++] = start;
	while (qh < qt && !found) {
		size_t v = queue[qh++];

		for (size_t e = g->off[v]; e < g->off[v + 1]; e++) {
			size_t w = g->dst[e];

			if (g->comp[w] != c)
				continue;
			if (w == start) {
				last = v;
				last_edge = e;
				found = 1;
				break;
			}
			if (seen[w] == c + 1)
				continue;
			seen[w] = c + 1;
			parent[w] = v;
			parent_edge[w] = e;
			queue[qt++] = w;
		}
	}
	if (!found)
		return;   /* cannot happen in a component of two or more */
	/* walk back from last to start */
	for (size_t v = last; ; v = parent[v]) {
		len++;
		if (v == start)
			break;
	}
	path = xmalloc((len + 1) * sizeof(*path));
	{
		size_t i = len, v = last;

		while (i) {
			path[--i] = v;
			if (v == start)
				break;
			v = parent[v];
		}
	}
	for (size_t i = 0; i < len && i < 8; i++)
		sbuf_addf(&sb, "%s → ", bl->items[path[i]]->id);
	if (len > 8)
		sbuf_addf(&sb, "... (%zu items) → ", len);
	sbuf_adds(&sb, bl->items[start]->id);
	{
		/* the entry of start that begins the cycle */
		size_t first = len > 1 ? parent_edge[path[1]] : last_edge;
		const struct ynode *at = g->at[first];

		check__emit(x, RULE_DEPENDENCY_CYCLE, bl->items[start]->path,
			    at->line, at->col,
			    "dependency cycle: %s; none of these can start first: remove one of the depends_on entries",
			    sb.buf);
	}
	free(path);
	sbuf_release(&sb);
}

static void
dependency_order(struct check__ctx *x, const struct graph *g, size_t i)
{
	const struct backlog *bl = x->bl;
	const struct item *a = bl->items[i];

	if (a->rank <= 0)
		return;
	for (size_t e = g->off[i]; e < g->off[i + 1]; e++) {
		const struct item *b = bl->items[g->dst[e]];
		int line, col, in_order;

		if (g->comp[g->dst[e]] == g->comp[i] && cyclic(g, g->comp[i]))
			continue;   /* the cycle finding covers it */
		if (!b->parsed || b->status == ST_UNKNOWN ||
		    !item_status_open(b->status))
			continue;
		if (b->rank > 0 && b->rank < a->rank)
			continue;
		in_order = check__order_pos(x, a->id, &line, &col) == 0;
		if (!in_order) {
			line = g->at[e]->line;
			col = g->at[e]->col;
		}
		if (b->rank > 0)
			check__emit(x, RULE_DEPENDENCY_ORDER,
				    in_order ? bl->order_path : a->path, line, col,
				    "%s (#%ld) is ranked above %s (#%ld), which it depends on: move %s above it (docket move %s --before %s), or drop the dependency",
				    a->id, a->rank, b->id, b->rank, b->id, b->id,
				    a->id);
		else
			check__emit(x, RULE_DEPENDENCY_ORDER,
				    in_order ? bl->order_path : a->path, line, col,
				    "%s (#%ld) depends on %s, which is not ranked: rank %s above it (docket move %s --before %s), or drop the dependency",
				    a->id, a->rank, b->id, b->id, b->id, a->id);
	}
}

void
check__deps(struct check__ctx *x)
{
	struct graph g;
	size_t n = x->bl->nitems;
	size_t *parent, *parent_edge, *queue;
	long *seen;

	memset(&g, 0, sizeof(g));
	build(x, &g);
	tarjan(&g);
	parent = xmalloc((n + 1) * sizeof(*parent));
	parent_edge = xmalloc((n + 1) * sizeof(*parent_edge));
	queue = xmalloc((n + 1) * sizeof(*queue));
	seen = xcalloc(n + 1, sizeof(*seen));
	for (size_t c = 0; c < g.ncomp; c++)
		if (cyclic(&g, (long)c))
			report_cycle(x, &g, (long)c, parent, parent_edge, seen, queue);
	for (size_t i = 0; i < n; i++)
		dependency_order(x, &g, i);
	free(parent);
	free(parent_edge);
	free(queue);
	free(seen);
	free(g.off);
	free(g.dst);
	free(g.at);
	free(g.comp);
	free(g.members);
	free(g.comp_start);
}
