/* import_spill.c: mapped records' heavy parts in a temporary file
 * (formats/import_spill.h).
 *
 * A record in the file: its length (8 bytes, little-endian, of what
 * follows), then the fields of out (their number; each: key, type,
 * line, the number's 8 bytes, then its string or its list), the body,
 * the notes and the sections.  Numbers are 4 or 8 bytes little-endian;
 * a string is its length + 1 (8 bytes; 0 for NULL) and its bytes. */
#include "formats/import_spill.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/xalloc.h"

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
	const char *dir = getenv("TMPDIR");
	struct import_spill *s;
	char *path;
	int fd;

	*err = NULL;
	if (!dir || !*dir)
		dir = "/tmp";
	path = xasprintf("%s/docket-import-XXXXXX", dir);
	fd = mkstemp(path);
	if (fd < 0) {
		*err = xasprintf("cannot create a temporary file in %s (TMPDIR): %s",
				 dir, strerror(errno));
		free(path);
		return -1;
	}
	/* gone with the last descriptor, on every path */
	unlink(path);
	free(path);
	(void)fcntl(fd, F_SETFD, FD_CLOEXEC);
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

/* Free the parts (they are in the file). */
static void
forget(struct import_item *it)
{
	ifields_release(&it->out);
	free(it->body);
	it->body = NULL;
	for (size_t i = 0; i < it->nnotes; i++)
		free(it->notes[i]);
	free(it->notes);
	it->notes = NULL;
	it->nnotes = it->anotes = 0;
	for (size_t i = 0; i < it->nsections; i++) {
		free(it->sections[i].name);
		free(it->sections[i].text);
	}
	free(it->sections);
	it->sections = NULL;
	it->nsections = it->asections = 0;
	it->spilled = 1;
}

int
import_spill_out(struct import_list *l, struct import_item *it)
{
	struct import_spill *s = l->spill;
	struct sbuf *b;
	size_t done = 0;
	uint64_t at;

	if (!s || it->spilled)
		return 0;
	if (s->error) {
		forget(it);
		return -1;
	}
	b = &s->buf;
	sbuf_reset(b);
	put_u(b, 0, 8);           /* the length, below */
	put_u(b, it->out.n, 8);
	for (size_t i = 0; i < it->out.n; i++)
		put_field(b, &it->out.v[i]);
	put_s(b, it->body);
	put_u(b, it->nnotes, 8);
	for (size_t i = 0; i < it->nnotes; i++)
		put_s(b, it->notes[i]);
	put_u(b, it->nsections, 8);
	for (size_t i = 0; i < it->nsections; i++) {
		put_s(b, it->sections[i].name);
		put_s(b, it->sections[i].text);
	}
	{
		struct sbuf len = SBUF_INIT;

		put_u(&len, (uint64_t)(b->len - 8), 8);
		memcpy(b->buf, len.buf, 8);
		sbuf_release(&len);
	}
	it->has_refs = ifields_get(&it->out, "depends_on") ||
		       ifields_get(&it->out, "follows");
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
	it->spill_len = b->len;
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
	struct sbuf *b;
	struct cur c;
	size_t done = 0;

	if (!s || !it->spilled)
		return 0;
	it->spilled = 0;
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
	if (get_u(&c, 8) != it->spill_len - 8)
		c.bad = 1;
	get_fields(&c, &it->out);
	it->body = get_s(&c);
	it->nnotes = it->anotes = get_n(&c);
	it->notes = xcalloc(it->nnotes + 1, sizeof(*it->notes));
	for (size_t i = 0; i < it->nnotes; i++)
		if (!(it->notes[i] = get_s(&c)))
			it->notes[i] = xstrdup("");
	it->nsections = it->asections = get_n(&c);
	it->sections = xcalloc(it->nsections + 1, sizeof(*it->sections));
	for (size_t i = 0; i < it->nsections; i++) {
		it->sections[i].name = get_s(&c);
		it->sections[i].text = get_s(&c);
	}
	if (c.bad || c.p != c.end) {
		fail(s, "read", EIO);
		forget(it);
		it->spilled = 0;
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
