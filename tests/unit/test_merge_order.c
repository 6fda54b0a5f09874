/*
 * Unit tests for core/merge_order: the three-way merge of ORDER that
 * git runs as the merge driver.  Each case is a base, ours and theirs
 * and the exact file expected; conflicts are checked for their markers
 * and for giving a valid ORDER whichever side is kept.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "core/merge_order.h"
#include "core/order.h"
#include "core/sbuf.h"
#include "core/xalloc.h"

static int
merge3(const char *b, const char *o, const char *t, struct sbuf *out,
       struct diag_list *d)
{
	return merge_order(b, strlen(b), o, strlen(o), t, strlen(t), out, d);
}

/* A clean merge giving exactly want. */
static void
clean(const char *b, const char *o, const char *t, const char *want)
{
	struct sbuf out = SBUF_INIT;
	struct diag_list d = DIAG_LIST_INIT;
	int rc = merge3(b, o, t, &out, &d);

	if (rc || strcmp(out.buf, want))
		print_error("merge gave rc %d:\n%s---wanted---\n%s", rc, out.buf, want);
	assert_int_equal(rc, 0);
	assert_string_equal(out.buf, want);
	assert_int_equal(d.n, 0);
	sbuf_release(&out);
	diag_list_release(&d);
}

/* Keep one side of every conflict block in text. */
static char *
resolve(const char *text, int keep_ours)
{
	struct sbuf sb = SBUF_INIT;
	int side = 0;  /* 0 outside, 1 ours, 2 theirs */

	for (const char *p = text; *p;) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) + 1 : strlen(p);

		if (!strncmp(p, "<<<<<<< ", 8))
			side = 1;
		else if (!strncmp(p, "=======", 7) && side)
			side = 2;
		else if (!strncmp(p, ">>>>>>> ", 8))
			side = 0;
		else if (side == 0 || (side == 1) == !!keep_ours)
			sbuf_add(&sb, p, n);
		p += n;
	}
	return sbuf_detach(&sb, NULL);
}

/* A conflict whose ours block and theirs block give want_ours and
 * want_theirs; the diags name the id. */
static void
conflict(const char *b, const char *o, const char *t, const char *id,
	 const char *want_ours, const char *want_theirs)
{
	struct sbuf out = SBUF_INIT;
	struct diag_list d = DIAG_LIST_INIT;
	int rc = merge3(b, o, t, &out, &d);
	char *ro, *rt;

	if (rc != DK_ECONFLICT)
		print_error("merge gave rc %d:\n%s", rc, out.buf);
	assert_int_equal(rc, DK_ECONFLICT);
	assert_non_null(strstr(out.buf, "<<<<<<< ours"));
	assert_non_null(strstr(out.buf, "\n=======\n") ? "" : strstr(out.buf, "\n=======\r\n"));
	assert_non_null(strstr(out.buf, "\n>>>>>>> theirs"));
	assert_true(d.n >= 1);
	assert_string_equal(d.v[0].rule, "order-conflict");
	assert_non_null(strstr(d.v[0].message, id));
	ro = resolve(out.buf, 1);
	rt = resolve(out.buf, 0);
	assert_string_equal(ro, want_ours);
	assert_string_equal(rt, want_theirs);
	free(ro);
	free(rt);
	sbuf_release(&out);
	diag_list_release(&d);
}

static void
test_unchanged_and_one_side(void **state)
{
	(void)state;
	clean("A\nB\nC\n", "A\nB\nC\n", "A\nB\nC\n", "A\nB\nC\n");
	/* only ours changed, only theirs changed */
	clean("A\nB\nC\n", "C\nA\nB\n", "A\nB\nC\n", "C\nA\nB\n");
	clean("A\nB\nC\n", "A\nB\nC\n", "C\nA\nB\n", "C\nA\nB\n");
	/* empty files */
	clean("", "", "", "");
	clean("", "", "A\n", "A\n");
	clean("", "A\n", "", "A\n");
}

static void
test_moves_on_both_sides(void **state)
{
	(void)state;
	/* ours: D to the top; theirs: B to the bottom */
	clean("# top\nA\nB\nC\nD\nE\n",
	      "# top\nD\nA\nB\nC\nE\n",
	      "# top\nA\nC\nD\nE\nB\n",
	      "# top\nD\nA\nC\nE\nB\n");
	/* several moves on each side */
	clean("A\nB\nC\nD\nE\nF\n",
	      "F\nA\nB\nE\nC\nD\n",      /* F top, E above C */
	      "A\nC\nB\nD\nE\nF\n",      /* C above B */
	      "F\nA\nC\nB\nE\nD\n");
}

