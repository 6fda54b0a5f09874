/*
 * hook: the repository's git hooks, run around docket's commits as git
 * runs them around `git commit -- PATHS` (githooks(5)); libgit2 runs
 * none.
 *
 * Where hooks are: core.hooksPath (absolute, or relative to the work
 * tree's top, as git resolves it; `~/` expanded), else hooks/ in the
 * git folder every work tree of the repository shares.  A hook is an
 * executable regular file of that name; any other file is ignored, as
 * git ignores it.
 *
 * How one runs (hook_run): from the work tree's top, standard input
 * from /dev/null, standard output sent to standard error (the hook's
 * output is shown where docket's errors go), with docket's environment
 * plus the variables given and HOOK_ENV naming the hook; a script
 * without "#!" runs with /bin/sh, as git does.  Its status is its exit
 * status, or 128 + the signal that killed it.
 *
 * A commit (hook_commit_*), in git's order:
 *
 *   hook_commit_init     find pre-commit, prepare-commit-msg,
 *                        commit-msg and post-commit (no_verify drops
 *                        pre-commit and commit-msg, as git's
 *                        --no-verify does); the author docket commits as
 *   hook_commit_before   when a hook runs before the commit: a
 *                        temporary index, HEAD's tree with docket's
 *                        paths from the work tree, in GIT_INDEX_FILE;
 *                        pre-commit (no arguments); the message in
 *                        <git folder>/COMMIT_EDITMSG; prepare-commit-msg
 *                        FILE message; commit-msg FILE; the message read
 *                        back (a hook may rewrite it), its whitespace
 *                        cleaned as `git commit -m` does
 *   ... the caller commits docket's paths as the temporary index holds
 *       them (a hook may have staged changes to them), with h->message
 *       and h->author_date ...
 *   hook_commit_after    post-commit (its status is ignored, as git's)
 *   hook_commit_release  remove the temporary index, free everything
 *
 * Every hook gets GIT_EDITOR=: and GIT_AUTHOR_NAME, GIT_AUTHOR_EMAIL
 * and GIT_AUTHOR_DATE of the commit.  A docket write started by a hook
 * (HOOK_ENV set) is refused by change_begin, with a message, rather
 * than waiting for the lock its parent holds.
 *
 * Errors: DK_EREFUSED when a hook failed (its output is above, on
 * standard error) or the message became empty; DK_EIO when the
 * temporary index or the message file cannot be written, or a hook
 * cannot be started.  The message in errs says which.
 *
 * Ownership: struct hook_commit owns its strings; hook_find returns a
 * malloc'ed path.
 */
#ifndef DOCKET_HOOK_H
#define DOCKET_HOOK_H

#include <stddef.h>

#include "core/diag.h"
#include "core/repo.h"

/* Set in every hook's environment to the hook's name. */
#define HOOK_ENV "DOCKET_HOOK"

/* The executable hook name (malloc'ed path), or NULL when there is none. */
char *hook_find(struct repo *r, const char *name);

/* Run the hook at path with args (NULL-terminated, may be NULL) and the
 * "NAME=VALUE" strings of env added to the environment (NULL-terminated,
 * may be NULL).  0 with *status set, or DK_EIO when it cannot be
 * started. */
int hook_run(struct repo *r, const char *path, const char *name,
	     const char *const *args, const char *const *env, int *status,
	     struct diag_list *errs);

struct hook_commit {
	struct repo *repo;              /* borrowed */
	char *pre_commit, *prepare_msg, *commit_msg, *post_commit;
	char *index_file;       /* the temporary index, absolute, or NULL */
	char *msg_file;         /* <git folder>/COMMIT_EDITMSG, or NULL */
	char *message;          /* the message after the hooks, or NULL */
	char *author_name, *author_email;
	char *author_date;      /* "@EPOCH +HHMM": the commit's author date */
};

/* Find the hooks and the author.  Returns 1 when a hook runs before the
 * commit (hook_commit_before has work to do), 0 when none does. */
int hook_commit_init(struct hook_commit *h, struct repo *r, int no_verify);
int hook_commit_before(struct hook_commit *h, const char *const *paths,
		       size_t npaths, const char *message,
		       struct diag_list *errs);
/* prepare-commit-msg MSG_FILE SOURCE and commit-msg MSG_FILE (those
 * found), then the message read back into h->message when a hook
 * changed it (cleaned; an empty one refused).  hook_commit_before calls
 * it with COMMIT_EDITMSG and "message"; a merge with MERGE_MSG and
 * "merge". */
int hook_commit_message(struct hook_commit *h, const char *msg_file,
			const char *source, struct diag_list *errs);
/* Run the hook name, when there is one, with GIT_INDEX_FILE naming
 * git's own index and GIT_EDITOR=: (pre-merge-commit, post-merge).
 * 0 when there is none or it succeeded; DK_EREFUSED when it failed. */
int hook_run_plain(struct repo *r, const char *name, const char *const *args,
		   struct diag_list *errs);
/* post-commit, when there is one. */
void hook_commit_after(struct hook_commit *h);
void hook_commit_release(struct hook_commit *h);

#endif
