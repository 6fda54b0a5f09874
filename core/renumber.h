/*
 * renumber: changing an item's id everywhere (`docket renumber OLD NEW`,
 * docs/reference.md): the file name, its `id:`, ORDER, the `depends_on` and
 * `follows` of other items and the `committed` lists of cycle files.
 *
 * Every edit is surgical (docs/reference.md): only the bytes of a scalar that
 * reads OLD are replaced, in its own quoting style (plain, 'single' or
 * "double"), so block lists stay block lists and comments stay; the
 * result is parsed again and must read NEW exactly there and be
 * otherwise unchanged.
 *
 * Ownership: callers own every sbuf and string they get; nothing is kept.
 */
#ifndef DOCKET_RENUMBER_H
#define DOCKET_RENUMBER_H

#include <stddef.h>

#include "core/diag.h"
#include "core/order.h"
#include "core/repo.h"
#include "core/sbuf.h"

/*
 * In the front matter of data[0..len), replace every scalar equal to
 * old_id that is the value of one of keys, or an element of a list that
 * is.  out receives the whole new file (a copy when nothing matched).
 * Returns the number of scalars replaced, or DK_EINVALID (a diag says
 * why) when the front matter does not parse or the result would not
 * read back as intended.
 */
int renumber_refs(struct sbuf *out, const char *data, size_t len,
		  const char *file, const char *const *keys, size_t nkeys,
		  const char *old_id, const char *new_id,
		  struct diag_list *diags);

/* ORDER with every line listing old_id listing new_id instead (the rest
 * of the line, its comment and the line ends kept).  Returns the number
 * of lines changed. */
size_t renumber_order(struct sbuf *out, const struct order *o,
		      const char *old_id, const char *new_id);

/* The file name for new_id: "OLD.md" -> "NEW.md", "OLD-slug.md" ->
 * "NEW-slug.md" (malloc'ed); NULL when name is not old_id's. */
char *renumber_filename(const char *name, const char *old_id,
			const char *new_id);

/* Is there an item file for id on any local or remote-tracking branch
 * (items_rel: the items folder relative to the work tree)?  Returns 1
 * and the branch name in where, 0, or DK_EIO (the reason in errs). */
int renumber_id_on_branches(struct repo *r, const char *items_rel,
			    const char *id, char *where, size_t wlen,
			    struct diag_list *errs);

#endif
