/*
 * repo_blob.c: blobs read whole but bounded (repo_blob_read: the size
 * from the object's header before anything is inflated), blob ids of
 * bytes and blobs read by id (see repo.h), the versions `docket serve`
 * puts on its forms.
 */
#include "core/repo.h"

#include <git2.h>
#include <stdio.h>
#include <string.h>

#include "core/diag.h"
#include "core/xalloc.h"

int
repo_blob_read(git_repository *git, const git_oid *id, enum limit_kind lim,
	       const char *shown, char **data, size_t *len, char *err,
	       size_t errlen)
{
	git_odb *odb = NULL;
	git_odb_object *obj = NULL;
	git_object_t type;
	size_t size = 0;
	int rc = 0;

	*data = NULL;
	*len = 0;
	if (git_repository_odb(&odb, git) < 0 ||
	    git_odb_read_header(&size, &type, odb, id) < 0) {
		const git_error *e = git_error_last();

		snprintf(err, errlen, "cannot read %s from git: %s", shown,
			 e && e->message ? e->message : "unknown error");
		git_error_clear();
		git_odb_free(odb);
		return DK_EIO;
	}
	if (type != GIT_OBJECT_BLOB) {
		snprintf(err, errlen, "%s is not a file in git", shown);
		rc = DK_EINVALID;
	} else if (size > limit_bytes(lim)) {
		snprintf(err, errlen, "%s is %zu bytes in git, over %s; not read",
			 shown, size, limit_name(lim));
		rc = DK_EINVALID;
	} else if (git_odb_read(&obj, odb, id) < 0) {
		const git_error *e = git_error_last();

		snprintf(err, errlen, "cannot read %s from git: %s", shown,
			 e && e->message ? e->message : "unknown error");
		git_error_clear();
		rc = DK_EIO;
	} else {
		*len = git_odb_object_size(obj);
		*data = xmemdup0(git_odb_object_data(obj), *len);
	}
	git_odb_object_free(obj);
	git_odb_free(odb);
	return rc;
}

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
	      size_t *len)
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
			      r->err, sizeof(r->err));
}
