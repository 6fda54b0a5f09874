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
#include "formats/burnup_proj.h"
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

static void
diff_md(struct sbuf *out, const struct backlog_diff *d,
	const struct hist_opts *o)
{
	struct sbuf tmp = SBUF_INIT;

	sbuf_adds(out, "### Backlog priority changes\n\n");
	text_md_cell(out, o->base_name);
	sbuf_adds(out, " \xe2\x86\x92 ");
	text_md_cell(out, o->head_name);
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
			text_md_cell(out, d->v[i].id);
			sbuf_adds(out, " | ");
			sbuf_reset(&tmp);
			change_str(&tmp, &d->v[i]);
			text_md_cell(out, tmp.buf);
			sbuf_adds(out, " | ");
			text_md_cell(out, d->v[i].title);
			sbuf_adds(out, " |\n");
		}
	}
	sbuf_release(&tmp);
}

static void
json_changes(struct jw *w, const struct field_changes *c)
{
	jw_array(w);
	for (size_t i = 0; i < c->n; i++) {
		jw_object(w);
		jw_kstr(w, "field", c->v[i].field);
		jw_kstr(w, "from", c->v[i].from);
		jw_kstr(w, "to", c->v[i].to);
		jw_kbool(w, "priority", changes_is_priority(c->v[i].field));
		jw_end(w);
	}
	jw_end(w);
}

static void
diff_json(struct sbuf *out, const struct backlog_diff *d,
	  const struct hist_opts *o)
{
	struct jw w;

	jw_init(&w, out, 1, 0);
	jw_object(&w);
	jw_kstr(&w, "base", o->base_name);
	jw_kstr(&w, "head", o->head_name);
	jw_key(&w, "counts");
	jw_object(&w);
	for (int k = 0; k < BD_NKINDS; k++) {
		jw_key(&w, bdiff_kind_name(k));
		jw_int(&w, (long long)d->count[k]);
	}
	jw_end(&w);
	for (int k = 0; k < BD_NKINDS; k++) {
		jw_break(&w);
		jw_key(&w, bdiff_kind_name(k));
		jw_array_lines(&w);
		for (size_t i = 0; i < d->n; i++) {
			const struct bdiff_entry *e = &d->v[i];

			if (e->kind != (enum bdiff_kind)k)
				continue;
			jw_object(&w);
			jw_kstr(&w, "id", e->id);
			jw_kstr(&w, "title", e->title);
			jw_kpos(&w, "rank_from", e->from);
			jw_kpos(&w, "rank_to", e->to);
			jw_kstr(&w, "status_from", item_status_name(e->st_from));
			jw_kstr(&w, "status_to", item_status_name(e->st_to));
			if (k == BD_VALUES) {
				jw_key(&w, "changes");
				json_changes(&w, &e->values);
			}
			jw_end(&w);
		}
		jw_end(&w);
	}
	jw_break(&w);
	jw_end(&w);
	sbuf_addc(out, '\n');
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
		if (e->event == LOG_ADDED)
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
}

static void
log_json(struct sbuf *out, const struct item_log *l, const char *id,
	 const struct hist_opts *o)
{
	static const char *const events[] = { "changed", "added", "deleted", "renamed" };
	struct jw w;

	(void)o;
	jw_init(&w, out, 2, 0);
	jw_object(&w);
	jw_kstr(&w, "id", id);
	jw_key(&w, "commits");
	jw_array_lines(&w);
	for (size_t i = 0; i < l->n; i++) {
		const struct log_entry *e = &l->v[i];
		char date[16], iso[64];

		date_format(date, sizeof(date), e->day);
		iso_time(iso, sizeof(iso), e->time, e->offset);
		jw_object(&w);
		jw_kstr(&w, "commit", e->commit);
		jw_kstr(&w, "short", e->short_id);
		jw_kstr(&w, "date", date);
		jw_kstr(&w, "time", iso);
		jw_kstr(&w, "author", e->author);
		jw_kstr(&w, "email", e->email);
		jw_kstr(&w, "subject", e->subject);
		jw_kstr(&w, "event", events[e->event]);
		jw_kstr(&w, "renumbered_from", e->old_name);
		jw_key(&w, "rank");
		if (e->rank_changed) {
			jw_object(&w);
			jw_kpos(&w, "from", e->rank_from);
			jw_kpos(&w, "to", e->rank_to);
			jw_end(&w);
		} else {
			jw_null(&w);
		}
		jw_key(&w, "changes");
		json_changes(&w, &e->changes);
		jw_end(&w);
	}
	jw_end(&w);
	jw_end(&w);
	sbuf_addc(out, '\n');
}

