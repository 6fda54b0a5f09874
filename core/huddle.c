/*
 * huddle.c: the Daily Huddle board (see huddle.h for every rule).
 */
#include "core/huddle.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/check.h"
#include "core/date.h"
#include "core/metrics.h"
#include "core/xalloc.h"

void
huddle_init(struct huddle *h)
{
	memset(h, 0, sizeof(*h));
	h->length = h->day = -1;
	h->capacity = h->pace = h->deliverable = NAN;
	h->wip_limit = -1;
}

void
huddle_release(struct huddle *h)
{
	free(h->cards);
	huddle_init(h);
}

const char *
huddle_col_name(enum huddle_col c)
{
	static const char *const names[] = { "planned", "doing", "blocked", "done" };

	return c < HUDDLE_NCOLS ? names[c] : "?";
}

long
huddle_wip_limit(const struct config *cfg)
{
	const struct rule_setting *s = config_rule(cfg, "wip-limit");
	double d;

	if (s && s->severity == SEV_OFF)
		return -1;
	check_rule_max(&d, cfg, RULE_WIP_LIMIT, NULL);
	return (long)d;
}

static long
since(long today, const char *date)
{
	long d;

	if (!date || date_parse(&d, date))
		return -1;
	return today - d;
}

static enum huddle_col
col_of(const struct item *it, enum scope_outcome o)
{
	switch (it->status) {
	case ST_DOING: return HUDDLE_DOING;
	case ST_BLOCKED: return HUDDLE_BLOCKED;
	case ST_DONE: return HUDDLE_DONE;
	case ST_STOPPED: return o == OUT_LEARNED ? HUDDLE_DONE : HUDDLE_NCOLS;
	default: return HUDDLE_PLANNED;
	}
}

static long
days_in_status(const struct huddle *h, const struct item *it, enum huddle_col col)
{
	long a, b;

	switch (col) {
	case HUDDLE_DOING:
	case HUDDLE_BLOCKED:
		return since(h->today, it->started);
	case HUDDLE_DONE:
		return since(h->today, it->finished);
	default:
		a = h->cycle->start >= 0 ? h->today - h->cycle->start : -1;
		b = since(h->today, it->created);
		if (a < 0 || (b >= 0 && b < a))
			a = b;    /* created after the cycle started */
		return a;
	}
}

static int
cmp_double(const void *pa, const void *pb)
{
	double a = *(const double *)pa, b = *(const double *)pb;

	return a < b ? -1 : a > b;
}

size_t
huddle_pace(const struct backlog *bl, const struct metrics *m, double *pace)
{
	double v[3];
	size_t n = 0;

	for (size_t i = m->ncycles; i-- > 0 && n < 3;) {
		const struct cycle_stats *s = &m->cycles[i];
		const struct cycle *c = s->cycle;
		long wd;

		if (s->state != CYCLE_CLOSED || !s->committed_n)
			continue;
		wd = config_workdays_between(&bl->config, c->start, c->end);
		if (wd <= 0)
			continue;
		v[n++] = s->velocity / (double)wd;
	}
	if (!n)
		return 0;
	qsort(v, n, sizeof(*v), cmp_double);
	*pace = metrics_median(v, n);
	return n;
}

/* The working days of the cycle, today's, those left, and whether enough
 * of the cycle has passed to tell what is at risk. */
static void
workdays(struct huddle *h, const struct config *cfg)
{
	const struct cycle *c = h->cycle;

	h->workdays = config_workdays_between(cfg, c->start, c->end);
	h->workday = config_workdays_between(cfg, c->start,
					     h->today < c->end ? h->today : c->end);
	h->workdays_left = h->today > c->end ? 0 :
		config_workdays_between(cfg, h->today < c->start ? c->start : h->today,
					c->end);
	/* the third working day, and a fifth of the working days */
	h->risk_from = (h->workdays + 4) / 5;
	if (h->risk_from < 3)
		h->risk_from = 3;
	h->risk_open = h->today >= c->start && h->workday >= h->risk_from;
}

