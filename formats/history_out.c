/*
 * history_out.c: diff, log and burn-up renderers (see history_out.h).
 */
#include "formats/history_out.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "core/text.h"
#include "formats/json.h"
#include "formats/listing.h"
#include "formats/svg.h"

#define C_RESET "\033[0m"
#define C_BOLD "\033[1m"
#define C_DIM "\033[2m"
#define C_GREEN "\033[32m"
#define C_YELLOW "\033[33m"

static const char *const kind_heads[BD_NKINDS] = {
	"Moved", "Newly ranked", "Unranked", "Added", "Removed", "Closed",
	"Status changes", "Value changes",
};

static const char *const kind_cols[BD_NKINDS] = {
	"Rank", "Rank", "Was", "Rank, status", "Was", "Status", "Status",
	"Values",
};

static void
rank_str(struct sbuf *sb, long r)
{
	if (r)
		sbuf_addf(sb, "#%ld", r);
	else
		sbuf_adds(sb, "unranked");
}

static void
value_changes(struct sbuf *sb, const struct field_changes *c)
{
	for (size_t i = 0; i < c->n; i++) {
		if (i)
			sbuf_adds(sb, ", ");
		sbuf_addf(sb, "%s %s \xe2\x86\x92 %s", c->v[i].field,
			  c->v[i].from ? c->v[i].from : "(none)",
			  c->v[i].to ? c->v[i].to : "(none)");
	}
}

/* The "change" column of an entry, unescaped. */
static void
change_str(struct sbuf *sb, const struct bdiff_entry *e)
{
	switch (e->kind) {
	case BD_MOVED:
		sbuf_addf(sb, "#%ld \xe2\x86\x92 #%ld", e->from, e->to);
		break;
	case BD_RANKED:
		sbuf_addf(sb, "#%ld", e->to);
		break;
	case BD_UNRANKED:
	case BD_REMOVED:
		sbuf_adds(sb, "was ");
		rank_str(sb, e->from);
		break;
	case BD_ADDED:
		rank_str(sb, e->to);
		sbuf_addf(sb, ", %s", item_status_name(e->st_to));
		break;
	case BD_CLOSED:
	case BD_STATUS:
		sbuf_addf(sb, "%s \xe2\x86\x92 %s", item_status_name(e->st_from),
			  item_status_name(e->st_to));
		break;
	case BD_VALUES:
		value_changes(sb, &e->values);
		break;
	default:
		break;
	}
}

static void
summary(struct sbuf *sb, const struct backlog_diff *d)
{
	static const char *const words[BD_NKINDS] = {
		"moved", "newly ranked", "unranked", "added", "removed", "closed",
		"status changed", "values changed",
	};
	int first = 1;

	for (int k = 0; k < BD_NKINDS; k++) {
		if (!d->count[k])
			continue;
		sbuf_addf(sb, "%s%zu %s", first ? "" : ", ", d->count[k], words[k]);
		first = 0;
	}
}

static void
diff_text(struct sbuf *out, const struct backlog_diff *d,
	  const struct hist_opts *o)
{
	struct sbuf tmp = SBUF_INIT;

	if (!d->n) {
		sbuf_adds(out, "No priority changes from ");
		text_escape_term(out, o->base_name, strlen(o->base_name));
		sbuf_adds(out, " to ");
		text_escape_term(out, o->head_name, strlen(o->head_name));
		sbuf_adds(out, ".\n");
		return;
	}
	sbuf_adds(out, "Priority changes from ");
	text_escape_term(out, o->base_name, strlen(o->base_name));
	sbuf_adds(out, " to ");
	text_escape_term(out, o->head_name, strlen(o->head_name));
	sbuf_adds(out, ": ");
	summary(out, d);
	sbuf_addc(out, '\n');
	for (size_t i = 0; i < d->n;) {
		enum bdiff_kind k = d->v[i].kind;
		size_t j, idw = 0, cw = 0;

		for (j = i; j < d->n && d->v[j].kind == k; j++) {
			size_t w = text_width(d->v[j].id, strlen(d->v[j].id));

			idw = w > idw ? w : idw;
			sbuf_reset(&tmp);
			change_str(&tmp, &d->v[j]);
			w = text_width(tmp.buf, tmp.len);
			cw = w > cw ? w : cw;
		}
		if (cw > 40)
			cw = 40;
		sbuf_addc(out, '\n');
		if (o->color)
			sbuf_adds(out, C_BOLD);
		sbuf_adds(out, kind_heads[k]);
		if (o->color)
			sbuf_adds(out, C_RESET);
		sbuf_addc(out, '\n');
		for (; i < j; i++) {
			const struct bdiff_entry *e = &d->v[i];
			size_t used = 2 + idw + 2 + cw + 2;

			sbuf_adds(out, "  ");
			text_pad(out, e->id, strlen(e->id), idw, 0);
			sbuf_adds(out, "  ");
			sbuf_reset(&tmp);
			change_str(&tmp, e);
			text_pad(out, tmp.buf, tmp.len, cw, 0);
			sbuf_adds(out, "  ");
			if (o->width && o->width > used + 8)
				text_truncate(out, e->title, strlen(e->title),
					      o->width - used);
			else
				text_escape_term(out, e->title, strlen(e->title));
			/* no trailing blanks when the title is empty */
			while (out->len && out->buf[out->len - 1] == ' ')
				out->len--;
			out->buf[out->len] = '\0';
			sbuf_addc(out, '\n');
		}
	}
	sbuf_release(&tmp);
}

