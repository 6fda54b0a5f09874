/*
 * Unit tests for hostile input (docs/robustness.md) below the command line: alias
 * bombs and recursive aliases, nesting far past the limit (no stack
 * overflow), NUL bytes, invalid UTF-8 and UTF-16, oversized files, path-
 * shaped ids, terminal escapes, and messages that quote huge values.
 * Every rejection carries a line and column.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/diag.h"
#include "core/fm.h"
#include "core/item.h"
#include "core/sbuf.h"
#include "core/text.h"
#include "core/utf8.h"
#include "core/xalloc.h"
#include "core/ynode.h"

/* Parse text; it must fail at line, col with a message containing what. */
static void
expect_yaml_error(const char *text, size_t len, int line, int col,
		  const char *what)
{
	struct ynode_opts o = YNODE_OPTS_INIT;
	struct diag_list errs = DIAG_LIST_INIT;
	const struct diag *err;
	struct ynode *root = NULL;

	assert_int_equal(ynode_parse(&root, text, len, &o, &errs), DK_EINVALID);
	assert_null(root);
	assert_int_equal(errs.n, 1);
	err = &errs.v[0];
	if (!strstr(err->message, what) || err->line != line || err->column != col)
		print_error("got %d:%d: %s\n", err->line, err->column, err->message);
	assert_non_null(strstr(err->message, what));
	assert_int_equal(err->line, line);
	assert_int_equal(err->column, col);
	assert_int_equal(err->code, DK_EINVALID);
	diag_list_release(&errs);
}

static void
test_billion_laughs(void **state)
{
	struct sbuf sb = SBUF_INIT;

	(void)state;
	sbuf_adds(&sb, "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
	for (int i = 1; i < 12; i++) {
		sbuf_addf(&sb, "a%d: &a%d [", i, i);
		for (int k = 0; k < 10; k++)
			sbuf_addf(&sb, "%s*a%d", k ? ", " : "", i - 1);
		sbuf_adds(&sb, "]\n");
	}
	/* a3 would be the 11,111th node: refused at that alias */
	expect_yaml_error(sb.buf, sb.len, 4, 45, "aliases expand to more than 10000 nodes");
	sbuf_release(&sb);

	/* many aliases of one large anchor: the budget is over all of them */
	sbuf_adds(&sb, "base: &b [");
	for (int i = 0; i < 5000; i++)
		sbuf_adds(&sb, i ? ",x" : "x");
	sbuf_adds(&sb, "]\nrefs: [*b, *b, *b]\n");
	expect_yaml_error(sb.buf, sb.len, 2, 12, "aliases expand");
	sbuf_release(&sb);
}

static void
test_recursive_alias(void **state)
{
	static const char t[] = "a: &a [x, *a]\n";

	(void)state;
	expect_yaml_error(t, sizeof(t) - 1, 1, 11, "recursive alias");
}

static void
test_deep_nesting(void **state)
{
	size_t n = 200000;
	char *flow = xmalloc(2 * n + 8);
	struct sbuf sb = SBUF_INIT;

	(void)state;
	/* flow: [[[[...]]]] 200,000 deep */
	memcpy(flow, "x: ", 3);
	memset(flow + 3, '[', n);
	memset(flow + 3 + n, ']', n);
	expect_yaml_error(flow, 3 + 2 * n, 1, 67, "nesting deeper than 64 levels");
	/* and without a mapping around it */
	memset(flow, '{', n);
	memset(flow + n, '}', n);
	expect_yaml_error(flow, 2 * n, 1, 65, "nesting deeper than 64 levels");
	free(flow);
	/* block: "- - - - ... y" on one line, 20,000 deep */
	for (int i = 0; i < 20000; i++)
		sbuf_adds(&sb, "- ");
	sbuf_adds(&sb, "y\n");
	expect_yaml_error(sb.buf, sb.len, 1, 129, "nesting deeper than 64 levels");
	sbuf_release(&sb);
	/* block mappings by indentation */
	for (int i = 0; i < 500; i++)
		sbuf_addf(&sb, "%*sk:\n", i, "");
	sbuf_adds(&sb, "v\n");
	expect_yaml_error(sb.buf, sb.len, 65, 65, "nesting deeper than 64 levels");
	sbuf_release(&sb);
}

static void
test_nesting_at_the_limit(void **state)
{
	struct ynode_opts o = YNODE_OPTS_INIT;
	struct diag_list err = DIAG_LIST_INIT;
	struct ynode *root = NULL;
	char buf[200];

	(void)state;
	/* 64 levels are allowed, the 65th is not */
	memset(buf, '[', 64);
	memset(buf + 64, ']', 64);
	assert_int_equal(ynode_parse(&root, buf, 128, &o, &err), 0);
	assert_int_equal(err.n, 0);
	assert_non_null(root);
	ynode_free(root);
	memset(buf, '[', 65);
	memset(buf + 65, ']', 65);
	expect_yaml_error(buf, 130, 1, 65, "nesting deeper than 64 levels");
}

/* fm_parse must fail with one syntax diag at line:col containing what. */
static void
expect_fm_error(const char *text, size_t len, size_t max, int line, int col,
		const char *what)
{
	struct fm_opts o = FM_OPTS_INIT;
	struct diag_list d = DIAG_LIST_INIT;
	struct fm fm;

	if (max)
		o.max_size = max;
	assert_int_equal(fm_parse(&fm, text, len, &o, "backlog/X-1.md", &d), DK_EINVALID);
	assert_int_equal(d.n, 1);
	if (!strstr(d.v[0].message, what) || d.v[0].line != line ||
	    d.v[0].column != col)
		print_error("got %d:%d: %s\n", d.v[0].line, d.v[0].column, d.v[0].message);
	assert_string_equal(d.v[0].file, "backlog/X-1.md");
	assert_string_equal(d.v[0].rule, "syntax");
	assert_int_equal(d.v[0].line, line);
	assert_int_equal(d.v[0].column, col);
	assert_non_null(strstr(d.v[0].message, what));
	diag_list_release(&d);
	fm_release(&fm);
}

#define T(lit) (lit), (sizeof(lit) - 1)

static void
test_bad_bytes(void **state)
{
	(void)state;
	expect_fm_error(T("---\nid: X-1\ntitle: a\0b\n---\n"), 0, 3, 9,
			"control characters are not allowed (byte 0x00)");
	expect_fm_error(T("---\nid: X-1\ntitle: \xff\n---\n"), 0, 3, 8, "invalid UTF-8");
	/* an overlong form and a surrogate are not UTF-8 either */
	expect_fm_error(T("---\nid: X-1\n---\n\xc0\xaf"), 0, 4, 1, "invalid UTF-8");
	expect_fm_error(T("---\nid: X-1\n---\nab\xed\xa0\x80"), 0, 4, 3, "invalid UTF-8");
	expect_fm_error(T("\xff\xfe-\0-\0-\0\n\0"), 0, 1, 1, "UTF-16");
	expect_fm_error(T("---\nid: X-1\n---\n0123456789"), 16, 1, 1,
			"over the limit of 16 bytes");
	/* raw C0 controls other than tab and line breaks */
	expect_fm_error(T("---\nid: X-1\ntitle: a\x1b[31m\n---\n"), 0, 3, 9,
			"control characters are not allowed (byte 0x1b)");
}

static void
test_nul_in_body_is_kept(void **state)
{
	static const char t[] = "---\nid: X-1\ntitle: \"a\\0b\"\n---\nbody \0 x\n";
	struct fm_opts o = FM_OPTS_INIT;
	struct item *it = item_new("backlog/X-1.md", xmemdup0(t, sizeof(t) - 1),
				   sizeof(t) - 1, &o);
	const struct ynode *title;

	(void)state;
	assert_true(it->parsed);
	title = item_get(it, "title");
	/* the scalar keeps its NUL: its length says so */
	assert_int_equal(title->len, 3);
	assert_memory_equal(title->text, "a\0b", 3);
	assert_int_equal(ynode_kind(title), YKIND_STR);
	assert_int_equal(it->len - it->fm.body_off, 9);
	item_free(it);
}

static void
test_path_shaped_ids(void **state)
{
	static const char *const bad[] = {
		"../../etc/passwd", "MKT-1/../x", "/etc/passwd", "MKT-1/", "..",
		".", "", "MKT-1.md", "MKT-1 ", " MKT-1", "MKT-1\n", "MKT-1\\x",
		"MKT-01", "MKT-", "-1", "MKT-1-2", "MK\xc3\x89-1", "MKT-1\x1b",
		"MKT-99999999999999999999",
		"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA-1",
	};

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
		if (item_id_valid(bad[i]))
			print_error("accepted '%s'\n", bad[i]);
		assert_false(item_id_valid(bad[i]));
	}
	assert_true(item_id_valid("MKT-1"));
	assert_true(item_id_valid("A_2-10"));
	/* a file name never yields a path-shaped id either */
	assert_null(item_id_from_filename("..-1.md"));
	assert_null(item_id_from_filename("MKT-1/x.md"));
}

