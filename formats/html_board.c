/*
 * html_board.c: the sections of index.html after the backlog: the
 * huddle board of the current cycle, the cycles with committed vs
 * completed, experiment results and campaigns with their burn-up.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "core/xalloc.h"
#include "formats/html_app_int.h"
#include "formats/html_int.h"
#include "formats/xml.h"

static void
progress(struct sbuf *sb, double part, double whole)
{
	double pct = whole > 0 ? 100.0 * part / whole : 0;

	if (pct > 100 || isnan(pct))
		pct = pct > 100 ? 100 : 0;
	sbuf_addf(sb, "<div class=\"bar ok\"><span class=\"w%d\"></span></div>", (int)(pct + 0.5));
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

static void
risk_text(struct sbuf *sb, unsigned risk)
{
	const char *sep = "";

	if (!risk)
		return;
	sbuf_adds(sb, "<div class=\"risk\">At risk: ");
	if (risk & HUDDLE_RISK_LONG) {
		sbuf_addf(sb, "%sin progress for over half the cycle", sep);
		sep = ", ";
	}
	if (risk & HUDDLE_RISK_PACE) {
		sbuf_addf(sb, "%sbeyond what the team's pace delivers in the days left", sep);
		sep = ", ";
	}
	if (risk & HUDDLE_RISK_OVERDUE)
		sbuf_addf(sb, "%sthe cycle has ended", sep);
	sbuf_adds(sb, "</div>");
}

/* A card's form on the served board: move it to another column (the
 * script drags cards and asks for the reason or result instead). */
static void
card_form(struct sbuf *sb, const struct hx *h, const struct item *it)
{
	static const char *const to[][2] = {
		{ "planned", "Planned" }, { "doing", "Doing" }, { "blocked", "Blocked" },
		{ "done", "Done" }, { "stopped", "Stopped" },
	};

	sbuf_adds(sb, "<details class=\"cardmove\"><summary>Move&#8230;</summary>"
		  "<form class=\"act\" method=\"post\" action=\"/items/");
	xml_escape_attrz(sb, it->id);
	sbuf_adds(sb, "/status\">");
	app_token(sb, h->app);
	app_hidden(sb, "version", app_version(h->app, it));
	sbuf_adds(sb, "<label>To<select name=\"to\">");
	for (size_t i = 0; i < ARRAY_SIZE(to); i++)
		if (strcmp(to[i][0], item_status_name(it->status)))
			sbuf_addf(sb, "<option value=\"%s\">%s</option>", to[i][0], to[i][1]);
	sbuf_adds(sb, "</select></label><label>Reason<input name=\"reason\" "
		  "placeholder=\"For blocked or stopped\"></label>");
	if (it->type == TYPE_EXPERIMENT)
		sbuf_adds(sb, "<label>Result<select name=\"result\"><option value=\"\">&#8211;</option>"
			  "<option>won</option><option>lost</option><option>inconclusive</option>"
			  "</select></label><label>Actual<input name=\"actual\"></label>");
	sbuf_adds(sb, "<button type=\"submit\">Move</button></form></details>");
}

