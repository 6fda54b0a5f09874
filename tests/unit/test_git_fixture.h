/*
 * Shared by the unit tests that work on real throwaway git repositories
 * made with the git CLI (test_change.c, test_ops.c; test_fsutil.c uses its
 * folder only): a temporary folder,
 * tmp, made by git_fixture_setup with a fixed git identity and no
 * configuration from outside it (HOME, GIT_CONFIG_NOSYSTEM,
 * GIT_CEILING_DIRECTORIES), removed by git_fixture_teardown; and shell
 * helpers to build repositories and read their state.
 *
 * Include after cmocka.h.  Everything here is static: each test binary
 * gets its own copy.  sh_out's result is malloc'ed: the caller frees it.
 */
#ifndef TEST_GIT_FIXTURE_H
#define TEST_GIT_FIXTURE_H

#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>

#include "core/repo.h"
#include "core/sbuf.h"
#include "core/xalloc.h"

/* The folder of this test binary's repositories. */
static char tmp[PATH_MAX];

/* Run the shell command fmt (printf-style) in dir, its output
 * discarded; returns its exit status. */
static int sh(const char *dir, const char *fmt, ...)
	__attribute__((format(printf, 2, 3), unused));

static int
sh(const char *dir, const char *fmt, ...)
{
	struct sbuf cmd = SBUF_INIT;
	va_list ap;
	int rc;

	sbuf_addf(&cmd, "cd '%s' && (", dir);
	va_start(ap, fmt);
	sbuf_vaddf(&cmd, fmt, ap);
	va_end(ap);
	sbuf_adds(&cmd, ") >/dev/null 2>&1");
	rc = system(cmd.buf);
	sbuf_release(&cmd);
	return WEXITSTATUS(rc);
}

/* The output of cmdline run in dir (at most 4 KiB), without its
 * trailing newlines.  (unused: not every test reads output) */
static char *sh_out(const char *dir, const char *cmdline)
	__attribute__((unused));

static char *
sh_out(const char *dir, const char *cmdline)
{
	char *cmd = xasprintf("cd '%s' && %s 2>/dev/null", dir, cmdline);
	char buf[4096] = "";
	FILE *p = popen(cmd, "r");
	size_t n = p ? fread(buf, 1, sizeof(buf) - 1, p) : 0;

	if (p)
		pclose(p);
	free(cmd);
	buf[n] = '\0';
	while (n && buf[n - 1] == '\n')
		buf[--n] = '\0';
	return xstrdup(buf);
}

/* cmocka group setup: make tmp, shut git off from the user's and the
 * system's configuration, fix the identity, start libgit2. */
static int
git_fixture_setup(void **state)
{
	char tmpl[] = "/tmp/docket-unit-git.XXXXXX";

	(void)state;
	if (!mkdtemp(tmpl))
		return -1;
	snprintf(tmp, sizeof(tmp), "%s", tmpl);
	setenv("HOME", tmp, 1);
	setenv("GIT_CONFIG_NOSYSTEM", "1", 1);
	setenv("GIT_CEILING_DIRECTORIES", tmp, 1);
	setenv("GIT_AUTHOR_NAME", "Dana Reyes", 1);
	setenv("GIT_AUTHOR_EMAIL", "dana@example.com", 1);
	setenv("GIT_COMMITTER_NAME", "Dana Reyes", 1);
	setenv("GIT_COMMITTER_EMAIL", "dana@example.com", 1);
	unsetenv("GIT_DIR");
	unsetenv("GIT_WORK_TREE");
	repo_global_init();
	return 0;
}

/* cmocka group teardown: stop libgit2, remove tmp. */
static int
git_fixture_teardown(void **state)
{
	(void)state;
	repo_global_shutdown();
	sh("/", "rm -rf '%s'", tmp);
	return 0;
}

#endif