static void
test_escape_osc8(void **state)
{
	static const char s[] = "\x1b]8;;https://e.example/\x07link\x1b]8;;\x07 \xc2\x85\xe2\x81\xa6";
	struct sbuf sb = SBUF_INIT;

	(void)state;
	text_escape_term(&sb, s, sizeof(s) - 1);
	assert_string_equal(sb.buf,
		"\\x1b]8;;https://e.example/\\x07link\\x1b]8;;\\x07 \\u{85}\\u{2066}");
	assert_true(text_is_term_safe(sb.buf, sb.len));
	sbuf_release(&sb);
}

static void
test_long_messages_are_bounded(void **state)
{
	struct diag_list d = DIAG_LIST_INIT;
	size_t n = 10 * 1000 * 1000;
	char *big = xmalloc(n + 1);
	const char *m;

	(void)state;
	/* three-byte characters, so any cut could land inside one */
	for (size_t i = 0; i + 3 <= n; i += 3)
		memcpy(big + i, "\xe2\x82\xac", 3);
	big[n - n % 3] = '\0';
	diag_add(&d, SEV_ERROR, "order-unknown", "backlog/ORDER", 2, 1,
		 "ORDER lists %s, which is no item: remove the line", big);
	m = d.v[0].message;
	assert_true(strlen(m) <= DIAG_MAX_MESSAGE + 8);
	assert_true(utf8_valid(m, strlen(m)));
	assert_memory_equal(m, "ORDER lists \xe2\x82\xac", 15);
	assert_non_null(strstr(m, " \xe2\x80\xa6 "));
	/* the advice at the end survives */
	assert_non_null(strstr(m, ", which is no item: remove the line"));
	/* short messages are untouched */
	diag_add(&d, SEV_ERROR, "x", "f", 1, 1, "short %s", "one");
	assert_string_equal(d.v[1].message, "short one");
	diag_list_release(&d);
	free(big);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_billion_laughs),
		cmocka_unit_test(test_recursive_alias),
		cmocka_unit_test(test_deep_nesting),
		cmocka_unit_test(test_nesting_at_the_limit),
		cmocka_unit_test(test_bad_bytes),
		cmocka_unit_test(test_nul_in_body_is_kept),
		cmocka_unit_test(test_path_shaped_ids),
		cmocka_unit_test(test_escape_osc8),
		cmocka_unit_test(test_long_messages_are_bounded),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
