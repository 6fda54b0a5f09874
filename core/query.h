/*
 * query: the `--where` expressions of `list` (docs/reference.md): comparisons joined
 * by `and`, such as `effort<=3 and type=experiment`.
 *
 *   expr  := cond ("and" cond)*
 *   cond  := KEY OP VALUE        OP: = == != < <= > >= ~ (~: contains)
 *   VALUE := word | 'single quoted' | "double quoted"
 *
 * KEY is a front-matter key or one of rank, score, file.  Numbers
 * compare numerically, other values as text (so dates compare too); a
 * list matches `=` when any element does.  A missing field only matches
 * `!=`.  query_parse returns a query the caller frees with query_free.
 */
#ifndef DOCKET_QUERY_H
#define DOCKET_QUERY_H

#include <stddef.h>

#include "core/item.h"

struct query;

/* On error returns DK_EUSAGE with a message naming the column in errs. */
int query_parse(struct query **out, const char *expr, struct diag_list *errs);
int query_match(const struct query *q, const struct item *it);
void query_free(struct query *q);

#endif
