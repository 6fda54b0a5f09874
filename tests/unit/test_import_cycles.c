/*
 * The names import gives the cycles of a source (Jira sprints,
 * formats/import_cycles.h): a cycle name is its file's stem, so it must
 * be ASCII letters, digits and '-', the same for the same sprint on
 * every import (a re-import finds the cycle by it), and never empty.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "formats/import_cycles.h"

static void
is_name(const char *source, const char *want)
{
	char *got = import_cycle_name(source);

	assert_string_equal(got, want);
	free(got);
}

static void
test_names(void **state)
{
	(void)state;
	is_name("TES Sprint 1", "tes-sprint-1");
	is_name("CCCSG Sprint 2", "cccsg-sprint-2");
	is_name("  Wave 3 ✅ ", "wave-3");
	is_name("Sprint #4 (Q4/2026)", "sprint-4-q4-2026");
	is_name("Sprint Überblick", "sprint-uberblick");
}

static void
test_names_without_ascii(void **state)
{
	char *a = import_cycle_name("スプリント 一"), *b = import_cycle_name("スプリント 一");
	char *c = import_cycle_name("スプリント 二"), *d = import_cycle_name("---");

	(void)state;
	/* a digest of the name: stable, distinct, a valid file stem */
	assert_int_equal(strncmp(a, "cycle-", 6), 0);
	assert_int_equal(strlen(a), 14);
	assert_string_equal(a, b);
	assert_string_not_equal(a, c);
	assert_int_equal(strncmp(d, "cycle-", 6), 0);
	for (const char *p = a; *p; p++)
		assert_true((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '-');
	free(a);
	free(b);
	free(c);
	free(d);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_names_without_ascii),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
