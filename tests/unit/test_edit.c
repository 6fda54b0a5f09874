/*
 * Unit tests for core/edit: surgical front-matter edits.  Each test
 * states the whole expected file, so any byte changed outside the edited
 * field fails it; values are also read back through fm_parse.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "core/edit.h"
#include "core/fm.h"
#include "core/sbuf.h"

#define S(lit) (lit), (sizeof(lit) - 1)

static void
expect_set(const char *in, const char *key, const char *value,
	   enum edit_type t, const char *want)
{
	struct sbuf out = SBUF_INIT;
	struct diag_list d = DIAG_LIST_INIT;
	int rc = edit_set(&out, in, strlen(in), "x.md", key, value, t, &d);

	if (rc)
		print_error("edit_set failed: %s\n", d.n ? d.v[0].message : "?");
	assert_int_equal(rc, 0);
	if (strcmp(out.buf, want))
		print_error("got:\n%s\nwanted:\n%s\n", out.buf, want);
	assert_string_equal(out.buf, want);
	sbuf_release(&out);
	diag_list_release(&d);
}

static void
expect_remove(const char *in, const char *key, const char *want)
{
	struct sbuf out = SBUF_INIT;
	struct diag_list d = DIAG_LIST_INIT;
	int rc = edit_remove(&out, in, strlen(in), "x.md", key, &d);

	if (rc)
		print_error("edit_remove failed: %s\n", d.n ? d.v[0].message : "?");
	assert_int_equal(rc, 0);
	if (strcmp(out.buf, want))
		print_error("got:\n%s\nwanted:\n%s\n", out.buf, want);
	assert_string_equal(out.buf, want);
	sbuf_release(&out);
	diag_list_release(&d);
}

/* The value of key after parsing buf, as a kind and text. */
static void
expect_reads(const char *buf, const char *key, enum ynode_kind k, const char *text)
{
	struct fm fm;
	struct diag_list d = DIAG_LIST_INIT;
	const struct ynode *v;

	assert_int_equal(fm_parse(&fm, buf, strlen(buf), NULL, "x.md", &d), 0);
	v = ynode_get(fm.root, key);
	assert_non_null(v);
	assert_int_equal(ynode_kind(v), k);
	if (text)
		assert_string_equal(v->text, text);
	fm_release(&fm);
	diag_list_release(&d);
}

static const char base[] =
	"---\n"
	"# the item\n"
	"id: MKT-1\n"
	"title: 'Quoted title'\n"
	"effort: 3   # a guess\n"
	"\n"
	"tags: [a, b]\n"
	"---\n"
	"Body --- stays\n";

static void
test_replace_keeps_comment_and_spacing(void **state)
{
	(void)state;
	expect_set(base, "effort", "5", EDIT_NUMBER,
		   "---\n# the item\nid: MKT-1\ntitle: 'Quoted title'\n"
		   "effort: 5   # a guess\n\ntags: [a, b]\n---\nBody --- stays\n");
}

static void
test_keeps_quote_style(void **state)
{
	(void)state;
	expect_set(base, "title", "It's new", EDIT_STRING,
		   "---\n# the item\nid: MKT-1\ntitle: 'It''s new'\n"
		   "effort: 3   # a guess\n\ntags: [a, b]\n---\nBody --- stays\n");
}

static void
test_append_before_close(void **state)
{
	(void)state;
	expect_set(base, "status", "doing", EDIT_STRING,
		   "---\n# the item\nid: MKT-1\ntitle: 'Quoted title'\n"
		   "effort: 3   # a guess\n\ntags: [a, b]\nstatus: doing\n---\nBody --- stays\n");
}

static void
test_crlf_and_bom_kept(void **state)
{
	(void)state;
	expect_set("\xef\xbb\xbf---\r\nid: MKT-1\r\neffort: 3\r\n---\r\nBody\r\n",
		   "effort", "8", EDIT_NUMBER,
		   "\xef\xbb\xbf---\r\nid: MKT-1\r\neffort: 8\r\n---\r\nBody\r\n");
	expect_set("\xef\xbb\xbf---\r\nid: MKT-1\r\n---\r\nBody\r\n",
		   "mvl", "yes", EDIT_BOOL,
		   "\xef\xbb\xbf---\r\nid: MKT-1\r\nmvl: true\r\n---\r\nBody\r\n");
	expect_remove("---\r\nid: MKT-1\r\nx: 1\r\ny: 2\r\n---\r\n",
		      "x", "---\r\nid: MKT-1\r\ny: 2\r\n---\r\n");
}

