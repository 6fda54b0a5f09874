#include "formats/json.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/utf8.h"

static int
needs_escape(int32_t cp)
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
