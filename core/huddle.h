/*
 * huddle: the Daily Huddle board of one cycle (SPEC 1, 7 `huddle`):
 * the cycle's items in four columns, days in their status, the WIP limit
 * and the items at risk.
 *
 * The cycle's items are those of its board (metrics_cycle_items): its
 * scope without the removed items, then the unplanned ones, each with
 * how it belongs to the cycle (committed, added, carried over from an
 * earlier cycle, unplanned).  Columns: planned (idea, ready and planned
 * items: not started), doing, blocked, done (done, or stopped with a
 * result); stopped items are counted apart.  Cards keep the cycle's
 * order within a column.
 *
 * Days in status (today minus): doing and blocked since `started`; done
 * since `finished`; planned since the cycle's start, or `created` when
 * that is later.  -1 when the date is missing.
 *
 * WIP: the items `doing` in the whole backlog (as the wip-limit rule
 * counts them) against rules: wip-limit: max (default 5); no limit when
 * the rule is off.  Every doing item of the backlog is on the board of
 * the current cycle (unplanned when its scope does not hold it).
 *
 * At risk, each with its reason bit:
 *   HUDDLE_RISK_PACE      the remaining effort of the open cards
 *                         (metrics_remaining) is more than the team
 *                         delivers in the working days left (today
 *                         included) at its own pace: the median, over
 *                         the last three closed cycles with a
 *                         commitment, of velocity / working days (else
 *                         the cycle's capacity / its working days).
 *                         Walking the open cards (doing, blocked, then
 *                         planned, each in the cycle's order), those
 *                         past what that pace delivers.  Only from the
 *                         third working day of the cycle and a fifth of
 *                         its working days on: before, nobody can tell.
 *   HUDDLE_RISK_LONG      doing for more than half the cycle's length;
 *   HUDDLE_RISK_OVERDUE   the cycle has ended and the item is not done.
 * Blocked items are shown first with their reasons, not as a risk.
 * Working days are cycle.working_days in docket.yaml (Monday to Friday).
 *
 * Ownership: a struct huddle owns its cards array; it borrows the
 * backlog's items and the cycle.  huddle_release frees the array.
 */
#ifndef DOCKET_HUDDLE_H
#define DOCKET_HUDDLE_H

#include <stddef.h>

#include "core/backlog.h"
#include "core/cycle.h"
#include "core/metrics.h"

enum huddle_col {
	HUDDLE_PLANNED,
	HUDDLE_DOING,
	HUDDLE_BLOCKED,
	HUDDLE_DONE,
	HUDDLE_NCOLS,
};

enum huddle_risk {
	HUDDLE_RISK_PACE = 1 << 0,
	HUDDLE_RISK_LONG = 1 << 1,
	HUDDLE_RISK_OVERDUE = 1 << 2,
};

struct huddle_card {
	const struct item *item;
	enum huddle_col col;
	long days;                 /* in the current status, -1 unknown */
	unsigned risk;             /* enum huddle_risk bits */
	unsigned char how;         /* enum scope_how (never removed) */
	unsigned char carried_in;  /* carried over from an earlier cycle */
	unsigned char outcome;     /* enum scope_outcome */
	long day;                  /* added: the day it was added, else -1 */
	double remaining;          /* metrics_remaining */
};

enum huddle_pace_source {
	HUDDLE_PACE_NONE,          /* no pace: no capacity either */
	HUDDLE_PACE_MEASURED,      /* median of closed cycles */
	HUDDLE_PACE_CAPACITY,      /* the cycle's capacity / working days */
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
	double open_effort;        /* planned + doing + blocked */
	double remaining;          /* their remaining effort */
	long workdays;             /* working days of the cycle */
	long workday;              /* today's working day (days so far) */
	long workdays_left;        /* today included; 0 once it ended */
	long risk_from;            /* the working day at-risk starts on */
	int risk_open;             /* enough of the cycle passed to tell */
	double pace;               /* effort per working day; NAN: none */
	enum huddle_pace_source pace_from;
	size_t pace_cycles;        /* HUDDLE_PACE_MEASURED: cycles used */
	double deliverable;        /* pace * workdays_left; NAN: no pace */
	size_t added, carried, unplanned;  /* cards of each kind */
	size_t removed;            /* taken out since the start (no card) */
	size_t wip;                /* doing, backlog-wide */
	long wip_limit;            /* -1: the rule is off */
	size_t at_risk;
};

void huddle_init(struct huddle *h);
void huddle_release(struct huddle *h);
/* Build the board of cycle c (dated; one of cycles_from_backlog(bl))
 * on day today. */
void huddle_make(struct huddle *h, const struct backlog *bl,
		 const struct cycle *c, long today);
/* The pace of the team in effort per working day: the median, over the
 * last three closed cycles before today with a commitment, of velocity
 * / working days.  Returns the cycles used (0: none, *pace untouched). */
size_t huddle_pace(const struct backlog *bl, const struct metrics *m,
		   double *pace);
const char *huddle_col_name(enum huddle_col c);
/* rules: wip-limit: max from the config (default 5), or -1 when the
 * rule is off. */
long huddle_wip_limit(const struct config *cfg);

#endif
