/*
 * changes: what differs between two versions of one item, and the
 * priority changes between two versions of a backlog (docs/reference.md `diff`,
 * `log`).  Pure functions over parsed items and backlogs: no git, no
 * I/O.
 *
 * Ownership: a struct field_changes owns its strings; a struct
 * backlog_diff owns its entries' arrays, while ids and titles are
 * borrowed from the two backlogs, which must outlive it.
 */
#ifndef DOCKET_CHANGES_H
#define DOCKET_CHANGES_H

#include <stddef.h>

#include "core/backlog.h"
#include "core/item.h"

struct field_change {
	char *field;             /* a front-matter key, or "body" */
	char *from, *to;         /* YAML flow text; NULL when absent (and for "body") */
};

struct field_changes {
	struct field_change *v;
	size_t n, alloc;
};

void field_changes_release(struct field_changes *c);
/* Append every front-matter key whose value differs between old and new
 * (either may be NULL: absent; an unparsed version counts as empty),
 * in new's key order then the removed keys in old's order, and "body"
 * when the body bytes differ (line ends ignored).  Values compare by
 * their YAML text, so `effort: 3` → `effort: 3.0` is a change. */
void changes_item(struct field_changes *out, const struct item *old,
		  const struct item *new);
/* A YAML node as one line of flow text ("3", "ready", "[a, b]",
 * "{k: v}"), appended to sb; long values are not cut. */
void changes_flow(struct sbuf *sb, const struct ynode *n);

enum bdiff_kind {
	BD_MOVED,        /* ranked in both, out of its old relative order */
	BD_RANKED,       /* newly ranked (the item existed before) */
	BD_UNRANKED,     /* left ORDER while still open */
	BD_ADDED,        /* a new item (to: its rank, 0 when unranked) */
	BD_REMOVED,      /* its file is gone (from: its old rank) */
	BD_CLOSED,       /* open before, done or stopped now */
	BD_STATUS,       /* any other status change */
	BD_VALUES,       /* effort, customer_value, business_value,
			  * time_criticality or mvl: what the score and
			  * the MVL section of the order rest on */
	BD_NKINDS,
};

struct bdiff_entry {
	enum bdiff_kind kind;
	const char *id;
	const char *title;
	long from, to;                    /* ranks; 0 = unranked */
	enum item_status st_from, st_to;
	struct field_changes values;      /* BD_VALUES only */
};

struct backlog_diff {
	struct bdiff_entry *v;   /* by kind, then by rank (head, else base), then id */
	size_t n, alloc;
	size_t count[BD_NKINDS];
};

void backlog_diff_release(struct backlog_diff *d);
/* Compare base with head (both loaded with their items).  "Moved" is
 * decided on the relative order of the items ranked in both: the
 * fewest items that, taken out and put back, turn the old order into
 * the new one (the complement of a longest increasing subsequence), so
 * inserting one item does not make everything below it "moved". */
void backlog_diff(struct backlog_diff *out, const struct backlog *base,
		  const struct backlog *head);
const char *bdiff_kind_name(enum bdiff_kind k);
/* Does a change of this front-matter field change the item's priority
 * (its score or its place in the MVL section)?  effort, customer_value,
 * business_value, time_criticality, mvl. */
int changes_is_priority(const char *field);

#endif
