/*
 * svg.c: line charts as standalone SVG (see svg.h).
 *
 * Layout (user units = pixels): the plot area sits inside fixed margins;
 * the title, subtitle and legend go above it, the
 * y labels at its left, the date labels under it.  Numbers are written
 * with at most two decimals so that output is stable across platforms.
 */
#include "formats/svg.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "core/projection.h"
#include "core/xalloc.h"
#include "formats/xml.h"

#define M_LEFT 72
#define M_RIGHT 28
#define M_TOP 96
#define M_BOTTOM 56

double
svg_nice_max(double v)
{
	static const double steps[] = { 1, 2, 2.5, 5, 10 };
	double p;

	if (!(v > 0))
		return 1;
	p = pow(10, floor(log10(v)));
	for (size_t i = 0; i < sizeof(steps) / sizeof(steps[0]); i++)
		if (steps[i] * p >= v - 1e-9)
			return steps[i] * p;
	return 10 * p;
}

static void
num(struct sbuf *out, double v)
{
	char buf[64];
	size_t n;

	snprintf(buf, sizeof(buf), "%.2f", v);
	n = strlen(buf);
	while (n && buf[n - 1] == '0')
		buf[--n] = '\0';
	if (n && buf[n - 1] == '.')
		buf[--n] = '\0';
	sbuf_adds(out, strcmp(buf, "-0") ? buf : "0");
}

static void
text(struct sbuf *out, double x, double y, const char *anchor, int size,
     const char *extra, const char *s)
{
	sbuf_adds(out, "  <text x=\"");
	num(out, x);
	sbuf_adds(out, "\" y=\"");
	num(out, y);
	sbuf_addf(out, "\" font-size=\"%d\" text-anchor=\"%s\"%s>", size, anchor,
		  extra ? extra : "");
	xml_escapez(out, s);
	sbuf_adds(out, "</text>\n");
}

