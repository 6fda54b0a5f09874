/*
 * check_ids.c: id-filename (an item's id against its file name) and
 * duplicate-id (two files with one id, each reported naming the others).
 * The id tables (x->ids, x->known) are built by the engine.
 */
#include "core/check_int.h"

#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/sbuf.h"
#include "core/xalloc.h"

void
check__id_filename(struct check__ctx *x, struct check__view *v)
{
	const struct item *it = v->it;
	const char *base = check__basename(it->path);
	const struct ynode *id = v->val[check__bit("id")];
	const struct ynode *key = v->key[check__bit("id")];
	char *fid;

	if (!id || !it->id || !item_id_valid(it->id))
		return;  /* required or id-format says it */
	fid = item_id_from_filename(base);
	if (fid && !strcmp(fid, it->id)) {
		free(fid);
		return;
	}
	if (fid)
		check__emit_at(x, RULE_ID_FILENAME, it, key, id,
			       "id '%s' does not match the file name '%s': rename the file to %s.md, or set 'id: %s'",
			       it->id, base, it->id, fid);
	else
		check__emit_at(x, RULE_ID_FILENAME, it, key, id,
			       "the file name '%s' does not start with the id '%s': rename it to %s.md (or %s-some-words.md)",
			       base, it->id, it->id, it->id);
	free(fid);
}

/* Of the files of a duplicate group, the one added last (the one to
 * renumber): by x->o->added when given, else one whose name does not
 * say the id (MKT-2.md claiming MKT-1), else the last by name. */
/* Of the files of a duplicate group, the one added last (the one to
 * renumber): by x->o->added when given; then one whose name does not
 * say the id (MKT-2.md claiming MKT-1); then the longer name (a copy
 * gets a suffix); then the last by name. */
static long
added_last(struct check__ctx *x, const long *next, long head)
{
	const struct backlog *bl = x->bl;
	long best = -1;
	long long best_when = LLONG_MIN;
	int best_odd = 0;

	for (long m = head; m >= 0; m = next[m]) {
		const struct item *it = bl->items[m];
		char *fid = item_id_from_filename(check__basename(it->path));
		long long when = x->o->added ? x->o->added(x->o->added_arg, it->path) : 0;
		int odd = !(fid && it->id && !strcmp(fid, it->id)), later;

		free(fid);
		if (best < 0)
			later = 1;
		else if (when != best_when)
			later = when > best_when;
		else if (odd != best_odd)
			later = odd;
		else if (strlen(it->path) != strlen(bl->items[best]->path))
			later = strlen(it->path) > strlen(bl->items[best]->path);
		else
			later = strcmp(it->path, bl->items[best]->path) > 0;
		if (later) {
			best = m;
			best_when = when;
			best_odd = odd;
		}
	}
	return best;
}

static void
report_group(struct check__ctx *x, const long *next, long head)
{
	const struct backlog *bl = x->bl;
	long last = added_last(x, next, head);
	const char *renumber = bl->items[last]->path;

	for (long m = head; m >= 0; m = next[m]) {
		const struct item *it = bl->items[m];
		struct sbuf others = SBUF_INIT;
		size_t n = 0;
		int line, col;
		struct diag *d;

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
		check__id_pos(x, (size_t)m, &line, &col);
		d = check__emit(x, RULE_DUPLICATE_ID, it->path, line, col,
				"id '%s' is also used by %s: give the file added last its own id (docket renumber %s NEW-ID)",
				it->id, others.buf, renumber);
		if (d) {
			diag_set_subject(d, it->id);
			diag_set_field(d, "id");
			diag_set_fix(d, "docket renumber %s NEW-ID", renumber);
		}
		sbuf_release(&others);
	}
}

void
check__duplicate_ids(struct check__ctx *x)
{
	const struct backlog *bl = x->bl;
	long *next, *tail;
	int dups = 0;

	next = xmalloc((bl->nitems + 1) * sizeof(*next));
	tail = xmalloc((bl->nitems + 1) * sizeof(*tail));
	/* chain the items of each id behind its first (x->ids) */
	for (size_t i = 0; i < bl->nitems; i++) {
		const struct item *it = bl->items[i];
		struct strmap_entry *e;
		long head;

		next[i] = -1;
		tail[i] = (long)i;
		if (!it->parsed || !it->id)
			continue;
		e = strmap_find(&x->ids, it->id, strlen(it->id));
		head = (long)(intptr_t)e->value - 1;
		if (head != (long)i) {
			next[tail[head]] = (long)i;
			tail[head] = (long)i;
			dups = 1;
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
