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
#include "formats/format.h"
#include "formats/json.h"

struct listing_opts {
	int color;            /* ANSI colours (table only) */
	size_t width;         /* terminal width for the table; 0 = no limit */
	int header;           /* print the header row (table, csv, md) */
	int term;             /* shown on a terminal: csv escapes control
			       * and bidi characters (core/text.h) too */
	int csv_raw;          /* csv: the bytes as they are, cells that a
			       * spreadsheet would run as a formula too */
};

/* A CSV cell (RFC 4180 quoting) for out.  A cell that starts with =, +,
 * -, @, a tab or a CR is a formula to a spreadsheet (from anyone who
 * wrote an idea): it is written with a ' before it, unless raw, or
 * unless it is a number ("-3", "+1.5" are never altered).  Every CSV
 * docket writes goes through this. */
void listing_csv_cell(struct sbuf *out, const char *s, size_t len, int raw);

/* One item as a JSON object: every front-matter field (string-typed
 * fields keep their source text), then "rank" (null when unranked),
 * "file" and "score" (null when it cannot be computed). */
void listing_item_json(struct sbuf *out, const struct item *it,
		       const struct config *c);

typedef void listing_render_fn(struct sbuf *out, struct item *const *items,
			       size_t n, const struct listing_opts *o);
typedef void listing_item_fn(struct sbuf *out, const struct item *it,
			     const struct config *c);

/*
 * `docket list --format` (formats/format.h): each row renders the whole
 * list, or, with json_item, one JSON object per item as the item is
 * read, which the command writes as one array (the document is never
 * held whole).  table: aligned columns by display width, text escaped
 * for the terminal; plain: tab-separated rank id status type effort cv
 * bv score title; json; csv (RFC 4180); md: a Markdown table.
 */
struct listing_format {
	struct format f;
	listing_render_fn *render;
	listing_item_fn *json_item;
};
extern const struct format_table listing_formats;

/* `docket show --format`: md (the file as written) or json. */
struct show_format {
	struct format f;
	listing_item_fn *render;
};
extern const struct format_table show_formats;

/* `list --format json`, an array of those objects, one per line, is
 * written as a stream: listing_json_begin, jw_raw with each object,
 * jw_end and a newline. */
void listing_json_begin(struct jw *w, struct sbuf *out);
/* "12.5", "4", or "-" for NAN. */
void listing_fmt_num(char *buf, size_t len, double v);

#endif
