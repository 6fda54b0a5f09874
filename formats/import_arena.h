/*
 * import_arena: room for the tables an import keeps over every record
 * at once (the compact records, their ids and source ids, the list's
 * array of them, the plan's per-record flags), in a temporary file
 * mapped into memory, so that memory holds the part of the tables in
 * use rather than all of them: an import of many rows runs in memory
 * that does not grow with the rows (docs/import.md, "Large exports").
 *
 * Room handed out keeps its address until the arena is closed, so the
 * pointers into it are plain pointers.  import_arena_visit, called as
 * the records are visited (import_list_at), every so often gives the
 * arena's pages back to the kernel: the file keeps their contents, and
 * the next access reads them in again.  That is always safe (nothing is
 * moved or lost), so it may happen anywhere.
 *
 * Each piece of the file is reserved on disk before it is mapped
 * (posix_fallocate): a full disk is seen then, not as a fault on a later
 * write, and the arena then falls back to ordinary memory for that
 * piece (the import goes on; it only does not shrink).  An import list
 * without an arena uses ordinary memory instead (import_list_room,
 * import_list_scratch); import_arena_visit and _trim take NULL.
 *
 * Ownership: the arena owns all its room and its file (unlinked as
 * soon as it is created); import_arena_close frees both.  Room is never
 * given back one piece at a time.
 */
#ifndef DOCKET_IMPORT_ARENA_H
#define DOCKET_IMPORT_ARENA_H

#include <stddef.h>

struct import_arena;

/* A new arena in a temporary file in dir.  Returns 0, or -1 with *err
 * (malloc'ed: which folder, why) when the file cannot be created. */
int import_arena_open(struct import_arena **out, const char *dir, char **err);
void import_arena_close(struct import_arena *a);

/* size bytes of zeroed room, aligned for any type, valid until the
 * arena is closed (never NULL: memory runs out as xmalloc's does). */
void *import_arena_alloc(struct import_arena *a, size_t size);

/* Room for nsize bytes holding a copy of the first osize bytes of old
 * (old stays valid: room is not given back), copied in steps that give
 * the pages back as they go, so that a long table grows in memory of
 * the step's size.  a is not NULL (without an arena, xrealloc). */
void *import_arena_grow(struct import_arena *a, const void *old, size_t osize,
			size_t nsize);

/* A record was visited: every ARENA_VISITS visits, the pages of every
 * piece go back to the kernel.  a may be NULL (nothing to do). */
void import_arena_visit(struct import_arena *a);

/* Give every page back now. */
void import_arena_trim(struct import_arena *a);

#endif
