/*
 * change_write.c: the files of a change (see change.h): queued by path
 * (a hash map), kept as bytes, as a blob in git's object database
 * (change_put) or as a staged file; written in two steps, all staged
 * then renamed; and the bytes a refusing hook needs put back.
 */
#include "core/change.h"
#include "core/change_int.h"

#include <errno.h>
#include <git2.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/diag.h"
#include "core/fsutil.h"
#include "core/limits.h"
#include "core/xalloc.h"

/* The entry of path, emptied, or a new one at the end. */
static struct change_file *
slot(struct change *c, const char *path)
{
	uintptr_t at = (uintptr_t)strmap_get(&c->byname, path);
	struct change_file *f;

	if (at) {
		f = &c->files[at - 1];
		free(f->data);
		fsutil_discard(f->tmp);
		f->data = f->tmp = NULL;
		f->put = 0;
		return f;
	}
	c->files = xgrow(c->files, &c->alloc, c->nfiles + 1, sizeof(*c->files));
	f = &c->files[c->nfiles++];
	memset(f, 0, sizeof(*f));
	f->path = xstrdup(path);
	strmap_put(&c->byname, f->path, strlen(f->path), (void *)(uintptr_t)c->nfiles);
	return f;
}

static void
queue(struct change *c, const char *path, const char *data, size_t len,
      enum change_op op)
{
	struct change_file *f = slot(c, path);

	f->data = data ? xmemdup0(data, len) : NULL;
	f->len = data ? len : 0;
	f->op = op;
}

int
change_put(struct change *c, const char *path, const char *data, size_t len,
	   struct diag_list *errs)
{
	struct change_file *f;
	git_oid id;
	char *tmp = NULL;

	if (c->repo && c->repo->git) {
		/* unreferenced until the commit names it (see change.h) */
		if (git_blob_create_from_buffer(&id, c->repo->git, data ? data : "",
						len) < 0) {
			struct diag_list why = DIAG_LIST_INIT;

			repo_git_error(DK_EIO, "cannot store it in git", &why);
			diag_error(errs, DK_EIO, "%s: %s; no file was changed", path,
				   diag_last_message(&why));
			diag_list_release(&why);
			return DK_EIO;
		}
	} else {
		/* staged now: the checks write_files and check_targets make
		 * before anything is written */
		char *full = xasprintf("%s/%s", c->top, path), *slash;
		struct diag_list why = DIAG_LIST_INIT;
		int rc = fsutil_check_inside(c->top, full, path, errs);

		slash = strrchr(full, '/');
		*slash = '\0';
		if (!rc)
			rc = fsutil_mkdirs(full, &why);
		*slash = '/';
		if (!rc && !why.n)
			rc = fsutil_stage(full, data ? data : "", len, FSUTIL_NOSYNC,
					  &tmp, &why);
		free(full);
		if (why.n)
			diag_error(errs, DK_EIO, "%s; no file was changed",
				   diag_last_message(&why));
		diag_list_release(&why);
		if (rc)
			return rc;
	}
	f = slot(c, path);
	f->op = CHANGE_WRITE;
	f->put = 1;
	f->len = len;
	f->tmp = tmp;
	if (!tmp)
		git_oid_cpy(&f->blob, &id);
	return 0;
}

void
change_write(struct change *c, const char *path, const char *data, size_t len)
{
	queue(c, path, data, len, CHANGE_WRITE);
}

void
change_delete(struct change *c, const char *path)
{
	queue(c, path, NULL, 0, CHANGE_DELETE);
}

void
change_ondisk(struct change *c, const char *path)
{
	queue(c, path, NULL, 0, CHANGE_ONDISK);
}

/* ---------------------------------------------------------------------
 * Writing
 * ------------------------------------------------------------------- */

/* Stage full with the bytes of the blob id (one file in memory at a
 * time). */
static int
stage_blob(struct change *c, const char *full, const char *path,
	   const git_oid *id, unsigned flags, char **tmp, struct diag_list *errs)
{
	git_blob *b = NULL;
	int rc;

	if (git_blob_lookup(&b, c->repo->git, id) < 0) {
		struct diag_list why = DIAG_LIST_INIT;

		repo_git_error(DK_EIO, "cannot read it back from git", &why);
		rc = diag_error(errs, DK_EIO, "%s: %s", path, diag_last_message(&why));
		diag_list_release(&why);
		return rc;
	}
	rc = fsutil_stage(full, git_blob_rawcontent(b), (size_t)git_blob_rawsize(b),
			  flags, tmp, errs);
	git_blob_free(b);
	return rc;
}

/* The folders on the way to full (its last component a file): made
 * once for a run of files in the same folder. */
static int
make_folder(char *full, char **made, struct diag_list *errs)
{
	char *slash = strrchr(full, '/');
	int rc = 0;

	*slash = '\0';
	if (!*made || strcmp(*made, full)) {
		rc = fsutil_mkdirs(full, errs);
		free(*made);
		*made = rc ? NULL : xstrdup(full);
	}
	*slash = '/';
	return rc;
}

/* Past this many files a change is made durable by one flush of the
 * file system rather than an fsync per file (fsutil_sync). */
#define SYNC_ONCE_PAST 8

