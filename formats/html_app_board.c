/*
 * html_app_board.c: the huddle board and the cycle page of `docket
 * serve` (see html_app.h).  The board is the export's (html_board.c)
 * with a move form on each card; the cycle page shows the plan
 * proposal with its apply form, then the showcase and the report
 * (their Markdown, rendered as the export renders bodies) and the
 * burn-up charts of the cycle's campaigns.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "core/xalloc.h"
#include "formats/html_app_int.h"
#include "formats/xml.h"

static void
cycle_links(struct sbuf *sb, const struct cycles *cy, const struct cycle *cur,
	    const char *base, int next)
{
	if (!cy || (!cy->n && !next))
		return;
	sbuf_adds(sb, "<nav class=\"cyclenav\" aria-label=\"Cycles\">");
	for (size_t i = 0; i < cy->n; i++) {
		const struct cycle *c = &cy->v[i];

		sbuf_addf(sb, "<a href=\"%s?name=", base);
		xml_escape_attrz(sb, c->name);
		sbuf_addf(sb, "\"%s>", c == cur ? " class=\"here\" aria-current=\"page\"" : "");
		hx_text(sb, c->name);
		sbuf_adds(sb, "</a>");
	}
	if (next)
		sbuf_addf(sb, "<a href=\"%s?plan=next\"%s>Plan the next cycle</a>", base,
			  !cur ? " class=\"here\" aria-current=\"page\"" : "");
	sbuf_adds(sb, "</nav>\n");
}

/* The prompt the script opens when a card is dropped on a column that
 * needs a reason, a result or an override. */
static void
ask_dialog(struct sbuf *sb)
{
	sbuf_adds(sb, "<dialog id=\"ask\" aria-labelledby=\"ask-title\"><form method=\"dialog\" class=\"form\">"
		  "<h2 id=\"ask-title\">Move</h2><p id=\"ask-note\" class=\"note\"></p>"
		  "<div class=\"field\" id=\"ask-reason-f\"><label for=\"ask-reason\">Reason</label>"
		  "<input id=\"ask-reason\" autocomplete=\"off\"></div>"
		  "<div class=\"field\" id=\"ask-result-f\"><label for=\"ask-result\">Result</label>"
		  "<select id=\"ask-result\"><option value=\"\">&#8211;</option><option>won</option>"
		  "<option>lost</option><option>inconclusive</option></select></div>"
		  "<div class=\"field\" id=\"ask-actual-f\"><label for=\"ask-actual\">Actual (the measured value)</label>"
		  "<input id=\"ask-actual\" autocomplete=\"off\"></div>"
		  "<div class=\"buttons\"><button value=\"cancel\" type=\"submit\">Cancel</button>"
		  "<button value=\"ok\" type=\"submit\" class=\"primary\" id=\"ask-ok\">Move</button></div>"
		  "</form></dialog>\n");
}

void
app_board_page(struct sbuf *out, const struct app_page *p,
	       const struct cycles *cy, const struct cycle *c,
	       const struct huddle *h, const struct metrics *m)
{
	struct app_shell s;

	app_begin(out, &s, p, "board", "Huddle board");
	s.h.app = p;
	cycle_links(out, cy, c, "/board", 0);
	if (!c) {
		sbuf_adds(out, "<section id=\"board\">\n<h2>Huddle board</h2>\n<p class=\"lead\">"
			  "No launch cycle has started yet. <a href=\"/cycle?plan=next\">Plan the first one</a>.</p>\n</section>\n");
		app_end(out, &s);
		return;
	}
	/* the export's board, read-only views of the caller's figures */
	s.h.current = c;
	s.h.board = *h;
	s.h.m = *m;
	hx_board(out, &s.h);
	sbuf_adds(out, "<p class=\"note\">Drag a card to another column, or use its Move menu: "
		  "each move runs the matching command (start, block, done, stop) and is one commit.</p>\n");
	ask_dialog(out);
	memset(&s.h.board, 0, sizeof(s.h.board));
	memset(&s.h.m, 0, sizeof(s.h.m));
	app_end(out, &s);
}

