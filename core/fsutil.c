#include "core/fsutil.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/diag.h"
#include "core/xalloc.h"

/* Write all of data to fd, fix its mode and fsync it; errno on failure. */
static int
fill(int fd, const char *data, size_t len, mode_t mode)
{
	size_t done = 0;

	while (done < len) {
		ssize_t w = write(fd, data + done, len - done);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return w < 0 ? errno : EIO;
		done += (size_t)w;
	}
	if (fchmod(fd, mode) || fsync(fd))
		return errno;
	return 0;
}

static mode_t
mode_of(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 ? st.st_mode & 07777 : 0644;
}

int
fsutil_write_atomic(const char *path, const char *data, size_t len, char *err,
		    size_t errlen)
{
	char *tmp = xasprintf("%s.docket-tmp-XXXXXX", path);
	mode_t mode = mode_of(path);
	int fd, e;

	errno = 0;
	fd = mkstemp(tmp);
	if (fd < 0) {
		snprintf(err, errlen, "cannot write '%s': %s", path, strerror(errno));
		free(tmp);
		return DK_EIO;
	}
	e = fill(fd, data, len, mode);
	if (close(fd) && !e)
		e = errno;
	if (!e && rename(tmp, path))
		e = errno;
	if (e) {
		unlink(tmp);
		snprintf(err, errlen, "cannot write '%s': %s", path, strerror(e));
		free(tmp);
		return DK_EIO;
	}
	free(tmp);
	return 0;
}

int
fsutil_write_temp(const char *tmp, const char *path, const char *data,
		  size_t len, char *err, size_t errlen)
{
	mode_t mode = mode_of(path);
	int fd, e;

	/* a stale temporary file (or anything planted there) goes first */
	if (unlink(tmp) && errno != ENOENT) {
		snprintf(err, errlen, "cannot write '%s': %s", path, strerror(errno));
		return DK_EIO;
	}
	fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (fd < 0) {
		snprintf(err, errlen, "cannot write '%s': %s", path, strerror(errno));
		return DK_EIO;
	}
	e = fill(fd, data, len, mode);
	if (close(fd) && !e)
		e = errno;
	if (e) {
		unlink(tmp);
		snprintf(err, errlen, "cannot write '%s': %s", path, strerror(e));
		return DK_EIO;
	}
	return 0;
}

int
fsutil_mkdirs(const char *path, char *err, size_t errlen)
{
	char *p = xstrdup(path);

	for (char *s = p + 1; ; s++) {
		if (*s == '/' || !*s) {
			char c = *s;

			*s = '\0';
			if (mkdir(p, 0777) && errno != EEXIST) {
				snprintf(err, errlen, "cannot create folder '%s': %s", p,
					 strerror(errno));
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
fsutil_read(const char *path, char **data, size_t *len, char *err, size_t errlen)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t n = 0, alloc = 0;

	*data = NULL;
	*len = 0;
	if (!f) {
		snprintf(err, errlen, "cannot read '%s': %s", path, strerror(errno));
		return errno == ENOENT ? DK_ENOTFOUND : DK_EIO;
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
		snprintf(err, errlen, "cannot read '%s'", path);
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
