/*
 * metrics_out.c: render the report.  The table cells and the summary
 * sentences are built once and laid out as aligned text or Markdown;
 * JSON is written from the numbers.
 */
#include "formats/metrics_out.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "core/text.h"
#include "core/xalloc.h"
#include "formats/json.h"
#include "formats/listing.h"

#define NCOLS 14

static const char *const heads[NCOLS] = {
	"cycle", "start", "end", "state", "committed", "added", "completed",
	"learned", "stopped", "carried", "unplanned", "say/do", "velocity",
	"done",
};
/* right-aligned columns */
static const int right[NCOLS] = { 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1 };

static const struct metrics_format_row rows[] = {
	{ { "text", NULL, 0 }, METRICS_TEXT },
	{ { "md", NULL, 0 }, METRICS_MD },
	{ { "json", NULL, 0 }, METRICS_JSON },
	{ { NULL, NULL, 0 }, METRICS_TEXT },
};
const struct format_table metrics_formats = FORMAT_TABLE(rows);

/* Every figure's formula, for --explain (docs/cycles.md has them
 * too, word for word: tests/cli/t7300 checks). */
static const struct {
	const char *figure, *formula;
} formulas[] = {
	{ "committed", "the distinct items of the cycle's committed list as it stood at the end of its start day (from the git history of the cycle file): count (effort)" },
	{ "added", "items in committed now that were not in it at the start: added after the start, each with its date" },
	{ "removed", "items of the commitment taken out of committed since the start; they stay part of the commitment" },
	{ "completed", "items of the scope (committed or added) that are done by the cycle's end, each counted in the first cycle whose scope holds it and whose end is on or after its finished date" },
	{ "learned", "items of the scope stopped by the cycle's end with a result (won, lost or inconclusive): a stopped experiment that taught something" },
	{ "stopped", "items of the scope stopped by the cycle's end, learned or not" },
	{ "carried", "items of the scope not finished by the cycle's end that a later cycle commits" },
	{ "unplanned", "items outside the scope done (or stopped) between the cycle's start and end" },
	{ "say/do", "(completed effort + learned effort) of the committed items / committed effort" },
	{ "velocity", "completed effort + unplanned effort (learned effort is shown beside it, not in it)" },
	{ "done", "items finished in the cycle's period, from its start to the day before the next cycle starts" },
	{ "capacity", "the median velocity of the last three closed cycles that have a commitment; else cycle.capacity" },
	{ "predictability", "mean and standard deviation of say/do over the closed cycles" },
	{ "throughput", "items done per closed cycle, and items x 7 / the days of those cycles' periods per week" },
	{ "cycle time", "finished - started in days over the done items with both dates: median and 85th percentile (nearest rank)" },
	{ "win rate", "won / (won + lost) over the done experiments; inconclusive ones are counted apart" },
	{ "BAU share", "the bau effort of the closed cycles' velocity / their velocity; and bau items / open items" },
	{ "forecast", "open remaining effort / capacity, rounded up to whole cycles of cycle.length_days, from the current cycle's start (today when none is current)" },
	{ "at risk", "open cards past what the team can deliver by the cycle's end: pace (the median over the last three closed cycles of velocity / their working days; else capacity / working days) x working days left, walking doing, blocked, then planned cards; judged from the third working day and a fifth of the cycle on; also an item doing for more than half the cycle, and every item not done once it has ended" },
	{ "projection", "burnup CAMPAIGN: finish = the last day + (scope - completed) / pace, rounded up, with pace = the completed effort gained over the last three cycles / their days; the slowest and the fastest of those cycles give the range; the verdict compares the finish with the due date" },
};

static char *
num(double v)
{
	char buf[64];

	listing_fmt_num(buf, sizeof(buf), v);
	return xstrdup(buf);
}

static char *
pct(double v)
{
	return isnan(v) ? xstrdup("-") : xasprintf("%.0f%%", 100.0 * v);
}

static char *
day(long d)
{
	char buf[16];

	if (d < 0)
		return xstrdup("-");
	date_format(buf, sizeof(buf), d);
	return xstrdup(buf);
}

static char *
count_effort(size_t n, double effort)
{
	char buf[64];

	listing_fmt_num(buf, sizeof(buf), effort);
	return xasprintf("%zu (%s)", n, buf);
}

