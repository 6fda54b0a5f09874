#include "core/fsutil.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/diag.h"
#include "core/xalloc.h"

int
fsutil_stage(const char *path, const char *data, size_t len, char **tmpp,
	     struct diag_list *errs)
{
	char *tmp;
	struct stat st;
	size_t done = 0;
	int fd, e;
	mode_t mode = 0644;

	*tmpp = NULL;
	if (stat(path, &st) == 0) {
		mode = st.st_mode & 07777;
		/* the rename would replace it, but read-only means "keep" */
		if (faccessat(AT_FDCWD, path, W_OK, AT_EACCESS) && errno != ENOENT) {
			return diag_error(errs, DK_EIO,
					  "cannot write '%s': %s (the file is read-only)",
					  path, strerror(errno));
		}
	}
	tmp = xasprintf("%s.docket-tmp-XXXXXX", path);
	fd = mkstemp(tmp);
	if (fd < 0) {
		diag_error(errs, DK_EIO, "cannot write '%s': %s", path, strerror(errno));
		free(tmp);
		return DK_EIO;
	}
	while (done < len) {
		ssize_t w = write(fd, data + done, len - done);

		if (w < 0 && errno == EINTR)
			continue;
		if (w == 0)
			errno = ENOSPC;
		if (w <= 0)
			goto fail;
		done += (size_t)w;
	}
	if (fchmod(fd, mode) || fsync(fd))
		goto fail;
	if (close(fd)) {
		fd = -1;
		goto fail;
	}
	*tmpp = tmp;
	return 0;
fail:
	e = errno ? errno : EIO;
	if (fd >= 0)
		close(fd);
	unlink(tmp);
	diag_error(errs, DK_EIO, "cannot write '%s': %s", path, strerror(e));
	free(tmp);
	return DK_EIO;
}

int
fsutil_install(char *tmp, const char *path, struct diag_list *errs)
{
	int rc = 0;

	if (rename(tmp, path)) {
		diag_error(errs, DK_EIO, "cannot write '%s': %s", path, strerror(errno));
		unlink(tmp);
		rc = DK_EIO;
	}
	free(tmp);
	return rc;
}

void
fsutil_discard(char *tmp)
{
	if (tmp)
		unlink(tmp);
	free(tmp);
}

int
fsutil_write_atomic(const char *path, const char *data, size_t len, struct diag_list *errs)
{
	char *tmp;
	int rc = fsutil_stage(path, data, len, &tmp, errs);

	return rc ? rc : fsutil_install(tmp, path, errs);
}

/* Is real (a resolved path) top or below it? */
static int
under(const char *real, const char *top)
{
	size_t n = strlen(top);

	while (n > 1 && top[n - 1] == '/')
		n--;
	return !strncmp(real, top, n) && (real[n] == '/' || real[n] == '\0' ||
					   (n == 1 && top[0] == '/'));
}

int
fsutil_check_inside(const char *top, const char *path, const char *shown,
		    struct diag_list *errs)
{
	char rtop[PATH_MAX], real[PATH_MAX];
	char *dir = xstrdup(path), *slash;
	struct stat st;
	int ok;

	if (lstat(path, &st) == 0 && S_ISLNK(st.st_mode)) {
		free(dir);
		return diag_error(errs, DK_EREFUSED,
				  "%s is a symbolic link: docket does not write through links (not followed)",
				  shown);
	}
	/* the nearest existing folder on the way */
	for (;;) {
		slash = strrchr(dir, '/');
		if (!slash || slash == dir) {
			strcpy(dir, slash ? "/" : ".");
			break;
		}
		*slash = '\0';
		if (stat(dir, &st) == 0)
			break;
	}
	ok = realpath(top, rtop) && realpath(dir, real) && under(real, rtop);
	free(dir);
	if (!ok) {
		return diag_error(errs, DK_EREFUSED,
				  "%s: a folder on its way is a symbolic link leading outside the repository; not followed",
				  shown);
	}
	return 0;
}

int
fsutil_mkdirs(const char *path, struct diag_list *errs)
{
	char *p = xstrdup(path);

	for (char *s = p + 1; ; s++) {
		if (*s == '/' || !*s) {
			char c = *s;

			*s = '\0';
			if (mkdir(p, 0777) && errno != EEXIST) {
				diag_error(errs, DK_EIO, "cannot create folder '%s': %s",
					   p, strerror(errno));
				free(p);
				return DK_EIO;
			}
			*s = c;
			if (!c)
				break;
		}
	}
	free(p);
	return 0;
}

int
fsutil_read(const char *path, char **data, size_t *len, struct diag_list *errs)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t n = 0, alloc = 0;

	*data = NULL;
	*len = 0;
	if (!f) {
		int e = errno;

		return diag_error(errs, e == ENOENT ? DK_ENOTFOUND : DK_EIO,
				  "cannot read '%s': %s", path, strerror(e));
	}
	for (;;) {
		size_t r;

		buf = xgrow(buf, &alloc, n + 65536 + 1, 1);
		r = fread(buf + n, 1, alloc - n - 1, f);
		n += r;
		if (r == 0)
			break;
	}
	if (ferror(f)) {
		diag_error(errs, DK_EIO, "cannot read '%s'", path);
		fclose(f);
		free(buf);
		return DK_EIO;
	}
	fclose(f);
	buf[n] = '\0';
	*data = buf;
	*len = n;
	return 0;
}

int
fsutil_exists(const char *path)
{
	struct stat st;

	return lstat(path, &st) == 0;
}
