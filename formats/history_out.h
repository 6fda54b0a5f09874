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

struct hist_opts {
	int color;               /* ANSI colours */
	size_t width;            /* terminal width; 0 = no limit (piped) */
	const char *base_name;   /* diff: what BASE and HEAD were called */
	const char *head_name;
};

/* diff */
void diff_text(struct sbuf *out, const struct backlog_diff *d,
	       const struct hist_opts *o);
/* A pull-request comment: a heading, a summary line, one table per kind
 * of change. */
void diff_md(struct sbuf *out, const struct backlog_diff *d,
	     const struct hist_opts *o);
void diff_json(struct sbuf *out, const struct backlog_diff *d,
	       const struct hist_opts *o);

/* log */
void log_text(struct sbuf *out, const struct item_log *l, const char *id,
	      const struct hist_opts *o);
void log_json(struct sbuf *out, const struct item_log *l, const char *id);

/* burnup: a chart for an 80-column terminal (no escapes unless
 * o->color), and the series as JSON. */
void burnup_text(struct sbuf *out, const struct burnup *b,
		 const struct hist_opts *o);
void burnup_json(struct sbuf *out, const struct burnup *b);

/* A Markdown table cell: escaped for the terminal (controls), then
 * Markdown's markup characters backslash-escaped. */
void md_cell_escape(struct sbuf *out, const char *s);

#endif
