/*
 * rank_out: the order `docket rank` proposes (core/rank.h) as text (the
 * changes to ORDER) or as JSON, for scripts and CI jobs that want the
 * proposal without parsing text.
 *
 * Renders into a caller-owned sbuf and borrows the plan; prints nothing.
 * Titles go through formats/json.h, so the output is always valid JSON.
 */
#ifndef DOCKET_RANK_OUT_H
#define DOCKET_RANK_OUT_H

#include "core/rank.h"
#include "core/sbuf.h"
#include "formats/format.h"

/* One line per entry whose place changes: "  MKT-3  #5 → #2  score 12"
 * (the text format's body, and --apply's commit message body). */
void rank_changes(struct sbuf *out, const struct rank_plan *p);
/* "2 moves, 1 newly ranked; 3 others shift with them.\n" */
void rank_summary(struct sbuf *out, const struct rank_plan *p);

/*
 * `docket rank --format` (formats/format.h).  text: a heading, changes
 * (rank_changes' lines) and the summary, or that ORDER already follows
 * the order.  json:
 *
 * {"by": "wsjf", "changes": N, "shifted": N,
 *  "proposal": [{"id", "title", "rank_from" (null: newly ranked),
 *                "rank_to", "score" (null: cannot be computed), "mvl",
 *                "moved", "needed_by" (null or the id it is pulled up
 *                for)}, ...] (every entry of the proposed ORDER, in
 *                order; an unknown id has a null title and score),
 *  "leaving": [{"id", "title", "rank_from", "status"}, ...] (done and
 *              stopped items that leave ORDER),
 *  "unknown": ["MKT-99", ...] (ids ORDER lists with no readable item),
 *  "kept": [{"id", "section", "would_be": "above"|"below", "other",
 *            "other_section"}, ...] (items the sections of ORDER keep
 *            from their place; a section is its header line, null for
 *            the top),
 *  "empty_sections": ["# MVL", ...] (headers left with no item)}
 */
/* The items kept in their section and the empty sections, as lines (or
 * nothing); prune: the empty sections are being removed. */
void rank_kept_text(struct sbuf *out, const struct rank_plan *p, int prune);

struct rank_format {
	struct format f;
	void (*render)(struct sbuf *out, const struct rank_plan *p,
		       const struct sbuf *changes);
};
extern const struct format_table rank_formats;

#endif
