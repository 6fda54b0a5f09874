/*
 * changes.c: field changes of an item, and the priority diff of two
 * backlogs (see changes.h).
 */
#include "core/changes.h"
#include "core/lis.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/sbuf.h"
#include "core/xalloc.h"

void
field_changes_release(struct field_changes *c)
{
	for (size_t i = 0; i < c->n; i++) {
		free(c->v[i].field);
		free(c->v[i].from);
		free(c->v[i].to);
	}
	free(c->v);
	memset(c, 0, sizeof(*c));
}

static void
flow_scalar(struct sbuf *sb, const struct ynode *n, int in_flow)
{
	int quote = n->style == YSTYLE_SINGLE || n->style == YSTYLE_DOUBLE;

	if (!quote && in_flow && n->len &&
	    strpbrk(n->text, ",[]{}:#") != NULL)
		quote = 1;
	if (quote)
		sbuf_addc(sb, '"');
	for (size_t i = 0; i < n->len; i++) {
		char c = n->text[i];

		if (c == '\n') {
			sbuf_adds(sb, quote ? "\\n" : " ");
			continue;
		}
		if (quote && (c == '"' || c == '\\'))
			sbuf_addc(sb, '\\');
		sbuf_addc(sb, c);
	}
	if (quote)
		sbuf_addc(sb, '"');
}

static void
flow(struct sbuf *sb, const struct ynode *n, int in_flow)
{
	if (!n)
		return;
	if (n->type == YNODE_SCALAR) {
		flow_scalar(sb, n, in_flow);
	} else if (n->type == YNODE_SEQ) {
		sbuf_addc(sb, '[');
		for (size_t i = 0; i < n->nkids; i++) {
			if (i)
				sbuf_adds(sb, ", ");
			flow(sb, n->kids[i], 1);
		}
		sbuf_addc(sb, ']');
	} else {
		sbuf_addc(sb, '{');
		for (size_t i = 0; i + 1 < n->nkids; i += 2) {
			if (i)
				sbuf_adds(sb, ", ");
			flow(sb, n->kids[i], 1);
			sbuf_adds(sb, ": ");
			flow(sb, n->kids[i + 1], 1);
		}
		sbuf_addc(sb, '}');
	}
}

void
changes_flow(struct sbuf *sb, const struct ynode *n)
{
	flow(sb, n, 0);
}

static char *
flow_dup(const struct ynode *n)
{
	struct sbuf sb = SBUF_INIT;

	if (!n)
		return NULL;
	flow(&sb, n, 0);
	return sbuf_detach(&sb, NULL);
}

static void
add(struct field_changes *c, const char *field, const struct ynode *from,
    const struct ynode *to)
{
	struct field_change *f;

	c->v = xgrow(c->v, &c->alloc, c->n + 1, sizeof(*c->v));
	f = &c->v[c->n++];
	f->field = xstrdup(field);
	f->from = flow_dup(from);
	f->to = flow_dup(to);
}

static int
same(const struct ynode *a, const struct ynode *b)
{
	struct sbuf x = SBUF_INIT, y = SBUF_INIT;
	int eq;

	if (!a || !b)
		return a == b;
	if (a->type == YNODE_SCALAR && b->type == YNODE_SCALAR)
		return a->len == b->len && !memcmp(a->text, b->text, a->len);
	flow(&x, a, 0);
	flow(&y, b, 0);
	eq = x.len == y.len && !memcmp(x.buf, y.buf, x.len);
	sbuf_release(&x);
	sbuf_release(&y);
	return eq;
}

static const struct ynode *
root(const struct item *it)
{
	return it && it->parsed && it->fm.root &&
	       it->fm.root->type == YNODE_MAP ? it->fm.root : NULL;
}

/* The body with line ends ignored. */
static int
same_body(const struct item *a, const struct item *b)
{
	const char *p = a->data + (a->parsed ? a->fm.body_off : 0);
	const char *q = b->data + (b->parsed ? b->fm.body_off : 0);
	const char *pe = a->data + a->len, *qe = b->data + b->len;

	for (;;) {
		while (p < pe && *p == '\r')
			p++;
		while (q < qe && *q == '\r')
			q++;
		if (p == pe || q == qe)
			return p == pe && q == qe;
		if (*p++ != *q++)
			return 0;
	}
}

