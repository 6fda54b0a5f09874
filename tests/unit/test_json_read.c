/*
 * Unit tests for formats/json_read: valid documents, every kind of
 * invalid input with its position, escapes and surrogates, UTF-8
 * checking, depth limit, streams and lookups.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/diag.h"
#include "core/sbuf.h"
#include "core/xalloc.h"
#include "formats/json_read.h"

static struct jval *
parse_ok(const char *s)
{
	struct jval *v = NULL;
	struct json_error err;
	int rc = json_parse(&v, s, strlen(s), &err);

	if (rc)
		print_error("unexpected error for '%s': %d:%d: %s\n", s,
			    err.line, err.col, err.message);
	assert_int_equal(rc, 0);
	assert_non_null(v);
	return v;
}

/* Expect a parse error at line:col whose message contains want. */
static void
parse_bad_n(const char *s, size_t len, int line, int col, const char *want)
{
	struct jval *v = (struct jval *)1;
	struct json_error err;
	int rc = json_parse(&v, s, len, &err);

	if (rc == 0) {
		print_error("accepted invalid input '%s'\n", s);
		jval_free(v);
		fail();
	}
	assert_int_equal(rc, DK_EINVALID);
	assert_null(v);
	if (err.line != line || err.col != col || !strstr(err.message, want))
		print_error("input '%s': got %d:%d: %s; wanted %d:%d: ...%s...\n",
			    s, err.line, err.col, err.message, line, col, want);
	assert_int_equal(err.line, line);
	assert_int_equal(err.col, col);
	assert_non_null(strstr(err.message, want));
}

static void
parse_bad(const char *s, int line, int col, const char *want)
{
	parse_bad_n(s, strlen(s), line, col, want);
}

static void
test_scalars(void **state)
{
	struct jval *v;

	(void)state;
	v = parse_ok("null");
	assert_int_equal(v->type, JNULL);
	jval_free(v);
	v = parse_ok(" true ");
	assert_int_equal(v->type, JBOOL);
	assert_int_equal(v->b, 1);
	jval_free(v);
	v = parse_ok("\n\tfalse\r\n");
	assert_int_equal(v->type, JBOOL);
	assert_int_equal(v->b, 0);
	assert_int_equal(v->line, 2);
	assert_int_equal(v->col, 2);
	jval_free(v);
	v = parse_ok("\"\"");
	assert_int_equal(v->type, JSTR);
	assert_int_equal(v->len, 0);
	assert_string_equal(v->str, "");
	jval_free(v);
	v = parse_ok("\"h\xc3\xa9llo \xe4\xb8\xad \xf0\x9f\x98\x80\"");
	assert_string_equal(v->str, "h\xc3\xa9llo \xe4\xb8\xad \xf0\x9f\x98\x80");
	jval_free(v);
}

static void
test_numbers(void **state)
{
	static const struct { const char *in; double want; } ok[] = {
		{ "0", 0 }, { "-0", 0 }, { "7", 7 }, { "-12", -12 },
		{ "3.25", 3.25 }, { "-0.5", -0.5 }, { "1e3", 1000 },
		{ "1E+2", 100 }, { "25e-2", 0.25 }, { "0.0e0", 0 },
		{ "9007199254740993", 9007199254740992.0 },
		{ "1e-400", 0 }, { "1.7976931348623157e308", 1.7976931348623157e308 },
	};
	struct jval *v;

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(ok); i++) {
		v = parse_ok(ok[i].in);
		assert_int_equal(v->type, JNUM);
		assert_true(v->num == ok[i].want);
		/* the source text is kept */
		assert_string_equal(v->str, ok[i].in);
		jval_free(v);
	}
	/* a decimal comma locale must not change anything */
	if (setlocale(LC_NUMERIC, "de_DE.UTF-8") ||
	    setlocale(LC_NUMERIC, "fr_FR.UTF-8")) {
		v = parse_ok("2.5");
		assert_true(v->num == 2.5);
		jval_free(v);
		setlocale(LC_NUMERIC, "C");
	}
	parse_bad("01", 1, 1, "leading zero");
	parse_bad("-01", 1, 2, "leading zero");
	parse_bad("-", 1, 2, "expected a digit, found end of input");
	parse_bad("- 1", 1, 2, "expected a digit, found a space");
	parse_bad("1.", 1, 3, "digit after '.'");
	parse_bad("1.e5", 1, 3, "digit after '.'");
	parse_bad(".5", 1, 1, "expected a value, found '.'");
	parse_bad("+1", 1, 1, "expected a value, found '+'");
	parse_bad("1e", 1, 3, "exponent");
	parse_bad("1e+", 1, 4, "exponent");
	parse_bad("0x10", 1, 2, "expected end of input");
	parse_bad("1e400", 1, 1, "out of range");
	parse_bad("-1e400", 1, 1, "out of range");
	parse_bad("NaN", 1, 1, "expected a value, found 'N'");
	parse_bad("Infinity", 1, 1, "expected a value");
	parse_bad("[1 2]", 1, 4, "expected ',' or ']', found '2'");
}