/* HUDDLE_RISK_PACE: open cards past what the team's pace delivers. */
static void
pace_risk(struct huddle *h)
{
	static const enum huddle_col walk[] = {
		HUDDLE_DOING, HUDDLE_BLOCKED, HUDDLE_PLANNED,
	};
	double sum = 0;

	if (isnan(h->deliverable) || !h->risk_open || h->workdays_left <= 0 ||
	    h->remaining <= h->deliverable + 1e-9)
		return;     /* an ended cycle's open items are overdue instead */
	for (size_t w = 0; w < ARRAY_SIZE(walk); w++)
		for (size_t i = 0; i < h->n; i++) {
			struct huddle_card *c = &h->cards[i];

			if (c->col != walk[w])
				continue;
			sum += c->remaining;
			if (sum > h->deliverable + 1e-9)
				c->risk |= HUDDLE_RISK_PACE;
		}
}

/* The stats of c in m (c is one of the cycles m was computed on, or a
 * copy of one: matched by its file). */
static const struct cycle_stats *
stats_of(const struct metrics *m, const struct cycle *c)
{
	for (size_t i = 0; i < m->ncycles; i++)
		if (m->cycles[i].cycle == c || m->cycles[i].cycle->file == c->file)
			return &m->cycles[i];
	return NULL;
}

void
huddle_make(struct huddle *h, const struct backlog *bl, const struct cycle *c,
	    long today)
{
	const struct cycle_stats *st;
	struct cycles cy;
	struct metrics m;
	size_t k = 0;

	huddle_init(h);
	h->cycle = c;
	h->today = today;
	cycles_from_backlog(&cy, bl);
	metrics_compute(&m, bl, &cy, today);
	st = stats_of(&m, c);
	h->cards = xcalloc((st ? st->nscope : 0) + 1, sizeof(*h->cards));
	if (c->start >= 0 && c->end >= c->start) {
		h->length = c->end - c->start + 1;
		h->day = today - c->start + 1;
		h->days_left = today > c->end ? 0 :
			today < c->start ? h->length : c->end - today + 1;
		workdays(h, &bl->config);
	}
	h->capacity = c->capacity > 0 && !isinf(c->capacity) ? c->capacity :
		bl->config.cycle_capacity;
	if (h->workdays > 0) {
		h->pace_cycles = huddle_pace(bl, &m, &h->pace);
		if (h->pace_cycles)
			h->pace_from = HUDDLE_PACE_MEASURED;
		else if (h->capacity > 0 && !isinf(h->capacity)) {
			h->pace = h->capacity / (double)h->workdays;
			h->pace_from = HUDDLE_PACE_CAPACITY;
		}
		if (h->pace_from != HUDDLE_PACE_NONE)
			h->deliverable = h->pace * (double)h->workdays_left;
	}
	/* cards, column by column, each in the cycle's order */
	for (int col = 0; st && col < HUDDLE_NCOLS; col++)
		for (size_t i = 0; i < st->nscope; i++) {
			const struct scope_item *e = &st->scope[i];
			const struct item *it = e->item;
			struct huddle_card *card;
			enum huddle_col ic = col_of(it, e->outcome);

			if (e->how == SCOPE_REMOVED) {
				h->removed += col == 0;
				continue;
			}
			if (ic == HUDDLE_NCOLS) {
				if (col == 0)
					h->stopped++;
				continue;
			}
			if ((int)ic != col)
				continue;
			card = &h->cards[k++];
			card->item = it;
			card->col = ic;
			card->how = e->how;
			card->carried_in = e->carried_in;
			card->outcome = e->outcome;
			card->day = e->how == SCOPE_ADDED ? e->day : -1;
			card->remaining = metrics_remaining(it);
			card->days = days_in_status(h, it, card->col);
			h->added += e->how == SCOPE_ADDED;
			h->carried += e->carried_in;
			h->unplanned += e->how == SCOPE_UNPLANNED;
			h->ncol[col]++;
			h->effort[col] += metrics_effort(it);
			if (col == HUDDLE_DONE)
				continue;
			h->open_effort += metrics_effort(it);
			h->remaining += card->remaining;
			if (col == HUDDLE_DOING && h->length > 0 && card->days >= 0 &&
			    2 * card->days > h->length)
				card->risk |= HUDDLE_RISK_LONG;
			if (c->end >= 0 && today > c->end)
				card->risk |= HUDDLE_RISK_OVERDUE;
		}
	h->n = k;
	metrics_release(&m);
	cycles_release(&cy);
	pace_risk(h);
	for (size_t i = 0; i < h->n; i++)
		if (h->cards[i].risk)
			h->at_risk++;
	for (size_t i = 0; i < bl->nitems; i++)
		if (bl->items[i]->parsed && bl->items[i]->status == ST_DOING)
			h->wip++;
	h->wip_limit = huddle_wip_limit(&bl->config);
}
