/*
 * libFuzzer harness: ORDER parse and render round trip, and the writes
 * (issue 13: the ORDER-write case): on a parsed ORDER, move one of its
 * ids (chosen by the input's last byte) to a place the input picks,
 * then check what every write must keep: the id listed exactly once, at
 * the rank asked, the other ids in their order, every comment still
 * there (a duplicate listing's too), and the result parsing back to the
 * same ranks.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/order.h"
#include "core/utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* How many lines hold text starting at a '#' equal to c's. */
static size_t
count_comment(const struct order *o, const char *c)
{
	size_t n = 0;

	for (size_t i = 0; i < o->nlines; i++) {
		const char *h = o->lines[i].text ? strchr(o->lines[i].text, '#') : NULL;

		n += h && !strcmp(h, c);
	}
	return n;
}

static void
check_move(struct order *o, unsigned char pick)
{
	struct order_place p;
	struct order back;
	struct diag_list d = DIAG_LIST_INIT;
	struct sbuf sb = SBUF_INIT;
	const char *target = order_id_at(o, (long)(pick % o->nids) + 1);
	char *id = strdup(target), **others, **comments;
	size_t nothers = 0, ncomments = 0, k = 0;
	long want;

	others = calloc(o->nids + 1, sizeof(*others));
	comments = calloc(o->nlines + 1, sizeof(*comments));
	if (!id || !others || !comments)
		__builtin_trap();
	for (size_t i = 0, seen = 0; i < o->nlines; i++) {
		const char *lid = o->lines[i].id;
		const char *h = o->lines[i].text ? strchr(o->lines[i].text, '#') : NULL;

		/* the first listing of each other id, in order */
		if (lid && ++seen && strcmp(lid, id) && order_rank(o, lid) == (long)seen)
			others[nothers++] = strdup(lid);
		if (h)
			comments[ncomments++] = strdup(h);
	}
	memset(&p, 0, sizeof(p));
	p.where = (enum order_where)(pick / 16 % 3);    /* top, bottom, index */
	p.index = (long)(pick / 48) + 1;
	if (order_move(o, id, &p))
		__builtin_trap();
	/* the id once; where asked */
	want = p.where == ORDER_TOP ? 1 : p.where == ORDER_BOTTOM ? (long)o->nids :
	       p.index > (long)o->nids ? (long)o->nids : p.index;
	for (size_t i = 0; i < o->nlines; i++)
		k += o->lines[i].id && !strcmp(o->lines[i].id, id);
	if (k != 1 || order_rank(o, id) != want)
		__builtin_trap();
	/* the others (first listings) keep their order */
	for (size_t i = 0, r = 0; i < nothers; i++) {
		long now = order_rank(o, others[i]);

		if (now <= (long)r)
			__builtin_trap();
		r = (size_t)now;
	}
	/* no comment lost */
	for (size_t i = 0; i < ncomments; i++)
		if (!count_comment(o, comments[i]))
			__builtin_trap();
	/* what is written reads back the same */
	order_render(o, &sb);
	if (order_parse(&back, "ORDER", sb.buf, sb.len, &d) ||
	    back.nids != o->nids || order_rank(&back, id) != want)
		__builtin_trap();
	order_release(&back);
	diag_list_release(&d);
	sbuf_release(&sb);
	for (size_t i = 0; i < nothers; i++)
		free(others[i]);
	for (size_t i = 0; i < ncomments; i++)
		free(comments[i]);
	free(others);
	free(comments);
	free(id);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct order o;
	struct diag_list d = DIAG_LIST_INIT;
	struct sbuf sb = SBUF_INIT;

	if (order_parse(&o, "ORDER", (const char *)data, size, &d) == 0 &&
	    !o.conflict_line) {
		order_render(&o, &sb);
		/* rendering a parsed ORDER gives back the same bytes */
		if (sb.len != size || memcmp(sb.buf, data, size))
			if (memchr(data, '\r', size) == NULL)
				__builtin_trap();
	}
	/* the one-item scan agrees with the parse (on text order_parse
	 * keeps lines of); only the first ids, to stay linear */
	{
		int l, c;
		size_t checked = 0;

		if (!utf8_check((const char *)data, size, &l, &c) &&
		    !memchr(data, '\0', size))
			for (size_t i = 0; i < o.nlines && checked < 32; i++) {
				const char *id = o.lines[i].id;

				if (!id)
					continue;
				checked++;
				if (order_scan_rank((const char *)data, size, id) !=
				    order_rank(&o, id))
					__builtin_trap();
			}
	}
	if (o.nids && !o.conflict_line && !d.n)
		check_move(&o, data[size - 1]);
	sbuf_release(&sb);
	order_release(&o);
	diag_list_release(&d);
	return 0;
}