/*-----------------------------------------------------------------------
 * The cycle page
 *----------------------------------------------------------------------*/

static void
plan_section(struct sbuf *sb, const struct app_page *p, const struct app_cycle_view *v)
{
	const struct plan *pl = v->plan;
	struct sbuf why = SBUF_INIT;
	char d[16];

	sbuf_adds(sb, "<section id=\"plan\" class=\"card panel\"><h2>Plan");
	if (pl) {
		sbuf_adds(sb, " of ");
		hx_text(sb, pl->name);
	}
	sbuf_adds(sb, "</h2>\n");
	if (v->plan_error) {
		sbuf_adds(sb, "<p class=\"ferr\">");
		hx_text(sb, v->plan_error);
		sbuf_adds(sb, "</p></section>\n");
		return;
	}
	if (!pl) {
		sbuf_adds(sb, "<p>This cycle has started: its commitment is what the team said it would do. "
			  "<a href=\"/cycle?plan=next\">Plan the next cycle</a>.</p></section>\n");
		return;
	}
	sbuf_adds(sb, "<p>");
	if (pl->start >= 0) {
		date_format(d, sizeof(d), pl->start);
		sbuf_adds(sb, "From ");
		hx_date(sb, pl->start);
		sbuf_adds(sb, " to ");
		hx_date(sb, pl->end);
		sbuf_adds(sb, ". ");
	}
	sbuf_adds(sb, "Capacity ");
	hx_num(sb, pl->capacity);
	switch (pl->capacity_from) {
	case PLAN_CAP_CYCLE: sbuf_adds(sb, " (the cycle file's)"); break;
	case PLAN_CAP_VELOCITY: sbuf_adds(sb, " (the velocity of the last closed cycles)"); break;
	case PLAN_CAP_CONFIG: sbuf_adds(sb, " (cycle.capacity in docket.yaml)"); break;
	default: break;
	}
	sbuf_addf(sb, "; %zu item%s taken, ", pl->taken, pl->taken == 1 ? "" : "s");
	hx_num(sb, pl->taken_effort);
	sbuf_adds(sb, " points. The walk goes down ORDER and takes ready items that fit.</p>\n");
	if (pl->n) {
		sbuf_adds(sb, "<div class=\"tablecard\"><table class=\"plan\"><thead><tr><th>#</th><th>ID</th>"
			  "<th>Title</th><th class=\"num\">Effort</th><th>Verdict</th></tr></thead><tbody>\n");
		for (size_t i = 0; i < pl->n; i++) {
			const struct plan_entry *e = &pl->v[i];

			sbuf_addf(sb, "<tr class=\"%s\"><td class=\"rank\">%ld</td><td class=\"id\">",
				  e->verdict == PLAN_TAKE ? "take" : "skip", e->item->rank);
			hx_item_link(sb, e->item, "/");
			sbuf_adds(sb, "</td><td>");
			hx_text(sb, e->item->title ? e->item->title : "(no title)");
			sbuf_adds(sb, "</td><td class=\"num\">");
			hx_num(sb, e->item->effort);
			sbuf_adds(sb, "</td><td>");
			sbuf_reset(&why);
			plan_reason(&why, e);
			sbuf_addf(sb, "<span class=\"badge %s\">%s</span> ",
				  e->verdict == PLAN_TAKE ? "s-done" : "s-idea",
				  e->verdict == PLAN_TAKE ? "take" : "skip");
			hx_text(sb, why.buf);
			sbuf_adds(sb, "</td></tr>\n");
		}
		sbuf_adds(sb, "</tbody></table></div>\n");
	}
	if (pl->not_walked)
		sbuf_addf(sb, "<p class=\"note\">%zu more ranked item%s not walked: the capacity ran out.</p>\n",
			  pl->not_walked, pl->not_walked == 1 ? "" : "s");
	if (pl->unranked_ready)
		sbuf_addf(sb, "<p class=\"note\">%zu ready item%s not in ORDER: rank %s to plan %s.</p>\n",
			  pl->unranked_ready, pl->unranked_ready == 1 ? " is" : "s are",
			  pl->unranked_ready == 1 ? "it" : "them", pl->unranked_ready == 1 ? "it" : "them");
	sbuf_adds(sb, "<form class=\"act\" method=\"post\" action=\"/cycle/plan\" id=\"plan-apply\">");
	app_token(sb, p);
	app_hidden(sb, "name", pl->name);
	if (pl->start >= 0) {
		date_format(d, sizeof(d), pl->start);
		app_hidden(sb, "start", d);
	}
	{
		char cap[64];

		snprintf(cap, sizeof(cap), "%.10g", pl->capacity);
		app_hidden(sb, "capacity", isnan(pl->capacity) ? "" : cap);
	}
	app_hidden(sb, "versions", v->plan_versions);
	sbuf_addf(sb, "<button type=\"submit\" class=\"primary\"%s>Apply this plan</button>"
		  "<span class=\"note\">writes the cycle file, sets the items' cycle and status: planned; one commit</span></form>\n",
		  pl->taken ? "" : " disabled");
	sbuf_adds(sb, "</section>\n");
	sbuf_release(&why);
}

