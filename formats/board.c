/*
 * board.c: the Daily Huddle board as text (see board.h).
 */
#include "formats/board.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/date.h"
#include "core/metrics.h"
#include "core/text.h"
#include "core/xalloc.h"
#include "formats/listing.h"

#define C_RESET "\033[0m"
#define C_BOLD "\033[1m"
#define C_RED "\033[31m"
#define C_YELLOW "\033[33m"

#define GAP 2

static const char *const titles[HUDDLE_NCOLS] = {
	"Planned", "Doing", "Blocked", "Done",
};

static void
on(struct sbuf *out, const struct board_opts *o, const char *code)
{
	if (o->color)
		sbuf_adds(out, code);
}

static void
off(struct sbuf *out, const struct board_opts *o)
{
	if (o->color)
		sbuf_adds(out, C_RESET);
}

static void
text(struct sbuf *out, const char *s)
{
	if (s)
		text_escape_term(out, s, strlen(s));
}

static void
days(char *buf, size_t len, long d)
{
	if (d < 0)
		snprintf(buf, len, "?d");
	else
		snprintf(buf, len, "%ldd", d);
}

void
board_risk_text(struct sbuf *out, const struct huddle *h,
		const struct huddle_card *c)
{
	const char *sep = "";
	char a[32];

	if (c->risk & HUDDLE_RISK_LONG) {
		sbuf_addf(out, "%sdoing for %ld days, more than half the cycle (%ld days)",
			  sep, c->days, h->length);
		sep = "; ";
	}
	if (c->risk & HUDDLE_RISK_PACE) {
		listing_fmt_num(a, sizeof(a), round(h->deliverable * 10) / 10);
		sbuf_addf(out, "%sbeyond the %s the team's pace delivers in %ld working day%s",
			  sep, a, h->workdays_left, h->workdays_left == 1 ? "" : "s");
		sep = "; ";
	}
	if (c->risk & HUDDLE_RISK_OVERDUE)
		sbuf_addf(out, "%snot done and the cycle has ended", sep);
}

/* The team's pace and whether the open work fits in the days left. */
static void
pace_line(struct sbuf *out, const struct huddle *h, const struct board_opts *o)
{
	char p[32], d[32], r[32];

	if (h->length <= 0 || h->today > h->cycle->end || h->today < h->cycle->start)
		return;
	if (!h->risk_open) {
		sbuf_addf(out, "At risk: not judged before working day %ld of %ld (today: working day %ld)\n",
			  h->risk_from, h->workdays, h->workday);
		return;
	}
	if (h->pace_from == HUDDLE_PACE_NONE) {
		sbuf_adds(out, "Pace: unknown (no closed cycle and no capacity)\n");
		return;
	}
	listing_fmt_num(p, sizeof(p), round(h->pace * 100) / 100);
	listing_fmt_num(d, sizeof(d), round(h->deliverable * 10) / 10);
	listing_fmt_num(r, sizeof(r), h->remaining);
	sbuf_addf(out, "Pace: %s a working day (%s); %ld working day%s left: %s",
		  p, h->pace_from == HUDDLE_PACE_MEASURED ?
		  "median of recent cycles" : "the cycle's capacity",
		  h->workdays_left, h->workdays_left == 1 ? "" : "s", d);
	if (h->remaining > h->deliverable + 1e-9) {
		sbuf_addc(out, '\n');
		on(out, o, C_YELLOW);
		sbuf_addf(out, "Behind: %s remaining > %s at this pace", r, d);
		off(out, o);
	}
	sbuf_addc(out, '\n');
}

/* How a card came into the cycle, for its tag: "" when committed;
 * short for the columns. */
static const char *
how_tag(const struct huddle_card *c, int brief)
{
	if (c->col == HUDDLE_DONE && c->item->status == ST_STOPPED)
		return c->how == SCOPE_UNPLANNED ? (brief ? "stop,unpl" : "stopped, unplanned") :
			brief ? "stop" : "stopped";
	if (c->how == SCOPE_UNPLANNED)
		return brief ? "unpl" : "unplanned";
	if (c->how == SCOPE_ADDED)
		return brief ? "add" : "added";
	if (c->carried_in)
		return brief ? "carry" : "carried over";
	return "";
}