static void
test_literals(void **state)
{
	(void)state;
	parse_bad("nul", 1, 1, "invalid literal (expected 'null')");
	parse_bad("True", 1, 1, "expected a value, found 'T'");
	parse_bad("truex", 1, 1, "invalid literal");
	parse_bad("nullnull", 1, 1, "invalid literal");
	parse_bad("[fals]", 1, 2, "expected 'false'");
	parse_bad("true false", 1, 6, "expected end of input");
	parse_bad("undefined", 1, 1, "expected a value, found 'u'");
}

static void
test_containers(void **state)
{
	struct jval *v, *w;

	(void)state;
	v = parse_ok("[]");
	assert_int_equal(v->type, JARR);
	assert_int_equal(v->n, 0);
	jval_free(v);
	v = parse_ok("{ }");
	assert_int_equal(v->type, JOBJ);
	assert_int_equal(v->n, 0);
	jval_free(v);
	v = parse_ok("{\"a\": [1, \"two\", {\"b\": null}, [], true],\n"
		     " \"c\" : {\"d\": -1.5},\n"
		     " \"a\": \"again\"}");
	assert_int_equal(v->n, 3);
	assert_string_equal(v->keys[0], "a");
	assert_string_equal(v->keys[1], "c");
	w = v->items[0];
	assert_int_equal(w->type, JARR);
	assert_int_equal(w->n, 5);
	assert_int_equal(w->items[0]->num, 1);
	assert_string_equal(w->items[1]->str, "two");
	assert_int_equal(w->items[1]->line, 1);
	assert_int_equal(w->items[1]->col, 11);
	assert_int_equal(jval_get(w->items[2], "b")->type, JNULL);
	assert_int_equal(w->items[3]->n, 0);
	assert_int_equal(w->items[4]->b, 1);
	/* the last of a repeated key wins */
	assert_string_equal(jval_str(jval_get(v, "a")), "again");
	assert_true(jval_get(jval_get(v, "c"), "d")->num == -1.5);
	assert_int_equal(jval_get(v, "c")->line, 2);
	assert_int_equal(jval_get(v, "c")->col, 8);
	assert_null(jval_get(v, "missing"));
	assert_null(jval_get(w, "a"));
	assert_null(jval_get(NULL, "a"));
	assert_null(jval_str(w));
	jval_free(v);

	/* many members (growth of the parallel arrays) */
	{
		struct sbuf sb = SBUF_INIT;
		char key[16];

		sbuf_addc(&sb, '{');
		for (int i = 0; i < 1000; i++)
			sbuf_addf(&sb, "%s\"k%d\":%d", i ? "," : "", i, i);
		sbuf_addc(&sb, '}');
		v = parse_ok(sb.buf);
		assert_int_equal(v->n, 1000);
		for (int i = 0; i < 1000; i += 37) {
			snprintf(key, sizeof(key), "k%d", i);
			assert_int_equal(jval_get(v, key)->num, i);
		}
		jval_free(v);
		sbuf_release(&sb);
	}

	parse_bad("[1,]", 1, 4, "expected a value, found ']'");
	parse_bad("[,1]", 1, 2, "expected a value, found ','");
	parse_bad("{\"a\":1,}", 1, 8, "expected a string key, found '}'");
	parse_bad("{,}", 1, 2, "string key or '}'");
	parse_bad("{'a':1}", 1, 2, "found '''");
	parse_bad("{a:1}", 1, 2, "expected a string key or '}', found 'a'");
	parse_bad("{\"a\" 1}", 1, 6, "expected ':', found '1'");
	parse_bad("{\"a\":}", 1, 6, "expected a value, found '}'");
	parse_bad("{\"a\":1", 1, 7, "expected ',' or '}', found end of input");
	parse_bad("[1, 2", 1, 6, "expected ',' or ']', found end of input");
	parse_bad("{\"a\":1]", 1, 7, "found ']'");
	parse_bad("[1}", 1, 3, "found '}'");
	parse_bad("{\n  \"a\": 1,\n  \"b\" 2\n}", 3, 7, "expected ':'");
	parse_bad("[1] /* c */", 1, 5, "expected end of input after the "
		  "value, found '/'");
	parse_bad("[1] // c", 1, 5, "found '/'");
	parse_bad("", 1, 1, "expected a value, found end of input");
	parse_bad(" \n ", 2, 2, "found end of input");
	parse_bad("[1]\n[2]", 2, 1, "expected end of input");
	parse_bad("\x0b" "1", 1, 1, "control character 0x0b");
	parse_bad("\xc2\xa0" "1", 1, 1, "a non-ASCII character");
}

