/*
 * listing: render items for `list` and `show` in every format of docs/reference.md
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

/*
 * The columns of `list --fields a,b,c`: rank, score and file are
 * computed; cv and bv stand for customer_value and business_value; any
 * other name is a front-matter key, whose text (a list as "a, b") the
 * caller gives through text() (absent: NULL).  "body" is the item's body.
 */
struct listing_cols {
	const char *const *names;
	size_t n;
	const char *(*text)(const struct item *it, size_t k, void *arg);
	void *arg;
};

struct listing_opts {
	int color;            /* ANSI colours (table only) */
	size_t width;         /* terminal width for the table; 0 = no limit */
	int header;           /* print the header row (table, csv, md) */
	int term;             /* shown on a terminal: csv escapes control
			       * and bidi characters (core/text.h) too */
	const struct listing_cols *cols;   /* --fields, or NULL: the default */
	int csv_raw;          /* csv: the bytes as they are, cells that a
			       * spreadsheet would run as a formula too */
};

/* A CSV cell (RFC 4180 quoting) for out.  A cell that starts with =, +,
 * -, @, a tab or a CR is a formula to a spreadsheet (from anyone who
 * wrote an idea): it is written with a ' before it, unless raw, or
 * unless it is a number ("-3", "+1.5" are never altered).  Every CSV
 * docket writes goes through this. */
void listing_csv_cell(struct sbuf *out, const char *s, size_t len, int raw);

/* The column names that are not front-matter keys: computed from the
 * item (rank, score, file, body) and short names of keys (cv, bv). */
struct listing_col_name {
	const char *name;
	const char *key;            /* the key it stands for, or NULL:
				     * computed */
};
extern const struct listing_col_name listing_col_names[];
extern const size_t listing_ncol_names;

/* Is name a column computed from the item (rank, score, file), not a
 * front-matter key? */
int listing_col_computed(const char *name);
/* The front-matter key a column name stands for (cv: customer_value). */
const char *listing_col_key(const char *name);
/* The text of an item's front-matter value of key for a cell ("a, b"
 * for a list; NULL when absent), appended to out; 1 when present. */
int listing_value_text(struct sbuf *out, const struct item *it,
		       const char *key);
/* One item as a JSON object of the given columns only, in that order
 * (absent ones null; "body": the body). */
void listing_item_json_cols(struct sbuf *out, const struct item *it,
			    const struct config *c, const char *const *names,
			    size_t n);
/* The item's body: its bytes after the front matter. */
void listing_body(struct sbuf *out, const struct item *it);

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

/* `docket show --format`: md (the file as written) or json (the fields,
 * rank, file, score and "body"). */
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