static void
header(struct sbuf *out, const struct huddle *h, const struct board_opts *o)
{
	const struct cycle *c = h->cycle;
	char s[16], e[16], a[32], b[32], x[32];

	on(out, o, C_BOLD);
	sbuf_adds(out, "Cycle ");
	text(out, c->name);
	off(out, o);
	if (h->length > 0) {
		date_format(s, sizeof(s), c->start);
		date_format(e, sizeof(e), c->end);
		sbuf_addf(out, ": %s to %s, ", s, e);
		if (h->today < c->start)
			sbuf_addf(out, "starts in %ld day%s\n", c->start - h->today,
				  c->start - h->today == 1 ? "" : "s");
		else if (h->today > c->end)
			sbuf_addf(out, "ended %ld day%s ago\n", h->today - c->end,
				  h->today - c->end == 1 ? "" : "s");
		else
			sbuf_addf(out, "day %ld of %ld\n", h->day, h->length);
	} else {
		sbuf_adds(out, ": no start or end date\n");
	}
	if (c->goal) {
		sbuf_adds(out, "Goal: ");
		text(out, c->goal);
		sbuf_addc(out, '\n');
	}
	if (h->wip_limit < 0) {
		sbuf_addf(out, "WIP: %zu doing (the wip-limit rule is off)\n", h->wip);
	} else if ((long)h->wip > h->wip_limit) {
		on(out, o, C_RED);
		sbuf_addf(out, "WIP: %zu doing, over the limit of %ld: finish work before starting more",
			  h->wip, h->wip_limit);
		off(out, o);
		sbuf_addc(out, '\n');
	} else {
		sbuf_addf(out, "WIP: %zu doing, limit %ld\n", h->wip, h->wip_limit);
	}
	listing_fmt_num(a, sizeof(a), h->effort[HUDDLE_DONE]);
	listing_fmt_num(b, sizeof(b), h->open_effort);
	listing_fmt_num(x, sizeof(x), h->remaining);
	sbuf_addf(out, "Effort: %s done, %s open (%s remaining)\n", a, b, x);
	if (h->added || h->carried || h->unplanned || h->removed) {
		const char *sep = "";

		sbuf_adds(out, "Scope: ");
		if (h->carried) {
			sbuf_addf(out, "%zu carried over", h->carried);
			sep = ", ";
		}
		if (h->added) {
			sbuf_addf(out, "%s%zu added after the start", sep, h->added);
			sep = ", ";
		}
		if (h->unplanned) {
			sbuf_addf(out, "%s%zu unplanned", sep, h->unplanned);
			sep = ", ";
		}
		if (h->removed)
			sbuf_addf(out, "%s%zu removed since the start (not on the board)", sep,
				  h->removed);
		sbuf_addc(out, '\n');
	}
	pace_line(out, h, o);
	if (h->stopped)
		sbuf_addf(out, "Stopped: %zu item%s (see docket showcase)\n", h->stopped,
			  h->stopped == 1 ? "" : "s");
}

/* An id, padded; the title after it, cut to width when width > 0. */
static void
id_title(struct sbuf *out, const struct item *it, size_t idw, const char *mid,
	 size_t width, size_t indent)
{
	const char *t = it->title ? it->title : "";
	size_t used;

	text_pad(out, it->id, strlen(it->id), idw, 0);
	sbuf_adds(out, "  ");
	sbuf_adds(out, mid);
	used = indent + idw + 2 + strlen(mid);
	if (width)
		text_truncate(out, t, strlen(t), width > used + 8 ? width - used - 1 : 8);
	else
		text_escape_term(out, t, strlen(t));
}

static size_t
id_width(const struct huddle *h)
{
	size_t w = 2;

	for (size_t i = 0; i < h->n; i++) {
		size_t x = text_width(h->cards[i].item->id, strlen(h->cards[i].item->id));

		if (x > w)
			w = x;
	}
	return w;
}

