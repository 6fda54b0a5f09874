/*
 * rank: the order `docket rank` proposes (SPEC 7), and ORDER rewritten
 * in that order.  The score advises; the owner decides.
 *
 * Which items: every open item that ORDER lists, and every unranked item
 * past `idea` (ready, planned, doing, blocked).  Unranked ideas stay in
 * the intake until the owner ranks them.  Done and stopped items leave
 * ORDER.  An id ORDER lists with no readable item file stays, at the
 * bottom, in ORDER's order (the command refuses to apply then).
 *
 * The order:
 *   1. mvl: true first;
 *   2. score, highest first; no score (a value missing) after any score;
 *   3. on a tie: the current rank (ranked before unranked), then the
 *      oldest created, then the id;
 *   4. dependencies before dependants: walking that list from the top,
 *      each item's dependencies (depends_on) that are in the proposal go
 *      just above it, recursively and in their own proposed order, so an
 *      important item pulls what it needs up with it instead of waiting
 *      below it.  A dependency cycle is cut where the walk meets it
 *      (`docket check` reports cycles).
 *   5. sections: no item crosses a section header of ORDER (a whole-line
 *      comment, core/order.h): each ranked item stays in its section, in
 *      the order above among the items of that section; a newly ranked
 *      item joins the section of the item just above it in that order
 *      (or just below, at the top).  An item the order would put across
 *      a header is "kept" (struct rank_kept), for the command to say so.
 *
 * Ownership: a rank_plan borrows the ids and items of the backlog it was
 * made from (which must outlive it) and owns its arrays.
 */
#ifndef DOCKET_RANK_H
#define DOCKET_RANK_H

#include <stddef.h>

#include "core/backlog.h"
#include "core/config.h"
#include "core/order.h"
#include "core/sbuf.h"

struct rank_entry {
	const char *id;
	const struct item *item;  /* NULL: ORDER lists an id with no item */
	long old_rank;            /* 0: unranked */
	long new_rank;            /* 0: leaves ORDER */
	double score;             /* NAN when it cannot be computed */
	int moved;                /* moved by the proposal, not only shifted
				   * by other moves (and not new or leaving) */
	const char *needed_by;    /* pulled up as a dependency of this id */
	size_t section;           /* its section of ORDER (core/order.h) */
};

/* An item the sections keep from the place its score gives it. */
struct rank_kept {
	const char *id;
	size_t section;           /* where it stays */
	const char *other;        /* the item it would go above (or below) */
	size_t other_section;     /* ...which is in this section */
	int above;                /* 1: would go above other; 0: below */
};

struct rank_plan {
	struct rank_entry *v;     /* the proposal (new_rank 1..n), then the
				   * ngone entries leaving ORDER */
	size_t n;
	size_t ngone;
	size_t nunknown;          /* ids with no item, at the proposal's end */
	enum score_kind kind;
	struct rank_kept *kept;   /* in proposal order */
	size_t nkept;
	size_t nsections;         /* of ORDER: headers + 1 */
	size_t *sec_ids;          /* per section: the proposal's ids in it */
	const char **sec_title;   /* per section: its header line (NULL: 0) */
	size_t nempty;            /* headers with no id in the proposal */
};

void rank_plan_init(struct rank_plan *p);
void rank_plan_release(struct rank_plan *p);
/* Propose an order of bl's items by kind's score. */
void rank_propose(struct rank_plan *p, const struct backlog *bl,
		  enum score_kind kind);
/* Entries whose place changes: moved, newly ranked or leaving ORDER. */
size_t rank_plan_changes(const struct rank_plan *p);
/* Entries whose rank number changes only because others moved. */
size_t rank_plan_shifted(const struct rank_plan *p);
/*
 * ORDER (as parsed in o) rewritten in the proposed order, section by
 * section.  Comment and blank lines stay where they are and the id lines
 * of each section are filled in the new order of that section's ids,
 * each id with its own line (an end-of-line comment travels with it);
 * ids beyond the section's old number of id lines go below its last one
 * (below its header when it had none), and id lines left over are
 * dropped.  With prune, a section header left with no id is removed
 * (with the blank line right after it).  Line ends are kept.
 */
void rank_render_order(const struct order *o, const struct rank_plan *p,
		       int prune, struct sbuf *out);

#endif
