/*
 * strmap: a hash map from byte strings to pointers (open addressing,
 * linear probing, FNV-1a).
 *
 * Keys are borrowed: the map stores the caller's pointer and length and
 * never copies or frees them, so a key must outlive its entry.  Values
 * are opaque pointers the map does not own.  strmap_release frees the
 * table only.
 */
#ifndef DOCKET_STRMAP_H
#define DOCKET_STRMAP_H

#include <stddef.h>
#include <stdint.h>

struct strmap_entry {
	const char *key;      /* NULL: empty slot */
	size_t len;
	uint64_t hash;
	void *value;
};

struct strmap {
	struct strmap_entry *slots;
	size_t cap;           /* a power of two, or 0 */
	size_t n;
};

#define STRMAP_INIT { NULL, 0, 0 }

void strmap_init(struct strmap *m);
void strmap_release(struct strmap *m);
uint64_t strmap_hash(const char *key, size_t len);
/* The entry for key, or NULL. */
struct strmap_entry *strmap_find(const struct strmap *m, const char *key, size_t len);
void *strmap_get(const struct strmap *m, const char *key);
/* Insert or replace; returns the previous value (NULL if new). */
void *strmap_put(struct strmap *m, const char *key, size_t len, void *value);

#endif
