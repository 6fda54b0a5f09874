/*
 * Unit tests for core/renumber: surgical replacement of an id in front
 * matter (plain, quoted, block and flow lists; never a longer id that
 * starts the same), ORDER lines and file names.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "core/renumber.h"
#include "core/xalloc.h"

static const char *const KEYS[] = { "id", "depends_on", "follows", "committed" };

static void
refs(const char *in, int want_n, const char *want)
{
	struct sbuf out = SBUF_INIT;
	struct diag_list d = DIAG_LIST_INIT;
	int n = renumber_refs(&out, in, strlen(in), "f.md", KEYS, 4, "MKT-1",
			      "MKT-7", &d);

	assert_int_equal(n, want_n);
	assert_string_equal(out.buf, want);
	sbuf_release(&out);
	diag_list_release(&d);
}

static void
test_refs(void **state)
{
	(void)state;
	refs("---\nid: MKT-1 # me\ntitle: MKT-1\n---\nMKT-1\n", 1,
	     "---\nid: MKT-7 # me\ntitle: MKT-1\n---\nMKT-1\n");
	refs("---\r\nfollows: 'MKT-1'\r\ndepends_on:\r\n  - \"MKT-1\"  # x\r\n  - MKT-10\r\n---\r\n", 2,
	     "---\r\nfollows: 'MKT-7'\r\ndepends_on:\r\n  - \"MKT-7\"  # x\r\n  - MKT-10\r\n---\r\n");
	refs("---\ncommitted: [MKT-10, MKT-1, MKT-11]\nother: MKT-1\n---\n", 1,
	     "---\ncommitted: [MKT-10, MKT-7, MKT-11]\nother: MKT-1\n---\n");
	/* nothing to change: a copy */
	refs("---\nid: MKT-10\n---\n", 0, "---\nid: MKT-10\n---\n");
}

static void
test_refs_bad(void **state)
{
	struct sbuf out = SBUF_INIT;
	struct diag_list d = DIAG_LIST_INIT;

	(void)state;
	assert_int_equal(renumber_refs(&out, "---\nid: [\n---\n", 14, "f.md", KEYS, 4,
				       "MKT-1", "MKT-7", &d), DK_EINVALID);
	assert_true(d.n > 0);
	sbuf_release(&out);
	diag_list_release(&d);
}

static void
test_order_and_names(void **state)
{
	struct order o;
	struct diag_list d = DIAG_LIST_INIT;
	struct sbuf out = SBUF_INIT;
	const char *in = "# top\r\n  MKT-1   # waits\r\nMKT-10\r\nMKT-1";
	char *s;

	(void)state;
	assert_int_equal(order_parse(&o, "ORDER", in, strlen(in), &d), 0);
	assert_int_equal(renumber_order(&out, &o, "MKT-1", "MKT-7"), 2);
	assert_string_equal(out.buf, "# top\r\n  MKT-7   # waits\r\nMKT-10\r\nMKT-7");
	order_release(&o);
	sbuf_release(&out);
	diag_list_release(&d);

	s = renumber_filename("MKT-1-video-teaser.md", "MKT-1", "MKT-7");
	assert_string_equal(s, "MKT-7-video-teaser.md");
	free(s);
	s = renumber_filename("MKT-1.md", "MKT-1", "MKT-12");
	assert_string_equal(s, "MKT-12.md");
	free(s);
	assert_null(renumber_filename("MKT-10.md", "MKT-1", "MKT-7"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_refs),
		cmocka_unit_test(test_refs_bad),
		cmocka_unit_test(test_order_and_names),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
