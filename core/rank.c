/* rank.c: the order `docket rank` proposes (see rank.h). */
#include "core/rank.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/lis.h"
#include "core/score.h"
#include "core/strmap.h"
#include "core/xalloc.h"
#include "core/ynode.h"

void
rank_plan_init(struct rank_plan *p)
{
	memset(p, 0, sizeof(*p));
}

void
rank_plan_release(struct rank_plan *p)
{
	free(p->v);
	rank_plan_init(p);
}

static int
cmp_entry(const void *pa, const void *pb)
{
	const struct rank_entry *a = pa, *b = pb;
	int am = a->item && a->item->mvl, bm = b->item && b->item->mvl;
	int an = isnan(a->score), bn = isnan(b->score), c;
	const char *ac, *bc;

	if (am != bm)
		return am ? -1 : 1;
	if (an != bn)
		return an ? 1 : -1;
	if (!an && a->score != b->score)
		return a->score > b->score ? -1 : 1;
	if ((a->old_rank > 0) != (b->old_rank > 0))
		return a->old_rank > 0 ? -1 : 1;
	if (a->old_rank != b->old_rank)
		return a->old_rank < b->old_rank ? -1 : 1;
	ac = a->item ? a->item->created : NULL;
	bc = b->item ? b->item->created : NULL;
	if (ac && bc && (c = strcmp(ac, bc)))
		return c;
	if (!ac != !bc)
		return ac ? -1 : 1;
	return item_id_cmp(a->id, b->id);
}

static void
add(struct rank_entry **v, size_t *n, size_t *alloc, const char *id,
    const struct item *it, long old_rank, enum score_kind kind)
{
	struct rank_entry *e;

	*v = xgrow(*v, alloc, *n + 1, sizeof(**v));
	e = &(*v)[(*n)++];
	memset(e, 0, sizeof(*e));
	e->id = id;
	e->item = it;
	e->old_rank = old_rank;
	e->score = it && it->parsed ? score_item(it, kind) : NAN;
}

static int
cmp_size(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;

	return x < y ? -1 : x > y;
}

/*
 * Put dependencies before dependants: a depth-first walk from each entry
 * in proposed order emits an entry's dependencies (in proposed order)
 * before it.  An explicit stack, so long chains need no deep recursion.
 */
static void
pull_dependencies(struct rank_entry *v, size_t n)
{
	struct strmap at = STRMAP_INIT;
	size_t *off = xcalloc(n + 1, sizeof(*off)), *dst = NULL, ndst = 0, adst = 0;
	size_t *stack = xcalloc(n + 1, sizeof(*stack));
	size_t *next = xcalloc(n + 1, sizeof(*next));
	unsigned char *state = xcalloc(n + 1, 1);
	struct rank_entry *out = xcalloc(n + 1, sizeof(*out));
	size_t nout = 0;

	for (size_t i = 0; i < n; i++)
		strmap_put(&at, v[i].id, strlen(v[i].id), (void *)(uintptr_t)(i + 1));
	for (size_t i = 0; i < n; i++) {
		const struct ynode *d = v[i].item && v[i].item->parsed ?
					item_get(v[i].item, "depends_on") : NULL;
		size_t first = ndst;

		off[i] = ndst;
		for (size_t k = 0; d && d->type == YNODE_SEQ && k < d->nkids; k++) {
			const struct ynode *e = d->kids[k];
			struct strmap_entry *x;

			if (e->type != YNODE_SCALAR ||
			    !(x = strmap_find(&at, e->text, strlen(e->text))))
				continue;
			dst = xgrow(dst, &adst, ndst + 1, sizeof(*dst));
			dst[ndst++] = (size_t)(uintptr_t)x->value - 1;
		}
		if (ndst > first)
			qsort(dst + first, ndst - first, sizeof(*dst), cmp_size);
	}
	off[n] = ndst;
	for (size_t i = 0; i < n; i++) {
		size_t sp = 0;

		if (state[i])
			continue;
		state[i] = 1;
		stack[sp++] = i;
		next[i] = off[i];
		while (sp) {
			size_t u = stack[sp - 1];

			if (next[u] < off[u + 1]) {
				size_t w = dst[next[u]++];

				if (state[w])
					continue;       /* placed, or a cycle */
				state[w] = 1;
				v[w].needed_by = v[u].id;
				next[w] = off[w];
				stack[sp++] = w;
				continue;
			}
			state[u] = 2;
			out[nout++] = v[u];
			sp--;
		}
	}
	if (n)
		memcpy(v, out, n * sizeof(*v));
	free(out);
	free(state);
	free(next);
	free(stack);
	free(dst);
	free(off);
	strmap_release(&at);
}

void
rank_propose(struct rank_plan *p, const struct backlog *bl,
	     enum score_kind kind)
{
	struct rank_entry *v = NULL, *gone = NULL, *unknown = NULL;
	size_t n = 0, av = 0, ngone = 0, ag = 0, nunk = 0, au = 0, m = 0;
	struct strmap seen = STRMAP_INIT;
	const struct order *o = &bl->order;
	size_t *pos, *idx;
	unsigned char *moved;

