/*
 * huddle: the Daily Huddle board of one cycle (SPEC 1, 7 `huddle`):
 * the cycle's items in four columns, days in their status, the WIP limit
 * and the items at risk.
 *
 * The cycle's items are metrics_cycle_items (committed, then any item
 * whose `cycle:` names it).  Columns: planned (idea, ready and planned
 * items: not started), doing, blocked, done; stopped items are counted
 * apart.  Cards keep the cycle's order within a column.
 *
 * Days in status (today minus): doing and blocked since `started`; done
 * since `finished`; planned since the cycle's start, or `created` when
 * that is later.  -1 when the date is missing.
 *
 * WIP: the items `doing` in the whole backlog (as the wip-limit rule
 * counts them) against rules: wip-limit: max (default 5); no limit when
 * the rule is off.
 *
 * At risk, each with its reason bit:
 *   HUDDLE_RISK_BLOCKED   blocked;
 *   HUDDLE_RISK_LONG      doing for more than half the cycle's length;
 *   HUDDLE_RISK_CAPACITY  the open effort does not fit in the capacity
 *                         left: capacity * days left / cycle length
 *                         (today counted as left); walking the open
 *                         cards (doing, blocked, then planned, each in
 *                         the cycle's order), those past that point
 *                         (not once the cycle has ended);
 *   HUDDLE_RISK_OVERDUE   the cycle has ended and the item is not done.
 *
 * Ownership: a struct huddle owns its cards array; it borrows the
 * backlog's items and the cycle.  huddle_release frees the array.
 */
#ifndef DOCKET_HUDDLE_H
#define DOCKET_HUDDLE_H

#include <stddef.h>

#include "core/backlog.h"
#include "core/cycle.h"

enum huddle_col {
	HUDDLE_PLANNED,
	HUDDLE_DOING,
	HUDDLE_BLOCKED,
	HUDDLE_DONE,
	HUDDLE_NCOLS,
};

enum huddle_risk {
	HUDDLE_RISK_BLOCKED = 1 << 0,
	HUDDLE_RISK_LONG = 1 << 1,
	HUDDLE_RISK_CAPACITY = 1 << 2,
	HUDDLE_RISK_OVERDUE = 1 << 3,
};

struct huddle_card {
	const struct item *item;
	enum huddle_col col;
	long days;                 /* in the current status, -1 unknown */
	unsigned risk;             /* enum huddle_risk bits */
};

struct huddle {
	const struct cycle *cycle;
	long today;
	long length;               /* days, end - start + 1 */
	long day;                  /* today's day of the cycle, 1-based */
	long days_left;            /* today included; 0 once it ended */
	struct huddle_card *cards; /* by column, then the cycle's order */
	size_t n;
	size_t ncol[HUDDLE_NCOLS];
	size_t stopped;
	double effort[HUDDLE_NCOLS];
	double capacity;           /* the cycle's, else cycle.capacity */
	double capacity_left;
	double open_effort;        /* planned + doing + blocked */
	size_t wip;                /* doing, backlog-wide */
	long wip_limit;            /* -1: the rule is off */
	size_t at_risk;
};

void huddle_init(struct huddle *h);
void huddle_release(struct huddle *h);
/* Build the board of cycle c (dated) on day today. */
void huddle_make(struct huddle *h, const struct backlog *bl,
		 const struct cycle *c, long today);
const char *huddle_col_name(enum huddle_col c);
/* rules: wip-limit: max from the config (default 5), or -1 when the
 * rule is off. */
long huddle_wip_limit(const struct config *cfg);

#endif