static void
row_cells(char **cells, const struct cycle_stats *s)
{
	cells[0] = xstrdup(s->cycle->name);
	cells[1] = day(s->cycle->start);
	cells[2] = day(s->cycle->end);
	cells[3] = xstrdup(metrics_state_name(s->state));
	cells[4] = count_effort(s->committed_n, s->committed_effort);
	cells[5] = count_effort(s->added_n, s->added_effort);
	cells[6] = count_effort(s->completed_n, s->completed_effort);
	cells[7] = count_effort(s->learned_n, s->learned_effort);
	cells[8] = count_effort(s->stopped_n, s->stopped_effort);
	cells[9] = count_effort(s->carried_n, s->carried_effort);
	cells[10] = count_effort(s->unplanned_n, s->unplanned_effort);
	cells[11] = pct(s->say_do);
	cells[12] = num(s->velocity);
	cells[13] = xasprintf("%zu", s->throughput);
}

/* ---------------------------------------------------------------------
 * Summary sentences
 * ------------------------------------------------------------------- */

struct line {
	const char *label;
	char *text;
};

enum { NLINES = 7 };

static void
summary(struct line *l, const struct metrics *m)
{
	char a[64], b[64], c[64];

	l[0].label = "Predictability";
	if (m->nsaydo)
		l[0].text = xasprintf("say/do %.0f%% on average, spread %.0f points (standard deviation), over %zu closed cycle%s",
				      100 * m->saydo_mean, 100 * m->saydo_sd, m->nsaydo,
				      m->nsaydo == 1 ? "" : "s");
	else
		l[0].text = xstrdup("no closed cycle with a commitment yet");
	l[6].label = "Capacity";
	if (m->velocity_from == VELOCITY_MEASURED) {
		struct sbuf v = SBUF_INIT;

		for (size_t i = 0; i < m->velocity_cycles; i++) {
			listing_fmt_num(a, sizeof(a), m->velocities[i]);
			sbuf_addf(&v, "%s%s", i ? ", " : "", a);
		}
		listing_fmt_num(a, sizeof(a), m->velocity);
		if (m->velocity_cycles == 1)
			l[6].text = xasprintf("%s suggested for the next cycle: the velocity of the last closed cycle (%s)",
					      a, v.buf);
		else
			l[6].text = xasprintf("%s suggested for the next cycle: the median velocity of the last %zu closed cycles (%s, most recent first)",
					      a, m->velocity_cycles, v.buf);
		sbuf_release(&v);
	} else if (m->velocity_from == VELOCITY_CONFIG) {
		listing_fmt_num(a, sizeof(a), m->velocity);
		l[6].text = xasprintf("%s suggested for the next cycle: cycle.capacity in docket.yaml (no closed cycle with a velocity yet)", a);
	} else {
		l[6].text = xstrdup("no closed cycle and no cycle.capacity: nothing to suggest");
	}
	l[1].label = "Throughput";
	if (m->nclosed) {
		listing_fmt_num(a, sizeof(a), round(m->per_cycle * 10) / 10);
		listing_fmt_num(b, sizeof(b), round(m->per_week * 10) / 10);
		l[1].text = xasprintf("%s item%s done per cycle, %s per week (%zu item%s in %zu closed cycle%s)",
				      a, strcmp(a, "1") ? "s" : "", b,
				      m->done_in_closed, m->done_in_closed == 1 ? "" : "s",
				      m->nclosed, m->nclosed == 1 ? "" : "s");
	} else {
		l[1].text = xstrdup("no closed cycle yet");
	}
	l[2].label = "Cycle time";
	if (m->ncycle_time) {
		listing_fmt_num(a, sizeof(a), m->ct_median);
		listing_fmt_num(b, sizeof(b), m->ct_p85);
		l[2].text = xasprintf("median %s days, 85th percentile %s days, started to finished (%zu done item%s)",
				      a, b, m->ncycle_time, m->ncycle_time == 1 ? "" : "s");
	} else {
		l[2].text = xstrdup("no done item with started and finished dates");
	}
	l[3].label = "Win rate";
	if (m->won + m->lost)
		l[3].text = xasprintf("%.0f%% of decided experiments won (%zu won, %zu lost; %zu inconclusive)",
				      100 * m->win_rate, m->won, m->lost, m->inconclusive);
	else
		l[3].text = xasprintf("no experiment decided yet (%zu inconclusive)",
				      m->inconclusive);
	l[4].label = "BAU share";
	{
		char *x = pct(m->bau_share_completed), *y = pct(m->bau_share_open);

		l[4].text = xasprintf("%s of the closed cycles' completed effort; %s of open items (%zu of %zu)",
				      x, y, m->open_bau, m->open_n);
		free(x);
		free(y);
	}
	l[5].label = "Forecast";
	listing_fmt_num(a, sizeof(a), m->open_effort);
	listing_fmt_num(b, sizeof(b), m->velocity);
	if (m->velocity_from == VELOCITY_NONE || m->forecast_cycles < 0) {
		l[5].text = xasprintf("no velocity and no cycle.capacity: no forecast (open effort %s)", a);
	} else if (m->open_effort <= 0) {
		l[5].text = xasprintf("no open effort to forecast (%zu open item%s without effort)",
				      m->open_unestimated, m->open_unestimated == 1 ? "" : "s");
	} else {
		char *until = day(m->forecast_end), *from = day(m->forecast_start);
		char *vel = m->velocity_from == VELOCITY_MEASURED ?
			(m->velocity_cycles == 1 ?
			 xstrdup("the velocity of the last closed cycle") :
			 xasprintf("the median velocity of the last %zu closed cycles",
				   m->velocity_cycles)) :
			m->velocity_cycles == 1 ?
			xstrdup("cycle.capacity in docket.yaml: the last closed cycle completed nothing") :
			m->velocity_cycles ?
			xasprintf("cycle.capacity in docket.yaml: the last %zu closed cycles completed nothing",
				  m->velocity_cycles) :
			xstrdup("cycle.capacity in docket.yaml: no closed cycle to measure velocity yet");

		snprintf(c, sizeof(c), "%zu", m->open_unestimated);
		l[5].text = xasprintf("at this pace the open backlog takes %ld cycle%s, from %s until %s (open effort %s in %zu item%s / velocity %s, %s%s%s%s)",
				      m->forecast_cycles, m->forecast_cycles == 1 ? "" : "s",
				      from, until, a, m->open_estimated,
				      m->open_estimated == 1 ? "" : "s", b, vel,
				      m->open_unestimated ? "; " : "",
				      m->open_unestimated ? c : "",
				      !m->open_unestimated ? "" :
				      m->open_unestimated == 1 ? " more item has no effort and is not counted" :
				      " more items have no effort and are not counted");
		free(until);
		free(from);
		free(vel);
	}
}

