#include "core/strmap.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"

void
strmap_init(struct strmap *m)
{
	m->slots = NULL;
	m->cap = m->n = 0;
}

void
strmap_release(struct strmap *m)
{
	free(m->slots);
	strmap_init(m);
}

uint64_t
strmap_hash(const char *key, size_t len)
{
	uint64_t h = 0xcbf29ce484222325ULL;

	for (size_t i = 0; i < len; i++) {
		h ^= (unsigned char)key[i];
		h *= 0x100000001b3ULL;
	}
	return h;
}

static struct strmap_entry *
probe(const struct strmap *m, const char *key, size_t len, uint64_t h)
{
	size_t mask = m->cap - 1;
	size_t i = (size_t)h & mask;

	/* the mask and the loop's end rely on these */
	assert(m->cap && !(m->cap & mask) && m->n < m->cap);
	for (;;) {
		struct strmap_entry *e = &m->slots[i];

		if (!e->key)
			return e;
		if (e->hash == h && e->len == len && !memcmp(e->key, key, len))
			return e;
		i = (i + 1) & mask;
	}
}

struct strmap_entry *
strmap_find(const struct strmap *m, const char *key, size_t len)
{
	struct strmap_entry *e;

	if (!m->cap)
		return NULL;
	e = probe(m, key, len, strmap_hash(key, len));
	return e->key ? e : NULL;
}

void *
strmap_get(const struct strmap *m, const char *key)
{
	struct strmap_entry *e = strmap_find(m, key, strlen(key));

	return e ? e->value : NULL;
}

static void
grow(struct strmap *m)
{
	struct strmap old = *m;

	m->cap = old.cap ? old.cap * 2 : 16;
	m->slots = xcalloc(m->cap, sizeof(*m->slots));
	m->n = 0;
	for (size_t i = 0; i < old.cap; i++) {
		struct strmap_entry *o = &old.slots[i];

		if (o->key) {
			*probe(m, o->key, o->len, o->hash) = *o;
			m->n++;
		}
	}
	free(old.slots);
}

void *
strmap_put(struct strmap *m, const char *key, size_t len, void *value)
{
	uint64_t h = strmap_hash(key, len);
	struct strmap_entry *e;
	void *prev;

	if ((m->n + 1) * 4 > m->cap * 3)
		grow(m);
	e = probe(m, key, len, h);
	if (e->key) {
		prev = e->value;
		e->value = value;
		return prev;
	}
	e->key = key;
	e->len = len;
	e->hash = h;
	e->value = value;
	m->n++;
	return NULL;
}
