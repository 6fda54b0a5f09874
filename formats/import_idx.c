/* import_idx.c: numbers looked up by their keys (formats/import_idx.h):
 * open addressing, linear probing, the 32-bit FNV-1a of the key kept
 * per slot so that a key is made again only on a likely match. */
#include "formats/import_idx.h"

#include <stdlib.h>
#include <string.h>

#include "core/strmap.h"
#include "core/xalloc.h"

void
import_idx_init(struct import_idx *x, import_idx_key_fn key, void *arg)
{
	memset(x, 0, sizeof(*x));
	x->key = key;
	x->arg = arg;
	sbuf_init(&x->sb);
}

void
import_idx_release(struct import_idx *x)
{
	free(x->slots);
	sbuf_release(&x->sb);
	memset(x, 0, sizeof(*x));
}

static uint32_t
hash_of(const char *key)
{
	uint64_t h = strmap_hash(key, strlen(key));

	return (uint32_t)(h ^ (h >> 32));
}

/* The slot of key: its number's, or the empty one where it would go. */
static size_t
probe(struct import_idx *x, const char *key, uint32_t h)
{
	size_t mask = x->cap - 1, i = h & mask;

	for (;; i = (i + 1) & mask) {
		uint32_t v = x->slots[2 * i];
		const char *k;

		if (!v)
			return i;
		if (x->slots[2 * i + 1] != h)
			continue;
		sbuf_reset(&x->sb);
		k = x->key(x->arg, v - 1, &x->sb);
		if (k && !strcmp(k, key))
			return i;
	}
}

static void
grow(struct import_idx *x)
{
	size_t cap = x->cap ? x->cap * 2 : 16;
	uint32_t *old = x->slots;
	size_t ocap = x->cap;

	if (cap > SIZE_MAX / (2 * sizeof(*x->slots)))
		xalloc_oom(SIZE_MAX);
	x->slots = xcalloc(2 * cap, sizeof(*x->slots));
	x->cap = cap;
	for (size_t i = 0; i < ocap; i++) {
		size_t j;

		if (!old[2 * i])
			continue;
		for (j = old[2 * i + 1] & (cap - 1); x->slots[2 * j]; j = (j + 1) & (cap - 1))
			;
		x->slots[2 * j] = old[2 * i];
		x->slots[2 * j + 1] = old[2 * i + 1];
	}
	free(old);
}

int
import_idx_add(struct import_idx *x, uint32_t v, const char *key)
{
	uint32_t h = hash_of(key);
	size_t i;

	if (v == UINT32_MAX)
		return 0;
	if (2 * (x->n + 1) > x->cap)
		grow(x);
	i = probe(x, key, h);
	if (x->slots[2 * i])
		return 0;
	x->slots[2 * i] = v + 1;
	x->slots[2 * i + 1] = h;
	x->n++;
	return 1;
}

int64_t
import_idx_get(struct import_idx *x, const char *key)
{
	size_t i;

	if (!x->cap)
		return -1;
	i = probe(x, key, hash_of(key));
	return x->slots[2 * i] ? (int64_t)x->slots[2 * i] - 1 : -1;
}
