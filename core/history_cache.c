/*
 * history_cache.c: the history walk's cache file (see history_cache.h).
 *
 * File: "DKHC1\n", then records, each
 *   u32 length of what follows up to the checksum
 *   20 commit | 20 parent | u8 flags (1 root, 2 folder, 4 parent folder)
 *   20 folder | 20 parent folder | u32 nchanges
 *   nchanges x (u8 kind | u16 name length | name | 20 old | 20 new)
 *   u64 checksum (FNV-1a of the bytes after the length)
 * Integers are little-endian.
 */
#include "core/history_cache.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/fsutil.h"
#include "core/sbuf.h"
#include "core/xalloc.h"

#define MAGIC "DKHC1\n"
#define MAX_FILE (256u * 1024 * 1024)

static uint32_t
get32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	       (uint32_t)p[3] << 24;
}

static void
put32(struct sbuf *sb, uint32_t v)
{
	unsigned char b[4] = { v & 0xff, v >> 8 & 0xff, v >> 16 & 0xff, v >> 24 & 0xff };

	sbuf_add(sb, b, 4);
}

static void
put64(struct sbuf *sb, uint64_t v)
{
	put32(sb, (uint32_t)v);
	put32(sb, (uint32_t)(v >> 32));
}

static void
index_record(struct hcache *c, struct hc_record *r)
{
	c->v = xgrow(c->v, &c->alloc, c->n + 1, sizeof(*c->v));
	c->v[c->n++] = r;
	strmap_put(&c->by_commit, (const char *)r->commit.id, GIT_OID_RAWSZ, r);
}

/* Parse one record at p (len bytes left); returns its size or 0. */
static size_t
parse_record(struct hcache *c, unsigned char *p, size_t left)
{
	size_t body, off = 0;
	uint64_t sum;
	struct hc_record *r;
	uint32_t n;

	if (left < 4)
		return 0;
	body = get32(p);
	if (body < 85 || body > left - 4 || left - 4 - body < 8)
		return 0;
	p += 4;
	sum = (uint64_t)get32(p + body) | (uint64_t)get32(p + body + 4) << 32;
	if (strmap_hash((const char *)p, body) != sum)
		return 0;
	r = xcalloc(1, sizeof(*r));
	memcpy(r->commit.id, p, 20);
	memcpy(r->parent.id, p + 20, 20);
	r->root = p[40] & 1;
	r->has_folder = !!(p[40] & 2);
	r->parent_has_folder = !!(p[40] & 4);
	memcpy(r->folder.id, p + 41, 20);
	memcpy(r->parent_folder.id, p + 61, 20);
	n = get32(p + 81);
	off = 85;
	if (n > body / 43)
		goto bad;
	r->changes = xcalloc((size_t)n + 1, sizeof(*r->changes));
	for (uint32_t i = 0; i < n; i++) {
		size_t nl;

		if (off + 3 > body)
			goto bad;
		nl = (size_t)p[off + 1] | (size_t)p[off + 2] << 8;
		if (off + 3 + nl + 1 + 40 > body)
			goto bad;
		r->changes[i].kind = (char)p[off];
		/* the name is NUL-terminated in the file, to be borrowed */
		if (p[off + 3 + nl] != '\0')
			goto bad;
		r->changes[i].name = (const char *)p + off + 3;
		memcpy(r->changes[i].old_id.id, p + off + 4 + nl, 20);
		memcpy(r->changes[i].new_id.id, p + off + 24 + nl, 20);
		off += 3 + nl + 1 + 40;
	}
	r->nchanges = n;
	if (off != body)
		goto bad;
	index_record(c, r);
	return 4 + body + 8;
bad:
	free(r->changes);
	free(r);
	return 0;
}