static void
tile(struct sbuf *sb, const struct hx *h, const struct huddle_card *card)
{
	const struct item *it = card->item;
	int app = h->app && it->id && item_id_valid(it->id);
	long day;

	sbuf_addf(sb, "<div class=\"tile%s%s\"", card->risk ? " atrisk" : "",
		  card->how == SCOPE_UNPLANNED ? " unplanned" : "");
	if (app) {
		sbuf_adds(sb, " data-id=\"");
		xml_escape_attrz(sb, it->id);
		sbuf_adds(sb, "\" data-version=\"");
		xml_escape_attrz(sb, app_version(h->app, it));
		sbuf_addf(sb, "\" data-status=\"%s\" data-type=\"%s\"",
			  item_status_name(it->status), item_type_name(it->type));
	}
	sbuf_adds(sb, "><div class=\"id\">");
	if (it->mvl)
		sbuf_adds(sb, "<span class=\"mvl\" title=\"Minimally viable launch\">MVL</span>");
	hx_item_link(sb, it, "");
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
	if (card->days >= 0 && card->col == HUDDLE_DOING)
		sbuf_addf(sb, "<span>%ld day%s in progress</span>", card->days, card->days == 1 ? "" : "s");
	else if (card->days >= 0 && card->col == HUDDLE_BLOCKED)
		sbuf_addf(sb, "<span>started %ld day%s ago</span>", card->days, card->days == 1 ? "" : "s");
	if (card->col == HUDDLE_DONE && !date_parse(&day, it->finished)) {
		sbuf_adds(sb, "<span>done ");
		hx_date(sb, day);
		sbuf_adds(sb, "</span>");
	}
	if (it->type == TYPE_EXPERIMENT && hx_str(it, "result") &&
	    (it->status == ST_DONE || it->status == ST_STOPPED))
		hx_result_badge(sb, hx_str(it, "result"));
	if (it->status == ST_STOPPED)
		sbuf_adds(sb, "<span class=\"scope stopped\">stopped</span>");
	if (card->how == SCOPE_UNPLANNED)
		sbuf_adds(sb, "<span class=\"scope unplanned\">unplanned</span>");
	else if (card->how == SCOPE_ADDED)
		sbuf_adds(sb, "<span class=\"scope added\">added after the start</span>");
	else if (card->carried_in)
		sbuf_adds(sb, "<span class=\"scope carried\">carried over</span>");
	sbuf_adds(sb, "</div>");
	if (it->status == ST_BLOCKED && hx_str(it, "blocked_reason")) {
		sbuf_adds(sb, "<div class=\"why\">");
		hx_text(sb, hx_str(it, "blocked_reason"));
		sbuf_adds(sb, "</div>");
	}
	risk_text(sb, card->risk);
	if (app)
		card_form(sb, h, it);
	sbuf_adds(sb, "</div>\n");
}

void
hx_board(struct sbuf *sb, const struct hx *h)
{
	static const char *const names[] = { "Planned", "Doing", "Blocked", "Done" };
	const struct huddle *b = &h->board;
	const struct cycle *c = h->current;
	const struct cycle_stats *st;

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
	if (b->day > 0 && b->length > 0 && b->days_left > 0)
		sbuf_addf(sb, " &#183; day %ld of %ld", b->day, b->length);
	else if (b->length > 0 && !b->days_left)
		sbuf_adds(sb, " &#183; ended");
	if (!isnan(b->capacity)) {
		sbuf_adds(sb, " &#183; capacity ");
		hx_num(sb, b->capacity);
	}
	if (b->wip_limit >= 0)
		sbuf_addf(sb, " &#183; <span%s>WIP %zu of %ld</span>",
			  (long)b->wip > b->wip_limit ? " class=\"over\"" : "", b->wip, b->wip_limit);
	if (b->at_risk)
		sbuf_addf(sb, " &#183; <span class=\"over\">%zu at risk</span>", b->at_risk);
	sbuf_adds(sb, "</div></div>");
	st = metrics_cycle(&h->m, c);
	if (st) {
		sbuf_adds(sb, "<div class=\"prog\">");
		progress(sb, st->completed_effort, st->committed_effort);
		sbuf_addf(sb, "<div class=\"small muted\">%zu of %zu committed items done &#183; ",
			  st->completed_n, st->committed_n);
		hx_num(sb, st->completed_effort);
		sbuf_adds(sb, " of ");
		hx_num(sb, st->committed_effort);
		sbuf_adds(sb, " points</div></div>");
	}
	sbuf_adds(sb, "</div>\n<div class=\"board\">\n");
	for (int k = 0; k < HUDDLE_NCOLS; k++) {
		sbuf_addf(sb, "<div class=\"col c-%s\" data-col=\"%s\"><h3>%s <span class=\"n\">%zu</span></h3>\n",
			  huddle_col_name(k), huddle_col_name(k), names[k], b->ncol[k]);
		for (size_t i = 0; i < b->n; i++)
			if (b->cards[i].col == (enum huddle_col)k)
				tile(sb, h, &b->cards[i]);
		if (!b->ncol[k])
			sbuf_adds(sb, "<div class=\"none\">Nothing here</div>\n");
		sbuf_adds(sb, "</div>\n");
	}
	sbuf_adds(sb, "</div>\n");
	if (b->stopped)
		sbuf_addf(sb, "<p class=\"small muted\">%zu item%s of this cycle %s stopped.</p>\n",
			  b->stopped, b->stopped == 1 ? "" : "s", b->stopped == 1 ? "was" : "were");
	sbuf_adds(sb, "</section>\n");
}