static void
test_same_item_same_place(void **state)
{
	(void)state;
	/* a plain line merge lists D twice here */
	clean("A\nB\nC\nD\n", "D\nA\nB\nC\n", "D\nA\nB\nC\n", "D\nA\nB\nC\n");
	/* the same place among what both have, though ours added X too */
	clean("A\nB\nC\nD\n", "A\nX\nD\nB\nC\n", "A\nD\nB\nC\n",
	      "A\nX\nD\nB\nC\n");
	/* both ranked the same new id at the same place */
	clean("A\nB\n", "A\nN\nB\n", "A\nN\nB\n", "A\nN\nB\n");
}

static void
test_same_item_different_places(void **state)
{
	(void)state;
	conflict("A\nB\nC\nD\n", "D\nA\nB\nC\n", "A\nD\nB\nC\n", "D",
		 "D\nA\nB\nC\n", "A\nD\nB\nC\n");
	/* with other, clean moves around it */
	conflict("A\nB\nC\nD\nE\n", "E\nA\nB\nC\nD\n", "A\nB\nE\nC\nD\n", "E",
		 "E\nA\nB\nC\nD\n", "A\nB\nE\nC\nD\n");
	/* an unranked id ranked by both at different places */
	conflict("A\nB\n", "N\nA\nB\n", "A\nB\nN\n", "N",
		 "N\nA\nB\n", "A\nB\nN\n");
}

static void
test_neighbours(void **state)
{
	(void)state;
	/* ours swaps A and B, theirs swaps C and D: a line merge conflicts */
	clean("A\nB\nC\nD\n", "B\nA\nC\nD\n", "A\nB\nD\nC\n", "B\nA\nD\nC\n");
	/* ours moves B up one, theirs moves C up one */
	clean("A\nB\nC\nD\n", "B\nA\nC\nD\n", "A\nC\nB\nD\n", "B\nA\nC\nD\n");
	/* both move a different id to the top: ours first */
	clean("A\nB\nC\nD\n", "C\nA\nB\nD\n", "D\nA\nB\nC\n", "C\nD\nA\nB\n");
}

static void
test_insertions_same_place(void **state)
{
	(void)state;
	clean("A\nB\n", "A\nX\nB\n", "A\nY\nB\n", "A\nX\nY\nB\n");
	clean("A\nB\n", "A\nX1\nX2\nB\n", "A\nY1\nY2\nB\n",
	      "A\nX1\nX2\nY1\nY2\nB\n");
	/* at the top and at the bottom */
	clean("A\nB\n", "X\nA\nB\n", "Y\nA\nB\n", "X\nY\nA\nB\n");
	clean("A\nB\n", "A\nB\nX\n", "A\nB\nY\n", "A\nB\nX\nY\n");
}

static void
test_removal_vs_move(void **state)
{
	(void)state;
	/* the removal wins, on either side */
	clean("A\nB\nC\n", "A\nB\n", "C\nA\nB\n", "A\nB\n");
	clean("A\nB\nC\n", "C\nA\nB\n", "A\nB\n", "A\nB\n");
	/* both removed; one removed and the other kept */
	clean("A\nB\nC\n", "A\nC\n", "A\nC\n", "A\nC\n");
	clean("A\nB\nC\n", "A\nC\n", "A\nB\nC\n", "A\nC\n");
	/* an id moved below one the other side removed */
	clean("A\nB\nC\nD\n", "A\nC\nD\n", "A\nC\nB\nD\n", "A\nC\nD\n");
	clean("A\nB\nC\nD\n", "B\nC\nD\n", "B\nA\nC\nD\n", "B\nC\nD\n");
	clean("A\nB\nC\nD\n", "A\nC\nD\n", "A\nB\nD\nC\n", "A\nD\nC\n");
}

static void
test_duplicates(void **state)
{
	(void)state;
	/* an id listed twice keeps its first place */
	clean("A\nB\nC\n", "A\nB\nA\nC\n", "A\nB\nC\n", "A\nB\nC\n");
	clean("A\nB\nA\nC\n", "A\nB\nA\nC\n", "C\nA\nB\nA\n", "C\nA\nB\n");
	clean("A\nB\nC\n", "A\nB\nC\n", "B\nA\nB\nC\n", "B\nA\nC\n");
}

