/*
 * floor.c: the least any libgit2 program must do to commit one file in a
 * work tree, timed by bench/bench.py as the floor of docket's write
 * commands (move, set, done): start libgit2, open the repository, read
 * git's index, update the entry of one path, write the index back.  No
 * docket code, no tree, no commit object: a lower bound.
 *
 *   floor REPO PATH
 */
#include <git2.h>
#include <stdio.h>

int
main(int argc, char **argv)
{
	git_repository *repo = NULL;
	git_index *idx = NULL;
	int rc = 1;

	if (argc != 3) {
		fprintf(stderr, "usage: floor REPO PATH\n");
		return 2;
	}
	git_libgit2_init();
	if (git_repository_open(&repo, argv[1]) == 0 &&
	    git_repository_index(&idx, repo) == 0 &&
	    git_index_add_bypath(idx, argv[2]) == 0 &&
	    git_index_write(idx) == 0)
		rc = 0;
	else
		fprintf(stderr, "floor: %s\n",
			git_error_last() ? git_error_last()->message : "failed");
	git_index_free(idx);
	git_repository_free(repo);
	git_libgit2_shutdown();
	return rc;
}