void
changes_item(struct field_changes *out, const struct item *old,
	     const struct item *new)
{
	const struct ynode *a = root(old), *b = root(new);

	for (size_t i = 0; b && i + 1 < b->nkids; i += 2) {
		const char *key = b->kids[i]->text;
		const struct ynode *ov = a ? ynode_get(a, key) : NULL;

		if (!same(ov, b->kids[i + 1]))
			add(out, key, ov, b->kids[i + 1]);
	}
	for (size_t i = 0; a && i + 1 < a->nkids; i += 2) {
		const char *key = a->kids[i]->text;

		if (!b || !ynode_get(b, key))
			add(out, key, a->kids[i + 1], NULL);
	}
	if (old && new && !same_body(old, new))
		add(out, "body", NULL, NULL);
}

/* ---------------------------------------------------------------------
 * Backlog diff
 * ------------------------------------------------------------------- */

static const char *const kind_names[BD_NKINDS] = {
	"moved", "ranked", "unranked", "added", "removed", "closed",
	"status", "values",
};

const char *
bdiff_kind_name(enum bdiff_kind k)
{
	return k < BD_NKINDS ? kind_names[k] : "?";
}

void
backlog_diff_release(struct backlog_diff *d)
{
	for (size_t i = 0; i < d->n; i++)
		field_changes_release(&d->v[i].values);
	free(d->v);
	memset(d, 0, sizeof(*d));
}

static struct bdiff_entry *
entry(struct backlog_diff *d, enum bdiff_kind k, const struct item *it)
{
	struct bdiff_entry *e;

	d->v = xgrow(d->v, &d->alloc, d->n + 1, sizeof(*d->v));
	e = &d->v[d->n++];
	memset(e, 0, sizeof(*e));
	e->kind = k;
	e->id = it->id;
	e->title = it->title ? it->title : "";
	e->st_from = e->st_to = it->status;
	d->count[k]++;
	return e;
}

static int
same_num(double a, double b)
{
	return (isnan(a) && isnan(b)) || a == b;
}

/* Mark in moved[] the items (in base order, to[] their head ranks) that
 * left their relative order: everything off the longest run that kept it
 * (core/lis.h, which breaks ties by marking the item that went up). */
static void
mark_moved(const long *to, size_t n, char *moved)
{
	size_t *byhead = xcalloc(n + 1, sizeof(*byhead));
	unsigned char *m = xcalloc(n + 1, 1);
	long maxr = 0;
	long *slot;

	for (size_t i = 0; i < n; i++)
		if (to[i] > maxr)
			maxr = to[i];
	/* head ranks are distinct: place each base index at its head rank */
	slot = xcalloc((size_t)maxr + 1, sizeof(*slot));
	for (size_t i = 0; i < n; i++)
		slot[to[i]] = (long)i + 1;
	for (long r = 1, k = 0; r <= maxr; r++)
		if (slot[r])
			byhead[k++] = (size_t)(slot[r] - 1);
	lis_mark_moved(byhead, NULL, n, n, m);
	for (size_t k = 0; k < n; k++)
		moved[byhead[k]] = (char)m[k];
	free(slot);
	free(m);
	free(byhead);
}

static long
sort_rank(const struct bdiff_entry *e)
{
	long r = e->to ? e->to : e->from;

	return r ? r : 1L << 30;
}

static int
cmp_entry(const void *pa, const void *pb)
{
	const struct bdiff_entry *a = pa, *b = pb;
	long ra = sort_rank(a), rb = sort_rank(b);

	if (a->kind != b->kind)
		return a->kind < b->kind ? -1 : 1;
	if (ra != rb)
		return ra < rb ? -1 : 1;
	return item_id_cmp(a->id, b->id);
}

