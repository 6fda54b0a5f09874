/*
 * metrics: the Launch Cycle's figures (docs/cycles.md, docs/reference.md `report`): per cycle
 * committed vs completed, say/do ratio and velocity; across cycles
 * predictability, throughput, cycle time, experiment win rate, BAU
 * share, and the forecast of the open backlog.  Team figures only: no
 * function here groups by a person (requested_by is a stakeholder, and
 * authors are never read).
 *
 * Definitions (docs/cycles.md repeats them for users, and `report
 * --explain` prints them):
 *
 *   state        a cycle is closed when its end < today, current when
 *                start <= today <= end, future when it starts later,
 *                undated without start or end.  Summary figures use the
 *                closed cycles only: a cycle in progress would drag
 *                every mean down.
 *   scope        the cycle's commitment (the committed list at the end
 *                of its start day, core/cycle_scope.h), the items added
 *                to committed after the start, and those removed from
 *                it since (which stay part of the commitment: say/do
 *                measures what was said at the start).
 *   committed    the distinct ids of the commitment that name an item:
 *                count and effort (no effort counts 0).
 *   added        ids in committed now that were not in the commitment.
 *   finished     an item of the scope is finished in the first cycle
 *                (by start) whose scope holds it and whose end is on or
 *                after its `finished` date.  An item without `finished`
 *                is finished in the last cycle whose scope holds it.
 *   completed    a finished item that is done.
 *   learned      a finished item that is stopped with a `result` (a
 *                stopped experiment that taught something); stopped
 *                counts every stopped one, learned or not.
 *   carried over an item of the cycle's scope (not removed) not finished
 *                by its end that a later cycle commits.
 *   unplanned    an item outside the cycle's scope that was done or
 *                stopped between its start and its end (in the current
 *                cycle also one doing or blocked now that no cycle which
 *                has not ended commits: shown, not counted).
 *   say/do       (completed + learned effort of the commitment) /
 *                committed effort (NAN when nothing with effort was
 *                committed).
 *   velocity     completed effort of the scope + effort of the unplanned
 *                items done: what the team delivered in the cycle.
 *   capacity     the suggested capacity of the next cycle: the median
 *                velocity of the last three closed cycles that have a
 *                commitment (one odd cycle does not move it).
 *   predictability  mean and population standard deviation of say/do
 *                over the closed cycles that have one.
 *   throughput   done items whose `finished` falls in a cycle's period
 *                (its start up to the day before the next cycle starts,
 *                so weekends between cycles are not lost; the last cycle
 *                ends at its end); per cycle, and per week over the
 *                closed cycles' periods.
 *   cycle time   finished - started in days, for every done item with
 *                both dates (finished >= started): median (mean of the
 *                two middle values for an even count) and 85th
 *                percentile (nearest rank).
 *   win rate     done experiments: won / (won + lost); inconclusive
 *                results are counted apart.
 *   BAU share    of the completed effort of the closed cycles, and of
 *                the open items (as the bau-share rule counts it).
 *   forecast     open effort (items idea..blocked, by remaining effort;
 *                items without effort are counted apart) / the
 *                suggested capacity, rounded up to whole cycles; else
 *                cycle.capacity.  The dates run from the start of the
 *                current cycle (today when none covers today), each
 *                cycle length_days long.
 *
 * Dates are the items' `started` and `finished` fields; the commands
 * fill missing ones from git history first (history_fill_dates in
 * core/history.h).
 *
 * Ownership: struct metrics owns its arrays; it borrows the backlog's
 * items and the struct cycles it was computed from (keep both alive).
 * metrics_release frees the arrays.
 */
#ifndef DOCKET_METRICS_H
#define DOCKET_METRICS_H

#include <stddef.h>

#include "core/backlog.h"
#include "core/cycle.h"

enum cycle_state {
	CYCLE_CLOSED,
	CYCLE_CURRENT,
	CYCLE_FUTURE,
	CYCLE_UNDATED,
};

/* How an item belongs to a cycle (struct scope_item). */
enum scope_how {
	SCOPE_COMMITTED,            /* in the commitment, still committed */
	SCOPE_REMOVED,              /* in the commitment, removed since */
	SCOPE_ADDED,                /* committed after the start */
	SCOPE_UNPLANNED,            /* outside the scope (see above) */
};

/* What became of it by the cycle's end. */
enum scope_outcome {
	OUT_OPEN,                   /* not finished (yet) */
	OUT_COMPLETED,              /* done in this cycle */
	OUT_LEARNED,                /* stopped with a result in this cycle */
	OUT_STOPPED,                /* stopped without a result */
	OUT_CARRIED,                /* not finished; a later cycle commits it */
	OUT_EARLIER,                /* finished in an earlier cycle */
};

