/*
 * metrics.c: the figures of `docket report` (see metrics.h for every
 * definition).  One pass over the cycles resolves their committed
 * items; one pass over the items gives throughput, cycle time, win rate,
 * BAU share and the open effort.
 */
#include "core/metrics.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "core/strmap.h"
#include "core/xalloc.h"

void
metrics_init(struct metrics *m)
{
	memset(m, 0, sizeof(*m));
	m->saydo_mean = m->saydo_sd = NAN;
	m->per_cycle = m->per_week = NAN;
	m->ct_median = m->ct_p85 = NAN;
	m->win_rate = NAN;
	m->bau_share_completed = m->bau_share_open = NAN;
	m->velocity = NAN;
	m->forecast_cycles = -1;
	m->forecast_start = m->forecast_end = -1;
}

void
metrics_release(struct metrics *m)
{
	for (size_t i = 0; i < m->ncycles; i++)
		free(m->cycles[i].scope);
	free(m->cycles);
	metrics_init(m);
}

enum cycle_state
metrics_cycle_state(const struct cycle *c, long today)
{
	if (c->start < 0 || c->end < 0)
		return CYCLE_UNDATED;
	if (c->end < today)
		return CYCLE_CLOSED;
	if (c->start > today)
		return CYCLE_FUTURE;
	return CYCLE_CURRENT;
}

const char *
metrics_state_name(enum cycle_state s)
{
	static const char *const names[] = { "closed", "current", "future", "undated" };

	return s <= CYCLE_UNDATED ? names[s] : "?";
}

double
metrics_effort(const struct item *it)
{
	return isnan(it->effort) || it->effort <= 0 || isinf(it->effort) ? 0 : it->effort;
}

double
metrics_remaining(const struct item *it)
{
	if (!item_status_open(it->status))
		return 0;
	if (!isnan(it->remaining))
		return it->remaining;
	return metrics_effort(it);
}

const char *
scope_how_name(enum scope_how h)
{
	static const char *const names[] = { "committed", "removed", "added", "unplanned" };

	return h <= SCOPE_UNPLANNED ? names[h] : "?";
}

const char *
scope_outcome_name(enum scope_outcome o)
{
	static const char *const names[] = {
		"open", "completed", "learned", "stopped", "carried over", "earlier",
	};

	return o <= OUT_EARLIER ? names[o] : "?";
}

const struct scope_item *
metrics_scope_item(const struct cycle_stats *s, const struct item *it)
{
	for (size_t i = 0; s && i < s->nscope; i++)
		if (s->scope[i].item == it)
			return &s->scope[i];
	return NULL;
}

static int
cmp_double(const void *pa, const void *pb)
{
	double a = *(const double *)pa, b = *(const double *)pb;

	return a < b ? -1 : a > b;
}

double
metrics_median(const double *v, size_t n)
{
	if (!n)
		return NAN;
	if (n % 2)
		return v[n / 2];
	return (v[n / 2 - 1] + v[n / 2]) / 2;
}

double
metrics_percentile(const double *v, size_t n, double p)
{
	double r;
	size_t k;

	if (!n)
		return NAN;
	r = ceil(p / 100.0 * (double)n);
	k = r < 1 ? 1 : (size_t)r;
	if (k > n)
		k = n;
	return v[k - 1];
}

static long
day_of(const char *s)
{
	long d;

	return s && date_parse(&d, s) == 0 ? d : -1;
}

/* Does cycle c's scope hold id (committed now, or in its commitment)? */
static int
in_scope(const struct cycle *c, const char *id)
{
	return cycle_has(c, id) || cycle_in_baseline(c, id);
}

/* The last dated cycle whose scope holds each id (undated cycles only
 * when no dated one does): id -> index + 1. */
static void
last_scope(struct strmap *last, const struct cycles *cy)
{
	for (int pass = 0; pass < 2; pass++)
		for (size_t i = 0; i < cy->n; i++) {
			const struct cycle *c = &cy->v[i];
			int undated = c->start < 0 || c->end < 0;
			const char **v = pass ? c->committed : c->baseline;
			size_t n = pass ? c->ncommitted : c->nbaseline;

			for (size_t k = 0; k < n; k++) {
				const char *id = v[k];
				size_t len = strlen(id);
				struct strmap_entry *e = strmap_find(last, id, len);

				if (undated && e)
					continue;
				if (!e || (intptr_t)e->value < (intptr_t)(i + 1))
					strmap_put(last, id, len, (void *)(intptr_t)(i + 1));
			}
		}
}

