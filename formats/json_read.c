/*
 * json_read: strict JSON reader.  See json_read.h for the contract.
 *
 * The parser keeps one cursor (struct jp) over the buffer.  Values are
 * parsed by parse_value, which dispatches on the first byte:
 *
 *     value  := ws ( object | array | string | number | literal ) ws
 *     object := '{' ws ( string ws ':' value ( ',' ws string ws ':' value )* )? '}'
 *     array  := '[' ( value ( ',' value )* | ws ) ']'
 *
 * Line/column bookkeeping is lazy: positions are only computed for the
 * start of each value and for errors, through a cursor that moves
 * forward (so a minified one-line file still costs O(n) in total).
 */
#include "formats/json_read.h"

#include <errno.h>
#include <locale.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/diag.h"
#include "core/sbuf.h"
#include "core/xalloc.h"

struct jp {
	const unsigned char *s;
	size_t len;
	size_t pos;
	int depth;
	size_t origin;   /* 3 after a byte-order mark, else 0 */
	/* forward-only position cursor */
	size_t at_off;
	int at_line, at_col;
	struct json_error *err;
	int failed;
};

/* Length of the valid UTF-8 sequence at s (at most n bytes), or 0. */
static size_t
utf8_len(const unsigned char *s, size_t n)
{
	unsigned c = s[0], cp;
	size_t len;

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

/* Line and column (1-based, column in characters) of byte offset off. */
static void
jp_where(struct jp *p, size_t off, int *line, int *col)
{
	if (off < p->at_off) {
		/* rare: positions almost always move forward */
		p->at_off = off < p->origin ? 0 : p->origin;
		p->at_line = 1;
		p->at_col = 1;
	}
	while (p->at_off < off) {
		unsigned char c = p->s[p->at_off];

		if (c == '\n') {
			p->at_line++;
			p->at_col = 1;
			p->at_off++;
		} else {
			/* continuation bytes do not start a character */
			if ((c & 0xc0) != 0x80)
				p->at_col++;
			p->at_off++;
		}
	}
	/* at_col counted the character at at_off-1 already */
	*line = p->at_line;
	*col = p->at_col;
}

static int fail(struct jp *p, size_t off, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int
fail(struct jp *p, size_t off, const char *fmt, ...)
{
	va_list ap;

	if (p->failed)
		return DK_EINVALID;
	p->failed = 1;
	if (p->err) {
		if (off > p->len)
			off = p->len;
		jp_where(p, off, &p->err->line, &p->err->col);
		p->err->offset = off;
		va_start(ap, fmt);
		vsnprintf(p->err->message, sizeof(p->err->message), fmt, ap);
		va_end(ap);
	}
	return DK_EINVALID;
}

/* Describe the byte at pos for an error message. */
static const char *
describe(const struct jp *p, size_t pos, char *tmp, size_t n)
{
	unsigned c;

	if (pos >= p->len)
		return "end of input";
	c = p->s[pos];
	if (c >= 0x21 && c < 0x7f)
		snprintf(tmp, n, "'%c'", (int)c);
	else if (c >= 0x80 && utf8_len(p->s + pos, p->len - pos))
		snprintf(tmp, n, "a non-ASCII character");
	else if (c >= 0x80)
		snprintf(tmp, n, "invalid UTF-8 byte 0x%02x", c);
	else if (c == ' ')
		snprintf(tmp, n, "a space");
	else
		snprintf(tmp, n, "control character 0x%02x", c);
	return tmp;
}

static int
unexpected(struct jp *p, const char *wanted)
{
	char tmp[48];

	return fail(p, p->pos, "expected %s, found %s", wanted,
		    describe(p, p->pos, tmp, sizeof(tmp)));
}

static int
is_ws(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static void
skip_ws(struct jp *p)
{
	while (p->pos < p->len && is_ws(p->s[p->pos]))
		p->pos++;
}

static struct jval *
jval_new(struct jp *p, enum jtype t, size_t off)
{
	struct jval *v = xcalloc(1, sizeof(*v));

	v->type = t;
	jp_where(p, off, &v->line, &v->col);
	return v;
}

static int
hex4(const unsigned char *s, unsigned *out)
{
	unsigned v = 0;

	for (int i = 0; i < 4; i++) {
		unsigned c = s[i], d;

		if (c >= '0' && c <= '9')
			d = c - '0';
		else if (c >= 'a' && c <= 'f')
			d = c - 'a' + 10;
		else if (c >= 'A' && c <= 'F')
			d = c - 'A' + 10;
		else
			return -1;
		v = v << 4 | d;
	}
	*out = v;
	return 0;
}

static void
put_utf8(struct sbuf *sb, unsigned cp)
{
	char b[4];

	if (cp < 0x80) {
		sbuf_addc(sb, (char)cp);
		return;
	}
	if (cp < 0x800) {
		b[0] = (char)(0xc0 | cp >> 6);
		b[1] = (char)(0x80 | (cp & 0x3f));
		sbuf_add(sb, b, 2);
	} else if (cp < 0x10000) {
		b[0] = (char)(0xe0 | cp >> 12);
		b[1] = (char)(0x80 | (cp >> 6 & 0x3f));
		b[2] = (char)(0x80 | (cp & 0x3f));
		sbuf_add(sb, b, 3);
	} else {
		b[0] = (char)(0xf0 | cp >> 18);
		b[1] = (char)(0x80 | (cp >> 12 & 0x3f));
		b[2] = (char)(0x80 | (cp >> 6 & 0x3f));
		b[3] = (char)(0x80 | (cp & 0x3f));
		sbuf_add(sb, b, 4);
	}
}

/* Parse a string at p->pos (which is '"') into sb. */
static int
parse_string(struct jp *p, struct sbuf *sb)
{
	size_t run;

	p->pos++;   /* opening quote */
	run = p->pos;
	for (;;) {
		unsigned char c;
		size_t n;
		unsigned cp, lo;

		if (p->pos >= p->len)
			return fail(p, p->pos, "unterminated string");
		c = p->s[p->pos];
		if (c == '"')
			break;
		if (c >= 0x20 && c != '\\' && c < 0x80) {
			p->pos++;
			continue;
		}
		if (c >= 0x80) {
			n = utf8_len(p->s + p->pos, p->len - p->pos);
			if (!n)
				return fail(p, p->pos,
					    "invalid UTF-8 byte 0x%02x in string",
					    c);
			p->pos += n;
			continue;
		}
		if (c < 0x20)
			return fail(p, p->pos, "unescaped control character "
				    "0x%02x in string", c);
		/* backslash */
		sbuf_add(sb, p->s + run, p->pos - run);
		if (p->pos + 1 >= p->len)
			return fail(p, p->pos, "unterminated string");
		c = p->s[p->pos + 1];
		switch (c) {
		case '"': sbuf_addc(sb, '"'); break;
		case '\\': sbuf_addc(sb, '\\'); break;
		case '/': sbuf_addc(sb, '/'); break;
		case 'b': sbuf_addc(sb, '\b'); break;
		case 'f': sbuf_addc(sb, '\f'); break;
		case 'n': sbuf_addc(sb, '\n'); break;
		case 'r': sbuf_addc(sb, '\r'); break;
		case 't': sbuf_addc(sb, '\t'); break;
		case 'u':
			if (p->len - p->pos < 6 ||
			    hex4(p->s + p->pos + 2, &cp))
				return fail(p, p->pos, "invalid \\u escape "
					    "(expected 4 hex digits)");
			if (cp >= 0xdc00 && cp <= 0xdfff)
				return fail(p, p->pos, "unpaired surrogate "
					    "\\u%04X", cp);
			if (cp >= 0xd800 && cp <= 0xdbff) {
				if (p->len - p->pos < 12 ||
				    p->s[p->pos + 6] != '\\' ||
				    p->s[p->pos + 7] != 'u' ||
				    hex4(p->s + p->pos + 8, &lo) ||
				    lo < 0xdc00 || lo > 0xdfff)
					return fail(p, p->pos, "unpaired "
						    "surrogate \\u%04X", cp);
				cp = 0x10000 + ((cp - 0xd800) << 10) +
				     (lo - 0xdc00);
				p->pos += 6;
			}
			put_utf8(sb, cp);
			p->pos += 4;
			break;
		default:
			return fail(p, p->pos, "invalid escape '\\%c'",
				    c >= 0x21 && c < 0x7f ? c : '?');
		}
		p->pos += 2;
		run = p->pos;
	}
	sbuf_add(sb, p->s + run, p->pos - run);
	p->pos++;   /* closing quote */
	return 0;
}

/* strtod in the "C" locale, whatever LC_NUMERIC says. */
static double
c_strtod(char *text)
{
	const char *dp = localeconv()->decimal_point;
	char *dot;

	if (dp && dp[0] && (dp[0] != '.' || dp[1])) {
		/* only a one-byte decimal point can be substituted in
		 * place; the number text is ASCII so this covers ","  */
		if (!dp[1] && (dot = strchr(text, '.')))
			*dot = dp[0];
	}
	return strtod(text, NULL);
}

static int
is_digit(unsigned char c)
{
	return c >= '0' && c <= '9';
}

static int
parse_number(struct jp *p, struct jval *v)
{
	size_t start = p->pos;

	if (p->pos < p->len && p->s[p->pos] == '-')
		p->pos++;
	if (p->pos >= p->len || !is_digit(p->s[p->pos]))
		return unexpected(p, "a digit");
	if (p->s[p->pos] == '0') {
		p->pos++;
		if (p->pos < p->len && is_digit(p->s[p->pos]))
			return fail(p, p->pos - 1,
				    "leading zero in a number");
	} else {
		while (p->pos < p->len && is_digit(p->s[p->pos]))
			p->pos++;
	}
	if (p->pos < p->len && p->s[p->pos] == '.') {
		p->pos++;
		if (p->pos >= p->len || !is_digit(p->s[p->pos]))
			return unexpected(p, "a digit after '.'");
		while (p->pos < p->len && is_digit(p->s[p->pos]))
			p->pos++;
	}
	if (p->pos < p->len && (p->s[p->pos] == 'e' || p->s[p->pos] == 'E')) {
		p->pos++;
		if (p->pos < p->len &&
		    (p->s[p->pos] == '+' || p->s[p->pos] == '-'))
			p->pos++;
		if (p->pos >= p->len || !is_digit(p->s[p->pos]))
			return unexpected(p, "a digit in the exponent");
		while (p->pos < p->len && is_digit(p->s[p->pos]))
			p->pos++;
	}
	v->str = xmemdup0(p->s + start, p->pos - start);
	v->len = p->pos - start;
	{
		char *tmp = xmemdup0(p->s + start, p->pos - start);

		v->num = c_strtod(tmp);
		free(tmp);
	}
	if (isinf(v->num))
		return fail(p, start, "number out of range");
	return 0;
}

static int
parse_literal(struct jp *p, const char *word)
{
	size_t n = strlen(word);
	size_t i;

	for (i = 0; i < n; i++) {
		if (p->pos + i >= p->len || p->s[p->pos + i] != word[i]) {
			if (i == 0)
				return unexpected(p, "a value");
			return fail(p, p->pos, "invalid literal (expected "
				    "'%s')", word);
		}
	}
	p->pos += n;
	/* "truex", "nullnull": a literal must end at a delimiter */
	if (p->pos < p->len) {
		unsigned char c = p->s[p->pos];

		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    is_digit(c) || c == '_')
			return fail(p, p->pos - n, "invalid literal "
				    "(expected '%s')", word);
	}
	return 0;
}

static void
obj_push(struct jval *v, char *key, size_t klen, struct jval *item)
{
	if (v->n == v->alloc) {
		size_t a = v->alloc;

		v->items = xgrow(v->items, &v->alloc, v->n + 1,
				 sizeof(*v->items));
		if (v->type == JOBJ) {
			/* keys and key_lens share items' capacity */
			size_t b = a;

			v->keys = xgrow(v->keys, &a, v->alloc,
					sizeof(*v->keys));
			v->key_lens = xgrow(v->key_lens, &b, v->alloc,
					    sizeof(*v->key_lens));
		}
	}
	if (v->type == JOBJ) {
		v->keys[v->n] = key;
		v->key_lens[v->n] = klen;
	}
	v->items[v->n++] = item;
}

static int parse_value(struct jp *p, struct jval **out);

static int
parse_array(struct jp *p, struct jval *v)
{
	struct jval *item;

	p->pos++;   /* '[' */
	skip_ws(p);
	if (p->pos < p->len && p->s[p->pos] == ']') {
		p->pos++;
		return 0;
	}
	for (;;) {
		if (parse_value(p, &item))
			return DK_EINVALID;
		obj_push(v, NULL, 0, item);
		if (p->pos < p->len && p->s[p->pos] == ',') {
			p->pos++;
			continue;
		}
		if (p->pos < p->len && p->s[p->pos] == ']') {
			p->pos++;
			return 0;
		}
		return unexpected(p, "',' or ']'");
	}
}

static int
parse_object(struct jp *p, struct jval *v)
{
	struct jval *item;
	struct sbuf key = SBUF_INIT;
	size_t klen;
	char *k;

	p->pos++;   /* '{' */
	skip_ws(p);
	if (p->pos < p->len && p->s[p->pos] == '}') {
		p->pos++;
		return 0;
	}
	for (;;) {
		if (p->pos >= p->len || p->s[p->pos] != '"')
			return unexpected(p, v->n ? "a string key" :
					  "a string key or '}'");
		if (parse_string(p, &key)) {
			sbuf_release(&key);
			return DK_EINVALID;
		}
		skip_ws(p);
		if (p->pos >= p->len || p->s[p->pos] != ':') {
			sbuf_release(&key);
			return unexpected(p, "':'");
		}
		p->pos++;
		if (parse_value(p, &item)) {
			sbuf_release(&key);
			return DK_EINVALID;
		}
		k = sbuf_detach(&key, &klen);
		obj_push(v, k, klen, item);
		if (p->pos < p->len && p->s[p->pos] == ',') {
			p->pos++;
			skip_ws(p);
			continue;
		}
		if (p->pos < p->len && p->s[p->pos] == '}') {
			p->pos++;
			return 0;
		}
		return unexpected(p, "',' or '}'");
	}
}

/* Parse ws value ws at p->pos. */
static int
parse_value(struct jp *p, struct jval **out)
{
	struct jval *v = NULL;
	struct sbuf sb = SBUF_INIT;
	int rc = 0;
	unsigned char c;

	*out = NULL;
	skip_ws(p);
	if (p->pos >= p->len)
		return unexpected(p, "a value");
	c = p->s[p->pos];
	switch (c) {
	case '{':
	case '[':
		if (p->depth >= JSON_MAX_DEPTH)
			return fail(p, p->pos, "nesting deeper than %d",
				    JSON_MAX_DEPTH);
		p->depth++;
		v = jval_new(p, c == '{' ? JOBJ : JARR, p->pos);
		rc = c == '{' ? parse_object(p, v) : parse_array(p, v);
		p->depth--;
		break;
	case '"':
		v = jval_new(p, JSTR, p->pos);
		rc = parse_string(p, &sb);
		if (!rc)
			v->str = sbuf_detach(&sb, &v->len);
		sbuf_release(&sb);
		break;
	case 't':
	case 'f':
		v = jval_new(p, JBOOL, p->pos);
		v->b = c == 't';
		rc = parse_literal(p, c == 't' ? "true" : "false");
		break;
	case 'n':
		v = jval_new(p, JNULL, p->pos);
		rc = parse_literal(p, "null");
		break;
	default:
		if (c != '-' && !is_digit(c))
			return unexpected(p, "a value");
		v = jval_new(p, JNUM, p->pos);
		rc = parse_number(p, v);
		break;
	}
	if (rc) {
		jval_free(v);
		return DK_EINVALID;
	}
	skip_ws(p);
	*out = v;
	return 0;
}

static void
jp_init(struct jp *p, const char *buf, size_t len, struct json_error *err)
{
	memset(p, 0, sizeof(*p));
	p->s = (const unsigned char *)buf;
	p->len = len;
	p->at_line = 1;
	p->at_col = 1;
	p->err = err;
	if (err)
		memset(err, 0, sizeof(*err));
	/* RFC 8259 8.1: a parser may ignore a byte-order mark */
	if (len >= 3 && p->s[0] == 0xef && p->s[1] == 0xbb && p->s[2] == 0xbf) {
		p->pos = p->origin = 3;
		p->at_off = 3;   /* the mark takes no column */
	}
}

int
json_parse(struct jval **out, const char *buf, size_t len,
	   struct json_error *err)
{
	struct jp p;
	struct jval *v;

	*out = NULL;
	jp_init(&p, buf, len, err);
	if (parse_value(&p, &v))
		return DK_EINVALID;
	if (p.pos < p.len) {
		jval_free(v);
		return unexpected(&p, "end of input after the value");
	}
	*out = v;
	return 0;
}

int
json_parse_stream(struct jval ***out_vals, size_t *out_n, const char *buf,
		  size_t len, struct json_error *err)
{
	struct jp p;
	struct jval **vals = NULL, *v;
	size_t n = 0, alloc = 0;

	*out_vals = NULL;
	*out_n = 0;
	jp_init(&p, buf, len, err);
	skip_ws(&p);
	while (p.pos < p.len) {
		if (n && !is_ws(p.s[p.pos - 1])) {
			json_free_stream(vals, n);
			return unexpected(&p, "whitespace between values");
		}
		if (parse_value(&p, &v)) {
			json_free_stream(vals, n);
			return DK_EINVALID;
		}
		vals = xgrow(vals, &alloc, n + 1, sizeof(*vals));
		vals[n++] = v;
	}
	*out_vals = vals;
	*out_n = n;
	return 0;
}

void
jval_free(struct jval *v)
{
	if (!v)
		return;
	for (size_t i = 0; i < v->n; i++) {
		if (v->keys)
			free(v->keys[i]);
		jval_free(v->items[i]);
	}
	free(v->keys);
	free(v->key_lens);
	free(v->items);
	free(v->str);
	free(v);
}

void
json_free_stream(struct jval **vals, size_t n)
{
	for (size_t i = 0; i < n; i++)
		jval_free(vals[i]);
	free(vals);
}

struct jval *
jval_getn(const struct jval *obj, const char *key, size_t len)
{
	if (!obj || obj->type != JOBJ)
		return NULL;
	for (size_t i = obj->n; i-- > 0;)
		if (obj->key_lens[i] == len && !memcmp(obj->keys[i], key, len))
			return obj->items[i];
	return NULL;
}

struct jval *
jval_get(const struct jval *obj, const char *key)
{
	return jval_getn(obj, key, strlen(key));
}

const char *
jval_str(const struct jval *v)
{
	return v && v->type == JSTR ? v->str : NULL;
}

const char *
jtype_name(enum jtype t)
{
	switch (t) {
	case JNULL: return "null";
	case JBOOL: return "boolean";
	case JNUM: return "number";
	case JSTR: return "string";
	case JARR: return "array";
	case JOBJ: return "object";
	}
	return "?";
}
