/*
 * metrics: the Launch Cycle's figures (SPEC 1, 7 `report`): per cycle
 * committed vs completed, say/do ratio and velocity; across cycles
 * predictability, throughput, cycle time, experiment win rate, BAU
 * share, and the forecast of the open backlog.  Team figures only: no
 * function here groups by a person (requested_by is a stakeholder, and
 * authors are never read).
 *
 * Definitions (docs/cycles.md repeats them for users):
 *
 *   state        a cycle is closed when its end < today, current when
 *                start <= today <= end, future when it starts later,
 *                undated without start or end.  Summary figures use the
 *                closed cycles only: a cycle in progress would drag
 *                every mean down.
 *   committed    the distinct ids of the cycle file's `committed` that
 *                name an item (count and effort; no effort counts 0).
 *   completed    a committed item whose status is done and whose
 *                `finished` date is <= the cycle's end.  A done item
 *                without `finished` counts for the last cycle (by start)
 *                that committed it, so a carried-over item is not
 *                counted twice.  Stopped items are never completed.
 *   say/do       completed effort / committed effort (NAN when nothing
 *                with effort was committed).
 *   velocity     completed effort.
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
 *   forecast     open effort (items idea..blocked; items without effort
 *                are counted apart) / recent velocity, rounded up to
 *                whole cycles; recent velocity is the mean velocity of
 *                the last three closed cycles with a commitment, else
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

struct cycle_stats {
	const struct cycle *cycle;
	enum cycle_state state;
	const struct item **items;  /* committed items, in committed order */
	unsigned char *completed;   /* per items[k]: completed (see above) */
	size_t committed_n;
	double committed_effort;
	size_t completed_n;
	double completed_effort;
	size_t missing;             /* committed ids that name no item */
	double say_do;              /* NAN when nothing was committed */
	double bau_effort;          /* completed effort of bau items */
	size_t throughput;          /* items finished in the cycle's period */
};

enum velocity_source {
	VELOCITY_NONE,              /* neither velocity nor capacity */
	VELOCITY_MEASURED,          /* mean of closed cycles */
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
	double velocity;            /* the recent velocity used */
	size_t velocity_cycles;     /* closed cycles averaged (<= 3) */
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
/* Recent velocity: mean completed effort of the last three closed
 * cycles (before today) that have a commitment.  Returns the number of
 * cycles averaged (0: none, *velocity is left untouched), and their
 * velocities, most recent first, in last[0..n) when last is not NULL. */
size_t metrics_recent_velocity(const struct backlog *bl,
			       const struct cycles *cy, long today,
			       double *velocity, double last[3]);
/*
 * The items of cycle c: the committed ones in committed order, then
 * the items whose `cycle:` names c and that are not committed, in id
 * order.  Returns a malloc'ed array of *n pointers.
 */
const struct item **metrics_cycle_items(const struct backlog *bl,
					const struct cycle *c, size_t *n);
/* Percentiles of sorted values v[0..n): the median (mean of the middle
 * two for an even n) and the nearest-rank p-th percentile (0 < p <= 100).
 * NAN when n == 0. */
double metrics_median(const double *v, size_t n);
double metrics_percentile(const double *v, size_t n, double p);
/* An item's effort, 0 when absent. */
double metrics_effort(const struct item *it);

#endif