void
backlog_diff(struct backlog_diff *out, const struct backlog *base,
	     const struct backlog *head)
{
	static const char *const value_keys[] = {
		"effort", "customer_value", "business_value", "time_criticality",
		"mvl",
	};
	long *to = xcalloc(base->order.nlines + 1, sizeof(*to));
	char *moved = xcalloc(base->order.nlines + 1, 1);
	const struct item **common = xcalloc(base->order.nlines + 1, sizeof(*common));
	size_t nc = 0;
	long r = 0;

	memset(out, 0, sizeof(*out));
	/* moved: the items ranked in both, in base order */
	for (size_t i = 0; i < base->order.nlines; i++) {
		const char *id = base->order.lines[i].id;
		const struct item *h;
		long hr;

		if (!id)
			continue;
		/* an id listed twice counts once, at its first line */
		if (order_rank(&base->order, id) != ++r)
			continue;
		h = backlog_item(head, id);
		hr = order_rank(&head->order, id);
		if (!h || !hr)
			continue;
		to[nc] = hr;
		common[nc++] = h;
	}
	mark_moved(to, nc, moved);
	for (size_t i = 0; i < nc; i++) {
		if (moved[i]) {
			struct bdiff_entry *e = entry(out, BD_MOVED, common[i]);

			e->from = order_rank(&base->order, common[i]->id);
			e->to = to[i];
		}
	}
	for (size_t i = 0; i < head->nitems; i++) {
		const struct item *h = head->items[i], *b;
		struct bdiff_entry *e;
		long br, hr;

		if (!h->id || backlog_item(head, h->id) != h)
			continue;
		b = backlog_item(base, h->id);
		hr = order_rank(&head->order, h->id);
		if (!b) {
			e = entry(out, BD_ADDED, h);
			e->to = hr;
			continue;
		}
		br = order_rank(&base->order, h->id);
		if (hr && !br) {
			e = entry(out, BD_RANKED, h);
			e->to = hr;
		}
		if (!hr && br && item_status_open(h->status)) {
			e = entry(out, BD_UNRANKED, h);
			e->from = br;
		}
		if (b->status != h->status) {
			int closed = item_status_open(b->status) &&
				     !item_status_open(h->status);

			e = entry(out, closed ? BD_CLOSED : BD_STATUS, h);
			e->st_from = b->status;
			e->from = br;
			e->to = hr;
		}
		if (!same_num(b->effort, h->effort) ||
		    b->customer_value != h->customer_value ||
		    b->business_value != h->business_value ||
		    b->time_criticality != h->time_criticality ||
		    b->mvl != h->mvl) {
			struct field_changes all = { 0 };

			e = entry(out, BD_VALUES, h);
			e->from = br;
			e->to = hr;
			changes_item(&all, b, h);
			for (size_t k = 0; k < all.n; k++) {
				int keep = 0;

				for (size_t j = 0; j < ARRAY_SIZE(value_keys); j++)
					keep |= !strcmp(all.v[k].field, value_keys[j]);
				if (keep) {
					e->values.v = xgrow(e->values.v, &e->values.alloc,
							    e->values.n + 1,
							    sizeof(*e->values.v));
					e->values.v[e->values.n++] = all.v[k];
				} else {
					free(all.v[k].field);
					free(all.v[k].from);
					free(all.v[k].to);
				}
			}
			free(all.v);
		}
	}
	for (size_t i = 0; i < base->nitems; i++) {
		const struct item *b = base->items[i];
		struct bdiff_entry *e;

		if (!b->id || backlog_item(base, b->id) != b || backlog_item(head, b->id))
			continue;
		e = entry(out, BD_REMOVED, b);
		e->from = order_rank(&base->order, b->id);
	}
	if (out->n)
		qsort(out->v, out->n, sizeof(*out->v), cmp_entry);
	free(to);
	free(moved);
	free(common);
}

int
changes_is_priority(const char *field)
{
	static const char *const keys[] = {
		"effort", "customer_value", "business_value", "time_criticality",
		"mvl",
	};

	for (size_t i = 0; field && i < ARRAY_SIZE(keys); i++)
		if (!strcmp(field, keys[i]))
			return 1;
	return 0;
}