struct scope_item {
	const struct item *item;
	unsigned char how;          /* enum scope_how */
	unsigned char outcome;      /* enum scope_outcome */
	unsigned char carried_in;   /* carried over from an earlier cycle */
	unsigned char uncommitted;  /* the change is not committed to git */
	long day;                   /* ADDED / REMOVED: the change's day */
};

struct cycle_stats {
	const struct cycle *cycle;
	enum cycle_state state;
	/* the commitment in its order (removed ones marked), then the
	 * added items in committed order, then the unplanned ones by id */
	struct scope_item *scope;
	size_t nscope;
	size_t committed_n;
	double committed_effort;
	size_t added_n, removed_n;
	double added_effort, removed_effort;
	size_t completed_n;         /* of the whole scope */
	double completed_effort;
	size_t stopped_n, learned_n;/* of the scope and unplanned items */
	double stopped_effort, learned_effort;
	size_t carried_n;
	double carried_effort;
	size_t unplanned_n;         /* unplanned items done */
	double unplanned_effort;
	size_t missing;             /* committed ids that name no item */
	double said_done_effort;    /* completed + learned of the commitment */
	double say_do;              /* NAN when nothing was committed */
	double velocity;            /* completed + unplanned effort */
	double bau_effort;          /* of the velocity: bau items */
	size_t throughput;          /* items finished in the cycle's period */
};

enum velocity_source {
	VELOCITY_NONE,              /* neither velocity nor capacity */
	VELOCITY_MEASURED,          /* median of closed cycles */
	VELOCITY_CONFIG,            /* cycle.capacity in docket.yaml */
};

struct metrics {
	long today;
	struct cycle_stats *cycles; /* parallel to the struct cycles */
	size_t ncycles;
	size_t nclosed;

	size_t nsaydo;              /* closed cycles with a say/do */
	double saydo_mean, saydo_sd;/* NAN when nsaydo == 0 */

	size_t done_in_closed;      /* items finished in closed periods */
	long closed_days;           /* days of those periods */
	double per_cycle, per_week; /* NAN when no closed cycle */

	size_t ncycle_time;
	double ct_median, ct_p85;   /* days; NAN when ncycle_time == 0 */

	size_t won, lost, inconclusive;
	double win_rate;            /* NAN when nothing was decided */

	double completed_effort;    /* of the closed cycles */
	double bau_completed_effort;
	double bau_share_completed; /* NAN when nothing was completed */
	size_t open_n, open_bau;
	double bau_share_open;      /* NAN when nothing is open */

	double open_effort;
	size_t open_estimated, open_unestimated;
	enum velocity_source velocity_from;
	double velocity;            /* the suggested capacity used */
	size_t velocity_cycles;     /* closed cycles it is the median of (<= 3) */
	double velocities[3];       /* their velocities, most recent first */
	long forecast_cycles;       /* -1 when there is no forecast */
	long forecast_start, forecast_end;  /* day numbers, -1 when none */
};

void metrics_init(struct metrics *m);
void metrics_release(struct metrics *m);
/* Compute every figure for the backlog's items and cycles cy (from
 * cycles_from_backlog on the same backlog) as of day today. */
void metrics_compute(struct metrics *m, const struct backlog *bl,
		     const struct cycles *cy, long today);
/* The stats of cycle c (a member of the cycles computed from), or NULL. */
const struct cycle_stats *metrics_cycle(const struct metrics *m,
					const struct cycle *c);
/* The state of cycle c on day today. */
enum cycle_state metrics_cycle_state(const struct cycle *c, long today);
const char *metrics_state_name(enum cycle_state s);
/* The suggested capacity: the median velocity of the last three closed
 * cycles (before today) that have a commitment.  Returns the number of
 * cycles (0: none, *velocity is left untouched), and their velocities,
 * most recent first, in last[0..n) when last is not NULL. */
size_t metrics_recent_velocity(const struct backlog *bl,
			       const struct cycles *cy, long today,
			       double *velocity, double last[3]);
/* The items of a cycle as its board shows them: its scope without the
 * removed items, then the unplanned ones.  Returns a malloc'ed array of
 * *n pointers. */
const struct item **metrics_cycle_items(const struct cycle_stats *s,
					size_t *n);
/* Percentiles of sorted values v[0..n): the median (mean of the middle
 * two for an even n) and the nearest-rank p-th percentile (0 < p <= 100).
 * NAN when n == 0. */
double metrics_median(const double *v, size_t n);
double metrics_percentile(const double *v, size_t n, double p);
/* An item's effort, 0 when absent. */
double metrics_effort(const struct item *it);
/* Its remaining effort: 0 when done or stopped; else its `remaining:`
 * field when that is a number >= 0, else its effort (0 when absent). */
double metrics_remaining(const struct item *it);
/* The scope item of it in s, or NULL. */
const struct scope_item *metrics_scope_item(const struct cycle_stats *s,
					    const struct item *it);
const char *scope_how_name(enum scope_how h);
const char *scope_outcome_name(enum scope_outcome o);

#endif