static int
has_result(const struct item *it)
{
	const char *r = ynode_str(item_get(it, "result"));

	return r && (!strcmp(r, "won") || !strcmp(r, "lost") ||
		     !strcmp(r, "inconclusive"));
}

/* What the cycles after index i (by start) do with id: 1 when one of
 * them commits it. */
static int
committed_later(const struct cycles *cy, size_t i, const char *id)
{
	for (size_t k = i + 1; k < cy->n; k++)
		if (cy->v[k].start >= 0 && in_scope(&cy->v[k], id))
			return 1;
	return 0;
}

struct credit {
	struct strmap finished;     /* id -> 1: finished in some cycle */
	struct strmap carried;      /* id -> 1: carried over from some cycle */
	struct strmap last;         /* last_scope */
};

/* The outcome of one item of cycle i's scope. */
static enum scope_outcome
outcome(const struct cycles *cy, size_t i, const struct item *it,
	struct credit *cr)
{
	const struct cycle *c = &cy->v[i];
	size_t len = strlen(it->id);
	long fin = day_of(it->finished);
	int closed = it->status == ST_DONE || it->status == ST_STOPPED;

	if (closed) {
		int here;

		if (fin >= 0)
			here = c->end >= 0 && fin <= c->end;
		else
			here = (intptr_t)strmap_get(&cr->last, it->id) == (intptr_t)(i + 1);
		if (here && strmap_find(&cr->finished, it->id, len))
			return OUT_EARLIER;
		if (here) {
			strmap_put(&cr->finished, it->id, len, (void *)1);
			if (it->status == ST_DONE)
				return OUT_COMPLETED;
			return has_result(it) ? OUT_LEARNED : OUT_STOPPED;
		}
	}
	if (c->start >= 0 && committed_later(cy, i, it->id))
		return OUT_CARRIED;
	return OUT_OPEN;
}

static struct scope_item *
scope_add(struct cycle_stats *s, size_t *alloc, const struct item *it,
	  enum scope_how how)
{
	struct scope_item *e;

	s->scope = xgrow(s->scope, alloc, s->nscope + 1, sizeof(*s->scope));
	e = &s->scope[s->nscope++];
	memset(e, 0, sizeof(*e));
	e->item = it;
	e->how = (unsigned char)how;
	e->day = -1;
	return e;
}

/* Count an item of the scope (not unplanned) into s. */
static void
count_scope(struct cycle_stats *s, const struct scope_item *e)
{
	double eff = metrics_effort(e->item);
	int baseline = e->how == SCOPE_COMMITTED || e->how == SCOPE_REMOVED;

	if (baseline) {
		s->committed_n++;
		s->committed_effort += eff;
	}
	if (e->how == SCOPE_REMOVED) {
		s->removed_n++;
		s->removed_effort += eff;
	}
	if (e->how == SCOPE_ADDED) {
		s->added_n++;
		s->added_effort += eff;
	}
	switch (e->outcome) {
	case OUT_COMPLETED:
		s->completed_n++;
		s->completed_effort += eff;
		if (e->item->type == TYPE_BAU)
			s->bau_effort += eff;
		if (baseline)
			s->said_done_effort += eff;
		break;
	case OUT_LEARNED:
	case OUT_STOPPED:
		/* a learned item is stopped too */
		s->stopped_n++;
		s->stopped_effort += eff;
		if (e->outcome == OUT_STOPPED)
			break;
		s->learned_n++;
		s->learned_effort += eff;
		if (baseline)
			s->said_done_effort += eff;
		break;
	case OUT_CARRIED:
		if (e->how != SCOPE_REMOVED) {
			s->carried_n++;
			s->carried_effort += eff;
		}
		break;
	default:
		break;
	}
}

static int
cmp_scope_id(const void *pa, const void *pb)
{
	const struct scope_item *a = pa, *b = pb;

	return item_id_cmp(a->item->id, b->item->id);
}

