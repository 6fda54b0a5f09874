/*
 * projection: will a campaign's scope be done by its due date?  From the
 * burn-up series (core/history.h) of the campaign and its due date
 * (`campaigns:` in docket.yaml), the recent pace of completion projected
 * forward, with a range (docs/history.md "Deadlines"):
 *
 *   window     three cycles (3 × cycle.length_days), or the whole series
 *              when it is shorter
 *   pace       completed effort gained over the window / its days (per
 *              calendar day)
 *   range      the slowest and the fastest of the window's cycles (each
 *              cycle.length_days long), each as gained effort / its days
 *   remaining  scope - completed on the last day
 *   finish     last day + ceil(remaining / pace), and likewise at the
 *              fastest (early) and the slowest (late) pace; never when
 *              the pace is 0
 *   verdict    done (nothing remains); on track (finished by the due date
 *              even at the slowest pace); reachable at the recent pace
 *              but not at the slowest; reachable only at the fastest
 *              pace; out of reach (not even at the fastest); no pace
 *              (nothing completed in the window)
 *
 * Pure: nothing is read or written.  A struct projection holds no
 * pointer and nothing to free.
 */
#ifndef DOCKET_PROJECTION_H
#define DOCKET_PROJECTION_H

#include "core/history.h"

enum projection_verdict {
	PROJ_NONE,           /* no series */
	PROJ_DONE,           /* nothing remains */
	PROJ_ON_TRACK,       /* by the due date even at the slowest pace */
	PROJ_REACHABLE,      /* at the recent pace, not at the slowest */
	PROJ_AT_RISK,        /* only at the fastest pace */
	PROJ_OUT_OF_REACH,   /* not even at the fastest pace */
	PROJ_NO_PACE,        /* nothing completed in the window */
	PROJ_NO_DUE,         /* no due date: only the projection */
};

struct projection {
	long last;            /* the series' last day */
	long due;             /* the due date, or -1 */
	double scope, done, remaining;
	long window;          /* days the pace is measured over */
	double pace, slow, fast;   /* completed effort per day */
	long date, early, late;    /* finish at pace, fast, slow; -1: never */
	enum projection_verdict verdict;
};

/* Project b (n > 0) to its due date (-1: none), the pace measured over
 * cycles of cycle_days (three of them at most). */
void projection_make(struct projection *p, const struct burnup *b, long due,
		     long cycle_days);
/* The verdict in words: "on track", "reachable at the recent pace, not at
 * the slowest", ... */
const char *projection_words(enum projection_verdict v);
/* A short name for JSON: "on-track", "reachable", "at-risk", ... */
const char *projection_name(enum projection_verdict v);

#endif
