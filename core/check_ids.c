/*
 * check_ids.c: id-filename and duplicate-id, and the id tables every
 * later rule reads (x->ids, x->known).
 *
 * x->ids maps each declared id to the index of the first item (in file
 * order) that declares it, plus one.  x->known holds every id that
 * exists in some form: declared ids, and the id a file name implies
 * (MKT-4-teaser.md -> MKT-4) even when that file failed to parse or
 * declares another id.  References are checked against x->known, so a
 * file with a syntax error is reported once, as syntax, and not again
 * as an unknown id in ORDER or in every depends_on that names it.
 */
#include "core/check.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/sbuf.h"
#include "core/xalloc.h"

static void
report_group(struct check__ctx *x, const long *next, long head)
{
	const struct backlog *bl = x->bl;

	for (long m = head; m >= 0; m = next[m]) {
		const struct item *it = bl->items[m];
		struct sbuf others = SBUF_INIT;
		size_t n = 0;
		int line, col;

		for (long o = head; o >= 0; o = next[o]) {
			if (o == m)
				continue;
			if (n < 3)
				sbuf_addf(&others, "%s%s", n ? ", " : "",
					  bl->items[o]->path);
			n++;
		}
		if (n > 3)
			sbuf_addf(&others, " and %zu more", n - 3);
		check__id_pos(it, &line, &col);
		check__emit(x, RULE_DUPLICATE_ID, it->path, line, col,
			    "id '%s' is also used by %s: give each item its own id (docket renumber %s NEW-ID)",
			    it->id, others.buf, it->id);
		sbuf_release(&others);
	}
}

void
check__ids(struct check__ctx *x)
{
	const struct backlog *bl = x->bl;
	long *next = xmalloc((bl->nitems + 1) * sizeof(*next));
	long *tail = xmalloc((bl->nitems + 1) * sizeof(*tail));
	int dups = 0;

	for (size_t i = 0; i < bl->nitems; i++) {
		const struct item *it = bl->items[i];
		char *fid = item_id_from_filename(check__basename(it->path));
		struct strmap_entry *e;

		next[i] = -1;
		tail[i] = (long)i;
		if (fid) {
			check__own(x, fid);
			if (!strmap_find(&x->known, fid, strlen(fid)))
				strmap_put(&x->known, fid, strlen(fid), (void *)it);
		}
		if (!it->parsed || !it->id)
			continue;
		if (!strmap_find(&x->known, it->id, strlen(it->id)))
			strmap_put(&x->known, it->id, strlen(it->id), (void *)it);
		e = strmap_find(&x->ids, it->id, strlen(it->id));
		if (!e) {
			strmap_put(&x->ids, it->id, strlen(it->id),
				   (void *)(intptr_t)(i + 1));
		} else {
			long head = (long)(intptr_t)e->value - 1;

			next[tail[head]] = (long)i;
			tail[head] = (long)i;
			dups = 1;
		}
		if (!item_id_valid(it->id))
			continue;  /* id-format says it */
		if (!fid || strcmp(fid, it->id)) {
			const char *base = check__basename(it->path);
			int line, col;

			check__id_pos(it, &line, &col);
			if (fid)
				check__emit(x, RULE_ID_FILENAME, it->path, line, col,
					    "id '%s' does not match the file name '%s': rename the file to %s.md, or set 'id: %s'",
					    it->id, base, it->id, fid);
			else
				check__emit(x, RULE_ID_FILENAME, it->path, line, col,
					    "the file name '%s' does not start with the id '%s': rename it to %s.md (or %s-some-words.md)",
					    base, it->id, it->id, it->id);
		}
	}
	/* each group of items sharing an id: a finding on every file */
	for (size_t i = 0; dups && i < bl->nitems; i++) {
		const struct item *it = bl->items[i];
		struct strmap_entry *e;

		if (!it->parsed || !it->id)
			continue;
		e = strmap_find(&x->ids, it->id, strlen(it->id));
		if ((long)(intptr_t)e->value - 1 == (long)i && next[i] >= 0)
			report_group(x, next, (long)i);
	}
	free(next);
	free(tail);
}