void
md_cell_escape(struct sbuf *out, const char *s)
{
	struct sbuf tmp = SBUF_INIT;

	text_escape_term(&tmp, s, strlen(s));
	for (size_t i = 0; i < tmp.len; i++) {
		char ch = tmp.buf[i];

		if (ch == '&') {
			sbuf_adds(out, "&amp;");
			continue;
		}
		if (strchr("|\\*_`<>[]~", ch))
			sbuf_addc(out, '\\');
		sbuf_addc(out, ch);
	}
	sbuf_release(&tmp);
}

static void
diff_md(struct sbuf *out, const struct backlog_diff *d,
	const struct hist_opts *o)
{
	struct sbuf tmp = SBUF_INIT;

	sbuf_adds(out, "### Backlog priority changes\n\n");
	md_cell_escape(out, o->base_name);
	sbuf_adds(out, " \xe2\x86\x92 ");
	md_cell_escape(out, o->head_name);
	sbuf_adds(out, ": ");
	if (!d->n)
		sbuf_adds(out, "no priority changes.\n");
	else {
		summary(out, d);
		sbuf_adds(out, ".\n");
	}
	for (size_t i = 0; i < d->n;) {
		enum bdiff_kind k = d->v[i].kind;

		sbuf_addf(out, "\n#### %s\n\n| Item | %s | Title |\n| --- | --- | --- |\n",
			  kind_heads[k], kind_cols[k]);
		for (; i < d->n && d->v[i].kind == k; i++) {
			sbuf_adds(out, "| ");
			md_cell_escape(out, d->v[i].id);
			sbuf_adds(out, " | ");
			sbuf_reset(&tmp);
			change_str(&tmp, &d->v[i]);
			md_cell_escape(out, tmp.buf);
			sbuf_adds(out, " | ");
			md_cell_escape(out, d->v[i].title);
			sbuf_adds(out, " |\n");
		}
	}
	sbuf_release(&tmp);
}

static void
json_rank(struct sbuf *sb, long r)
{
	if (r)
		sbuf_addf(sb, "%ld", r);
	else
		sbuf_adds(sb, "null");
}

static void
json_changes(struct sbuf *out, const struct field_changes *c)
{
	sbuf_addc(out, '[');
	for (size_t i = 0; i < c->n; i++) {
		sbuf_adds(out, i ? ", {\"field\": " : "{\"field\": ");
		json_strz(out, c->v[i].field);
		sbuf_adds(out, ", \"from\": ");
		json_strz(out, c->v[i].from);
		sbuf_adds(out, ", \"to\": ");
		json_strz(out, c->v[i].to);
		sbuf_addf(out, ", \"priority\": %s}",
			  changes_is_priority(c->v[i].field) ? "true" : "false");
	}
	sbuf_addc(out, ']');
}

