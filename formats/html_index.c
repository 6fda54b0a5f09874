/*
 * html_index.c: index.html: the summary figures, the ordered backlog
 * with its filters, then the sections of html_board.c.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "core/xalloc.h"
#include "formats/html_int.h"
#include "formats/xml.h"

/*-----------------------------------------------------------------------
 * Summary figures
 *----------------------------------------------------------------------*/

static void
stat_begin(struct sbuf *sb, const char *label)
{
	sbuf_addf(sb, "<div class=\"card stat\"><div class=\"label\">%s</div>", label);
}

static void
bar(struct sbuf *sb, double part, double whole, const char *cls)
{
	double pct = whole > 0 ? 100.0 * part / whole : 0;

	if (pct > 100)
		pct = 100;
	if (pct < 0 || isnan(pct))
		pct = 0;
	/* a class per whole percent: the served pages allow no style
	 * attribute (html_css defines w0 ... w100) */
	sbuf_addf(sb, "<div class=\"bar%s%s\"><span class=\"w%d\"></span></div>",
		  *cls ? " " : "", cls, (int)(pct + 0.5));
}

static void
summary(struct sbuf *sb, const struct hx *h)
{
	const struct metrics *m = &h->m;
	size_t ready = 0, intake = 0, mvl = 0, mvl_done = 0;

	for (size_t i = 0; i < h->n; i++) {
		const struct item *it = h->items[i];

		if (it->mvl) {
			mvl++;
			mvl_done += it->status == ST_DONE;
		}
		if (!item_status_open(it->status))
			continue;
		ready += it->status == ST_READY;
		intake += !it->rank;
	}
	sbuf_adds(sb, "<section class=\"stats\" aria-label=\"Summary\">\n");

	stat_begin(sb, "Open items");
	sbuf_addf(sb, "<div class=\"value\">%zu</div><div class=\"note\">%zu ready &#183; %zu in the intake",
		  m->open_n, ready, intake);
	if (mvl)
		sbuf_addf(sb, " &#183; MVL %zu of %zu done", mvl_done, mvl);
	sbuf_adds(sb, "</div></div>\n");

	stat_begin(sb, "Current cycle");
	if (h->current) {
		const struct cycle_stats *st = metrics_cycle(m, h->current);

		if (st && st->committed_effort > 0)
			sbuf_addf(sb, "<div class=\"value\">%.0f%%<small>done</small></div>",
				  100.0 * st->completed_effort / st->committed_effort);
		else if (st)
			sbuf_addf(sb, "<div class=\"value\">%zu<small>of %zu done</small></div>",
				  st->completed_n, st->committed_n);
		if (st)
			bar(sb, st->completed_effort, st->committed_effort, "ok");
		sbuf_adds(sb, "<div class=\"note\">");
		hx_text(sb, h->current->name);
		if (st) {
			sbuf_adds(sb, ": ");
			hx_num(sb, st->completed_effort);
			sbuf_adds(sb, " of ");
			hx_num(sb, st->committed_effort);
			sbuf_adds(sb, " points");
		}
		if (h->current->end >= 0) {
			char e[16];

			/* "ends" or "ended" by the reader's date (the page's script) */
			date_format(e, sizeof(e), h->current->end);
			sbuf_addf(sb, " &#183; <span data-ends=\"%s\">%s</span> ", e,
				  h->current->end >= h->o->today ? "ends" : "ended");
			hx_date(sb, h->current->end);
		}
		if (h->board.at_risk)
			sbuf_addf(sb, " &#183; %zu at risk", h->board.at_risk);
		sbuf_adds(sb, "</div></div>\n");
	} else {
		sbuf_adds(sb, "<div class=\"value\">&#8211;</div><div class=\"note\">No cycle has started</div></div>\n");
	}

	stat_begin(sb, "Experiments");
	if (!isnan(m->win_rate)) {
		sbuf_addf(sb, "<div class=\"value\">%.0f%%<small>won</small></div>", 100.0 * m->win_rate);
		sbuf_addf(sb, "<div class=\"note\">%zu won &#183; %zu lost", m->won, m->lost);
		if (m->inconclusive)
			sbuf_addf(sb, " &#183; %zu inconclusive (not counted)", m->inconclusive);
		sbuf_adds(sb, "</div></div>\n");
	} else if (m->inconclusive) {
		sbuf_addf(sb, "<div class=\"value\">&#8211;</div><div class=\"note\">%zu inconclusive, none won or lost yet</div></div>\n",
			  m->inconclusive);
	} else {
		sbuf_adds(sb, "<div class=\"value\">&#8211;</div><div class=\"note\">No results recorded yet</div></div>\n");
	}

	stat_begin(sb, "Forecast");
	if (m->forecast_cycles >= 0 && m->open_effort > 0) {
		sbuf_addf(sb, "<div class=\"value\">%ld<small>cycle%s</small></div>", m->forecast_cycles,
			  m->forecast_cycles == 1 ? "" : "s");
		sbuf_adds(sb, "<div class=\"note\">");
		hx_num(sb, m->open_effort);
		sbuf_adds(sb, " open points at ");
		hx_num(sb, m->velocity);
		if (m->velocity_from == VELOCITY_MEASURED)
			sbuf_addf(sb, " a cycle (velocity of the last %zu)", m->velocity_cycles);
		else
			sbuf_adds(sb, " a cycle (planned capacity)");
		if (m->forecast_end >= 0) {
			sbuf_adds(sb, " &#183; until about ");
			hx_date(sb, m->forecast_end);
		}
		if (m->open_unestimated)
			sbuf_addf(sb, " &#183; %zu not sized", m->open_unestimated);
		sbuf_adds(sb, "</div></div>\n");
	} else {
		sbuf_adds(sb, "<div class=\"value\">&#8211;</div><div class=\"note\">Nothing sized is open</div></div>\n");
	}
	sbuf_adds(sb, "</section>\n");
}