static void
blockers_and_risks(struct sbuf *out, const struct huddle *h,
		   const struct board_opts *o, size_t idw)
{
	struct sbuf r = SBUF_INIT;
	char mid[64], d[32];

	if (h->ncol[HUDDLE_BLOCKED]) {
		sbuf_addc(out, '\n');
		on(out, o, C_BOLD C_RED);
		sbuf_addf(out, "Blocked (%zu)", h->ncol[HUDDLE_BLOCKED]);
		off(out, o);
		sbuf_addc(out, '\n');
		for (size_t i = 0; i < h->n; i++) {
			const struct huddle_card *c = &h->cards[i];
			const char *why;

			if (c->col != HUDDLE_BLOCKED)
				continue;
			days(d, sizeof(d), c->days);
			snprintf(mid, sizeof(mid), "%-4s  ", d);
			sbuf_adds(out, "  ");
			id_title(out, c->item, idw, mid, o->width, 2);
			why = ynode_str(item_get(c->item, "blocked_reason"));
			sbuf_adds(out, "\n  ");
			sbuf_addf(out, "%*s  reason: ", (int)idw, "");
			if (!why || !*why)
				why = "(no blocked_reason given)";
			if (o->width > idw + 20)
				text_truncate(out, why, strlen(why), o->width - idw - 13);
			else
				text(out, why);
			sbuf_addc(out, '\n');
		}
	}
	if (h->at_risk) {
		sbuf_addc(out, '\n');
		on(out, o, C_BOLD C_YELLOW);
		sbuf_addf(out, "At risk (%zu)", h->at_risk);
		off(out, o);
		sbuf_addc(out, '\n');
		for (size_t i = 0; i < h->n; i++) {
			const struct huddle_card *c = &h->cards[i];

			if (!c->risk)
				continue;
			sbuf_adds(out, "  ");
			text_pad(out, c->item->id, strlen(c->item->id), idw, 0);
			sbuf_adds(out, "  ");
			sbuf_reset(&r);
			board_risk_text(&r, h, c);
			if (o->width > idw + 12)
				text_truncate(out, r.buf, r.len, o->width - idw - 5);
			else
				sbuf_add(out, r.buf, r.len);
			sbuf_addc(out, '\n');
		}
	}
	sbuf_release(&r);
}

static void
col_title(struct sbuf *out, const struct huddle *h, int col)
{
	char e[32];

	listing_fmt_num(e, sizeof(e), h->effort[col]);
	sbuf_addf(out, "%s (%zu, effort %s)", titles[col], h->ncol[col], e);
}

static void
legend(struct sbuf *out, const struct huddle *h, int brief)
{
	int tags = 0;

	for (size_t i = 0; i < h->n; i++)
		tags |= *how_tag(&h->cards[i], 0) != '\0';
	sbuf_addf(out, "\nCards: id, effort, days in status%s.\n",
		  h->at_risk ? "; ! at risk (see above)" : "");
	if (tags)
		sbuf_adds(out, brief ? "[add] added after the start, [carry] carried over, [unpl] unplanned,\n"
			  "[stop] stopped with a result.\n" :
			  "[added], [carried over], [unplanned], [stopped]: how a card came into the cycle.\n");
}

/* " [added 2026-12-08]" after a card of the list. */
static void
tag(struct sbuf *out, const struct huddle_card *c)
{
	const char *t = how_tag(c, 0);
	char d[16];

	if (!*t)
		return;
	sbuf_addf(out, " [%s", t);
	if (c->how == SCOPE_ADDED && c->day >= 0) {
		date_format(d, sizeof(d), c->day);
		sbuf_addf(out, " %s", d);
	}
	sbuf_addc(out, ']');
}

static void
render_list(struct sbuf *out, const struct huddle *h, const struct board_opts *o,
	    size_t idw)
{
	char eff[32], d[32], mid[96];

	for (int col = 0; col < HUDDLE_NCOLS; col++) {
		size_t shown = 0;

		sbuf_addc(out, '\n');
		on(out, o, C_BOLD);
		col_title(out, h, col);
		off(out, o);
		sbuf_addc(out, '\n');
		for (size_t i = 0; i < h->n; i++) {
			const struct huddle_card *c = &h->cards[i];

			if ((int)c->col != col)
				continue;
			shown++;
			listing_fmt_num(eff, sizeof(eff), isnan(c->item->effort) ? NAN : c->item->effort);
			days(d, sizeof(d), c->days);
			snprintf(mid, sizeof(mid), "%3s  %-4s  %s", eff, d, c->risk ? "! " : "  ");
			sbuf_adds(out, "  ");
			if (c->risk)
				on(out, o, c->col == HUDDLE_BLOCKED ? C_RED : C_YELLOW);
			id_title(out, c->item, idw, mid, o->width, 2);
			if (c->risk)
				off(out, o);
			tag(out, c);
			sbuf_addc(out, '\n');
		}
		if (!shown)
			sbuf_adds(out, "  (none)\n");
	}
	legend(out, h, 0);
}

/* Where a title that does not fit in cw columns breaks to its second
 * line: after the last blank that leaves the first line within cw; 0
 * when there is none (the title is then cut on one line). */
static size_t
title_break(const char *t, size_t cw)
{
	size_t len = strlen(t), best = 0;

	if (text_width(t, len) <= cw)
		return len;
	for (size_t i = 1; i < len; i++)
		if (t[i] == ' ' && text_width(t, i) <= cw)
			best = i;
	return best;
}

