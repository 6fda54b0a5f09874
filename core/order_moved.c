/* order_moved.c: ids that changed place between two ORDERs (see
 * order_moved.h). */
#include "core/order_moved.h"

#include <stdlib.h>
#include <string.h>

#include "core/lis.h"
#include "core/order.h"
#include "core/strmap.h"
#include "core/xalloc.h"

struct ids {
	const char **v;          /* pointers into the text (not NUL-ended) */
	size_t *len;
	size_t n, alloc, lalloc;
	struct strmap pos;       /* id -> position + 1 (first listing) */
};

static void
ids_read(struct ids *x, const char *data, size_t len)
{
	size_t off = 0, l;
	const char *id;

	memset(x, 0, sizeof(*x));
	strmap_init(&x->pos);
	while (order_next_id(data, len, &off, &id, &l)) {
		if (strmap_find(&x->pos, id, l))
			continue;
		x->v = xgrow(x->v, &x->alloc, x->n + 1, sizeof(*x->v));
		x->len = xgrow(x->len, &x->lalloc, x->n + 1, sizeof(*x->len));
		x->v[x->n] = id;
		x->len[x->n] = l;
		strmap_put(&x->pos, id, l, (void *)(x->n + 1));
		x->n++;
	}
}

static void
ids_release(struct ids *x)
{
	free(x->v);
	free(x->len);
	strmap_release(&x->pos);
}

static long
rank_of(const struct ids *x, const char *id)
{
	struct strmap_entry *e = strmap_find(&x->pos, id, strlen(id));

	return e ? (long)(size_t)e->value : 0;
}

int
order_moved(const char *old, size_t olen, const char *cur, size_t clen,
	    const char *id, long *from, long *to)
{
	struct ids a, b;
	size_t *pos, *idx, n = 0;
	unsigned char *moved;
	long ra, rb;
	int result = 0;

	ids_read(&a, old, olen);
	ids_read(&b, cur, clen);
	ra = rank_of(&a, id);
	rb = rank_of(&b, id);
	if (from)
		*from = ra;
	if (to)
		*to = rb;
	if (!ra != !rb) {
		result = 1;
		goto out;
	}
	if (!ra)
		goto out;
	/* the ids in both, in the new order, with their old positions */
	pos = xcalloc(b.n + 1, sizeof(*pos));
	idx = xcalloc(b.n + 1, sizeof(*idx));
	moved = xcalloc(b.n + 1, 1);
	for (size_t i = 0; i < b.n; i++) {
		struct strmap_entry *e = strmap_find(&a.pos, b.v[i], b.len[i]);

		if (!e)
			continue;
		pos[n] = (size_t)e->value - 1;
		idx[n++] = i;
	}
	lis_mark_moved(pos, NULL, n, a.n, moved);
	for (size_t k = 0; k < n; k++)
		if (idx[k] == (size_t)(rb - 1))
			result = moved[k];
	free(pos);
	free(idx);
	free(moved);
out:
	ids_release(&a);
	ids_release(&b);
	return result;
}
