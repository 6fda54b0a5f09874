/*
 * The one YAML scalar writer (core/yaml_scalar.h) seen from both paths
 * that write front matter: `set`/`new` (core/edit.c) and `import`
 * (formats/import_write.c).  For each tricky value both must write the
 * same bytes, and those bytes must read back as the same string.
 *
 * Before the writers were one, 4 of the first 11 values came out
 * differently: `set` wrote 1:20, U+2028 and U+FFFE bare (a YAML 1.1
 * reader takes 1:20 for 80, U+2028 for a line break, and libyaml
 * rejects a bare U+FFFE), and `import` wrote a date bare (a date for
 * YAML 1.1 readers).  The quoting that reads back identically won: all
 * four are quoted now.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/config.h"
#include "core/edit.h"
#include "core/fm.h"
#include "core/xalloc.h"
#include "core/yaml_scalar.h"
#include "core/ynode.h"
#include "formats/import.h"

static const struct {
	const char *value;
	const char *want;          /* the bytes both write */
} cases[] = {
	/* the 11 tricky values */
	{ "yes", "\"yes\"" },
	{ "on", "\"on\"" },
	{ "null", "\"null\"" },
	{ "012", "\"012\"" },
	{ "1:20", "\"1:20\"" },
	{ "3.0", "\"3.0\"" },
	{ "-x", "\"-x\"" },
	{ "a: b", "\"a: b\"" },
	{ "a #b", "\"a #b\"" },
	{ "line \xe2\x80\xa8 sep", "\"line \\u2028 sep\"" },
	{ "non \xef\xbf\xbe char", "\"non \\uFFFE char\"" },
	/* more that must be quoted */
	{ "2026-11-24", "\"2026-11-24\"" },
	{ "", "\"\"" },
	{ " lead", "\" lead\"" },
	{ "trail ", "\"trail \"" },
	{ "--- doc", "\"--- doc\"" },
	{ "tab\there", "\"tab\\there\"" },
	{ "c1 \xc2\x85", "\"c1 \\x85\"" },
	{ "bom \xef\xbb\xbf", "\"bom \\uFEFF\"" },
	{ "say \"hi\" \\ bye: now", "\"say \\\"hi\\\" \\\\ bye: now\"" },
	{ "key:", "\"key:\"" },
	{ "1e3", "\"1e3\"" },
	{ "0x1F", "\"0x1F\"" },
	{ "1_000", "\"1_000\"" },
	{ "-1.5", "\"-1.5\"" },
	{ "2026-1-5", "\"2026-1-5\"" },
	{ "2026-11-24 10:15", "\"2026-11-24 10:15\"" },
	/* and what stays plain */
	{ "Short video teaser", "Short video teaser" },
	{ "a:b", "a:b" },
	{ "C#", "C#" },
	{ "Café au lait", "Café au lait" },
	{ "中文标题", "中文标题" },
	{ "50 qualified leads", "50 qualified leads" },
	{ "100% organic", "100% organic" },
	{ "2026-12b", "2026-12b" },
	{ "e-mail", "e-mail" },
	{ "v1.2 launch", "v1.2 launch" },
	{ "3 posts", "3 posts" },
};

/* The value of key `title` as `set` writes it into a file. */
static char *
via_set(const char *value)
{
	static const char file[] = "---\nid: MKT-1\n---\n";
	struct sbuf out = SBUF_INIT;
	struct diag_list d = DIAG_LIST_INIT;
	char *line, *end, *v;

	assert_int_equal(edit_set(&out, file, strlen(file), "MKT-1.md", "title",
				  value, EDIT_STRING, &d), 0);
	line = strstr(out.buf, "\ntitle: ");
	assert_non_null(line);
	line += strlen("\ntitle: ");
	end = strchr(line, '\n');
	v = xstrndup(line, (size_t)(end - line));
	sbuf_release(&out);
	diag_list_release(&d);
	return v;
}

/* The value of `title` as `import` writes it. */
static char *
via_import(const char *value)
{
	struct import_list l;
	struct import_item *it;
	struct config c;
	struct sbuf out = SBUF_INIT;
	char *line, *end, *v;

	config_init(&c);
	import_list_init(&l, IMPORT_CSV);
	it = import_list_add(&l, "x.csv", 2);
	it->id = import_list_str(&l, "MKT-1");
	it->status = import_list_name(&l, "idea"); /* as import_apply sets it */
	ifields_set_str(&it->x->out, "title", value);
	import_render_item(&out, it, &c, IMPORT_CSV);
	line = strstr(out.buf, "\ntitle: ");
	assert_non_null(line);
	line += strlen("\ntitle: ");
	end = strchr(line, '\n');
	v = xstrndup(line, (size_t)(end - line));
	sbuf_release(&out);
	import_list_release(&l);
	config_release(&c);
	return v;
}

static void
reads_back(const char *written, const char *value)
{
	struct sbuf doc = SBUF_INIT;
	struct ynode *root = NULL;
	const struct ynode *v;

	sbuf_addf(&doc, "title: %s\n", written);
	assert_int_equal(ynode_parse(&root, doc.buf, doc.len, NULL, NULL), 0);
	v = ynode_get(root, "title");
	assert_non_null(v);
	assert_int_equal(ynode_kind(v), YKIND_STR);
	assert_int_equal(v->len, strlen(value));
	assert_memory_equal(v->text, value, v->len);
	ynode_free(root);
	sbuf_release(&doc);
}

static void
test_both_paths_write_the_same(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *s = via_set(cases[i].value), *m = via_import(cases[i].value);

		if (strcmp(s, cases[i].want) || strcmp(m, cases[i].want))
			print_error("'%s': set wrote %s, import wrote %s, want %s\n",
				    cases[i].value, s, m, cases[i].want);
		assert_string_equal(s, cases[i].want);
		assert_string_equal(m, cases[i].want);
		reads_back(s, cases[i].value);
		free(s);
		free(m);
	}
}

static void
test_single_quotes_kept_when_possible(void **state)
{
	struct sbuf sb = SBUF_INIT;

	(void)state;
	yaml_scalar_str(&sb, "It's new", 8, 0, YSTYLE_SINGLE);
	assert_string_equal(sb.buf, "'It''s new'");
	sbuf_reset(&sb);
	/* a control character needs an escape: double quotes */
	yaml_scalar_str(&sb, "a\tb", 3, 0, YSTYLE_SINGLE);
	assert_string_equal(sb.buf, "\"a\\tb\"");
	sbuf_reset(&sb);
	yaml_scalar_str(&sb, "plain", 5, 0, YSTYLE_DOUBLE);
	assert_string_equal(sb.buf, "\"plain\"");
	sbuf_reset(&sb);
	/* invalid UTF-8 never reaches a file raw */
	yaml_scalar_str(&sb, "x\xff", 2, 0, YSTYLE_PLAIN);
	assert_string_equal(sb.buf, "\"x\\uFFFD\"");
	sbuf_release(&sb);
}

static void
test_flow_lists(void **state)
{
	const char *v[] = { "a, b", "c]", "a:b", "plain" };
	struct sbuf sb = SBUF_INIT;

	(void)state;
	yaml_scalar_list(&sb, v, 4);
	assert_string_equal(sb.buf, "[\"a, b\", \"c]\", \"a:b\", plain]");
	sbuf_release(&sb);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_both_paths_write_the_same),
		cmocka_unit_test(test_single_quotes_kept_when_possible),
		cmocka_unit_test(test_flow_lists),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
