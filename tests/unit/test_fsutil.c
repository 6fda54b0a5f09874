/*
 * Unit tests for core/fsutil's reading: fsutil_open_regular hands back
 * a descriptor that blocks again (O_NONBLOCK was only for the open) and
 * keeps its other flags; a FIFO is refused at once, never waited on;
 * fsutil_read reads a file whole.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/diag.h"
#include "core/fsutil.h"
#include "core/xalloc.h"

#include "test_git_fixture.h"

/* name in the fixture's temporary folder (malloc'ed) */
static char *
at(const char *name)
{
	return xasprintf("%s/%s", tmp, name);
}

static void
test_regular_file_blocks_again(void **state)
{
	char *path = at("ORDER"), *data = NULL;
	struct diag_list e = DIAG_LIST_INIT;
	struct stat st;
	size_t len = 0;
	FILE *f;
	int fd, fl, fdfl;

	(void)state;
	f = fopen(path, "w");
	assert_non_null(f);
	fputs("MKT-1\nMKT-2\n", f);
	fclose(f);
	assert_int_equal(fsutil_open_regular(path, NULL, 0, &fd, &st, &e), 0);
	fl = fcntl(fd, F_GETFL);
	fdfl = fcntl(fd, F_GETFD);
	assert_true(fl >= 0 && fdfl >= 0);
	assert_int_equal(fl & O_NONBLOCK, 0);
	assert_int_equal(fl & O_ACCMODE, O_RDONLY);
	assert_int_equal(fl & (O_APPEND | O_ASYNC), 0);
	assert_true(fdfl & FD_CLOEXEC);
	assert_int_equal(fsutil_read_fd(fd, &st, LIMIT_ORDER, path, &data, &len, &e), 0);
	assert_int_equal(len, 12);
	assert_string_equal(data, "MKT-1\nMKT-2\n");
	close(fd);
	free(data);
	assert_int_equal(fsutil_read(path, LIMIT_ORDER, 0, &data, &len, &e), 0);
	assert_string_equal(data, "MKT-1\nMKT-2\n");
	assert_int_equal(e.n, 0);
	free(data);
	free(path);
}

static void
test_fifo_refused_at_once(void **state)
{
	char *path = at("fifo"), *data = NULL;
	struct diag_list e = DIAG_LIST_INIT;
	size_t len = 0;

	(void)state;
	assert_int_equal(mkfifo(path, 0600), 0);
	alarm(10);    /* a read that blocks fails the test, not the run */
	assert_int_equal(fsutil_read(path, LIMIT_ORDER, 0, &data, &len, &e),
			 DK_EINVALID);
	alarm(0);
	assert_null(data);
	assert_non_null(strstr(diag_last_message(&e), "a FIFO (named pipe), not a regular file"));
	diag_list_release(&e);
	free(path);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_regular_file_blocks_again),
		cmocka_unit_test(test_fifo_refused_at_once),
	};

	return cmocka_run_group_tests(tests, git_fixture_setup, git_fixture_teardown);
}
