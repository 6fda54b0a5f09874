/* import_spill.c: records' parts in a temporary file
 * (formats/import_spill.h).
 *
 * A record in the file: its length (8 bytes, little-endian, of what
 * follows), then the fields of out (their number; each: key, type,
 * line, the number's 8 bytes, then its string or its list), the body,
 * the notes, the sections, deps and follows, where the source fields
 * went, the fields of src (as out's), the forced status, archived, why
 * it was recovered, and the cycles.  Numbers are 4 or 8 bytes
 * little-endian; a string is its length + 1 (8 bytes; 0 for NULL) and
 * its bytes. */
#include "formats/import_spill.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/fsutil.h"
#include "core/xalloc.h"
#include "formats/import_arena.h"

struct import_spill {
	int fd;
	uint64_t end;             /* where the next record goes */
	char *dir;                /* the folder, for messages */
	char *error;              /* the first failure, or NULL */
	struct sbuf buf;          /* a record being written or read */
};

int
import_spill_open(struct import_list *l, char **err)
{
	const char *dir = fsutil_tmpdir();
	struct import_spill *s;
	/* gone with the last descriptor, on every path */
	int fd = fsutil_tmpfile(dir, "docket-import");

	*err = NULL;
	if (fd < 0) {
		*err = xasprintf("cannot create a temporary file in %s (TMPDIR): %s",
				 dir, strerror(errno));
		return -1;
	}
	/* and the room of the records themselves, taken from the start */
	if (!l->n && !l->nrooms && !l->arena &&
	    import_arena_open(&l->arena, dir, err)) {
		close(fd);
		return -1;
	}
	s = xcalloc(1, sizeof(*s));
	s->fd = fd;
	s->dir = xstrdup(dir);
	sbuf_init(&s->buf);
	l->spill = s;
	return 0;
}

void
import_spill_close(struct import_list *l)
{
	struct import_spill *s = l->spill;

	if (!s)
		return;
	close(s->fd);
	free(s->dir);
	free(s->error);
	sbuf_release(&s->buf);
	free(s);
	l->spill = NULL;
}

const char *
import_spill_error(const struct import_list *l)
{
	return l->spill ? l->spill->error : NULL;
}

static void
fail(struct import_spill *s, const char *what, int e)
{
	if (!s->error)
		s->error = xasprintf("cannot %s the import's temporary file in %s (TMPDIR): %s",
				     what, s->dir, e ? strerror(e) : "it is shorter than written");
}

/* ---- writing --------------------------------------------------------- */

static void
put_u(struct sbuf *b, uint64_t v, int bytes)
{
	unsigned char c[8];

	for (int i = 0; i < bytes; i++)
		c[i] = (unsigned char)(v >> (8 * i));
	sbuf_add(b, (const char *)c, (size_t)bytes);
}

static void
put_s(struct sbuf *b, const char *s)
{
	size_t n = s ? strlen(s) : 0;

	put_u(b, s ? (uint64_t)n + 1 : 0, 8);
	if (s)
		sbuf_add(b, s, n);
}

static void
put_field(struct sbuf *b, const struct ifield *f)
{
	uint64_t num;

	memcpy(&num, &f->v.num, sizeof(num));
	put_s(b, f->key);
	put_u(b, (uint64_t)f->v.type, 4);
	put_u(b, (uint64_t)(uint32_t)f->line, 4);
	put_u(b, num, 8);
	if (f->v.type != IVAL_LIST) {
		put_s(b, f->v.str);
		return;
	}
	put_u(b, f->v.n, 8);
	for (size_t i = 0; i < f->v.n; i++)
		put_s(b, f->v.list[i]);
}

/* Free the parts (they are in the file): all of x. */
static void
forget(struct import_item *it)
{
	it->spilled = 1;
	import_rec_free(it->x);
	it->x = NULL;
}

