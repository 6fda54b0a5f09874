/* (syncfs is Linux's) */
#define _GNU_SOURCE
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
fsutil_stage(const char *path, const char *data, size_t len, unsigned flags,
	     char **tmpp, struct diag_list *errs)
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
	if (fchmod(fd, mode) || (!(flags & FSUTIL_NOSYNC) && fsync(fd)))
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
	int rc = fsutil_stage(path, data, len, 0, &tmp, errs);

	return rc ? rc : fsutil_install(tmp, path, errs);
}

int
fsutil_sync(const char *path, struct diag_list *errs)
{
	int fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC), rc = 0;

#ifdef __linux__
	if (fd < 0 || syncfs(fd))
#else
	if (fd < 0 || (sync(), 0))
#endif
		rc = diag_error(errs, DK_EIO, "cannot flush the files in '%s' to disk: %s",
				path, strerror(errno));
	if (fd >= 0)
		close(fd);
	return rc;
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

const char *
fsutil_type_name(unsigned mode)
{
	switch (mode & S_IFMT) {
	case S_IFREG: return "a regular file";
	case S_IFDIR: return "a folder";
	case S_IFIFO: return "a FIFO (named pipe)";
	case S_IFCHR: return "a character device";
	case S_IFBLK: return "a block device";
	case S_IFSOCK: return "a socket";
	case S_IFLNK: return "a symbolic link";
	default: return "not a regular file";
	}
}

int
fsutil_open_regular(const char *path, const char *shown, unsigned flags,
		    int *fdp, struct stat *st, struct diag_list *errs)
{
	int oflags = O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY;
	int fd;

	if (!shown)
		shown = path;
	*fdp = -1;
	if (!(flags & FSUTIL_FOLLOW))
		oflags |= O_NOFOLLOW;
	fd = open(path, oflags);
	if (fd < 0) {
		int e = errno;

		if (e == ELOOP && !(flags & FSUTIL_FOLLOW) && lstat(path, st) == 0 &&
		    S_ISLNK(st->st_mode)) {
			return diag_error(errs, DK_EINVALID,
					  "%s is a symbolic link: not followed", shown);
		}
		/* a socket cannot be opened at all (ENXIO): say what it is */
		if ((flags & FSUTIL_FOLLOW ? stat(path, st) : lstat(path, st)) == 0 &&
		    !S_ISREG(st->st_mode))
			return diag_error(errs, DK_EINVALID,
					  "%s is %s, not a regular file: docket reads only regular files",
					  shown, fsutil_type_name(st->st_mode));
		return diag_error(errs, e == ENOENT || e == ENOTDIR ? DK_ENOTFOUND : DK_EIO,
				  "cannot read %s: %s", shown, strerror(e));
	}
	if (fstat(fd, st)) {
		diag_error(errs, DK_EIO, "cannot read %s: %s", shown, strerror(errno));
		close(fd);
		return DK_EIO;
	}
	if (!S_ISREG(st->st_mode)) {
		diag_error(errs, DK_EINVALID,
			   "%s is %s, not a regular file: docket reads only regular files",
			   shown, fsutil_type_name(st->st_mode));
		close(fd);
		return DK_EINVALID;
	}
	/* the file status flags are the ones given to open (of them only
	 * O_NONBLOCK is one F_SETFL sets): set them less O_NONBLOCK without
	 * reading them back (F_GETFL), one call per file read */
	if (fcntl(fd, F_SETFL, oflags & ~O_NONBLOCK) < 0) {
		diag_error(errs, DK_EIO, "cannot read %s: %s", shown, strerror(errno));
		close(fd);
		return DK_EIO;
	}
	*fdp = fd;
	return 0;
}

static int
too_big(const char *shown, unsigned long long size, int at_least,
	enum limit_kind lim, struct diag_list *errs)
{
	return diag_error(errs, DK_EINVALID, "%s is %s%llu bytes, over %s", shown,
			  at_least ? "more than " : "", size, limit_name(lim));
}

int
fsutil_read_fd(int fd, const struct stat *st, enum limit_kind lim,
	       const char *shown, char **data, size_t *len,
	       struct diag_list *errs)
{
	size_t max = limit_bytes(lim), want, got = 0;
	char *buf;

	*data = NULL;
	*len = 0;
	if (st->st_size < 0 || (unsigned long long)st->st_size > max)
		return too_big(shown, (unsigned long long)st->st_size, 0, lim, errs);
	/* the size as fstat saw it, plus one byte to notice growth */
	want = (size_t)st->st_size + 1;
	buf = xmalloc(want + 1);
	for (;;) {
		ssize_t r;

		if (got == want) {
			if (want > max) {
				free(buf);
				return too_big(shown, (unsigned long long)got, 1, lim,
					       errs);
			}
			want = want * 2 > max + 1 ? max + 1 : want * 2;
			buf = xrealloc(buf, want + 1);
		}
		r = read(fd, buf + got, want - got);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			diag_error(errs, DK_EIO, "cannot read %s: %s", shown,
				   strerror(errno));
			free(buf);
			return DK_EIO;
		}
		if (r == 0)
			break;
		got += (size_t)r;
	}
	if (got > max) {
		free(buf);
		return too_big(shown, (unsigned long long)got, 1, lim, errs);
	}
	buf[got] = '\0';
	*data = buf;
	*len = got;
	return 0;
}

int
fsutil_read(const char *path, enum limit_kind lim, unsigned flags, char **data,
	    size_t *len, struct diag_list *errs)
{
	struct stat st;
	int fd, rc;

	*data = NULL;
	*len = 0;
	if ((rc = fsutil_open_regular(path, NULL, flags, &fd, &st, errs)))
		return rc;
	rc = fsutil_read_fd(fd, &st, lim, path, data, len, errs);
	close(fd);
	return rc;
}

int
fsutil_exists(const char *path)
{
	struct stat st;

	return lstat(path, &st) == 0;
}

const char *
fsutil_tmpdir(void)
{
	const char *dir = getenv("TMPDIR");

	return dir && *dir ? dir : "/tmp";
}

int
fsutil_tmpfile(const char *dir, const char *stem)
{
	char *path = xasprintf("%s/%s-XXXXXX", dir, stem);
	int fd = mkstemp(path), e = errno;

	if (fd >= 0) {
		unlink(path);
		(void)fcntl(fd, F_SETFD, FD_CLOEXEC);
	}
	free(path);
	errno = e;
	return fd;
}
