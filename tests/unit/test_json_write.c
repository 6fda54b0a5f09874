/*
 * Unit tests for the one JSON writer (formats/json.h): each layout the
 * outputs use, string escapes, numbers, and that jq-valid text comes
 * out for hostile input.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <string.h>

#include "formats/json.h"

#define S(s) s, sizeof(s) - 1

static void
test_inline_and_lines(void **state)
{
	struct sbuf sb = SBUF_INIT;
	struct jw w;

	(void)state;
	/* check's json: an inline object whose array has one line per item */
	jw_init(&w, &sb, 2, 0);
	jw_object(&w);
	jw_key(&w, "errors");
	jw_int(&w, 1);
	jw_key(&w, "findings");
	jw_array_lines(&w);
	jw_object(&w);
	jw_key(&w, "rule");
	jw_str(&w, "type");
	jw_key(&w, "line");
	jw_pos(&w, 0);
	jw_end(&w);
	jw_object(&w);
	jw_end(&w);
	jw_end(&w);
	jw_end(&w);
	assert_string_equal(sb.buf,
			    "{\"errors\": 1, \"findings\": [\n"
			    "  {\"rule\": \"type\", \"line\": null},\n"
			    "  {}\n"
			    "]}");
	/* empty containers stay on their line */
	sbuf_reset(&sb);
	jw_init(&w, &sb, 2, 0);
	jw_object_lines(&w);
	jw_key(&w, "a");
	jw_array_lines(&w);
	jw_end(&w);
	jw_end(&w);
	assert_string_equal(sb.buf, "{\n  \"a\": []\n}");
	sbuf_release(&sb);
}

static void
test_nested_lines_indent_by_opening_line(void **state)
{
	struct sbuf sb = SBUF_INIT;
	struct jw w;

	(void)state;
	/* SARIF's shape */
	jw_init(&w, &sb, 2, 0);
	jw_object_lines(&w);
	jw_key(&w, "runs");
	jw_array_lines(&w);
	jw_object_lines(&w);
	jw_key(&w, "rules");
	jw_array_lines(&w);
	jw_object(&w);
	jw_key(&w, "id");
	jw_str(&w, "x");
	jw_end(&w);
	jw_end(&w);
	jw_end(&w);
	jw_end(&w);
	jw_end(&w);
	assert_string_equal(sb.buf,
			    "{\n"
			    "  \"runs\": [\n"
			    "    {\n"
			    "      \"rules\": [\n"
			    "        {\"id\": \"x\"}\n"
			    "      ]\n"
			    "    }\n"
			    "  ]\n"
			    "}");
	sbuf_release(&sb);
}

static void
test_break_and_compact(void **state)
{
	struct sbuf sb = SBUF_INIT;
	struct jw w;

	(void)state;
	/* rank's and diff's shape: members broken onto lines by hand */
	jw_init(&w, &sb, 1, 0);
	jw_object(&w);
	jw_key(&w, "by");
	jw_str(&w, "wsjf");
	jw_break(&w);
	jw_key(&w, "proposal");
	jw_array_lines(&w);
	jw_int(&w, 1);
	jw_int(&w, 2);
	jw_end(&w);
	jw_break(&w);
	jw_key(&w, "unknown");
	jw_array(&w);
	jw_str(&w, "a");
	jw_str(&w, "b");
	jw_end(&w);
	jw_break(&w);
	jw_end(&w);
	assert_string_equal(sb.buf,
			    "{\"by\": \"wsjf\",\n"
			    " \"proposal\": [\n"
			    "  1,\n"
			    "  2\n"
			    " ],\n"
			    " \"unknown\": [\"a\", \"b\"]\n"
			    "}");
	/* list's objects: compact */
	sbuf_reset(&sb);
	jw_init(&w, &sb, 0, JW_COMPACT);
	jw_array_lines(&w);
	jw_raw(&w, S("{\"id\":\"MKT-1\"}"));
	jw_object(&w);
	jw_key(&w, "tags");
	jw_array(&w);
	jw_str(&w, "a");
	jw_bool(&w, 1);
	jw_null(&w);
	jw_end(&w);
	jw_end(&w);
	jw_end(&w);
	assert_string_equal(sb.buf,
			    "[\n{\"id\":\"MKT-1\"},\n{\"tags\":[\"a\",true,null]}\n]");
	sbuf_release(&sb);
}

static void
test_strings_and_numbers(void **state)
{
	struct sbuf sb = SBUF_INIT;
	struct jw w;

	(void)state;
	jw_init(&w, &sb, 0, JW_COMPACT);
	jw_array(&w);
	jw_strn(&w, S("q\"b\\\n\t\x01\x7f"));
	jw_strn(&w, S("c1 \xc2\x85 rlo \xe2\x80\xae ls \xe2\x80\xa8 bad \xff end"));
	jw_strn(&w, S("é 中"));
	jw_str(&w, NULL);
	jw_num(&w, 3);
	jw_num(&w, 0.1);
	jw_num(&w, NAN);
	jw_num(&w, INFINITY);
	jw_num(&w, -2.5);
	jw_int(&w, -7);
	jw_end(&w);
	assert_string_equal(sb.buf,
			    "[\"q\\\"b\\\\\\n\\t\\u0001\\u007f\","
			    "\"c1 \\u0085 rlo \\u202e ls \\u2028 bad \xef\xbf\xbd end\","
			    "\"é 中\",null,3,0.1,null,null,-2.5,-7]");
	sbuf_release(&sb);
}

static void
test_ynode_values(void **state)
{
	static const char doc[] = "a: [1, 2.5, true, ~, '01', x]\nb: {c: d}\n";
	struct sbuf sb = SBUF_INIT;
	struct ynode *root = NULL;
	struct jw w;

	(void)state;
	assert_int_equal(ynode_parse(&root, S(doc), NULL, NULL), 0);
	jw_init(&w, &sb, 0, JW_COMPACT);
	jw_ynode(&w, root);
	assert_string_equal(sb.buf, "{\"a\":[1,2.5,true,null,\"01\",\"x\"],\"b\":{\"c\":\"d\"}}");
	ynode_free(root);
	sbuf_release(&sb);
}

static void
test_deep_yaml_is_cut_not_crashed(void **state)
{
	struct ynode_opts o = YNODE_OPTS_INIT;
	struct sbuf doc = SBUF_INIT, sb = SBUF_INIT;
	struct ynode *root = NULL;
	struct jw w;

	(void)state;
	o.max_depth = 1000;
	for (int i = 0; i < 300; i++)
		sbuf_addc(&doc, '[');
	for (int i = 0; i < 300; i++)
		sbuf_addc(&doc, ']');
	assert_int_equal(ynode_parse(&root, doc.buf, doc.len, &o, NULL), 0);
	jw_init(&w, &sb, 0, JW_COMPACT);
	jw_ynode(&w, root);
	assert_int_equal(w.depth, 0);
	assert_non_null(strstr(sb.buf, "[null]"));
	assert_int_equal(sb.buf[0], '[');
	ynode_free(root);
	sbuf_release(&doc);
	sbuf_release(&sb);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_inline_and_lines),
		cmocka_unit_test(test_nested_lines_indent_by_opening_line),
		cmocka_unit_test(test_break_and_compact),
		cmocka_unit_test(test_strings_and_numbers),
		cmocka_unit_test(test_ynode_values),
		cmocka_unit_test(test_deep_yaml_is_cut_not_crashed),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
