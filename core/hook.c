/*
 * hook.c: run the repository's git hooks around docket's commits (see
 * hook.h).
 */
#include "core/hook.h"

#include <errno.h>
#include <fcntl.h>
#include <git2.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/fsutil.h"
#include "core/sbuf.h"
#include "core/xalloc.h"

extern char **environ;

/* The folder hooks are looked up in (malloc'ed). */
static char *
hooks_dir(struct repo *r)
{
	git_config *cfg = NULL;
	git_buf buf = { 0 };
	char *dir = NULL;

	if (git_repository_config_snapshot(&cfg, r->git) == 0 &&
	    git_config_get_path(&buf, cfg, "core.hooksPath") == 0 && buf.size) {
		if (buf.ptr[0] == '/')
			dir = xstrdup(buf.ptr);
		else   /* git runs hooks from the top: relative to it */
			dir = xasprintf("%s/%s", r->workdir ? r->workdir :
					git_repository_path(r->git), buf.ptr);
	}
	git_error_clear();
	git_buf_dispose(&buf);
	git_config_free(cfg);
	return dir ? dir : repo_git_path(r, "hooks", 1);
}

char *
hook_find(struct repo *r, const char *name)
{
	char *dir = hooks_dir(r), *path = xasprintf("%s/%s", dir, name);
	struct stat st;

	free(dir);
	if (stat(path, &st) == 0 && S_ISREG(st.st_mode) && access(path, X_OK) == 0)
		return path;
	free(path);
	return NULL;
}

/* Is "NAME=..." one of the variables of env? */
static int
overridden(const char *var, const char *const *env)
{
	size_t n = strcspn(var, "=");

	for (size_t i = 0; env && env[i]; i++)
		if (!strncmp(env[i], var, n) && env[i][n] == '=')
			return 1;
	return 0;
}

int
hook_run(struct repo *r, const char *path, const char *name,
	 const char *const *args, const char *const *env, int *status,
	 struct diag_list *errs)
{
	size_t na = 0, ne = 0, nenv = 0, k = 0;
	char **argv, **shv, **envp, *mine = xasprintf("%s=%s", HOOK_ENV, name);
	const char *const extra[] = { mine, NULL };
	const char *dir = r->workdir ? r->workdir : git_repository_path(r->git);
	pid_t pid;
	int st, e;

	while (args && args[na])
		na++;
	while (env && env[ne])
		ne++;
	while (environ[nenv])
		nenv++;
	argv = xcalloc(na + 2, sizeof(*argv));
	shv = xcalloc(na + 3, sizeof(*shv));
	argv[0] = (char *)path;
	shv[0] = (char *)"/bin/sh";
	shv[1] = (char *)path;
	for (size_t i = 0; i < na; i++)
		argv[i + 1] = shv[i + 2] = (char *)args[i];
	envp = xcalloc(nenv + ne + 2, sizeof(*envp));
	for (size_t i = 0; i < nenv; i++)
		if (!overridden(environ[i], env) && !overridden(environ[i], extra))
			envp[k++] = environ[i];
	for (size_t i = 0; i < ne; i++)
		envp[k++] = (char *)env[i];
	envp[k++] = mine;

	fflush(NULL);     /* what docket printed comes before the hook's */
	pid = fork();
	if (pid == 0) {
		/* the child: only async-signal-safe calls until exec */
		int fd = open("/dev/null", O_RDONLY);

		if (fd < 0 || dup2(fd, STDIN_FILENO) < 0 ||
		    dup2(STDERR_FILENO, STDOUT_FILENO) < 0 || chdir(dir) < 0)
			_exit(127);
		if (fd > STDERR_FILENO)
			close(fd);
		signal(SIGPIPE, SIG_DFL);
		execve(path, argv, envp);
		if (errno == ENOEXEC)   /* no "#!": a shell script, as git runs it */
			execve("/bin/sh", shv, envp);
		_exit(errno == ENOENT ? 127 : 126);
	}
	e = errno;
	free(argv);
	free(shv);
	free(envp);
	free(mine);
	if (pid < 0)
		return diag_error(errs, DK_EIO, "cannot run the %s hook (%s): %s",
				  name, path, strerror(e));
	while (waitpid(pid, &st, 0) < 0)
		if (errno != EINTR)
			return diag_error(errs, DK_EIO, "cannot wait for the %s hook: %s",
					  name, strerror(errno));
	*status = WIFEXITED(st) ? WEXITSTATUS(st) :
		  WIFSIGNALED(st) ? 128 + WTERMSIG(st) : 128;
	return 0;
}

/* ---------------------------------------------------------------------
 * The hooks of one commit
 * ------------------------------------------------------------------- */