void
svg_chart(struct sbuf *out, const struct svg_chart *c)
{
	int W = c->width ? c->width : 800, H = c->height ? c->height : 450;
	double pw = W - M_LEFT - M_RIGHT, ph = H - M_TOP - M_BOTTOM;
	double ymax = 0, span;
	long d0 = c->n ? c->days[0] : 0, d1 = c->n ? c->days[c->n - 1] : 0;
	char buf[64];
	int ticks = 5, xt;

	if (c->n && c->x_end > d1)
		d1 = c->x_end;
	for (size_t s = 0; s < c->nseries; s++)
		for (size_t i = 0; i < c->n; i++)
			if (c->series[s].y[i] > ymax)
				ymax = c->series[s].y[i];
	for (size_t i = 0; i < c->nsegs; i++) {
		if (c->segs[i].y0 > ymax)
			ymax = c->segs[i].y0;
		if (c->segs[i].y1 > ymax)
			ymax = c->segs[i].y1;
	}
	ymax = svg_nice_max(ymax);
	span = d1 > d0 ? (double)(d1 - d0) : 1;

	sbuf_adds(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
	sbuf_addf(out, "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\" aria-labelledby=\"chart-title chart-desc\" font-family=\"Helvetica, Arial, sans-serif\">\n",
		  W, H, W, H);
	sbuf_adds(out, "  <title id=\"chart-title\">");
	xml_escapez(out, c->title);
	sbuf_adds(out, "</title>\n  <desc id=\"chart-desc\">");
	xml_escapez(out, c->subtitle ? c->subtitle : c->title);
	sbuf_adds(out, "</desc>\n");
	sbuf_addf(out, "  <rect x=\"0\" y=\"0\" width=\"%d\" height=\"%d\" fill=\"#ffffff\"/>\n", W, H);
	text(out, M_LEFT, 30, "start", 20, " font-weight=\"bold\" fill=\"#222222\"", c->title);
	if (c->subtitle)
		text(out, M_LEFT, 52, "start", 13, " fill=\"#555555\"", c->subtitle);

	/* grid and y labels */
	for (int i = 0; i <= ticks; i++) {
		double y = M_TOP + ph - ph * i / ticks;

		sbuf_addf(out, "  <line x1=\"%d\" x2=\"%d\" y1=\"", M_LEFT, W - M_RIGHT);
		num(out, y);
		sbuf_adds(out, "\" y2=\"");
		num(out, y);
		sbuf_addf(out, "\" stroke=\"%s\" stroke-width=\"1\"/>\n",
			  i ? "#e3e3e3" : "#888888");
		snprintf(buf, sizeof(buf), "%g", ymax * i / ticks);
		text(out, M_LEFT - 8, y + 4, "end", 12, " fill=\"#444444\"", buf);
	}
	if (c->y_label) {
		sbuf_addf(out, "  <text transform=\"translate(18 %d) rotate(-90)\" font-size=\"12\" text-anchor=\"middle\" fill=\"#444444\">",
			  M_TOP + (int)ph / 2);
		xml_escapez(out, c->y_label);
		sbuf_adds(out, "</text>\n");
	}
	sbuf_addf(out, "  <line x1=\"%d\" x2=\"%d\" y1=\"%d\" y2=\"%d\" stroke=\"#888888\" stroke-width=\"1\"/>\n",
		  M_LEFT, M_LEFT, M_TOP, M_TOP + (int)ph);

	/* date labels: up to 6, at evenly spaced days */
	xt = c->n < 2 && d1 == d0 ? (c->n ? 1 : 0) : (int)(span < 5 ? span + 1 : 6);
	for (int i = 0; i < xt; i++) {
		long day = xt == 1 ? d0 : d0 + lround(span * i / (xt - 1));
		double x = M_LEFT + (c->n < 2 && d1 == d0 ? pw / 2 : pw * (double)(day - d0) / span);

		sbuf_adds(out, "  <line x1=\"");
		num(out, x);
		sbuf_adds(out, "\" x2=\"");
		num(out, x);
		sbuf_addf(out, "\" y1=\"%d\" y2=\"%d\" stroke=\"#888888\" stroke-width=\"1\"/>\n",
			  M_TOP + (int)ph, M_TOP + (int)ph + 5);
		date_format(buf, sizeof(buf), day);
		text(out, x, M_TOP + ph + 22, xt == 1 ? "middle" :
		     i == 0 ? "start" : i == xt - 1 ? "end" : "middle", 12,
		     " fill=\"#444444\"", buf);
	}
	if (!c->n)
		text(out, M_LEFT + pw / 2, M_TOP + ph / 2, "middle", 14,
		     " fill=\"#888888\"", "no data");

	/* series: area first, then line, then a dot on the last value */
	for (size_t s = 0; s < c->nseries && c->n; s++) {
		const struct svg_series *se = &c->series[s];
		struct sbuf pts = SBUF_INIT;

		for (size_t i = 0; i < c->n; i++) {
			double x = M_LEFT + (c->n < 2 && d1 == d0 ? pw / 2 :
					     pw * (double)(c->days[i] - d0) / span);
			double y = M_TOP + ph - ph * (se->y[i] > 0 ? se->y[i] : 0) / ymax;

			if (i)
				sbuf_addc(&pts, ' ');
			num(&pts, x);
			sbuf_addc(&pts, ',');
			num(&pts, y);
		}
		if (se->fill_opacity > 0 && c->n > 1) {
			sbuf_addf(out, "  <polygon points=\"%d,", M_LEFT);
			num(out, M_TOP + ph);
			sbuf_addf(out, " %s ", pts.buf);
			num(out, M_LEFT + pw * (double)(c->days[c->n - 1] - d0) / span);
			sbuf_addc(out, ',');
			num(out, M_TOP + ph);
			sbuf_adds(out, "\" fill=\"");
			xml_escape_attrz(out, se->color);
			sbuf_adds(out, "\" fill-opacity=\"");
			num(out, se->fill_opacity);
			sbuf_adds(out, "\" stroke=\"none\"/>\n");
		}
		sbuf_addf(out, "  <polyline points=\"%s\" fill=\"none\" stroke=\"", pts.buf);
		xml_escape_attrz(out, se->color);
		sbuf_adds(out, "\" stroke-width=\"2.5\" stroke-linejoin=\"round\"/>\n");
		{
			double x = M_LEFT + (c->n < 2 && d1 == d0 ? pw / 2 :
					     pw * (double)(c->days[c->n - 1] - d0) / span);
			double y = M_TOP + ph - ph * (se->y[c->n - 1] > 0 ? se->y[c->n - 1] : 0) / ymax;

			sbuf_adds(out, "  <circle cx=\"");
			num(out, x);
			sbuf_adds(out, "\" cy=\"");
			num(out, y);
			sbuf_adds(out, "\" r=\"4\" fill=\"");
			xml_escape_attrz(out, se->color);
			sbuf_adds(out, "\"/>\n");
		}
		sbuf_release(&pts);
	}

	/* segments (a projection) and marks (a due date) */
	for (size_t i = 0; i < c->nsegs && c->n; i++) {
		const struct svg_segment *g = &c->segs[i];

		sbuf_adds(out, "  <line x1=\"");
		num(out, M_LEFT + pw * (double)(g->day0 - d0) / span);
		sbuf_adds(out, "\" y1=\"");
		num(out, M_TOP + ph - ph * (g->y0 > 0 ? g->y0 : 0) / ymax);
		sbuf_adds(out, "\" x2=\"");
		num(out, M_LEFT + pw * (double)(g->day1 - d0) / span);
		sbuf_adds(out, "\" y2=\"");
		num(out, M_TOP + ph - ph * (g->y1 > 0 ? g->y1 : 0) / ymax);
		sbuf_adds(out, "\" stroke=\"");
		xml_escape_attrz(out, g->color);
		sbuf_addf(out, "\" stroke-width=\"%s\"%s/>\n", g->dashed ? "2" : "1",
			  g->dashed ? " stroke-dasharray=\"6 4\"" : " stroke-opacity=\"0.6\"");
	}
	for (size_t i = 0; i < c->nmarks && c->n; i++) {
		const struct svg_mark *m = &c->marks[i];
		double x = M_LEFT + pw * (double)(m->day - d0) / span;

		if (m->day < d0 || m->day > d1)
			continue;
		sbuf_adds(out, "  <line x1=\"");
		num(out, x);
		sbuf_adds(out, "\" x2=\"");
		num(out, x);
		sbuf_addf(out, "\" y1=\"%d\" y2=\"%d\" stroke=\"", M_TOP, M_TOP + (int)ph);
		xml_escape_attrz(out, m->color);
		sbuf_adds(out, "\" stroke-width=\"2\"/>\n");
		text(out, x, M_TOP - 4, "middle", 12, " fill=\"#aa3333\"", m->label);
	}
	if (c->note)
		text(out, M_LEFT, H - 10, "start", 12, " fill=\"#333333\"", c->note);

	/* legend, under the subtitle, above the plot */
	for (size_t s = 0; s < c->nseries; s++) {
		double x = M_LEFT + 130.0 * (double)s;
		double y = M_TOP - 20;

		sbuf_adds(out, "  <rect x=\"");
		num(out, x);
		sbuf_adds(out, "\" y=\"");
		num(out, y - 10);
		sbuf_adds(out, "\" width=\"14\" height=\"14\" rx=\"2\" fill=\"");
		xml_escape_attrz(out, c->series[s].color);
		sbuf_adds(out, "\"/>\n");
		text(out, x + 20, y + 2, "start", 13, " fill=\"#222222\"", c->series[s].label);
	}
	sbuf_adds(out, "</svg>\n");
}

void
svg_burnup(struct sbuf *out, const struct burnup *b)
{
	svg_burnup_projected(out, b, NULL);
}

void
svg_burnup_projected(struct sbuf *out, const struct burnup *b,
		     const struct projection *p)
{
	long *days = xcalloc(b->n + 1, sizeof(*days));
	double *scope = xcalloc(b->n + 1, sizeof(*scope));
	double *done = xcalloc(b->n + 1, sizeof(*done));
	struct svg_series series[2] = {
		{ "Scope", scope, "#3b6fb6", 0.10 },
		{ "Completed", done, "#2e9b4f", 0.30 },
	};
	struct svg_segment segs[3];
	struct svg_mark mark;
	struct svg_chart c;
	struct sbuf title = SBUF_INIT, sub = SBUF_INIT, note = SBUF_INIT;
	char d0[16], d1[16], dd[32];

	for (size_t i = 0; i < b->n; i++) {
		days[i] = b->v[i].day;
		scope[i] = b->v[i].scope;
		done[i] = b->v[i].done;
	}
	sbuf_addf(&title, "Burn-up: %s", b->campaign);
	if (b->n) {
		const struct burnup_point *l = &b->v[b->n - 1];

		date_format(d0, sizeof(d0), b->v[0].day);
		date_format(d1, sizeof(d1), l->day);
		sbuf_addf(&sub, "%s to %s \xe2\x80\x94 scope %g, completed %g", d0, d1,
			  l->scope, l->done);
		if (l->scope > 0)
			sbuf_addf(&sub, " (%.0f%%)", 100 * l->done / l->scope);
		sbuf_addf(&sub, ", %d item%s", l->items, l->items == 1 ? "" : "s");
	}
	memset(&c, 0, sizeof(c));
	c.title = title.buf;
	c.subtitle = sub.len ? sub.buf : NULL;
	c.y_label = "Effort";
	c.days = days;
	c.n = b->n;
	c.series = series;
	c.nseries = 2;
	if (p && b->n && p->verdict != PROJ_NONE && p->due >= 0) {
		long end = p->last, span = p->last - b->v[0].day;
		size_t ns = 0;
		/* the lines run to the finish, or to the axis' end */
#define ADD_LINE(day_, rate_, dashed_, color_) do { \
		long d_ = (day_) >= 0 ? (day_) : end; \
		segs[ns].day0 = p->last; \
		segs[ns].y0 = p->done; \
		segs[ns].day1 = d_; \
		segs[ns].y1 = p->done + (rate_) * (double)(d_ - p->last); \
		if (segs[ns].y1 > p->scope) \
			segs[ns].y1 = p->scope; \
		segs[ns].dashed = (dashed_); \
		segs[ns++].color = (color_); \
	} while (0)

		if (p->due > end)
			end = p->due;
		if (p->date > end && p->date - p->last <= (span > 60 ? span : 60))
			end = p->date;
		c.x_end = end;
		if (p->remaining > 0 && p->pace > 0) {
			ADD_LINE(p->date >= 0 && p->date <= end ? p->date : end, p->pace, 1, "#2e9b4f");
			if (p->fast > p->pace)
				ADD_LINE(p->early >= 0 && p->early <= end ? p->early : end, p->fast, 0, "#2e9b4f");
			if (p->slow < p->pace)
				ADD_LINE(p->late >= 0 && p->late <= end ? p->late : end, p->slow, 0, "#2e9b4f");
		}
#undef ADD_LINE
		c.segs = segs;
		c.nsegs = ns;
		if (p->due >= 0) {
			date_format(dd, sizeof(dd), p->due);
			mark.day = p->due;
			mark.label = dd;
			mark.color = "#cc3333";
			c.marks = &mark;
			c.nmarks = 1;
		}
		if (p->due >= 0 || p->remaining > 0) {
			sbuf_adds(&note, "Projection at the recent pace");
			if (p->date >= 0) {
				date_format(d1, sizeof(d1), p->date);
				sbuf_addf(&note, ": done on %s", d1);
			}
			if (p->due >= 0)
				sbuf_addf(&note, "; due %s: %s", dd, projection_words(p->verdict));
			c.note = note.buf;
		}
	}
	svg_chart(out, &c);
	sbuf_release(&title);
	sbuf_release(&sub);
	sbuf_release(&note);
	free(days);
	free(scope);
	free(done);
}
