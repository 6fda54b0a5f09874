/*
 * order: the ORDER file (docs/reference.md): one id per line, highest priority
 * first; '#' starts a comment; blank lines are ignored.
 *
 * A struct order keeps every line of the file (comments and blank lines
 * included) so that moving ids rewrites only what moved and comments stay
 * where they were.  It owns its lines; order_release frees them.
 */
#ifndef DOCKET_ORDER_H
#define DOCKET_ORDER_H

#include <stddef.h>

#include "core/diag.h"
#include "core/sbuf.h"
#include "core/strmap.h"

struct order_line {
	char *text;        /* the whole line without its terminator (owned) */
	char *id;          /* the id on this line (owned), or NULL */
	int lineno;        /* 1-based line in the file it was read from */
};

struct order {
	struct order_line *lines;
	size_t nlines, alloc;
	int crlf;          /* the file used CRLF line ends */
	int final_newline; /* the file ended with a line terminator */
	int conflict_line; /* first merge-conflict marker line, or 0 */
	size_t nids;       /* lines holding an id */
	struct strmap rank;/* id -> rank (1-based, as a pointer-sized int) */
};

void order_init(struct order *o);
void order_release(struct order *o);
/* Parse ORDER's bytes. Malformed lines (two words, invalid UTF-8) are
 * diags with rule "syntax"; conflict markers set conflict_line and add an
 * "order-conflict" diag. Returns 0 or DK_EINVALID. */
int order_parse(struct order *o, const char *file, const char *data,
		size_t len, struct diag_list *diags);
/* Rank of id (1-based), or 0 when the id is not listed. The first
 * occurrence counts when an id is listed twice. */
long order_rank(const struct order *o, const char *id);
/* Rank of id in ORDER's bytes without building a struct order (the same
 * line rules as order_parse; for reading many versions of ORDER, as the
 * history does).  0 when the id is not listed. */
long order_scan_rank(const char *data, size_t len, const char *id);
/* Iterate over the ids of ORDER's bytes: start with *off = 0; returns 1
 * with *id (not NUL-terminated) and *idlen, 0 at the end. */
int order_next_id(const char *data, size_t len, size_t *off, const char **id,
		  size_t *idlen);
/* The id with the given rank, or NULL. */
const char *order_id_at(const struct order *o, long rank);
/* Copy into out (initialised) the lines of in whose id keep(id, arg)
 * accepts, with their line numbers; comment and blank lines are left
 * out.  For a view of ORDER about a few ids (core/validate.h). */
void order_filter(struct order *out, const struct order *in,
		  int (*keep)(const char *id, void *arg), void *arg);
/* order_parse for a view of ORDER about a few ids, from its bytes: each
 * id line is passed to keep(id, idlen, rank, arg), with its rank in the
 * whole file (the id is not NUL-terminated), and only the lines keep
 * accepts are kept, with their line numbers (o's own ranks count only
 * them); nothing is allocated for the others.  Returns 0, or DK_EINVALID
 * with o empty when data is not UTF-8 text without NUL bytes. */
typedef int order_keep_fn(const char *id, size_t idlen, long rank, void *arg);
int order_parse_kept(struct order *o, const char *data, size_t len,
		     order_keep_fn *keep, void *arg);
/* Render the file (keeping comments, blank lines and line ends). */
void order_render(const struct order *o, struct sbuf *out);

/*
 * Sections.  A whole-line comment is a section header: the ids below it,
 * up to the next header, are its section (teams mark "# Minimally viable
 * launch", "# Next" by hand).  A comment that reads as prose (it ends
 * with . ; , ! or ?) or has no letter or digit ("# -----") is a note,
 * not a header.  The ids above the first header are section 0, which
 * has no header.  sec[i] receives the section of line i
 * (a header's own number for a header line); returns the number of
 * sections (headers + 1).
 */
size_t order_sections(const struct order *o, size_t *sec);
/* Is the line a whole-line comment (a section header)? */
int order_line_is_header(const struct order_line *l);

/*
 * Editing ORDER.  Only id lines move; comment lines and blank lines stay
 * where they are, so hand-made sections keep their headers.
 *
 *   ORDER_TOP     the new first id line: just before the line holding
 *                 the current first id (below any header comment above
 *                 it); at the end of the file when no id is listed
 *   ORDER_BOTTOM  just after the line holding the last id (comments after
 *                 it stay below); at the end of the file when none is
 *   ORDER_INDEX   so that the id's rank becomes index (1-based): before
 *                 the id that now has that rank; the bottom when index is
 *                 past the end
 *   ORDER_BEFORE / ORDER_AFTER  just before / after the line holding ref
 *
 * A moved id keeps its line's text (an end-of-line comment moves with
 * it).  Each function returns 0, DK_ENOTFOUND when ref is not listed (or,
 * for order_remove, id is not), DK_EUSAGE for a bad placement (index < 1,
 * ref equal to id), DK_ECONFLICT when ORDER has conflict markers.
 */
enum order_where {
	ORDER_TOP,
	ORDER_BOTTOM,
	ORDER_INDEX,
	ORDER_BEFORE,
	ORDER_AFTER,
};

struct order_place {
	enum order_where where;
	long index;              /* ORDER_INDEX */
	const char *ref;         /* ORDER_BEFORE, ORDER_AFTER */
};

/* Remove every line listing id. */
int order_remove(struct order *o, const char *id);
/* Add id (not listed yet) at place. */
int order_insert(struct order *o, const char *id, const struct order_place *p);
/* Move id to place (added when it is not listed; a second listing of it
 * is dropped, its end-of-line comment kept in its place as a comment
 * line). */
int order_move(struct order *o, const char *id, const struct order_place *p);

#endif