void
hcache_open(struct hcache *c, git_repository *git, const char *dir)
{
	const char *env = getenv("DOCKET_HISTORY_CACHE");
	const char *common = git_repository_commondir(git);
	size_t off;

	memset(c, 0, sizeof(*c));
	strmap_init(&c->by_commit);
	if ((env && !strcmp(env, "0")) || !common)
		return;
	c->path = xasprintf("%sdocket/history-%016llx", common,
			    (unsigned long long)strmap_hash(dir, strlen(dir)));
	if (fsutil_read(c->path, LIMIT_GIT_FILE, 0, &c->buf, &c->len, NULL))
		return;
	if (c->len < sizeof(MAGIC) - 1 || memcmp(c->buf, MAGIC, sizeof(MAGIC) - 1)) {
		c->nfresh = 1;   /* rewrite it */
		return;
	}
	off = sizeof(MAGIC) - 1;
	while (off < c->len) {
		size_t used = parse_record(c, (unsigned char *)c->buf + off, c->len - off);

		if (!used) {
			c->nfresh = 1;   /* damaged: rewrite what was good */
			break;
		}
		off += used;
	}
}

struct hc_record *
hcache_get(struct hcache *c, const git_oid *commit)
{
	struct strmap_entry *e = strmap_find(&c->by_commit, (const char *)commit->id,
					     GIT_OID_RAWSZ);

	return e ? e->value : NULL;
}

struct hc_record *
hcache_add(struct hcache *c, const struct hc_record *src)
{
	struct hc_record *r = xcalloc(1, sizeof(*r));

	*r = *src;
	r->changes = xcalloc(src->nchanges + 1, sizeof(*r->changes));
	for (size_t i = 0; i < src->nchanges; i++) {
		r->changes[i] = src->changes[i];
		r->changes[i].name = xstrdup(src->changes[i].name);
	}
	r->fresh = 1;
	c->nfresh++;
	index_record(c, r);
	return r;
}

static void
write_record(struct sbuf *sb, const struct hc_record *r)
{
	size_t start, body;
	unsigned char flags = (unsigned char)(r->root | r->has_folder << 1 |
					      r->parent_has_folder << 2);

	start = sb->len;
	put32(sb, 0);
	sbuf_add(sb, r->commit.id, 20);
	sbuf_add(sb, r->parent.id, 20);
	sbuf_add(sb, &flags, 1);
	sbuf_add(sb, r->folder.id, 20);
	sbuf_add(sb, r->parent_folder.id, 20);
	put32(sb, (uint32_t)r->nchanges);
	for (size_t i = 0; i < r->nchanges; i++) {
		size_t nl = strlen(r->changes[i].name);
		unsigned char h[3] = { (unsigned char)r->changes[i].kind,
				       (unsigned char)(nl & 0xff),
				       (unsigned char)(nl >> 8 & 0xff) };

		sbuf_add(sb, h, 3);
		sbuf_add(sb, r->changes[i].name, nl + 1);
		sbuf_add(sb, r->changes[i].old_id.id, 20);
		sbuf_add(sb, r->changes[i].new_id.id, 20);
	}
	body = sb->len - start - 4;
	sb->buf[start] = (char)(body & 0xff);
	sb->buf[start + 1] = (char)(body >> 8 & 0xff);
	sb->buf[start + 2] = (char)(body >> 16 & 0xff);
	sb->buf[start + 3] = (char)(body >> 24 & 0xff);
	put64(sb, strmap_hash(sb->buf + start + 4, body));
}

void
hcache_close(struct hcache *c)
{
	if (c->path && c->nfresh) {
		struct sbuf sb = SBUF_INIT;
		char *dir = xstrdup(c->path);

		*strrchr(dir, '/') = '\0';
		sbuf_adds(&sb, MAGIC);
		for (size_t i = 0; i < c->n; i++) {
			int ok = 1;

			for (size_t k = 0; k < c->v[i]->nchanges; k++)
				ok &= strlen(c->v[i]->changes[k].name) < 65536;
			if (ok)
				write_record(&sb, c->v[i]);
		}
		if (sb.len < MAX_FILE && fsutil_mkdirs(dir, NULL) == 0)
			fsutil_write_atomic(c->path, sb.buf, sb.len, NULL);
		sbuf_release(&sb);
		free(dir);
	}
	for (size_t i = 0; i < c->n; i++) {
		if (c->v[i]->fresh)
			for (size_t k = 0; k < c->v[i]->nchanges; k++)
				free((char *)c->v[i]->changes[k].name);
		free(c->v[i]->changes);
		free(c->v[i]);
	}
	free(c->v);
	strmap_release(&c->by_commit);
	free(c->buf);
	free(c->path);
	memset(c, 0, sizeof(*c));
}
