/*
 * repo_blob.c: blob ids of bytes and blobs read by id (see repo.h), the
 * versions `docket serve` puts on its forms.
 */
#include "core/repo.h"

#include <git2.h>
#include <stdio.h>
#include <string.h>

#include "core/diag.h"
#include "core/xalloc.h"

void
repo_blob_id(struct repo *r, char out[41], const void *data, size_t len)
{
	git_oid oid;

	(void)r;
	if (git_odb_hash(&oid, data, len, GIT_OBJECT_BLOB) < 0) {
		git_error_clear();
		memset(out, '0', 40);
		out[40] = '\0';
		return;
	}
	git_oid_tostr(out, 41, &oid);
}

static int
exists(struct repo *r, const git_oid *oid)
{
	git_odb *odb = NULL;
	int found;

	if (git_repository_odb(&odb, r->git) < 0) {
		git_error_clear();
		return 0;
	}
	found = git_odb_exists(odb, oid);
	git_odb_free(odb);
	return found;
}

int
repo_blob_hex(struct repo *r, const char *id, enum limit_kind lim, char **data,
	      size_t *len, struct diag_list *errs)
{
	git_oid oid;

	*data = NULL;
	*len = 0;
	if (strlen(id) != 40 || strspn(id, "0123456789abcdef") != 40 ||
	    git_oid_fromstr(&oid, id) < 0) {
		git_error_clear();
		return DK_ENOTFOUND;
	}
	if (!exists(r, &oid))
		return DK_ENOTFOUND;
	return repo_blob_read(r->git, &oid, lim, "a version of a file", data, len,
			      errs);
}
