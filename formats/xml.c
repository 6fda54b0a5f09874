#include "formats/xml.h"

#include <string.h>

#define REPLACEMENT "\xef\xbf\xbd"  /* U+FFFD in UTF-8 */

/*
 * Decode one UTF-8 sequence at s (at most n bytes).  Returns its length
 * and stores the code point in *cp, or returns 0 when the bytes are not
 * valid UTF-8 (overlong forms, surrogates and values past U+10FFFF are
 * invalid too).
 */
static size_t
utf8_decode(const unsigned char *s, size_t n, unsigned *cp)
{
	unsigned c = s[0], v;
	size_t len;

	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c >= 0xc2 && c <= 0xdf)
		len = 2, v = c & 0x1f;
	else if (c >= 0xe0 && c <= 0xef)
		len = 3, v = c & 0x0f;
	else if (c >= 0xf0 && c <= 0xf4)
		len = 4, v = c & 0x07;
	else
		return 0;
	if (len > n)
		return 0;
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		v = (v << 6) | (s[i] & 0x3f);
	}
	if ((len == 3 && (v < 0x800 || (v >= 0xd800 && v <= 0xdfff))) ||
	    (len == 4 && (v < 0x10000 || v > 0x10ffff)))
		return 0;
	*cp = v;
	return len;
}

static void
escape(struct sbuf *sb, const char *s, size_t len, int attr)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, run = 0;

	sbuf_grow(sb, len);
	while (i < len) {
		unsigned c = p[i], cp = 0;
		const char *rep;
		size_t n;

		if (c >= 0x20 && c < 0x7f && !strchr("&<>\"'", (int)c)) {
			run++;
			i++;
			continue;
		}
		n = utf8_decode(p + i, len - i, &cp);
		if (n > 1 && cp > 0x9f && cp != 0xfffe && cp != 0xffff) {
			run += n;
			i += n;
			continue;
		}
		sbuf_add(sb, p + i - run, run);
		run = 0;
		if (!n)
			n = 1;          /* one invalid byte */
		switch (n == 1 ? c : 0x80) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = "&quot;"; break;
		case '\'': rep = "&#39;"; break;
		case '\r': rep = "&#13;"; break;
		case '\t': rep = attr ? "&#9;" : "\t"; break;
		case '\n': rep = attr ? "&#10;" : "\n"; break;
		default: rep = REPLACEMENT; break;
		}
		sbuf_adds(sb, rep);
		i += n;
	}
	sbuf_add(sb, p + i - run, run);
}

void
xml_escape(struct sbuf *sb, const char *s, size_t len)
{
	escape(sb, s, len, 0);
}

void
xml_escape_attr(struct sbuf *sb, const char *s, size_t len)
{
	escape(sb, s, len, 1);
}

void
xml_escapez(struct sbuf *sb, const char *s)
{
	if (s)
		escape(sb, s, strlen(s), 0);
}

void
xml_escape_attrz(struct sbuf *sb, const char *s)
{
	if (s)
		escape(sb, s, strlen(s), 1);
}