/* Is it committed by a cycle other than c that has not ended? */
static int
committed_elsewhere(const struct cycles *cy, const struct cycle *c,
		    const struct item *it, long today)
{
	for (size_t k = 0; k < cy->n; k++) {
		const struct cycle *y = &cy->v[k];

		if (y != c && (y->end < 0 || y->end >= today) && cycle_has(y, it->id))
			return 1;
	}
	return 0;
}

/* The items done or stopped during cycle i that its scope does not hold;
 * in the current cycle also the items in progress that no cycle which
 * has not ended commits. */
static void
unplanned(struct cycle_stats *s, size_t *alloc, const struct backlog *bl,
	  const struct cycles *cy, size_t i, struct strmap *seen, long today)
{
	const struct cycle *c = &cy->v[i];
	size_t first = s->nscope;

	if (c->start < 0 || c->end < 0)
		return;
	for (size_t k = 0; k < bl->nitems; k++) {
		const struct item *it = bl->items[k];
		struct scope_item *e;
		long fin;

		if (!it->parsed || !it->id || backlog_item(bl, it->id) != it ||
		    strmap_find(seen, it->id, strlen(it->id)))
			continue;
		if (it->status == ST_DONE || it->status == ST_STOPPED) {
			fin = day_of(it->finished);
			if (fin < c->start || fin > c->end)
				continue;
			e = scope_add(s, alloc, it, SCOPE_UNPLANNED);
			e->outcome = it->status == ST_DONE ? OUT_COMPLETED :
				has_result(it) ? OUT_LEARNED : OUT_STOPPED;
			if (e->outcome == OUT_COMPLETED) {
				s->unplanned_n++;
				s->unplanned_effort += metrics_effort(it);
				if (it->type == TYPE_BAU)
					s->bau_effort += metrics_effort(it);
			} else {
				s->stopped_n++;
				s->stopped_effort += metrics_effort(it);
				if (e->outcome == OUT_LEARNED) {
					s->learned_n++;
					s->learned_effort += metrics_effort(it);
				}
			}
		} else if (s->state == CYCLE_CURRENT &&
			   (it->status == ST_DOING || it->status == ST_BLOCKED) &&
			   !committed_elsewhere(cy, c, it, today)) {
			e = scope_add(s, alloc, it, SCOPE_UNPLANNED);
			e->outcome = OUT_OPEN;
		}
	}
	if (s->nscope > first)   /* qsort(NULL, 0, ...) is undefined */
		qsort(s->scope + first, s->nscope - first, sizeof(*s->scope),
		      cmp_scope_id);
}

static void
cycle_scope_stats(struct cycle_stats *s, const struct backlog *bl,
		  const struct cycles *cy, size_t i, struct credit *cr,
		  long today)
{
	const struct cycle *c = s->cycle;
	struct strmap seen = STRMAP_INIT;
	size_t alloc = 0;

	/* the commitment, then what was added */
	for (int pass = 0; pass < 2; pass++) {
		const char **v = pass ? c->committed : c->baseline;
		size_t n = pass ? c->ncommitted : c->nbaseline;

		for (size_t k = 0; k < n; k++) {
			const char *id = v[k];
			const struct item *it;
			const struct scope_event *ev;
			struct scope_item *e;
			enum scope_how how;

			if (strmap_put(&seen, id, strlen(id), (void *)1))
				continue;
			it = backlog_item(bl, id);
			if (!it || !it->parsed || !it->id) {
				s->missing++;
				continue;
			}
			how = pass ? SCOPE_ADDED :
				cycle_has(c, id) ? SCOPE_COMMITTED : SCOPE_REMOVED;
			e = scope_add(s, &alloc, it, how);
			if (how != SCOPE_COMMITTED && (ev = cycle_last_event(c, id))) {
				e->day = ev->day;
				e->uncommitted = (unsigned char)ev->uncommitted;
			}
			e->carried_in = strmap_find(&cr->carried, id, strlen(id)) != NULL;
			e->outcome = (unsigned char)outcome(cy, i, it, cr);
			if (e->outcome == OUT_CARRIED)
				strmap_put(&cr->carried, it->id, strlen(it->id), (void *)1);
			count_scope(s, e);
		}
	}
	unplanned(s, &alloc, bl, cy, i, &seen, today);
	s->say_do = s->committed_effort > 0 ?
		s->said_done_effort / s->committed_effort : NAN;
	s->velocity = s->completed_effort + s->unplanned_effort;
	strmap_release(&seen);
}