/* ---------------------------------------------------------------------
 * burnup
 * ------------------------------------------------------------------- */

#define CHART_H 12
#define CHART_W 68
#define LABEL_W 7

static void
burnup_text(struct sbuf *out, const struct burnup *b,
	    const struct hist_opts *o)
{
	const struct burnup_point *last = &b->v[b->n - 1];
	const struct projection *pj = o->proj;
	double ymax = 0;
	long first = b->v[0].day, end = last->day, ndays;
	size_t w;
	char d0[16], d1[16], num[32];

	/* with a due date, the chart runs on to it (and to the projected
	 * finish when that is not too far) */
	if (pj && (pj->verdict == PROJ_NONE || pj->due < 0))
		pj = NULL;
	if (pj) {
		if (pj->due > end)
			end = pj->due;
		if (pj->date > end && pj->date - last->day <= (last->day - first > 60 ? last->day - first : 60))
			end = pj->date;
	}
	ndays = end - first + 1;
	w = ndays >= CHART_W ? CHART_W : (size_t)ndays * (CHART_W / (size_t)ndays);
	for (size_t i = 0; i < b->n; i++)
		ymax = b->v[i].scope > ymax ? b->v[i].scope : ymax;
	ymax = svg_nice_max(ymax);
	date_format(d0, sizeof(d0), b->v[0].day);
	date_format(d1, sizeof(d1), end);
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
			long day = first + (long)(((c + 1) * (size_t)ndays - 1) / w);
			const struct burnup_point *p = &b->v[day <= last->day ? day - first :
							      (long)b->n - 1];
			long ls = lround(p->scope / ymax * CHART_H);
			long ld = lround(p->done / ymax * CHART_H);
			const char *cell, *want;

			if (day > last->day) {
				/* the projection, and the due date's column */
				double pd = pj->done + (pj->pace > 0 ? pj->pace : 0) *
					    (double)(day - last->day);
				long lp = lround((pd < pj->scope ? pd : pj->scope) / ymax * CHART_H);
				long prev = first + (long)((c * (size_t)ndays - 1) / w);

				cell = row == lp ? "\xc2\xb7" :            /* · */
				       pj->due >= 0 && pj->due <= day && pj->due > prev ?
				       "\xe2\x94\x8a" : row == ls ? "\xe2\x94\x88" : " "; /* ┊ ┈ */
				want = cell[0] == ' ' ? "" : C_YELLOW;
			} else if (row <= ld) {
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
	sbuf_adds(out, " completed   \xe2\x96\x91 remaining (top = scope)");
	if (end > last->day)
		sbuf_adds(out, "\n       \xc2\xb7 projection at the recent pace   \xe2\x94\x8a due date");
	sbuf_adds(out, "\n\n");
	listing_fmt_num(num, sizeof(num), last->scope);
	date_format(d1, sizeof(d1), last->day);
	sbuf_addf(out, "On %s: scope %s", d1, num);
	listing_fmt_num(num, sizeof(num), last->done);
	sbuf_addf(out, ", completed %s", num);
	if (last->scope > 0)
		sbuf_addf(out, " (%.0f%%)", 100 * last->done / last->scope);
	sbuf_addf(out, "; %d item%s", last->items, last->items == 1 ? "" : "s");
	if (last->unestimated)
		sbuf_addf(out, ", %d without effort", last->unestimated);
	sbuf_adds(out, ".\n");
	burnup_proj_text(out, o->proj);
}

static void
burnup_json(struct sbuf *out, const struct burnup *b, const struct hist_opts *o)
{
	struct jw w;

	jw_init(&w, out, 2, 0);
	jw_object(&w);
	jw_kstr(&w, "campaign", b->campaign);
	jw_key(&w, "points");
	jw_array_lines(&w);
	for (size_t i = 0; i < b->n; i++) {
		const struct burnup_point *p = &b->v[i];
		char d[16];

		date_format(d, sizeof(d), p->day);
		jw_object(&w);
		jw_kstr(&w, "date", d);
		jw_knum(&w, "scope", p->scope);
		jw_knum(&w, "completed", p->done);
		jw_kint(&w, "items", p->items);
		jw_kint(&w, "unestimated", p->unestimated);
		jw_end(&w);
	}
	jw_end(&w);
	burnup_proj_json(&w, o->proj);
	jw_end(&w);
	sbuf_addc(out, '\n');
}

static void
burnup_svg(struct sbuf *out, const struct burnup *b, const struct hist_opts *o)
{
	svg_burnup_projected(out, b, o->proj);
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