static void
test_comments(void **state)
{
	(void)state;
	/* ours' comment and blank lines stay; theirs moves an id into the
	 * MVL section, across the header */
	clean("# MVL\nA\n\n# Next\nB\nC\n",
	      "# MVL\nA\n\n# Next\nB\nC\n",
	      "# MVL\nA\nB\n\n# Next\nC\n",
	      "# MVL\nA\nB\n\n# Next\nC\n");
	/* the first item of a section */
	clean("# MVL\nA\n# Next\nB\nC\n",
	      "# MVL\nA\n# Next\nB\nC\n",
	      "# MVL\nA\n# Next\nC\nB\n",
	      "# MVL\nA\n# Next\nC\nB\n");
	/* theirs adds a comment line; theirs removes one */
	clean("A\nB\n", "B\nA\n", "A\n# later\nB\n", "B\nA\n# later\n");
	clean("# old\nA\nB\n", "B\nA\n# old\n", "A\nB\n", "B\nA\n");
	/* ours' new comment and blank lines are kept */
	clean("A\nB\n", "# hot\nA\n\nB\n", "B\nA\n", "# hot\nB\nA\n\n");
	/* end-of-line comments travel with the id; theirs' edit applies */
	clean("A\nB   # wait\nC\n", "C\nA\nB   # wait\n", "A\nB   # waits for LP\nC\n",
	      "C\nA\nB   # waits for LP\n");
}

static void
test_line_edited_both(void **state)
{
	(void)state;
	conflict("A\nB\n", "A # x\nB\n", "A # y\nB\n", "A",
		 "A # x\nB\n", "A # y\nB\n");
	/* the same edit on both sides is no conflict */
	clean("A\nB\n", "A # x\nB\n", "A # x\nB\n", "A # x\nB\n");
}

static void
test_line_ends(void **state)
{
	(void)state;
	/* ours' CRLF and missing final newline are kept */
	clean("A\r\nB\r\n", "B\r\nA\r\n", "A\nB\nC\n", "B\r\nA\r\nC\r\n");
	clean("A\nB", "B\nA", "A\nB\nC", "B\nA\nC");
	conflict("A\r\nB\r\nC\r\n", "C\r\nA\r\nB\r\n", "A\r\nC\r\nB\r\n", "C",
		 "C\r\nA\r\nB\r\n", "A\r\nC\r\nB\r\n");
}

static void
test_unmergeable(void **state)
{
	struct sbuf out = SBUF_INIT;
	struct diag_list d = DIAG_LIST_INIT;
	const char *o = "<<<<<<< HEAD\nA\n=======\nB\n>>>>>>> x\n";

	(void)state;
	assert_int_equal(merge3("A\n", o, "B\nA\n", &out, &d), DK_EINVALID);
	assert_non_null(strstr(out.buf, o));
	assert_non_null(strstr(out.buf, "=======\nB\nA\n>>>>>>> theirs\n"));
	assert_int_equal(d.n, 1);
	sbuf_release(&out);
	diag_list_release(&d);
	/* not UTF-8: both kept whole, without a final newline added twice */
	assert_int_equal(merge_order("A\n", 2, "A\xff", 2, "B", 1, &out, &d),
			 DK_EINVALID);
	assert_int_equal(out.len, strlen("<<<<<<< ours\nA\xff\n=======\nB\n>>>>>>> theirs\n"));
	assert_memory_equal(out.buf, "<<<<<<< ours\nA\xff\n=======\nB\n>>>>>>> theirs\n",
			    out.len);
	sbuf_release(&out);
	diag_list_release(&d);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_unchanged_and_one_side),
		cmocka_unit_test(test_moves_on_both_sides),
		cmocka_unit_test(test_same_item_same_place),
		cmocka_unit_test(test_same_item_different_places),
		cmocka_unit_test(test_neighbours),
		cmocka_unit_test(test_insertions_same_place),
		cmocka_unit_test(test_removal_vs_move),
		cmocka_unit_test(test_duplicates),
		cmocka_unit_test(test_comments),
		cmocka_unit_test(test_line_edited_both),
		cmocka_unit_test(test_line_ends),
		cmocka_unit_test(test_unmergeable),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
