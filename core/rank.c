/* rank.c: the order `docket rank` proposes (see rank.h). */
#include "core/rank.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/lis.h"
#include "core/order.h"
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
	free(p->kept);
	free(p->sec_ids);
	free(p->sec_title);
	rank_plan_init(p);
}

/*
 * Keep each entry in its section of ORDER (see rank.h, 5): v[0..n) is the
 * proposal by score; the result is the same entries, section by section
 * in file order, each section in the proposal's order.  Records the
 * entries kept from a place across a header.
 */
static void
keep_sections(struct rank_plan *p, struct rank_entry *v, size_t n,
	      const struct order *o)
{
	size_t *sec = xcalloc(o->nlines + 1, sizeof(*sec));
	struct strmap line_sec = STRMAP_INIT;
	struct rank_entry *out;
	size_t k = 0, last = 0, akept = 0;

	p->nsections = order_sections(o, sec);
	last = p->nsections - 1;    /* no id yet: below the last header */
	for (size_t i = 0; i < o->nlines; i++)
		if (o->lines[i].id)
			last = 0;
	p->sec_ids = xcalloc(p->nsections + 1, sizeof(*p->sec_ids));
	p->sec_title = xcalloc(p->nsections + 1, sizeof(*p->sec_title));
	for (size_t i = 0; i < o->nlines; i++) {
		const char *id = o->lines[i].id;

		if (order_line_is_header(&o->lines[i]))
			p->sec_title[sec[i]] = o->lines[i].text;
		if (id && !strmap_find(&line_sec, id, strlen(id)))
			strmap_put(&line_sec, id, strlen(id), (void *)(uintptr_t)(sec[i] + 1));
		if (id)
			last = sec[i];
	}
	/* each entry's section: its own, else its neighbour's above (below
	 * at the top; the last section with ids when there is none) */
	for (size_t i = 0; i < n; i++) {
		uintptr_t s = (uintptr_t)strmap_get(&line_sec, v[i].id);

		v[i].section = s ? s - 1 : (size_t)-1;
	}
	for (size_t i = 0; i < n; i++) {
		if (v[i].section != (size_t)-1)
			continue;
		for (size_t j = i; j-- > 0;)
			if (v[j].section != (size_t)-1) {
				v[i].section = v[j].section;
				break;
			}
		for (size_t j = i + 1; v[i].section == (size_t)-1 && j < n; j++)
			if (strmap_get(&line_sec, v[j].id))
				v[i].section = (uintptr_t)strmap_get(&line_sec, v[j].id) - 1;
		if (v[i].section == (size_t)-1)
			v[i].section = last;
	}
	/* what the sections keep: an entry the score puts above one of an
	 * earlier section, or below one of a later section */
	for (size_t i = 0; i < n; i++) {
		for (size_t j = i + 1; j < n; j++) {
			if (v[j].section >= v[i].section)
				continue;
			p->kept = xgrow(p->kept, &akept, p->nkept + 1, sizeof(*p->kept));
			p->kept[p->nkept].id = v[i].id;
			p->kept[p->nkept].section = v[i].section;
			p->kept[p->nkept].other = v[j].id;
			p->kept[p->nkept].other_section = v[j].section;
			p->kept[p->nkept].above = 1;
			p->nkept++;
			break;
		}
	}
	/* the stable partition by section */
	out = xcalloc(n + 1, sizeof(*out));
	for (size_t s = 0; s < p->nsections; s++)
		for (size_t i = 0; i < n; i++)
			if (v[i].section == s) {
				out[k++] = v[i];
				p->sec_ids[s]++;
			}
	if (n)
		memcpy(v, out, n * sizeof(*v));
	for (size_t s = 1; s < p->nsections; s++)
		p->nempty += !p->sec_ids[s] && p->sec_title[s];
	free(out);
	free(sec);
	strmap_release(&line_sec);
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
	keep_sections(p, v, n, o);
	/* the proposal, the unknown ids below it (apply refuses them), then
	 * what leaves */
	v = xrealloc(v, (n + nunk + 1) * sizeof(*v));
	if (nunk)
		memcpy(v + n, unknown, nunk * sizeof(*unknown));
	p->n = n + nunk;
	p->ngone = ngone;
	p->nunknown = nunk;
	p->v = xcalloc(p->n + ngone + 1, sizeof(*p->v));
	if (p->n)
		memcpy(p->v, v, p->n * sizeof(*v));
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
		  int prune, struct sbuf *out)
{
	struct strmap line_of = STRMAP_INIT;
	const char **v = xcalloc(o->nlines + p->n + 1, sizeof(*v));
	size_t *sec = xcalloc(o->nlines + 1, sizeof(*sec));
	size_t nsec = order_sections(o, sec);
	size_t *next = xcalloc(nsec + 1, sizeof(*next));    /* per section */
	size_t *left = xcalloc(nsec + 1, sizeof(*left));    /* id lines left */
	size_t *start = xcalloc(nsec + 1, sizeof(*start));  /* first entry */
	size_t *count = xcalloc(nsec + 1, sizeof(*count));
	size_t nv = 0, known = p->n - p->nunknown;
	const char *eol = o->crlf ? "\r\n" : "\n";
	int skip_blank = 0;

	for (size_t i = 0; i < o->nlines; i++) {
		const char *id = o->lines[i].id;

		if (!id)
			continue;
		left[sec[i]]++;
		if (!strmap_find(&line_of, id, strlen(id)))
			strmap_put(&line_of, id, strlen(id), o->lines[i].text);
	}
	/* the proposal is section by section: where each section's run is */
	for (size_t k = 0; k < known; k++) {
		size_t s = p->v[k].section < nsec ? p->v[k].section : nsec - 1;

		if (!count[s]++)
			start[s] = k;
	}
#define ENTRY_TEXT(k) (strmap_get(&line_of, p->v[k].id) ? \
		       (const char *)strmap_get(&line_of, p->v[k].id) : p->v[k].id)
	/* what a section holds past its id lines (or all of it, when it
	 * had none) goes after its last id line (or its header) */
#define REST(s) do { \
		while (next[s] < count[s]) { \
			size_t k_ = start[s] + next[s]++; \
			v[nv++] = ENTRY_TEXT(k_); \
		} \
	} while (0)
	if (!left[0] && nsec)
		REST(0);
	for (size_t i = 0; i < o->nlines; i++) {
		size_t s = sec[i];
		const struct order_line *l = &o->lines[i];

		if (!l->id) {
			int header = order_line_is_header(l);

			if (skip_blank && !header && !*l->text) {
				skip_blank = 0;
				continue;
			}
			skip_blank = 0;
			if (header && prune && !count[s]) {
				skip_blank = 1;     /* and the blank line after it */
				continue;
			}
			v[nv++] = l->text;
			if (header && !left[s])
				REST(s);
			continue;
		}
		skip_blank = 0;
		if (next[s] < count[s]) {
			size_t k = start[s] + next[s]++;

			v[nv++] = ENTRY_TEXT(k);
		}
		if (!--left[s])
			REST(s);
	}
	/* the unknown ids (never applied: the command refuses them) */
	for (size_t k = known; k < p->n; k++)
		v[nv++] = ENTRY_TEXT(k);
#undef REST
#undef ENTRY_TEXT
	for (size_t i = 0; i < nv; i++) {
		sbuf_adds(out, v[i]);
		if (i + 1 < nv || o->final_newline)
			sbuf_adds(out, eol);
	}
	free(v);
	free(sec);
	free(next);
	free(left);
	free(start);
	free(count);
	strmap_release(&line_of);
}