static void
diff_json(struct sbuf *out, const struct backlog_diff *d,
	  const struct hist_opts *o)
{
	sbuf_adds(out, "{\"base\": ");
	json_strz(out, o->base_name);
	sbuf_adds(out, ", \"head\": ");
	json_strz(out, o->head_name);
	sbuf_adds(out, ", \"counts\": {");
	for (int k = 0; k < BD_NKINDS; k++)
		sbuf_addf(out, "%s\"%s\": %zu", k ? ", " : "", bdiff_kind_name(k),
			  d->count[k]);
	sbuf_addc(out, '}');
	for (int k = 0; k < BD_NKINDS; k++) {
		int first = 1;

		sbuf_addf(out, ",\n \"%s\": [", bdiff_kind_name(k));
		for (size_t i = 0; i < d->n; i++) {
			const struct bdiff_entry *e = &d->v[i];

			if (e->kind != (enum bdiff_kind)k)
				continue;
			sbuf_adds(out, first ? "\n  {\"id\": " : ",\n  {\"id\": ");
			first = 0;
			json_strz(out, e->id);
			sbuf_adds(out, ", \"title\": ");
			json_strz(out, e->title);
			sbuf_adds(out, ", \"rank_from\": ");
			json_rank(out, e->from);
			sbuf_adds(out, ", \"rank_to\": ");
			json_rank(out, e->to);
			sbuf_adds(out, ", \"status_from\": ");
			json_strz(out, item_status_name(e->st_from));
			sbuf_adds(out, ", \"status_to\": ");
			json_strz(out, item_status_name(e->st_to));
			if (k == BD_VALUES) {
				sbuf_adds(out, ", \"changes\": ");
				json_changes(out, &e->values);
			}
			sbuf_addc(out, '}');
		}
		sbuf_adds(out, first ? "]" : "\n ]");
	}
	sbuf_adds(out, "\n}\n");
}

/* ---------------------------------------------------------------------
 * log
 * ------------------------------------------------------------------- */

static void
iso_time(char *buf, size_t len, long long t, int offset)
{
	long long local = t + (long long)offset * 60;
	long day = date_from_time(local);
	long long sec = local - (long long)day * 86400;
	char d[16];
	int off = (offset < 0 ? -offset : offset) % 6000;

	date_format(d, sizeof(d), day);
	snprintf(buf, len, "%sT%02lld:%02lld:%02lld%c%02d:%02d", d, sec / 3600,
		 sec / 60 % 60, sec % 60, offset < 0 ? '-' : '+', off / 60,
		 off % 60);
}

static void
line_value(struct sbuf *out, const char *v, size_t max)
{
	if (!v)
		sbuf_adds(out, "(none)");
	else if (max)
		text_truncate(out, v, strlen(v), max);
	else
		text_escape_term(out, v, strlen(v));
}

static void
log_text(struct sbuf *out, const struct item_log *l, const char *id,
	 const struct hist_opts *o)
{
	size_t maxv = o->width > 20 ? (o->width - 12) / 2 : 0;

	if (!l->n) {
		sbuf_adds(out, "No commit changed ");
		text_escape_term(out, id, strlen(id));
		sbuf_adds(out, " or its rank.\n");
		return;
	}
	for (size_t i = 0; i < l->n; i++) {
		const struct log_entry *e = &l->v[i];
		char date[16];

		date_format(date, sizeof(date), e->day);
		if (i)
			sbuf_addc(out, '\n');
		if (o->color)
			sbuf_adds(out, C_YELLOW);
		sbuf_addf(out, "%s", e->short_id);
		if (o->color)
			sbuf_adds(out, C_RESET);
		sbuf_addf(out, " %s ", date);
		text_escape_term(out, e->author, strlen(e->author));
		sbuf_adds(out, "\n    ");
		if (o->width && o->width > 12)
			text_truncate(out, e->subject, strlen(e->subject), o->width - 4);
		else
			text_escape_term(out, e->subject, strlen(e->subject));
		sbuf_addc(out, '\n');
		if (e->event == LOG_ADDED && l->cut && i + 1 == l->n)
			sbuf_adds(out, "    present here: the history before this commit is not in this shallow clone\n");
		else if (e->event == LOG_ADDED)
			sbuf_adds(out, "    added\n");
		else if (e->event == LOG_DELETED)
			sbuf_adds(out, "    deleted\n");
		else if (e->event == LOG_RENAMED) {
			sbuf_adds(out, "    renumbered from ");
			text_escape_term(out, e->old_name, strlen(e->old_name));
			sbuf_addc(out, '\n');
		}
		if (e->rank_changed) {
			sbuf_adds(out, "    rank: ");
			rank_str(out, e->rank_from);
			sbuf_adds(out, " \xe2\x86\x92 ");
			rank_str(out, e->rank_to);
			sbuf_addc(out, '\n');
		}
		for (size_t k = 0; k < e->changes.n; k++) {
			const struct field_change *f = &e->changes.v[k];

			sbuf_adds(out, "    ");
			text_escape_term(out, f->field, strlen(f->field));
			if (!strcmp(f->field, "body") && !f->from && !f->to) {
				sbuf_adds(out, " changed\n");
				continue;
			}
			sbuf_adds(out, ": ");
			line_value(out, f->from, maxv);
			sbuf_adds(out, " \xe2\x86\x92 ");
			line_value(out, f->to, maxv);
			if (changes_is_priority(f->field))
				sbuf_adds(out, " (priority)");
			sbuf_addc(out, '\n');
		}
	}
	if (l->cut) {
		sbuf_adds(out, "\nThe history is cut at ");
		sbuf_adds(out, l->cut_at);
		sbuf_adds(out, " (a shallow clone): the item may be older; git fetch --unshallow fetches the rest.\n");
	}
}

