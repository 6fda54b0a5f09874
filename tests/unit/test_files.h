/*
 * Shared by the unit tests that read data under tests/ (test_yaml_suite.c,
 * test_yaml_scalar_fast.c): where tests/ is, and reading a file whole.
 *
 * Everything here is static inline: each test binary gets its own copy,
 * and one that uses only part of it gets no warning.  The caller owns
 * the sbuf it passes (sbuf_release).
 */
#ifndef TEST_FILES_H
#define TEST_FILES_H

#include <stdio.h>
#include <stdlib.h>

#include "core/sbuf.h"

/* tests/ of this checkout: $DOCKET_TESTS (set by tests/run.sh), else
 * relative to the top of the tree. */
static inline const char *
tests_dir(void)
{
	const char *t = getenv("DOCKET_TESTS");

	return t && *t ? t : "tests";
}

/* Append the bytes of path to out.  Returns 0, or -1 when it cannot be
 * opened. */
static inline int
read_file(const char *path, struct sbuf *out)
{
	FILE *f = fopen(path, "rb");
	char tmp[8192];
	size_t n;

	if (!f)
		return -1;
	while ((n = fread(tmp, 1, sizeof(tmp), f)) > 0)
		sbuf_add(out, tmp, n);
	fclose(f);
	return 0;
}

#endif