static void
test_strings(void **state)
{
	struct jval *v;

	(void)state;
	v = parse_ok("\"a\\\"b\\\\c\\/d\\be\\ff\\ng\\rh\\ti\"");
	assert_string_equal(v->str, "a\"b\\c/d\be\ff\ng\rh\ti");
	jval_free(v);
	v = parse_ok("\"\\u0041\\u00e9\\u4E2D\\uFFFF\"");
	assert_string_equal(v->str, "A\xc3\xa9\xe4\xb8\xad\xef\xbf\xbf");
	jval_free(v);
	/* surrogate pair: U+1F600 and U+10FFFF */
	v = parse_ok("\"\\uD83D\\uDE00|\\udbff\\udfff\"");
	assert_string_equal(v->str, "\xf0\x9f\x98\x80|\xf4\x8f\xbf\xbf");
	jval_free(v);
	/* \u0000 is kept, with the length telling */
	v = parse_ok("\"a\\u0000b\"");
	assert_int_equal(v->len, 3);
	assert_memory_equal(v->str, "a\0b", 4);
	jval_free(v);
	/* the same in a key */
	v = parse_ok("{\"k\\u0000x\": 1, \"k\": 2}");
	assert_int_equal(v->key_lens[0], 3);
	assert_int_equal(jval_getn(v, "k\0x", 3)->num, 1);
	assert_int_equal(jval_get(v, "k")->num, 2);
	jval_free(v);

	parse_bad("\"abc", 1, 5, "unterminated string");
	parse_bad("\"abc\\", 1, 5, "unterminated string");
	parse_bad("\"a\\x41\"", 1, 3, "invalid escape '\\x'");
	parse_bad("\"a\\'\"", 1, 3, "invalid escape");
	parse_bad("\"\\u12\"", 1, 2, "4 hex digits");
	parse_bad("\"\\u12G4\"", 1, 2, "4 hex digits");
	parse_bad("\"\\u123", 1, 2, "4 hex digits");
	parse_bad("\"x\\uD800\"", 1, 3, "unpaired surrogate \\uD800");
	parse_bad("\"x\\uD800\\u0041\"", 1, 3, "unpaired surrogate");
	parse_bad("\"x\\uD800\\n\"", 1, 3, "unpaired surrogate");
	parse_bad("\"\\uDC00\\uD800\"", 1, 2, "unpaired surrogate \\uDC00");
	parse_bad("\"tab\there\"", 1, 5, "unescaped control character 0x09");
	parse_bad("\"line\nbreak\"", 1, 6, "unescaped control character 0x0a");
	parse_bad_n("\"nul\0\"", 6, 1, 5, "control character 0x00");
	/* DEL is allowed raw by RFC 8259 */
	v = parse_ok("\"\x7f\"");
	assert_string_equal(v->str, "\x7f");
	jval_free(v);
}

static void
test_utf8(void **state)
{
	struct jval *v;

	(void)state;
	/* the column counts characters: é is one column */
	parse_bad("[\"\xc3\xa9\xc3\xa9\", x]", 1, 8, "found 'x'");
	parse_bad("\"\xff\"", 1, 2, "invalid UTF-8 byte 0xff");
	parse_bad("\"\xc3\"", 1, 2, "invalid UTF-8 byte 0xc3");
	parse_bad("\"\xc0\xaf\"", 1, 2, "invalid UTF-8");          /* overlong */
	parse_bad("\"\xe0\x80\xaf\"", 1, 2, "invalid UTF-8");      /* overlong */
	parse_bad("\"\xed\xa0\x80\"", 1, 2, "invalid UTF-8");      /* surrogate */
	parse_bad("\"\xf4\x90\x80\x80\"", 1, 2, "invalid UTF-8");  /* > U+10FFFF */
	parse_bad("\"\xe4\xb8\"", 1, 2, "invalid UTF-8");          /* truncated */
	parse_bad("\xff", 1, 1, "invalid UTF-8 byte 0xff");
	/* a leading byte-order mark is skipped and does not shift columns */
	v = parse_ok("\xef\xbb\xbf{\"a\":1}");
	assert_int_equal(v->col, 1);
	jval_free(v);
	parse_bad("\xef\xbb\xbf{x}", 1, 2, "found 'x'");
	parse_bad("[1,\xef\xbb\xbf 2]", 1, 4, "a non-ASCII character");
}

