/*
 * Unit tests for core/order_moved: which ids changed place between two
 * versions of ORDER (a drag made from an older page is refused only
 * when its item or its neighbour moved).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "core/order_moved.h"

static int
moved(const char *a, const char *b, const char *id)
{
	return order_moved(a, strlen(a), b, strlen(b), id, NULL, NULL);
}

static void
test_same(void **state)
{
	const char *o = "# MVL\nA\nB   # note\n\nC\n";

	(void)state;
	assert_false(moved(o, o, "A"));
	assert_false(moved(o, "A\nB\nC\n", "B"));   /* comments do not count */
	assert_false(moved(o, o, "Z"));             /* in neither */
}

static void
test_moves(void **state)
{
	long from = 0, to = 0;

	(void)state;
	/* X to the top: X moved, the others only shifted */
	assert_true(order_moved("A\nB\nC\nX\n", 8, "X\nA\nB\nC\n", 8, "X", &from, &to));
	assert_int_equal(from, 4);
	assert_int_equal(to, 1);
	assert_false(moved("A\nB\nC\nX\n", "X\nA\nB\nC\n", "A"));
	assert_false(moved("A\nB\nC\nX\n", "X\nA\nB\nC\n", "C"));
	/* of two swapped neighbours, the one that went up moved */
	assert_true(moved("A\nB\nC\nD\n", "A\nC\nB\nD\n", "C"));
	assert_false(moved("A\nB\nC\nD\n", "A\nC\nB\nD\n", "B"));
	/* an id inserted or removed elsewhere moves nobody */
	assert_false(moved("A\nB\nC\n", "A\nN\nB\nC\n", "B"));
	assert_false(moved("A\nB\nC\n", "A\nC\n", "C"));
}

static void
test_presence(void **state)
{
	(void)state;
	assert_true(moved("A\nB\n", "A\n", "B"));   /* left ORDER (done) */
	assert_true(moved("A\n", "A\nB\n", "B"));   /* ranked meanwhile */
	/* an id listed twice counts at its first line */
	assert_false(moved("A\nB\nA\n", "A\nB\n", "A"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_same),
		cmocka_unit_test(test_moves),
		cmocka_unit_test(test_presence),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
