/*
 * history_out: render what core/history and core/changes compute, for
 * `docket diff` (text, md, json), `docket log` (text, json) and
 * `docket burnup` (text chart, json).  The SVG chart is formats/svg.h.
 *
 * Renders into a caller-owned sbuf and borrows its inputs; prints
 * nothing.  Text from files (titles, field values, authors, subjects)
 * goes through text_escape_term in text output, formats/json.h in JSON
 * and a Markdown-cell escape in md, so nothing raw reaches a terminal,
 * a CI log or a pull-request comment.  Colour codes appear only when
 * opts->color is set.
 */
#ifndef DOCKET_HISTORY_OUT_H
#define DOCKET_HISTORY_OUT_H

#include <stddef.h>

#include "core/changes.h"
#include "core/history.h"
#include "core/sbuf.h"
#include "formats/format.h"

struct projection;

struct hist_opts {
	int color;               /* ANSI colours */
	size_t width;            /* terminal width; 0 = no limit (piped) */
	const char *base_name;   /* diff: what BASE and HEAD were called */
	const char *head_name;
	/* burnup: the campaign's projection to its due date
	 * (core/projection.h), or NULL */
	const struct projection *proj;
};

/*
 * The formats of `docket diff` (text, md: a pull-request comment with a
 * heading, a summary line and one table per kind of change, json),
 * `docket log` (text, json) and `docket burnup` (text: a chart for an
 * 80-column terminal, no escapes unless o->color; svg: formats/svg.h;
 * json: the series), as tables (formats/format.h).  With o->proj, a
 * burn-up also shows the due date, the projection at the recent pace with
 * its range, and whether the scope is reachable by the due date, in every
 * format (burnup_proj_*, formats/burnup_proj.c).
 */
struct diff_format {
	struct format f;
	void (*render)(struct sbuf *out, const struct backlog_diff *d,
		       const struct hist_opts *o);
};
extern const struct format_table diff_formats;

struct log_format {
	struct format f;
	void (*render)(struct sbuf *out, const struct item_log *l,
		       const char *id, const struct hist_opts *o);
};
extern const struct format_table log_formats;

struct burnup_format {
	struct format f;
	void (*render)(struct sbuf *out, const struct burnup *b,
		       const struct hist_opts *o);
};
extern const struct format_table burnup_formats;

#endif