/* The last day of cycle i's period: the day before the next dated
 * cycle starts, else its end. */
static long
period_end(const struct cycles *cy, size_t i)
{
	const struct cycle *c = &cy->v[i];

	if (i + 1 < cy->n && cy->v[i + 1].start >= 0)
		return cy->v[i + 1].start - 1;
	return c->end;
}

static int
cmp_double_desc(const void *pa, const void *pb)
{
	return -cmp_double(pa, pb);
}

/* The median velocity of the last three closed cycles with a
 * commitment. */
static void
recent(const struct metrics *m, double *velocity, size_t *n, double last[3])
{
	double v[3], sorted[3];

	*n = 0;
	for (size_t i = m->ncycles; i-- > 0 && *n < 3;) {
		const struct cycle_stats *s = &m->cycles[i];

		if (s->state != CYCLE_CLOSED || !s->committed_n)
			continue;
		v[(*n)++] = s->velocity;
	}
	if (last)
		memcpy(last, v, *n * sizeof(*v));
	if (!*n)
		return;
	memcpy(sorted, v, *n * sizeof(*v));
	qsort(sorted, *n, sizeof(*sorted), cmp_double_desc);
	*velocity = metrics_median(sorted, *n);
}

static void
summarise_cycles(struct metrics *m, const struct cycles *cy)
{
	double sum = 0, sq = 0;

	for (size_t i = 0; i < m->ncycles; i++) {
		const struct cycle_stats *s = &m->cycles[i];

		if (s->state != CYCLE_CLOSED)
			continue;
		m->nclosed++;
		m->completed_effort += s->velocity;
		m->bau_completed_effort += s->bau_effort;
		m->done_in_closed += s->throughput;
		if (period_end(cy, i) >= s->cycle->start)
			m->closed_days += period_end(cy, i) - s->cycle->start + 1;
		if (!isnan(s->say_do)) {
			m->nsaydo++;
			sum += s->say_do;
		}
	}
	if (m->nsaydo) {
		m->saydo_mean = sum / (double)m->nsaydo;
		for (size_t i = 0; i < m->ncycles; i++) {
			const struct cycle_stats *s = &m->cycles[i];

			if (s->state == CYCLE_CLOSED && !isnan(s->say_do))
				sq += (s->say_do - m->saydo_mean) * (s->say_do - m->saydo_mean);
		}
		m->saydo_sd = sqrt(sq / (double)m->nsaydo);
	}
	if (m->nclosed)
		m->per_cycle = (double)m->done_in_closed / (double)m->nclosed;
	if (m->closed_days > 0)
		m->per_week = (double)m->done_in_closed * 7.0 / (double)m->closed_days;
	if (m->completed_effort > 0)
		m->bau_share_completed = m->bau_completed_effort / m->completed_effort;
}

/* The cycle whose period holds day d, or -1. */
static long
period_of(const struct cycles *cy, long d)
{
	for (size_t i = 0; i < cy->n; i++) {
		const struct cycle *c = &cy->v[i];

		if (c->start < 0 || c->end < 0 || d < c->start)
			continue;
		if (d <= period_end(cy, i))
			return (long)i;
	}
	return -1;
}

static void
scan_items(struct metrics *m, const struct backlog *bl, const struct cycles *cy)
{
	double *ct = xmalloc((bl->nitems + 1) * sizeof(*ct));

	for (size_t i = 0; i < bl->nitems; i++) {
		const struct item *it = bl->items[i];

		if (!it->parsed || it->status == ST_UNKNOWN)
			continue;
		if (item_status_open(it->status)) {
			m->open_n++;
			if (it->type == TYPE_BAU)
				m->open_bau++;
			if (metrics_effort(it) > 0) {
				m->open_estimated++;
				m->open_effort += metrics_remaining(it);
			} else {
				m->open_unestimated++;
			}
			continue;
		}
		if (it->status != ST_DONE)
			continue;
		if (it->type == TYPE_EXPERIMENT) {
			const char *r = ynode_str(item_get(it, "result"));

			if (r && !strcmp(r, "won"))
				m->won++;
			else if (r && !strcmp(r, "lost"))
				m->lost++;
			else if (r && !strcmp(r, "inconclusive"))
				m->inconclusive++;
		}
		{
			long s = day_of(it->started), f = day_of(it->finished), p;

			if (s >= 0 && f >= s)
				ct[m->ncycle_time++] = (double)(f - s);
			if (f >= 0 && (p = period_of(cy, f)) >= 0)
				m->cycles[p].throughput++;
		}
	}
	qsort(ct, m->ncycle_time, sizeof(*ct), cmp_double);
	m->ct_median = metrics_median(ct, m->ncycle_time);
	m->ct_p85 = metrics_percentile(ct, m->ncycle_time, 85);
	free(ct);
	if (m->won + m->lost)
		m->win_rate = (double)m->won / (double)(m->won + m->lost);
	if (m->open_n)
		m->bau_share_open = (double)m->open_bau / (double)m->open_n;
}

