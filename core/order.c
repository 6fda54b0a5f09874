#include "core/order.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/fm.h"
#include "core/sbuf.h"
#include "core/xalloc.h"

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

static int
is_blank(char c)
{
	return c == ' ' || c == '\t';
}

static int
is_conflict_marker(const char *s, size_t n)
{
	static const char *const m[] = { "<<<<<<<", "=======", ">>>>>>>", "|||||||" };

	for (size_t i = 0; i < ARRAY_SIZE(m); i++)
		if (n >= 7 && !memcmp(s, m[i], 7) && (n == 7 || s[7] == ' '))
			return 1;
	return 0;
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
		if (is_conflict_marker(s, n)) {
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
		if (!is_conflict_marker(s, n) && line_id(s, n, id, idlen, &junk))
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