/*-----------------------------------------------------------------------
 * The backlog
 *----------------------------------------------------------------------*/

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

void
hx_campaign_options(struct sbuf *sb, const struct hx *h, const char *selected)
{
	const char **v = xcalloc(h->n + 1, sizeof(*v));
	size_t n = 0;

	for (size_t i = 0; i < h->n; i++)
		if (h->items[i]->campaign && *h->items[i]->campaign)
			v[n++] = h->items[i]->campaign;
	if (n)
		qsort(v, n, sizeof(*v), cmp_str);
	for (size_t i = 0; i < n; i++) {
		if (i && !strcmp(v[i], v[i - 1]))
			continue;
		sbuf_adds(sb, "<option value=\"");
		xml_escape_attrz(sb, v[i]);
		sbuf_adds(sb, selected && !strcmp(selected, v[i]) ? "\" selected>" : "\">");
		hx_text(sb, v[i]);
		sbuf_adds(sb, "</option>");
	}
	free(v);
}

static void
filters(struct sbuf *sb, const struct hx *h, size_t nopen)
{
	sbuf_adds(sb, "<div id=\"filters\" class=\"filters card\" hidden>\n"
		  "<label class=\"grow\">Search<input id=\"f-q\" type=\"search\" "
		  "placeholder=\"Title, id, tag or campaign\" autocomplete=\"off\"></label>\n"
		  "<label>Status<select id=\"f-status\"><option value=\"open\">Open</option>"
		  "<option value=\"all\">All</option>");
	for (int s = 0; s < ST_COUNT; s++)
		sbuf_addf(sb, "<option value=\"%s\">%s</option>", item_status_name(s),
			  item_status_name(s));
	sbuf_adds(sb, "</select></label>\n"
		  "<label>Type<select id=\"f-type\"><option value=\"\">All types</option>"
		  "<option value=\"experiment\">Experiment</option>"
		  "<option value=\"bau\">Business as usual</option>"
		  "<option value=\"improvement\">Improvement</option></select></label>\n"
		  "<label>Campaign<select id=\"f-campaign\"><option value=\"\">All campaigns</option>");
	hx_campaign_options(sb, h, NULL);
	sbuf_addf(sb, "</select></label>\n<span class=\"count\" id=\"f-count\">%zu open items</span>\n</div>\n",
		  nopen);
}

static void
meta_cell(struct sbuf *sb, const char *label, const char *cls, int blank)
{
	sbuf_addf(sb, "<td class=\"meta%s%s%s\" data-label=\"%s\">", *cls ? " " : "", cls,
		  blank ? " blank" : "", label);
}