/* ---------------------------------------------------------------------
 * Text and Markdown
 * ------------------------------------------------------------------- */

static void
render_text(struct sbuf *out, const struct metrics *m, char **cells,
	    struct line *l)
{
	size_t w[NCOLS];

	for (int c = 0; c < NCOLS; c++)
		w[c] = strlen(heads[c]);
	for (size_t r = 0; r < m->ncycles; r++)
		for (int c = 0; c < NCOLS; c++) {
			size_t x = text_width(cells[r * NCOLS + c], strlen(cells[r * NCOLS + c]));

			if (x > w[c])
				w[c] = x;
		}
	if (m->ncycles) {
		for (int c = 0; c < NCOLS; c++) {
			if (c)
				sbuf_adds(out, "  ");
			text_pad(out, heads[c], strlen(heads[c]), w[c], right[c]);
		}
		sbuf_addc(out, '\n');
		for (size_t r = 0; r < m->ncycles; r++) {
			for (int c = 0; c < NCOLS; c++) {
				const char *s = cells[r * NCOLS + c];

				if (c)
					sbuf_adds(out, "  ");
				text_pad(out, s, strlen(s), w[c], right[c]);
			}
			sbuf_addc(out, '\n');
		}
		sbuf_adds(out, "(items (effort); committed: at the start; learned: stopped with a result;\n"
			  " velocity: completed + unplanned effort; done: items finished in the\n"
			  " cycle's period; docket report --explain gives every formula)\n\n");
	} else {
		sbuf_adds(out, "No cycle files yet: run 'docket plan' to plan the first cycle.\n\n");
	}
	for (int i = 0; i < NLINES; i++) {
		text_pad(out, l[i].label, strlen(l[i].label), 16, 0);
		text_escape_term(out, l[i].text, strlen(l[i].text));
		sbuf_addc(out, '\n');
	}
}