/*-----------------------------------------------------------------------
 * Cycles: committed vs completed
 *----------------------------------------------------------------------*/

/* The items of a cycle that are not its plain commitment: added after
 * the start, carried over from before, unplanned, learned (stopped with
 * a result), carried over to a later cycle; one line each. */
static void
scope_lines(struct sbuf *sb, const struct cycle_stats *st)
{
	static const struct {
		const char *cls, *label;
	} kinds[] = {
		{ "added", "Added after the start" },
		{ "carried", "Carried over from before" },
		{ "unplanned", "Unplanned" },
		{ "learned", "Learned (stopped with a result)" },
		{ "carried-on", "Carried over to a later cycle" },
	};

	for (size_t k = 0; k < ARRAY_SIZE(kinds); k++) {
		size_t n = 0;

		for (size_t i = 0; i < st->nscope; i++) {
			const struct scope_item *e = &st->scope[i];
			int in = k == 0 ? e->how == SCOPE_ADDED :
				k == 1 ? e->carried_in && e->how != SCOPE_REMOVED :
				k == 2 ? e->how == SCOPE_UNPLANNED && e->outcome != OUT_OPEN :
				k == 3 ? e->outcome == OUT_LEARNED :
				e->outcome == OUT_CARRIED && e->how != SCOPE_REMOVED;

			if (!in)
				continue;
			if (!n++)
				sbuf_addf(sb, "<div class=\"scope %s small\"><b>%s:</b> ",
					  kinds[k].cls, kinds[k].label);
			else
				sbuf_adds(sb, ", ");
			hx_item_link(sb, e->item, "");
			if (k == 0 && e->day >= 0) {
				sbuf_adds(sb, " (");
				hx_date(sb, e->day);
				sbuf_addc(sb, ')');
			}
		}
		if (n)
			sbuf_adds(sb, "</div>");
	}
}

