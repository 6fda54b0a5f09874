#include "core/order.h"
#include "core/text.h"

#include <assert.h>
#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/fm.h"
#include "core/sbuf.h"
#include "core/xalloc.h"
#include "core/utf8.h"

void
order_init(struct order *o)
{
	memset(o, 0, sizeof(*o));
	strmap_init(&o->rank);
	o->final_newline = 1;
}

void
order_release(struct order *o)
{
	for (size_t i = 0; i < o->nlines; i++) {
		free(o->lines[i].text);
		free(o->lines[i].id);
	}
	free(o->lines);
	strmap_release(&o->rank);
	order_init(o);
}

/* A space, a tab, or a carriage return: a CR that is not part of the
 * line's end is blank too, never part of an id (a line "\r\r" would
 * otherwise hold the id "\r", which a rewrite, ending the line with LF,
 * turns into a blank line). */
static int
is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r';
}

/* The id on line s[0..n) (no terminator): returns 1 and sets *id,
 * *idlen, and *junk to the first byte of text after the id that is not a
 * comment (NULL when there is none); 0 on blank and comment lines. */
static int
line_id(const char *s, size_t n, const char **id, size_t *idlen,
	const char **junk)
{
	const char *p = s, *e = s + n;

	while (p < e && is_blank(*p))
		p++;
	if (p == e || *p == '#')
		return 0;
	*id = p;
	while (p < e && !is_blank(*p) && *p != '#')
		p++;
	*idlen = (size_t)(p - *id);
	while (p < e && is_blank(*p))
		p++;
	*junk = p < e && *p != '#' ? p : NULL;
	return 1;
}

static void
reindex(struct order *o)
{
	long r = 0;

	strmap_release(&o->rank);
	strmap_init(&o->rank);
	for (size_t i = 0; i < o->nlines; i++) {
		const char *id = o->lines[i].id;

		if (!id)
			continue;
		r++;
		if (!strmap_find(&o->rank, id, strlen(id)))
			strmap_put(&o->rank, id, strlen(id), (void *)(intptr_t)r);
	}
	o->nids = (size_t)r;
	assert(o->nids <= o->nlines && o->rank.n <= o->nids);
}

int
order_parse(struct order *o, const char *file, const char *data, size_t len,
	    struct diag_list *diags)
{
	size_t off = 0;
	int lineno = 0, bad = 0, l, c;

	order_init(o);
	if (utf8_check(data, len, &l, &c)) {
		diag_add(diags, SEV_ERROR, "syntax", file, l, c,
			 "invalid UTF-8 in ORDER; save it as UTF-8");
		return DK_EINVALID;
	}
	if (memchr(data, '\0', len)) {
		const char *z = memchr(data, '\0', len);
		int zl = 1;

		for (const char *q = data; q < z; q++)
			zl += *q == '\n';
		diag_add(diags, SEV_ERROR, "syntax", file, zl, 1,
			 "ORDER contains a NUL byte; it must be plain text");
		return DK_EINVALID;
	}
	o->final_newline = len == 0 || data[len - 1] == '\n';
	while (off < len) {
		const char *s = data + off, *nl = memchr(s, '\n', len - off);
		size_t n = nl ? (size_t)(nl - s) : len - off;
		size_t full = n;
		struct order_line *ln;
		const char *p, *e;
		size_t idlen;

		lineno++;
		off += n + (nl ? 1 : 0);
		if (n && s[n - 1] == '\r') {
			n--;
			if (lineno == 1)
				o->crlf = 1;
		}
		o->lines = xgrow(o->lines, &o->alloc, o->nlines + 1, sizeof(*o->lines));
		ln = &o->lines[o->nlines++];
		ln->text = xmemdup0(s, n);
		ln->id = NULL;
		ln->lineno = lineno;
		(void)full;
		if (text_conflict_marker(s, n)) {
			if (!o->conflict_line) {
				o->conflict_line = lineno;
				diag_add(diags, SEV_ERROR, "order-conflict", file,
					 lineno, 1,
					 "ORDER has merge-conflict markers: resolve the conflict (docket merge-order can merge reorderings) and remove the markers");
			}
			continue;
		}
		if (!line_id(s, n, &p, &idlen, &e))
			continue;
		ln->id = xmemdup0(p, idlen);
		if (e) {
			diag_add(diags, SEV_ERROR, "syntax", file, lineno,
				 (int)(e - s) + 1,
				 "one id per line in ORDER; put '#' before a comment");
			bad = 1;
		}
	}
	reindex(o);
	return bad ? DK_EINVALID : 0;
}

