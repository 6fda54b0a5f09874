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

struct jo {
	struct sbuf *out;
	int first;
};

static void
key(struct jo *j, const char *k)
{
	if (!j->first)
		sbuf_addc(j->out, ',');
	j->first = 0;
	json_strz(j->out, k);
	sbuf_addc(j->out, ':');
}

static void
knum(struct jo *j, const char *k, double v)
{
	key(j, k);
	json_num(j->out, v);
}

static void
kstr(struct jo *j, const char *k, const char *v)
{
	key(j, k);
	json_strz(j->out, v);
}

static void
kday(struct jo *j, const char *k, long d)
{
	char buf[16];

	key(j, k);
	if (d < 0) {
		sbuf_adds(j->out, "null");
		return;
	}
	date_format(buf, sizeof(buf), d);
	json_strz(j->out, buf);
}

static void
kbool(struct jo *j, const char *k, int b)
{
	key(j, k);
	sbuf_adds(j->out, b ? "true" : "false");
}

static void
card(struct sbuf *out, const struct huddle *h, const struct huddle_card *c)
{
	struct jo j = { out, 1 };
	const struct item *it = c->item;
	const char *sep = "";

	(void)h;
	sbuf_addc(out, '{');
	kstr(&j, "id", it->id);
	kstr(&j, "title", it->title);
	kstr(&j, "type", item_type_name(it->type));
	kstr(&j, "status", item_status_name(it->status));
	kstr(&j, "column", huddle_col_name(c->col));
	knum(&j, "effort", isnan(it->effort) ? NAN : it->effort);
	knum(&j, "remaining", c->col == HUDDLE_DONE ? 0 : c->remaining);
	knum(&j, "days", c->days < 0 ? NAN : (double)c->days);
	kstr(&j, "scope", scope_how_name(c->how));
	kbool(&j, "carried_in", c->carried_in);
	kday(&j, "added", c->day);
	kstr(&j, "blocked_reason", c->col == HUDDLE_BLOCKED ?
	     ynode_str(item_get(it, "blocked_reason")) : NULL);
	kstr(&j, "result", ynode_str(item_get(it, "result")));
	key(&j, "risk");
	sbuf_addc(out, '[');
	if (c->risk & HUDDLE_RISK_PACE) {
		json_strz(out, "behind pace");
		sep = ",";
	}
	if (c->risk & HUDDLE_RISK_LONG) {
		sbuf_adds(out, sep);
		json_strz(out, "doing over half the cycle");
		sep = ",";
	}
	if (c->risk & HUDDLE_RISK_OVERDUE) {
		sbuf_adds(out, sep);
		json_strz(out, "cycle ended");
	}
	sbuf_adds(out, "]}");
}

void
board_json(struct sbuf *out, const struct huddle *h, const struct board_opts *o)
{
	static const char *const pace_src[] = { "none", "measured", "capacity" };
	const struct cycle *c = h->cycle;
	struct jo j = { out, 1 }, x = { out, 1 };

	(void)o;
	sbuf_addc(out, '{');
	key(&j, "cycle");
	sbuf_addc(out, '{');
	kstr(&x, "name", c->name);
	kday(&x, "start", c->start);
	kday(&x, "end", c->end);
	kstr(&x, "goal", c->goal);
	knum(&x, "day", h->length > 0 ? (double)h->day : NAN);
	knum(&x, "length", h->length > 0 ? (double)h->length : NAN);
	knum(&x, "days_left", h->length > 0 ? (double)h->days_left : NAN);
	knum(&x, "working_days", h->length > 0 ? (double)h->workdays : NAN);
	knum(&x, "working_day", h->length > 0 ? (double)h->workday : NAN);
	knum(&x, "working_days_left", h->length > 0 ? (double)h->workdays_left : NAN);
	sbuf_addc(out, '}');
	kday(&j, "today", h->today);
	key(&j, "wip");
	x.first = 1;
	sbuf_addc(out, '{');
	knum(&x, "doing", (double)h->wip);
	knum(&x, "limit", h->wip_limit < 0 ? NAN : (double)h->wip_limit);
	kbool(&x, "over", h->wip_limit >= 0 && (long)h->wip > h->wip_limit);
	sbuf_addc(out, '}');
	key(&j, "effort");
	x.first = 1;
	sbuf_addc(out, '{');
	knum(&x, "done", h->effort[HUDDLE_DONE]);
	knum(&x, "open", h->open_effort);
	knum(&x, "remaining", h->remaining);
	knum(&x, "capacity", h->capacity);
	sbuf_addc(out, '}');
	key(&j, "pace");
	x.first = 1;
	sbuf_addc(out, '{');
	kstr(&x, "source", pace_src[h->pace_from]);
	knum(&x, "per_working_day", h->pace);
	knum(&x, "deliverable", h->deliverable);
	knum(&x, "judged_from_working_day", h->length > 0 ? (double)h->risk_from : NAN);
	kbool(&x, "judged", h->risk_open);
	kbool(&x, "behind", h->risk_open && !isnan(h->deliverable) &&
	      h->workdays_left > 0 && h->remaining > h->deliverable + 1e-9);
	sbuf_addc(out, '}');
	knum(&j, "at_risk", (double)h->at_risk);
	knum(&j, "stopped", (double)h->stopped);
	key(&j, "columns");
	x.first = 1;
	sbuf_addc(out, '{');
	for (int k = 0; k < HUDDLE_NCOLS; k++) {
		key(&x, huddle_col_name((enum huddle_col)k));
		sbuf_addf(out, "{\"items\":%zu,\"effort\":", h->ncol[k]);
		json_num(out, h->effort[k]);
		sbuf_addc(out, '}');
	}
	sbuf_addc(out, '}');
	key(&j, "cards");
	sbuf_addc(out, '[');
	for (size_t i = 0; i < h->n; i++) {
		if (i)
			sbuf_addc(out, ',');
		card(out, h, &h->cards[i]);
	}
	sbuf_adds(out, "]}\n");
}
