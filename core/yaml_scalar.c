/*
 * yaml_scalar.c: plain-or-quoted scalars (see yaml_scalar.h).
 *
 * A plain candidate must pass two tests: a conservative character test
 * (no indicator first, no ": " or " #", nothing a YAML 1.1 or 1.2 reader
 * would take for a boolean, null, number, date or sexagesimal), and a
 * round trip through docket's own reader (ynode), which must give back
 * a string scalar with exactly the same text.  Anything else is quoted.
 *
 * The round trip (a libyaml parser per scalar) was a fifth to a third
 * of an import's time, so a candidate that is plain for certain skips
 * it (sure_plain); every other candidate still takes it.  The unit test
 * test_yaml_scalar_fast runs both over the YAML test suite's scalars, a
 * generated set and random strings, and requires the same answer.
 */
#include "core/yaml_scalar.h"
#include "core/yaml_scalar_int.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/utf8.h"
#include "core/xalloc.h"

/* Words a YAML 1.1 or 1.2 reader resolves to something other than a
 * string (compared case-insensitively). */
static const char *const special_words[] = {
	"null", "~", "true", "false", "yes", "no", "on", "off", "y", "n",
	".inf", "+.inf", "-.inf", ".nan", "<<", "=",
};

/* A code point that must be escaped inside double quotes, and that
 * makes a plain scalar unsafe. */
static int
needs_escape(int32_t cp)
{
	return cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp <= 0x9f) ||
	       cp == 0x2028 || cp == 0x2029 || cp == 0xfeff ||
	       cp == 0xfffe || cp == 0xffff;
}

static int
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Does s start with a YAML 1.1 timestamp's date (YYYY-M-D, then the end
 * or a time)?  A 1.1 reader makes it a date. */
static int
looks_like_date(const char *s, size_t len)
{
	size_t i = 4;

	if (len < 8 || !is_digit(s[0]) || !is_digit(s[1]) || !is_digit(s[2]) ||
	    !is_digit(s[3]) || s[4] != '-')
		return 0;
	for (int part = 0; part < 2; part++) {
		size_t d = 0;

		if (s[i] != '-')
			return 0;
		for (i++; i < len && is_digit(s[i]) && d < 2; i++)
			d++;
		if (!d)
			return 0;
	}
	return i == len || s[i] == 'T' || s[i] == 't' || s[i] == ' ' || s[i] == '\t';
}

/* Would a YAML 1.1 or 1.2 reader take s for a number or a date?
 * Integers and floats with '_' and sexagesimal ':' parts (1:20), an
 * exponent, 0x / 0o / 0b forms, and dates. */
static int
looks_numeric(const char *s, size_t len)
{
	size_t i = 0, digits = 0;

	if (looks_like_date(s, len))
		return 1;
	if (len == 1 && strchr("+-.", s[0]))
		return 1;
	if (i < len && (s[i] == '+' || s[i] == '-'))
		i++;
	if (len - i > 2 && s[i] == '0' && strchr("xXoObB", s[i + 1])) {
		for (i += 2; i < len; i++)
			if (!is_digit(s[i]) && !strchr("abcdefABCDEF_", s[i]))
				return 0;
		return 1;
	}
	for (; i < len; i++) {
		if (is_digit(s[i])) {
			digits++;
		} else if ((s[i] == 'e' || s[i] == 'E') && digits) {
			/* an exponent ends it: [+-]digits */
			if (++i < len && (s[i] == '+' || s[i] == '-'))
				i++;
			if (i == len)
				return 0;
			for (; i < len; i++)
				if (!is_digit(s[i]))
					return 0;
			return 1;
		} else if (!strchr("._:", s[i])) {
			return 0;
		}
	}
	return digits > 0;
}

