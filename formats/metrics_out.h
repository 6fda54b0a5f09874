/*
 * metrics_out: `docket report` output: the per-cycle table and the
 * summary figures of core/metrics.h as text, Markdown or JSON.
 * Renders into a caller-owned sbuf; borrows the metrics.  Text output
 * is escaped for the terminal (cycle names come from files); JSON
 * numbers that cannot be computed are null.
 */
#ifndef DOCKET_METRICS_OUT_H
#define DOCKET_METRICS_OUT_H

#include "core/metrics.h"
#include "core/sbuf.h"
#include "formats/format.h"

enum metrics_format {
	METRICS_TEXT,
	METRICS_MD,
	METRICS_JSON,
};

/* `docket report --format` (formats/format.h): text, md, json. */
struct metrics_format_row {
	struct format f;
	enum metrics_format id;
};
extern const struct format_table metrics_formats;
void metrics_render(struct sbuf *out, const struct metrics *m,
		    enum metrics_format f);
/* metrics_render, and with explain the formula of every figure after
 * it (text, md), or as an "explain" object of figure: formula (json). */
void metrics_render_explained(struct sbuf *out, const struct metrics *m,
			      enum metrics_format f, int explain);

struct jw;
/* One figure of a cycle as JSON, {"items": n, "effort": effort} under
 * key k: the shape of report --format json and showcase --format json. */
void metrics_json_figure(struct jw *w, const char *k, size_t n, double effort);

#endif
