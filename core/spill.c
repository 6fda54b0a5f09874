/*
 * spill.c: see spill.h.  The memory budget and the file offset are
 * atomic counters, so concurrent puts need no lock except for creating
 * the file (once).
 */
#include "core/spill.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/diag.h"
#include "core/fsutil.h"
#include "core/xalloc.h"

struct spill {
	size_t max_mem;
	atomic_size_t in_mem;     /* bytes handed out in memory */
	atomic_size_t end;        /* bytes reserved in the file */
	pthread_mutex_t lock;     /* guards creating the file */
	int fd;                   /* -1: not yet made */
	atomic_int failed;        /* the file could not be made or written */
};

struct spill *
spill_new(size_t max_mem)
{
	struct spill *s = xcalloc(1, sizeof(*s));

	s->max_mem = max_mem;
	atomic_init(&s->in_mem, 0);
	atomic_init(&s->end, 0);
	pthread_mutex_init(&s->lock, NULL);
	s->fd = -1;
	atomic_init(&s->failed, 0);
	return s;
}

void
spill_free(struct spill *s)
{
	if (!s)
		return;
	if (s->fd >= 0)
		close(s->fd);
	pthread_mutex_destroy(&s->lock);
	free(s);
}

/* The file, made on first use; -1 when that failed. */
static int
spill_fd(struct spill *s)
{
	int fd;

	pthread_mutex_lock(&s->lock);
	if (s->fd < 0 && !s->failed) {
		s->fd = fsutil_tmpfile(fsutil_tmpdir(), "docket-spill");
		if (s->fd < 0)
			s->failed = 1;
	}
	fd = s->failed ? -1 : s->fd;
	pthread_mutex_unlock(&s->lock);
	return fd;
}

static int
write_at(int fd, const char *data, size_t len, size_t off)
{
	while (len) {
		ssize_t w = pwrite(fd, data, len, (off_t)off);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		data += w;
		len -= (size_t)w;
		off += (size_t)w;
	}
	return 0;
}

void
spill_put(struct spill *s, const char *data, size_t len, char **mem,
	  size_t *off)
{
	size_t used = atomic_fetch_add(&s->in_mem, len);
	int fd;

	*off = 0;
	if (used + len > s->max_mem && (fd = spill_fd(s)) >= 0) {
		size_t at;

		atomic_fetch_sub(&s->in_mem, len);
		at = atomic_fetch_add(&s->end, len);
		if (write_at(fd, data, len, at) == 0) {
			*mem = NULL;
			*off = at;
			return;
		}
		/* a full disk: keep this one (and, cheaply, the rest) in memory */
		s->failed = 1;
		atomic_fetch_add(&s->in_mem, len);
	}
	*mem = xmemdup0(data, len);
}

int
spill_get(struct spill *s, size_t off, size_t len, struct sbuf *out)
{
	size_t got = 0;

	if (s->fd < 0)
		return DK_EIO;
	sbuf_grow(out, len);
	while (got < len) {
		ssize_t r = pread(s->fd, out->buf + out->len + got, len - got,
				  (off_t)(off + got));

		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return DK_EIO;
		got += (size_t)r;
	}
	sbuf_setlen(out, out->len + len);
	return 0;
}
