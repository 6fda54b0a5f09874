/*
 * html_board.c: the sections of index.html after the backlog: the
 * huddle board of the current cycle, the cycles with committed vs
 * completed, experiment results and campaigns with their burn-up.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "core/xalloc.h"
#include "formats/html_int.h"

static void
progress(struct sbuf *sb, double part, double whole)
{
	double pct = whole > 0 ? 100.0 * part / whole : 0;

	if (pct > 100 || isnan(pct))
		pct = pct > 100 ? 100 : 0;
	sbuf_addf(sb, "<div class=\"bar ok\"><span style=\"width:%.1f%%\"></span></div>", pct);
}

static void
date_range(struct sbuf *sb, const struct cycle *c)
{
	if (c->start >= 0)
		hx_date(sb, c->start);
	if (c->start >= 0 || c->end >= 0)
		sbuf_adds(sb, " &#8211; ");
	if (c->end >= 0)
		hx_date(sb, c->end);
}

/*-----------------------------------------------------------------------
 * The huddle board
 *----------------------------------------------------------------------*/

static long
wip_limit(const struct hx *h)
{
	const struct rule_setting *r = config_rule(&h->bl->config, "wip-limit");
	long long v;

	if (r && r->settings && !ynode_int(ynode_get(r->settings, "max"), &v) && v > 0)
		return (long)v;
	return 5;
}

static void
tile(struct sbuf *sb, const struct hx *h, const struct item *it)
{
	long day;

	sbuf_adds(sb, "<div class=\"tile\"><div class=\"id\">");
	if (it->mvl)
		sbuf_adds(sb, "<span class=\"mvl\" title=\"Minimally viable launch\">MVL</span>");
	hx_item_link(sb, it, "");
	if (it->status == ST_STOPPED)
		sbuf_adds(sb, " <span class=\"badge s-stopped\">stopped</span>");
	sbuf_adds(sb, "</div><div class=\"t\">");
	hx_text(sb, it->title ? it->title : "(no title)");
	sbuf_adds(sb, "</div><div class=\"facts\">");
	if (!isnan(it->effort)) {
		sbuf_adds(sb, "<span>");
		hx_num(sb, it->effort);
		sbuf_adds(sb, it->effort == 1 ? " point" : " points");
		sbuf_adds(sb, "</span>");
	}
	hx_type_label(sb, it->type);
	if (it->status == ST_DOING && !date_parse(&day, it->started) && day <= h->o->today)
		sbuf_addf(sb, "<span>%ld day%s in progress</span>", h->o->today - day,
			  h->o->today - day == 1 ? "" : "s");
	if (it->status == ST_DONE && !date_parse(&day, it->finished)) {
		sbuf_adds(sb, "<span>done ");
		hx_date(sb, day);
		sbuf_adds(sb, "</span>");
	}
	if (it->type == TYPE_EXPERIMENT && it->status == ST_DONE && hx_str(it, "result"))
		hx_result_badge(sb, hx_str(it, "result"));
	sbuf_adds(sb, "</div>");
	if (it->status == ST_BLOCKED || it->status == ST_STOPPED) {
		const char *why = hx_str(it, it->status == ST_BLOCKED ? "blocked_reason" : "stop_reason");

		if (why) {
			sbuf_adds(sb, "<div class=\"why\">");
			hx_text(sb, why);
			sbuf_adds(sb, "</div>");
		}
	}
	sbuf_adds(sb, "</div>\n");
}

static int
column_of(enum item_status s)
{
	switch (s) {
	case ST_DOING: return 1;
	case ST_BLOCKED: return 2;
	case ST_DONE: case ST_STOPPED: return 3;
	default: return 0;
	}
}

