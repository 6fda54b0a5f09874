/*
 * fsutil: file-system helpers with explicit error values.
 *
 * fsutil_write_atomic writes to a temporary file in the same folder,
 * fsyncs it and renames it over the target, so a reader sees the old or
 * the new file, never a mix, and a crash never leaves half a file.
 */
#ifndef DOCKET_FSUTIL_H
#define DOCKET_FSUTIL_H

#include <stddef.h>

/* Returns 0, or DK_EIO with strerror text in err. */
int fsutil_write_atomic(const char *path, const char *data, size_t len,
			char *err, size_t errlen);
/* The first half of an atomic write: data to the new file tmp (any file
 * or link already there is removed first; tmp is created exclusively,
 * never through a link), with path's mode when path exists, fsynced.
 * rename(tmp, path) completes it.  On failure tmp is removed.  Returns 0,
 * or DK_EIO with strerror text naming path in err. */
int fsutil_write_temp(const char *tmp, const char *path, const char *data,
		      size_t len, char *err, size_t errlen);
/* mkdir -p. Returns 0 or DK_EIO. */
int fsutil_mkdirs(const char *path, char *err, size_t errlen);
/* Read a whole file (malloc'ed, NUL-terminated). DK_ENOTFOUND / DK_EIO. */
int fsutil_read(const char *path, char **data, size_t *len, char *err,
		size_t errlen);
int fsutil_exists(const char *path);

#endif
