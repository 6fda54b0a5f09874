/* lis.c: the heaviest increasing subsequence (see lis.h). */
#include "core/lis.h"

#include <stdlib.h>

#include "core/xalloc.h"

struct best {
	long long w;
	long j;
};

static int
better(struct best a, struct best b)
{
	return a.w > b.w || (a.w == b.w && a.j > b.j);
}

void
lis_mark_moved(const size_t *pos, const long long *weight, size_t n,
	       size_t npos, unsigned char *moved)
{
	struct best *t = xcalloc(npos + 1, sizeof(*t)), end = { 0, -1 };
	long *par = xcalloc(n + 1, sizeof(*par));

	for (size_t i = 0; i <= npos; i++)
		t[i].j = -1;
	for (size_t j = 0; j < n; j++) {
		struct best q = { 0, -1 }, cur;

		for (size_t x = pos[j]; x > 0; x &= x - 1)
			if (better(t[x], q))
				q = t[x];
		cur.w = q.w + (weight ? weight[j] : 1);
		cur.j = (long)j;
		par[j] = q.j;
		for (size_t x = pos[j] + 1; x <= npos; x += x & (~x + 1))
			if (better(cur, t[x]))
				t[x] = cur;
		if (better(cur, end))
			end = cur;
		moved[j] = 1;
	}
	for (long j = end.j; j >= 0; j = par[j])
		moved[j] = 0;
	free(par);
	free(t);
}