int
hook_commit_init(struct hook_commit *h, struct repo *r, int no_verify)
{
	memset(h, 0, sizeof(*h));
	h->repo = r;
	if (!no_verify) {
		h->pre_commit = hook_find(r, "pre-commit");
		h->commit_msg = hook_find(r, "commit-msg");
	}
	h->prepare_msg = hook_find(r, "prepare-commit-msg");
	h->post_commit = hook_find(r, "post-commit");
	if (!h->pre_commit && !h->commit_msg && !h->prepare_msg && !h->post_commit)
		return 0;
	if (repo_author(r, &h->author_name, &h->author_email, &h->author_date))
		return 0;       /* the commit itself reports the identity */
	return h->pre_commit || h->commit_msg || h->prepare_msg;
}

void
hook_commit_release(struct hook_commit *h)
{
	if (h->index_file)
		unlink(h->index_file);
	free(h->pre_commit);
	free(h->prepare_msg);
	free(h->commit_msg);
	free(h->post_commit);
	free(h->index_file);
	free(h->msg_file);
	free(h->message);
	free(h->author_name);
	free(h->author_email);
	free(h->author_date);
	memset(h, 0, sizeof(*h));
}

static int
git_fail(struct diag_list *errs, const char *what)
{
	const git_error *e = git_error_last();
	int rc = diag_error(errs, DK_EIO, "%s: %s", what,
			    e && e->message ? e->message : "unknown error");

	git_error_clear();
	return rc;
}

/*
 * The temporary index git makes for `git commit -- PATHS`: HEAD's tree
 * with the paths as the work tree has them (a path that is gone is
 * removed).  Only a hook sees it; git's own index is untouched.
 */
static int
temp_index(struct hook_commit *h, const char *const *paths, size_t n,
	   struct diag_list *errs)
{
	git_repository *git = h->repo->git;
	git_index *idx = NULL;
	git_object *tree = NULL;
	int rc = 0;
	char *name = xasprintf("next-index-docket-%ld.lock", (long)getpid());

	h->index_file = repo_git_path(h->repo, name, 0);
	free(name);
	unlink(h->index_file);
	if (git_index_open(&idx, h->index_file) < 0)
		return git_fail(errs, "cannot make the index for the hooks");
	if (git_revparse_single(&tree, git, "HEAD^{tree}") == 0) {
		if (git_index_read_tree(idx, (git_tree *)tree) < 0) {
			rc = git_fail(errs, "cannot make the index for the hooks");
			goto done;
		}
	} else {
		git_error_clear();      /* no commit yet: an empty index */
	}
	for (size_t i = 0; i < n && !rc; i++) {
		char *full = xasprintf("%s/%s", h->repo->workdir, paths[i]);
		const git_index_entry *old = git_index_get_bypath(idx, paths[i], 0);
		git_index_entry ie;
		struct stat st;

		if (lstat(full, &st) != 0) {
			if (old && git_index_remove(idx, paths[i], 0) < 0)
				rc = git_fail(errs, "cannot make the index for the hooks");
			free(full);
			continue;
		}
		free(full);
		memset(&ie, 0, sizeof(ie));
		ie.mode = old && old->mode == GIT_FILEMODE_BLOB_EXECUTABLE ?
			  GIT_FILEMODE_BLOB_EXECUTABLE : GIT_FILEMODE_BLOB;
		ie.path = paths[i];
		ie.ctime.seconds = (int32_t)st.st_ctime;
		ie.mtime.seconds = (int32_t)st.st_mtime;
		ie.dev = (uint32_t)st.st_dev;
		ie.ino = (uint32_t)st.st_ino;
		ie.uid = (uint32_t)st.st_uid;
		ie.gid = (uint32_t)st.st_gid;
		ie.file_size = (uint32_t)st.st_size;
		if (git_blob_create_from_workdir(&ie.id, git, paths[i]) < 0 ||
		    git_index_add(idx, &ie) < 0)
			rc = git_fail(errs, "cannot make the index for the hooks");
	}
	if (!rc && git_index_write(idx) < 0)
		rc = git_fail(errs, "cannot write the index for the hooks");
done:
	git_object_free(tree);
	git_index_free(idx);
	return rc;
}

