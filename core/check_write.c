/* check_write.c: the errors a new text of one item file adds
 * (core/check_write.h). */
#include <string.h>

#include "core/check.h"
#include "core/check_write.h"
#include "core/xalloc.h"

/* Put it in bl's slot, where was is (NULL: a slot of its own), with the
 * rank and the entry in the ids' index that was has.  The index is only
 * ever pointed at it under a key that was already there (its keys are
 * borrowed pointers: a key of it would dangle once it is freed). */
static void
swap_in(struct backlog *bl, size_t slot, struct item *was, struct item *it)
{
	if (was && was->id && it->id && !strcmp(was->id, it->id))
		strmap_put(&bl->by_id, was->id, strlen(was->id), it);
	if (was)
		it->rank = was->rank;
	bl->items[slot] = it;
}

static void
swap_back(struct backlog *bl, size_t slot, struct item *was)
{
	if (was) {
		if (was->id && strmap_find(&bl->by_id, was->id, strlen(was->id)))
			strmap_put(&bl->by_id, was->id, strlen(was->id), was);
		bl->items[slot] = was;
	}
}

static int
same_finding(const struct diag *a, const struct diag *b)
{
	/* not the position: a write moves lines */
	return !strcmp(a->rule, b->rule) && !strcmp(a->message, b->message);
}

/* The errors check finds on path while it is in its slot, with the
 * errors of reading it (which the loader would have put in bl). */
static void
errors_on(struct diag_list *out, struct backlog *bl, const char *path,
	  const struct item *it)
{
	struct check_opts co = CHECK_OPTS_INIT;
	struct diag_list all = DIAG_LIST_INIT;

	check_backlog(&all, bl, &co);
	for (size_t i = 0; i < it->diags.n; i++)
		if (it->diags.v[i].severity == SEV_ERROR)
			diag_add(&all, SEV_ERROR, it->diags.v[i].rule, path,
				 it->diags.v[i].line, it->diags.v[i].column, "%s",
				 it->diags.v[i].message);
	for (size_t i = 0; i < all.n; i++) {
		const struct diag *d = &all.v[i];

		if (d->severity == SEV_ERROR && d->file && !strcmp(d->file, path))
			diag_add(out, d->severity, d->rule, d->file, d->line, d->column,
				 "%s", d->message);
	}
	diag_list_release(&all);
}

/* Check bl with the item parsed from data in slot (in place of was). */
static void
errors_with(struct diag_list *out, struct backlog *bl, size_t slot,
	    struct item *was, const char *path, const char *data, size_t len)
{
	struct fm_opts fo = FM_OPTS_INIT;
	struct item *it = item_new(path, xmemdup0(data, len), len, &fo);

	swap_in(bl, slot, was, it);
	errors_on(out, bl, path, it);
	swap_back(bl, slot, was);
	item_free(it);
}

size_t
check_write_item(struct diag_list *added, struct backlog *bl, const char *path,
		 const char *before, size_t blen, const char *after, size_t alen)
{
	struct diag_list was = DIAG_LIST_INIT, now = DIAG_LIST_INIT, saved;
	struct item *orig = NULL;
	size_t slot, n = 0;

	for (slot = 0; slot < bl->nitems; slot++)
		if (!strcmp(bl->items[slot]->path, path))
			break;
	if (slot < bl->nitems) {
		orig = bl->items[slot];
	} else {
		/* a file the backlog does not hold: a slot of its own for
		 * the check, taken away again below */
		bl->items = xrealloc(bl->items, (bl->nitems + 1) * sizeof(*bl->items));
		bl->nitems++;
	}
	/* what the loader found reading the file is about its text on
	 * disk, which each text checked here stands in for (with what
	 * reading it finds): set aside meanwhile */
	saved = bl->diags;
	diag_list_init(&bl->diags);
	for (size_t i = 0; i < saved.n; i++)
		if (!saved.v[i].file || strcmp(saved.v[i].file, path))
			diag_add(&bl->diags, saved.v[i].severity, saved.v[i].rule,
				 saved.v[i].file, saved.v[i].line, saved.v[i].column, "%s",
				 saved.v[i].message);
	if (before)
		errors_with(&was, bl, slot, orig, path, before, blen);
	errors_with(&now, bl, slot, orig, path, after, alen);
	diag_list_release(&bl->diags);
	bl->diags = saved;
	if (!orig)
		bl->nitems--;

	for (size_t i = 0; i < now.n; i++) {
		int seen = 0;

		for (size_t k = 0; k < was.n && !seen; k++)
			seen = same_finding(&now.v[i], &was.v[k]);
		if (seen)
			continue;
		diag_add(added, now.v[i].severity, now.v[i].rule, now.v[i].file,
			 now.v[i].line, now.v[i].column, "%s", now.v[i].message);
		n++;
	}
	diag_list_release(&was);
	diag_list_release(&now);
	return n;
}
