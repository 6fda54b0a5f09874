/*
 * history_cache: what the history walk learnt about each commit, kept in
 * <git common dir>/docket/history-<folder hash> so that the next walk
 * reads no tree again (core/history.c is its only user).
 *
 * A commit never changes, so a record keyed by its id is valid forever:
 * its first parent, whether it is a root, the items folder's tree id in
 * it and in its parent, and the folder's changed files (name, old and
 * new blob ids).  Commits at a shallow boundary are not recorded (their
 * parents may be fetched later).  Each record carries a checksum; a
 * record that does not check out ends the reading, and the rest is
 * rebuilt.  The file is rewritten atomically (core/fsutil.h) when a walk
 * learnt something new; failures to write are ignored, since the cache
 * only saves time.  DOCKET_HISTORY_CACHE=0 turns it off.
 *
 * Ownership: a struct hcache owns its buffer and records; change names
 * point into the buffer (or into records' own copies for new ones).
 */
#ifndef DOCKET_HISTORY_CACHE_H
#define DOCKET_HISTORY_CACHE_H

#include <git2.h>
#include <stddef.h>

#include "core/strmap.h"

struct hc_change {
	const char *name;
	char kind;                 /* 'A', 'D', 'M' */
	git_oid old_id, new_id;    /* zero when absent */
};

struct hc_record {
	git_oid commit, parent;
	int root;                  /* no parent */
	int has_folder, parent_has_folder;
	git_oid folder, parent_folder;
	struct hc_change *changes; /* sorted by name; only when folders differ */
	size_t nchanges;
	int fresh;                 /* learnt in this run (owns its names) */
};

struct hcache {
	char *path;                /* NULL when disabled */
	char *buf;                 /* the file as read */
	size_t len;
	struct hc_record **v;
	size_t n, alloc;
	size_t nfresh;
	struct strmap by_commit;   /* raw 20-byte id -> record */
};

/* Open the cache for folder dir of repository git (reads the file). */
void hcache_open(struct hcache *c, git_repository *git, const char *dir);
struct hc_record *hcache_get(struct hcache *c, const git_oid *commit);
/* Add a record learnt now; the cache copies names.  Returns it. */
struct hc_record *hcache_add(struct hcache *c, const struct hc_record *r);
/* Write the file when there is anything new, then free everything. */
void hcache_close(struct hcache *c);

#endif