static void
nested(struct sbuf *sb, int depth, char open, char close)
{
	sbuf_reset(sb);
	for (int i = 0; i < depth; i++) {
		if (open == '{')
			sbuf_adds(sb, "{\"k\":");
		else
			sbuf_addc(sb, open);
	}
	sbuf_adds(sb, "0");
	for (int i = 0; i < depth; i++)
		sbuf_addc(sb, close);
}

static void
test_depth(void **state)
{
	struct sbuf sb = SBUF_INIT;
	struct jval *v, *w;
	struct json_error err;

	(void)state;
	nested(&sb, JSON_MAX_DEPTH, '[', ']');
	v = parse_ok(sb.buf);
	w = v;
	for (int i = 1; i < JSON_MAX_DEPTH; i++)
		w = w->items[0];
	assert_int_equal(w->items[0]->type, JNUM);
	jval_free(v);

	nested(&sb, JSON_MAX_DEPTH + 1, '[', ']');
	parse_bad(sb.buf, 1, JSON_MAX_DEPTH + 1, "nesting deeper than 512");

	nested(&sb, JSON_MAX_DEPTH, '{', '}');
	v = parse_ok(sb.buf);
	jval_free(v);
	nested(&sb, JSON_MAX_DEPTH + 1, '{', '}');
	parse_bad(sb.buf, 1, 5 * JSON_MAX_DEPTH + 1, "nesting deeper");

	/* far deeper than the stack could take without the limit */
	nested(&sb, 1000000, '[', ']');
	assert_int_equal(json_parse(&v, sb.buf, sb.len, &err), DK_EINVALID);
	assert_null(v);
	assert_int_equal(err.col, JSON_MAX_DEPTH + 1);
	/* and unterminated */
	sbuf_setlen(&sb, 1000000);
	assert_int_equal(json_parse(&v, sb.buf, sb.len, NULL), DK_EINVALID);
	sbuf_release(&sb);
}

static void
test_stream(void **state)
{
	struct jval **vals;
	size_t n;
	struct json_error err;
	const char *s;

	(void)state;
	s = "{\"a\": 1}\n[2, 3]\n\"four\" 5 null\n";
	assert_int_equal(json_parse_stream(&vals, &n, s, strlen(s), &err), 0);
	assert_int_equal(n, 5);
	assert_int_equal(vals[0]->type, JOBJ);
	assert_int_equal(vals[1]->type, JARR);
	assert_int_equal(vals[1]->line, 2);
	assert_string_equal(vals[2]->str, "four");
	assert_true(vals[3]->num == 5);
	assert_int_equal(vals[3]->line, 3);
	assert_int_equal(vals[3]->col, 8);
	assert_int_equal(vals[4]->type, JNULL);
	json_free_stream(vals, n);

	/* empty streams */
	assert_int_equal(json_parse_stream(&vals, &n, "", 0, &err), 0);
	assert_int_equal(n, 0);
	assert_null(vals);
	assert_int_equal(json_parse_stream(&vals, &n, " \n\n", 3, &err), 0);
	assert_int_equal(n, 0);

	/* values must be separated by whitespace */
	s = "{}{}";
	assert_int_equal(json_parse_stream(&vals, &n, s, strlen(s), &err),
			 DK_EINVALID);
	assert_null(vals);
	assert_int_equal(n, 0);
	assert_int_equal(err.col, 3);
	assert_non_null(strstr(err.message, "whitespace between values"));

	/* an error in a later value gives its position */
	s = "1\n2\n[3,,]\n";
	assert_int_equal(json_parse_stream(&vals, &n, s, strlen(s), &err),
			 DK_EINVALID);
	assert_int_equal(err.line, 3);
	assert_int_equal(err.col, 4);
	assert_int_equal(err.offset, 7);
}

static void
test_names(void **state)
{
	(void)state;
	assert_string_equal(jtype_name(JNULL), "null");
	assert_string_equal(jtype_name(JOBJ), "object");
	assert_string_equal(jtype_name(JARR), "array");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_scalars),
		cmocka_unit_test(test_numbers),
		cmocka_unit_test(test_literals),
		cmocka_unit_test(test_containers),
		cmocka_unit_test(test_strings),
		cmocka_unit_test(test_utf8),
		cmocka_unit_test(test_depth),
		cmocka_unit_test(test_stream),
		cmocka_unit_test(test_names),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