static void
log_json(struct sbuf *out, const struct item_log *l, const char *id,
	 const struct hist_opts *o)
{
	static const char *const events[] = { "changed", "added", "deleted", "renamed" };

	(void)o;
	sbuf_adds(out, "{\"id\": ");
	json_strz(out, id);
	sbuf_adds(out, ", \"commits\": [");
	for (size_t i = 0; i < l->n; i++) {
		const struct log_entry *e = &l->v[i];
		char date[16], iso[64];

		date_format(date, sizeof(date), e->day);
		iso_time(iso, sizeof(iso), e->time, e->offset);
		sbuf_adds(out, i ? ",\n  {" : "\n  {");
		sbuf_addf(out, "\"commit\": \"%s\", \"short\": \"%s\", \"date\": \"%s\", \"time\": \"%s\", \"author\": ",
			  e->commit, e->short_id, date, iso);
		json_strz(out, e->author);
		sbuf_adds(out, ", \"email\": ");
		json_strz(out, e->email);
		sbuf_adds(out, ", \"subject\": ");
		json_strz(out, e->subject);
		sbuf_addf(out, ", \"event\": \"%s\", \"renumbered_from\": ", events[e->event]);
		json_strz(out, e->old_name);
		sbuf_adds(out, ", \"rank\": ");
		if (e->rank_changed) {
			sbuf_adds(out, "{\"from\": ");
			json_rank(out, e->rank_from);
			sbuf_adds(out, ", \"to\": ");
			json_rank(out, e->rank_to);
			sbuf_addc(out, '}');
		} else {
			sbuf_adds(out, "null");
		}
		sbuf_adds(out, ", \"changes\": ");
		json_changes(out, &e->changes);
		sbuf_addc(out, '}');
	}
	sbuf_addf(out, l->n ? "\n], \"history_cut\": %s}\n" : "], \"history_cut\": %s}\n",
		  l->cut ? "true" : "false");
}

/* ---------------------------------------------------------------------
 * burnup
 * ------------------------------------------------------------------- */

/* A round upper bound for the axis: 1, 2, 2.5 or 5 times a power of 10. */
static double
nice_max(double v)
{
	static const double steps[] = { 1, 2, 2.5, 5, 10 };
	double p;

	if (v <= 0)
		return 1;
	p = pow(10, floor(log10(v)));
	for (size_t i = 0; i < sizeof(steps) / sizeof(steps[0]); i++)
		if (steps[i] * p >= v)
			return steps[i] * p;
	return 10 * p;
}

#define CHART_H 12
#define CHART_W 68
#define LABEL_W 7

