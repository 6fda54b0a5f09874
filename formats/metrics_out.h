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

enum metrics_format {
	METRICS_TEXT,
	METRICS_MD,
	METRICS_JSON,
};

/* Parse "text", "md", "json"; -1 when unknown. */
int metrics_format_parse(enum metrics_format *out, const char *s);
void metrics_render(struct sbuf *out, const struct metrics *m,
		    enum metrics_format f);

#endif
