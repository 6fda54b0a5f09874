/*
 * projection.c: a campaign's burn-up projected to its due date (see
 * projection.h).
 */
#include "core/projection.h"

#include <math.h>
#include <string.h>

/* Completed effort of b on day d (the last point on or before it). */
static double
done_on(const struct burnup *b, long d)
{
	long i = d - b->v[0].day;

	if (i < 0)
		return 0;
	if ((size_t)i >= b->n)
		i = (long)b->n - 1;
	return b->v[i].done;
}

static long
finish(long last, double remaining, double pace)
{
	double days;

	if (!(pace > 0))
		return -1;
	days = ceil(remaining / pace - 1e-9);
	if (days > 36500)
		return -1;          /* a hundred years: never, for a campaign */
	return last + (long)days;
}

void
projection_make(struct projection *p, const struct burnup *b, long due,
		long cycle_days)
{
	const struct burnup_point *l;
	long span, parts;

	memset(p, 0, sizeof(*p));
	p->due = due;
	p->date = p->early = p->late = -1;
	p->pace = p->slow = p->fast = NAN;
	if (!b->n) {
		p->verdict = PROJ_NONE;
		return;
	}
	l = &b->v[b->n - 1];
	p->last = l->day;
	p->scope = l->scope;
	p->done = l->done;
	p->remaining = l->scope - l->done > 0 ? l->scope - l->done : 0;
	if (cycle_days < 1)
		cycle_days = 14;
	span = l->day - b->v[0].day;    /* days the series covers */
	p->window = span < 3 * cycle_days ? span : 3 * cycle_days;
	if (p->window > 0) {
		long from = l->day - p->window;

		p->pace = (l->done - done_on(b, from)) / (double)p->window;
		/* the range: each cycle of the window on its own */
		parts = p->window / cycle_days;
		p->slow = p->fast = p->pace;
		for (long k = 0; parts >= 2 && k < parts; k++) {
			long a = l->day - (k + 1) * cycle_days, e = l->day - k * cycle_days;
			double r = (done_on(b, e) - done_on(b, a)) / (double)cycle_days;

			if (r < p->slow)
				p->slow = r;
			if (r > p->fast)
				p->fast = r;
		}
	}
	if (p->remaining <= 0) {
		p->verdict = PROJ_DONE;
		p->date = p->early = p->late = l->day;
		return;
	}
	p->date = finish(l->day, p->remaining, p->pace);
	p->early = finish(l->day, p->remaining, p->fast);
	p->late = finish(l->day, p->remaining, p->slow);
	if (due < 0)
		p->verdict = PROJ_NO_DUE;
	else if (!(p->pace > 0) && !(p->fast > 0))
		p->verdict = PROJ_NO_PACE;
	else if (p->late >= 0 && p->late <= due)
		p->verdict = PROJ_ON_TRACK;
	else if (p->date >= 0 && p->date <= due)
		p->verdict = PROJ_REACHABLE;
	else if (p->early >= 0 && p->early <= due)
		p->verdict = PROJ_AT_RISK;
	else
		p->verdict = PROJ_OUT_OF_REACH;
}

const char *
projection_words(enum projection_verdict v)
{
	switch (v) {
	case PROJ_DONE: return "the scope is done";
	case PROJ_ON_TRACK: return "reachable by the due date, even at the slowest recent pace";
	case PROJ_REACHABLE: return "reachable by the due date at the recent pace, not at the slowest";
	case PROJ_AT_RISK: return "not reachable by the due date at the recent pace, only at the fastest";
	case PROJ_OUT_OF_REACH: return "not reachable by the due date, not even at the fastest recent pace: cut the scope or move the date";
	case PROJ_NO_PACE: return "not reachable: nothing was completed recently";
	case PROJ_NO_DUE: return "no due date (campaigns: in docket.yaml)";
	default: return "no history";
	}
}

const char *
projection_name(enum projection_verdict v)
{
	static const char *const names[] = {
		"none", "done", "on-track", "reachable", "at-risk", "out-of-reach",
		"no-pace", "no-due-date",
	};

	return v <= PROJ_NO_DUE ? names[v] : "none";
}