/*
 * Write the files in two steps: stage every new file as a temporary
 * file (this is where a read-only file or folder, a full disk or a
 * file-size limit fails), then rename them all into place.  A failure
 * while staging changes nothing; only a failed rename (rare: the
 * folder changed under us) can leave some files written.  A file put
 * without a repository is staged already (change_put).  Every staged
 * file is on disk before the first rename.
 */
int
change__write_files(struct change *c, struct diag_list *errs)
{
	struct diag_list err = DIAG_LIST_INIT;
	char **tmp = xcalloc(c->nfiles + 1, sizeof(*tmp)), *made = NULL;
	size_t i, nwrite = 0;
	unsigned flags;
	int rc = 0, sync_all = 0;

	for (i = 0; i < c->nfiles; i++) {
		nwrite += c->files[i].op == CHANGE_WRITE;
		sync_all |= c->files[i].put && c->files[i].tmp;
	}
	if (nwrite > SYNC_ONCE_PAST)
		sync_all = 1;
	flags = sync_all ? FSUTIL_NOSYNC : 0;
	for (i = 0; i < c->nfiles && !rc; i++) {
		struct change_file *f = &c->files[i];
		char *full;

		if (f->op != CHANGE_WRITE)
			continue;
		if (f->put && f->tmp) {
			tmp[i] = f->tmp;
			f->tmp = NULL;
			continue;
		}
		full = xasprintf("%s/%s", c->top, f->path);
		rc = make_folder(full, &made, &err);
		if (!rc && f->put)
			rc = stage_blob(c, full, f->path, &f->blob, flags, &tmp[i], &err);
		else if (!rc)
			rc = fsutil_stage(full, f->data, f->len, flags, &tmp[i], &err);
		free(full);
	}
	free(made);
	if (!rc && sync_all)
		rc = fsutil_sync(c->top, &err);
	if (rc) {
		for (size_t k = 0; k < c->nfiles; k++)
			fsutil_discard(tmp[k]);
		free(tmp);
		diag_error(errs, DK_EIO, "%s; no file was changed",
			   diag_last_message(&err));
		diag_list_release(&err);
		return DK_EIO;
	}
	for (i = 0; i < c->nfiles; i++) {
		struct change_file *f = &c->files[i];
		char *full = xasprintf("%s/%s", c->top, f->path);

		if (f->op == CHANGE_WRITE) {
			rc = fsutil_install(tmp[i], full, &err);
			tmp[i] = NULL;
		} else if (f->op == CHANGE_DELETE && unlink(full) && errno != ENOENT) {
			rc = diag_error(&err, DK_EIO, "cannot remove %s: %s",
					f->path, strerror(errno));
		}
		free(full);
		if (rc)
			break;
	}
	if (rc) {
		for (size_t k = i + 1; k < c->nfiles; k++)
			fsutil_discard(tmp[k]);
		diag_error(errs, DK_EIO, "%s%s", diag_last_message(&err),
			   i ? " (the files before it were written)" : "; no file was changed");
		diag_list_release(&err);
		c->written = i > 0;
		free(tmp);
		return DK_EIO;
	}
	free(tmp);
	c->written = 1;
	return 0;
}

/* Keep the bytes of the files docket is about to write or remove, for
 * a hook that refuses the commit: as blobs, one file in memory at a
 * time.  A file that cannot be kept stops the commit before anything is
 * written (DK_EIO). */
int
change__keep_old(struct change *c, struct diag_list *errs)
{
	for (size_t i = 0; i < c->nfiles; i++) {
		struct change_file *f = &c->files[i];
		char *full, *old = NULL;
		size_t oldlen = 0;
		struct diag_list ignored = DIAG_LIST_INIT;
		int rc = 0;

		if (f->op == CHANGE_ONDISK)
			continue;
		full = xasprintf("%s/%s", c->top, f->path);
		f->had_old = fsutil_read(full, LIMIT_FILE, 0, &old, &oldlen,
					 &ignored) == 0;
		if (f->had_old &&
		    git_blob_create_from_buffer(&f->old, c->repo->git, old, oldlen) < 0) {
			struct diag_list why = DIAG_LIST_INIT;

			repo_git_error(DK_EIO, "cannot keep its bytes in git for the hooks", &why);
			rc = diag_error(errs, DK_EIO, "%s: %s; no file was changed",
					f->path, diag_last_message(&why));
			diag_list_release(&why);
		}
		diag_list_release(&ignored);
		free(old);
		free(full);
		if (rc)
			return rc;
	}
	return 0;
}

/* Put the kept bytes back (remove the files that were not there). */
int
change__restore_old(struct change *c, struct diag_list *errs)
{
	int rc = 0;

	for (size_t i = 0; i < c->nfiles; i++) {
		struct change_file *f = &c->files[i];
		char *full = xasprintf("%s/%s", c->top, f->path), *tmp = NULL;

		if (f->op == CHANGE_ONDISK) {
			free(full);
			continue;
		}
		if (f->had_old) {
			if (stage_blob(c, full, f->path, &f->old, 0, &tmp, errs) ||
			    fsutil_install(tmp, full, errs))
				rc = DK_EIO;
		} else if (unlink(full) && errno != ENOENT) {
			rc = diag_error(errs, DK_EIO, "cannot remove %s: %s", f->path,
					strerror(errno));
		}
		free(full);
	}
	return rc;
}