static void
render_md(struct sbuf *out, const struct metrics *m, char **cells,
	  struct line *l)
{
	sbuf_adds(out, "## Launch cycles\n\n");
	if (m->ncycles) {
		sbuf_adds(out, "|");
		for (int c = 0; c < NCOLS; c++)
			sbuf_addf(out, " %s |", heads[c]);
		sbuf_adds(out, "\n|");
		for (int c = 0; c < NCOLS; c++)
			sbuf_adds(out, right[c] ? " ---: |" : " --- |");
		sbuf_addc(out, '\n');
		for (size_t r = 0; r < m->ncycles; r++) {
			sbuf_adds(out, "|");
			for (int c = 0; c < NCOLS; c++) {
				sbuf_addc(out, ' ');
				text_md_cell(out, cells[r * NCOLS + c]);
				sbuf_adds(out, " |");
			}
			sbuf_addc(out, '\n');
		}
		sbuf_adds(out, "\nItems (effort). Committed: at the start. Learned: stopped with a result. "
			  "Velocity: completed + unplanned effort. Done: items finished in the cycle's period.\n\n");
	} else {
		sbuf_adds(out, "No cycle files yet.\n\n");
	}
	sbuf_adds(out, "## Summary\n\n");
	for (int i = 0; i < NLINES; i++) {
		sbuf_addf(out, "- **%s**: ", l[i].label);
		text_md_cell(out, l[i].text);
		sbuf_addc(out, '\n');
	}
}

/* ---------------------------------------------------------------------
 * JSON
 * ------------------------------------------------------------------- */

void
metrics_json_figure(struct jw *w, const char *k, size_t n, double effort)
{
	jw_key(w, k);
	jw_object(w);
	jw_kint(w, "items", (long long)n);
	jw_knum(w, "effort", effort);
	jw_end(w);
}

/* [{"id", "change": "added"|"removed", "date", "uncommitted"}] */
static void
scope_changes(struct jw *w, const struct cycle_stats *s)
{
	jw_array(w);
	for (size_t i = 0; i < s->nscope; i++) {
		const struct scope_item *e = &s->scope[i];

		if (e->how != SCOPE_ADDED && e->how != SCOPE_REMOVED)
			continue;
		jw_object(w);
		jw_kstr(w, "id", e->item->id);
		jw_kstr(w, "change", scope_how_name(e->how));
		jw_key(w, "date");
		jw_day(w, e->day);
		jw_kbool(w, "uncommitted", e->uncommitted);
		jw_end(w);
	}
	jw_end(w);
}

