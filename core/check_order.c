/*
 * check_order.c: ORDER (SPEC 4): order-unknown, order-duplicate and
 * order-closed, each at the ORDER line and the column of the id.
 * (order-conflict comes from the loader: order_parse finds the
 * markers.)  check__order_lines builds x->order_line, id -> index of
 * its first line plus one, for these rules and check__order_pos.
 */
#include "core/check_int.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/sbuf.h"
#include "core/xalloc.h"

/* Column (1-based) of the id on its line: after leading blanks. */
static int
id_column(const struct order_line *l)
{
	const char *p = l->text;

	while (*p == ' ' || *p == '\t')
		p++;
	return (int)(p - l->text) + 1;
}

void
check__order_lines(struct check__ctx *x)
{
	const struct order *o = &x->bl->order;

	for (size_t i = 0; x->bl->have_order && i < o->nlines; i++) {
		const char *id = o->lines[i].id;

		if (id && !strmap_find(&x->order_line, id, strlen(id)))
			strmap_put(&x->order_line, id, strlen(id),
				   (void *)(intptr_t)(i + 1));
	}
}

/* A finding on line l of ORDER, about its id. */
static void
order_emit(struct check__ctx *x, enum check_rule r, const struct order_line *l,
	   const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static void
order_emit(struct check__ctx *x, enum check_rule r, const struct order_line *l,
	   const char *fmt, ...)
{
	struct sbuf sb = SBUF_INIT;
	struct diag *d;
	va_list ap;

	va_start(ap, fmt);
	sbuf_vaddf(&sb, fmt, ap);
	va_end(ap);
	d = check__emit(x, r, x->bl->order_path, l->lineno, id_column(l), "%s",
			sb.buf);
	if (d) {
		d->end_line = l->lineno;
		d->end_column = id_column(l) + (int)strlen(l->id);
		diag_set_subject(d, l->id);
	}
	sbuf_release(&sb);
}

void
check__order(struct check__ctx *x)
{
	const struct backlog *bl = x->bl;
	const struct order *o = &bl->order;

	if (!bl->have_order)
		return;
	for (size_t i = 0; i < o->nlines; i++) {
		const struct order_line *l = &o->lines[i];
		struct strmap_entry *e;
		const struct item *it;
		size_t n, first;
		long idx;

		if (!l->id)
			continue;
		n = strlen(l->id);
		e = strmap_find(&x->order_line, l->id, n);
		first = (size_t)(intptr_t)e->value - 1;
		if (first != i) {
			order_emit(x, RULE_ORDER_DUPLICATE, l,
				   "%s is listed twice in ORDER (first on line %d): remove one of the lines",
				   l->id, o->lines[first].lineno);
			continue;
		}
		if (!check__id_known(x, l->id)) {
			order_emit(x, RULE_ORDER_UNKNOWN, l,
				   "ORDER lists %s, but there is no item %s (no %s%s.md): remove the line, or fix the id",
				   l->id, l->id, bl->items_rel ? bl->items_rel : "",
				   l->id);
			continue;
		}
		e = strmap_find(&x->ids, l->id, n);
		if (!e)
			continue;
		idx = (long)(intptr_t)e->value - 1;
		it = bl->items[idx];
		if (it->status == ST_DONE || it->status == ST_STOPPED)
			order_emit(x, RULE_ORDER_CLOSED, l,
				   "%s is %s, and done or stopped items leave ORDER: remove the line",
				   l->id, item_status_name(it->status));
	}
}

int
check__order_pos(const struct check__ctx *x, const char *id, int *line,
		 int *col)
{
	struct strmap_entry *e = strmap_find(&x->order_line, id, strlen(id));
	const struct order_line *l;

	if (!e)
		return -1;
	l = &x->bl->order.lines[(intptr_t)e->value - 1];
	*line = l->lineno;
	*col = id_column(l);
	return 0;
}

/* The open item an ORDER line lists, or NULL. */
static const struct item *
open_item(const struct check__ctx *x, const char *id)
{
	struct strmap_entry *e = strmap_find(&x->ids, id, strlen(id));
	const struct item *it;

	if (!e)
		return NULL;
	it = x->bl->items[(intptr_t)e->value - 1];
	return it->parsed && item_status_open(it->status) && it->status != ST_UNKNOWN ?
		it : NULL;
}

/* The header's text, for the message: "# Next" without the '#'. */
static const char *
header_text(const struct order_line *l, int *len)
{
	const char *p = l->text;
	size_t n;

	while (*p == ' ' || *p == '\t' || *p == '#')
		p++;
	n = strlen(p);
	while (n && (p[n - 1] == ' ' || p[n - 1] == '\t'))
		n--;
	*len = n > 60 ? 60 : (int)n;
	return p;
}

void
check__order_sections(struct check__ctx *x)
{
	const struct backlog *bl = x->bl;
	const struct order *o = &bl->order;
	const char *file = bl->order_path;
	const struct order_line *first_plain = NULL;
	size_t *sec, *ids;
	long rank = 0, plain_rank = 0;

	if (!bl->have_order || !o->nlines)
		return;
	/* mvl-order: each MVL item below the first open item that is not */
	for (size_t i = 0; i < o->nlines; i++) {
		const struct order_line *l = &o->lines[i];
		const struct item *it;

		if (!l->id || order_rank(o, l->id) != ++rank)
			continue;
		if (!(it = open_item(x, l->id)))
			continue;
		if (!it->mvl) {
			if (!first_plain) {
				first_plain = l;
				plain_rank = rank;
			}
			continue;
		}
		if (first_plain)
			order_emit(x, RULE_MVL_ORDER, l,
				    "%s is part of the minimally viable launch (mvl: true) but ranked #%ld, below %s (#%ld), which is not: move it up (docket move %s --before %s), or set mvl: false",
				    l->id, rank, first_plain->id, plain_rank, l->id,
				    first_plain->id);
	}
	/* order-empty-section: headers whose section lists no id */
	sec = xcalloc(o->nlines + 1, sizeof(*sec));
	ids = xcalloc(order_sections(o, sec) + 1, sizeof(*ids));
	for (size_t i = 0; i < o->nlines; i++)
		if (o->lines[i].id)
			ids[sec[i]]++;
	for (size_t i = 0; i < o->nlines; i++) {
		const struct order_line *l = &o->lines[i];
		const char *t;
		int tl;

		if (!order_line_is_header(l) || ids[sec[i]])
			continue;
		t = header_text(l, &tl);
		check__emit(x, RULE_ORDER_EMPTY_SECTION, file, l->lineno, 1,
			    "the section '%.*s' has no item left: remove its header line, or rank items under it (docket rank --apply --prune-sections removes empty sections)",
			    tl, t);
	}
	free(ids);
	free(sec);
}
