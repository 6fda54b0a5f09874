/*
 * format: the output formats of a command, as one table per command in
 * the formats/ module that renders them.
 *
 * A table is an array of the module's own row struct whose first member
 * is a struct format (the name --format takes, a few words of help),
 * followed by what renders it (a function with the module's signature),
 * and ended by a row whose name is NULL:
 *
 *   struct listing_format { struct format f; listing_render_fn *render; };
 *   const struct listing_format listing_formats[] = {
 *           { { "table", NULL, 0 }, listing_table },
 *           ...
 *           { { NULL, NULL, 0 }, NULL },
 *   };
 *   const struct format_table listing_format_table = FORMAT_TABLE(listing_formats);
 *
 * The command layer checks and lists --format values through the
 * struct format_table (the first row is the default), and gets back its
 * own row with FORMAT_ROW.  `docket help`, the usage line, completion
 * and the format lists of the manual and README (checked by make check)
 * all read the table.  Everything here is static data: nothing to free.
 */
#ifndef DOCKET_FORMAT_H
#define DOCKET_FORMAT_H

#include <stddef.h>

enum format_flags {
	/* the output carries text from files as it is (Markdown): shown on
	 * a terminal, it is escaped line by line (core/text.h) */
	FORMAT_RAW_TEXT = 1 << 0,
};

struct format {
	const char *name;       /* what --format takes */
	const char *help;       /* a few words for `docket help`, or NULL */
	unsigned flags;         /* enum format_flags */
};

struct format_table {
	const struct format *first;     /* the f member of the first row */
	size_t stride;                  /* the size of one row */
};

#define FORMAT_TABLE(rows) { &(rows)[0].f, sizeof((rows)[0]) }
/* The module's row of a struct format found in its table. */
#define FORMAT_ROW(type, fmt) ((const type *)(const void *)(fmt))

/* Row i of t, or NULL past the last one. */
const struct format *format_at(const struct format_table *t, size_t i);
/* The row named name, or NULL. */
const struct format *format_find(const struct format_table *t,
				 const char *name);

#endif
