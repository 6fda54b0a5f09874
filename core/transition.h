/*
 * transition: what a status change does to an item (docs/reference.md):
 * the front-matter edits and whether the item leaves ORDER.  Pure: it
 * reads the item and returns edits for core/edit.h; nothing is written.
 *
 *   entering doing      started: today, unless the item has one;
 *                       over_wip: today when the caller overrides the WIP
 *                       limit (core/wip.h)
 *   leaving doing       over_wip removed
 *   entering blocked    blocked_reason required (the --reason given, or
 *                       one already in the file); blocked_from: the
 *                       status it leaves (idea, ready, planned, doing), so
 *                       that unblock can return to it
 *   leaving blocked     blocked_reason and blocked_from removed (git
 *                       keeps the history)
 *   entering stopped    stop_reason required; finished: today; a result
 *                       (lost, inconclusive) when given: a stopped
 *                       experiment with a result is learning delivered;
 *                       refused for a done item (reopen it first)
 *   entering done       finished: today; an experiment needs a result
 *                       (won, lost, inconclusive: given or already in the
 *                       file); --actual sets actual; refused while
 *                       Definition-of-Done boxes are unchecked, unless
 *                       force: then dod_waived: records the open boxes
 *                       and the reason (waive_reason, required), which
 *                       check's dod-unchecked accepts
 *   leaving done        dod_waived removed
 *   done or stopped     the item leaves ORDER
 *   reopening           (done/stopped -> an open status) finished removed
 *
 * Setting the same status again changes no date; only the given reason,
 * result and actual are applied.
 *
 * Ownership: a struct transition owns the strings its ops point to
 * (except keys, which are literals, and values borrowed from opts);
 * transition_release frees them.
 */
#ifndef DOCKET_TRANSITION_H
#define DOCKET_TRANSITION_H

#include <stddef.h>

#include "core/edit.h"
#include "core/item.h"

struct transition_opts {
	const char *reason;       /* blocked_reason / stop_reason */
	const char *result;       /* done: won | lost | inconclusive;
				   * stopped: lost | inconclusive */
	const char *actual;       /* done: the measured value */
	int force;                /* done although DoD boxes are open: the
				   * boxes and reason go to dod_waived: */
	const char *waive_reason; /* done --force --reason: why (required
				   * when boxes are open) */
	int over_wip;             /* entering doing over the WIP limit */
	long today;               /* a day number (core/date.h); 0: today */
};

#define TRANSITION_MAX_OPS 12

struct transition {
	enum item_status from, to;
	struct edit_op ops[TRANSITION_MAX_OPS];
	size_t nops;
	int leave_order;          /* remove the id from ORDER */
	char today[16];           /* the date written (YYYY-MM-DD) */
	char waived[640];         /* dod_waived's value */
};

/*
 * Plan moving it to status to.  Returns 0, DK_EREFUSED when a rule
 * refuses (a missing reason or result, open DoD boxes; the message in
 * errs says what to do), DK_EUSAGE for a bad result value, DK_EINVALID
 * when the item did not parse.
 */
int transition_plan(struct transition *t, const struct item *it,
		    enum item_status to, const struct transition_opts *o,
		    struct diag_list *errs);
/* Where `unblock` takes a blocked item: its blocked_from (when that is
 * idea, ready, planned or doing), else doing when it has started, else
 * ready. */
enum item_status transition_unblock_to(const struct item *it);

#endif