static int
chars_ok(const char *s, size_t len, int flow)
{
	if (!len || s[0] == ' ' || s[len - 1] == ' ' || s[len - 1] == ':')
		return 0;
	if (strchr("-?:,[]{}#&*!|>'\"%@`", s[0]))
		return 0;
	if (len >= 3 && (!strncmp(s, "---", 3) || !strncmp(s, "...", 3)))
		return 0;
	for (size_t i = 0; i < len;) {
		int32_t cp;
		size_t n = utf8_next(s + i, len - i, &cp);

		if (!n || needs_escape(cp))
			return 0;
		if (cp == ':' && (flow || (i + 1 < len && s[i + 1] == ' ')))
			return 0;
		if (cp == '#' && i > 0 && s[i - 1] == ' ')
			return 0;
		if (flow && cp < 0x80 && strchr(",[]{}", (int)cp))
			return 0;
		i += n;
	}
	for (size_t i = 0; i < sizeof(special_words) / sizeof(*special_words); i++)
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

/* Is a candidate that chars_ok accepted certain to pass the round trip?
 * chars_ok has already ruled out what ends or splits a plain scalar
 * (": ", " #", a colon at the end, in a list also ":,[]{}"), an
 * indicator first, blanks at the ends, controls and line breaks, and
 * invalid UTF-8, so the scalar reads back as its own text; what is
 * left is the kind docket's reader gives it (core schema: null, bool,
 * int, float or string).  Those non-strings are "", ~, null, true and
 * false in three casings, digits with [+-.eE], 0o and 0x forms, .inf
 * and .nan: none starts with a letter but the words chars_ok refuses
 * (any casing), and none holds a space.  So: a letter or a non-ASCII
 * character first, or a space anywhere, is a string for certain. */
static int
sure_plain(const char *s, size_t len)
{
	unsigned char c = (unsigned char)s[0];

	if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80)
		return 1;
	return memchr(s, ' ', len) != NULL;
}

int
yaml_scalar_plain_ok(const char *s, size_t len, int flow)
{
	if (!chars_ok(s, len, flow))
		return 0;
	return sure_plain(s, len) || round_trip(s, len, flow);
}

int
yaml_scalar__plain_ok_slow(const char *s, size_t len, int flow)
{
	return chars_ok(s, len, flow) && round_trip(s, len, flow);
}

int
yaml_scalar__plain_ok_fast(const char *s, size_t len, int flow)
{
	return chars_ok(s, len, flow) && sure_plain(s, len);
}

void
yaml_scalar_quoted(struct sbuf *out, const char *s, size_t len)
{
	sbuf_addc(out, '"');
	for (size_t i = 0; i < len;) {
		int32_t cp;
		size_t n = utf8_next(s + i, len - i, &cp);

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
				sbuf_addf(out, "\\x%02X", (unsigned)cp);
			else if (needs_escape(cp))
				sbuf_addf(out, "\\u%04X", (unsigned)cp);
			else
				sbuf_add(out, s + i, n);
		}
		i += n;
	}
	sbuf_addc(out, '"');
}

/* Can s be single-quoted (nothing to escape, all valid UTF-8)? */
static int
single_ok(const char *s, size_t len)
{
	for (size_t i = 0; i < len;) {
		int32_t cp;
		size_t n = utf8_next(s + i, len - i, &cp);

		if (!n || needs_escape(cp))
			return 0;
		i += n;
	}
	return 1;
}

static void
single(struct sbuf *out, const char *s, size_t len)
{
	sbuf_addc(out, '\'');
	for (size_t i = 0; i < len; i++) {
		if (s[i] == '\'')
			sbuf_addc(out, '\'');
		sbuf_addc(out, s[i]);
	}
	sbuf_addc(out, '\'');
}

void
yaml_scalar_str(struct sbuf *out, const char *s, size_t len, int flow,
		enum ynode_style keep)
{
	if (keep == YSTYLE_SINGLE && single_ok(s, len))
		single(out, s, len);
	else if (keep == YSTYLE_DOUBLE || !yaml_scalar_plain_ok(s, len, flow))
		yaml_scalar_quoted(out, s, len);
	else
		sbuf_add(out, s, len);
}

void
yaml_scalar_list(struct sbuf *out, const char *const *v, size_t n)
{
	sbuf_addc(out, '[');
	for (size_t i = 0; i < n; i++) {
		if (i)
			sbuf_adds(out, ", ");
		yaml_scalar_str(out, v[i], strlen(v[i]), 1, YSTYLE_PLAIN);
	}
	sbuf_addc(out, ']');
}

void
yaml_scalar_number(struct sbuf *out, double v)
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
