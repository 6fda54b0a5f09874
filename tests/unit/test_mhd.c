/*
 * Unit tests for server/mhd: libmicrohttpd loaded at `docket serve`
 * time.  A missing or wrong library gives an error naming the Debian
 * package; the library the build's header names loads, and its
 * functions answer.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "server/mhd.h"

static char err[512];

/* before any success: a loaded library is kept */
static void
missing_library_names_the_package(void **state)
{
	(void)state;
	assert_int_equal(mhd_load("libdocket-no-such-library.so.0", err, sizeof(err)), -1);
	assert_non_null(strstr(err, "docket serve needs libmicrohttpd (the Debian package " MHD_PACKAGE ")"));
	assert_non_null(strstr(err, "libdocket-no-such-library.so.0"));
	assert_null(mhd.start_daemon);
}

static void
library_without_the_functions_is_refused(void **state)
{
	(void)state;
	/* loads, but is not libmicrohttpd */
	assert_int_equal(mhd_load("libc.so.6", err, sizeof(err)), -1);
	assert_string_equal(err, "docket serve cannot use libc.so.6: it has no function MHD_start_daemon (install the Debian package " MHD_PACKAGE ")");
	assert_null(mhd.start_daemon);
}

static void
the_installed_library_loads(void **state)
{
	(void)state;
	assert_int_equal(mhd_load(MHD_LIBRARY, err, sizeof(err)), 0);
	assert_non_null(mhd.start_daemon);
	assert_non_null(mhd.destroy_post_processor);
	/* a call through the table: every build of it has the message log */
	assert_int_equal(mhd.is_feature_supported(MHD_FEATURE_MESSAGES), MHD_YES);
	/* loaded once: a second call keeps the table */
	assert_int_equal(mhd_load("libdocket-no-such-library.so.0", err, sizeof(err)), 0);
	assert_non_null(mhd.queue_response);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(missing_library_names_the_package),
		cmocka_unit_test(library_without_the_functions_is_refused),
		cmocka_unit_test(the_installed_library_loads),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