void
hx_cycles(struct sbuf *sb, const struct hx *h)
{
	const struct metrics *m = &h->m;

	sbuf_adds(sb, "<section id=\"cycles\">\n<h2>Cycles<span class=\"sub\">committed vs completed</span></h2>\n");
	if (!h->cycles.n) {
		sbuf_adds(sb, "<p class=\"lead\">No launch cycles yet.</p>\n</section>\n");
		return;
	}
	sbuf_adds(sb, "<p class=\"lead\">");
	if (m->nsaydo)
		sbuf_addf(sb, "The team completed %.0f%% of what it committed to, on average over %zu "
			  "finished cycle%s. ", 100.0 * m->saydo_mean, m->nsaydo,
			  m->nsaydo == 1 ? "" : "s");
	sbuf_adds(sb, "Completed counts the committed items done by the end of the cycle; "
		  "a stopped experiment with a result counts as learning delivered. "
		  "Work added after the start, carried over or unplanned is listed under each cycle.</p>\n"
		  "<div class=\"grid\">\n");
	for (size_t i = h->cycles.n; i-- > 0;) {
		const struct cycle *c = &h->cycles.v[i];
		const struct cycle_stats *st = metrics_cycle(m, c);

		if (!st)
			continue;
		sbuf_addf(sb, "<div class=\"card cyc%s\"", st->state == CYCLE_CURRENT ? " current" : "");
		if (c->start >= 0 && c->end >= 0) {
			char a[16], e[16];

			/* the page's script sets the badge by the reader's date */
			date_format(a, sizeof(a), c->start);
			date_format(e, sizeof(e), c->end);
			sbuf_addf(sb, " data-start=\"%s\" data-end=\"%s\"", a, e);
		}
		sbuf_adds(sb, "><h3>");
		hx_text(sb, c->name);
		sbuf_addf(sb, " <span class=\"badge when %s\">%s</span>",
			  st->state == CYCLE_CURRENT ? "s-doing" :
			  st->state == CYCLE_FUTURE ? "s-planned" : "s-done",
			  st->state == CYCLE_CURRENT ? "current" :
			  st->state == CYCLE_FUTURE ? "upcoming" :
			  st->state == CYCLE_CLOSED ? "ended" : "no dates");
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
		progress(sb, st->completed_effort, st->committed_effort);
		sbuf_addf(sb, "<div class=\"fig\"><span><b>%zu</b> of %zu items</span><span><b>", st->completed_n,
			  st->committed_n);
		hx_num(sb, st->completed_effort);
		sbuf_adds(sb, "</b> of ");
		hx_num(sb, st->committed_effort);
		sbuf_adds(sb, " points");
		if (!isnan(st->say_do))
			sbuf_addf(sb, " &#183; %.0f%%", 100.0 * st->say_do);
		sbuf_adds(sb, "</span></div>");
		scope_lines(sb, st);
		if (st->missing)
			sbuf_addf(sb, "<div class=\"small muted\">%zu committed id%s name%s no item</div>",
				  st->missing, st->missing == 1 ? "" : "s", st->missing == 1 ? "s" : "");
		sbuf_adds(sb, "</div>\n");
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

/*
 * Embed a chart of formats/svg.c (a standalone document) in the page:
 * without its XML declaration, which HTML does not have, and with its
 * ids (and the references to them: aria-labelledby, href="#", url(#))
 * prefixed "cN-", so that several charts can share a page.
 */
static void
embed_svg(struct sbuf *sb, const char *svg, size_t k)
{
	const char *p = svg;
	char pre[32];

	snprintf(pre, sizeof(pre), "c%zu-", k);
	if (!strncmp(p, "<?xml", 5) && strstr(p, "?>")) {
		p = strstr(p, "?>") + 2;
		while (*p == '\n' || *p == '\r')
			p++;
	}
	while (*p) {
		static const char *const refs[] = { " id=\"", "href=\"#", "url(#" };
		size_t skip = 0;

		for (size_t i = 0; i < ARRAY_SIZE(refs) && !skip; i++)
			if (!strncmp(p, refs[i], strlen(refs[i])))
				skip = strlen(refs[i]);
		if (skip) {
			sbuf_add(sb, p, skip);
			sbuf_adds(sb, pre);
			p += skip;
			continue;
		}
		if (!strncmp(p, " aria-labelledby=\"", 18)) {
			sbuf_add(sb, p, 18);
			p += 18;
			for (int first = 1; *p && *p != '"'; first = 0) {
				if (!first)
					sbuf_addc(sb, *p++);   /* the space between ids */
				sbuf_adds(sb, pre);
				while (*p && *p != ' ' && *p != '"')
					sbuf_addc(sb, *p++);
			}
			continue;
		}
		sbuf_addc(sb, *p++);
	}
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
	sbuf_adds(sb, "<div class=\"grid camps\">\n");
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
		sbuf_adds(sb, "<div class=\"card camp\"><h3>");
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
			embed_svg(sb, svg, k);
		sbuf_adds(sb, "</div>\n");
	}
	sbuf_adds(sb, "</div>\n</section>\n");
	free(names);
}