static void
test_block_values_replaced_whole(void **state)
{
	(void)state;
	/* a block list followed by a comment line: the comment stays */
	expect_set("---\nid: MKT-1\ntags:\n  - a\n  - b\n# keep me\nstatus: idea\n---\n",
		   "tags", "x, y z", EDIT_LIST,
		   "---\nid: MKT-1\ntags: [x, y z]\n# keep me\nstatus: idea\n---\n");
	/* a literal block scalar with trailing blank lines */
	expect_set("---\noutcome: |\n  line one\n  line two\n\nstatus: idea\n---\n",
		   "outcome", "one line", EDIT_STRING,
		   "---\noutcome: one line\n\nstatus: idea\n---\n");
	/* a multi-line flow list */
	expect_set("---\ndepends_on: [MKT-1,\n  MKT-2]  # deps\nid: MKT-3\n---\n",
		   "depends_on", "MKT-4", EDIT_LIST,
		   "---\ndepends_on: [MKT-4]  # deps\nid: MKT-3\n---\n");
	/* a plain scalar continued on the next line */
	expect_set("---\ntitle:\n  A long\n  title\nid: MKT-3\n---\n",
		   "title", "Short", EDIT_STRING,
		   "---\ntitle: Short\nid: MKT-3\n---\n");
	/* an empty value, with a comment after the colon */
	expect_set("---\ngoal:   # later\nid: MKT-3\n---\n",
		   "goal", "pipeline", EDIT_STRING,
		   "---\ngoal: pipeline   # later\nid: MKT-3\n---\n");
	/* the last key, a block list right before the closing line */
	expect_set("---\nid: MKT-3\ntags:\n- a\n- b\n---\nbody\n",
		   "tags", "", EDIT_LIST,
		   "---\nid: MKT-3\ntags: []\n---\nbody\n");
}

static void
test_remove_whole_lines(void **state)
{
	(void)state;
	expect_remove(base, "effort",
		      "---\n# the item\nid: MKT-1\ntitle: 'Quoted title'\n"
		      "\ntags: [a, b]\n---\nBody --- stays\n");
	expect_remove("---\nid: MKT-1\nblocked_reason: >\n  waits for\n  legal\nstatus: blocked\n---\n",
		      "blocked_reason", "---\nid: MKT-1\nstatus: blocked\n---\n");
	expect_remove("---\nid: MKT-1\ntags:\n  - a\n  - b\n---\nx\n",
		      "tags", "---\nid: MKT-1\n---\nx\n");
	/* absent: unchanged */
	expect_remove(base, "nothing", base);
}

static void
test_quoting_reads_back(void **state)
{
	static const char *const strs[] = {
		"3", "1.5", "true", "no", "null", "~", "", "2026-11-02",
		"a: b", "x #y", "#tag", "- dash", "[x]", "{x}", "*star",
		"&amp", "!bang", "|pipe", ">gt", "'q'", "\"dq\"", "%pct",
		"@at", "`tick`", " lead", "trail ", "colon:", "line\nbreak",
		"tab\there", "back\\slash", "0x1F", ".inf", "---", "é ünïcode",
		"\xc2\x85nel", "ctl\x01",
	};
	struct sbuf out = SBUF_INIT;
	struct diag_list d = DIAG_LIST_INIT;

	(void)state;
	for (size_t i = 0; i < sizeof(strs) / sizeof(strs[0]); i++) {
		assert_int_equal(edit_set(&out, S("---\nid: MKT-1\n---\n"), "x.md",
					  "title", strs[i], EDIT_STRING, &d), 0);
		expect_reads(out.buf, "title", YKIND_STR, strs[i]);
		/* in a list too */
		{
			const char *items[2] = { strs[i], "z" };

			if (!strchr(strs[i], ',') && *strs[i]) {
				assert_int_equal(edit_set_list(&out, S("---\nid: MKT-1\n---\n"),
							       "x.md", "tags", items, 2, &d), 0);
			}
		}
	}
	assert_int_equal(d.n, 0);
	sbuf_release(&out);
	diag_list_release(&d);
}

static void
test_plain_when_safe(void **state)
{
	(void)state;
	expect_set("---\nid: MKT-1\n---\n", "title", "Video teaser: part 2", EDIT_STRING,
		   "---\nid: MKT-1\ntitle: \"Video teaser: part 2\"\n---\n");
	expect_set("---\nid: MKT-1\n---\n", "title", "Video teaser", EDIT_STRING,
		   "---\nid: MKT-1\ntitle: Video teaser\n---\n");
	expect_set("---\nid: MKT-1\n---\n", "target", "50", EDIT_NUM_OR_STR,
		   "---\nid: MKT-1\ntarget: 50\n---\n");
	expect_set("---\nid: MKT-1\n---\n", "target", "50 leads", EDIT_NUM_OR_STR,
		   "---\nid: MKT-1\ntarget: 50 leads\n---\n");
	expect_set("---\nid: MKT-1\n---\n", "created", "2026-11-02", EDIT_DATE,
		   "---\nid: MKT-1\ncreated: 2026-11-02\n---\n");
	expect_set("---\nid: MKT-1\n---\n", "cycle", "2026-12-01", EDIT_STRING,
		   "---\nid: MKT-1\ncycle: \"2026-12-01\"\n---\n");
}

