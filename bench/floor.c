/*
 * floor.c: what libgit2 alone costs for a one-file commit, timed by
 * bench/bench.py next to docket's write commands (move, set, done).
 *
 *   floor REPO PATH           the floor: start libgit2, open the
 *                             repository, read git's index, update the
 *                             entry of PATH, write the index back.  Any
 *                             libgit2 program that commits a file from
 *                             a work tree does at least this.
 *   floor --commit REPO PATH  a whole commit the way `git commit -a`
 *                             makes it with libgit2: change PATH (one
 *                             byte appended), update the index, write
 *                             the tree from the index
 *                             (git_index_write_tree) and commit on HEAD.
 *
 * No docket code: no parsing, no checks, no ORDER.
 */
#include <git2.h>
#include <stdio.h>
#include <string.h>

/* libgit2 starts as in docket (core/repo.c): Debian's libgit2 (mbedTLS)
 * parses the system's CA bundle in git_libgit2_init, which a program
 * that never connects anywhere does not need; docket's definition of
 * the parsing function, which libgit2's call binds to, skips it, and so
 * does this one, so that the floor stays the least any such program does. */
int mbedtls_x509_crt_parse_file(void *chain, const char *path);

int
mbedtls_x509_crt_parse_file(void *chain, const char *path)
{
	(void)chain;
	(void)path;
	return 0;
}

static int
append_byte(const char *repo, const char *path)
{
	char full[4096];
	FILE *f;

	if (snprintf(full, sizeof(full), "%s/%s", repo, path) >= (int)sizeof(full) ||
	    !(f = fopen(full, "a")))
		return -1;
	fputc('\n', f);
	return fclose(f) ? -1 : 0;
}

static int
commit_index(git_repository *repo, git_index *idx)
{
	git_signature *sig = NULL;
	git_commit *parent = NULL;
	git_tree *tree = NULL;
	git_oid tree_id, head_id, commit_id;
	int rc = -1;

	if (git_index_write_tree(&tree_id, idx) == 0 &&
	    git_tree_lookup(&tree, repo, &tree_id) == 0 &&
	    git_reference_name_to_id(&head_id, repo, "HEAD") == 0 &&
	    git_commit_lookup(&parent, repo, &head_id) == 0 &&
	    git_signature_default(&sig, repo) == 0 &&
	    git_commit_create(&commit_id, repo, "HEAD", sig, sig, NULL, "floor",
			      tree, 1, (const git_commit **)&parent) == 0)
		rc = 0;
	git_signature_free(sig);
	git_commit_free(parent);
	git_tree_free(tree);
	return rc;
}

int
main(int argc, char **argv)
{
	git_repository *repo = NULL;
	git_index *idx = NULL;
	int commit = argc == 4 && !strcmp(argv[1], "--commit"), rc = 1;
	const char *dir = argv[1 + commit], *path = argv[2 + commit];

	if (argc != 3 + commit) {
		fprintf(stderr, "usage: floor [--commit] REPO PATH\n");
		return 2;
	}
	git_libgit2_init();
	if ((!commit || append_byte(dir, path) == 0) &&
	    git_repository_open(&repo, dir) == 0 &&
	    git_repository_index(&idx, repo) == 0 &&
	    git_index_add_bypath(idx, path) == 0 &&
	    git_index_write(idx) == 0 &&
	    (!commit || commit_index(repo, idx) == 0))
		rc = 0;
	else
		fprintf(stderr, "floor: %s\n",
			git_error_last() ? git_error_last()->message : "failed");
	git_index_free(idx);
	git_repository_free(repo);
	git_libgit2_shutdown();
	return rc;
}
