/*
 * text: terminal-safe text and display width.  See text.h.
 *
 * Everything is built on one step function, next_unit, which looks at
 * the bytes at the cursor and returns one "unit": a valid character
 * copied as is, a character that must be escaped, or one invalid byte.
 * Each unit knows its byte length and the columns it takes once shown,
 * so width, escaping, padding and truncation always agree.
 */
#include "core/text.h"

#include <stdint.h>
#include <string.h>
#include <utf8proc.h>

#include "core/utf8.h"

enum unit_kind {
	U_RAW,      /* printable: copied */
	U_BYTE,     /* ASCII control or invalid byte: \xNN */
	U_CODE,     /* C1 or bidi control: \u{X} */
};

struct unit {
	enum unit_kind kind;
	size_t n;         /* bytes of input */
	uint32_t cp;      /* the code point, or the byte for U_BYTE */
	size_t width;     /* columns once shown */
};

static int
is_bidi_control(uint32_t cp)
{
	return cp == 0x061c || cp == 0x200e || cp == 0x200f ||
	       (cp >= 0x202a && cp <= 0x202e) ||
	       (cp >= 0x2066 && cp <= 0x2069);
}

static size_t
hex_digits(uint32_t v)
{
	size_t n = 1;

	while (v >>= 4)
		n++;
	return n;
}

static void
next_unit(const unsigned char *s, size_t len, struct unit *u)
{
	int32_t cp;
	size_t n = utf8_next((const char *)s, len, &cp);
	int w;

	if (!n) {
		u->kind = U_BYTE;
		u->n = 1;
		u->cp = s[0];
		u->width = 4;            /* \xNN */
		return;
	}
	u->n = n;
	u->cp = cp;
	if (cp < 0x20 || cp == 0x7f) {
		u->kind = U_BYTE;
		u->width = 4;
	} else if ((cp >= 0x80 && cp <= 0x9f) || is_bidi_control(cp)) {
		u->kind = U_CODE;
		u->width = 4 + hex_digits(cp);   /* \u{...} */
	} else {
		u->kind = U_RAW;
		w = cp < 0x7f ? 1 : utf8proc_charwidth((utf8proc_int32_t)cp);
		u->width = w > 0 ? (size_t)w : 0;
	}
}

static void
emit_unit(struct sbuf *out, const unsigned char *s, const struct unit *u)
{
	switch (u->kind) {
	case U_RAW:
		sbuf_add(out, s, u->n);
		break;
	case U_BYTE:
		sbuf_addf(out, "\\x%02x", (unsigned)u->cp);
		break;
	case U_CODE:
		sbuf_addf(out, "\\u{%x}", (unsigned)u->cp);
		break;
	}
}

int
text_is_term_safe(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	struct unit u;

	for (size_t i = 0; i < len; i += u.n) {
		if (p[i] >= 0x20 && p[i] < 0x7f) {
			u.n = 1;
			continue;
		}
		next_unit(p + i, len - i, &u);
		if (u.kind != U_RAW)
			return 0;
	}
	return 1;
}

size_t
text_width(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t w = 0;
	struct unit u;

	for (size_t i = 0; i < len; i += u.n) {
		if (p[i] >= 0x20 && p[i] < 0x7f) {
			u.n = 1;
			w++;
			continue;
		}
		next_unit(p + i, len - i, &u);
		w += u.width;
	}
	return w;
}

void
text_escape_term(struct sbuf *out, const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t run = 0;   /* printable ASCII bytes not yet copied */
	struct unit u;

	sbuf_grow(out, len);
	for (size_t i = 0; i < len; i += u.n) {
		if (p[i] >= 0x20 && p[i] < 0x7f) {
			u.n = 1;
			run++;
			continue;
		}
		sbuf_add(out, p + i - run, run);
		run = 0;
		next_unit(p + i, len - i, &u);
		emit_unit(out, p + i, &u);
	}
	sbuf_add(out, p + len - run, run);
}

static void
spaces(struct sbuf *out, size_t n)
{
	sbuf_grow(out, n);
	while (n--)
		sbuf_addc(out, ' ');
}

void
text_pad(struct sbuf *out, const char *s, size_t len, size_t width,
	 int right_align)
{
	size_t w = text_width(s, len);
	size_t fill = w < width ? width - w : 0;

	if (right_align)
		spaces(out, fill);
	text_escape_term(out, s, len);
	if (!right_align)
		spaces(out, fill);
}

void
text_truncate(struct sbuf *out, const char *s, size_t len, size_t max_width)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t w = 0;
	struct unit u;

	if (text_width(s, len) <= max_width) {
		text_escape_term(out, s, len);
		return;
	}
	if (max_width == 0)
		return;
	for (size_t i = 0; i < len; i += u.n) {
		next_unit(p + i, len - i, &u);
		if (w + u.width > max_width - 1)
			break;
		emit_unit(out, p + i, &u);
		w += u.width;
	}
	sbuf_add(out, "\xe2\x80\xa6", 3);   /* U+2026 HORIZONTAL ELLIPSIS */
}

void
text_md_cell(struct sbuf *out, const char *s)
{
	struct sbuf tmp = SBUF_INIT;

	text_escape_term(&tmp, s, strlen(s));
	for (size_t i = 0; i < tmp.len; i++) {
		char ch = tmp.buf[i];

		if (ch == '&') {
			sbuf_adds(out, "&amp;");
			continue;
		}
		if (strchr("|\\*_`<>[]~", ch))
			sbuf_addc(out, '\\');
		sbuf_addc(out, ch);
	}
	sbuf_release(&tmp);
}

int
text_subject(struct sbuf *out, const char *s, size_t len, size_t max)
{
	size_t off = 0, ncp = 0, keep = 0, space = 0;

	while (off < len) {
		int32_t cp;
		size_t n = utf8_next(s + off, len - off, &cp);

		if (!n)
			n = 1;
		if (ncp + 1 < max) {
			if (s[off] == ' ')
				space = off;
			keep = off + n;
		}
		ncp++;
		off += n;
	}
	if (ncp <= max) {
		sbuf_add(out, s, len);
		return 0;
	}
	if (max == 0)
		return 1;
	/* a space within the kept part: cut the word that does not fit */
	if (space > 0 && space <= keep)
		keep = space;
	while (keep > 0 && (s[keep - 1] == ' ' || s[keep - 1] == ','))
		keep--;
	sbuf_add(out, s, keep);
	sbuf_adds(out, "…");
	return 1;
}

int
text_conflict_marker(const char *s, size_t len)
{
	size_t i = 0;

	if (!len || !strchr("<|=>", s[0]) || !s[0])
		return 0;
	while (i < len && s[i] == s[0])
		i++;
	if (i != 7)
		return 0;
	return i == len || s[i] == ' ' || s[i] == '\t' || s[i] == '\r' ? s[0] : 0;
}
