/*
 * lis: the heaviest increasing subsequence, which is what stayed in place
 * when a list was reordered.  Give each element of the new list its
 * position in the old one: the elements on the heaviest increasing run of
 * positions kept their relative order; the others are the ones that
 * moved.  O(n log n) with a Fenwick tree of prefix maxima.
 *
 * Of two equally heavy choices the one ending with later elements wins,
 * so of two swapped neighbours the one that went up is the one marked as
 * moved (as `docket move --top` would have done it).  No ownership: the
 * caller passes and keeps every array.
 */
#ifndef DOCKET_LIS_H
#define DOCKET_LIS_H

#include <stddef.h>

/* pos[i] < npos is element i's old position (distinct), weight[i] its
 * weight (NULL: 1 each).  Sets moved[i] to 0 on the heaviest increasing
 * subsequence and 1 elsewhere. */
void lis_mark_moved(const size_t *pos, const long long *weight, size_t n,
		    size_t npos, unsigned char *moved);

#endif
