/* history_added.c: when a path was added on the first-parent history
 * (core/history.h: history_path_added). */
#include <git2.h>
#include <limits.h>
#include <string.h>

#include "core/history.h"

/* Is path in commit c's tree? */
static int
has_path(git_commit *c, const char *path)
{
	git_tree *t = NULL;
	git_tree_entry *e = NULL;
	int found;

	if (git_commit_tree(&t, c) < 0)
		return 0;
	found = git_tree_entry_bypath(&e, t, path) == 0;
	git_tree_entry_free(e);
	git_tree_free(t);
	return found;
}

int
history_path_added(struct repo *r, const char *path, long long *when)
{
	git_oid head;
	git_commit *c = NULL;
	size_t n = 0;

	*when = LLONG_MAX;
	if (!r || !r->git || git_reference_name_to_id(&head, r->git, "HEAD") < 0 ||
	    git_commit_lookup(&c, r->git, &head) < 0)
		return 0;
	if (!has_path(c, path)) {
		git_commit_free(c);
		return 0;
	}
	/* back along the first parents while the parent still has it */
	while (n++ < HISTORY_ADDED_MAX_COMMITS && git_commit_parentcount(c) > 0) {
		git_commit *p = NULL;

		if (git_commit_parent(&p, c, 0) < 0)
			break;
		if (!has_path(p, path)) {
			git_commit_free(p);
			break;
		}
		git_commit_free(c);
		c = p;
	}
	*when = (long long)git_commit_time(c);
	git_commit_free(c);
	return 1;
}
