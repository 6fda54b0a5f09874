#include "formats/json.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Length of a valid UTF-8 sequence at s (max n bytes), or 0. */
static size_t
utf8_seq(const unsigned char *s, size_t n)
{
	unsigned c = s[0];
	size_t len;
	unsigned cp;

	if (c < 0x80)
		return 1;
	if (c >= 0xc2 && c <= 0xdf)
		len = 2, cp = c & 0x1f;
	else if (c >= 0xe0 && c <= 0xef)
		len = 3, cp = c & 0x0f;
	else if (c >= 0xf0 && c <= 0xf4)
		len = 4, cp = c & 0x07;
	else
		return 0;
	if (len > n)
		return 0;
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3f);
	}
	if ((len == 3 && (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff))) ||
	    (len == 4 && (cp < 0x10000 || cp > 0x10ffff)))
		return 0;
	return len;
}

static unsigned
decode(const unsigned char *s, size_t n)
{
	unsigned cp = n == 2 ? s[0] & 0x1f : n == 3 ? s[0] & 0x0f : s[0] & 0x07;

	for (size_t i = 1; i < n; i++)
		cp = (cp << 6) | (s[i] & 0x3f);
	return cp;
}

static int
needs_escape(unsigned cp)
{
	return (cp >= 0x80 && cp <= 0x9f) || cp == 0x061c || cp == 0x200e ||
	       cp == 0x200f || (cp >= 0x202a && cp <= 0x202e) ||
	       (cp >= 0x2066 && cp <= 0x2069) || cp == 0x2028 || cp == 0x2029;
}

void
json_str(struct sbuf *sb, const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, run = 0;

	sbuf_grow(sb, len + 2);
	sbuf_addc(sb, '"');
	while (i < len) {
		unsigned char c = p[i];
		size_t n;

		if (c >= 0x20 && c != '"' && c != '\\' && c < 0x7f) {
			run++;
			i++;
			continue;
		}
		if (c >= 0x80 && (n = utf8_seq(p + i, len - i))) {
			unsigned cp = decode(p + i, n);

			if (!needs_escape(cp)) {
				run += n;
				i += n;
				continue;
			}
			/* C1 and bidi controls: harmless as \uXXXX, dangerous raw
			 * when the JSON is shown on a terminal */
			sbuf_add(sb, p + i - run, run);
			run = 0;
			sbuf_addf(sb, "\\u%04x", cp);
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

void
json_strz(struct sbuf *sb, const char *s)
{
	if (!s)
		sbuf_add(sb, "null", 4);
	else
		json_str(sb, s, strlen(s));
}

void
json_num(struct sbuf *sb, double v)
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

void
json_ynode(struct sbuf *sb, const struct ynode *n)
{
	long long iv;
	double dv;
	int bv;

	if (!n) {
		sbuf_add(sb, "null", 4);
		return;
	}
	switch (ynode_kind(n)) {
	case YKIND_NULL:
		sbuf_add(sb, "null", 4);
		break;
	case YKIND_BOOL:
		ynode_bool(n, &bv);
		sbuf_adds(sb, bv ? "true" : "false");
		break;
	case YKIND_INT:
		if (ynode_int(n, &iv) == 0)
			sbuf_addf(sb, "%lld", iv);
		else if (ynode_number(n, &dv) == 0)
			json_num(sb, dv);
		else
			json_str(sb, n->text, n->len);
		break;
	case YKIND_FLOAT:
		if (ynode_number(n, &dv) == 0)
			json_num(sb, dv);
		else
			json_str(sb, n->text, n->len);
		break;
	case YKIND_STR:
		json_str(sb, n->text, n->len);
		break;
	case YKIND_SEQ:
		sbuf_addc(sb, '[');
		for (size_t i = 0; i < n->nkids; i++) {
			if (i)
				sbuf_addc(sb, ',');
			json_ynode(sb, n->kids[i]);
		}
		sbuf_addc(sb, ']');
		break;
	case YKIND_MAP:
		sbuf_addc(sb, '{');
		for (size_t i = 0; i + 1 < n->nkids; i += 2) {
			const struct ynode *k = n->kids[i];

			if (i)
				sbuf_addc(sb, ',');
			if (k->type == YNODE_SCALAR)
				json_str(sb, k->text, k->len);
			else
				json_str(sb, "", 0);
			sbuf_addc(sb, ':');
			json_ynode(sb, n->kids[i + 1]);
		}
		sbuf_addc(sb, '}');
		break;
	}
}
