/*
 * itemfilter: the filters of `docket list` and of the backlog page of
 * `docket serve`: status (a set), type, tag, cycle, campaign, goal, a
 * --where query, and a plain text search.  Pure: an item matches or it
 * does not.
 *
 * Ownership: a filter borrows its strings and its query.
 */
#ifndef DOCKET_ITEMFILTER_H
#define DOCKET_ITEMFILTER_H

#include <stddef.h>

#include "core/item.h"
#include "core/query.h"

struct item_filter {
	unsigned status_mask;     /* bits 1 << enum item_status; 0: any */
	int type;                 /* an enum item_type, or -1: any */
	const char *tag;          /* one of the item's tags */
	const char *cycle, *campaign, *goal;    /* equal to the field */
	const struct query *where;
	/* text: every word of it (split at blanks) occurs, ignoring ASCII
	 * case, in the id, title, tags, campaign or (when the item has its
	 * bytes) body */
	const char *text;
};

#define ITEM_FILTER_INIT { 0, -1, NULL, NULL, NULL, NULL, NULL, NULL }

/* "ready,doing" -> a mask of statuses (added to *mask).  Returns 0, or
 * -1 with the unknown name copied into bad. */
int item_filter_statuses(unsigned *mask, const char *list, char *bad,
			 size_t badlen);
/* Does it pass every filter that is set? */
int item_filter_match(const struct item_filter *f, const struct item *it);
/* Is tag one of the item's tags (a list, or one scalar)? */
int item_has_tag(const struct item *it, const char *tag);

#endif