void
hx_board(struct sbuf *sb, const struct hx *h)
{
	static const char *const cols[] = { "planned", "doing", "blocked", "done" };
	static const char *const names[] = { "Planned", "Doing", "Blocked", "Done" };
	const struct cycle *c = h->current;
	const struct item **v;
	struct hx_cycle_stats st;
	size_t n, count[4] = { 0 };
	long wip = wip_limit(h);

	sbuf_adds(sb, "<section id=\"board\">\n<h2>Huddle board");
	if (!c) {
		sbuf_adds(sb, "</h2>\n<p class=\"lead\">No launch cycle has started yet. "
			  "<code>docket plan</code> proposes the first one.</p>\n</section>\n");
		return;
	}
	sbuf_adds(sb, "<span class=\"sub\">cycle ");
	hx_text(sb, c->name);
	sbuf_adds(sb, "</span></h2>\n<div class=\"boardhead\"><div>");
	if (c->goal) {
		sbuf_adds(sb, "<div class=\"goal\">");
		hx_text(sb, c->goal);
		sbuf_adds(sb, "</div>");
	}
	sbuf_adds(sb, "<div class=\"muted small\">");
	date_range(sb, c);
	if (c->start >= 0 && c->end >= c->start && h->o->today >= c->start &&
	    h->o->today <= c->end)
		sbuf_addf(sb, " &#183; day %ld of %ld", h->o->today - c->start + 1,
			  c->end - c->start + 1);
	if (!isnan(c->capacity)) {
		sbuf_adds(sb, " &#183; capacity ");
		hx_num(sb, c->capacity);
	}
	sbuf_adds(sb, "</div></div>");
	hx_cycle_stats(h, c, &st);
	sbuf_adds(sb, "<div class=\"prog\">");
	progress(sb, st.completed_effort, st.committed_effort);
	sbuf_addf(sb, "<div class=\"small muted\">%zu of %zu committed items done &#183; ",
		  st.completed, st.committed);
	hx_num(sb, st.completed_effort);
	sbuf_adds(sb, " of ");
	hx_num(sb, st.committed_effort);
	sbuf_adds(sb, " points</div></div></div>\n<div class=\"board\">\n");

	v = hx_cycle_items(h, c, &n);
	for (size_t i = 0; i < n; i++)
		count[column_of(v[i]->status)]++;
	for (int k = 0; k < 4; k++) {
		sbuf_addf(sb, "<div class=\"col c-%s\"><h3>%s <span class=\"n\"", cols[k], names[k]);
		if (k == 1 && (long)count[k] > wip)
			sbuf_addf(sb, " style=\"color:#b91c1c\" title=\"over the WIP limit of %ld\"", wip);
		else if (k == 1)
			sbuf_addf(sb, " title=\"WIP limit %ld\"", wip);
		sbuf_addf(sb, ">%zu</span></h3>\n", count[k]);
		for (size_t i = 0; i < n; i++)
			if (column_of(v[i]->status) == k)
				tile(sb, h, v[i]);
		if (!count[k])
			sbuf_adds(sb, "<div class=\"none\">Nothing here</div>\n");
		sbuf_adds(sb, "</div>\n");
	}
	sbuf_adds(sb, "</div>\n</section>\n");
	free(v);
}

/*-----------------------------------------------------------------------
 * Cycles: committed vs completed
 *----------------------------------------------------------------------*/

