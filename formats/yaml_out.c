/*
 * yaml_out.c: plain-or-quoted scalars for new files.
 *
 * A plain candidate must pass two tests: a conservative character test
 * (no indicator first, no ": " or " #", nothing a YAML 1.1 reader would
 * take for a boolean, number, null or sexagesimal), and a round trip
 * through docket's own reader (ynode), which must give back a string
 * scalar with exactly the same text.  Anything else is double-quoted.
 */
#include "formats/yaml_out.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/ynode.h"
#include "core/xalloc.h"

/* Words a YAML 1.1 or 1.2 reader resolves to something other than a
 * string (compared case-insensitively). */
static const char *const special_words[] = {
	"null", "~", "true", "false", "yes", "no", "on", "off", "y", "n",
	".inf", "+.inf", "-.inf", ".nan", "<<", "=",
};

/* Length of the UTF-8 sequence at s (1..4), or 0 when invalid. */
static size_t
utf8_len(const unsigned char *s, size_t left, unsigned *cp)
{
	unsigned c = s[0];
	size_t n, i;

	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c >= 0xc2 && c <= 0xdf)
		n = 2, c &= 0x1f;
	else if (c >= 0xe0 && c <= 0xef)
		n = 3, c &= 0x0f;
	else if (c >= 0xf0 && c <= 0xf4)
		n = 4, c &= 0x07;
	else
		return 0;
	if (left < n)
		return 0;
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3f);
	}
	if ((n == 3 && c < 0x800) || (n == 4 && (c < 0x10000 || c > 0x10ffff)) ||
	    (c >= 0xd800 && c <= 0xdfff))
		return 0;
	*cp = c;
	return n;
}

/* A code point that must be escaped inside double quotes. */
static int
needs_escape(unsigned cp)
{
	return cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp <= 0x9f) ||
	       cp == 0x2028 || cp == 0x2029 || cp == 0xfeff ||
	       cp == 0xfffe || cp == 0xffff;
}

static int
looks_numeric(const char *s, size_t len)
{
	size_t digits = 0;

	/* [-+.0-9] first, then only digits, '.', '_', ':', 'e', '+', '-',
	 * 'x', 'o' and hex letters: quote it (a 1.1 reader may see a
	 * number, an octal, a sexagesimal) unless it is a YYYY-MM-DD date */
	if (!len || !strchr("+-.0123456789", s[0]))
		return 0;
	if (len == 10 && s[4] == '-' && s[7] == '-') {
		int date = 1;

		for (size_t i = 0; i < len; i++)
			if (i != 4 && i != 7 && !(s[i] >= '0' && s[i] <= '9'))
				date = 0;
		if (date)
			return 0;
	}
	for (size_t i = 0; i < len; i++) {
		char c = s[i];

		if (c >= '0' && c <= '9')
			digits++;
		else if (!strchr("._:+-eExXoOabcdfABCDF", c))
			return 0;
	}
	return digits > 0 || len == 1;
}

static int
chars_ok(const char *s, size_t len, int flow)
{
	const unsigned char *u = (const unsigned char *)s;

	if (!len || s[0] == ' ' || s[len - 1] == ' ' || s[len - 1] == ':')
		return 0;
	if (strchr("-?:,[]{}#&*!|>'\"%@`", s[0]))
		return 0;
	for (size_t i = 0; i < len;) {
		unsigned cp;
		size_t n = utf8_len(u + i, len - i, &cp);

		if (!n || needs_escape(cp) || cp == '\t')
			return 0;
		if (cp == ':' && i + 1 < len && (s[i + 1] == ' ' || (flow && strchr(",[]{}", s[i + 1]))))
			return 0;
		if (cp == '#' && i > 0 && s[i - 1] == ' ')
			return 0;
		if (flow && strchr(",[]{}", (int)cp) && cp < 0x80)
			return 0;
		i += n;
	}
	for (size_t i = 0; i < ARRAY_SIZE(special_words); i++)
		if (strlen(special_words[i]) == len &&
		    !strncasecmp(s, special_words[i], len))
			return 0;
	return !looks_numeric(s, len);
}

/* Does the plain text read back as the same string? */
static int
round_trip(const char *s, size_t len, int flow)
{
	struct sbuf doc = SBUF_INIT;
	struct ynode *root = NULL, *v;
	struct ynode_opts opts = YNODE_OPTS_INIT;
	int ok = 0;

	sbuf_adds(&doc, flow ? "k: [" : "k: ");
	sbuf_add(&doc, s, len);
	sbuf_adds(&doc, flow ? "]\n" : "\n");
	if (ynode_parse(&root, doc.buf, doc.len, &opts, NULL) == 0 && root) {
		v = ynode_get(root, "k");
		if (v && flow)
			v = (v->type == YNODE_SEQ && v->nkids == 1) ? v->kids[0] : NULL;
		ok = v && v->type == YNODE_SCALAR && ynode_kind(v) == YKIND_STR &&
		     v->len == len && !memcmp(v->text, s, len);
	}
	ynode_free(root);
	sbuf_release(&doc);
	return ok;
}

int
yaml_out_plain_ok(const char *s, size_t len, int flow)
{
	return chars_ok(s, len, flow) && round_trip(s, len, flow);
}

void
yaml_out_quoted(struct sbuf *out, const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;

	sbuf_addc(out, '"');
	for (size_t i = 0; i < len;) {
		unsigned cp;
		size_t n = utf8_len(u + i, len - i, &cp);

		if (!n) {
			sbuf_adds(out, "\\uFFFD");
			i++;
			continue;
		}
		switch (cp) {
		case '"': sbuf_adds(out, "\\\""); break;
		case '\\': sbuf_adds(out, "\\\\"); break;
		case '\n': sbuf_adds(out, "\\n"); break;
		case '\t': sbuf_adds(out, "\\t"); break;
		case '\r': sbuf_adds(out, "\\r"); break;
		default:
			if (cp < 0x100 && needs_escape(cp))
				sbuf_addf(out, "\\x%02X", cp);
			else if (needs_escape(cp))
				sbuf_addf(out, "\\u%04X", cp);
			else
				sbuf_add(out, s + i, n);
		}
		i += n;
	}
	sbuf_addc(out, '"');
}

void
yaml_out_str(struct sbuf *out, const char *s, size_t len, int flow)
{
	if (yaml_out_plain_ok(s, len, flow))
		sbuf_add(out, s, len);
	else
		yaml_out_quoted(out, s, len);
}

void
yaml_out_str_list(struct sbuf *out, char *const *v, size_t n)
{
	sbuf_addc(out, '[');
	for (size_t i = 0; i < n; i++) {
		if (i)
			sbuf_adds(out, ", ");
		yaml_out_str(out, v[i], strlen(v[i]), 1);
	}
	sbuf_addc(out, ']');
}

void
yaml_out_number(struct sbuf *out, double v)
{
	char buf[64];

	if (!isfinite(v)) {
		sbuf_adds(out, isnan(v) ? ".nan" : v > 0 ? ".inf" : "-.inf");
		return;
	}
	if (v == floor(v) && fabs(v) < 1e15) {
		sbuf_addf(out, "%.0f", v);
		return;
	}
	for (int prec = 6; prec <= 17; prec++) {
		snprintf(buf, sizeof(buf), "%.*g", prec, v);
		if (strtod(buf, NULL) == v)
			break;
	}
	sbuf_adds(out, buf);
}
