/*
 * board_json.c: the Daily Huddle board as JSON (see board.h), and the
 * format table of `docket huddle`.
 */
#include "formats/board.h"

#include <math.h>
#include <string.h>

#include "core/date.h"
#include "core/metrics.h"
#include "formats/json.h"

static const struct board_format rows[] = {
	{ { "text", "the board", 0 }, board_render },
	{ { "json", NULL, 0 }, board_json },
	{ { NULL, NULL, 0 }, NULL },
};
const struct format_table board_formats = FORMAT_TABLE(rows);

static void
card(struct jw *w, const struct huddle_card *c)
{
	const struct item *it = c->item;

	jw_object(w);
	jw_kstr(w, "id", it->id);
	jw_kstr(w, "title", it->title);
	jw_kstr(w, "type", item_type_name(it->type));
	jw_kstr(w, "status", item_status_name(it->status));
	jw_kstr(w, "column", huddle_col_name(c->col));
	jw_knum(w, "effort", isnan(it->effort) ? NAN : it->effort);
	jw_knum(w, "remaining", c->col == HUDDLE_DONE ? 0 : c->remaining);
	jw_knum(w, "days", c->days < 0 ? NAN : (double)c->days);
	jw_kstr(w, "scope", scope_how_name(c->how));
	jw_kbool(w, "carried_in", c->carried_in);
	jw_kday(w, "added", c->day);
	jw_kstr(w, "blocked_reason", c->col == HUDDLE_BLOCKED ?
		ynode_str(item_get(it, "blocked_reason")) : NULL);
	jw_kstr(w, "result", ynode_str(item_get(it, "result")));
	jw_key(w, "risk");
	jw_array(w);
	if (c->risk & HUDDLE_RISK_PACE)
		jw_str(w, "behind pace");
	if (c->risk & HUDDLE_RISK_LONG)
		jw_str(w, "doing over half the cycle");
	if (c->risk & HUDDLE_RISK_OVERDUE)
		jw_str(w, "cycle ended");
	jw_end(w);
	jw_end(w);
}

void
board_json(struct sbuf *out, const struct huddle *h, const struct board_opts *o)
{
	static const char *const pace_src[] = { "none", "measured", "capacity" };
	const struct cycle *c = h->cycle;
	struct jw w;

	(void)o;
	jw_init(&w, out, 0, JW_COMPACT);
	jw_object(&w);
	jw_key(&w, "cycle");
	jw_object(&w);
	jw_kstr(&w, "name", c->name);
	jw_kday(&w, "start", c->start);
	jw_kday(&w, "end", c->end);
	jw_kstr(&w, "goal", c->goal);
	jw_knum(&w, "day", h->length > 0 ? (double)h->day : NAN);
	jw_knum(&w, "length", h->length > 0 ? (double)h->length : NAN);
	jw_knum(&w, "days_left", h->length > 0 ? (double)h->days_left : NAN);
	jw_knum(&w, "working_days", h->length > 0 ? (double)h->workdays : NAN);
	jw_knum(&w, "working_day", h->length > 0 ? (double)h->workday : NAN);
	jw_knum(&w, "working_days_left", h->length > 0 ? (double)h->workdays_left : NAN);
	jw_end(&w);
	jw_kday(&w, "today", h->today);
	jw_key(&w, "wip");
	jw_object(&w);
	jw_knum(&w, "doing", (double)h->wip);
	jw_knum(&w, "limit", h->wip_limit < 0 ? NAN : (double)h->wip_limit);
	jw_kbool(&w, "over", h->wip_limit >= 0 && (long)h->wip > h->wip_limit);
	jw_end(&w);
	jw_key(&w, "effort");
	jw_object(&w);
	jw_knum(&w, "done", h->effort[HUDDLE_DONE]);
	jw_knum(&w, "open", h->open_effort);
	jw_knum(&w, "remaining", h->remaining);
	jw_knum(&w, "capacity", h->capacity);
	jw_end(&w);
	jw_key(&w, "pace");
	jw_object(&w);
	jw_kstr(&w, "source", pace_src[h->pace_from]);
	jw_knum(&w, "per_working_day", h->pace);
	jw_knum(&w, "deliverable", h->deliverable);
	jw_knum(&w, "judged_from_working_day", h->length > 0 ? (double)h->risk_from : NAN);
	jw_kbool(&w, "judged", h->risk_open);
	jw_kbool(&w, "behind", h->risk_open && !isnan(h->deliverable) &&
		 h->workdays_left > 0 && h->remaining > h->deliverable + 1e-9);
	jw_end(&w);
	jw_key(&w, "scope");
	jw_object(&w);
	jw_kint(&w, "carried_over", (long long)h->carried);
	jw_kint(&w, "added", (long long)h->added);
	jw_kint(&w, "removed", (long long)h->removed);
	jw_kint(&w, "unplanned", (long long)h->unplanned);
	jw_end(&w);
	jw_knum(&w, "at_risk", (double)h->at_risk);
	jw_knum(&w, "stopped", (double)h->stopped);
	jw_key(&w, "columns");
	jw_object(&w);
	for (int k = 0; k < HUDDLE_NCOLS; k++) {
		jw_key(&w, huddle_col_name((enum huddle_col)k));
		jw_object(&w);
		jw_kint(&w, "items", (long long)h->ncol[k]);
		jw_knum(&w, "effort", h->effort[k]);
		jw_end(&w);
	}
	jw_end(&w);
	jw_key(&w, "cards");
	jw_array(&w);
	for (size_t i = 0; i < h->n; i++)
		card(&w, &h->cards[i]);
	jw_end(&w);
	jw_end(&w);
	sbuf_addc(out, '\n');
}
