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
	for (size_t i = 0; i < m->ncycles; i++) {
		free(m->cycles[i].items);
		free(m->cycles[i].completed);
	}
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

/* The last dated cycle committing each id (undated cycles only when no
 * dated one does): id -> index + 1. */
static void
last_commit(struct strmap *last, const struct cycles *cy)
{
	for (size_t i = 0; i < cy->n; i++) {
		const struct cycle *c = &cy->v[i];
		int undated = c->start < 0 || c->end < 0;

		for (size_t k = 0; k < c->ncommitted; k++) {
			const char *id = c->committed[k];
			size_t len = strlen(id);

			if (undated && strmap_find(last, id, len))
				continue;
			strmap_put(last, id, len, (void *)(intptr_t)(i + 1));
		}
	}
}

static void
cycle_committed(struct cycle_stats *s, const struct backlog *bl, size_t index,
		const struct strmap *last)
{
	const struct cycle *c = s->cycle;
	struct strmap seen = STRMAP_INIT;

	s->items = xcalloc(c->ncommitted + 1, sizeof(*s->items));
	s->completed = xcalloc(c->ncommitted + 1, 1);
	for (size_t k = 0; k < c->ncommitted; k++) {
		const char *id = c->committed[k];
		const struct item *it;
		double e;
		long fin;
		int done;

		if (strmap_put(&seen, id, strlen(id), (void *)1))
			continue;
		it = backlog_item(bl, id);
		if (!it || !it->parsed) {
			s->missing++;
			continue;
		}
		e = metrics_effort(it);
		s->committed_n++;
		s->committed_effort += e;
		done = it->status == ST_DONE;
		if (done) {
			fin = day_of(it->finished);
			if (fin >= 0)
				done = c->end >= 0 && fin <= c->end;
			else
				done = (intptr_t)strmap_get(last, id) == (intptr_t)(index + 1);
		}
		s->completed[s->committed_n - 1] = (unsigned char)done;
		s->items[s->committed_n - 1] = it;
		if (!done)
			continue;
		s->completed_n++;
		s->completed_effort += e;
		if (it->type == TYPE_BAU)
			s->bau_effort += e;
	}
	s->say_do = s->committed_effort > 0 ?
		s->completed_effort / s->committed_effort : NAN;
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

static void
recent(const struct metrics *m, double *velocity, size_t *n, double last[3])
{
	double sum = 0;

	*n = 0;
	for (size_t i = m->ncycles; i-- > 0 && *n < 3;) {
		const struct cycle_stats *s = &m->cycles[i];

		if (s->state != CYCLE_CLOSED || !s->committed_n)
			continue;
		if (last)
			last[*n] = s->completed_effort;
		sum += s->completed_effort;
		(*n)++;
	}
	if (*n)
		*velocity = sum / (double)*n;
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
		m->completed_effort += s->completed_effort;
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
				m->open_effort += metrics_effort(it);
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

	recent(m, &v, &n, NULL);
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
	struct strmap last = STRMAP_INIT;

	metrics_init(m);
	m->today = today;
	m->cycles = xcalloc(cy->n + 1, sizeof(*m->cycles));
	m->ncycles = cy->n;
	last_commit(&last, cy);
	for (size_t i = 0; i < cy->n; i++) {
		struct cycle_stats *s = &m->cycles[i];

		s->cycle = &cy->v[i];
		s->state = metrics_cycle_state(s->cycle, today);
		cycle_committed(s, bl, i, &last);
	}
	strmap_release(&last);
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

static int
cmp_item_id(const void *pa, const void *pb)
{
	const struct item *a = *(const struct item *const *)pa;
	const struct item *b = *(const struct item *const *)pb;

	return item_id_cmp(a->id, b->id);
}

const struct item **
metrics_cycle_items(const struct backlog *bl, const struct cycle *c, size_t *n)
{
	const struct item **v = xcalloc(bl->nitems + 1, sizeof(*v));
	struct strmap seen = STRMAP_INIT;
	size_t k = 0, first;

	for (size_t i = 0; i < c->ncommitted; i++) {
		const struct item *it = backlog_item(bl, c->committed[i]);

		if (!it || !it->parsed || strmap_put(&seen, it->id, strlen(it->id), (void *)1))
			continue;
		v[k++] = it;
	}
	first = k;
	for (size_t i = 0; i < bl->nitems; i++) {
		const struct item *it = bl->items[i];

		if (!it->parsed || !it->id || !it->cycle || strcmp(it->cycle, c->name))
			continue;
		if (strmap_put(&seen, it->id, strlen(it->id), (void *)1))
			continue;
		v[k++] = it;
	}
	qsort(v + first, k - first, sizeof(*v), cmp_item_id);
	strmap_release(&seen);
	*n = k;
	return v;
}
