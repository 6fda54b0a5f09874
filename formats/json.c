/*
 * json.c: the JSON writer (see json.h).  The writer tracks, per open
 * container, whether a member was written (the comma), whether members
 * go on their own lines, and the indentation of the line it opened on.
 */
#include "formats/json.h"

#include <assert.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "core/utf8.h"

static int
needs_escape(int32_t cp)
{
	return (cp >= 0x80 && cp <= 0x9f) || cp == 0x061c || cp == 0x200e ||
	       cp == 0x200f || (cp >= 0x202a && cp <= 0x202e) ||
	       (cp >= 0x2066 && cp <= 0x2069) || cp == 0x2028 || cp == 0x2029;
}

static void
str(struct sbuf *sb, const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, run = 0;

	sbuf_grow(sb, len + 2);
	sbuf_addc(sb, '"');
	while (i < len) {
		unsigned char c = p[i];
		int32_t cp;
		size_t n;

		if (c >= 0x20 && c != '"' && c != '\\' && c < 0x7f) {
			run++;
			i++;
			continue;
		}
		if (c >= 0x80 && (n = utf8_next(s + i, len - i, &cp))) {
			if (!needs_escape(cp)) {
				run += n;
				i += n;
				continue;
			}
			/* C1 and bidi controls: harmless as \uXXXX, dangerous raw
			 * when the JSON is shown on a terminal */
			sbuf_add(sb, p + i - run, run);
			run = 0;
			sbuf_addf(sb, "\\u%04x", (unsigned)cp);
			i += n;
			continue;
		}
		sbuf_add(sb, p + i - run, run);
		run = 0;
		switch (c) {
		case '"': sbuf_add(sb, "\\\"", 2); break;
		case '\\': sbuf_add(sb, "\\\\", 2); break;
		case '\b': sbuf_add(sb, "\\b", 2); break;
		case '\f': sbuf_add(sb, "\\f", 2); break;
		case '\n': sbuf_add(sb, "\\n", 2); break;
		case '\r': sbuf_add(sb, "\\r", 2); break;
		case '\t': sbuf_add(sb, "\\t", 2); break;
		default:
			if (c < 0x80)
				sbuf_addf(sb, "\\u%04x", c);
			else
				sbuf_add(sb, "\xef\xbf\xbd", 3); /* U+FFFD */
		}
		i++;
	}
	sbuf_add(sb, p + i - run, run);
	sbuf_addc(sb, '"');
}

static void
num(struct sbuf *sb, double v)
{
	char tmp[64];

	if (isnan(v) || isinf(v)) {
		sbuf_add(sb, "null", 4);
		return;
	}
	if (v == floor(v) && fabs(v) < 1e15) {
		sbuf_addf(sb, "%.0f", v);
		return;
	}
	/* shortest of %.15g / %.17g that reads back exactly */
	snprintf(tmp, sizeof(tmp), "%.15g", v);
	if (strtod(tmp, NULL) != v)
		snprintf(tmp, sizeof(tmp), "%.17g", v);
	sbuf_adds(sb, tmp);
}

/* ---------------------------------------------------------------------
 * The writer
 * ------------------------------------------------------------------- */

void
jw_init(struct jw *w, struct sbuf *out, int indent, unsigned flags)
{
	memset(w, 0, sizeof(*w));
	w->out = out;
	w->indent = indent;
	w->compact = !!(flags & JW_COMPACT);
}

static void
newline(struct jw *w, int level)
{
	sbuf_addc(w->out, '\n');
	for (int i = 0; i < level * w->indent; i++)
		sbuf_addc(w->out, ' ');
	w->line_level = level;
}

/* Before a value in an array, or a key in an object. */
static void
member(struct jw *w)
{
	struct jw_level *l;

	if (w->after_key) {
		w->after_key = 0;
		return;
	}
	if (!w->depth)
		return;
	l = &w->st[w->depth - 1];
	if (l->n)
		sbuf_addc(w->out, ',');
	if (l->lines || l->brk) {
		newline(w, l->level + 1);
		l->brk = 0;
	} else if (l->n && !w->compact) {
		sbuf_addc(w->out, ' ');
	}
	l->n++;
}

static void
begin(struct jw *w, int object, int lines)
{
	struct jw_level *l;

	member(w);
	assert(w->depth < JW_MAX_DEPTH);
	l = &w->st[w->depth++];
	memset(l, 0, sizeof(*l));
	l->object = (unsigned char)object;
	l->lines = (unsigned char)lines;
	l->level = w->line_level;
	sbuf_addc(w->out, object ? '{' : '[');
}

void
jw_object(struct jw *w)
{
	begin(w, 1, 0);
}

