/*
 * dod: the Definition-of-Done boxes of an item's body (docs/reference.md): the
 * task-list items ("- [ ]", "- [x]"; also * + and numbered) of the
 * section under an ATX heading "Definition of Done" (any level, any
 * case) up to the next heading of the same or a higher level, outside
 * fenced code blocks.
 *
 * Ticking a box is a surgical edit: the one byte between its brackets
 * changes (' ' <-> 'x'); every other byte of the file stays.
 *
 * Ownership: a dod_list owns its array; each box's text points into
 * the data it was scanned from.
 */
#ifndef DOCKET_DOD_H
#define DOCKET_DOD_H

#include <stddef.h>

#include "core/sbuf.h"

struct dod_box {
	size_t off;          /* offset of the mark between the brackets */
	int line;            /* 1-based line in the file */
	int col;             /* 1-based column of '[' */
	int checked;         /* [x] or [X] */
	const char *text;    /* the box's text, trimmed (not NUL-ended) */
	size_t len;
};

struct dod_list {
	struct dod_box *v;
	size_t n;
};

/* Scan the body data[body_off..len) (body_line: its first line). */
void dod_scan(struct dod_list *out, const char *data, size_t len,
	      size_t body_off, int body_line);
void dod_list_release(struct dod_list *l);
/* The box numbered what (1-based), or whose text starts with what
 * (ASCII case ignored; an exact match wins): its index, -1 when none,
 * -2 when several match. */
long dod_find(const struct dod_list *l, const char *what);
/* out = data with box i checked (or unchecked): one byte changed. */
void dod_set(struct sbuf *out, const char *data, size_t len,
	     const struct dod_box *box, int checked);

#endif
