/*
 * spill: an append-only store of byte strings that keeps the first
 * max_mem bytes in memory and spills the rest to an unlinked temporary
 * file (in $TMPDIR, else /tmp), as sort(1) does.  It lets a command that
 * renders many items in one order and prints them in another hold only
 * a bounded amount of rendered text in memory, however large the
 * backlog.  When no temporary file can be made or written, strings stay
 * in memory: spilling saves memory, it never loses output.
 *
 * spill_put may be called from several threads at once.
 *
 * Ownership: the spill owns its file (closed by spill_free).  A string
 * kept in memory is returned to the caller as a malloc'ed copy (*mem),
 * which the caller frees; a spilled one is named by (*off, len).
 */
#ifndef DOCKET_SPILL_H
#define DOCKET_SPILL_H

#include <stddef.h>

#include "core/sbuf.h"

struct spill;

/* A store keeping up to max_mem bytes in memory (0: spill everything). */
struct spill *spill_new(size_t max_mem);
void spill_free(struct spill *s);

/* Store data[0..len): sets *mem to a malloc'ed copy (NUL-terminated),
 * or to NULL with the data at *off in the file. */
void spill_put(struct spill *s, const char *data, size_t len, char **mem,
	       size_t *off);

/* Append the spilled string at off, len bytes, to out.  Returns 0, or
 * DK_EIO when the file cannot be read back. */
int spill_get(struct spill *s, size_t off, size_t len, struct sbuf *out);

#endif