static void
render_json(struct sbuf *out, const struct metrics *m, int explain)
{
	static const char *const vsrc[] = { "none", "measured", "config" };
	struct jw w;

	jw_init(&w, out, 0, JW_COMPACT);
	jw_object(&w);
	jw_key(&w, "today");
	jw_day(&w, m->today);
	jw_key(&w, "cycles");
	jw_array(&w);
	for (size_t i = 0; i < m->ncycles; i++) {
		const struct cycle_stats *s = &m->cycles[i];

		jw_object(&w);
		jw_kstr(&w, "name", s->cycle->name);
		jw_key(&w, "start");
		jw_day(&w, s->cycle->start);
		jw_key(&w, "end");
		jw_day(&w, s->cycle->end);
		jw_kstr(&w, "state", metrics_state_name(s->state));
		metrics_json_figure(&w, "committed", s->committed_n, s->committed_effort);
		metrics_json_figure(&w, "added", s->added_n, s->added_effort);
		metrics_json_figure(&w, "removed", s->removed_n, s->removed_effort);
		metrics_json_figure(&w, "completed", s->completed_n, s->completed_effort);
		metrics_json_figure(&w, "learned", s->learned_n, s->learned_effort);
		metrics_json_figure(&w, "stopped", s->stopped_n, s->stopped_effort);
		metrics_json_figure(&w, "carried_over", s->carried_n, s->carried_effort);
		metrics_json_figure(&w, "unplanned", s->unplanned_n, s->unplanned_effort);
		jw_knum(&w, "missing", (double)s->missing);
		jw_knum(&w, "say_do", s->say_do);
		jw_knum(&w, "velocity", s->velocity);
		jw_knum(&w, "bau_effort", s->bau_effort);
		jw_knum(&w, "throughput", (double)s->throughput);
		jw_key(&w, "scope_changes");
		scope_changes(&w, s);
		jw_end(&w);
	}
	jw_end(&w);
	jw_key(&w, "predictability");
	jw_object(&w);
	jw_knum(&w, "cycles", (double)m->nsaydo);
	jw_knum(&w, "say_do_mean", m->saydo_mean);
	jw_knum(&w, "say_do_sd", m->saydo_sd);
	jw_end(&w);
	jw_key(&w, "capacity");
	jw_object(&w);
	jw_kstr(&w, "source", vsrc[m->velocity_from]);
	jw_knum(&w, "suggested", m->velocity_from == VELOCITY_NONE ? NAN : m->velocity);
	jw_key(&w, "velocities");
	jw_array(&w);
	for (size_t i = 0; m->velocity_from == VELOCITY_MEASURED && i < m->velocity_cycles; i++)
		jw_num(&w, m->velocities[i]);
	jw_end(&w);
	jw_end(&w);
	jw_key(&w, "throughput");
	jw_object(&w);
	jw_knum(&w, "closed_cycles", (double)m->nclosed);
	jw_knum(&w, "items", (double)m->done_in_closed);
	jw_knum(&w, "days", (double)m->closed_days);
	jw_knum(&w, "per_cycle", m->per_cycle);
	jw_knum(&w, "per_week", m->per_week);
	jw_end(&w);
	jw_key(&w, "cycle_time");
	jw_object(&w);
	jw_knum(&w, "items", (double)m->ncycle_time);
	jw_knum(&w, "median_days", m->ct_median);
	jw_knum(&w, "p85_days", m->ct_p85);
	jw_end(&w);
	jw_key(&w, "experiments");
	jw_object(&w);
	jw_knum(&w, "won", (double)m->won);
	jw_knum(&w, "lost", (double)m->lost);
	jw_knum(&w, "inconclusive", (double)m->inconclusive);
	jw_knum(&w, "win_rate", m->win_rate);
	jw_end(&w);
	jw_key(&w, "bau_share");
	jw_object(&w);
	jw_knum(&w, "completed_effort", m->bau_share_completed);
	jw_knum(&w, "open_items", m->bau_share_open);
	jw_knum(&w, "open_bau", (double)m->open_bau);
	jw_knum(&w, "open", (double)m->open_n);
	jw_end(&w);
	jw_key(&w, "forecast");
	jw_object(&w);
	jw_knum(&w, "open_effort", m->open_effort);
	jw_knum(&w, "open_items", (double)m->open_estimated);
	jw_knum(&w, "unestimated_items", (double)m->open_unestimated);
	jw_kstr(&w, "velocity_source", vsrc[m->velocity_from]);
	jw_knum(&w, "velocity", m->velocity);
	jw_knum(&w, "velocity_cycles", (double)m->velocity_cycles);
	jw_knum(&w, "cycles", m->forecast_cycles < 0 ? NAN : (double)m->forecast_cycles);
	jw_key(&w, "start");
	jw_day(&w, m->forecast_cycles < 0 ? -1 : m->forecast_start);
	jw_key(&w, "end");
	jw_day(&w, m->forecast_cycles <= 0 ? -1 : m->forecast_end);
	jw_end(&w);
	if (explain) {
		jw_key(&w, "explain");
		jw_object(&w);
		for (size_t i = 0; i < ARRAY_SIZE(formulas); i++)
			jw_kstr(&w, formulas[i].figure, formulas[i].formula);
		jw_end(&w);
	}
	jw_end(&w);
	sbuf_addc(out, '\n');
}

static void
render_explain(struct sbuf *out, enum metrics_format f)
{
	sbuf_adds(out, f == METRICS_MD ? "\n## How the figures are computed\n\n" :
		  "\nHow the figures are computed (docs/cycles.md):\n");
	for (size_t i = 0; i < ARRAY_SIZE(formulas); i++) {
		if (f == METRICS_MD)
			sbuf_addf(out, "- **%s**: %s\n", formulas[i].figure, formulas[i].formula);
		else
			sbuf_addf(out, "  %-15s %s\n", formulas[i].figure, formulas[i].formula);
	}
}

void
metrics_render(struct sbuf *out, const struct metrics *m, enum metrics_format f)
{
	metrics_render_explained(out, m, f, 0);
}

void
metrics_render_explained(struct sbuf *out, const struct metrics *m,
			 enum metrics_format f, int explain)
{
	char **cells;
	struct line l[NLINES];

	if (f == METRICS_JSON) {
		render_json(out, m, explain);
		return;
	}
	cells = xcalloc(m->ncycles * NCOLS + 1, sizeof(*cells));
	for (size_t r = 0; r < m->ncycles; r++)
		row_cells(cells + r * NCOLS, &m->cycles[r]);
	summary(l, m);
	if (f == METRICS_MD)
		render_md(out, m, cells, l);
	else
		render_text(out, m, cells, l);
	for (size_t i = 0; i < m->ncycles * NCOLS; i++)
		free(cells[i]);
	free(cells);
	for (int i = 0; i < NLINES; i++)
		free(l[i].text);
	if (explain)
		render_explain(out, f);
}
