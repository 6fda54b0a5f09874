/*
 * order_moved: which ids changed place between two versions of ORDER,
 * for a reorder made from an older version (docket serve: a drag is
 * refused only when the item it moves, or the neighbour it was dropped
 * next to, changed place since the page was made, not when ORDER
 * changed elsewhere).
 *
 * An id changed place when it is listed in one version only, or when it
 * is one of the fewest ids that, taken out and put back, turn the old
 * order into the new one (the complement of the heaviest increasing
 * subsequence, core/lis.h, as `docket diff` decides "moved").  Of two
 * swapped neighbours the one that went up is the one that moved.
 *
 * Pure: reads the two texts, keeps nothing.
 */
#ifndef DOCKET_ORDER_MOVED_H
#define DOCKET_ORDER_MOVED_H

#include <stddef.h>

/* Did id change place from old[0..olen) to cur[0..clen)?  Sets *from
 * and *to to its ranks (0: not listed) when not NULL. */
int order_moved(const char *old, size_t olen, const char *cur, size_t clen,
		const char *id, long *from, long *to);

#endif