	rank_plan_init(p);
	p->kind = kind;
	for (size_t i = 0; bl->have_order && i < o->nlines; i++) {
		const char *id = o->lines[i].id;
		const struct item *it;

		if (!id || strmap_find(&seen, id, strlen(id)))
			continue;
		strmap_put(&seen, id, strlen(id), (void *)1);
		it = backlog_item(bl, id);
		if (!it)
			add(&unknown, &nunk, &au, id, NULL, order_rank(o, id), kind);
		else if (it->parsed && !item_status_open(it->status))
			add(&gone, &ngone, &ag, id, it, order_rank(o, id), kind);
		else
			add(&v, &n, &av, id, it, order_rank(o, id), kind);
	}
	for (size_t i = 0; i < bl->nitems; i++) {
		const struct item *it = bl->items[i];

		if (!it->parsed || !it->id || strmap_find(&seen, it->id, strlen(it->id)) ||
		    backlog_item(bl, it->id) != it)
			continue;
		if (it->status == ST_IDEA || it->status == ST_UNKNOWN ||
		    !item_status_open(it->status))
			continue;
		strmap_put(&seen, it->id, strlen(it->id), (void *)1);
		add(&v, &n, &av, it->id, it, 0, kind);
	}
	if (n)
		qsort(v, n, sizeof(*v), cmp_entry);
	pull_dependencies(v, n);
	/* the proposal, the unknown ids below it, then what leaves */
	p->n = n + nunk;
	p->ngone = ngone;
	p->nunknown = nunk;
	p->v = xcalloc(p->n + ngone + 1, sizeof(*p->v));
	if (n)
		memcpy(p->v, v, n * sizeof(*v));
	if (nunk)
		memcpy(p->v + n, unknown, nunk * sizeof(*unknown));
	if (ngone)
		memcpy(p->v + p->n, gone, ngone * sizeof(*gone));
	for (size_t i = 0; i < p->n; i++)
		p->v[i].new_rank = (long)i + 1;
	/* what moved, rather than shifted: off the longest run that kept
	 * its relative order (lis.h) */
	pos = xcalloc(p->n + 1, sizeof(*pos));
	idx = xcalloc(p->n + 1, sizeof(*idx));
	moved = xcalloc(p->n + 1, 1);
	for (size_t i = 0; i < p->n; i++) {
		if (p->v[i].old_rank <= 0)
			continue;
		pos[m] = (size_t)p->v[i].old_rank - 1;
		idx[m++] = i;
	}
	lis_mark_moved(pos, NULL, m, o->nids + 1, moved);
	/* an entry back at its own rank number did not move for the reader */
	for (size_t j = 0; j < m; j++)
		p->v[idx[j]].moved = moved[j] &&
				     p->v[idx[j]].old_rank != p->v[idx[j]].new_rank;
	free(pos);
	free(idx);
	free(moved);
	free(v);
	free(gone);
	free(unknown);
	strmap_release(&seen);
}

size_t
rank_plan_changes(const struct rank_plan *p)
{
	size_t k = p->ngone;

	for (size_t i = 0; i < p->n; i++)
		k += p->v[i].moved || !p->v[i].old_rank;
	return k;
}

size_t
rank_plan_shifted(const struct rank_plan *p)
{
	size_t k = 0;

	for (size_t i = 0; i < p->n; i++)
		k += !p->v[i].moved && p->v[i].old_rank &&
		     p->v[i].old_rank != p->v[i].new_rank;
	return k;
}

void
rank_render_order(const struct order *o, const struct rank_plan *p,
		  struct sbuf *out)
{
	struct strmap line_of = STRMAP_INIT;
	const char **v = xcalloc(o->nlines + p->n + 1, sizeof(*v));
	size_t nv = 0, slots = 0, slot = 0;
	const char *eol = o->crlf ? "\r\n" : "\n";

	for (size_t i = 0; i < o->nlines; i++) {
		const char *id = o->lines[i].id;

		if (!id)
			continue;
		slots++;
		if (!strmap_find(&line_of, id, strlen(id)))
			strmap_put(&line_of, id, strlen(id), o->lines[i].text);
	}
#define ENTRY_TEXT(k) (strmap_get(&line_of, p->v[k].id) ? \
		       (const char *)strmap_get(&line_of, p->v[k].id) : p->v[k].id)
	for (size_t i = 0; i < o->nlines; i++) {
		if (!o->lines[i].id) {
			v[nv++] = o->lines[i].text;
			continue;
		}
		if (slot < p->n)
			v[nv++] = ENTRY_TEXT(slot);
		slot++;
		if (slot == slots)
			for (size_t k = slots; k < p->n; k++)
				v[nv++] = ENTRY_TEXT(k);
	}
	if (!slots)
		for (size_t k = 0; k < p->n; k++)
			v[nv++] = ENTRY_TEXT(k);
#undef ENTRY_TEXT
	for (size_t i = 0; i < nv; i++) {
		sbuf_adds(out, v[i]);
		if (i + 1 < nv || o->final_newline)
			sbuf_adds(out, eol);
	}
	free(v);
	strmap_release(&line_of);
}