void
jw_array(struct jw *w)
{
	begin(w, 0, 0);
}

void
jw_object_lines(struct jw *w)
{
	begin(w, 1, 1);
}

void
jw_array_lines(struct jw *w)
{
	begin(w, 0, 1);
}

void
jw_break(struct jw *w)
{
	assert(w->depth > 0);
	w->st[w->depth - 1].brk = 1;
}

void
jw_end(struct jw *w)
{
	struct jw_level *l;

	assert(w->depth > 0 && !w->after_key);
	l = &w->st[--w->depth];
	if ((l->lines && l->n) || l->brk)
		newline(w, l->level);
	sbuf_addc(w->out, l->object ? '}' : ']');
}

void
jw_keyn(struct jw *w, const char *key, size_t len)
{
	assert(w->depth > 0 && w->st[w->depth - 1].object && !w->after_key);
	member(w);
	str(w->out, key, len);
	sbuf_adds(w->out, w->compact ? ":" : ": ");
	w->after_key = 1;
}

void
jw_key(struct jw *w, const char *key)
{
	jw_keyn(w, key, strlen(key));
}

void
jw_strn(struct jw *w, const char *s, size_t len)
{
	member(w);
	str(w->out, s, len);
}

void
jw_str(struct jw *w, const char *s)
{
	if (s)
		jw_strn(w, s, strlen(s));
	else
		jw_null(w);
}

void
jw_num(struct jw *w, double v)
{
	member(w);
	num(w->out, v);
}

void
jw_int(struct jw *w, long long v)
{
	member(w);
	sbuf_addf(w->out, "%lld", v);
}

void
jw_bool(struct jw *w, int b)
{
	member(w);
	sbuf_adds(w->out, b ? "true" : "false");
}

void
jw_null(struct jw *w)
{
	member(w);
	sbuf_add(w->out, "null", 4);
}

void
jw_pos(struct jw *w, long v)
{
	if (v > 0)
		jw_int(w, v);
	else
		jw_null(w);
}

void
jw_raw(struct jw *w, const char *json, size_t len)
{
	member(w);
	sbuf_add(w->out, json, len);
}

void
jw_kstr(struct jw *w, const char *key, const char *s)
{
	jw_key(w, key);
	jw_str(w, s);
}

void
jw_kint(struct jw *w, const char *key, long long v)
{
	jw_key(w, key);
	jw_int(w, v);
}

void
jw_knum(struct jw *w, const char *key, double v)
{
	jw_key(w, key);
	jw_num(w, v);
}

void
jw_kpos(struct jw *w, const char *key, long v)
{
	jw_key(w, key);
	jw_pos(w, v);
}

void
jw_kbool(struct jw *w, const char *key, int b)
{
	jw_key(w, key);
	jw_bool(w, b);
}

void
jw_day(struct jw *w, long d)
{
	char buf[16];

	if (d < 0) {
		jw_null(w);
		return;
	}
	date_format(buf, sizeof(buf), d);
	jw_str(w, buf);
}

void
jw_kday(struct jw *w, const char *key, long d)
{
	jw_key(w, key);
	jw_day(w, d);
}

void
jw_ynode(struct jw *w, const struct ynode *n)
{
	long long iv;
	double dv;
	int bv;

	if (!n || (n->type != YNODE_SCALAR && w->depth >= JW_MAX_DEPTH)) {
		jw_null(w);
		return;
	}
	switch (ynode_kind(n)) {
	case YKIND_NULL:
		jw_null(w);
		break;
	case YKIND_BOOL:
		ynode_bool(n, &bv);
		jw_bool(w, bv);
		break;
	case YKIND_INT:
		if (ynode_int(n, &iv) == 0)
			jw_int(w, iv);
		else if (ynode_number(n, &dv) == 0)
			jw_num(w, dv);
		else
			jw_strn(w, n->text, n->len);
		break;
	case YKIND_FLOAT:
		if (ynode_number(n, &dv) == 0)
			jw_num(w, dv);
		else
			jw_strn(w, n->text, n->len);
		break;
	case YKIND_STR:
		jw_strn(w, n->text, n->len);
		break;
	case YKIND_SEQ:
		jw_array(w);
		for (size_t i = 0; i < n->nkids; i++)
			jw_ynode(w, n->kids[i]);
		jw_end(w);
		break;
	case YKIND_MAP:
		jw_object(w);
		for (size_t i = 0; i + 1 < n->nkids; i += 2) {
			const struct ynode *k = n->kids[i];

			if (k->type == YNODE_SCALAR)
				jw_keyn(w, k->text, k->len);
			else
				jw_keyn(w, "", 0);
			jw_ynode(w, n->kids[i + 1]);
		}
		jw_end(w);
		break;
	}
}
