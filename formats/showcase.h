/*
 * showcase: `docket showcase` output: the Team Showcase of one cycle
 * (docs/cycles.md, docs/reference.md) as Markdown or as one self-contained HTML page.
 *
 * Sections: committed vs completed (with what was learned, added after
 * the start and done unplanned); what shipped (the items completed in
 * the cycle, unplanned ones included, each marked with how it came into
 * the cycle); experiment results (hypothesis, metric, target, actual,
 * result) of its done experiments and of those stopped with a result;
 * stopped items and why; scope changes (added or removed after the
 * start, with the day); unplanned work; items carried over to a later
 * cycle with their remaining effort; committed items not finished;
 * follow-ups (items anywhere in the backlog whose `follows:` names one
 * of the cycle's items); improvements (the cycle file's `##
 * Improvements` section and the cycle's items of type improvement, then
 * the same of the previous cycle, with each item's state); the cycle
 * file's `## Showcase notes`.  The cycle's items are its struct
 * cycle_stats scope (core/metrics.h).
 *
 * JSON output holds the same, as data (see showcase_json).
 *
 * Markdown output escapes item text where it would change the markup
 * (tables, emphasis, links, raw HTML) and copies the cycle file's two
 * sections as the Markdown they are.  HTML output escapes every text
 * (formats/xml.h) and renders those sections as plain paragraphs and
 * lists, so no raw HTML or link from a file reaches the page; it has no
 * external assets and no script.
 *
 * Renders into a caller-owned sbuf; borrows everything it is given.
 */
#ifndef DOCKET_SHOWCASE_H
#define DOCKET_SHOWCASE_H

#include "core/backlog.h"
#include "core/metrics.h"
#include "core/sbuf.h"
#include "formats/format.h"

enum showcase_format {
	SHOWCASE_MD,
	SHOWCASE_HTML,
	SHOWCASE_JSON,
};

/* `docket showcase --format` (formats/format.h): md (shown on a
 * terminal, cmd/ escapes it), html, json. */
struct showcase_format_row {
	struct format f;
	enum showcase_format id;
};
extern const struct format_table showcase_formats;
/* The showcase of the cycle whose stats are s (from m, computed on bl). */
void showcase_render(struct sbuf *out, const struct backlog *bl,
		     const struct metrics *m, const struct cycle_stats *s,
		     enum showcase_format f);

/* showcase_json.c: the showcase as one JSON object. */
void showcase_json(struct sbuf *out, const struct backlog *bl,
		   const struct metrics *m, const struct cycle_stats *s);

#endif
