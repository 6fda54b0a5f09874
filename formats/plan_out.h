/*
 * plan_out: what `docket plan` shows (core/plan.h): the cycle, its
 * dates and where its capacity comes from; one line per item walked
 * ("take" or "skip", id, effort, the reason, the title cut to width);
 * what is committed, and how to apply it unless applied.
 *
 * Renders into a caller-owned sbuf and borrows the plan; prints
 * nothing.  Names and titles from files are escaped for the terminal.
 */
#ifndef DOCKET_PLAN_OUT_H
#define DOCKET_PLAN_OUT_H

#include <stddef.h>

#include "core/plan.h"
#include "core/sbuf.h"

/* width: the terminal's, or 0 (no cut). */
void plan_text(struct sbuf *out, const struct plan *p, size_t width,
	       int applied);

#endif
