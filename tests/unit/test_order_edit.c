/*
 * Unit tests for ORDER editing (core/order.h): inserts, moves and
 * removals keep comment and blank lines in place and carry an id's
 * end-of-line comment with it.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "core/order.h"

static const char sections[] =
	"# Minimally viable launch\n"
	"MKT-42\n"
	"MKT-7   # waits for the new landing page\n"
	"\n"
	"# Next\n"
	"MKT-3\n"
	"MKT-9\n"
	"# Icebox\n";

/* Apply fn to data and compare the rendered result with want. */
static void
check(const char *data, int (*fn)(struct order *, const char *, const struct order_place *),
      const char *id, struct order_place p, int want_rc, const char *want)
{
	struct order o;
	struct diag_list d = DIAG_LIST_INIT;
	struct sbuf out = SBUF_INIT;

	order_parse(&o, "ORDER", data, strlen(data), &d);
	assert_int_equal(fn(&o, id, &p), want_rc);
	order_render(&o, &out);
	if (strcmp(out.buf, want))
		print_error("got:\n%s\nwanted:\n%s\n", out.buf, want);
	assert_string_equal(out.buf, want);
	sbuf_release(&out);
	order_release(&o);
	diag_list_release(&d);
}

static void
test_insert_top_keeps_header(void **state)
{
	(void)state;
	check(sections, order_insert, "MKT-50", (struct order_place){ ORDER_TOP, 0, NULL }, 0,
	      "# Minimally viable launch\nMKT-50\nMKT-42\n"
	      "MKT-7   # waits for the new landing page\n\n# Next\nMKT-3\nMKT-9\n# Icebox\n");
}

static void
test_insert_bottom_after_last_id(void **state)
{
	(void)state;
	check(sections, order_insert, "MKT-50", (struct order_place){ ORDER_BOTTOM, 0, NULL }, 0,
	      "# Minimally viable launch\nMKT-42\n"
	      "MKT-7   # waits for the new landing page\n\n# Next\nMKT-3\nMKT-9\nMKT-50\n# Icebox\n");
}

static void
test_insert_empty_file(void **state)
{
	(void)state;
	check("# header only\n", order_insert, "MKT-1", (struct order_place){ ORDER_TOP, 0, NULL }, 0,
	      "# header only\nMKT-1\n");
	check("", order_insert, "MKT-1", (struct order_place){ ORDER_BOTTOM, 0, NULL }, 0,
	      "MKT-1\n");
	/* no final newline: kept that way, CRLF kept */
	check("MKT-1\r\nMKT-2", order_insert, "MKT-3", (struct order_place){ ORDER_BOTTOM, 0, NULL }, 0,
	      "MKT-1\r\nMKT-2\r\nMKT-3");
}

static void
test_move_carries_comment(void **state)
{
	(void)state;
	/* to rank 4 (counted among the other ids): before MKT-9 */
	check(sections, order_move, "MKT-7", (struct order_place){ ORDER_INDEX, 3, NULL }, 0,
	      "# Minimally viable launch\nMKT-42\n\n# Next\nMKT-3\n"
	      "MKT-7   # waits for the new landing page\nMKT-9\n# Icebox\n");
	check(sections, order_move, "MKT-9", (struct order_place){ ORDER_BEFORE, 0, "MKT-42" }, 0,
	      "# Minimally viable launch\nMKT-9\nMKT-42\n"
	      "MKT-7   # waits for the new landing page\n\n# Next\nMKT-3\n# Icebox\n");
	check(sections, order_move, "MKT-42", (struct order_place){ ORDER_AFTER, 0, "MKT-3" }, 0,
	      "# Minimally viable launch\n"
	      "MKT-7   # waits for the new landing page\n\n# Next\nMKT-3\nMKT-42\nMKT-9\n# Icebox\n");
	/* an index past the end: the bottom */
	check(sections, order_move, "MKT-42", (struct order_place){ ORDER_INDEX, 99, NULL }, 0,
	      "# Minimally viable launch\n"
	      "MKT-7   # waits for the new landing page\n\n# Next\nMKT-3\nMKT-9\nMKT-42\n# Icebox\n");
	/* moving an unlisted id adds it */
	check(sections, order_move, "MKT-1", (struct order_place){ ORDER_INDEX, 1, NULL }, 0,
	      "# Minimally viable launch\nMKT-1\nMKT-42\n"
	      "MKT-7   # waits for the new landing page\n\n# Next\nMKT-3\nMKT-9\n# Icebox\n");
}