void
hx_cycles(struct sbuf *sb, const struct hx *h)
{
	double ratio_sum = 0;
	size_t nratio = 0;

	for (size_t i = 0; i < h->cycles.n; i++) {
		const struct cycle *c = &h->cycles.v[i];
		struct hx_cycle_stats st;

		if (c->end < 0 || c->end >= h->o->today)
			continue;
		hx_cycle_stats(h, c, &st);
		if (st.committed_effort > 0) {
			ratio_sum += st.completed_effort / st.committed_effort;
			nratio++;
		}
	}
	sbuf_adds(sb, "<section id=\"cycles\">\n<h2>Cycles<span class=\"sub\">committed vs completed</span></h2>\n");
	if (!h->cycles.n) {
		sbuf_adds(sb, "<p class=\"lead\">No launch cycles yet.</p>\n</section>\n");
		return;
	}
	sbuf_adds(sb, "<p class=\"lead\">");
	if (nratio)
		sbuf_addf(sb, "The team completed %.0f%% of what it committed to, on average over %zu "
			  "finished cycle%s. ", 100.0 * ratio_sum / (double)nratio, nratio,
			  nratio == 1 ? "" : "s");
	sbuf_adds(sb, "Completed counts the committed items that are done.</p>\n<div class=\"grid\">\n");
	for (size_t i = h->cycles.n; i-- > 0;) {
		const struct cycle *c = &h->cycles.v[i];
		struct hx_cycle_stats st;

		hx_cycle_stats(h, c, &st);
		sbuf_addf(sb, "<div class=\"card cyc%s\"><h3>", c == h->current ? " current" : "");
		hx_text(sb, c->name);
		if (c == h->current)
			sbuf_adds(sb, " <span class=\"badge s-doing\">current</span>");
		else if (c->start > h->o->today)
			sbuf_adds(sb, " <span class=\"badge s-planned\">upcoming</span>");
		sbuf_adds(sb, "</h3><div class=\"dates\">");
		date_range(sb, c);
		if (!isnan(c->capacity)) {
			sbuf_adds(sb, " &#183; capacity ");
			hx_num(sb, c->capacity);
		}
		sbuf_adds(sb, "</div>");
		if (c->goal) {
			sbuf_adds(sb, "<div class=\"goal\">");
			hx_text(sb, c->goal);
			sbuf_adds(sb, "</div>");
		}
		progress(sb, st.completed_effort, st.committed_effort);
		sbuf_addf(sb, "<div class=\"fig\"><span><b>%zu</b> of %zu items</span><span><b>", st.completed,
			  st.committed);
		hx_num(sb, st.completed_effort);
		sbuf_adds(sb, "</b> of ");
		hx_num(sb, st.committed_effort);
		sbuf_adds(sb, " points");
		if (st.committed_effort > 0)
			sbuf_addf(sb, " &#183; %.0f%%", 100.0 * st.completed_effort / st.committed_effort);
		sbuf_adds(sb, "</span></div></div>\n");
	}
	sbuf_adds(sb, "</div>\n</section>\n");
}

/*-----------------------------------------------------------------------
 * Experiment results
 *----------------------------------------------------------------------*/

static int
exp_group(const struct item *it)
{
	if (it->type != TYPE_EXPERIMENT)
		return -1;
	switch (it->status) {
	case ST_DONE: return 0;
	case ST_DOING: case ST_BLOCKED: return 1;
	case ST_STOPPED: return 2;
	default: return -1;
	}
}

static int
cmp_finished(const void *pa, const void *pb)
{
	const struct item *a = *(const struct item *const *)pa;
	const struct item *b = *(const struct item *const *)pb;
	int ga = exp_group(a), gb = exp_group(b);

	if (ga != gb)
		return ga - gb;
	if (ga == 0 && a->finished && b->finished && strcmp(a->finished, b->finished))
		return -strcmp(a->finished, b->finished);
	if (ga == 0 && (!a->finished) != (!b->finished))
		return a->finished ? -1 : 1;
	return 0;
}

static void
kpi(struct sbuf *sb, const char *label, const char *v)
{
	sbuf_addf(sb, "<div>%s<b>", label);
	hx_text(sb, v ? v : "\xe2\x80\x93");
	sbuf_adds(sb, "</b></div>");
}

static void
experiment(struct sbuf *sb, const struct item *it)
{
	const char *hyp = hx_str(it, "hypothesis");

	sbuf_adds(sb, "<article class=\"card exp\"><div class=\"head\"><h3>");
	hx_item_link(sb, it, "");
	sbuf_adds(sb, " ");
	hx_text(sb, it->title ? it->title : "(no title)");
	sbuf_adds(sb, "</h3>");
	if (it->status == ST_DONE)
		hx_result_badge(sb, hx_str(it, "result"));
	else if (it->status == ST_STOPPED)
		sbuf_adds(sb, "<span class=\"badge s-stopped\">Stopped</span>");
	else
		sbuf_adds(sb, "<span class=\"badge r-running\">Running</span>");
	sbuf_adds(sb, "</div>");
	if (hyp) {
		sbuf_adds(sb, "<p class=\"hyp\">");
		hx_text(sb, hyp);
		sbuf_adds(sb, "</p>");
	}
	if (it->status == ST_STOPPED && hx_str(it, "stop_reason")) {
		sbuf_adds(sb, "<p class=\"small muted\">Stopped: ");
		hx_text(sb, hx_str(it, "stop_reason"));
		sbuf_adds(sb, "</p>");
	}
	sbuf_adds(sb, "<div class=\"kpi\">");
	kpi(sb, "Metric", hx_str(it, "metric"));
	kpi(sb, "Target", hx_str(it, "target"));
	kpi(sb, "Actual", hx_str(it, "actual"));
	sbuf_adds(sb, "</div></article>\n");
}