/* Line part (0 or 1) of a card's title in cw columns, into cell. */
static void
title_part(struct sbuf *cell, const char *t, size_t cw, int part)
{
	size_t len = strlen(t), b = title_break(t, cw);

	if (part == 0) {
		sbuf_add(cell, t, b ? b : len);
		return;
	}
	if (!b || b >= len)
		return;
	while (t[b] == ' ')
		b++;
	sbuf_add(cell, t + b, len - b);
}

static void
render_columns(struct sbuf *out, const struct huddle *h,
	       const struct board_opts *o)
{
	size_t cw = (o->width - 1 - GAP * (HUDDLE_NCOLS - 1)) / HUDDLE_NCOLS;
	size_t rows = 0;
	const struct huddle_card *byc[HUDDLE_NCOLS][64];
	size_t nby[HUDDLE_NCOLS] = { 0 }, more[HUDDLE_NCOLS] = { 0 };
	struct sbuf cell = SBUF_INIT;
	char eff[32], d[32];

	for (size_t i = 0; i < h->n; i++) {
		int col = h->cards[i].col;

		if (nby[col] < ARRAY_SIZE(byc[col]))
			byc[col][nby[col]++] = &h->cards[i];
		else
			more[col]++;
	}
	for (int col = 0; col < HUDDLE_NCOLS; col++)
		if (nby[col] + (more[col] > 0) > rows)
			rows = nby[col] + (more[col] > 0);
	sbuf_addc(out, '\n');
	for (int col = 0; col < HUDDLE_NCOLS; col++) {
		sbuf_reset(&cell);
		sbuf_addf(&cell, "%s (%zu)", titles[col], h->ncol[col]);
		on(out, o, C_BOLD);
		sbuf_add(out, cell.buf, cell.len);
		off(out, o);
		for (size_t k = cell.len; col + 1 < HUDDLE_NCOLS && k < cw + GAP; k++)
			sbuf_addc(out, ' ');
	}
	sbuf_addc(out, '\n');
	for (size_t r = 0; r < rows; r++) {
		int lines = 2;

		if (r)
			sbuf_addc(out, '\n');
		/* a third line when a title of the row wraps */
		for (int col = 0; col < HUDDLE_NCOLS; col++) {
			const char *t = r < nby[col] ? byc[col][r]->item->title : NULL;
			size_t b = t ? title_break(t, cw) : 0;

			if (t && b && b < strlen(t))
				lines = 3;
		}
		for (int line = 0; line < lines; line++) {
			for (int col = 0; col < HUDDLE_NCOLS; col++) {
				const struct huddle_card *c = r < nby[col] ? byc[col][r] : NULL;
				size_t pad = col + 1 < HUDDLE_NCOLS ? cw + GAP : 0;
				size_t before, w;

				sbuf_reset(&cell);
				if (c && line == 0) {
					listing_fmt_num(eff, sizeof(eff), isnan(c->item->effort) ? NAN : c->item->effort);
					days(d, sizeof(d), c->days);
					sbuf_add(&cell, c->item->id, strlen(c->item->id));
					sbuf_addf(&cell, " %s %s%s", eff, d, c->risk ? " !" : "");
					if (*how_tag(c, 1))
						sbuf_addf(&cell, " [%s]", how_tag(c, 1));
				} else if (c) {
					if (c->item->title)
						title_part(&cell, c->item->title, cw, line - 1);
				} else if (r == nby[col] && more[col] && line == 0) {
					sbuf_addf(&cell, "+%zu more", more[col]);
				}
				if (c && c->risk && line == 0)
					on(out, o, c->col == HUDDLE_BLOCKED ? C_RED : C_YELLOW);
				before = out->len;
				text_truncate(out, cell.buf, cell.len, cw);
				w = text_width(out->buf + before, out->len - before);
				if (c && c->risk && line == 0)
					off(out, o);
				for (size_t k = w; k < pad; k++)
					sbuf_addc(out, ' ');
			}
			/* no trailing blanks */
			while (out->len && out->buf[out->len - 1] == ' ')
				sbuf_setlen(out, out->len - 1);
			sbuf_addc(out, '\n');
		}
	}
	legend(out, h, 1);
	sbuf_release(&cell);
}

void
board_render(struct sbuf *out, const struct huddle *h,
	     const struct board_opts *o)
{
	size_t idw = id_width(h);

	header(out, h, o);
	blockers_and_risks(out, h, o, idw);
	if (o->width >= 60)
		render_columns(out, h, o);
	else
		render_list(out, h, o, idw);
}