void
hx_backlog_row(struct sbuf *sb, const struct hx *h, const struct item *it)
{
	struct sbuf text = SBUF_INIT;
	int open = item_status_open(it->status);

	sbuf_adds(sb, "<tr");
	if (hx_owns_page(h, it)) {
		sbuf_adds(sb, " id=\"");
		xml_escape_attrz(sb, it->id);
		sbuf_addc(sb, '"');
	}
	if (!open)
		sbuf_adds(sb, " class=\"closed\"");
	if (h->o->app && it->id) {
		/* the served page: what its script moves */
		sbuf_adds(sb, " data-id=\"");
		xml_escape_attrz(sb, it->id);
		sbuf_addf(sb, "\" data-rank=\"%ld\"", it->rank);
	}
	sbuf_addf(sb, " data-status=\"%s\" data-open=\"%d\" data-type=\"%s\" data-campaign=\"",
		  it->status == ST_UNKNOWN ? "unknown" : item_status_name(it->status), open,
		  it->type == TYPE_UNKNOWN ? "unknown" : item_type_name(it->type));
	xml_escape_attrz(sb, it->campaign);
	sbuf_adds(sb, "\" data-text=\"");
	sbuf_adds(&text, it->id ? it->id : "");
	sbuf_addc(&text, ' ');
	sbuf_adds(&text, it->title ? it->title : "");
	hx_tags_text(&text, it);
	if (it->campaign) {
		sbuf_addc(&text, ' ');
		sbuf_adds(&text, it->campaign);
	}
	xml_escape_attr(sb, text.buf, text.len);
	sbuf_release(&text);
	sbuf_adds(sb, "\">\n");

	sbuf_adds(sb, "<td class=\"rank\">");
	if (h->o->app && open && it->id && item_id_valid(it->id)) {
		sbuf_adds(sb, "<button type=\"button\" class=\"handle\" aria-label=\"Move ");
		xml_escape_attrz(sb, it->id);
		sbuf_adds(sb, ": drag, or arrow keys (Home, End: top, bottom)\" "
			  "title=\"Drag to reorder, or focus and use the arrow keys\">&#10303;</button>");
	}
	if (it->rank)
		sbuf_addf(sb, "%ld</td>", it->rank);
	else if (item_status_open(it->status))
		sbuf_adds(sb, "<span class=\"intake\" title=\"Not ranked yet: the intake\">new</span></td>");
	else
		sbuf_adds(sb, "<span class=\"intake\" title=\"Done or stopped: out of ORDER\">&#8211;</span></td>");
	sbuf_adds(sb, "<td class=\"id\">");
	hx_item_link(sb, it, "");
	sbuf_adds(sb, "</td><td class=\"title\">");
	if (it->mvl)
		sbuf_adds(sb, "<span class=\"mvl\" title=\"Minimally viable launch\">MVL</span>");
	if (hx_has_page(it)) {
		sbuf_adds(sb, "<a class=\"t\" href=\"");
		hx_item_href(sb, it, "");
		sbuf_adds(sb, "\">");
	} else {
		sbuf_adds(sb, "<span class=\"t\">");
	}
	hx_text(sb, it->title ? it->title : "(no title)");
	sbuf_adds(sb, hx_has_page(it) ? "</a>" : "</span>");
	if (item_get(it, "tags")) {
		sbuf_adds(sb, "<div>");
		hx_tags(sb, it);
		sbuf_adds(sb, "</div>");
	}
	sbuf_adds(sb, "</td><td class=\"status\">");
	hx_status_badge(sb, it->status);
	sbuf_adds(sb, "</td>");
	meta_cell(sb, "Type", "", 0);
	hx_type_label(sb, it->type);
	sbuf_adds(sb, "</td>");
	meta_cell(sb, "Effort", "num", isnan(it->effort));
	hx_num(sb, it->effort);
	sbuf_adds(sb, "</td>");
	meta_cell(sb, "Value", "num", !it->customer_value && !it->business_value);
	if (it->customer_value || it->business_value)
		sbuf_addf(sb, "<span title=\"customer value %d, business value %d\">%d &#183; %d</span>",
			  it->customer_value, it->business_value, it->customer_value,
			  it->business_value);
	else
		sbuf_adds(sb, "&#8211;");
	sbuf_adds(sb, "</td>");
	meta_cell(sb, "Score", "num", isnan(it->score));
	hx_num(sb, it->score);
	sbuf_adds(sb, "</td>");
	meta_cell(sb, "Campaign", "", !it->campaign);
	hx_text(sb, it->campaign);
	sbuf_adds(sb, "</td></tr>\n");
}

static void
backlog_table(struct sbuf *sb, const struct hx *h)
{
	size_t nopen = 0;

	for (size_t i = 0; i < h->n; i++)
		nopen += item_status_open(h->items[i]->status);
	sbuf_addf(sb, "<section id=\"backlog\">\n<h2>Backlog<span class=\"sub\">%zu open item%s</span></h2>\n",
		  nopen, nopen == 1 ? "" : "s");
	sbuf_addf(sb, "<p class=\"lead\">In priority order, as the Marketing Owner ranked it; "
		  "new ideas not ranked yet follow, oldest first. The score (%s) advises, "
		  "the owner decides.</p>\n", score_kind_name(h->bl->config.score));
	filters(sb, h, nopen);
	sbuf_adds(sb, "<div class=\"card tablecard\">\n<table class=\"backlog\" id=\"backlog-table\">\n"
		  "<thead><tr><th>#</th><th>ID</th><th>Title</th><th>Status</th><th>Type</th>"
		  "<th class=\"num\">Effort</th>"
		  "<th class=\"num\" title=\"customer value &#183; business value\">Value</th>"
		  "<th class=\"num\">Score</th><th>Campaign</th></tr></thead>\n<tbody>\n");
	for (size_t i = 0; i < h->n; i++)
		hx_backlog_row(sb, h, h->items[i]);
	sbuf_adds(sb, "</tbody>\n</table>\n");
	sbuf_addf(sb, "<p id=\"f-none\" class=\"empty\"%s>No item matches these filters.</p>\n",
		  h->n ? " hidden" : "");
	sbuf_adds(sb, "</div>\n</section>\n");
}

void
hx_index(struct sbuf *sb, const struct hx *h)
{
	summary(sb, h);
	backlog_table(sb, h);
	hx_board(sb, h);
	hx_cycles(sb, h);
	hx_experiments(sb, h);
	hx_campaigns(sb, h);
}