long
order_rank(const struct order *o, const char *id)
{
	struct strmap_entry *e = strmap_find(&o->rank, id, strlen(id));

	return e ? (long)(intptr_t)e->value : 0;
}

const char *
order_id_at(const struct order *o, long rank)
{
	long r = 0;

	for (size_t i = 0; i < o->nlines; i++)
		if (o->lines[i].id && ++r == rank)
			return o->lines[i].id;
	return NULL;
}

int
order_next_id(const char *data, size_t len, size_t *off, const char **id,
	      size_t *idlen)
{
	while (*off < len) {
		const char *s = data + *off, *nl = memchr(s, '\n', len - *off);
		size_t n = nl ? (size_t)(nl - s) : len - *off;
		const char *junk;

		*off += n + (nl ? 1 : 0);
		if (n && s[n - 1] == '\r')
			n--;
		if (!text_conflict_marker(s, n) && line_id(s, n, id, idlen, &junk))
			return 1;
	}
	return 0;
}

long
order_scan_rank(const char *data, size_t len, const char *id)
{
	size_t off = 0, want = strlen(id), idlen;
	const char *p;
	long r = 0;

	while (order_next_id(data, len, &off, &p, &idlen)) {
		r++;
		if (idlen == want && !memcmp(p, id, want))
			return r;
	}
	return 0;
}

void
order_render(const struct order *o, struct sbuf *out)
{
	for (size_t i = 0; i < o->nlines; i++) {
		sbuf_adds(out, o->lines[i].text);
		if (i + 1 < o->nlines || o->final_newline)
			sbuf_adds(out, o->crlf ? "\r\n" : "\n");
	}
}

/* ---------------------------------------------------------------------
 * Editing
 * ------------------------------------------------------------------- */

static long
line_of(const struct order *o, const char *id)
{
	for (size_t i = 0; i < o->nlines; i++)
		if (o->lines[i].id && !strcmp(o->lines[i].id, id))
			return (long)i;
	return -1;
}

static void
drop_line(struct order *o, size_t i)
{
	assert(i < o->nlines);
	free(o->lines[i].text);
	free(o->lines[i].id);
	memmove(&o->lines[i], &o->lines[i + 1],
		(o->nlines - i - 1) * sizeof(*o->lines));
	o->nlines--;
}

int
order_remove(struct order *o, const char *id)
{
	int found = 0;

	if (o->conflict_line)
		return DK_ECONFLICT;
	for (size_t i = o->nlines; i-- > 0;)
		if (o->lines[i].id && !strcmp(o->lines[i].id, id)) {
			drop_line(o, i);
			found = 1;
		}
	reindex(o);
	return found ? 0 : DK_ENOTFOUND;
}

/* Where a line goes for place p (an index into lines), or < 0. */
static long
insert_at(const struct order *o, const char *id, const struct order_place *p)
{
	long i, first = -1, last = -1, r = 0;

	for (size_t k = 0; k < o->nlines; k++)
		if (o->lines[k].id) {
			if (first < 0)
				first = (long)k;
			last = (long)k;
		}
	switch (p->where) {
	case ORDER_TOP:
		return first >= 0 ? first : (long)o->nlines;
	case ORDER_BOTTOM:
		return last >= 0 ? last + 1 : (long)o->nlines;
	case ORDER_INDEX:
		if (p->index < 1)
			return DK_EUSAGE;
		for (size_t k = 0; k < o->nlines; k++)
			if (o->lines[k].id && ++r == p->index)
				return (long)k;
		return last >= 0 ? last + 1 : (long)o->nlines;
	case ORDER_BEFORE:
	case ORDER_AFTER:
		if (!p->ref || !strcmp(p->ref, id))
			return DK_EUSAGE;
		i = line_of(o, p->ref);
		if (i < 0)
			return DK_ENOTFOUND;
		return p->where == ORDER_BEFORE ? i : i + 1;
	}
	return DK_EUSAGE;
}

void
order_filter(struct order *out, const struct order *in,
	     int (*keep)(const char *id, void *arg), void *arg)
{
	for (size_t i = 0; i < in->nlines; i++) {
		const struct order_line *l = &in->lines[i];

		if (!l->id || !keep(l->id, arg))
			continue;
		out->lines = xgrow(out->lines, &out->alloc, out->nlines + 1,
				   sizeof(*out->lines));
		out->lines[out->nlines].text = xstrdup(l->text);
		out->lines[out->nlines].id = xstrdup(l->id);
		out->lines[out->nlines].lineno = l->lineno;
		out->nlines++;
	}
	out->crlf = in->crlf;
	out->final_newline = 1;
	reindex(out);
}