int
import_spill_out(struct import_list *l, struct import_item *it)
{
	struct import_spill *s = l->spill;
	struct import_rec *x = it->x;
	struct sbuf *b;
	size_t done = 0;
	uint64_t at;

	if (!s || it->spilled)
		return 0;
	if (s->error || !x) {
		forget(it);
		return -1;
	}
	b = &s->buf;
	sbuf_reset(b);
	put_u(b, 0, 8);           /* the length, below */
	put_u(b, x->out.n, 8);
	for (size_t i = 0; i < x->out.n; i++)
		put_field(b, &x->out.v[i]);
	put_s(b, x->body);
	put_u(b, x->nnotes, 8);
	for (size_t i = 0; i < x->nnotes; i++)
		put_s(b, x->notes[i]);
	put_u(b, x->nsections, 8);
	for (size_t i = 0; i < x->nsections; i++) {
		put_s(b, x->sections[i].name);
		put_s(b, x->sections[i].text);
	}
	put_u(b, x->ndeps, 8);
	for (size_t i = 0; i < x->ndeps; i++)
		put_s(b, x->deps[i]);
	put_s(b, x->follows);
	/* where the source fields went: two numbers per field */
	put_u(b, x->where && x->keys ? x->nwhere : 0, 8);
	for (size_t i = 0; x->where && x->keys && i < x->nwhere; i++) {
		put_u(b, x->where[i], 4);
		put_u(b, x->keys[i], 4);
	}
	/* what the source said: all of it while it is not mapped yet (a
	 * reader that looks across records: Jira, Asana), then what the
	 * mapping keeps (a record in a source cycle: import_cycles.h reads
	 * its dates and its cycles) */
	put_u(b, x->src.n, 8);
	for (size_t i = 0; i < x->src.n; i++)
		put_field(b, &x->src.v[i]);
	put_s(b, x->forced_status);
	put_u(b, (uint64_t)(x->archived != 0), 4);
	put_s(b, x->recovered);
	put_u(b, x->ncycles, 8);
	for (size_t i = 0; i < x->ncycles; i++)
		put_s(b, x->cycles[i]);
	if (b->len > UINT32_MAX) {
		fail(s, "write", EFBIG);
		forget(it);
		return -1;
	}
	{
		struct sbuf len = SBUF_INIT;

		put_u(&len, (uint64_t)(b->len - 8), 8);
		memcpy(b->buf, len.buf, 8);
		sbuf_release(&len);
	}
	it->has_refs = ifields_get(&x->out, "depends_on") ||
		       ifields_get(&x->out, "follows") || x->ndeps || x->follows;
	it->has_cycles = x->ncycles != 0;
	/* over its last copy when it fits there (a record rewritten after
	 * its batch mostly does), else at the end */
	at = it->spill_len && b->len <= it->spill_len ? it->spill_off : s->end;
	while (done < b->len) {
		ssize_t k = pwrite(s->fd, b->buf + done, b->len - done,
				   (off_t)(at + done));

		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0) {
			fail(s, "write", k < 0 ? errno : ENOSPC);
			forget(it);
			return -1;
		}
		done += (size_t)k;
	}
	it->spill_off = at;
	it->spill_len = (uint32_t)b->len;
	if (at == s->end)
		s->end += b->len;
	forget(it);
	return 0;
}

/* ---- reading --------------------------------------------------------- */

struct cur {
	const unsigned char *p, *end;
	int bad;
};

static uint64_t
get_u(struct cur *c, int bytes)
{
	uint64_t v = 0;

	if (c->bad || (size_t)(c->end - c->p) < (size_t)bytes) {
		c->bad = 1;
		return 0;
	}
	for (int i = 0; i < bytes; i++)
		v |= (uint64_t)c->p[i] << (8 * i);
	c->p += bytes;
	return v;
}

/* A string (malloc'ed), or NULL. */
static char *
get_s(struct cur *c)
{
	uint64_t n = get_u(c, 8);

	if (!n || c->bad)
		return NULL;
	if ((uint64_t)(c->end - c->p) < n - 1) {
		c->bad = 1;
		return NULL;
	}
	c->p += n - 1;
	return xmemdup0((const char *)c->p - (n - 1), (size_t)(n - 1));
}

/* A count that can be in what is left (each element takes >= 8 bytes). */
static size_t
get_n(struct cur *c)
{
	uint64_t n = get_u(c, 8);

	if (n > (uint64_t)(c->end - c->p) / 8) {
		c->bad = 1;
		return 0;
	}
	return (size_t)n;
}

