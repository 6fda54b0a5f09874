/*
 * import_idx: a set of small numbers (record indices, or indices with a
 * flag) looked up by a key that each number has, for tables over every
 * record of an import (docket ids, forms of source ids): 8 bytes a slot
 * and no copy of the keys.  The caller says how to make the key of a
 * number (key); it is made again only for a slot whose hash matches.
 *
 * Ownership: the set owns its table (import_idx_release frees it); the
 * keys are the caller's.
 */
#ifndef DOCKET_IMPORT_IDX_H
#define DOCKET_IMPORT_IDX_H

#include <stddef.h>
#include <stdint.h>

#include "core/sbuf.h"

/* The key of v: a string of the caller's, or one written into sb. */
typedef const char *(*import_idx_key_fn)(void *arg, uint32_t v, struct sbuf *sb);

struct import_idx {
	uint32_t *slots;          /* two per slot: v + 1 (0: empty), hash */
	size_t cap, n;            /* slots (0 or a power of two), numbers */
	import_idx_key_fn key;
	void *arg;
	struct sbuf sb;           /* a key being compared */
};

void import_idx_init(struct import_idx *x, import_idx_key_fn key, void *arg);
void import_idx_release(struct import_idx *x);
/* Add v (below UINT32_MAX) under key, unless a number has that key
 * already (the first stays).  Returns 1 when added. */
int import_idx_add(struct import_idx *x, uint32_t v, const char *key);
/* The number whose key is key, or -1. */
int64_t import_idx_get(struct import_idx *x, const char *key);

#endif
