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

int
repo_blob_read(struct repo *r, const char *id, char **data, size_t *len)
{
	git_oid oid;
	git_blob *b = NULL;
	int rc;

	*data = NULL;
	*len = 0;
	if (strlen(id) != 40 || strspn(id, "0123456789abcdef") != 40 ||
	    git_oid_fromstr(&oid, id) < 0) {
		git_error_clear();
		return DK_ENOTFOUND;
	}
	rc = git_blob_lookup(&b, r->git, &oid);
	if (rc == GIT_ENOTFOUND) {
		git_error_clear();
		return DK_ENOTFOUND;
	}
	if (rc < 0) {
		const git_error *e = git_error_last();

		snprintf(r->err, sizeof(r->err), "cannot read blob %s: %s", id,
			 e && e->message ? e->message : "unknown error");
		git_error_clear();
		return DK_EIO;
	}
	*len = (size_t)git_blob_rawsize(b);
	*data = xmemdup0(git_blob_rawcontent(b), *len);
	git_blob_free(b);
	return 0;
}