static void
get_fields(struct cur *c, struct ifields *out)
{
	size_t n = get_n(c);

	memset(out, 0, sizeof(*out));
	out->v = xcalloc(n + 1, sizeof(*out->v));
	out->alloc = n + 1;
	for (size_t i = 0; i < n && !c->bad; i++) {
		struct ifield *f = &out->v[out->n++];
		uint64_t num;

		f->key = get_s(c);
		f->v.type = (enum ival_type)get_u(c, 4);
		f->line = (int)(uint32_t)get_u(c, 4);
		num = get_u(c, 8);
		memcpy(&f->v.num, &num, sizeof(num));
		if (!f->key)
			f->key = xstrdup("");
		if (f->v.type != IVAL_LIST) {
			f->v.str = get_s(c);
			continue;
		}
		f->v.n = f->v.alloc = get_n(c);
		f->v.list = xcalloc(f->v.n + 1, sizeof(*f->v.list));
		for (size_t k = 0; k < f->v.n; k++) {
			f->v.list[k] = get_s(c);
			if (!f->v.list[k])
				f->v.list[k] = xstrdup("");
		}
	}
	ifields_reindex(out);
}

int
import_spill_in(struct import_list *l, struct import_item *it)
{
	struct import_spill *s = l->spill;
	struct import_rec *x;
	struct sbuf *b;
	struct cur c;
	size_t done = 0;

	if (!s || !it->spilled)
		return 0;
	it->spilled = 0;
	if (!it->x)
		it->x = xcalloc(1, sizeof(*it->x));
	x = it->x;
	if (s->error)
		return -1;
	b = &s->buf;
	sbuf_reset(b);
	sbuf_grow(b, it->spill_len);
	while (done < it->spill_len) {
		ssize_t k = pread(s->fd, b->buf + done, it->spill_len - done,
				  (off_t)(it->spill_off + done));

		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0) {
			fail(s, "read", k < 0 ? errno : 0);
			return -1;
		}
		done += (size_t)k;
	}
	c.p = (const unsigned char *)b->buf;
	c.end = c.p + it->spill_len;
	c.bad = 0;
	if (get_u(&c, 8) != (uint64_t)it->spill_len - 8)
		c.bad = 1;
	get_fields(&c, &x->out);
	x->body = get_s(&c);
	x->nnotes = x->anotes = get_n(&c);
	x->notes = xcalloc(x->nnotes + 1, sizeof(*x->notes));
	for (size_t i = 0; i < x->nnotes; i++)
		if (!(x->notes[i] = get_s(&c)))
			x->notes[i] = xstrdup("");
	x->nsections = x->asections = get_n(&c);
	x->sections = xcalloc(x->nsections + 1, sizeof(*x->sections));
	for (size_t i = 0; i < x->nsections; i++) {
		x->sections[i].name = get_s(&c);
		x->sections[i].text = get_s(&c);
	}
	x->ndeps = x->adeps = get_n(&c);
	x->deps = x->ndeps ? xcalloc(x->ndeps, sizeof(*x->deps)) : NULL;
	for (size_t i = 0; i < x->ndeps; i++)
		if (!(x->deps[i] = get_s(&c)))
			x->deps[i] = xstrdup("");
	x->follows = get_s(&c);
	x->nwhere = get_n(&c);
	if (x->nwhere) {
		x->where = xcalloc(x->nwhere, sizeof(*x->where));
		x->keys = xcalloc(x->nwhere, sizeof(*x->keys));
		for (size_t i = 0; i < x->nwhere; i++) {
			x->where[i] = (unsigned)get_u(&c, 4);
			x->keys[i] = (unsigned)get_u(&c, 4);
		}
	}
	{
		struct ifields src;
		char *fs, *rec;

		get_fields(&c, &src);
		if (!x->src.n) {
			ifields_release(&x->src);
			x->src = src;
		} else {
			ifields_release(&src);
		}
		if ((fs = get_s(&c)))
			x->forced_status = import_list_name(l, fs);
		free(fs);
		x->archived = (int)get_u(&c, 4);
		if ((rec = get_s(&c))) {
			free(x->recovered);
			x->recovered = rec;
		}
	}
	{
		size_t nc = get_n(&c);

		for (size_t i = 0; i < nc && !c.bad; i++) {
			char *cy = get_s(&c);

			if (!cy)
				cy = xstrdup("");
			x->cycles = xgrow(x->cycles, &x->acycles, x->ncycles + 1,
					  sizeof(*x->cycles));
			x->cycles[x->ncycles++] = cy;
		}
	}
	if (c.bad || c.p != c.end) {
		fail(s, "read", EIO);
		forget(it);
		it->spilled = 0;
		if (!it->x)
			it->x = xcalloc(1, sizeof(*it->x));
		return -1;
	}
	return 0;
}

void
import_spill_drop(struct import_list *l, struct import_item *it)
{
	if (!l->spill || it->spilled || !it->spill_len)
		return;
	forget(it);
}
