/*
 * repo_ids.c: the highest item number in use anywhere (repo_max_id).
 *
 * Every local branch (refs/heads/) and remote-tracking branch
 * (refs/remotes/) tip is peeled to its tree; the items folder's entries
 * are read once per distinct folder tree (branches usually share most
 * of them), by name only: no blob is read.  The work tree's folder is
 * listed too, so uncommitted new items count.
 */
#include "core/repo.h"

#include <dirent.h>
#include <git2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/diag.h"
#include "core/item.h"
#include "core/xalloc.h"

static void
consider(const char *name, const char *prefix, long *max)
{
	char *id = item_id_from_filename(name);
	long n = id ? item_id_number(id, prefix) : -1;

	if (n > *max)
		*max = n;
	free(id);
}

static int
seen_tree(git_oid **seen, size_t *n, size_t *alloc, const git_oid *id)
{
	for (size_t i = 0; i < *n; i++)
		if (git_oid_equal(&(*seen)[i], id))
			return 1;
	*seen = xgrow(*seen, alloc, *n + 1, sizeof(**seen));
	git_oid_cpy(&(*seen)[(*n)++], id);
	return 0;
}

int
repo_max_id(struct repo *r, const char *items_rel, const char *prefix,
	    long *out)
{
	git_reference_iterator *it = NULL;
	git_reference *ref;
	git_oid *seen = NULL;
	size_t nseen = 0, aseen = 0;
	char *folder = xstrdup(items_rel ? items_rel : "");
	size_t fl = strlen(folder);
	long max = 0;
	int rc = 0;

	while (fl && folder[fl - 1] == '/')
		folder[--fl] = '\0';
	if (r->git && git_reference_iterator_new(&it, r->git) < 0) {
		snprintf(r->err, sizeof(r->err), "cannot list branches: %s",
			 git_error_last() ? git_error_last()->message : "?");
		git_error_clear();
		free(folder);
		return DK_EIO;
	}
	while (it && git_reference_next(&ref, it) == 0) {
		const char *name = git_reference_name(ref);
		git_object *tree = NULL;
		git_tree_entry *te = NULL;
		git_tree *sub = NULL;

		if ((strncmp(name, "refs/heads/", 11) && strncmp(name, "refs/remotes/", 13)) ||
		    git_reference_type(ref) != GIT_REFERENCE_DIRECT ||
		    git_reference_peel(&tree, ref, GIT_OBJECT_TREE) < 0) {
			git_error_clear();
			git_reference_free(ref);
			continue;
		}
		if (!*folder) {
			sub = (git_tree *)tree;
			tree = NULL;
		} else if (git_tree_entry_bypath(&te, (git_tree *)tree, folder) == 0 &&
			   git_tree_entry_type(te) == GIT_OBJECT_TREE) {
			if (git_tree_lookup(&sub, r->git, git_tree_entry_id(te)) < 0)
				sub = NULL;
		}
		git_error_clear();
		if (sub && !seen_tree(&seen, &nseen, &aseen, git_tree_id(sub))) {
			size_t n = git_tree_entrycount(sub);

			for (size_t i = 0; i < n; i++)
				consider(git_tree_entry_name(git_tree_entry_byindex(sub, i)),
					 prefix, &max);
		}
		git_tree_free(sub);
		git_tree_entry_free(te);
		git_object_free(tree);
		git_reference_free(ref);
	}
	git_error_clear();
	git_reference_iterator_free(it);
	if (r->workdir) {
		char *dir = xasprintf("%s/%s", r->workdir, folder);
		DIR *d = opendir(dir);
		struct dirent *de;

		while (d && (de = readdir(d)))
			consider(de->d_name, prefix, &max);
		if (d)
			closedir(d);
		free(dir);
	}
	free(seen);
	free(folder);
	*out = max;
	return rc;
}