static void
test_move_errors_leave_order(void **state)
{
	(void)state;
	check(sections, order_move, "MKT-7", (struct order_place){ ORDER_BEFORE, 0, "MKT-99" },
	      DK_ENOTFOUND, sections);
	check(sections, order_move, "MKT-7", (struct order_place){ ORDER_AFTER, 0, "MKT-7" },
	      DK_EUSAGE, sections);
	check(sections, order_move, "MKT-7", (struct order_place){ ORDER_INDEX, 0, NULL },
	      DK_EUSAGE, sections);
	check("MKT-1\n<<<<<<< ours\nMKT-2\n=======\nMKT-3\n>>>>>>> theirs\n", order_move,
	      "MKT-1", (struct order_place){ ORDER_BOTTOM, 0, NULL }, DK_ECONFLICT,
	      "MKT-1\n<<<<<<< ours\nMKT-2\n=======\nMKT-3\n>>>>>>> theirs\n");
}

static int
rm(struct order *o, const char *id, const struct order_place *p)
{
	(void)p;
	return order_remove(o, id);
}

static void
test_remove(void **state)
{
	(void)state;
	check(sections, rm, "MKT-7", (struct order_place){ ORDER_TOP, 0, NULL }, 0,
	      "# Minimally viable launch\nMKT-42\n\n# Next\nMKT-3\nMKT-9\n# Icebox\n");
	check("MKT-1\nMKT-2\nMKT-1\n", rm, "MKT-1",
	      (struct order_place){ ORDER_TOP, 0, NULL }, 0, "MKT-2\n");
	check(sections, rm, "MKT-5", (struct order_place){ ORDER_TOP, 0, NULL },
	      DK_ENOTFOUND, sections);
}

static void
test_ranks_follow(void **state)
{
	struct order o;
	struct diag_list d = DIAG_LIST_INIT;
	struct order_place p = { ORDER_TOP, 0, NULL };

	(void)state;
	order_parse(&o, "ORDER", sections, strlen(sections), &d);
	assert_int_equal(order_rank(&o, "MKT-9"), 4);
	assert_int_equal(order_move(&o, "MKT-9", &p), 0);
	assert_int_equal(order_rank(&o, "MKT-9"), 1);
	assert_int_equal(order_rank(&o, "MKT-42"), 2);
	assert_string_equal(order_id_at(&o, 4), "MKT-3");
	assert_int_equal(o.nids, 4);
	order_release(&o);
	diag_list_release(&d);
}

/* A carriage return that does not end a line is blank, never an id: a
 * line of CRs alone holds no id (a rewrite ending it with LF used to drop
 * the "id" it held), and one between two ids makes two ids on a line. */
static void
test_stray_cr_is_blank(void **state)
{
	static const char *const inputs[] = { "MKT-1\n\r\r", "MKT-1\n\r\r\n", "\r MKT-1\r\r\n" };
	struct order o;
	struct diag_list d = DIAG_LIST_INIT;

	(void)state;
	for (size_t i = 0; i < sizeof(inputs) / sizeof(*inputs); i++) {
		assert_int_equal(order_parse(&o, "ORDER", inputs[i], strlen(inputs[i]), &d), 0);
		assert_int_equal(o.nids, 1);
		assert_string_equal(order_id_at(&o, 1), "MKT-1");
		order_release(&o);
	}
	assert_int_equal(d.n, 0);
	assert_int_equal(order_parse(&o, "ORDER", "MKT-1\rMKT-2\n", 12, &d), DK_EINVALID);
	assert_int_equal(d.n, 1);
	assert_int_equal(d.v[0].column, 7);
	order_release(&o);
	diag_list_release(&d);
	check("MKT-1\n\r\r\nMKT-2\n", order_move, "MKT-2", (struct order_place){ ORDER_TOP, 0, NULL }, 0,
	      "MKT-2\nMKT-1\n\r\n");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_insert_top_keeps_header),
		cmocka_unit_test(test_insert_bottom_after_last_id),
		cmocka_unit_test(test_insert_empty_file),
		cmocka_unit_test(test_move_carries_comment),
		cmocka_unit_test(test_move_errors_leave_order),
		cmocka_unit_test(test_remove),
		cmocka_unit_test(test_ranks_follow),
		cmocka_unit_test(test_stray_cr_is_blank),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