static void
test_bad_values_refused(void **state)
{
	struct sbuf out = SBUF_INIT;
	struct diag_list d = DIAG_LIST_INIT;

	(void)state;
	assert_int_equal(edit_set(&out, S("---\nid: MKT-1\n---\n"), "x.md",
				  "effort", "three", EDIT_NUMBER, &d), DK_EUSAGE);
	assert_int_equal(edit_set(&out, S("---\nid: MKT-1\n---\n"), "x.md",
				  "customer_value", "2.5", EDIT_INT, &d), DK_EUSAGE);
	assert_int_equal(edit_set(&out, S("---\nid: MKT-1\n---\n"), "x.md",
				  "created", "2026-02-30", EDIT_DATE, &d), DK_EUSAGE);
	assert_int_equal(edit_set(&out, S("---\nid: MKT-1\n---\n"), "x.md",
				  "mvl", "maybe", EDIT_BOOL, &d), DK_EUSAGE);
	assert_int_equal(edit_set(&out, S("---\nid: MKT-1\n---\n"), "x.md",
				  "bad key", "x", EDIT_STRING, &d), DK_EUSAGE);
	/* a file that does not parse is never edited */
	assert_int_equal(edit_set(&out, S("---\nid: [MKT-1\n---\n"), "x.md",
				  "title", "x", EDIT_STRING, &d), DK_EINVALID);
	/* an alias is replaced by the value; the anchor stays */
	assert_int_equal(edit_set(&out, S("---\na: &x 1\nb: *x\n---\n"), "x.md",
				  "b", "2", EDIT_INT, &d), 0);
	assert_string_equal(out.buf, "---\na: &x 1\nb: 2\n---\n");
	assert_int_equal(edit_set(&out, S("---\na: &x [1, 2]\nb: *x\nc: 1\n---\n"), "x.md",
				  "b", "3", EDIT_LIST, &d), 0);
	assert_string_equal(out.buf, "---\na: &x [1, 2]\nb: [\"3\"]\nc: 1\n---\n");
	/* removing the anchored value would break the alias: refused */
	assert_int_equal(edit_remove(&out, S("---\na: &x 1\nb: *x\n---\n"), "x.md",
				     "a", &d), DK_EINVALID);
	/* a flow-mapping front matter: no new key */
	assert_int_equal(edit_set(&out, S("---\n{id: MKT-1}\n---\n"), "x.md",
				  "title", "x", EDIT_STRING, &d), DK_EINVALID);
	assert_true(d.n >= 7);
	sbuf_release(&out);
	diag_list_release(&d);
}

static void
test_flow_root_value_edit(void **state)
{
	(void)state;
	expect_set("---\n{id: MKT-1, effort: 3}\n---\n", "effort", "4", EDIT_NUMBER,
		   "---\n{id: MKT-1, effort: 4}\n---\n");
}

static void
test_apply_sequence(void **state)
{
	struct edit_op ops[] = {
		{ "status", "done", EDIT_STRING, 0 },
		{ "finished", "2026-11-20", EDIT_DATE, 0 },
		{ "blocked_reason", NULL, EDIT_STRING, 1 },
	};
	struct sbuf out = SBUF_INIT;
	struct diag_list d = DIAG_LIST_INIT;
	static const char in[] =
		"---\nid: MKT-1\nstatus: blocked # was\nblocked_reason: legal\n---\nB\n";

	(void)state;
	assert_int_equal(edit_apply(&out, S(in), "x.md", ops, 3, &d), 0);
	assert_string_equal(out.buf,
			    "---\nid: MKT-1\nstatus: done # was\nfinished: 2026-11-20\n---\nB\n");
	sbuf_release(&out);
	diag_list_release(&d);
}

static void
test_indented_keys(void **state)
{
	(void)state;
	expect_set("---\n  id: MKT-1\n  title: x\n---\n", "status", "idea", EDIT_STRING,
		   "---\n  id: MKT-1\n  title: x\n  status: idea\n---\n");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_replace_keeps_comment_and_spacing),
		cmocka_unit_test(test_keeps_quote_style),
		cmocka_unit_test(test_append_before_close),
		cmocka_unit_test(test_crlf_and_bom_kept),
		cmocka_unit_test(test_block_values_replaced_whole),
		cmocka_unit_test(test_remove_whole_lines),
		cmocka_unit_test(test_quoting_reads_back),
		cmocka_unit_test(test_plain_when_safe),
		cmocka_unit_test(test_bad_values_refused),
		cmocka_unit_test(test_flow_root_value_edit),
		cmocka_unit_test(test_apply_sequence),
		cmocka_unit_test(test_indented_keys),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
