/*
 * rank_out: the order `docket rank` proposes (core/rank.h) as JSON, for
 * scripts and CI jobs that want the proposal without parsing text.
 *
 * Renders into a caller-owned sbuf and borrows the plan; prints nothing.
 * Titles go through formats/json.h, so the output is always valid JSON.
 */
#ifndef DOCKET_RANK_OUT_H
#define DOCKET_RANK_OUT_H

#include "core/rank.h"
#include "core/sbuf.h"

/*
 * {"by": "wsjf", "changes": N, "shifted": N,
 *  "proposal": [{"id", "title", "rank_from" (null: newly ranked),
 *                "rank_to", "score" (null: cannot be computed), "mvl",
 *                "moved", "needed_by" (null or the id it is pulled up
 *                for)}, ...] (every entry of the proposed ORDER, in
 *                order; an unknown id has a null title and score),
 *  "leaving": [{"id", "title", "rank_from", "status"}, ...] (done and
 *              stopped items that leave ORDER),
 *  "unknown": ["MKT-99", ...] (ids ORDER lists with no readable item)}
 */
void rank_json(struct sbuf *out, const struct rank_plan *p);

#endif