void
app_cycle_page(struct sbuf *out, const struct app_page *p,
	       const struct app_cycle_view *v)
{
	struct app_shell s;

	app_begin(out, &s, p, "cycle", v->cycle ? v->cycle->name : "Plan the next cycle");
	cycle_links(out, v->cycles, v->cycle, "/cycle", 1);
	sbuf_adds(out, "<section id=\"cycle\"><h2>");
	if (v->cycle) {
		sbuf_adds(out, "Cycle ");
		hx_text(out, v->cycle->name);
		sbuf_adds(out, "<span class=\"sub\">");
		if (v->cycle->start >= 0)
			hx_date(out, v->cycle->start);
		sbuf_adds(out, " &#8211; ");
		if (v->cycle->end >= 0)
			hx_date(out, v->cycle->end);
		sbuf_adds(out, "</span>");
	} else {
		sbuf_adds(out, "The next cycle");
	}
	sbuf_adds(out, "</h2>\n");
	if (v->cycle && v->cycle->goal) {
		sbuf_adds(out, "<p class=\"lead\">Goal: ");
		hx_text(out, v->cycle->goal);
		sbuf_adds(out, "</p>\n");
	}
	if (v->plan || v->plan_error || v->cycle)
		plan_section(out, p, v);
	if (v->showcase_md) {
		sbuf_adds(out, "<section id=\"showcase\" class=\"card body md\">\n");
		html_markdown(out, v->showcase_md, strlen(v->showcase_md));
		sbuf_adds(out, "</section>\n");
	}
	if (v->ncampaigns) {
		sbuf_adds(out, "<section id=\"burnup\"><h2>Burn-up</h2><div class=\"grid camps\">\n");
		for (size_t i = 0; i < v->ncampaigns; i++) {
			sbuf_adds(out, "<div class=\"card camp\"><h3>");
			hx_text(out, v->campaigns[i]);
			sbuf_adds(out, "</h3><img src=\"/burnup.svg?campaign=");
			xml_escape_attrz(out, v->campaigns[i]);
			sbuf_adds(out, "\" alt=\"Burn-up of campaign ");
			xml_escape_attrz(out, v->campaigns[i]);
			sbuf_adds(out, ": scope and completed effort over time\" loading=\"lazy\"></div>\n");
		}
		sbuf_adds(out, "</div></section>\n");
	}
	if (v->report_md) {
		/* the report's table is wide: it scrolls on its own */
		sbuf_adds(out, "<section id=\"report\" class=\"card body md\"><div class=\"tablecard scroll\">\n");
		html_markdown(out, v->report_md, strlen(v->report_md));
		sbuf_adds(out, "</div></section>\n");
	}
	sbuf_adds(out, "</section>\n");
	app_end(out, &s);
}