static void
burnup_text(struct sbuf *out, const struct burnup *b,
	    const struct hist_opts *o)
{
	const struct burnup_point *last = &b->v[b->n - 1];
	double ymax = 0;
	size_t w = b->n >= CHART_W ? CHART_W : b->n * (CHART_W / b->n);
	char d0[16], d1[16], num[32];

	for (size_t i = 0; i < b->n; i++)
		ymax = b->v[i].scope > ymax ? b->v[i].scope : ymax;
	ymax = nice_max(ymax);
	date_format(d0, sizeof(d0), b->v[0].day);
	date_format(d1, sizeof(d1), last->day);
	sbuf_adds(out, "Burn-up of campaign ");
	text_escape_term(out, b->campaign, strlen(b->campaign));
	sbuf_addf(out, ", %s to %s (effort)\n\n", d0, d1);
	for (int row = CHART_H; row >= 1; row--) {
		const char *state = NULL;

		if (row == CHART_H)
			listing_fmt_num(num, sizeof(num), ymax);
		else if (row == CHART_H / 2)
			listing_fmt_num(num, sizeof(num), ymax / 2);
		else
			num[0] = '\0';
		sbuf_addf(out, "%*s %s", LABEL_W - 2, num,
			  num[0] ? "\xe2\x94\xa4" : "\xe2\x94\x82");  /* ┤ │ */
		for (size_t c = 0; c < w; c++) {
			const struct burnup_point *p = &b->v[((c + 1) * b->n - 1) / w];
			long ls = lround(p->scope / ymax * CHART_H);
			long ld = lround(p->done / ymax * CHART_H);
			const char *cell, *want;

			if (row <= ld) {
				cell = "\xe2\x96\x88";   /* █ */
				want = C_GREEN;
			} else if (row <= ls) {
				cell = "\xe2\x96\x91";   /* ░ */
				want = "";
			} else {
				cell = " ";
				want = "";
			}
			if (o->color && state != want) {
				sbuf_adds(out, C_RESET);
				sbuf_adds(out, want);
				state = want;
			}
			sbuf_adds(out, cell);
		}
		if (o->color && state)
			sbuf_adds(out, C_RESET);
		while (out->len && out->buf[out->len - 1] == ' ')
			out->len--;
		out->buf[out->len] = '\0';
		sbuf_addc(out, '\n');
	}
	sbuf_addf(out, "%*s \xe2\x94\xbc", LABEL_W - 2, "0");   /* ┼ */
	for (size_t c = 0; c < w; c++)
		sbuf_adds(out, "\xe2\x94\x80");   /* ─ */
	sbuf_addf(out, "\n%*s%s", LABEL_W, "", d0);
	if (w >= 2 * strlen(d0) + 1)
		sbuf_addf(out, "%*s", (int)(w - 2 * strlen(d0)), "");
	else
		sbuf_adds(out, " ");
	sbuf_addf(out, "%s\n%*s", d1, LABEL_W, "");
	if (o->color)
		sbuf_adds(out, C_GREEN);
	sbuf_adds(out, "\xe2\x96\x88");
	if (o->color)
		sbuf_adds(out, C_RESET);
	sbuf_adds(out, " completed   \xe2\x96\x91 remaining (top = scope)\n\n");
	listing_fmt_num(num, sizeof(num), last->scope);
	sbuf_addf(out, "On %s: scope %s", d1, num);
	listing_fmt_num(num, sizeof(num), last->done);
	sbuf_addf(out, ", completed %s", num);
	if (last->scope > 0)
		sbuf_addf(out, " (%.0f%%)", 100 * last->done / last->scope);
	sbuf_addf(out, "; %d item%s", last->items, last->items == 1 ? "" : "s");
	if (last->unestimated)
		sbuf_addf(out, ", %d without effort", last->unestimated);
	sbuf_adds(out, ".\n");
}

static void
burnup_json(struct sbuf *out, const struct burnup *b, const struct hist_opts *o)
{
	(void)o;
	sbuf_adds(out, "{\"campaign\": ");
	json_strz(out, b->campaign);
	sbuf_adds(out, ", \"points\": [");
	for (size_t i = 0; i < b->n; i++) {
		const struct burnup_point *p = &b->v[i];
		char d[16];

		date_format(d, sizeof(d), p->day);
		sbuf_addf(out, "%s{\"date\": \"%s\", \"scope\": ", i ? ",\n  " : "\n  ", d);
		json_num(out, p->scope);
		sbuf_adds(out, ", \"completed\": ");
		json_num(out, p->done);
		sbuf_addf(out, ", \"items\": %d, \"unestimated\": %d}", p->items,
			  p->unestimated);
	}
	sbuf_adds(out, b->n ? "\n]}\n" : "]}\n");
}

static void
burnup_svg(struct sbuf *out, const struct burnup *b, const struct hist_opts *o)
{
	(void)o;
	svg_burnup(out, b);
}

static const struct diff_format diff_rows[] = {
	{ { "text", NULL, 0 }, diff_text },
	{ { "md", "a pull-request comment", 0 }, diff_md },
	{ { "json", NULL, 0 }, diff_json },
	{ { NULL, NULL, 0 }, NULL },
};
const struct format_table diff_formats = FORMAT_TABLE(diff_rows);

static const struct log_format log_rows[] = {
	{ { "text", NULL, 0 }, log_text },
	{ { "json", NULL, 0 }, log_json },
	{ { NULL, NULL, 0 }, NULL },
};
const struct format_table log_formats = FORMAT_TABLE(log_rows);

static const struct burnup_format burnup_rows[] = {
	{ { "text", "a chart for the terminal", 0 }, burnup_text },
	{ { "svg", "a standalone chart", 0 }, burnup_svg },
	{ { "json", "the figures per day", 0 }, burnup_json },
	{ { NULL, NULL, 0 }, NULL },
};
const struct format_table burnup_formats = FORMAT_TABLE(burnup_rows);
