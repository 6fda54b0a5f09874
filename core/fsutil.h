/*
 * fsutil: file-system helpers with explicit error values.
 *
 * fsutil_write_atomic writes to a temporary file in the same folder,
 * fsyncs it and renames it over the target, so a reader sees the old or
 * the new file, never a mix, and a crash never leaves half a file.
 * It is also two steps for a changeset of several files:
 * fsutil_stage writes every temporary file first (where a full disk, a
 * file-size limit or a read-only file or folder shows), and only when
 * all are staged fsutil_install renames them into place, so a failure
 * leaves no file changed (fsutil_discard removes the staged ones).
 * Each staged file is fsynced before it is renamed; for a changeset of
 * many files, FSUTIL_NOSYNC leaves that to one fsutil_sync for all of
 * them (one flush of the file system instead of one wait per file).
 *
 * An existing file that the user may not write (chmod a-w) is refused,
 * although the rename would replace it: read-only means "do not change".
 */
#ifndef DOCKET_FSUTIL_H
#define DOCKET_FSUTIL_H

#include <stddef.h>
#include <sys/stat.h>

#include "core/diag.h"
#include "core/limits.h"

/* Each function that can fail returns 0 or a DK_* code after appending
 * the reason (naming the file) to errs. */

/* The folder for temporary files: $TMPDIR, else /tmp. */
const char *fsutil_tmpdir(void);
/* A new empty file named STEM-XXXXXX in dir, removed from the folder at
 * once (it is gone with its last descriptor, on every path) and closed
 * on exec: its descriptor, or -1 with errno set. */
int fsutil_tmpfile(const char *dir, const char *stem);

/* Returns 0, or DK_EIO. */
int fsutil_write_atomic(const char *path, const char *data, size_t len,
			struct diag_list *errs);
/* Write data to a new temporary file next to path (fsynced unless
 * flags has FSUTIL_NOSYNC, with path's mode); *tmp receives its name
 * (malloc'ed).  0, or DK_EIO with no temporary file left. */
int fsutil_stage(const char *path, const char *data, size_t len,
		 unsigned flags, char **tmp, struct diag_list *errs);
/* Flush the file system holding path (a folder) to disk: the files
 * staged with FSUTIL_NOSYNC there are then as durable as fsynced ones.
 * 0, or DK_EIO. */
int fsutil_sync(const char *path, struct diag_list *errs);
/* Rename a staged file over path (frees tmp).  0 or DK_EIO. */
int fsutil_install(char *tmp, const char *path, struct diag_list *errs);
/* Remove a staged file that will not be installed (frees tmp). */
void fsutil_discard(char *tmp);
/*
 * Is it safe to write or remove path, a file of the work tree top?
 * Refuses (DK_EREFUSED, the reason naming shown) when path is a
 * symbolic link, or when its folder resolves outside top (a folder on
 * the way is a symbolic link leading out of the repository).  A folder
 * that does not exist yet is judged by its nearest existing parent.
 */
int fsutil_check_inside(const char *top, const char *path, const char *shown,
			struct diag_list *errs);
/* mkdir -p. Returns 0 or DK_EIO. */
int fsutil_mkdirs(const char *path, struct diag_list *errs);
/*
 * Reading.  docket reads only regular files, and never blocks on one
 * that is not: the open is non-blocking and does not follow a final
 * symbolic link (unless FSUTIL_FOLLOW), the type is checked on the open
 * descriptor (fstat: a check before the open would race), and only
 * then is O_NONBLOCK cleared.  A FIFO, a device, a socket or a folder
 * is refused with DK_EINVALID and a message naming what it is.  A file
 * is also bounded in bytes before it is read: its size, and what the
 * read finds (a file growing meanwhile), against the limit of its kind
 * (core/limits.h), named in the message.
 */
enum fsutil_flags {
	FSUTIL_FOLLOW = 1 << 0,  /* follow a final symbolic link */
	FSUTIL_NOSYNC = 1 << 1,  /* fsutil_stage: no fsync (fsutil_sync) */
};
/* Open a regular file for reading (see above): 0 with *fd and *st, or
 * DK_ENOTFOUND, DK_EINVALID (not a regular file, a link not followed),
 * DK_EIO; the message names shown (or path when shown is NULL). */
int fsutil_open_regular(const char *path, const char *shown, unsigned flags,
			int *fd, struct stat *st, struct diag_list *errs);
/* Read the open file fd (st from fsutil_open_regular) whole: at most
 * limit_bytes(lim) bytes, else DK_EINVALID naming the limit.  data is
 * malloc'ed and NUL-terminated.  Does not close fd. */
int fsutil_read_fd(int fd, const struct stat *st, enum limit_kind lim,
		   const char *shown, char **data, size_t *len,
		   struct diag_list *errs);
/* fsutil_open_regular then fsutil_read_fd: 0, DK_ENOTFOUND, DK_EINVALID
 * or DK_EIO, the message naming path. */
int fsutil_read(const char *path, enum limit_kind lim, unsigned flags,
		char **data, size_t *len, struct diag_list *errs);
/* "a FIFO (named pipe)", "a folder", ... for a file type (st_mode). */
const char *fsutil_type_name(unsigned mode);
int fsutil_exists(const char *path);

#endif
