/*
 * huddle.c: the Daily Huddle board (see huddle.h for every rule).
 */
#include "core/huddle.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "core/metrics.h"
#include "core/xalloc.h"

void
huddle_init(struct huddle *h)
{
	memset(h, 0, sizeof(*h));
	h->length = h->day = -1;
	h->capacity = h->capacity_left = NAN;
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
	const struct ynode *v;
	double d;

	if (!s)
		return 5;
	if (s->severity == SEV_OFF)
		return -1;
	v = s->settings ? ynode_get(s->settings, "max") : NULL;
	if (v && ynode_kind(v) != YKIND_STR && ynode_number(v, &d) == 0 &&
	    d >= 0 && d <= 1e9 && d == floor(d))
		return (long)d;
	return 5;
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
col_of(enum item_status s)
{
	switch (s) {
	case ST_DOING: return HUDDLE_DOING;
	case ST_BLOCKED: return HUDDLE_BLOCKED;
	case ST_DONE: return HUDDLE_DONE;
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

/* HUDDLE_RISK_CAPACITY: open cards past what the capacity left holds. */
static void
capacity_risk(struct huddle *h)
{
	static const enum huddle_col walk[] = {
		HUDDLE_DOING, HUDDLE_BLOCKED, HUDDLE_PLANNED,
	};
	double sum = 0;

	if (isnan(h->capacity_left) || h->days_left <= 0 ||
	    h->open_effort <= h->capacity_left + 1e-9)
		return;     /* an ended cycle's open items are overdue instead */
	for (size_t w = 0; w < ARRAY_SIZE(walk); w++)
		for (size_t i = 0; i < h->n; i++) {
			struct huddle_card *c = &h->cards[i];

			if (c->col != walk[w])
				continue;
			sum += metrics_effort(c->item);
			if (sum > h->capacity_left + 1e-9)
				c->risk |= HUDDLE_RISK_CAPACITY;
		}
}

void
huddle_make(struct huddle *h, const struct backlog *bl, const struct cycle *c,
	    long today)
{
	const struct item **items;
	size_t n, k = 0;

	huddle_init(h);
	h->cycle = c;
	h->today = today;
	items = metrics_cycle_items(bl, c, &n);
	h->cards = xcalloc(n + 1, sizeof(*h->cards));
	if (c->start >= 0 && c->end >= c->start) {
		h->length = c->end - c->start + 1;
		h->day = today - c->start + 1;
		h->days_left = today > c->end ? 0 :
			today < c->start ? h->length : c->end - today + 1;
	}
	h->capacity = c->capacity > 0 && !isinf(c->capacity) ? c->capacity :
		bl->config.cycle_capacity;
	if (h->length > 0)
		h->capacity_left = h->capacity * (double)h->days_left / (double)h->length;
	/* cards, column by column, each in the cycle's order */
	for (int col = 0; col < HUDDLE_NCOLS; col++)
		for (size_t i = 0; i < n; i++) {
			const struct item *it = items[i];
			struct huddle_card *card;

			if (it->status == ST_STOPPED) {
				if (col == 0)
					h->stopped++;
				continue;
			}
			if ((int)col_of(it->status) != col)
				continue;
			card = &h->cards[k++];
			card->item = it;
			card->col = (enum huddle_col)col;
			card->days = days_in_status(h, it, card->col);
			h->ncol[col]++;
			h->effort[col] += metrics_effort(it);
			if (col == HUDDLE_DONE)
				continue;
			h->open_effort += metrics_effort(it);
			if (col == HUDDLE_BLOCKED)
				card->risk |= HUDDLE_RISK_BLOCKED;
			if (col == HUDDLE_DOING && h->length > 0 && card->days >= 0 &&
			    2 * card->days > h->length)
				card->risk |= HUDDLE_RISK_LONG;
			if (c->end >= 0 && today > c->end)
				card->risk |= HUDDLE_RISK_OVERDUE;
		}
	h->n = k;
	free(items);
	capacity_risk(h);
	for (size_t i = 0; i < h->n; i++)
		if (h->cards[i].risk)
			h->at_risk++;
	for (size_t i = 0; i < bl->nitems; i++)
		if (bl->items[i]->parsed && bl->items[i]->status == ST_DOING)
			h->wip++;
	h->wip_limit = huddle_wip_limit(&bl->config);
}
