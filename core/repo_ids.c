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
repo_branch_items_each(struct repo *r, const char *items_rel,
		       int (*fn)(void *arg, const char *branch, const char *name),
		       void *arg, struct diag_list *errs)
{
	git_reference_iterator *it = NULL;
	git_reference *ref;
	git_oid *seen = NULL;
	size_t nseen = 0, aseen = 0;
	char *folder = xstrdup(items_rel ? items_rel : "");
	size_t fl = strlen(folder);
	int stop = 0;

	while (fl && folder[fl - 1] == '/')
		folder[--fl] = '\0';
	if (!r->git) {
		free(folder);
		return 0;
	}
	if (git_reference_iterator_new(&it, r->git) < 0) {
		diag_error(errs, DK_EIO, "cannot list branches: %s",
			   git_error_last() ? git_error_last()->message : "?");
		git_error_clear();
		free(folder);
		return DK_EIO;
	}
	while (!stop && git_reference_next(&ref, it) == 0) {
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
			const char *branch = name + (name[5] == 'h' ? 11 : 13);
			size_t n = git_tree_entrycount(sub);

			for (size_t i = 0; !stop && i < n; i++)
				stop = fn(arg, branch,
					  git_tree_entry_name(git_tree_entry_byindex(sub, i)));
		}
		git_tree_free(sub);
		git_tree_entry_free(te);
		git_object_free(tree);
		git_reference_free(ref);
	}
	git_error_clear();
	git_reference_iterator_free(it);
	free(seen);
	free(folder);
	return 0;
}

struct max_arg {
	const char *prefix;
	long max;
};

static int
max_visit(void *arg, const char *branch, const char *name)
{
	struct max_arg *m = arg;

	(void)branch;
	consider(name, m->prefix, &m->max);
	return 0;
}

int
repo_max_id(struct repo *r, const char *items_rel, const char *prefix,
	    long *out, struct diag_list *errs)
{
	struct max_arg m = { prefix, 0 };
	int rc = repo_branch_items_each(r, items_rel, max_visit, &m, errs);

	if (rc)
		return rc;
	if (r->workdir) {
		char *dir = xasprintf("%s/%s", r->workdir, items_rel ? items_rel : "");
		DIR *d = opendir(dir);
		struct dirent *de;

		while (d && (de = readdir(d)))
			consider(de->d_name, prefix, &m.max);
		if (d)
			closedir(d);
		free(dir);
	}
	*out = m.max;
	return 0;
}
