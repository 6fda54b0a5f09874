/*
 * item: one backlog item file (docs/reference.md): its bytes, its parsed front
 * matter and the fields docket uses everywhere, resolved once.
 *
 * Ownership: an item owns path, data and fm (whose tree owns every
 * string the field pointers below point into).  item_free releases all.
 * Field pointers are NULL, and numbers NAN or 0, when a field is absent
 * or of the wrong type; `docket check` reports why.
 */
#ifndef DOCKET_ITEM_H
#define DOCKET_ITEM_H

#include <stddef.h>

#include "core/diag.h"
#include "core/fm.h"

enum item_type {
	TYPE_EXPERIMENT,
	TYPE_BAU,
	TYPE_IMPROVEMENT,
	TYPE_UNKNOWN,
};

enum item_status {
	ST_IDEA,
	ST_READY,
	ST_PLANNED,
	ST_DOING,
	ST_BLOCKED,
	ST_DONE,
	ST_STOPPED,
	ST_UNKNOWN,
};

#define ST_COUNT ST_UNKNOWN

struct item {
	char *path;               /* relative to the repository root */
	char *data;               /* the file's bytes (NUL-terminated copy) */
	size_t len;
	struct fm fm;
	int parsed;               /* the front matter parsed */
	struct diag_list diags;   /* problems found while reading this file */

	const char *id;
	const char *title;
	enum item_type type;
	enum item_status status;
	double effort;            /* NAN when absent */
	double remaining;         /* `remaining:` (>= 0), NAN when absent */
	int customer_value;       /* 0 when absent */
	int business_value;
	int time_criticality;
	int mvl;
	int over_wip;             /* has `over_wip:`, a recorded WIP override */
	const char *goal;
	const char *campaign;
	const char *cycle;
	const char *created;      /* YYYY-MM-DD text or NULL */
	const char *started;
	const char *finished;
	long num;                 /* the N of PREFIX-N, or -1 */
	long rank;                /* 1-based position in ORDER, 0 = unranked */
	double score;             /* NAN when it cannot be computed */
	/* dates taken from git history by history_fill_dates (core/history.h)
	 * when the field is missing; "" otherwise */
	char hist_started[11], hist_finished[11];

	char *lean;               /* item_lean: the resolved strings, packed */
};

/* Take ownership of data (malloc'ed, len bytes, NUL at data[len]) and
 * parse it. Returns the new item; parse problems go to item->diags. */
struct item *item_new(const char *path, char *data, size_t len,
		      const struct fm_opts *opts);
void item_free(struct item *it);
/*
 * Keep only the resolved fields: copy the string fields (id, title,
 * goal, campaign, cycle, created, started, finished) into one block,
 * then free the parse tree and the file's bytes.  Afterwards fm.root
 * and data are NULL, len is 0 and item_get returns NULL; path, diags,
 * the numbers, rank and score stay.  For commands that read many
 * items and need only those fields (BL_LEAN).
 */
void item_lean(struct item *it);
/* Re-resolve the cached fields from it->fm.root. */
void item_resolve(struct item *it);
/* The raw front-matter value of key, or NULL. */
const struct ynode *item_get(const struct item *it, const char *key);

const char *item_type_name(enum item_type t);
const char *item_status_name(enum item_status s);
enum item_type item_type_parse(const char *s);
enum item_status item_status_parse(const char *s);
/* Is the status open (not done or stopped)? */
int item_status_open(enum item_status s);

/* The number N of "PREFIX-N" when id has that form with the given
 * prefix (any prefix when prefix is NULL), else -1. */
long item_id_number(const char *id, const char *prefix);
/* Is id a well-formed id ("PREFIX-N", letters/digits prefix)? */
int item_id_valid(const char *id);
/* Compare ids: by prefix, then numerically. */
int item_id_cmp(const char *a, const char *b);
/* The id a file name implies: "MKT-4.md" or "MKT-4-some-slug.md" ->
 * "MKT-4" (malloc'ed), or NULL. */
char *item_id_from_filename(const char *name);

#endif