void
hx_experiments(struct sbuf *sb, const struct hx *h)
{
	const struct item **v = xcalloc(h->n + 1, sizeof(*v));
	size_t n = 0, done = 0;

	for (size_t i = 0; i < h->n; i++)
		if (exp_group(h->items[i]) >= 0) {
			v[n++] = h->items[i];
			done += h->items[i]->status == ST_DONE;
		}
	if (n)
		qsort(v, n, sizeof(*v), cmp_finished);
	sbuf_adds(sb, "<section id=\"experiments\">\n<h2>Experiments<span class=\"sub\">hypothesis, "
		  "metric, target and what happened</span></h2>\n");
	if (!n) {
		sbuf_adds(sb, "<p class=\"lead\">No experiment has started yet.</p>\n</section>\n");
		free(v);
		return;
	}
	sbuf_addf(sb, "<p class=\"lead\">%zu finished, %zu running or stopped. A win is followed "
		  "by similar items; a loss by new items with different content.</p>\n"
		  "<div class=\"grid\">\n", done, n - done);
	for (size_t i = 0; i < n; i++)
		experiment(sb, v[i]);
	sbuf_adds(sb, "</div>\n</section>\n");
	free(v);
}

/*-----------------------------------------------------------------------
 * Campaigns and their burn-up
 *----------------------------------------------------------------------*/

static const char *
chart_for(const struct hx *h, const char *campaign)
{
	for (size_t i = 0; i < h->o->ncharts; i++)
		if (h->o->charts[i].campaign && h->o->charts[i].svg &&
		    !strcmp(h->o->charts[i].campaign, campaign))
			return h->o->charts[i].svg;
	return NULL;
}

void
hx_campaigns(struct sbuf *sb, const struct hx *h)
{
	const char **names = xcalloc(h->n + 1, sizeof(*names));
	size_t n = 0;

	/* in backlog order of their first item: the most urgent first */
	for (size_t i = 0; i < h->n; i++) {
		const char *c = h->items[i]->campaign;
		size_t k;

		if (!c || !*c)
			continue;
		for (k = 0; k < n && strcmp(names[k], c); k++)
			;
		if (k == n)
			names[n++] = c;
	}
	sbuf_adds(sb, "<section id=\"campaigns\">\n<h2>Campaigns<span class=\"sub\">scope and "
		  "completed effort</span></h2>\n");
	if (!n) {
		sbuf_adds(sb, "<p class=\"lead\">No item names a campaign yet.</p>\n</section>\n");
		free(names);
		return;
	}
	sbuf_adds(sb, "<div class=\"grid\">\n");
	for (size_t k = 0; k < n; k++) {
		size_t items = 0, done = 0, mvl = 0, mvl_done = 0;
		double scope = 0, burnt = 0;
		const char *svg = chart_for(h, names[k]);

		for (size_t i = 0; i < h->n; i++) {
			const struct item *it = h->items[i];

			if (!it->campaign || strcmp(it->campaign, names[k]) || it->status == ST_STOPPED)
				continue;
			items++;
			done += it->status == ST_DONE;
			mvl += it->mvl;
			mvl_done += it->mvl && it->status == ST_DONE;
			if (!isnan(it->effort)) {
				scope += it->effort;
				if (it->status == ST_DONE)
					burnt += it->effort;
			}
		}
		sbuf_addf(sb, "<div class=\"card camp\"%s><h3>", svg ? " style=\"grid-column:1/-1\"" : "");
		hx_text(sb, names[k]);
		sbuf_adds(sb, "</h3>");
		progress(sb, burnt, scope);
		sbuf_addf(sb, "<div class=\"legend\">%zu of %zu items done &#183; ", done, items);
		hx_num(sb, burnt);
		sbuf_adds(sb, " of ");
		hx_num(sb, scope);
		sbuf_adds(sb, " points");
		if (mvl)
			sbuf_addf(sb, " &#183; MVL %zu of %zu", mvl_done, mvl);
		sbuf_adds(sb, "</div>");
		if (svg)
			sbuf_adds(sb, svg);
		sbuf_adds(sb, "</div>\n");
	}
	sbuf_adds(sb, "</div>\n</section>\n");
	free(names);
}