int
order_parse_kept(struct order *o, const char *data, size_t len,
		 order_keep_fn *keep, void *arg)
{
	size_t off = 0;
	int lineno = 0, l, c;
	long rank = 0;

	order_init(o);
	if (utf8_check(data, len, &l, &c) || memchr(data, '\0', len))
		return DK_EINVALID;
	while (off < len) {
		const char *s = data + off, *nl = memchr(s, '\n', len - off);
		size_t n = nl ? (size_t)(nl - s) : len - off, idlen;
		const char *p, *e;
		struct order_line *ln;

		lineno++;
		off += n + (nl ? 1 : 0);
		if (n && s[n - 1] == '\r') {
			n--;
			if (lineno == 1)
				o->crlf = 1;
		}
		/* the same lines hold an id as for order_parse */
		if (text_conflict_marker(s, n) || !line_id(s, n, &p, &idlen, &e))
			continue;
		rank++;
		if (!keep(p, idlen, rank, arg))
			continue;
		o->lines = xgrow(o->lines, &o->alloc, o->nlines + 1, sizeof(*o->lines));
		ln = &o->lines[o->nlines++];
		ln->text = xmemdup0(s, n);
		ln->id = xmemdup0(p, idlen);
		ln->lineno = lineno;
	}
	reindex(o);
	return 0;
}

static void
put_line(struct order *o, size_t at, char *text, const char *id)
{
	assert(at <= o->nlines && id);
	o->lines = xgrow(o->lines, &o->alloc, o->nlines + 1, sizeof(*o->lines));
	memmove(&o->lines[at + 1], &o->lines[at],
		(o->nlines - at) * sizeof(*o->lines));
	o->lines[at].text = text;
	o->lines[at].id = xstrdup(id);
	o->lines[at].lineno = 0;
	o->nlines++;
	if (o->nlines == 1)
		o->final_newline = 1;
	reindex(o);
}

int
order_insert(struct order *o, const char *id, const struct order_place *p)
{
	long at;

	if (o->conflict_line)
		return DK_ECONFLICT;
	if (line_of(o, id) >= 0)
		return order_move(o, id, p);
	at = insert_at(o, id, p);
	if (at < 0)
		return (int)at;
	put_line(o, (size_t)at, xstrdup(id), id);
	return 0;
}

int
order_move(struct order *o, const char *id, const struct order_place *p)
{
	long cur, at;
	char *text;

	if (o->conflict_line)
		return DK_ECONFLICT;
	cur = line_of(o, id);
	if (cur < 0)
		return order_insert(o, id, p);
	/* validate the placement before changing anything */
	at = insert_at(o, id, p);
	if (at < 0)
		return (int)at;
	text = o->lines[cur].text;
	o->lines[cur].text = NULL;
	for (size_t i = o->nlines; i-- > 0;) {
		struct order_line *ln = &o->lines[i];
		const char *hash;

		if (!ln->id || strcmp(ln->id, id))
			continue;
		/* a second listing goes, but what was written about it stays
		 * where it was, as a comment line */
		hash = ln->text ? strchr(ln->text, '#') : NULL;
		if ((long)i != cur && hash) {
			char *c = xstrdup(hash);

			free(ln->text);
			free(ln->id);
			ln->text = c;
			ln->id = NULL;
			continue;
		}
		drop_line(o, i);
	}
	reindex(o);
	/* placed among the other ids (an index counts without this one);
	 * the placement was valid before, so it is now */
	at = insert_at(o, id, p);
	assert(at >= 0);
	put_line(o, (size_t)at, text, id);
	assert(order_rank(o, id) > 0);
	return 0;
}

int
order_line_is_header(const struct order_line *l)
{
	const char *p = l->text, *e;
	int alnum = 0;

	if (l->id)
		return 0;
	while (*p == ' ' || *p == '\t')
		p++;
	if (*p != '#')
		return 0;
	/* a title, not prose ("highest priority first.") or a rule line
	 * ("# -----"): some letter or digit, no sentence punctuation last */
	for (e = p; *e; e++)
		alnum |= isalnum((unsigned char)*e) || (unsigned char)*e >= 0x80;
	while (e > p && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
		e--;
	return alnum && !strchr(".;,!?", e[-1]);
}

size_t
order_sections(const struct order *o, size_t *sec)
{
	size_t s = 0;

	for (size_t i = 0; i < o->nlines; i++) {
		if (order_line_is_header(&o->lines[i]))
			s++;
		if (sec)
			sec[i] = s;
	}
	return s + 1;
}
