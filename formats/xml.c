#include "formats/xml.h"

#include <string.h>

#include "core/utf8.h"

#define REPLACEMENT "\xef\xbf\xbd"  /* U+FFFD in UTF-8 */

static void
escape(struct sbuf *sb, const char *s, size_t len, int attr)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, run = 0;

	sbuf_grow(sb, len);
	while (i < len) {
		unsigned c = p[i];
		int32_t cp = 0;
		const char *rep;
		size_t n;

		if (c >= 0x20 && c < 0x7f && !strchr("&<>\"'", (int)c)) {
			run++;
			i++;
			continue;
		}
		n = utf8_next(s + i, len - i, &cp);
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
