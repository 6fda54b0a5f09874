/*
 * svg: standalone SVG charts (SPEC 7 `burnup --format svg`; reusable
 * by html export).  A chart is one self-contained SVG 1.1 document: no
 * scripts, no external fonts, styles or images, readable in any browser
 * or image viewer without docket.
 *
 * Renders into a caller-owned sbuf and borrows its inputs.  Every text
 * (titles, labels, campaign names) goes through formats/xml.h, so the
 * document is well-formed XML whatever the input bytes are.
 */
#ifndef DOCKET_SVG_H
#define DOCKET_SVG_H

#include <stddef.h>

#include "core/history.h"
#include "core/sbuf.h"

struct svg_series {
	const char *label;        /* shown in the legend */
	const double *y;          /* one value per x */
	const char *color;        /* "#rrggbb" */
	double fill_opacity;      /* area under the line; 0 = line only */
};

/* A straight line from (day0, y0) to (day1, y1), e.g. a projection. */
struct svg_segment {
	long day0, day1;
	double y0, y1;
	const char *color;
	int dashed;
};

/* A vertical line at a day, labelled at its top (e.g. a due date). */
struct svg_mark {
	long day;
	const char *label;
	const char *color;
};

struct svg_chart {
	const char *title;
	const char *subtitle;     /* or NULL */
	const char *y_label;      /* the y axis' name, or NULL */
	const long *days;         /* x: day numbers, ascending */
	size_t n;
	const struct svg_series *series;
	size_t nseries;
	int width, height;        /* 0: 800 x 450 */
	long x_end;               /* the x axis' last day, when after the
				   * last of days (0: that one) */
	const struct svg_segment *segs;
	size_t nsegs;
	const struct svg_mark *marks;
	size_t nmarks;
	const char *note;         /* a line under the date labels, or NULL */
};

/* A round upper bound for a chart's axis: 1, 2, 2.5 or 5 times a power
 * of 10 (1 for v <= 0). */
double svg_nice_max(double v);

/* A line chart over dates: y axis from 0 to a round maximum with grid
 * lines and labels, x axis with date labels, one line (and optional
 * area) per series, a legend and the title.  n == 0 draws the frame and
 * "no data". */
void svg_chart(struct sbuf *out, const struct svg_chart *c);
/* A campaign's burn-up: scope and completed effort. */
void svg_burnup(struct sbuf *out, const struct burnup *b);
/* The same with its projection (core/projection.h; NULL: none): the due
 * date as a vertical line, the projection at the recent pace as a dashed
 * line to the scope, its range (fastest and slowest) as two thin lines,
 * and the verdict in words under the chart. */
struct projection;
void svg_burnup_projected(struct sbuf *out, const struct burnup *b,
			  const struct projection *p);

#endif