static void
forecast(struct metrics *m, const struct backlog *bl, const struct cycles *cy)
{
	const struct cycle *cur = NULL;
	long len = bl->config.cycle_length_days > 0 ? bl->config.cycle_length_days : 14;
	double v = NAN;
	size_t n;

	recent(m, &v, &n, m->velocities);
	if (n && v > 0) {
		m->velocity_from = VELOCITY_MEASURED;
		m->velocity = v;
		m->velocity_cycles = n;
	} else if (bl->config.cycle_capacity > 0 && !isinf(bl->config.cycle_capacity)) {
		m->velocity_from = VELOCITY_CONFIG;
		m->velocity = bl->config.cycle_capacity;
		m->velocity_cycles = n;
	} else {
		m->velocity_from = VELOCITY_NONE;
		return;
	}
	for (size_t i = 0; i < cy->n; i++)
		if (metrics_cycle_state(&cy->v[i], m->today) == CYCLE_CURRENT)
			cur = &cy->v[i];
	m->forecast_start = cur ? cur->start : m->today;
	m->forecast_cycles = (long)ceil(m->open_effort / m->velocity - 1e-9);
	if (m->forecast_cycles < 0)
		m->forecast_cycles = 0;
	if (m->forecast_cycles > 100000)
		m->forecast_cycles = 100000;  /* dates stay in range */
	m->forecast_end = m->forecast_start + m->forecast_cycles * len - 1;
}

void
metrics_compute(struct metrics *m, const struct backlog *bl,
		const struct cycles *cy, long today)
{
	struct credit cr = { STRMAP_INIT, STRMAP_INIT, STRMAP_INIT };

	metrics_init(m);
	m->today = today;
	m->cycles = xcalloc(cy->n + 1, sizeof(*m->cycles));
	m->ncycles = cy->n;
	last_scope(&cr.last, cy);
	for (size_t i = 0; i < cy->n; i++) {
		struct cycle_stats *s = &m->cycles[i];

		s->cycle = &cy->v[i];
		s->state = metrics_cycle_state(s->cycle, today);
		cycle_scope_stats(s, bl, cy, i, &cr, today);
	}
	strmap_release(&cr.finished);
	strmap_release(&cr.carried);
	strmap_release(&cr.last);
	scan_items(m, bl, cy);
	summarise_cycles(m, cy);
	forecast(m, bl, cy);
}

const struct cycle_stats *
metrics_cycle(const struct metrics *m, const struct cycle *c)
{
	for (size_t i = 0; i < m->ncycles; i++)
		if (m->cycles[i].cycle == c)
			return &m->cycles[i];
	return NULL;
}

size_t
metrics_recent_velocity(const struct backlog *bl, const struct cycles *cy,
			long today, double *velocity, double last[3])
{
	struct metrics m;
	size_t n;

	metrics_compute(&m, bl, cy, today);
	recent(&m, velocity, &n, last);
	metrics_release(&m);
	return n;
}

const struct item **
metrics_cycle_items(const struct cycle_stats *s, size_t *n)
{
	const struct item **v = xcalloc(s->nscope + 1, sizeof(*v));
	size_t k = 0;

	for (size_t i = 0; i < s->nscope; i++)
		if (s->scope[i].how != SCOPE_REMOVED)
			v[k++] = s->scope[i].item;
	*n = k;
	return v;
}