/* Run one hook of the commit; DK_EREFUSED when it fails. */
static int
run_one(struct hook_commit *h, const char *path, const char *name,
	const char *const *args, struct diag_list *errs)
{
	char *vars[6];
	int status = 0, rc;

	vars[0] = xasprintf("GIT_INDEX_FILE=%s", h->index_file ? h->index_file :
			    "");
	vars[1] = xstrdup("GIT_EDITOR=:");
	vars[2] = xasprintf("GIT_AUTHOR_NAME=%s", h->author_name);
	vars[3] = xasprintf("GIT_AUTHOR_EMAIL=%s", h->author_email);
	vars[4] = xasprintf("GIT_AUTHOR_DATE=%s", h->author_date);
	vars[5] = NULL;
	if (!h->index_file) {           /* post-commit: git's own index */
		free(vars[0]);
		{
			char *ix = repo_git_path(h->repo, "index", 0);

			vars[0] = xasprintf("GIT_INDEX_FILE=%s", ix);
			free(ix);
		}
	}
	rc = hook_run(h->repo, path, name, args, (const char *const *)vars,
		      &status, errs);
	for (int i = 0; i < 5; i++)
		free(vars[i]);
	if (!rc && status)
		rc = diag_error(errs, DK_EREFUSED,
				"the %s hook refused the commit (exit status %d; its output, if any, is above)",
				name, status);
	return rc;
}

int
hook_commit_before(struct hook_commit *h, const char *const *paths,
		   size_t npaths, const char *message, struct diag_list *errs)
{
	int rc;

	if (!h->pre_commit && !h->prepare_msg && !h->commit_msg)
		return 0;
	if (!h->author_date)    /* no identity: the commit reports it */
		return 0;
	if ((rc = temp_index(h, paths, npaths, errs)))
		return rc;
	if (h->pre_commit &&
	    (rc = run_one(h, h->pre_commit, "pre-commit", NULL, errs)))
		return rc;
	if (!h->prepare_msg && !h->commit_msg)
		return 0;
	h->msg_file = repo_git_path(h->repo, "COMMIT_EDITMSG", 0);
	if (fsutil_write_atomic(h->msg_file, message, strlen(message), errs))
		return DK_EIO;
	return hook_commit_message(h, h->msg_file, "message", errs);
}

int
hook_commit_message(struct hook_commit *h, const char *msg_file,
		    const char *source, struct diag_list *errs)
{
	char *text = NULL, *before = NULL;
	size_t len = 0, blen = 0;
	int rc;

	if ((!h->prepare_msg && !h->commit_msg) || !h->author_date)
		return 0;
	if (fsutil_read(msg_file, LIMIT_GIT_FILE, 0, &before, &blen, errs))
		return DK_EIO;
	if (h->prepare_msg) {
		const char *args[] = { msg_file, source, NULL };

		if ((rc = run_one(h, h->prepare_msg, "prepare-commit-msg", args, errs)))
			goto done;
	}
	if (h->commit_msg) {
		const char *args[] = { msg_file, NULL };

		if ((rc = run_one(h, h->commit_msg, "commit-msg", args, errs)))
			goto done;
	}
	rc = DK_EIO;
	if (fsutil_read(msg_file, LIMIT_GIT_FILE, 0, &text, &len, errs))
		goto done;
	rc = 0;
	if (len != blen || memcmp(text, before, len)) {
		git_buf clean = { 0 };

		/* `git commit -m`'s cleanup: whitespace only, comments kept */
		if (memchr(text, '\0', len) ||
		    git_message_prettify(&clean, text, 0, '#') < 0) {
			git_error_clear();
			rc = diag_error(errs, DK_EREFUSED,
					"the commit message the hooks left in %s cannot be used",
					msg_file);
		} else if (!clean.size) {
			rc = diag_error(errs, DK_EREFUSED,
					"the hooks left an empty commit message: aborting the commit, as git does");
		} else {
			free(h->message);
			h->message = xstrdup(clean.ptr);
		}
		git_buf_dispose(&clean);
	}
done:
	free(text);
	free(before);
	return rc;
}

int
hook_run_plain(struct repo *r, const char *name, const char *const *args,
	       struct diag_list *errs)
{
	char *path = hook_find(r, name), *ix, *vars[3];
	int status = 0, rc;

	if (!path)
		return 0;
	ix = repo_git_path(r, "index", 0);
	vars[0] = xasprintf("GIT_INDEX_FILE=%s", ix);
	vars[1] = xstrdup("GIT_EDITOR=:");
	vars[2] = NULL;
	rc = hook_run(r, path, name, args, (const char *const *)vars, &status, errs);
	if (!rc && status)
		rc = diag_error(errs, DK_EREFUSED,
				"the %s hook refused the commit (exit status %d; its output, if any, is above)",
				name, status);
	free(vars[0]);
	free(vars[1]);
	free(ix);
	free(path);
	return rc;
}

void
hook_commit_after(struct hook_commit *h)
{
	struct diag_list ignored = DIAG_LIST_INIT;

	if (!h->post_commit || !h->author_date)
		return;
	if (h->index_file) {
		unlink(h->index_file);
		free(h->index_file);
		h->index_file = NULL;
	}
	run_one(h, h->post_commit, "post-commit", NULL, &ignored);
	diag_list_release(&ignored);
}
