/*
 * listing: render items for `list` and `show` in every format of SPEC 7
 * (table, plain, json, csv, md).  Renders into a caller-owned sbuf and
 * borrows the items; nothing is printed here.
 */
#ifndef DOCKET_LISTING_H
#define DOCKET_LISTING_H

#include <stddef.h>

#include "core/config.h"
#include "core/item.h"
#include "core/sbuf.h"
#include "formats/json.h"

struct listing_opts {
	int color;            /* ANSI colours (table only) */
	size_t width;         /* terminal width for the table; 0 = no limit */
	int header;           /* print the header row (table, csv, md) */
	int term;             /* shown on a terminal: csv escapes control
			       * and bidi characters (core/text.h) too */
};

/* One item as a JSON object: every front-matter field (string-typed
 * fields keep their source text), then "rank" (null when unranked),
 * "file" and "score" (null when it cannot be computed). */
void listing_item_json(struct sbuf *out, const struct item *it,
		       const struct config *c);
/* `list --format json`, an array of those objects, one per line, is
 * written as a stream: listing_json_begin, jw_raw with each object,
 * jw_end and a newline. */
void listing_json_begin(struct jw *w, struct sbuf *out);
void listing_csv(struct sbuf *out, struct item *const *items, size_t n,
		 const struct listing_opts *o);
void listing_md(struct sbuf *out, struct item *const *items, size_t n,
		const struct listing_opts *o);
/* Tab-separated: rank id status type effort cv bv score title. */
void listing_plain(struct sbuf *out, struct item *const *items, size_t n);
/* Aligned columns by display width; text escaped for the terminal. */
void listing_table(struct sbuf *out, struct item *const *items, size_t n,
		   const struct listing_opts *o);
/* "12.5", "4", or "-" for NAN. */
void listing_fmt_num(char *buf, size_t len, double v);

#endif
