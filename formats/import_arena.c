/* import_arena.c: an import's per-record tables in a mapped temporary
 * file (formats/import_arena.h).
 *
 * The file is cut into pieces: small requests are carved from pieces of
 * PIECE bytes in turn, a large one gets a piece of its own.  Each piece
 * is reserved on disk, then mapped shared, so that the pages the kernel
 * takes back (madvise MADV_DONTNEED, import_arena_trim) are read in
 * again from the file with what was written to them. */
#include "formats/import_arena.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "core/fsutil.h"
#include "core/xalloc.h"

#define PIECE ((size_t)1 << 20)   /* bytes of a piece small requests share */
#define ALIGN ((size_t)16)
#define ARENA_VISITS 1024         /* visits between two trims */
#define GROW_STEP ((size_t)64 << 10) /* bytes copied between two trims */

struct piece {
	char *base;
	size_t size;
	int mapped;               /* 0: ordinary memory (the disk was full) */
};

struct import_arena {
	int fd;
	uint64_t end;             /* the file's size */
	struct piece *v;
	size_t n, alloc;
	size_t used;              /* bytes given out of the last shared piece */
	int shared;               /* the last piece takes small requests */
	unsigned visits;
};

int
import_arena_open(struct import_arena **out, const char *dir, char **err)
{
	/* gone with the last descriptor (and mapping), on every path */
	int fd = fsutil_tmpfile(dir, "docket-import");

	*out = NULL;
	*err = NULL;
	if (fd < 0) {
		*err = xasprintf("cannot create a temporary file in %s (TMPDIR): %s",
				 dir, strerror(errno));
		return -1;
	}
	*out = xcalloc(1, sizeof(**out));
	(*out)->fd = fd;
	return 0;
}

void
import_arena_close(struct import_arena *a)
{
	if (!a)
		return;
	for (size_t i = 0; i < a->n; i++) {
		if (a->v[i].mapped)
			munmap(a->v[i].base, a->v[i].size);
		else
			free(a->v[i].base);
	}
	free(a->v);
	close(a->fd);
	free(a);
}

/* A new piece of size bytes (a multiple of the page size), zeroed. */
static struct piece *
piece_new(struct import_arena *a, size_t size)
{
	struct piece *p;
	void *m = MAP_FAILED;

	a->v = xgrow(a->v, &a->alloc, a->n + 1, sizeof(*a->v));
	p = &a->v[a->n++];
	if (a->end <= (uint64_t)INT64_MAX - size &&
	    posix_fallocate(a->fd, (off_t)a->end, (off_t)size) == 0)
		m = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED, a->fd,
			 (off_t)a->end);
	if (m != MAP_FAILED) {
		p->base = m;
		p->mapped = 1;
		a->end += size;
	} else {
		p->base = xcalloc(1, size);
		p->mapped = 0;
	}
	p->size = size;
	return p;
}

void *
import_arena_alloc(struct import_arena *a, size_t size)
{
	long pg = sysconf(_SC_PAGESIZE);
	size_t page = pg > 0 ? (size_t)pg : 4096, need;
	char *r;

	need = (size + ALIGN - 1) & ~(ALIGN - 1);
	if (need < size || need > SIZE_MAX - page)
		xalloc_oom(SIZE_MAX);
	if (need > PIECE / 4) {
		struct piece *p = piece_new(a, (need + page - 1) / page * page);

		/* the shared piece before it stays the last one shared */
		if (a->shared) {
			struct piece t = a->v[a->n - 2];

			a->v[a->n - 2] = *p;
			a->v[a->n - 1] = t;
			return a->v[a->n - 2].base;
		}
		return p->base;
	}
	if (!a->shared || PIECE - a->used < need) {
		piece_new(a, PIECE);
		a->shared = 1;
		a->used = 0;
	}
	r = a->v[a->n - 1].base + a->used;
	a->used += need;
	return r;
}

void *
import_arena_grow(struct import_arena *a, const void *old, size_t osize,
		  size_t nsize)
{
	char *r = import_arena_alloc(a, nsize);

	for (size_t off = 0; old && off < osize; off += GROW_STEP) {
		memcpy(r + off, (const char *)old + off,
		       osize - off < GROW_STEP ? osize - off : GROW_STEP);
		import_arena_trim(a);
	}
	return r;
}

void
import_arena_trim(struct import_arena *a)
{
	if (!a)
		return;
	a->visits = 0;
	for (size_t i = 0; i < a->n; i++)
		if (a->v[i].mapped)
			(void)madvise(a->v[i].base, a->v[i].size, MADV_DONTNEED);
}

void
import_arena_visit(struct import_arena *a)
{
	if (a && ++a->visits >= ARENA_VISITS)
		import_arena_trim(a);
}
